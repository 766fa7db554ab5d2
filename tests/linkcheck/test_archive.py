"""The Wayback availability API, played by a real local server."""

from __future__ import annotations

from dlnotes.linkcheck.archive import lookup_many_sync, parse_availability
from dlnotes.linkcheck.headers import parse_header
from tests.linkcheck._helpers import availability, closed_port_url
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import status


def test_lookups_find_snapshots_and_answer_none_when_there_is_none(serve: Serve) -> None:
    api = serve({"/wayback/available": availability({"https://gone.test/a": "https://web.test/1"})})
    found = lookup_many_sync(
        ["https://gone.test/a", "https://never.test/b", "https://gone.test/a"],
        api.url("/wayback/available"),
    )
    assert found == {"https://gone.test/a": "https://web.test/1", "https://never.test/b": None}
    assert len(api.stats.requests) == 2  # one lookup per distinct URL
    method, path, _ = api.stats.requests[0]
    assert method == "GET" and "url=https%3A%2F%2Fgone.test%2Fa" in path


def test_failed_lookups_are_left_out_so_they_are_retried(serve: Serve) -> None:
    api = serve({"/broken": status(500), "/html": status(200, b"<html>not json</html>")})
    assert lookup_many_sync(["https://a.test/"], api.url("/broken")) == {}
    assert lookup_many_sync(["https://a.test/"], api.url("/html")) == {}
    assert lookup_many_sync(["https://a.test/"], closed_port_url("127.0.0.1")) == {}


def test_odd_answers_mean_no_snapshot() -> None:
    assert parse_availability([]) is None
    assert parse_availability({"archived_snapshots": {}}) is None
    assert (
        parse_availability(
            {"archived_snapshots": {"closest": {"available": False, "url": "https://w.test/"}}}
        )
        is None
    )
    assert (
        parse_availability(
            {"archived_snapshots": {"closest": {"available": True, "url": "javascript:x"}}}
        )
        is None
    )
    closest = {"available": True, "url": "https://w.test/1"}
    assert parse_availability({"archived_snapshots": {"closest": closest}}) == "https://w.test/1"


def test_the_endpoint_gets_the_headers_for_its_host_alone(serve: Serve) -> None:
    api = serve({"/wayback/available": availability({})})
    rules = (
        parse_header(f"{api.host}=Authorization: Bearer mirror-key"),
        parse_header("elsewhere.test=Cookie: a=1"),
    )
    lookup_many_sync(["https://gone.test/a"], api.url("/wayback/available"), header=rules)
    ((_, path, _),) = api.stats.requests
    sent = api.stats.headers[path]
    assert sent["authorization"] == "Bearer mirror-key"
    assert "cookie" not in sent
