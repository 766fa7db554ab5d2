"""Extra request headers (`--header`), each for every host or for one host and its subdomains.

A header for every host is what lychee's `--header` sends, and it sends a secret to every site
the notes link to (lycheeverse/lychee#1298). So a credential header (Authorization, Cookie,
Proxy-Authorization) must name its host and goes only over https (or to this machine), and
a value can come from the environment (`${TOKEN}`), so that it need not be written in a
committed config file.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# RFC 9110 token characters: a header name has no `=` and no `:`, which is what lets
# `HOST=Name: value` and `Name: value` be told apart.
_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9.\-]*[a-z0-9])?")  # a name or an IPv4 address
_FROM_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
CREDENTIALS = frozenset({"authorization", "cookie", "proxy-authorization"})


@dataclass(frozen=True)
class HeaderRule:
    """`name: value` sent with every request to `host` (and its subdomains), or to every host
    when `host` is None."""

    name: str
    value: str
    host: str | None = None

    def applies_to(self, host: str) -> bool:
        return self.host is None or host == self.host or host.endswith("." + self.host)

    def __repr__(self) -> str:  # never show a credential's value in a log or a traceback
        return f"HeaderRule({self.name!r}, {self.host!r})"


def parse_header(text: str) -> HeaderRule:
    """`Name: value` or `HOST=Name: value`; each `${VAR}` in the value is read from the
    environment. Raises ValueError saying what is wrong."""
    scope, equals, rest = text.partition("=")
    if equals and "://" in scope:
        raise ValueError(f"{scope!r} is not a host name (write it without scheme or path)")
    if equals and ":" not in scope:
        host: str | None = scope.strip().lower()
        spec = rest
    else:
        host, spec = None, text
    name, colon, value = spec.partition(":")
    name, value = name.strip(), value.strip()
    if not colon or not _NAME.fullmatch(name):
        raise ValueError(f"expected `Name: value` or `HOST=Name: value`, got {text!r}")
    if host is not None and not _HOST.fullmatch(host):
        raise ValueError(f"{host!r} is not a host name (write it without scheme or path)")
    if "\r" in value or "\n" in value:
        raise ValueError(f"the value of {name} holds a line break")
    if host is None and name.lower() in CREDENTIALS:
        raise ValueError(
            f"{name} would go to every host the notes link to: name its host, `HOST={name}: ...`"
        )
    missing = [var for var in _FROM_ENV.findall(value) if var not in os.environ]
    if missing:
        raise ValueError(f"{name}: the environment has no {missing[0]}")
    value = _FROM_ENV.sub(lambda found: os.environ[found.group(1)], value)
    return HeaderRule(name, value, host)


def headers_for(url: str, rules: Iterable[HeaderRule]) -> dict[str, str]:
    """The extra headers of a request to `url`; a rule for its host wins over one for every
    host, a later rule over an earlier one. A credential goes only over https, or to this
    machine, where no one on the way can read it (what browsers call a secure context): a
    note's `http://` link, or a redirect down to one, does not get it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    secure = parts.scheme == "https" or _is_loopback(host)
    chosen: dict[str, str] = {}
    ordered = sorted(rules, key=lambda rule: rule.host is not None)  # stable: order kept
    for rule in ordered:
        if rule.applies_to(host) and (secure or rule.name.lower() not in CREDENTIALS):
            chosen[rule.name] = rule.value
    return chosen


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def rules_digest(rules: Iterable[HeaderRule]) -> str:
    """A short digest of the rules, values included, that tells two sets apart without
    holding any value: the link cache keeps it beside a refused answer."""
    text = "\n".join(f"{r.host or '*'}\t{r.name.lower()}\t{r.value}" for r in rules)
    return hashlib.sha256(text.encode()).hexdigest()[:12]
