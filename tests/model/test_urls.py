from __future__ import annotations

import pytest

from dlnotes.urls import domain_of, normalize_url, tracking_params


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
