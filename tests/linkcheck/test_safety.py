"""The SSRF guard: hosts are judged by the addresses they resolve to, at every hop, and the
connection goes to the address that was judged."""

from __future__ import annotations

import asyncio
import dataclasses
import ipaddress

import pytest

from dlnotes.linkcheck.checker import check_targets
from dlnotes.linkcheck.client import FetchError, fetch_text, make_client
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import CheckResult, Hop, Verdict
from dlnotes.linkcheck.safety import Resolver, is_refused, parse_networks, system_resolve
from tests.linkcheck._engine import check_one, target
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import redirect, status

REFUSED = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", REFUSED)
def test_private_addresses_are_refused(address: str) -> None:
    assert is_refused(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert not is_refused(ipaddress.ip_address(address))


def test_allowed_networks_lift_the_guard_for_themselves_only() -> None:
    allowed = parse_networks(["10.0.0.0/8"])
    assert not is_refused(ipaddress.ip_address("10.9.9.9"), allowed)
    assert is_refused(ipaddress.ip_address("192.168.0.1"), allowed)


@pytest.fixture
def guarded(fast_options: CheckOptions) -> CheckOptions:
    return dataclasses.replace(fast_options, allow_private=False)


def test_literal_private_ip_is_skipped_without_a_request(
    serve: Serve, guarded: CheckOptions
) -> None:
    server = serve({"/admin": status(200)})
    result = check_one(server.url("/admin"), guarded)
    assert result.status is Verdict.SKIPPED
    assert result.error == f"private address: {server.host} resolves to {server.host}"
    assert server.stats.count() == 0
    assert server.stats.connections == 0


def test_a_name_that_resolves_to_loopback_is_refused(serve: Serve, guarded: CheckOptions) -> None:
    # Not a literal IP: the guard looks at what `localhost` resolves to.
    server = serve({"/": status(200)}, host="127.0.0.1")
    result = check_one(f"http://localhost:{server.port}/", guarded)
    assert result.status is Verdict.SKIPPED
    assert result.error is not None and result.error.startswith("private address: localhost")
    assert server.stats.count() == 0


def test_allow_private_lifts_the_guard(serve: Serve, guarded: CheckOptions) -> None:
    server = serve({"/": status(200)}, host="127.0.0.1")
    result = check_one(
        f"http://localhost:{server.port}/", dataclasses.replace(guarded, allow_private=True)
    )
    assert result.status is Verdict.OK


def test_redirect_from_a_public_host_to_loopback_is_refused(
    serve: Serve, guarded: CheckOptions
) -> None:
    # The first server stands for a public host: its address is let through by
    # `allow_networks`, the guard stays on for every other address, 127.0.0.1 included.
    inside = serve({"/secret": status(200)}, host="127.0.0.1")
    public = serve({"/go": redirect(inside.url("/secret"), 302)})
    options = dataclasses.replace(guarded, allow_networks=(f"{public.host}/32",))
    result = check_one(public.url("/go"), options)
    assert result.status is Verdict.SKIPPED
    assert result.error == "private address: 127.0.0.1 resolves to 127.0.0.1"
    assert result.redirects == [Hop(public.url("/go"), 302)]
    assert public.stats.count("/go") == 1
    assert inside.stats.count() == 0 and inside.stats.connections == 0


def _run_with_resolver(url: str, options: CheckOptions, resolve: Resolver) -> CheckResult:
    async def run() -> CheckResult:
        async with make_client(options, resolve=resolve) as client:
            (result,) = await check_targets([target(url)], options, client=client)
        return result

    return asyncio.run(run())


def test_the_connection_goes_to_the_vetted_address(serve: Serve, guarded: CheckOptions) -> None:
    # `docs.example.test` has no DNS entry anywhere: the request can only reach the server if
    # the connection is made to the address our resolver gave and the guard vetted.
    server = serve({"/page": status(200)})
    answers = {"docs.example.test": [server.host]}

    async def resolve(host: str, port: int) -> list[str]:
        return answers[host]

    options = dataclasses.replace(guarded, allow_networks=(f"{server.host}/32",))
    result = _run_with_resolver(f"http://docs.example.test:{server.port}/page", options, resolve)
    assert result.status is Verdict.OK
    assert server.stats.headers["/page"]["host"] == f"docs.example.test:{server.port}"


def test_one_private_answer_refuses_the_host(serve: Serve, guarded: CheckOptions) -> None:
    server = serve({"/page": status(200)})

    async def resolve(host: str, port: int) -> list[str]:
        return [server.host, "127.0.0.1"]  # rebinding: a public answer with a private one

    options = dataclasses.replace(guarded, allow_networks=(f"{server.host}/32",))
    result = _run_with_resolver(f"http://mixed.example.test:{server.port}/page", options, resolve)
    assert result.status is Verdict.SKIPPED
    assert server.stats.count() == 0


def test_fetch_text_obeys_the_guard(serve: Serve, guarded: CheckOptions) -> None:
    server = serve({"/": status(200, b"<title>x</title>")})
    with pytest.raises(FetchError, match="private address"):
        asyncio.run(fetch_text(server.url("/"), guarded, 1000))
    assert server.stats.count() == 0


@pytest.mark.parametrize(
    "url",
    ["http://[::1]:9/", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:9/"],
)
def test_literal_private_addresses_are_refused_before_any_connection(
    url: str, guarded: CheckOptions
) -> None:
    result = check_one(url, guarded)
    assert result.status is Verdict.SKIPPED
    assert result.error is not None and result.error.startswith("private address:")


def test_an_address_is_taken_as_it_is_written_and_a_name_is_looked_up() -> None:
    async def run() -> None:
        # With the loop's thread pool shut, a lookup raises: only names may need one.
        await asyncio.get_running_loop().shutdown_default_executor()
        for address in ["127.0.0.1", "::1", "::ffff:127.0.0.1", "fe80::1%lo"]:
            assert await system_resolve(address, 80) == [address]
        for name in ["localhost", "127.1"]:  # `127.1` is an address only to getaddrinfo
            with pytest.raises(RuntimeError):
                await system_resolve(name, 80)

    asyncio.run(run())
