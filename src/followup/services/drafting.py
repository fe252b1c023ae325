"""Draft and check: the two message commands, as text, JSON or an .eml file.

`render_draft` drafts the message for one planned action (followup draft);
`run_check` runs the courtesy checks (R17) on the user's own words (followup
check). Both only read; the JSON shapes are those of CONTRACT.md, with a few
added fields (`channel`, `parts`, `advice`, and each finding's `field`,
`start`, `end`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from followup.domain.messages import Draft, Finding, TemplateProblem, check, draft
from followup.domain.model import Action, Opportunity, Profile
from followup.domain.settings import PlaybookSettings
from followup.services.errors import ServiceError
from followup.services.fill_in import fill_in_commands
from followup.transports import eml

DRAFT_FORMATS = ("text", "json", "eml")
CHECK_FORMATS = ("text", "json")
TEMPLATES_ENV = "FOLLOWUP_TEMPLATES"  # the templates-folder setting, when --templates is absent


def render_draft(
    profile: Profile,
    opportunity: Opportunity,
    action: Action,
    settings: PlaybookSettings,
    *,
    fmt: str,
    templates_dir: Path | str | None,
    now: datetime,
) -> str:
    """The draft for `action` in `fmt`; `now` dates the .eml (the clock is never read)."""
    if fmt not in DRAFT_FORMATS:
        raise ServiceError(f"unknown format {fmt!r} (choose from {', '.join(DRAFT_FORMATS)})")
    folder = templates_dir or os.environ.get(TEMPLATES_ENV) or None
    try:
        found = draft(profile, opportunity, action, settings, templates_dir=folder, now=now)
    except TemplateProblem as problem:
        raise ServiceError(str(problem)) from None
    fill_in = fill_in_commands(found, opportunity, action)  # issue 10: the command to type
    if fmt == "json":
        return json.dumps({**draft_json(found), "fill_in": fill_in}, ensure_ascii=False, indent=2)
    if fmt == "eml":
        return eml_text(found, profile, now)
    text = draft_text(found)
    if fill_in:
        text += "\n\nFill in the [[add: ...]] parts with:\n" + "\n".join(
            f"  {command}" for command in fill_in)
    return text


def run_check(
    kind: str,
    text: str,
    *,
    fmt: str,
    settings: PlaybookSettings | None = None,
    siblings: Sequence[str] = (),
) -> str:
    """The findings on `text` for a message of `kind`; ValueError for an unknown kind."""
    if fmt not in CHECK_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(CHECK_FORMATS)})")
    findings = check(kind, text, settings=settings, siblings=siblings)
    if fmt == "json":
        return json.dumps({"kind": kind, "findings": [f.as_dict() for f in findings]},
                          ensure_ascii=False, indent=2)
    if not findings:
        return "No findings: ready to send."
    lines = [_summary(findings)]
    lines += [f"  {_where(text, f)}: {f.severity.value} {f.code}: {f.message}" for f in findings]
    return "\n".join(lines)


def draft_json(found: Draft) -> dict[str, Any]:
    return {
        "key": found.key,
        "kind": found.kind.value,
        "channel": found.channel.value if found.channel else None,
        "to": {"name": found.to_name, "email": found.to_email},
        "subject": found.subject,
        "body": found.body,
        "findings": [f.as_dict() for f in found.findings],
        "parts": {part.name: part.text for part in found.parts},
        "advice": list(found.advice),
    }


def draft_text(found: Draft) -> str:
    lines: list[str] = []
    if found.to_name:
        address = f" <{found.to_email}>" if found.to_email and found.subject else ""
        lines.append(f"To: {found.to_name}{address}")
    if found.subject is not None:
        lines.append(f"Subject: {found.subject}")
    lines += ["", found.body] if lines else [found.body]
    for part in found.parts:
        lines += ["", f"--- {part.name.replace('_', ' ')} ---", part.text]
    if found.advice:
        lines += ["", "Advice:"] + [f"- {line}" for line in found.advice]
    lines += ["", _summary(list(found.findings))]
    lines += [f"  {_where(_field_text(found, f.field), f, f.field)}: {f.severity.value} "
              f"{f.code}: {f.message}" for f in found.findings]
    return "\n".join(lines)


def eml_text(found: Draft, profile: Profile, now: datetime) -> str:
    if found.subject is None:
        raise ServiceError(f"{found.key} is not an email ({_medium(found)}); "
                           "use --format text or json")
    if not found.to_email:
        who = found.to_name or "the recipient"
        raise ServiceError(f"{who} has no email address in your record; add one to write "
                           "an .eml")
    if not profile.email:
        raise ServiceError("your profile has no email address; add one to write an .eml")
    mail = eml.Mail(profile.name, profile.email, found.to_name or "", found.to_email,
                    found.subject, found.body, now, found.key)
    try:
        return eml.to_bytes(mail).decode("ascii")
    except ValueError as problem:
        raise ServiceError(str(problem)) from None


def _medium(found: Draft) -> str:
    channel = found.channel.value if found.channel else "none"
    return {"phone": "a phone call", "linkedin": "a LinkedIn note",
            "mail": "a note for the post"}.get(channel, "a checklist")


def _summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = len(findings) - errors
    if not findings:
        return "Checks: all clear."
    return (f"Checks: {errors} error{'' if errors == 1 else 's'}, "
            f"{warnings} warning{'' if warnings == 1 else 's'}")


def _field_text(found: Draft, field: str) -> str:
    if field == "subject":
        return found.subject or ""
    if field == "body":
        return found.body
    return found.part(field) or ""


def _where(text: str, finding: Finding, field: str | None = None) -> str:
    line = text.count("\n", 0, finding.start) + 1
    column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
    prefix = f"{field} " if field and field != "body" else ""
    return f"{prefix}line {line}, col {column}"
