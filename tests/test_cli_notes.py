"""Issue 10: interview notes from options, from an editor form, and from prompts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from dbfixtures import db_url, postgres_url, run, sqlite_template  # noqa: F401
from issue10_setup import fenwick, ok

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
AS_OF = "2026-11-30 12:00"


def _notes(url: str) -> dict:  # type: ignore[type-arg]
    return json.loads(ok(url, "export").stdout)["opportunities"][0]["interviews"][0]["notes"]


def _fill(url: str) -> None:
    ok(url, "notes", "fenwick", "r1",
       "--learned", "the team is moving pricing onto one platform next year",
       "--moment", "priya=the whiteboard sketch of the pricing migration",
       "--moment", "tom=our talk about experiments with small retailers",
       "--concern", "no fashion retail experience",
       "--answer", "I led pricing for a grocer with the same seasonal swings",
       "--skill", "I rolled a pricing tool out to 40 stores",
       "--attach", "the pricing case study", "--next-steps", "a final round with the COO")


def test_notes_options_fill_every_field_and_keep_concern_with_answer(db_url: str) -> None:
    fenwick(db_url)
    _fill(db_url)
    assert _notes(db_url) == {
        "learned": "the team is moving pricing onto one platform next year",
        "moments": {"priya": "the whiteboard sketch of the pricing migration",
                    "tom": "our talk about experiments with small retailers"},
        "concerns": "no fashion retail experience — I led pricing for a grocer with the same "
                    "seasonal swings",
        "skills": "I rolled a pricing tool out to 40 stores",
        "attach": ["the pricing case study"],
        "next_steps": "a final round with the COO",
    }


def test_notes_options_change_only_what_is_given_and_empty_clears(db_url: str) -> None:
    fenwick(db_url)
    _fill(db_url)
    result = ok(db_url, "notes", "fenwick", "r1", "--moment", "tom=", "--answer", "",
                "--decision-expected", "2026-12-18")
    assert result.stdout == (
        "saved notes for fenwick r1: learned, skill, next steps, moments for priya, concern, "
        "1 to attach, decision expected 2026-12-18\n")
    notes = _notes(db_url)
    assert notes["moments"] == {"priya": "the whiteboard sketch of the pricing migration"}
    assert notes["concerns"] == "no fashion retail experience"


def test_notes_for_an_unknown_contact_or_interview_say_what_is_wrong(db_url: str) -> None:
    fenwick(db_url)
    moment = run(db_url, "notes", "fenwick", "r1", "--moment", "pria=hello")
    assert moment.exit_code == 2
    assert moment.stderr == "Error: --moment: no contact 'pria'; did you mean 'priya'?\n"
    bad = run(db_url, "notes", "fenwick", "r1", "--moment", "just text")
    assert bad.stderr == "Error: --moment: expected CONTACT=TEXT, got 'just text'\n"
    interview = run(db_url, "notes", "fenwick", "r2", "--learned", "x")
    assert interview.stderr == "Error: no interview 'r2' in fenwick\n"


def test_with_notes_the_thank_you_has_no_markers(db_url: str) -> None:
    fenwick(db_url)
    before = ok(db_url, "draft", "fenwick/thank_you/r1/priya", "--as-of", AS_OF).stdout
    assert "[[add:" in before
    assert before.endswith("Fill in the [[add: ...]] parts with:\n"
                           "  followup notes fenwick r1 --learned TEXT --skill TEXT "
                           "--moment priya=TEXT\n") or "followup notes fenwick r1" in before
    _fill(db_url)
    for contact in ("priya", "tom"):
        text = ok(db_url, "draft", f"fenwick/thank_you/r1/{contact}", "--as-of", AS_OF).stdout
        assert "[[" not in text
        assert "Checks: all clear." in text


def test_the_draft_json_lists_the_command_that_fills_it(db_url: str) -> None:
    fenwick(db_url)
    found = json.loads(ok(db_url, "draft", "fenwick/thank_you/r1/tom", "--as-of", AS_OF,
                          "--format", "json").stdout)
    assert found["fill_in"][0].startswith("followup notes fenwick r1 ")
    assert "--moment tom=TEXT" in found["fill_in"][0]


def test_the_prepare_checklist_names_the_notes_command(db_url: str) -> None:
    fenwick(db_url)
    prepare = ok(db_url, "draft", "fenwick/prepare/r1", "--as-of", "2026-11-29 12:00").stdout
    assert "`followup notes fenwick r1`" in prepare
    why = ok(db_url, "show", "fenwick", "--as-of", "2026-11-29 12:00").stdout
    assert "Afterwards, `followup notes fenwick r1` keeps your notes for them." in why


EDITOR = '''
import sys
from pathlib import Path

form = Path(sys.argv[-1])
answers = dict(line.split("=", 1) for line in Path(sys.argv[-2]).read_text().splitlines())
lines = []
for line in form.read_text().splitlines():
    field = line.split(":", 1)[0]
    lines.append(f"{field}: {answers[field]}" if field in answers else line)
form.write_text("\\n".join(lines) + "\\n")
'''


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: dict[str, str]) -> None:
    script = tmp_path / "fake_editor.py"
    script.write_text(EDITOR)
    given = tmp_path / "answers.txt"
    given.write_text("\n".join(f"{k}={v}" for k, v in answers.items()))
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}" "{given}"')
    monkeypatch.delenv("VISUAL", raising=False)


def test_the_editor_form_saves_every_field(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fenwick(db_url)
    _editor(tmp_path, monkeypatch, {
        "learned": "they ship weekly", "moment priya": "the roadmap debate",
        "moment tom": "the pricing puzzle", "concern": "team size",
        "answer": "I grew a team from 3 to 8", "skill": "SQL", "attach": "my portfolio",
        "next steps": "a call with HR", "decision expected": "2026-12-15"})
    result = ok(db_url, "notes", "fenwick", "r1")
    assert result.stdout == (
        "saved notes for fenwick r1: learned, skill, next steps, moments for priya, tom, "
        "concern with answer, 1 to attach, decision expected 2026-12-15\n")
    assert _notes(db_url)["concerns"] == "team size — I grew a team from 3 to 8"


def test_a_mistake_in_the_form_is_refused_with_its_line_and_kept_for_the_next_try(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fenwick(db_url)
    _editor(tmp_path, monkeypatch, {"learned": "they ship weekly",
                                    "decision expected": "next week"})
    failed = run(db_url, "notes", "fenwick", "r1")
    assert failed.exit_code == 2
    assert failed.stderr == (
        "Error: notes not saved: line 21: decision expected: not a date (YYYY-MM-DD): "
        "'next week'; your text is kept for the next `followup notes fenwick r1`\n")
    assert _notes(db_url)["learned"] is None  # nothing half-written
    _editor(tmp_path, monkeypatch, {"decision expected": "2026-12-15"})
    result = ok(db_url, "notes", "fenwick", "r1")
    # The kept text came back: what was typed the first time is saved now.
    assert result.stdout == ("saved notes for fenwick r1: learned, decision expected "
                             "2026-12-15\n")
    assert _notes(db_url)["learned"] == "they ship weekly"


def test_an_unknown_field_in_the_form_names_it(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fenwick(db_url)
    script = tmp_path / "append.py"
    script.write_text("import sys\nopen(sys.argv[-1], 'a').write('mood: great\\n')\n")
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    failed = run(db_url, "notes", "fenwick", "r1")
    assert failed.stderr.startswith("Error: notes not saved: line 22: unknown field 'mood'")


def test_interview_asks_for_everything_in_turn(db_url: str) -> None:
    fenwick(db_url)
    answers = "\n".join([
        "r2", "2", "onsite", "2026-12-02 05:00", "2026-12-02 07:00",
        "priya,ana", "Ana Lima", "ana@fenwick.example", "COO",
        "2026-12-18", "y",
        "the roadmap review", "her question on margins", "they plan two launches", "", "",
        "", "an offer call",
    ]) + "\n"
    result = run(db_url, "interview", "fenwick", input=answers)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        "added interview r2 to fenwick: Wed 02 Dec 05:00 New York time (10:00 London) to "
        "Wed 02 Dec 07:00 New York time (12:00 London), with priya, ana\n")
    record = json.loads(ok(db_url, "export").stdout)["opportunities"][0]
    r2 = record["interviews"][1]
    assert r2["interviewers"] == ["priya", "ana"] and r2["format"] == "onsite"
    assert r2["decision_expected"] == "2026-12-18"
    assert r2["notes"]["moments"] == {"priya": "the roadmap review",
                                      "ana": "her question on margins"}
    assert r2["notes"]["next_steps"] == "an offer call"
    assert [c["ref"] for c in record["contacts"]] == ["priya", "tom", "ana"]
