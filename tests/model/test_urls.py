from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.urls import _normalize_split, domain_of, normalize_url, tracking_params


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("HTTPS://Example.COM/Path", "https://example.com/Path"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:80/x/", "http://example.com/x"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a#section", "https://example.com/a"),
        ("https://example.com/a?utm_source=x&id=3&fbclid=y", "https://example.com/a?id=3"),
        ("https://x.test/data%20science", "https://x.test/data science"),
        ("https://x.test/a?b=1&a=2", "https://x.test/a?b=1&a=2"),
    ],
)
def test_equivalent_urls_normalise_alike(a: str, b: str) -> None:
    assert normalize_url(a) == normalize_url(b)


def test_distinct_urls_stay_distinct() -> None:
    assert normalize_url("https://x.test/a?id=1") != normalize_url("https://x.test/a?id=2")
    assert normalize_url("https://x.test:8443/") != normalize_url("https://x.test/")
    assert normalize_url("https://x.test/a%2Fb") != normalize_url("https://x.test/a/b")


def test_unicode_hosts_use_idna_and_malformed_urls_keep_an_identity() -> None:
    assert normalize_url("https://bücher.example/") == "https://xn--bcher-kva.example/"
    assert normalize_url(" http://[::1 ") == "http://[::1"


def test_tracking_params_and_domains() -> None:
    assert tracking_params("https://u.test/?siteID=1&LSNPUBID=2&q=3&utm_medium=x") == (
        "siteID",
        "LSNPUBID",
        "utm_medium",
    )
    assert domain_of("https://www.YouTube.com/watch") == "youtube.com"
    assert domain_of("not a url") == ""


_KEYS = st.sampled_from(["id", "v", "Page", "a.b", "q~", "utm_source", "si", "fbclid"])
_ODD = {  # one way each for a URL to leave the shortcut
    "scheme": st.sampled_from(["HTTPS", "ftp", "mailto", "Http"]),
    "host": st.text("aXZ0-.é_", min_size=1, max_size=8),
    "port": st.sampled_from(
        [":80", ":443", ":8080", ":", ":x", ":0", ":08080", ":65535", ":65536", ":99999"]
    ),
    "path": st.text("a/% é?#[]", max_size=6),
    "query": st.text("ab1-_.~=&;+ ", max_size=8),
    "user": st.sampled_from(["u@", "u:p@", "@"]),
}


@st.composite
def _urls(draw: st.DrawFn) -> str:
    """Plain URLs (the shortcut's), and URLs odd in one part, with trailing slashes,
    fragments and spaces about them."""
    odd = draw(st.sampled_from([None, None, *_ODD]))

    def part(name: str, plain: st.SearchStrategy[str]) -> str:
        return draw(_ODD[name] if odd == name else plain)

    scheme = part("scheme", st.sampled_from(["https", "http"]))
    labels = st.lists(st.text("abc019-", min_size=1, max_size=6), min_size=1, max_size=3)
    host = part("host", labels.map(".".join))
    host = draw(st.sampled_from(["", "", "www."])) + host
    pairs = st.lists(st.tuples(_KEYS, st.text("ab1-_.~", max_size=3)), max_size=3)
    query = part("query", pairs.map(lambda ps: "&".join(f"{k}={v}" for k, v in ps)))
    path = part("path", st.text("aZ09/._~-:@!$&'()*+,;=", max_size=12))
    url = f"{scheme}://{part('user', st.just(''))}{host}{part('port', st.just(''))}"
    url += (f"/{path}" if path else "") + (f"?{query}" if query else "")
    ends = st.sampled_from(["", "#frag", "/", "//", "#a b"])
    return draw(st.sampled_from(["", " "])) + url + draw(ends)


@settings(max_examples=3000, deadline=None, database=None)
@given(st.one_of(_urls(), st.text(max_size=30)))
def test_the_plain_path_gives_what_splitting_gives(url: str) -> None:
    # Most links take a shortcut that skips splitting them; it must never disagree.
    assert normalize_url(url) == _normalize_split(url.strip())
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        host = ""
    assert domain_of(url) == (host[4:] if host.startswith("www.") else host)
