"""Items 2-5 and 11 of issue 8: bad input is exit 2 on both backends; the record stays readable.

Each test drives the real command line on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import AS_OF, document, text

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
KEY = "acme-pm/thank_you/r1/omar"
READS = (["today", "--as-of", AS_OF], ["agenda", "--as-of", AS_OF], ["list"], ["show", "acme-pm"],
         ["export"], ["export", "--format", "csv"])


def _one_line_error(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    # One line says what is wrong; a usage error may add where to find --help.
    assert lines and all(line.startswith("Try '") for line in lines[1:]), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _reads_work(url: str) -> None:
    for args in READS:
        result = run(url, *args)
        assert result.exit_code == 0, (args, result.stderr)


# --- item 2: one range of dates, every channel --------------------------------------------


@pytest.mark.parametrize("args", [
    ["snooze", KEY, "--until", "9999-12-31T23:59:59"],
    ["log", "acme-pm", "--kind", "email", "--at", "9999-12-31T12:00+00:00"],
    ["log", "acme-pm", "--kind", "email", "--at", "0001-01-01T00:00+00:00"],
    ["log", "acme-pm", "--kind", "voicemail", "--callback-on", "9999-12-31"],
    ["add", "interview", "acme-pm", "r9", "--start", "9999-12-31T10:00", "--end",
     "9999-12-31T11:00"],
    ["edit", "interview", "acme-pm", "r1", "--decision-expected", "2200-01-01"],
    ["done", KEY, "--at", "1969-12-31T23:59:59+00:00"],
    ["agenda", "--as-of", "9999-12-31T23:59:59+00:00"],
    ["draft", KEY, "--as-of", "0001-01-01T00:00:00+00:00"],
    ["today", "--as-of", "9999-12-31T23:00:00-14:00"],
])
def test_a_date_out_of_range_is_refused_on_the_command_line(db_url: str, args) -> None:
    run(db_url, "import", "-", input=text())
    before = run(db_url, "export").stdout
    line = _one_line_error(run(db_url, *args))
    assert "out of range" in line and "1970-01-01 to 2199-12-31" in line
    assert run(db_url, "export").stdout == before
    _reads_work(db_url)


@pytest.mark.parametrize(("where", "value"), [
    (("interviews", 0, "start"), "9999-12-31T10:00:00+00:00"),
    (("interviews", 0, "end"), "9999-12-31T10:00:00-14:00"),
    (("interviews", 0, "decision_expected"), "9999-12-31"),
    (("touches", 0, "at"), "0001-01-01T00:00:00+00:00"),
    (("touches", 0, "at"), "2026-11-20T18:00:00+23:00"),
])
def test_a_date_out_of_range_is_refused_in_a_document(db_url: str, where, value) -> None:
    run(db_url, "import", "-", input=text())
    doc = document()
    target = doc["opportunities"][0]
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    line = _one_line_error(run(db_url, "import", "-", input=json.dumps(doc)))
    assert "out of range" in line
    assert line.startswith("Error: opportunities[0].")
    _reads_work(db_url)


def test_the_furthest_dates_accepted_plan_and_read_back(db_url: str) -> None:
    doc = document()
    opportunity = doc["opportunities"][0]
    opportunity["interviews"][0].update(start="2199-12-31T09:00:00+00:00",
                                        end="2199-12-31T10:00:00+00:00",
                                        decision_expected="2199-12-31")
    opportunity["interviews"][0]["requests"][0]["asked_at"] = "2199-12-31T10:00:00+00:00"
    opportunity["touches"][0]["at"] = "1970-01-01T00:00:00+00:00"
    opportunity["settings"] = {"gap_min": 365, "gap_max": 365, "gap_unit": "calendar",
                               "first_follow_up_business_days": 365, "max_attempts": 20}
    assert run(db_url, "import", "-", input=json.dumps(doc)).exit_code == 0
    for as_of in ("1970-01-01T00:00:00+00:00", "2199-12-31T23:59:59+00:00"):
        assert run(db_url, "agenda", "--as-of", as_of).exit_code == 0
        assert run(db_url, "today", "--as-of", as_of, "--days", "60").exit_code == 0
    _reads_work(db_url)
    again = run(db_url, "export").stdout
    assert json.loads(again)["opportunities"][0]["interviews"][0]["start"].startswith("2199")


# --- item 3: bad input is exit 2 and one plain line, never an exception's name -----------


@pytest.mark.parametrize(("args", "says"), [
    (["add", "interview", "acme-pm", "r2", "--round", "1" + "0" * 30, "--start",
      "2026-11-21T10:00", "--end", "2026-11-21T11:00"], "round: expected a whole number from 1"),
    (["add", "contact", "acme-pm", "long", "--name", "x" * 250], "name too long: 250 characters"),
    (["add", "contact", "acme-pm", "mail", "--name", "M", "--email", "a@" + "b" * 300 + ".com"],
     "email too long"),
    (["edit", "opportunity", "acme-pm", "--company", "c" * 201], "company too long"),
    (["log", "acme-pm", "--kind", "email", "--summary", "s" * 501], "summary too long"),
    (["skip", KEY, "--why", "w" * 20_001], "why too long"),
])
def test_too_big_a_value_is_refused_alike_on_both_backends(db_url: str, args, says) -> None:
    run(db_url, "import", "-", input=text())
    line = _one_line_error(run(db_url, *args))
    assert says in line
    assert "Error" in line and "DataError" not in line and "Overflow" not in line


def test_a_header_only_sheet_imports_nothing_and_says_so(db_url: str) -> None:
    result = run(db_url, "import", "--format", "csv", "-", input="ref,company,role\n")
    assert result.exit_code == 0, result.stderr
    assert "imported: 0 new, 0 updated" in result.stdout


def test_a_sheet_that_is_not_utf8_is_named_by_its_row(db_url: str) -> None:
    sheet = "ref,company,role\nacme-pm,Acme,PM\nx,Caf\xe9,PM\n".encode("latin-1")
    line = _one_line_error(run(db_url, "import", "--format", "csv", "-", input=sheet))
    assert "row 3: not UTF-8 text" in line


def test_a_file_that_is_not_a_record_is_refused_as_bad_input(db_url: str, tmp_path: Path) -> None:
    not_a_record = tmp_path / "hostname"
    not_a_record.write_text("myhost\n")
    for args in (["list"], ["agenda"], ["export"]):
        line = _one_line_error(run(str(not_a_record), *args))
        assert "not a followup record" in line
    assert not_a_record.read_text() == "myhost\n"


def test_huge_numbers_in_a_document_are_refused(db_url: str) -> None:
    doc = document()
    doc["opportunities"][0]["interviews"][0]["round"] = 10**30
    assert "round" in _one_line_error(run(db_url, "import", "-", input=json.dumps(doc)))
    doc = document()
    doc["opportunities"][0]["settings"] = {"gap_min": 10**9}
    assert "gap_min" in _one_line_error(run(db_url, "import", "-", input=json.dumps(doc)))
    long_number = '{"format": "followup/1", "profile": {"name": 1' + "0" * 5000 + "}}"
    assert "malformed JSON" in _one_line_error(run(db_url, "import", "-", input=long_number))


def test_a_real_fault_is_exit_1_with_its_traceback_kept_in_the_data_folder(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    run(db_url, "import", "-", input=text())
    from followup.services import read

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(read, "overview", broken)
    result = run(db_url, "list")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "No space left on device" in result.stderr.splitlines()[0]
    log = tmp_path / "data" / "followup" / "errors.log"
    assert str(log) in result.stderr
    assert "Traceback" in log.read_text() and "No space left" in log.read_text()
    shown = run(db_url, "list", "--debug")
    assert "Traceback" in shown.stderr


# --- item 4: error lines do not echo huge values ------------------------------------------


@pytest.mark.parametrize("args", [
    ["snooze", KEY, "--until", "x" * 5_000_000],
    ["add", "opportunity", "y" * 5_000_000, "--company", "A", "--role", "R", "--time-zone",
     "UTC", "--country", "US"],
    ["add", "opportunity", "z/" * 100, "--company", "A", "--role", "R", "--time-zone",
     "Nowhere/" + "q" * 1000, "--country", "US"],
    ["draft", "k/" * 100_000, "--format", "json"],
])
def test_an_error_line_shortens_the_value_it_quotes(db_url: str, args) -> None:
    run(db_url, "import", "-", input=text())
    line = _one_line_error(run(db_url, *args))
    assert len(line) <= 400
    assert "…" in line


def test_a_huge_value_in_a_document_is_shortened_in_the_error(db_url: str) -> None:
    doc = document()
    doc["opportunities"][0]["time_zone"] = "Mars/" + "x" * 5_000_000
    line = _one_line_error(run(db_url, "import", "-", input=json.dumps(doc)))
    assert len(line) < 300 and "xxxxxxxxxx" * 7 not in line


# --- item 5: export never destroys the record ----------------------------------------------


def test_export_onto_the_database_file_is_refused(db_url: str) -> None:
    if "://" in db_url:
        pytest.skip("PostgreSQL keeps no file to overwrite")
    run(db_url, "import", "-", input=text())
    for suffix in ("", "-wal", "-shm", "-journal"):
        target = db_url + suffix
        line = _one_line_error(run(db_url, "export", "-o", target))
        assert "is the record's own" in line
    _reads_work(db_url)


def test_export_to_a_file_replaces_it_whole(db_url: str, tmp_path: Path) -> None:
    run(db_url, "import", "-", input=text())
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "record.json"
    target.write_text("old contents")
    target.chmod(0o640)
    assert run(db_url, "export", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["format"] == "followup/1"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["record.json"]  # no temporary left


# --- item 11: a record damaged before this fix opens with a clear line, and is mended -----


def _damage(url: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # what an old year-9999 snooze left behind
            cursor.execute("UPDATE followup_touch SET at = '10000-01-01 12:00:00+00'")
        else:  # what an old `log --at 0001-01-01T00:00-01:00` left
            cursor.execute("UPDATE followup_touch SET at = '0001-01-01 00:00:00', "
                           "at_offset = -3600")


def test_a_damaged_record_says_which_row_and_doctor_mends_it(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    _damage(db_url)
    for args in (["list"], ["export"], ["agenda", "--as-of", AS_OF], ["show", "acme-pm"]):
        result = run(db_url, *args)
        assert result.exit_code == 1, (args, result.stderr)
        line = result.stderr.strip().splitlines()[0]
        assert "followup_touch row" in line and "(opportunity acme-pm)" in line, line
        assert "followup doctor --repair" in line
    report = run(db_url, "doctor")
    assert report.exit_code == 0 and "followup_touch row" in report.stdout
    assert "1 problem(s)" in report.stdout
    mended = run(db_url, "doctor", "--repair")
    assert mended.exit_code == 0 and mended.stdout.startswith("mended: followup_touch row")
    _reads_work(db_url)
    assert "No problems found" in run(db_url, "doctor").stdout
    touch = json.loads(run(db_url, "export").stdout)["opportunities"][0]["touches"][0]
    assert touch["at"] in ("1970-01-01T00:00:00+00:00", "2199-12-31T23:59:59+00:00")


def test_doctor_on_a_sound_record_finds_nothing(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    result = run(db_url, "doctor", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"repaired": False, "problems": []}
