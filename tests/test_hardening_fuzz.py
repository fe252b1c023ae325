"""Issue 8's fuzz test: whatever goes in, the answer is 0 or 2 and the record stays readable.

Generated exchange documents, CSV sheets and command options (huge numbers,
far dates, long and odd Unicode, encoded words) are fed to the real command
line. Every answer must be exit 0 or 2; an error is one short line; on error
nothing is written; afterwards every read command still works.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import AS_OF, CONTRACT_EXAMPLE, text

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
# Fixed examples in CI (the same every run, so a failure is a finding, never a
# flake); FOLLOWUP_FUZZ_EXAMPLES=500 explores afresh, as long as you like.
DEEPER = os.environ.get("FOLLOWUP_FUZZ_EXAMPLES")
FUZZ = settings(max_examples=int(DEEPER or 30), derandomize=not DEEPER, deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
KEY = "acme-pm/thank_you/r1/omar"

ODD_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(), min_size=190, max_size=260),
    st.sampled_from([
        "=?utf-8?q?Zo=0D=0ABcc:_evil1@x.example?=", "=?utf-8?b?YQ0KQmNjOiBlQHgueQ==?=",
        "\u202eevil", "a..b", "zoë", "東京", "\x00", " padded\u00a0", "x" * 5000, "",
        "EST", "UTC", "Factory", "../../etc/passwd", "=cmd|' /C calc'!A0",
    ]),
)
FAR_TIMES = st.one_of(
    st.sampled_from(["9999-12-31T23:59:59", "0001-01-01T00:00+00:00", "2199-12-31T23:59:59-14:00",
                     "1970-01-01T00:00:00+14:00", "2026-11-20T10:00:00+23:59", "2026-13-01",
                     "1969-12-31", "2200-01-01", "9999-12-31"]),
    st.datetimes().map(lambda d: d.isoformat() + "+00:00"),
)
HUGE_NUMBERS = st.one_of(st.integers(), st.sampled_from([10**30, -(10**30), 2**63, 10**4000]),
                         st.floats(allow_nan=False))
VALUES = st.one_of(ODD_TEXT, FAR_TIMES, HUGE_NUMBERS, st.none(), st.booleans(),
                   st.lists(st.text(max_size=5), max_size=3))

# Where in the contract's example a generated value goes.
PLACES = [
    ("profile", "name"), ("profile", "email"), ("profile", "time_zone"), ("profile", "settings"),
    ("opportunities", 0, "ref"), ("opportunities", 0, "company"), ("opportunities", 0, "role"),
    ("opportunities", 0, "time_zone"), ("opportunities", 0, "country"),
    ("opportunities", 0, "subdivision"), ("opportunities", 0, "settings"),
    ("opportunities", 0, "contacts", 0, "ref"), ("opportunities", 0, "contacts", 0, "name"),
    ("opportunities", 0, "contacts", 0, "email"), ("opportunities", 0, "contacts", 0, "title"),
    ("opportunities", 0, "interviews", 0, "round"), ("opportunities", 0, "interviews", 0, "start"),
    ("opportunities", 0, "interviews", 0, "end"),
    ("opportunities", 0, "interviews", 0, "decision_expected"),
    ("opportunities", 0, "interviews", 0, "requests", 0, "what"),
    ("opportunities", 0, "interviews", 0, "notes", "learned"),
    ("opportunities", 0, "touches", 0, "at"), ("opportunities", 0, "touches", 0, "summary"),
    ("opportunities", 0, "touches", 0, "callback_on"),
]
SETTING_NAMES = ["gap_min", "gap_max", "check_in_from", "max_attempts",
                 "first_follow_up_business_days", "thank_you_deadline_hours"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    doc: dict[str, Any] = copy.deepcopy(CONTRACT_EXAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        *path, last = draw(st.sampled_from(PLACES))
        target: Any = doc
        for step in path:
            target = target[step]
        if last == "settings":
            target[last] = {draw(st.sampled_from(SETTING_NAMES)): draw(HUGE_NUMBERS)}
        else:
            target[last] = draw(VALUES)
    return json.dumps(doc, ensure_ascii=draw(st.booleans()))


def _plain(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


@st.composite
def commands(draw: st.DrawFn) -> list[str]:
    value = draw(VALUES.map(_plain).filter(lambda v: "\x00" not in v))
    moment = draw(FAR_TIMES)
    number = str(draw(HUGE_NUMBERS))
    choices = [
        ["log", "acme-pm", "--kind", "email", "--at", moment, "--summary", value],
        ["log", "acme-pm", "--kind", "voicemail", "--callback-on", moment],
        ["add", "contact", "acme-pm", "fuzz", "--name", value, "--email", value],
        ["add", "interview", "acme-pm", "r9", "--round", number, "--start", moment,
         "--end", moment],
        ["snooze", KEY, "--until", moment],
        ["done", KEY, "--at", moment],
        ["skip", KEY, "--why", value],
        ["edit", "opportunity", "acme-pm", "--company", value],
        ["edit", "opportunity", "acme-pm", "--time-zone", value],
        ["edit", "contact", "acme-pm", "jane", "--email", value],
        ["profile", "--name", value, "--time-zone", value],
        ["agenda", "--as-of", moment],
        ["today", "--as-of", moment, "--days", number],
        ["draft", value or "k", "--format", "eml"],
        ["stage", "acme-pm", value],
        ["import", "--format", "csv", "-"],
    ]
    return draw(st.sampled_from(choices))


def _sheet(value: str) -> str:
    return f"ref,company,role,contact_name,contact_email\nfuzz-pm,{value},PM,{value},{value}\n"


def _check(result, before: str, url: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr[-2000:])
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert lines and len(lines[0]) <= 400, result.stderr[:500]
        assert all(line.startswith("Try '") for line in lines[1:]), result.stderr[:500]
        assert run(url, "export").stdout == before, "an error wrote something"
    assert run(url, "agenda", "--as-of", AS_OF).exit_code == 0


def _reads_work(url: str) -> None:
    for args in (["today", "--as-of", AS_OF], ["list"], ["show", "acme-pm"], ["export"],
                 ["export", "--format", "csv"], ["agenda"], ["doctor"]):
        result = run(url, *args)
        assert result.exit_code in (0, 2), (args, result.stderr)
        assert result.exit_code == 0 or args == ["show", "acme-pm"], (args, result.stderr)


def test_generated_documents_are_taken_or_refused_cleanly(db_url: str) -> None:
    run(db_url, "import", "-", input=text())

    @FUZZ
    @given(doc=documents())
    def feed(doc: str) -> None:
        before = run(db_url, "export").stdout
        _check(run(db_url, "import", "-", input=doc), before, db_url)

    feed()
    _reads_work(db_url)


def test_generated_command_options_are_taken_or_refused_cleanly(db_url: str) -> None:
    run(db_url, "import", "-", input=text())

    @FUZZ
    @given(args=commands(), cell=ODD_TEXT.filter(lambda v: "\x00" not in v))
    def feed(args: list[str], cell: str) -> None:
        before = run(db_url, "export").stdout
        sheet = _sheet(cell) if args[0] == "import" else None
        _check(run(db_url, *args, input=sheet), before, db_url)

    feed()
    _reads_work(db_url)
