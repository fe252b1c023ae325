"""A drafted email as an RFC 5322 message (`.eml`) that any mail client opens.

Headers go through the standard library's header registry: display names
and subjects outside ASCII are encoded (RFC 2047), long lines are folded, and
a value with a line break is refused outright, so no name or subject can
smuggle in a header of its own. The Date is an argument (this module never
reads the clock) and the Message-ID is derived from the draft's key and that
date, so the same draft gives the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from hashlib import blake2b

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


def build(mail: Mail) -> EmailMessage:
    message = EmailMessage(policy=policy.default)
    message["From"] = _address("From", mail.sender_name, mail.sender_email)
    message["To"] = _address("To", mail.to_name, mail.to_email)
    message["Subject"] = _clean("Subject", mail.subject)
    message["Date"] = _date(mail.date)
    message["Message-ID"] = message_id(mail.key, mail.date, mail.sender_email)
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft ready to send
    body = mail.body if mail.body.endswith("\n") else mail.body + "\n"
    message.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    return message


def to_bytes(mail: Mail) -> bytes:
    """The message as a file: 7-bit clean, a body that parses back exactly.

    Lines end in LF, as mail files on disk do (every client reads them, and
    `email` with `policy=default` gives back the very body that went in); a
    transport that speaks SMTP re-serialises with `policy.SMTP` for CRLF.
    """
    return build(mail).as_bytes(policy=policy.default)


def message_id(key: str, date: datetime, sender_email: str) -> str:
    digest = blake2b(f"{key}\x1f{date.isoformat()}".encode(), digest_size=12).hexdigest()
    domain = sender_email.rpartition("@")[2] if "@" in sender_email else ""
    if not re.fullmatch(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*", domain):
        domain = FALLBACK_DOMAIN
    return f"<{digest}.{len(key)}@{domain}>"


def _clean(field: str, value: str) -> str:
    found = _CONTROL.search(value)
    if found is not None:
        what = "a line break" if found.group(0) in "\r\n\x0b\x0c\x85\u2028\u2029" else (
            "a control character")
        raise UnsafeHeader(f"{field}: {value!r} contains {what}; refusing to write it into a "
                           "mail header")
    return value


def _address(field: str, name: str, email: str) -> Address:
    _clean(field, email)
    if not email.isascii():
        raise UnsafeHeader(f"{field}: {email!r} has characters outside ASCII, which not every "
                           "mail server accepts; use a plain ASCII address")
    try:
        return Address(display_name=_clean(field, name), addr_spec=_clean(field, email))
    except UnsafeHeader:
        raise
    except (ValueError, IndexError) as exc:
        raise UnsafeHeader(f"{field}: {email!r} is not an email address ({exc})") from None


def _date(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the Date header needs an aware datetime")
    return format_datetime(moment)
