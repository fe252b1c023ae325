"""Issue 10: one rule for typed times, the moment echoed with its zone, and the slips caught."""

from __future__ import annotations

import json

import pytest

from dbfixtures import db_url, postgres_url, run, sqlite_template  # noqa: F401
from issue10_setup import fenwick, ok

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _export(url: str) -> dict:  # type: ignore[type-arg]
    return json.loads(ok(url, "export").stdout)


def test_a_typed_time_is_on_your_own_clock_and_the_write_says_so(db_url: str) -> None:
    fenwick(db_url)
    result = ok(db_url, "add", "interview", "fenwick", "r2", "--start", "2026-11-30 10:00",
                "--end", "2026-11-30 11:00")
    assert result.stdout == (
        "added interview r2 to fenwick: Mon 30 Nov 10:00 New York time (15:00 London) "
        "to Mon 30 Nov 11:00 New York time (16:00 London)\n"
    )
    r2 = _export(db_url)["opportunities"][0]["interviews"][1]
    assert r2["start"] == "2026-11-30T10:00:00-05:00"


def test_tz_employer_reads_a_time_copied_from_the_employer(db_url: str) -> None:
    fenwick(db_url)
    r1 = _export(db_url)["opportunities"][0]["interviews"][0]
    assert r1["start"] == "2026-11-30T09:00:00+00:00"  # 09:00 London, as typed with --tz employer


def test_tz_takes_any_iana_zone_and_refuses_an_unknown_one(db_url: str) -> None:
    fenwick(db_url)
    result = ok(db_url, "log", "fenwick", "--kind", "email", "--contact", "priya", "--at",
                "2026-11-30 15:00", "--tz", "Asia/Tokyo")
    assert result.stdout == ("logged email on fenwick: Mon 30 Nov 01:00 New York time "
                             "(06:00 London)\n")
    bad = run(db_url, "log", "fenwick", "--kind", "email", "--at", "2026-11-30 15:00",
              "--tz", "Mars/Olympus")
    assert bad.exit_code == 2
    assert bad.stderr == ("Error: --tz: unknown time zone 'Mars/Olympus' (an IANA name such as "
                          "Europe/London, or 'employer')\n")


def test_a_time_the_clocks_skip_is_refused(db_url: str) -> None:
    fenwick(db_url)
    result = run(db_url, "log", "fenwick", "--kind", "email", "--at", "2026-03-08 02:30")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --at: 2026-03-08 02:30 does not exist in New York time: the clocks skip it "
        "(daylight saving begins); give a time before or after the change\n"
    )


def test_a_time_that_happens_twice_takes_the_first_and_says_so(db_url: str) -> None:
    fenwick(db_url)
    result = ok(db_url, "log", "fenwick", "--kind", "email", "--at", "2026-11-01 01:30")
    assert result.stderr == (
        "note: --at: 2026-11-01 01:30 happens twice in New York time (the clocks go back); "
        "taken as the first, 2026-11-01T01:30:00-04:00\n"
    )
    touch = _export(db_url)["opportunities"][0]["touches"][0]
    assert touch["at"] == "2026-11-01T01:30:00-04:00"


def test_log_refuses_a_touch_more_than_a_day_in_the_future(db_url: str) -> None:
    fenwick(db_url)
    result = run(db_url, "log", "fenwick", "--kind", "email", "--at", "2099-11-25 15:00")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: fenwick.touches[0].at: 2099-11-25T15:00:00-05:00 is more than a day in the "
        "future (it is now ")
    assert result.stderr.endswith("a touch is something that happened: check the year\n")
    assert _export(db_url)["opportunities"][0]["touches"] == []


def test_done_at_refuses_a_date_in_the_future(db_url: str) -> None:
    fenwick(db_url)
    result = run(db_url, "done", "fenwick/thank_you/r1/priya", "--at", "2099-12-01 10:00")
    assert result.exit_code == 2
    assert "fenwick.touches[0].at: 2099-12-01T10:00:00-05:00 is more than a day" in result.stderr


def test_json_import_refuses_a_future_touch_with_its_path(db_url: str) -> None:
    fenwick(db_url)
    document = _export(db_url)
    document["opportunities"][0]["touches"] = [{
        "at": "2099-11-25T15:00:00-05:00", "kind": "email", "direction": "out",
        "contact": "priya", "channel": "email"}]
    result = run(db_url, "import", "-", input=json.dumps(document))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: opportunities[0].touches[0].at: 2099-11-25T15:00:00-05:00 is more than a day")


def test_the_timeline_shows_the_year_when_it_is_not_this_year(db_url: str) -> None:
    fenwick(db_url)
    ok(db_url, "log", "fenwick", "--kind", "email", "--contact", "priya", "--at",
       "2025-06-02 10:00", "--summary", "an old note")
    show = ok(db_url, "show", "fenwick", "--as-of", "2026-11-30 12:00").stdout
    assert "Mon 02 Jun 2025 10:00 (15:00 London)  #1 → email priya — an old note" in show
    assert "Mon 30 Nov 04:00 (09:00 London)  interview r1" in show


def test_a_request_is_dated_to_the_end_of_its_interview(db_url: str) -> None:
    fenwick(db_url)
    result = ok(db_url, "add", "request", "fenwick", "r1", "sample", "--what", "a work sample",
                "--from", "priya")
    assert result.stdout == ("added request sample to fenwick/r1, asked Mon 30 Nov 06:00 "
                             "New York time (11:00 London)\n")
    ok(db_url, "add", "request", "fenwick", "r1", "refs", "--what", "two references",
       "--asked-at", "2026-11-30 08:00")
    requests = _export(db_url)["opportunities"][0]["interviews"][0]["requests"]
    assert [r["asked_at"] for r in requests] == ["2026-11-30T11:00:00+00:00",
                                                 "2026-11-30T08:00:00-05:00"]


def test_a_mistyped_ref_gets_the_nearest_one(db_url: str) -> None:
    fenwick(db_url)
    result = run(db_url, "show", "fenwik")
    assert result.exit_code == 2
    assert result.stderr == "Error: no opportunity 'fenwik'; did you mean 'fenwick'?\n"
    log = run(db_url, "log", "fenwik", "--kind", "email")
    assert log.stderr == "Error: no opportunity 'fenwik'; did you mean 'fenwick'?\n"
    contact = run(db_url, "edit", "contact", "fenwick", "pria", "--title", "Director")
    assert contact.stderr == "Error: no contact 'pria'; did you mean 'priya'?\n"
    far = run(db_url, "show", "zzz")
    assert far.stderr == "Error: no opportunity 'zzz' (see `followup list`)\n"


SHEET = ("ref,company,role,time_zone,country,contact_name,contact_email\n"
         "globex,Globex,Data Engineer,Europe/Berlin,DE,Zoë D'Arcy,zoe@globex.example\n")


def test_import_reads_a_csv_file_by_its_extension_and_makes_ascii_refs(
    db_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    fenwick(db_url)
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert ok(db_url, "import", str(sheet)).stdout == "imported: 1 new, 0 updated\n"
    globex = next(o for o in _export(db_url)["opportunities"] if o["ref"] == "globex")
    assert [c["ref"] for c in globex["contacts"]] == ["zoe-d-arcy"]


def test_import_reads_csv_by_its_content_and_a_csv_given_as_json_says_so(
    db_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    fenwick(db_url)
    assert ok(db_url, "import", "-", input=SHEET).stdout == "imported: 1 new, 0 updated\n"
    wrong = run(db_url, "import", "--format", "json", "-", input=SHEET)
    assert wrong.exit_code == 2
    assert wrong.stderr == ("Error: this is a CSV sheet, not a JSON exchange document: use "
                            "`followup import --format csv FILE` (or name it .csv)\n")


@pytest.mark.parametrize("words", [(), ("add",), ("edit",), ("delete",)])
def test_a_group_alone_prints_its_help_readably(db_url: str, words: tuple[str, ...]) -> None:
    result = run(db_url, *words)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "\nCommands:\n" in result.stdout
    assert result.stderr == ""


def test_quiet_hours_are_a_profile_setting_the_planner_reads(db_url: str) -> None:
    fenwick(db_url)
    shown = ok(db_url, "profile", "--quiet-hours", "22-07").stdout
    assert shown.endswith("quiet      22:00-07:00 (your night: nothing written is due)\n")
    assert _export(db_url)["profile"]["settings"] == {"quiet_end_hour": 7,
                                                      "quiet_start_hour": 22}
    bad = run(db_url, "profile", "--quiet-hours", "25-7")
    assert bad.exit_code == 2
    assert bad.stderr == "Error: --quiet-hours: expected HH-HH such as 21-08, got '25-7'\n"
    ok(db_url, "add", "request", "fenwick", "r1", "sample", "--what", "a work sample")
    agenda = json.loads(ok(db_url, "agenda", "--as-of", "2026-11-30T12:00:00-05:00",
                           "--format", "json").stdout)
    send = next(a for a in agenda["actions"] if a["kind"] == "send_info")
    # Due by the end of the day it was asked (23:59 New York), moved out of the night
    # to when it begins: 22:00 New York, 03:00 in London.
    assert send["due"] == "2026-12-01T03:00:00+00:00"
    assert send["latest"] == "2026-12-01T04:59:59+00:00"


def test_a_contact_stored_under_an_accented_ref_is_updated_not_duplicated(
    db_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    fenwick(db_url)
    ok(db_url, "import", "-", input=SHEET)
    ok(db_url, "edit", "contact", "globex", "zoe-d-arcy", "--ref", "zoë-d-arcy")
    ok(db_url, "import", "-", input=SHEET.replace("zoe@globex", "zoe.d@globex"))
    globex = next(o for o in _export(db_url)["opportunities"] if o["ref"] == "globex")
    assert [(c["ref"], c["email"]) for c in globex["contacts"]] == [
        ("zoë-d-arcy", "zoe.d@globex.example")]
