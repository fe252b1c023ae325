"""Delivery failures: RFC 3464 reports and the plain-text kind mail servers still send.

A report (`multipart/report; report-type=delivery-status`) names each
recipient and its `Action`; only `failed` is a bounce (`delayed` means the
server is still trying). A plain bounce comes from the Mailer-Daemon or the
postmaster with a telling subject; the addresses in its text are the
candidates, and the caller keeps those that belong to a contact.
"""

from __future__ import annotations

import re
from email.message import EmailMessage, Message

_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon")
_SUBJECTS = re.compile(
    r"undeliver|undelivered|delivery (status notification \(failure\)|failure|has failed)"
    r"|returned mail|mail delivery (failed|failure|subsystem)|failure notice"
    r"|nicht zustellbar|unzustellbar|non remis|non distribuable|échec de la remise",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def is_bounce(message: Message, sender: str) -> bool:
    if _is_report(message):
        return True
    local = sender.lower().partition("@")[0]
    subject = str(message.get("Subject", ""))
    return (local in _DAEMONS or not sender) and bool(_SUBJECTS.search(subject))


def _is_report(message: Message) -> bool:
    return (message.get_content_type() == "multipart/report"
            and str(message.get_param("report-type", "")).lower() == "delivery-status")


def failed_recipients(message: EmailMessage) -> tuple[str, ...]:
    """The addresses the report says failed (or, for a plain bounce, those it names)."""
    if _is_report(message):
        found = _from_report(message)
        if found is not None:
            return found
    text = _text_parts(message)
    seen = dict.fromkeys(a.lower() for a in _ADDRESS.findall(text))
    return tuple(a for a in seen if a.partition("@")[0] not in _DAEMONS)


def _from_report(message: EmailMessage) -> tuple[str, ...] | None:
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        failed: list[str] = []
        for block in _status_blocks(part):
            recipient = block.get("final-recipient") or block.get("original-recipient") or ""
            address = recipient.partition(";")[2].strip().strip("<>").lower()
            if address and block.get("action", "").strip().lower() == "failed":
                failed.append(address)
        return tuple(dict.fromkeys(failed))
    return None


def _status_blocks(part: Message) -> list[dict[str, str]]:
    """The per-message and per-recipient field groups of a delivery-status part."""
    payload = part.get_payload()
    blocks: list[dict[str, str]] = []
    if isinstance(payload, list):  # the parser split it into header groups
        for group in payload:
            if isinstance(group, Message):
                blocks.append({k.lower(): str(v) for k, v in group.items()})
        return blocks
    text = payload if isinstance(payload, str) else ""
    for chunk in re.split(r"\r?\n\s*\r?\n", text):
        fields = {}
        for line in chunk.splitlines():
            name, colon, value = line.partition(":")
            if colon:
                fields[name.strip().lower()] = value.strip()
        blocks.append(fields)
    return blocks


def _text_parts(message: EmailMessage) -> str:
    texts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                content = part.get_content()
            except Exception:  # an unknown charset in a bounce: skip that part
                continue
            texts.append(content if isinstance(content, str) else "")
    return "\n".join(texts)
