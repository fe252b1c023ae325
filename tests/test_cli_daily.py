"""The commands a person uses daily, and every command's --help."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from followup import __version__
from followup.cli import COMMANDS, main
from samples import AS_OF, text

ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


def test_every_command_has_help_and_a_docstring() -> None:
    commands = _commands(main)
    assert {c[0] for c in commands} == set(COMMANDS)
    assert ("add", "interview") in commands and ("edit", "request") in commands
    for path in commands:
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.stdout
        ctx = click.Context(main)
        command: click.Command | None = main
        for name in path:
            assert isinstance(command, click.Group)
            command = command.get_command(ctx, name)
        assert command is not None and command.help, f"{' '.join(path)} has no docstring"


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"followup, version {__version__}"


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Error: No such command 'frobnicate'."


@ON_BOTH
def test_an_empty_record_gets_a_getting_started_text(db_url: str) -> None:
    for command in ("today", "list"):
        result = run(db_url, command)
        assert result.exit_code == 0
        assert "Your record is empty" in result.stdout
        assert "followup demo" in result.stdout


@ON_BOTH
def test_demo_if_empty_then_today_shows_the_product_working(db_url: str) -> None:
    assert run(db_url, "demo", "--if-empty").exit_code == 0
    before = run(db_url, "export").stdout
    assert run(db_url, "demo", "--if-empty").stdout == ""
    assert run(db_url, "export").stdout == before
    today = run(db_url, "today")
    assert today.exit_code == 0
    assert "Late" in today.stdout or "Due today" in today.stdout
    assert "Acme · Product Manager" in today.stdout  # each action with its short id
    assert len(json.loads(before)["opportunities"]) == 5


@ON_BOTH
def test_list_and_show(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    listing = run(db_url, "list")
    assert "acme-pm" in listing.stdout and "interviewing" in listing.stdout
    shown = run(db_url, "show", "acme-pm", "--as-of", AS_OF)
    assert shown.exit_code == 0
    for part in ("Acme · Product Manager", "Jane Roe", "interview r1", "thank_you jane",
                 "acme-pm/thank_you/r1/omar"):
        assert part in shown.stdout
    missing = run(db_url, "show", "nope")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Error: no opportunity 'nope'")


@ON_BOTH
def test_add_the_parts_of_a_record_then_log_and_change_the_stage(db_url: str) -> None:
    steps = [
        ["add", "opportunity", "globex", "--company", "Globex", "--role", "SRE",
         "--time-zone", "Europe/London", "--country", "GB", "--subdivision", "ENG"],
        ["add", "contact", "globex", "tom", "--name", "Tom Berg", "--email", "tom@g.example",
         "--role", "hiring_manager", "--role", "interviewer"],
        ["add", "interview", "globex", "r1", "--start", "2026-11-18 10:00",
         "--end", "2026-11-18T11:00", "--format", "video", "--interviewer", "tom",
         "--decision-expected", "2026-12-02"],
        ["add", "request", "globex", "r1", "refs", "--what", "two references", "--from", "tom",
         "--asked-at", "2026-11-18T11:00"],
        ["log", "globex", "--kind", "thank_you", "--contact", "tom", "--channel", "email",
         "--at", "2026-11-18T15:00"],
        ["log", "globex", "--kind", "response", "--contact", "tom", "--outcome", "delayed",
         "--decision-expected", "2026-12-09", "--at", "2026-11-19T09:00"],
        ["edit", "contact", "globex", "tom", "--title", "Head of SRE"],
        ["edit", "request", "globex", "refs", "--delivered-at", "2026-11-18T17:00"],
        ["stage", "globex", "offer"],
    ]
    for step in steps:
        result = run(db_url, *step)
        assert result.exit_code == 0, (step, result.stderr)
    record = json.loads(run(db_url, "export").stdout)["opportunities"][0]
    assert record["stage"] == "offer"
    assert record["contacts"][0]["title"] == "Head of SRE"
    assert record["interviews"][0]["start"] == "2026-11-18T10:00:00+00:00"
    assert record["interviews"][0]["requests"][0]["delivered_at"] == "2026-11-18T17:00:00+00:00"
    assert record["touches"][1]["direction"] == "in"
    assert record["touches"][1]["decision_expected"] == "2026-12-09"


@ON_BOTH
def test_adding_with_bad_values_is_exit_2(db_url: str) -> None:
    bad_zone = run(db_url, "add", "opportunity", "x", "--company", "X", "--role", "R",
                   "--time-zone", "Mars/Base", "--country", "US")
    assert bad_zone.exit_code == 2
    assert bad_zone.stderr.startswith("Error: x.time_zone: ")
    missing = run(db_url, "add", "opportunity", "x", "--company", "X")
    assert missing.exit_code == 2
    assert "missing --role" in missing.stderr
    assert run(db_url, "log", "nope", "--kind", "email").exit_code == 2


@ON_BOTH
def test_done_skip_snooze_by_key(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    keys = [a["key"] for a in json.loads(run(db_url, "agenda").stdout)["actions"]]
    assert "acme-pm/thank_you/r1/omar" in keys
    assert run(db_url, "done", "acme-pm/thank_you/r1/omar").exit_code == 0
    assert run(db_url, "skip", "acme-pm/send_info/refs", "--why", "sent by hand").exit_code == 0
    snoozed = run(db_url, "snooze", "acme-pm/linkedin_invite/jane", "--until", "2099-01-01")
    assert snoozed.exit_code == 0, snoozed.stderr
    after = [a["key"] for a in json.loads(run(db_url, "agenda").stdout)["actions"]]
    for key in ("acme-pm/thank_you/r1/omar", "acme-pm/send_info/refs",
                "acme-pm/linkedin_invite/jane"):
        assert key not in after
    opportunity = json.loads(run(db_url, "export").stdout)["opportunities"][0]
    assert opportunity["touches"][-1]["contact"] == "omar"
    assert [d["kind"] for d in opportunity["decisions"]] == ["skip", "snooze"]
    unknown = run(db_url, "done", "acme-pm/nothing")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("Error: no open action 'acme-pm/nothing'")
    assert run(db_url, "skip", "acme-pm/x").exit_code == 2  # --why is required


@ON_BOTH
def test_csv_import_and_export(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    sheet = run(db_url, "export", "--format", "csv").stdout
    assert "acme-pm" in sheet
    assert run(db_url, "import", "--format", "csv", "-", input=sheet).exit_code == 0
    bad = run(db_url, "import", "--format", "csv", "-", input="nonsense\n1\n")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Error: ")


@ON_BOTH
def test_profile_shows_and_changes(db_url: str) -> None:
    changed = run(db_url, "profile", "--name", "Sam Lee", "--time-zone", "Europe/Paris")
    assert changed.exit_code == 0
    assert "Europe/Paris" in run(db_url, "profile").stdout
    assert run(db_url, "profile", "--time-zone", "Nowhere/X").exit_code == 2


@ON_BOTH
def test_draft_and_check(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run(db_url, "import", "-", input=text())
    drafted = run(db_url, "draft", "acme-pm/thank_you/r1/omar", "--as-of", AS_OF,
                  "--format", "json")
    assert drafted.exit_code == 0, drafted.stderr
    data = json.loads(drafted.stdout)
    assert data["key"] == "acme-pm/thank_you/r1/omar"
    assert data["to"]["email"] == "omar@acme.example"
    eml = run(db_url, "draft", "acme-pm/thank_you/r1/omar", "--as-of", AS_OF, "--format", "eml")
    assert "Subject:" in eml.stdout
    note = tmp_path / "note.txt"
    note.write_text("I am disappointed I still haven't heard back.\n")
    checked = run(db_url, "check", "--kind", "follow_up", str(note), "--format", "json")
    assert checked.exit_code == 0
    assert json.loads(checked.stdout)["findings"]
    assert run(db_url, "check", "--kind", "nonsense", str(note)).exit_code == 2
