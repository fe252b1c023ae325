"""A drafted email as an RFC 5322 message (`.eml`) that any mail client opens.

Headers go through the standard library's header registry: display names
and subjects outside ASCII are encoded (RFC 2047) and long lines are folded.
The registry also *decodes* encoded words it is given (`=?utf-8?q?Zo=0D=0A
Bcc:...?=`) and would fold a decoded line break into a header of its own, so
every value is checked after decoding, and a value with a line break or a
control character is refused outright. A word too long to fold is written
as encoded words, which fold anywhere, so no line passes 998 bytes. Last,
the message is parsed back and must hold exactly the intended headers and
one recipient, or nothing is written. The Date is an argument (this module never
reads the clock) and the Message-ID is derived from the draft's key and that
date, so the same draft gives the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from hashlib import blake2b

from followup.domain.limits import decoded_words, header_problem, shown

FALLBACK_DOMAIN = "followup.invalid"  # RFC 2606: a domain that can never be real
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


class UnsafeHeader(ValueError):
    """A value that must not go into a mail header (a line break, a control character)."""


@dataclass(frozen=True, slots=True)
class Mail:
    sender_name: str
    sender_email: str
    to_name: str
    to_email: str
    subject: str
    body: str
    date: datetime
    key: str  # the draft's key: the Message-ID is derived from it


HEADERS = ("From", "To", "Subject", "Date", "Message-ID", "X-Unsent",
           "Content-Type", "Content-Transfer-Encoding", "MIME-Version")
MAX_LINE = 998  # RFC 5322 2.1.1: bytes in a line, CRLF excluded
_FOLDABLE_WORD = 60  # a word longer than this may not fold: encode it


def build(mail: Mail) -> EmailMessage:
    message = EmailMessage(policy=policy.default)
    message["From"] = _address("From", mail.sender_name, mail.sender_email)
    message["To"] = _address("To", mail.to_name, mail.to_email)
    message["Subject"] = _unstructured("Subject", _clean("Subject", mail.subject))
    message["Date"] = _date(mail.date)
    message["Message-ID"] = message_id(mail.key, mail.date, mail.sender_email)
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft ready to send
    body = mail.body if mail.body.endswith("\n") else mail.body + "\n"
    message.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    verify(message.as_bytes(policy=policy.default), mail)  # whoever sends it, checked here
    return message


def to_bytes(mail: Mail) -> bytes:
    """The message as a file: 7-bit clean, a body that parses back exactly.

    Lines end in LF, as mail files on disk do (every client reads them, and
    `email` with `policy=default` gives back the very body that went in); a
    transport that speaks SMTP re-serialises with `policy.SMTP` for CRLF.
    """
    return build(mail).as_bytes(policy=policy.default)


def verify(raw: bytes, mail: Mail) -> None:
    """The message reads back with exactly our headers, one recipient, short lines."""
    if any(len(line) > MAX_LINE for line in raw.split(b"\n")):
        raise UnsafeHeader(f"a line of the message is longer than {MAX_LINE} bytes")
    parsed = message_from_bytes(raw, policy=policy.default)
    if list(parsed.keys()) != list(HEADERS):
        raise UnsafeHeader("the message would carry headers nobody wrote; refusing to write it")
    to = parsed["To"].addresses
    sender = parsed["From"].addresses
    if [a.addr_spec for a in to] != [mail.to_email] or (
        [a.addr_spec for a in sender] != [mail.sender_email]
    ):
        raise UnsafeHeader("the message would not go to exactly the one intended recipient")
    if not _same(str(parsed["Subject"]), mail.subject) or (
        not _same(to[0].display_name, mail.to_name)
    ):
        raise UnsafeHeader("a name or the subject would not read back as written")


def _same(read: str, written: str) -> bool:
    # A value that merely looks like an encoded word is written encoded, and
    # read back as the literal text, with a space where the reader joined
    # two of our encoded words: literal or decoded, it must match.
    return _words(read) == _words(written) or "".join(read.split()) == "".join(written.split())


def _words(text: str) -> str:
    # Encoded words in a value are decoded by every reader, the registry
    # included; a reader of a display name split into several encoded words
    # puts spaces between them (Python's does), so spacing is not compared.
    return "".join(decoded_words(text).split())


def message_id(key: str, date: datetime, sender_email: str) -> str:
    digest = blake2b(f"{key}\x1f{date.isoformat()}".encode(), digest_size=12).hexdigest()
    domain = sender_email.rpartition("@")[2] if "@" in sender_email else ""
    if not re.fullmatch(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*", domain):
        domain = FALLBACK_DOMAIN
    return f"<{digest}.{len(key)}@{domain}>"


def _clean(field: str, value: str) -> str:
    problem = header_problem(value)
    if problem is None and _CONTROL.search(value):  # tabs are fine, these are not
        problem = "control character"
    if problem:
        raise UnsafeHeader(f"{field}: {shown(value)} contains a {problem}; refusing to write "
                           "it into a mail header")
    return value


class _Folded(str):
    """A header already folded here; the policy writes it as it is (`fold`)."""

    name: str

    def __new__(cls, name: str, folded: str) -> _Folded:
        made = super().__new__(cls, folded)
        made.name = name
        return made

    def fold(self, *, policy: object) -> str:
        return f"{self.name}: {self}\n"


def _too_long_to_fold(value: str) -> bool:
    return any(len(word.encode()) > _FOLDABLE_WORD for word in value.split())


def _encoded(value: str) -> str:
    """`value` as RFC 2047 encoded words, folded to short lines."""
    return Header(value, "utf-8", maxlinelen=76).encode(linesep="\n")


def _unstructured(field: str, value: str) -> str:
    if not _too_long_to_fold(value):
        return value
    return _Folded(field, _encoded(value))


def _address(field: str, name: str, email: str) -> Address | str:
    _clean(field, email)
    if not email.isascii():
        raise UnsafeHeader(f"{field}: {shown(email)} has characters outside ASCII, which not every "
                           "mail server accepts; use a plain ASCII address")
    try:
        address = Address(display_name=_clean(field, name), addr_spec=_clean(field, email))
    except UnsafeHeader:
        raise
    except (ValueError, IndexError) as exc:
        raise UnsafeHeader(f"{field}: {shown(email)} is not an email address ({exc})") from None
    if _too_long_to_fold(name):
        return _Folded(field, f"{_encoded(name)}\n <{address.addr_spec}>")
    return address


def _date(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the Date header needs an aware datetime")
    return format_datetime(moment)
