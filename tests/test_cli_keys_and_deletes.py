"""Issue 10: short ids and key prefixes, snooze to a day, delete, rename, why, completion."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest

from dbfixtures import db_url, postgres_url, run, sqlite_template  # noqa: F401
from followup.cli import main
from followup.domain.entry import short_id
from issue10_setup import fenwick, ok

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
PRIYA = "fenwick/thank_you/r1/priya"
AS_OF = "2026-11-30 12:00"


def _record(url: str) -> dict:  # type: ignore[type-arg]
    return json.loads(ok(url, "export").stdout)["opportunities"]


def test_today_show_and_list_print_each_short_id(db_url: str) -> None:
    fenwick(db_url)
    today = ok(db_url, "today", "--as-of", AS_OF).stdout
    show = ok(db_url, "show", "fenwick", "--as-of", AS_OF).stdout
    assert short_id(PRIYA) in today and short_id(PRIYA) in show
    assert re.search(r"  [0-9a-f]{6}  ", ok(db_url, "list").stdout)


def test_today_and_show_name_the_rule_and_its_source(db_url: str) -> None:
    fenwick(db_url)
    today = ok(db_url, "today", "--as-of", AS_OF).stdout
    assert "[R2 · Mission: Follow-up Interview +2]" in today
    show = ok(db_url, "show", "fenwick", "--as-of", AS_OF).stdout
    assert "[R8 · Mission: Follow-up Interview +2]" in show


def test_today_shows_your_clock_with_the_employers_beside_it(db_url: str) -> None:
    fenwick(db_url)
    today = ok(db_url, "today", "--as-of", AS_OF).stdout
    # The interview ended 11:00 London (06:00 New York); aim 8 hours later.
    assert "  Mon 30 Nov 14:00 (19:00 London)  Fenwick · Product Manager  thank-you to " \
           "Priya Shah (email)" in today


def test_today_groups_by_your_own_date(db_url: str) -> None:
    fenwick(db_url)
    # 23:30 in New York is already Tuesday in London: still "today" for you.
    today = ok(db_url, "today", "--as-of", "2026-11-30T12:00:00-05:00").stdout
    due_today = today.split("Due today", 1)[1].split("Coming up", 1)[0]
    assert "send requested info" not in today or "send requested info" in due_today
    assert "thank-you to Priya Shah" in due_today


def test_done_takes_a_short_id_and_says_which_action(db_url: str) -> None:
    fenwick(db_url)
    result = ok(db_url, "done", short_id(PRIYA), "--at", "2026-11-30 13:00")
    assert result.stdout == (
        f"done: {short_id(PRIYA)} {PRIYA} — thank-you to Priya Shah (email); logged "
        "Mon 30 Nov 13:00 New York time (18:00 London)\n")
    touch = _record(db_url)[0]["touches"][0]
    assert (touch["kind"], touch["contact"], touch["at"]) == (
        "thank_you", "priya", "2026-11-30T13:00:00-05:00")


def test_a_key_prefix_works_and_an_ambiguous_one_lists_the_choices(db_url: str) -> None:
    fenwick(db_url)
    tom = "fenwick/thank_you/r1/tom"
    assert ok(db_url, "skip", "fenwick/thank_you/r1/t", "--why", "met him twice").stdout == (
        f"skipped: {short_id(tom)} {tom} — thank-you to Tom Okafor (email)\n")
    vague = run(db_url, "done", "fenwick/linkedin")
    assert vague.exit_code == 2
    assert vague.stderr.startswith("Error: 'fenwick/linkedin' could be 2 actions: ")
    assert vague.stderr.endswith("; type more of it\n")
    missing = run(db_url, "done", "fenwick/thank_you/r1/zed")
    assert missing.stderr == ("Error: no open action 'fenwick/thank_you/r1/zed' "
                              "(see `followup today`)\n")


def test_draft_accepts_a_short_id(db_url: str) -> None:
    fenwick(db_url)
    text = ok(db_url, "draft", short_id(PRIYA), "--as-of", AS_OF).stdout
    assert text.startswith("To: Priya Shah <priya@fenwick.example>")


def test_snooze_to_a_day_returns_at_nine_in_the_employers_zone_due_not_late(
    db_url: str,
) -> None:
    fenwick(db_url)
    key = "fenwick/linkedin_invite/tom"
    result = ok(db_url, "snooze", key, "--until", "2099-11-30")
    assert result.stdout.endswith("; back Mon 30 Nov 2099 04:00 New York time "
                                  "(09:00 London)\n")
    agenda = json.loads(ok(db_url, "agenda", "--as-of", "2099-11-30T09:30:00+00:00",
                           "--format", "json").stdout)
    back = next(a for a in agenda["actions"] if a["key"] == key)
    assert back["due"] == "2099-11-30T09:00:00+00:00"
    assert back["late"] is False


def test_delete_asks_in_a_terminal_and_refuses_a_script_without_yes(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fenwick(db_url)
    script = run(db_url, "delete", "contact", "fenwick", "tom")
    assert script.exit_code == 2
    assert script.stderr == ("Error: delete contact fenwick tom: not asked in a terminal; "
                             "add --yes to delete it\n")
    monkeypatch.setattr("followup.cli.deleting.in_terminal", lambda: True)
    no = run(db_url, "delete", "contact", "fenwick", "tom", input="n\n")
    assert no.exit_code == 2 and no.stderr == "Error: nothing deleted\n"
    yes = run(db_url, "delete", "contact", "fenwick", "tom", input="y\n")
    assert yes.stdout.endswith("deleted contact fenwick tom\n")
    o = _record(db_url)[0]
    assert [c["ref"] for c in o["contacts"]] == ["priya"]
    assert o["interviews"][0]["interviewers"] == ["priya"]


def test_delete_each_kind_with_yes_and_the_plan_follows(db_url: str) -> None:
    fenwick(db_url)
    ok(db_url, "add", "request", "fenwick", "r1", "refs", "--what", "two references")
    ok(db_url, "log", "fenwick", "--kind", "email", "--at", "2026-11-30 13:00")
    assert ok(db_url, "delete", "touch", "fenwick", "1", "--yes").stdout == \
        "deleted touch fenwick 1\n"
    assert ok(db_url, "delete", "request", "fenwick", "refs", "--yes").stdout == \
        "deleted request fenwick refs\n"
    assert "send_info" not in ok(db_url, "agenda", "--as-of", AS_OF).stdout
    ok(db_url, "delete", "interview", "fenwick", "r1", "--yes")
    assert "thank_you" not in ok(db_url, "agenda", "--as-of", AS_OF).stdout
    assert _record(db_url)[0]["touches"] == [] and _record(db_url)[0]["interviews"] == []
    typo = run(db_url, "delete", "opportunity", "fenwik", "--yes")
    assert typo.stderr == "Error: no opportunity 'fenwik'; did you mean 'fenwick'?\n"
    ok(db_url, "delete", "opportunity", "fenwick", "--yes")
    assert _record(db_url) == []


def test_rename_an_opportunity_and_a_contact_and_decisions_follow(db_url: str) -> None:
    fenwick(db_url)
    ok(db_url, "skip", "fenwick/linkedin_invite/tom", "--why", "not on LinkedIn")
    assert ok(db_url, "edit", "opportunity", "fenwick", "--ref", "fenwick-pm").stdout == \
        "renamed opportunity fenwick to fenwick-pm\n"
    assert ok(db_url, "edit", "contact", "fenwick-pm", "tom", "--ref", "tom-o",
              "--title", "Analyst").stdout == \
        "renamed contact tom to tom-o\nupdated fenwick-pm/tom-o\n"
    o = _record(db_url)[0]
    assert o["ref"] == "fenwick-pm"
    assert o["interviews"][0]["interviewers"] == ["priya", "tom-o"]
    assert o["decisions"][0]["key"] == "fenwick-pm/linkedin_invite/tom-o"
    agenda = ok(db_url, "agenda", "--as-of", AS_OF).stdout
    assert "fenwick-pm/thank_you/r1/tom-o" in agenda
    assert "linkedin_invite/tom-o" not in agenda  # still skipped under its new name


def test_why_prints_the_rule_the_dates_and_the_settings(db_url: str) -> None:
    fenwick(db_url)
    result = ok(db_url, "why", short_id(PRIYA))
    lines = result.stdout.splitlines()
    assert lines[0] == f"thank-you to Priya Shah (email) · Fenwick  [{short_id(PRIYA)} {PRIYA}]"
    assert "R2 Thank-you per interviewer" in lines
    assert "  Source: Drive Your Career: Maximize Post Interview Follow Up" in lines
    assert "  interview r1 ended             Mon 30 Nov 06:00 (11:00 London)" in lines
    assert "  thank_you_aim_hours            8" in lines
    assert "  quiet_start_hour               21" in lines


def test_shell_completion_completes_refs_and_keys(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.shell_completion import ShellComplete

    fenwick(db_url)
    monkeypatch.setenv("FOLLOWUP_DB", db_url)
    complete = ShellComplete(main, {}, "followup", "_FOLLOWUP_COMPLETE")
    refs = [c.value for c in complete.get_completions(["show"], "fen")]
    assert refs == ["fenwick"]
    contacts = [c.value for c in complete.get_completions(["edit", "contact", "fenwick"], "p")]
    assert contacts == ["priya"]
    keys = [c.value for c in complete.get_completions(["done"], "fenwick/thank")]
    assert keys == ["fenwick/thank_you/r1/priya", "fenwick/thank_you/r1/tom"]


def _paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _paths(command, (*prefix, name))
    return found


def test_every_command_in_help_is_documented_in_commands_md(db_url: str) -> None:
    docs = (Path(__file__).parent.parent / "docs" / "commands.md").read_text()
    rows = [line for line in docs.splitlines() if line.startswith("| `")
            or line.startswith("- `")]
    for path in _paths(main):
        if len(path) == 1:
            assert f"`{path[0]}" in docs, f"{path[0]} is not in docs/commands.md"
        else:
            group, sub = path
            assert any(f"`{group} " in row and sub in row for row in rows) or \
                f"`{group} {sub}" in docs, f"{' '.join(path)} is not in docs/commands.md"


def test_the_new_commands_work_in_a_fresh_process(db_url: str, tmp_path: Path) -> None:
    """In-process tests share a configured Django; a real run starts from nothing."""
    import os
    import subprocess
    import sys

    fenwick(db_url)
    env = dict(os.environ, FOLLOWUP_DB=db_url, FOLLOWUP_CACHE_DIR=str(tmp_path / "cache"))
    followup = [sys.executable, "-c", "from followup.cli import main; main()"]
    for args in (["notes", "fenwick", "r1", "--learned", "weekly releases"],
                 ["why", short_id(PRIYA)], ["done", short_id(PRIYA)],
                 ["edit", "contact", "fenwick", "tom", "--ref", "tom-o"],
                 ["delete", "contact", "fenwick", "tom-o", "--yes"]):
        done = subprocess.run([*followup, *args], env=env, capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, (args, done.stderr)
