"""Reading and filing mail over IMAP, through imapclient (no hand-rolled protocol).

A `Mailbox` is one logged-in session. Reading is incremental: each folder
is read from the UID after the last one seen, and a changed UIDVALIDITY (the
server renumbered the folder) starts that folder again from the top, which
is safe because what a message taught the record is kept by Message-ID.
"""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from followup.transports.mail_login import Login
from followup.transports.mail_urls import Server
from followup.transports.smtp import Permanent, Transient

TIMEOUT = 30.0
BATCH = 500
SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "INBOX.Sent")
HEADERS = b"BODY.PEEK[HEADER]"
WHOLE = b"BODY.PEEK[]"


@dataclass(frozen=True, slots=True)
class Fetched:
    uid: int
    raw: bytes  # the header block, or the whole message when asked for


class Mailbox:
    def __init__(self, client: IMAPClient) -> None:
        self.client = client

    def close(self) -> None:
        with contextlib.suppress(IMAPClientError, OSError):
            self.client.logout()

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sent_folder(self) -> str | None:
        """The folder flagged \\Sent (RFC 6154), else one with a usual name."""
        folders = self.client.list_folders()
        for flags, _, name in folders:
            if b"\\Sent" in flags:
                return str(name)
        names = {str(name): str(name) for _, _, name in folders}
        return next((names[n] for n in SENT_NAMES if n in names), None)

    def open(self, folder: str) -> int:
        """Select `folder` read-only; its UIDVALIDITY."""
        answer = self.client.select_folder(folder, readonly=True)
        return int(answer[b"UIDVALIDITY"])

    def uids_after(self, last_uid: int) -> list[int]:
        # `N:*` always matches the newest message, even when its UID is below N.
        return sorted(uid for uid in self.client.search(["UID", f"{last_uid + 1}:*"])
                      if uid > last_uid)

    def fetch(self, uids: list[int], *, whole: bool) -> Iterator[Fetched]:
        part = WHOLE if whole else HEADERS
        key = b"BODY[]" if whole else b"BODY[HEADER]"
        for start in range(0, len(uids), BATCH):
            answer = self.client.fetch(uids[start : start + BATCH], [part])
            for uid in sorted(answer):
                yield Fetched(int(uid), bytes(answer[uid].get(key, b"")))

    def has_message_id(self, folder: str, message_id: str) -> bool:
        self.open(folder)
        return bool(self.client.search(["HEADER", "Message-ID", message_id]))

    def append(self, folder: str, raw: bytes) -> None:
        self.client.append(folder, raw, flags=[b"\\Seen"])


def connect(server: Server, login: Login, timeout: float = TIMEOUT) -> Mailbox:
    """A logged-in mailbox; Transient / Permanent errors as SMTP's."""
    # Loading the system's CA certificates costs ~50 ms: only when TLS is spoken.
    context = ssl.create_default_context() if server.tls else None
    try:
        client = IMAPClient(server.host, port=server.port, ssl=server.tls,
                            ssl_context=context, timeout=timeout)
    except (OSError, IMAPClientError) as error:
        raise Transient(f"could not reach {server.host}:{server.port} ({error})") from None
    try:
        if not server.tls:
            if b"STARTTLS" in client.capabilities():
                client.starttls(ssl.create_default_context())
            elif not server.loopback:
                raise Permanent(f"{server.host} offers no STARTTLS; refusing to send your "
                                "password in clear text (use imaps://)")
        login.imap(client)
    except IMAPClientError as error:
        _drop(client)
        raise Permanent(f"{server.host} refused the login ({error})") from None
    except BaseException:
        _drop(client)
        raise
    return Mailbox(client)


def _drop(client: IMAPClient) -> None:
    with contextlib.suppress(IMAPClientError, OSError):
        client.shutdown()
