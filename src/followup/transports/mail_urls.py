"""Mail server URLs (CONTRACT.md "Mail"): `smtps://user@host:port` and friends.

`smtps`/`imaps` speak TLS from the first byte; `smtp`/`imap` upgrade with
STARTTLS, and may stay in clear text only to a loopback host (a local relay,
a test server), since a password sent in clear over a network is a password
given away. A password may ride in the URL's user part, percent-encoded; it
is taken out here and never kept in the URL.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

DEFAULT_PORTS = {"smtps": 465, "smtp": 587, "imaps": 993, "imap": 143}
TLS_SCHEMES = frozenset({"smtps", "imaps"})


class MailUrlError(ValueError):
    """A mail server URL that cannot be used; the message names the option."""


@dataclass(frozen=True, slots=True)
class Server:
    scheme: str  # smtps, smtp, imaps, imap
    host: str
    port: int
    user: str

    @property
    def tls(self) -> bool:
        """TLS from the first byte (else STARTTLS, or clear text to loopback)."""
        return self.scheme in TLS_SCHEMES

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def url(self) -> str:
        """The URL without a password: safe to store and to show."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{quote(self.user, safe='')}@{host}:{self.port}"


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse(url: str, option: str, kind: str) -> tuple[Server, str | None]:
    """The server of `url` and the password it carried, if any.

    `kind` is "smtp" or "imap"; `option` names the command-line option in errors.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise MailUrlError(f"{option}: not a URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in (kind, kind + "s"):
        raise MailUrlError(f"{option}: use {kind}s:// (TLS) or {kind}:// (STARTTLS), "
                           f"not {scheme or 'no scheme'}://")
    if not parts.hostname:
        raise MailUrlError(f"{option}: the URL names no host")
    if not parts.username:
        raise MailUrlError(f"{option}: the URL names no user (write {scheme}://user@host)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise MailUrlError(f"{option}: a mail URL has only user, host and port")
    server = Server(scheme, parts.hostname, port or DEFAULT_PORTS[scheme], unquote(parts.username))
    password = unquote(parts.password) if parts.password is not None else None
    return server, password
