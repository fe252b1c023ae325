"""Interview notes as a short commented form, like `git commit`'s message.

`render` writes the notes of one interview as `field: value` lines with
`#` comments explaining them; `parse` reads an edited form back, refusing a
mistake with its line number and field so the user can fix it. A value runs
on over lines that start with a space. Pure: no files, no editor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from followup.domain.entry import EntryError, did_you_mean
from followup.domain.model import Contact, InterviewNotes

CONCERN_SEPARATOR = " — "  # "concern — answer", as drafts read it (docs/drafts.md)
_FIELD = re.compile(r"^([a-z][a-z ]*?)(?: +([^\s:]+))?\s*:(.*)$")
_SEPARATORS = re.compile(r"\s+(?:—|–|--|->|=>|-)\s+")  # as the drafts split it
SIMPLE = {"learned": "learned", "concern": "concern", "answer": "answer", "skill": "skills",
          "next steps": "next_steps", "decision expected": "decision_expected"}


@dataclass(frozen=True, slots=True)
class Filled:
    """What the form said: the notes and the decision date."""

    notes: InterviewNotes
    decision_expected: date | None


@dataclass(slots=True)
class _Values:
    simple: dict[str, str] = field(default_factory=dict)
    moments: dict[str, str] = field(default_factory=dict)
    attach: list[str] = field(default_factory=list)


def split_concern(concerns: str | None) -> tuple[str, str]:
    if not concerns:
        return "", ""
    parts = _SEPARATORS.split(concerns.strip(), maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) == 2 else "")


def join_concern(concern: str | None, answer: str | None) -> str | None:
    concern, answer = (concern or "").strip(), (answer or "").strip()
    if not concern:
        return answer or None
    return f"{concern}{CONCERN_SEPARATOR}{answer}" if answer else concern


def render(title: str, notes: InterviewNotes, decision: date | None,
           people: Sequence[Contact], problem: str | None = None) -> str:
    concern, answer = split_concern(notes.concerns)
    lines = []
    if problem:
        lines += [f"# Not saved: {problem}", "# Fix it and close the editor again.", "#"]
    lines += [
        f"# Notes for {title}. Your thank-you notes are written from these.",
        "# Write after the colon; a value may go on over lines that start with a space.",
        "# Lines starting with # are ignored. Empty the file to change nothing.",
        "",
        "# What you learned about the team or the role:",
        f"learned: {notes.learned or ''}",
        "# One moment you shared with each interviewer (a question, a laugh, a topic):",
    ]
    refs = [c.ref for c in people] + [r for r in notes.moments if r not in {c.ref for c in people}]
    names = {c.ref: c.name for c in people}
    for ref in refs:
        if ref in names:
            lines.append(f"#   {names[ref]}:")
        lines.append(f"moment {ref}: {notes.moments.get(ref, '')}")
    lines += [
        "# A concern they may have, and your short answer to it:",
        f"concern: {concern}", f"answer: {answer}",
        "# A skill or achievement you did not get to mention:",
        f"skill: {notes.skills or ''}",
        "# Something to send along (a work sample, a link); one per line:",
        *[f"attach: {item}" for item in notes.attach or ("",)],
        "# What they said happens next, and when they expect to decide (YYYY-MM-DD):",
        f"next steps: {notes.next_steps or ''}",
        f"decision expected: {decision.isoformat() if decision else ''}",
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def is_empty(text: str) -> bool:
    return not any(line.strip() and not line.lstrip().startswith("#")
                   for line in text.splitlines())


def parse(text: str, contacts: Sequence[str]) -> Filled:
    """The form read back; EntryError('line N: field: what is wrong') on a mistake."""
    values, last = _Values(), None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if raw[:1] in " \t" and last is not None:
            _continue(values, last, line.strip())
            continue
        last = _read_line(values, number, line, contacts)
    return _filled(values, _line_of(text, "decision expected"))


def _strip_comment(raw: str) -> str:
    # Only whole lines are comments: a '#' inside a note is the user's own.
    return "" if raw.lstrip().startswith("#") else raw


def _read_line(values: _Values, number: int, line: str, contacts: Sequence[str]) -> tuple[str, str]:
    found = _FIELD.match(line.strip())
    if found is None:
        raise EntryError(f"line {number}: expected 'field: value', got {line.strip()[:40]!r}")
    name, ref, value = found.group(1).strip(), found.group(2), found.group(3).strip()
    if name == "moment":
        if ref is None:
            raise EntryError(f"line {number}: moment: name the contact, as in 'moment jane: ...'")
        if ref not in contacts:
            raise EntryError(f"line {number}: moment: no contact {ref!r}"
                             f"{did_you_mean(ref, list(contacts))}")
        values.moments[ref] = value
        return "moment", ref
    if ref is not None:
        name = f"{name} {ref}"
    if name == "attach":
        values.attach.append(value)
        return "attach", str(len(values.attach) - 1)
    if name not in SIMPLE:
        known = [*SIMPLE, "moment", "attach"]
        raise EntryError(f"line {number}: unknown field {name!r}{did_you_mean(name, known)}")
    values.simple[name] = value
    return name, ""


def _continue(values: _Values, last: tuple[str, str], more: str) -> None:
    name, ref = last
    if name == "moment":
        values.moments[ref] = f"{values.moments[ref]} {more}".strip()
    elif name == "attach":
        values.attach[int(ref)] = f"{values.attach[int(ref)]} {more}".strip()
    else:
        values.simple[name] = f"{values.simple[name]} {more}".strip()


def _line_of(text: str, name: str) -> int:
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip().startswith(f"{name}:"):
            return number
    return 0


def _filled(values: _Values, decision_line: int) -> Filled:
    simple = values.simple
    decision = None
    if simple.get("decision expected"):
        try:
            decision = date.fromisoformat(simple["decision expected"])
        except ValueError:
            raise EntryError(f"line {decision_line}: decision expected: not a date (YYYY-MM-DD): "
                             f"{simple['decision expected']!r}") from None
    notes = InterviewNotes(
        learned=simple.get("learned") or None,
        moments=MappingProxyType({k: v for k, v in values.moments.items() if v}),
        concerns=join_concern(simple.get("concern"), simple.get("answer")),
        skills=simple.get("skill") or None,
        attach=tuple(item for item in values.attach if item),
        next_steps=simple.get("next steps") or None,
    )
    return Filled(notes, decision)
