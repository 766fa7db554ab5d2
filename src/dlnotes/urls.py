"""URL identity: one normalisation for duplicates, the link cache and every report."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}

# Query parameters that identify a campaign or an affiliate, never the page. Udemy's
# `siteID`/`LSNPUBID` come from the LinkShare affiliate network.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "siteid",
        "lsnpubid",
        "ranmid",
        "raneaid",
        "ransiteid",
        "ref_src",
        "spm",
        "trk",
        "share",
        "si",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

# Characters that mean the same percent-encoded or not in a path; decoding them makes
# `data%20science` and `data science` one URL, while `%2F` stays encoded.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def tracking_params(url: str) -> tuple[str, ...]:
    """The names of tracking or affiliate parameters in a URL's query, in order."""
    if "?" not in url:
        return ()  # most links: no query to split
    try:
        query = urlsplit(url).query
    except ValueError:
        return ()
    return tuple(name for name, _ in parse_qsl(query, keep_blank_values=True) if _is_tracking(name))


def _normalize_path(path: str) -> str:
    decoded = unquote(path)
    if "%2f" in path.lower():
        # An encoded slash is part of a segment's name: keep the path as written.
        return path
    return quote(decoded, safe=_PATH_SAFE)


# A URL already in its normal form but for a trailing slash or a fragment: lower-case scheme
# and host, no user, a port without leading zeros if any, a path of characters that need no
# escaping, a query of plain `key=value` pairs. Most links are; they are told without
# splitting and joining them again (a tenth of the time, and normalising is done for every
# link of every build and check).
_PAIR = r"[A-Za-z0-9_.~-]+=[A-Za-z0-9_.~-]*"
_PLAIN_URL = re.compile(
    r"(https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([1-9][0-9]{0,4}))?"
    r"(/[A-Za-z0-9/:@!$&'()*+,;=._~-]*)?"
    rf"(?:\?({_PAIR}(?:&{_PAIR})*))?"
    r"(?:#.*)?",
    re.DOTALL,
)
_PLAIN_HOST = re.compile(
    r"https?://([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::[0-9]*)?(?:[/?#]|$)", re.I
)


def with_fragment(target: str, original: str) -> str:
    """`target`, where a redirect from `original` leads, with `original`'s fragment when it
    has none of its own: a browser carries it over (RFC 9110, 10.2.2), and the cache, which
    keys URLs without one, never holds it."""
    fragment = original.partition("#")[2]
    return f"{target}#{fragment}" if fragment and "#" not in target else target


def normalize_url(url: str) -> str:
    """The identity of a URL: lower-case scheme and host, no default port, no fragment, no
    tracking parameters, no trailing slash (but the root's), query otherwise kept in order.

    A URL that cannot be split is returned stripped, so that it still has an identity.
    """
    url = url.strip()
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None:
        origin, port, path, query = plain.groups()
        if port is not None:
            number = int(port)
            if number > 65535:  # no port: splitting says what such a URL becomes
                return _normalize_split(url)
            if number != DEFAULT_PORTS[origin.partition(":")[0]]:
                origin = f"{origin}:{port}"
        if not query or not any(_is_tracking(pair.partition("=")[0]) for pair in query.split("&")):
            path = (path.rstrip("/") or "/") if path else "/"
            return f"{origin}{path}?{query}" if query else origin + path
    return _normalize_split(url)


def _normalize_split(url: str) -> str:
    """`normalize_url` for any URL, by splitting it: the reference the plain path must match."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https", "ftp"):
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))
    host = (parts.hostname or "").lower().rstrip(".")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii") if host and not host.isascii() else host
    if ":" in host:
        host = f"[{host}]"
    netloc = host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    if parts.username:
        userinfo = parts.username + (f":{parts.password}" if parts.password else "")
        netloc = f"{userinfo}@{netloc}"
    path = _normalize_path(parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query_items = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query = urlencode(query_items, doseq=True) if query_items else ""
    return urlunsplit((scheme, netloc, path, query, ""))


def has_web_scheme(url: str) -> bool:
    """`http://` or `https://`, in any case: most links, told apart without a pattern."""
    return url[:8].lower().startswith(("http://", "https://"))


def domain_of(url: str) -> str:
    """The host of a URL without `www.`, lower-case; empty for a URL with no host."""
    plain = _PLAIN_HOST.match(url.strip())
    host = plain.group(1) if plain is not None else _hostname(url)
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def _hostname(url: str) -> str:
    """The host as `urlsplit` reads it: the reference for `domain_of`'s plain path."""
    try:
        return urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
