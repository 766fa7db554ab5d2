"""The SSRF guard: resolve a host, refuse private addresses, connect to the address we vetted.

Checking a name and then letting the HTTP stack resolve it again would let a second DNS answer
(rebinding) or a redirect reach an internal address. So the guard sits in the network backend:
every connection - the first request and each redirect hop - resolves once, vets every
address, and connects to a vetted address only.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable

import httpcore

from dlnotes.linkcheck.streams import AsyncioBackend, TcpOnlyBackend

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# host, port -> addresses; injectable so tests can play DNS.
Resolver = Callable[[str, int], Awaitable[list[str]]]

PRIVATE_ADDRESS = "private address"


class DnsFailure(httpcore.ConnectError):
    """The host's name does not resolve: a lasting failure, never retried."""


class PrivateAddressRefused(httpcore.ConnectError):
    """The host resolves to an address the guard refuses."""


def is_refused(address: IPAddress, allowed: Iterable[IPNetwork] = ()) -> bool:
    """True for addresses a link must not reach: private, loopback, link-local, multicast,
    unspecified or otherwise not global - unless a network in `allowed` holds it."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if any(address in network for network in allowed):
        return False
    # `is_global` is False for private, loopback, link-local, shared (100.64/10), unspecified,
    # reserved and documentation ranges; multicast is named for itself.
    return not address.is_global or address.is_multicast


def parse_networks(networks: Iterable[str]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(network, strict=False) for network in networks)


async def system_resolve(host: str, port: int) -> list[str]:
    # An address needs no lookup: asking the resolver anyway costs a trip through the loop's
    # thread pool on every connection. (`127.1` is no address to ipaddress: it is looked up.)
    with contextlib.suppress(ValueError):
        ipaddress.ip_address(host)
        return [host]
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise DnsFailure(f"DNS: cannot resolve {host}") from exc
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


class GuardedBackend(TcpOnlyBackend):
    """An httpcore network backend that resolves, vets and connects to a vetted address."""

    def __init__(
        self,
        *,
        guard: bool,
        allowed: Iterable[IPNetwork] = (),
        resolve: Resolver | None = None,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._guard = guard
        self._allowed = tuple(allowed)
        self._resolve = resolve or system_resolve
        self._inner = inner or AsyncioBackend()

    async def vetted_addresses(self, host: str, port: int) -> list[str]:
        addresses = await self._resolve(host, port)
        if not addresses:
            raise DnsFailure(f"DNS: no address for {host}")
        if self._guard:
            # One private answer refuses the host: a name that mixes public and private
            # addresses is how rebinding tricks a checker that tries the public one first.
            for address in addresses:
                if is_refused(ipaddress.ip_address(address.split("%")[0]), self._allowed):
                    raise PrivateAddressRefused(f"{PRIVATE_ADDRESS}: {host} resolves to {address}")
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.vetted_addresses(host, port)
        last_error: Exception | None = None
        for address in addresses:
            try:
                # TLS still verifies and sends SNI for `host`: httpcore passes the origin's
                # name to start_tls, not the address we connect to.
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
