"""Interview notes: what drafts are written from, entered without touching JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from followup.domain import model as m
from followup.domain.entry import did_you_mean, not_found
from followup.domain.notes_form import Filled, join_concern, split_concern
from followup.services.errors import NotFound, ServiceError
from followup.services.unit import change
from followup.store import models as db

UNSET: Any = object()


def find_interview(o: m.Opportunity, interview_ref: str) -> m.Interview:
    for interview in o.interviews:
        if interview.ref == interview_ref:
            return interview
    hint = did_you_mean(interview_ref, [i.ref for i in o.interviews])
    raise NotFound(f"no interview {interview_ref!r} in {o.ref}{hint}")


def merged_notes(
    notes: m.InterviewNotes,
    *,
    learned: str | None = None,
    moments: Mapping[str, str] | None = None,
    concern: str | None = None,
    answer: str | None = None,
    skills: str | None = None,
    attach: tuple[str, ...] = (),
    next_steps: str | None = None,
) -> m.InterviewNotes:
    """The notes with the given fields changed ('' clears one); the rest kept."""
    def pick(new: str | None, old: str | None) -> str | None:
        return old if new is None else (new.strip() or None)

    old_concern, old_answer = split_concern(notes.concerns)
    concerns = notes.concerns
    if concern is not None or answer is not None:
        concerns = join_concern(old_concern if concern is None else concern,
                                old_answer if answer is None else answer)
    kept = dict(notes.moments)
    for ref, text in (moments or {}).items():
        if text.strip():
            kept[ref] = text.strip()
        else:
            kept.pop(ref, None)
    return replace(
        notes, learned=pick(learned, notes.learned), moments=MappingProxyType(kept),
        concerns=concerns, skills=pick(skills, notes.skills),
        attach=tuple(a for a in attach if a.strip()) if attach else notes.attach,
        next_steps=pick(next_steps, notes.next_steps),
    )


def set_notes(
    owner: db.Owner,
    ref: str,
    interview_ref: str,
    notes: m.InterviewNotes | None = None,
    *,
    decision_expected: date | None = UNSET,
    now: datetime,
) -> m.Interview:
    """Replace one interview's notes (and, when given, its decision date)."""

    def edit(o: m.Opportunity) -> m.Opportunity:
        interview = find_interview(o, interview_ref)
        known = [c.ref for c in o.contacts]
        for contact in (notes.moments if notes else {}):
            if contact not in known:
                raise ServiceError(f"--moment: {not_found('contact', contact, known)}")
        changed = interview
        if notes is not None:
            changed = replace(changed, notes=notes)
        if decision_expected is not UNSET:
            changed = replace(changed, decision_expected=decision_expected)
        interviews = tuple(changed if i is interview else i for i in o.interviews)
        return replace(o, interviews=interviews)

    saved = change(owner, ref, edit, now=now)
    return find_interview(saved, interview_ref)


def save_form(owner: db.Owner, ref: str, interview_ref: str, filled: Filled, *,
              now: datetime) -> m.Interview:
    return set_notes(owner, ref, interview_ref, filled.notes,
                     decision_expected=filled.decision_expected, now=now)


def notes_command(ref: str, interview: m.Interview, missing: str | None = None) -> str:
    """The exact command that fills a note in, for drafts and the prepare checklist."""
    base = f"followup notes {ref} {interview.ref}"
    return base if missing is None else f"{base} {missing}"
