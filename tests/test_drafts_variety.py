"""Notes to different interviewers of one opportunity differ (R2, 002), deterministically."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from catalogue.records import PROFILE, action, interview, opportunity, settings_for
from followup.domain.messages import draft
from followup.domain.messages.text import layout
from followup.domain.messages.variety import SIZES, overlap, slot_of, trigrams, variety
from followup.domain.model import ActionKind, Channel, Contact, InterviewNotes, Role

NAMES = ["Jane Roe", "Raj Patel", "Mei Chen", "Omar Haddad", "Sofia Rossi", "Ben Cole"]
MOMENTS = [
    "comparing notes on launching products in regulated markets",
    "we sketched the data pipeline on the whiteboard together",
    "her story about the first warehouse robot pilot",
    "a shared love of trail running",
    "the question about pricing in new markets",
    "he showed me the new demand dashboard",
]


def panel(ref: str, size: int, *, moments: bool = True, notes: InterviewNotes | None = None):
    people = tuple(
        Contact(f"p{n}", NAMES[n], email=f"p{n}@acme.example",
                roles=(Role.HIRING_MANAGER,) if n == 0 else (Role.INTERVIEWER,))
        for n in range(size)
    )
    base = notes or interview().notes
    said = {f"p{n}": MOMENTS[n] for n in range(size)} if moments else {}
    iv = interview(interviewers=tuple(c.ref for c in people), notes=replace(base, moments=said))
    return opportunity(ref=ref, contacts=people, interviews=(iv,))


def bodies(opp, kind: ActionKind = ActionKind.THANK_YOU) -> list[str]:
    channel = {ActionKind.LINKEDIN_INVITE: Channel.LINKEDIN,
               ActionKind.HANDWRITTEN_NOTE: Channel.MAIL}.get(kind, Channel.EMAIL)
    settings = settings_for(opp)
    return [draft(PROFILE, opp, action(kind, c.ref, channel=channel), settings).body
            for c in opp.contacts]


def worst(texts: list[str]) -> float:
    return max(overlap(a, b) for a, b in itertools.combinations(texts, 2))


@pytest.mark.parametrize("size", [2, 3, 4, 5, 6])
@pytest.mark.parametrize("ref", ["acme-pm", "globex-data", "initech-sre", "x", "hooli-design"])
def test_thank_yous_of_one_opportunity_share_under_half_their_trigrams(ref: str, size: int):
    assert worst(bodies(panel(ref, size))) < 0.5


@pytest.mark.parametrize("ref", ["acme-pm", "globex-data", "initech-sre", "umbrella-ops"])
def test_notes_differ_even_when_no_moment_was_noted(ref: str) -> None:
    texts = bodies(panel(ref, 4, moments=False))
    assert all("[[add: a moment you shared with" in text for text in texts)
    assert worst(texts) < 0.5


def test_notes_differ_with_long_notes_too() -> None:
    long = InterviewNotes(
        learned="the planning team is replacing four regional spreadsheets with one shared "
                "forecasting platform by the end of next year, starting with Europe",
        skills="I led the migration of 300 planners in six countries from spreadsheets to a "
               "shared forecasting tool, on time and with forecast accuracy up nine points",
    )
    assert worst(bodies(panel("acme-pm", 4, notes=long))) < 0.5


@pytest.mark.parametrize("kind", [ActionKind.HANDWRITTEN_NOTE, ActionKind.LINKEDIN_INVITE])
@pytest.mark.parametrize("ref", ["acme-pm", "globex-data", "initech-sre"])
def test_cards_and_invitations_differ_too(kind: ActionKind, ref: str) -> None:
    assert worst(bodies(panel(ref, 3), kind)) < 0.5


def first_sentence(body: str) -> str:
    first = layout(body).paragraphs[0]
    return body[first[0]:first[1]].split(". ")[0]


def arrangement(body: str, moment: str, skill: str) -> tuple[int, int]:
    """Which paragraph holds the moment, and which the skill."""
    shape = layout(body)
    def where(needle: str) -> int:
        return next(i for i, (s, e) in enumerate(shape.paragraphs) if needle in body[s:e])
    return where(moment), where(skill)


@pytest.mark.parametrize("ref", ["acme-pm", "globex-data", "initech-sre", "hooli-design"])
def test_openings_and_leading_facts_differ_between_interviewers(ref: str) -> None:
    opp = panel(ref, 4)
    settings = settings_for(opp)
    found = [draft(PROFILE, opp, action(ActionKind.THANK_YOU, c.ref), settings)
             for c in opp.contacts]
    assert len({first_sentence(d.body) for d in found}) == 4
    assert len({d.leading_fact() for d in found}) == 4
    needles = ["regulated markets", "data pipeline", "warehouse robot", "trail running"]
    for n, one in enumerate(found):  # each leads with that interviewer's own moment
        assert needles[n] in (one.leading_fact() or "")
    # the facts every interviewer shares are spread, one a note, never repeated
    assert sum("shared platform" in d.body for d in found) == 1
    assert sum("forecasting tool used by 300 planners" in d.body for d in found) == 1


def test_each_axis_gives_consecutive_slots_different_variants() -> None:
    for ref in ("a", "b", "acme-pm", "globex-data"):
        for axis, size in SIZES.items():
            picks = [getattr(variety(ref, "thank_you", slot), axis) for slot in range(size)]
            assert sorted(picks) == list(range(size)), axis


def test_slots_run_over_every_interview_of_the_opportunity() -> None:
    first = interview(interviewers=("jane", "raj"))
    second = replace(interview(), ref="r2", interviewers=("jane", "mei"),
                     start=first.start.replace(day=27), end=first.end.replace(day=27))
    opp = opportunity(interviews=(second, first))
    assert [slot_of(opp, "r1", "jane"), slot_of(opp, "r1", "raj"),
            slot_of(opp, "r2", "jane"), slot_of(opp, "r2", "mei")] == [0, 1, 2, 3]
    assert slot_of(opp, "r1", "ana") == 4  # thanked on everyone's behalf: after all pairs


def test_the_same_record_gives_the_same_draft() -> None:
    opp = panel("acme-pm", 3)
    assert bodies(opp) == bodies(opp)


def test_drafts_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """No `hash()` or randomness: two interpreters with different hash seeds agree."""
    script = (
        f"import sys; sys.path[:0] = [{str(Path(__file__).parent)!r}]\n"
        "from test_drafts_variety import bodies, panel\n"
        "print('\\n=====\\n'.join(bodies(panel('acme-pm', 3))))\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, check=True, cwd=tmp_path)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert outputs.pop().strip() == "\n=====\n".join(bodies(panel("acme-pm", 3)))


def test_overlap_is_shared_trigrams_over_the_smaller_note() -> None:
    assert overlap("a b c d", "a b c d e f") == 1.0
    assert overlap("a b c", "x y z") == 0.0
    assert overlap("", "a b c") == 0.0
    assert trigrams("One two, THREE four") == {("one", "two", "three"), ("two", "three", "four")}
