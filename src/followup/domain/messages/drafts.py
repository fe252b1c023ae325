"""Drafting: the message for one planned action, written from the user's own notes.

`draft()` builds the template variables (context.py), renders the kind's
template in the sandbox (render.py), and runs the checks (checks.py) on what
came out, so a draft that still needs the user (a `[[add: ...]]` marker)
says so in its findings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from followup.domain.messages import render
from followup.domain.messages.checks import (
    CALL_NOTES,
    VOICEMAIL,
    check_body,
    check_subject,
)
from followup.domain.messages.context import Scene, build, scene_for
from followup.domain.messages.findings import Finding
from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Opportunity,
    Profile,
)
from followup.domain.settings import PlaybookSettings

# Kinds written to each interviewer, whose notes must differ from each other (R2, 002).
PER_INTERVIEWER = frozenset(
    {ActionKind.THANK_YOU, ActionKind.HANDWRITTEN_NOTE, ActionKind.LINKEDIN_INVITE}
)
LINKEDIN_BREVITY = 3  # the invitation template offers this many lengths, longest first


@dataclass(frozen=True, slots=True)
class Part:
    """Something that goes with the message: a voicemail script, notes for a call."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Draft:
    key: str
    kind: ActionKind
    channel: Channel | None
    to_name: str | None
    to_email: str | None
    subject: str | None  # None when the message is not an email
    body: str
    findings: tuple[Finding, ...]
    parts: tuple[Part, ...] = ()
    advice: tuple[str, ...] = ()  # for the user's eyes only: never part of the message

    def part(self, name: str) -> str | None:
        return next((p.text for p in self.parts if p.name == name), None)


def draft(
    profile: Profile,
    opportunity: Opportunity,
    action: Action,
    settings: PlaybookSettings,
    *,
    templates_dir: Path | str | None = None,
    lang: str = render.DEFAULT_LANG,
) -> Draft:
    """The draft for `action`, with the findings of the checks on it."""
    folder = None if templates_dir is None else str(templates_dir)
    scene = scene_for(profile, opportunity, action, settings)
    variables = build(scene)
    rendered = _render(scene, variables, folder, lang)
    callback = variables.get("callback", {}).get("named")
    subject, body, body_kind, parts = _arrange(action, rendered)
    findings = [*check_subject(action.kind, subject)] if subject is not None else []
    findings += check_body(body_kind, body, settings=settings,
                           siblings=_siblings(scene, folder, lang),
                           callback_expected=callback if body_kind == VOICEMAIL else None)
    for part in parts:
        findings += [f.moved(0, part.name) for f in check_body(
            part.name, part.text, settings=settings,
            callback_expected=callback if part.name == VOICEMAIL else None)]
    contact = scene.contact
    return Draft(
        key=action.key,
        kind=action.kind,
        channel=action.channel,
        to_name=contact.name if contact is not None else None,
        to_email=contact.email if contact is not None else None,
        subject=subject,
        body=body,
        findings=tuple(findings),
        parts=parts,
        advice=tuple(line for line in rendered.get("advice", "").split("\n") if line),
    )


def _render(scene: Scene, variables: dict[str, Any], folder: str | None,
            lang: str) -> dict[str, str]:
    name = scene.action.kind.value
    if scene.action.kind is not ActionKind.LINKEDIN_INVITE:
        return render.parts(name, variables, user_dir=folder, lang=lang)
    limit = scene.settings.linkedin_note_limit
    rendered: dict[str, str] = {}
    for brevity in range(LINKEDIN_BREVITY):  # the longest note that fits the limit (R4)
        rendered = render.parts(name, {**variables, "brevity": brevity}, user_dir=folder,
                                lang=lang)
        if len(rendered.get("body", "")) <= limit:
            break
    return rendered


def _arrange(
    action: Action, rendered: dict[str, str]
) -> tuple[str | None, str, str, tuple[Part, ...]]:
    """The subject and message itself, the kind to check it as, and what goes with it.

    R9 on the phone: attempt 1 is a voicemail alone; later attempts are a call,
    a voicemail if nobody answers, and an email.
    """
    subject, body = rendered.get("subject") or None, rendered.get("body", "")
    if action.kind is ActionKind.FOLLOW_UP and action.channel is Channel.PHONE:
        spoken = tuple(Part(name, rendered[name]) for name in (VOICEMAIL, CALL_NOTES)
                       if rendered.get(name))
        if (action.attempt or 1) == 1 or not body:
            voicemail = rendered.get(VOICEMAIL, "")
            return None, voicemail, VOICEMAIL, tuple(p for p in spoken if p.name != VOICEMAIL)
        return subject, body, action.kind.value, spoken
    return subject, body, action.kind.value, ()


def _siblings(scene: Scene, folder: str | None, lang: str) -> list[str]:
    """The same kind of note to the other interviewers of the same interview."""
    action, interview = scene.action, scene.interview
    if action.kind not in PER_INTERVIEWER or interview is None:
        return []
    bodies = []
    for ref in interview.interviewers:
        if ref == action.contact or scene.opportunity.contact(ref) is None:
            continue
        other = scene_for(scene.profile, scene.opportunity, replace(action, contact=ref),
                          scene.settings)
        bodies.append(_render(other, build(other), folder, lang).get("body", ""))
    return bodies

