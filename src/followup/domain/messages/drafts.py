"""Drafting: the message for one planned action, written from the user's own notes.

`draft()` builds the template variables (context.py), renders the kind's
template in the sandbox (render.py), and runs the checks (checks.py) on what
came out, so a draft that still needs the user (a `[[add: ...]]` marker)
says so in its findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from followup.domain.messages import render
from followup.domain.messages import text as txt
from followup.domain.messages.checks import (
    CALL_NOTES,
    NEAR_DUPLICATE,
    SUBJECT_MAX,
    VOICEMAIL,
    check_body,
    check_subject,
)
from followup.domain.messages.context import Scene, build, scene_for
from followup.domain.messages.findings import Finding, Severity
from followup.domain.messages.phrasing import tidy_punctuation
from followup.domain.messages.situation import fact_index
from followup.domain.messages.variety import overlap
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
# Kinds whose templates can say less of what the notes share (`compact`).
COMPACTABLE = frozenset({ActionKind.THANK_YOU, ActionKind.HANDWRITTEN_NOTE})
NEAR_DUPLICATE_CODE = "near-duplicate"
LINKEDIN_BREVITY = 3  # the invitation template offers this many lengths, longest first
COMPACT_LEVELS = 3  # how far a note may cut what it shares with its siblings


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
    # Works out the record's facts the draft may name, (key, words), when asked:
    # most drafts are never asked, and drafting stays fast (bench/draft.py).
    fact_source: Callable[[], tuple[tuple[str, str], ...]] | None = field(
        default=None, compare=False, repr=False)

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        return () if self.fact_source is None else self.fact_source()

    def part(self, name: str) -> str | None:
        return next((p.text for p in self.parts if p.name == name), None)

    def sentence_facts(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each sentence of the body, with the keys of the record's facts it names."""
        return sentence_facts(self.body, self.facts)

    def leading_fact(self) -> str | None:
        """The first fact of the note that is not shared by every note (R2, 002)."""
        return leading_fact(self.body, self.facts)


def sentence_facts(body: str, facts: tuple[tuple[str, str], ...]
                   ) -> list[tuple[str, tuple[str, ...]]]:
    found = []
    lowered = [(key, words.lower()) for key, words in facts]
    for start, end in txt.sentences(body):
        sentence = body[start:end]
        low = sentence.lower()  # a note may open a sentence, capitalised
        found.append((sentence, tuple(key for key, words in lowered if words in low)))
    return found


def leading_fact(body: str, facts: tuple[tuple[str, str], ...]) -> str | None:
    """'notes:learned=the team is moving ...': key and words, so moments compare by text."""
    own = tuple((k, w, w.lower()) for k, w in facts
                if k.startswith("notes:") or k.endswith(":title"))
    low = body.lower()
    for start, end in txt.sentences(body):
        for key, words, lowered in own:
            if lowered in low[start:end]:
                return f"{key}={words}"
    return None


def draft(
    profile: Profile,
    opportunity: Opportunity,
    action: Action,
    settings: PlaybookSettings,
    *,
    templates_dir: Path | str | None = None,
    lang: str = render.DEFAULT_LANG,
    now: datetime | None = None,
) -> Draft:
    """The draft for `action`, with the findings of the checks on it.

    `now` is when the user sends it ("today", "yesterday" count from it); by
    default the action's due time, so the same record gives the same draft.
    """
    folder = None if templates_dir is None else str(templates_dir)
    scene = scene_for(profile, opportunity, action, settings, now)
    variables = build(scene)
    rendered, siblings = _compose(scene, variables, folder, lang)
    callback = variables.get("callback", {}).get("named")
    subject, body, body_kind, parts = _arrange(action, rendered)
    findings = [*check_subject(action.kind, subject)] if subject is not None else []
    findings += check_body(body_kind, body, settings=settings,
                           siblings=[text for text, _ in siblings],
                           callback_expected=callback if body_kind == VOICEMAIL else None)
    if siblings and not any(f.code == NEAR_DUPLICATE_CODE for f in findings):
        findings += _same_lead(body, fact_index(scene, variables), siblings)
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
        fact_source=partial(fact_index, scene, variables),
    )


def _lead_of(body: str, scene: Scene, variables: dict[str, Any]) -> str | None:
    return leading_fact(body, fact_index(scene, variables))


def _same_lead(body: str, facts: tuple[tuple[str, str], ...],
               siblings: list[tuple[str, Callable[[], str | None]]]) -> list[Finding]:
    """R17 on the facts: two notes of one panel must not lead with the same fact (002)."""
    mine = leading_fact(body, facts)
    if mine is None or all(lead() != mine for _, lead in siblings):
        return []
    shape = txt.layout(body)
    span = (shape.paragraphs[0][0], shape.paragraphs[-1][1]) if shape.paragraphs else (
        0, len(body))
    return [Finding(Severity.ERROR, NEAR_DUPLICATE_CODE,
                    "Another note for this interview leads with the same fact "
                    f"(“{mine.split('=', 1)[1]}”); lead each with what is that "
                    "interviewer's own (R2).", *span)]


def _render(scene: Scene, variables: dict[str, Any], folder: str | None,
            lang: str) -> dict[str, str]:
    name = scene.action.kind.value
    if scene.action.kind is not ActionKind.LINKEDIN_INVITE:
        return _tidied(render.parts(name, variables, user_dir=folder, lang=lang))
    limit = scene.settings.linkedin_note_limit
    rendered: dict[str, str] = {}
    for brevity in range(LINKEDIN_BREVITY):  # the longest note that fits the limit (R4)
        rendered = _tidied(render.parts(name, {**variables, "brevity": brevity},
                                        user_dir=folder, lang=lang))
        if len(rendered.get("body", "")) <= limit:
            break
    return rendered


def _tidied(rendered: dict[str, str]) -> dict[str, str]:
    """Notes quoted inside sentences never leave double punctuation ('great.'.)."""
    return {key: tidy_punctuation(value) for key, value in rendered.items()}


def _arrange(
    action: Action, rendered: dict[str, str]
) -> tuple[str | None, str, str, tuple[Part, ...]]:
    """The subject and message itself, the kind to check it as, and what goes with it.

    R9 on the phone: attempt 1 is a voicemail alone; later attempts are a call,
    a voicemail if nobody answers, and an email.
    """
    subject, body = fit_subject(rendered), rendered.get("body", "")
    if action.kind is ActionKind.FOLLOW_UP and action.channel is Channel.PHONE:
        spoken = tuple(Part(name, rendered[name]) for name in (VOICEMAIL, CALL_NOTES)
                       if rendered.get(name))
        if (action.attempt or 1) == 1 or not body:
            voicemail = rendered.get(VOICEMAIL, "")
            return None, voicemail, VOICEMAIL, tuple(p for p in spoken if p.name != VOICEMAIL)
        return subject, body, action.kind.value, spoken
    return subject, body, action.kind.value, ()


def fit_subject(rendered: dict[str, str]) -> str | None:
    """The subject, or the template's shorter one when it would be cut off (R17)."""
    subject = rendered.get("subject") or None
    if subject is None or len(subject) <= SUBJECT_MAX:
        return subject
    short = rendered.get("subject_short") or ""
    if short and len(short) <= SUBJECT_MAX:
        return short
    cut = subject[:SUBJECT_MAX].rsplit(" ", 1)[0]
    return cut.rstrip(" :,;-")


def _compose(scene: Scene, variables: dict[str, Any], folder: str | None,
             lang: str) -> tuple[dict[str, str], list[tuple[str, Callable[[], str | None]]]]:
    """The rendered parts of this note, and the bodies of its siblings.

    Notes to the interviewers of one interview are written in their order; a
    note that comes out too close to an earlier one (R2, 002) is written again
    saying less of what all the notes share (`compact` 1: without what was
    learned; 2: without the skill too), so its own moment carries it.
    """
    refs = _panel(scene, variables)
    if not refs:
        return _render(scene, variables, folder, lang), []
    mine: dict[str, str] = {}
    written: list[str] = []
    siblings: list[tuple[str, Callable[[], str | None]]] = []
    for ref in refs:
        own = ref == scene.action.contact
        other = scene if own else scene_for(scene.profile, scene.opportunity,
                                            replace(scene.action, contact=ref),
                                            scene.settings, scene.sent)
        values = variables if own else build(other)
        rendered = _distinct(other, values, written, folder, lang)
        written.append(rendered.get("body", ""))
        if own:
            mine = rendered
        else:
            siblings.append((written[-1], partial(_lead_of, written[-1], other, values)))
    return mine, siblings


def _panel(scene: Scene, variables: dict[str, Any]) -> list[str]:
    """Who gets this kind of note after this interview, when it is one per interviewer."""
    action, interview = scene.action, scene.interview
    if action.kind not in PER_INTERVIEWER or interview is None or variables.get("relay"):
        return []
    if action.contact not in interview.interviewers:
        return []
    people = [scene.opportunity.contact(ref) for ref in interview.interviewers]
    return [c.ref for c in people if c is not None and (
        c.email or action.kind is not ActionKind.THANK_YOU or c.ref == action.contact)]


def _distinct(scene: Scene, variables: dict[str, Any], earlier: list[str],
              folder: str | None, lang: str) -> dict[str, str]:
    rendered: dict[str, str] = {}
    levels = COMPACT_LEVELS if scene.action.kind in COMPACTABLE else 1
    for compact in range(levels):
        rendered = _render(scene, {**variables, "compact": compact}, folder, lang)
        body = rendered.get("body", "")
        if max((overlap(body, other) for other in earlier), default=0.0) < NEAR_DUPLICATE:
            break
    return rendered
