"""What one email is, from its bytes: who, which thread, and what kind of mail.

No knowledge of the record here: `read(raw)` says whether a message is an
automatic reply (and until when the person is away), a delivery failure
(and for which addresses), an invitation, or a person writing; the services
decide what it means for an opportunity. A message that cannot be read
gives a `Mail` with `problem` set, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from followup.transports.mail_away import is_auto_reply
from followup.transports.mail_bounce import failed_recipients, is_bounce

_ID = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")  # printable ASCII, no spaces or angle brackets


@dataclass(frozen=True, slots=True)
class Mail:
    message_id: str | None
    sender: str  # the address, lower case ("" when none)
    sender_name: str
    recipients: tuple[str, ...]  # To and Cc, lower case
    subject: str
    date: datetime | None
    thread: tuple[str, ...]  # In-Reply-To first, then References (newest first)
    auto_reply: bool = False
    bounce: bool = False
    failed: tuple[str, ...] = ()  # for a bounce: the addresses that failed
    invite: bool = False
    bulk: bool = False  # a list or newsletter (List-Id, List-Unsubscribe, Precedence: bulk)
    headers_only: bool = False
    problem: str | None = None
    message: EmailMessage | None = field(default=None, repr=False, compare=False)


def read(raw: bytes, *, headers_only: bool = False) -> Mail:
    """`headers_only`: a quick look (the compat32 parser, no body) to decide on a fetch."""
    try:
        if headers_only:
            return _read(BytesHeaderParser(policy=compat32).parsebytes(raw), True)
        message = message_from_bytes(raw, policy=policy.default)
        return _read(message, False)
    except Exception as error:  # a malformed message is reported, never a crash of the run
        return Mail(None, "", "", (), "", None, (), problem=f"{type(error).__name__}: {error}")


def _read(message: Message, headers_only: bool) -> Mail:
    if not message.keys():
        raise ValueError("no headers: not an email message")
    name, sender = parseaddr(_header(message, "From"))
    if headers_only:  # compat32 leaves encoded words as they are; decode the name
        name = str(make_header(decode_header(name))) if "=?" in name else name
    recipients = tuple(
        address.lower()
        for _, address in getaddresses([_header(message, "To"), _header(message, "Cc")])
        if address
    )
    thread = tuple(_ID.findall(_header(message, "In-Reply-To")))
    thread += tuple(reversed(_ID.findall(_header(message, "References"))))
    bounce = is_bounce(message, sender)
    return Mail(
        message_id=_message_id(message),
        sender=sender.lower(), sender_name=name, recipients=recipients,
        subject=" ".join(_header(message, "Subject").split()),
        date=_date(message), thread=tuple(dict.fromkeys(thread)),
        auto_reply=not bounce and is_auto_reply(message),
        bounce=bounce,
        failed=() if not isinstance(message, EmailMessage) or not bounce
        else failed_recipients(message),
        invite=isinstance(message, EmailMessage) and _has_calendar(message),
        bulk=_is_bulk(message), headers_only=headers_only,
        message=message if isinstance(message, EmailMessage) else None,
    )


def _header(message: Message, name: str) -> str:
    """A header as text; a header the parser could not make sense of, raw."""
    try:
        value = message.get(name)
    except Exception:  # a header defect: fall back on the raw value
        value = message.get_all(name, failobj=[""])[0] if name in message else ""
    return "" if value is None else str(value)


def _message_id(message: Message) -> str | None:
    found = _ID.search(_header(message, "Message-ID"))
    return found.group(0) if found else None


def _date(message: Message) -> datetime | None:
    try:
        moment = parsedate_to_datetime(_header(message, "Date"))
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else None


def _has_calendar(message: Message) -> bool:
    return any(part.get_content_type() == "text/calendar" for part in message.walk())


def _is_bulk(message: Message) -> bool:
    precedence = _header(message, "Precedence").strip().lower()
    return bool(_header(message, "List-Id") or _header(message, "List-Unsubscribe")
                or precedence in ("bulk", "list", "junk"))


def plain_text(message: EmailMessage) -> str:
    """The message's readable text: the plain part, else the HTML stripped of tags."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        content = part.get_content()
    except Exception:  # an unknown charset, a broken part: no text rather than no sync
        return ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        content = re.sub(r"(?is)<(script|style).*?</\1>", " ", content)
        content = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", content)
        content = re.sub(r"<[^>]+>", " ", content)
    return content
