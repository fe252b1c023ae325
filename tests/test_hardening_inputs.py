"""Items 8 and 10 of issue 8: one rule for text, zones, refs and addresses in every channel."""

from __future__ import annotations

import json

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import AS_OF, document, text

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
HEADER = "ref,company,role,time_zone,country,contact_ref,contact_name,contact_email\n"


def _fresh(url: str) -> None:
    from django.db import connection

    from dbfixtures import TABLES

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLES.split(', ')[0]}")
        for table in TABLES.split(", ")[1:]:
            cursor.execute(f"DELETE FROM {table}")


# --- item 8: export -> import -> export is identical, JSON and CSV alike ----------------


def test_one_line_values_lose_surrounding_spaces_in_every_channel(db_url: str) -> None:
    doc = document()
    opportunity = doc["opportunities"][0]
    opportunity["company"] = "\u00a0Acme\u3000"
    opportunity["contacts"][0]["name"] = "  Jane Roe\u00a0"
    opportunity["interviews"][0]["notes"]["learned"] = "  kept exactly\u00a0\n"
    assert run(db_url, "import", "-", input=json.dumps(doc)).exit_code == 0
    first = run(db_url, "export").stdout
    stored = json.loads(first)["opportunities"][0]
    assert stored["company"] == "Acme" and stored["contacts"][0]["name"] == "Jane Roe"
    assert stored["interviews"][0]["notes"]["learned"] == "  kept exactly\u00a0\n"
    sheet = run(db_url, "export", "--format", "csv").stdout

    _fresh(db_url)
    assert run(db_url, "import", "-", input=first).exit_code == 0
    assert run(db_url, "export").stdout == first

    _fresh(db_url)
    assert run(db_url, "import", "--format", "csv", "-", input=sheet).exit_code == 0
    assert run(db_url, "export", "--format", "csv").stdout == sheet
    from_sheet = json.loads(run(db_url, "export").stdout)["opportunities"][0]
    assert from_sheet["company"] == "Acme"
    assert from_sheet["contacts"][0]["name"] == "Jane Roe"


def test_the_command_line_trims_like_the_files_do(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    assert run(db_url, "add", "contact", "acme-pm", "zoe", "--name", "\u00a0Zoë ").exit_code == 0
    contacts = json.loads(run(db_url, "export").stdout)["opportunities"][0]["contacts"]
    assert contacts[-1]["name"] == "Zoë"


# --- item 10: zones, refs and addresses get the same answer everywhere --------------------


@pytest.mark.parametrize("zone", ["EST", "PST8PDT", "CET"])
def test_a_zone_that_is_not_a_place_is_refused_in_json_csv_and_options(db_url: str,
                                                                       zone: str) -> None:
    doc = document()
    doc["opportunities"][0]["time_zone"] = zone
    as_json = run(db_url, "import", "-", input=json.dumps(doc))
    as_csv = run(db_url, "import", "--format", "csv", "-",
                 input=HEADER + f"x-pm,Acme,PM,{zone},US,,,\n")
    as_csv_no_country = run(db_url, "import", "--format", "csv", "-",
                            input=HEADER + f"x-pm,Acme,PM,{zone},,,,\n")
    as_option = run(db_url, "profile", "--time-zone", zone)
    for result in (as_json, as_csv, as_csv_no_country, as_option):
        assert result.exit_code == 2, result.stderr
        assert f"time zone '{zone}' is not a place" in result.stderr
    assert json.loads(run(db_url, "export").stdout)["opportunities"] == []


@pytest.mark.parametrize(("bad", "says"), [
    ("a..b", "'..' not allowed"),
    ("a\u2215b", "not allowed in ref"),
    ("a\uff0fb", "not allowed in ref"),
    ("a\\b", "not allowed in ref"),
    ("a\u202eb", "bidirectional control character in ref"),
    ("a\u200bb", "invisible character U+200B"),
    ("a\u00a0b", "whitespace not allowed"),
])
def test_a_ref_that_could_mislead_is_refused_in_every_channel(db_url: str, bad: str,
                                                              says: str) -> None:
    doc = document()
    doc["opportunities"][0]["ref"] = bad
    results = [
        run(db_url, "import", "-", input=json.dumps(doc)),
        run(db_url, "import", "--format", "csv", "-",
            input=HEADER + f"{bad},Acme,PM,America/Chicago,US,,,\n"),
        run(db_url, "add", "opportunity", bad, "--company", "A", "--role", "R",
            "--time-zone", "America/Chicago", "--country", "US"),
    ]
    for result in results:
        assert result.exit_code == 2, result.stderr
        assert says in result.stderr


def test_refs_in_any_letters_still_work(db_url: str) -> None:
    doc = document()
    doc["opportunities"][0]["ref"] = "東京-pm"
    doc["opportunities"][0]["contacts"][0]["ref"] = "zoë"
    doc["opportunities"][0]["interviews"][0]["interviewers"] = ["zoë", "omar"]
    doc["opportunities"][0]["interviews"][0]["requests"][0]["from"] = "zoë"
    doc["opportunities"][0]["interviews"][0]["notes"]["moments"] = {"zoë": "pricing"}
    doc["opportunities"][0]["touches"][0]["contact"] = "zoë"
    assert run(db_url, "import", "-", input=json.dumps(doc)).exit_code == 0
    keys = [a["key"] for a in json.loads(run(db_url, "agenda", "--as-of", AS_OF).stdout)
            ["actions"]]
    assert "東京-pm/thank_you/r1/omar" in keys


def test_an_address_outside_ascii_is_refused_at_input_everywhere(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    doc = document()
    doc["opportunities"][0]["contacts"][0]["email"] = "zoë@acme.example"
    results = [
        run(db_url, "import", "-", input=json.dumps(doc)),
        run(db_url, "import", "--format", "csv", "-",
            input=HEADER + "x-pm,Acme,PM,America/Chicago,US,zoe,Zoë,zoë@acme.example\n"),
        run(db_url, "add", "contact", "acme-pm", "zoe", "--name", "Zoë", "--email",
            "zoë@acme.example"),
        run(db_url, "profile", "--email", "zoë@acme.example"),
    ]
    for result in results:
        assert result.exit_code == 2, result.stderr
        assert "outside ASCII before the @" in result.stderr


def test_a_domain_in_another_script_is_kept_in_ascii_and_drafts_as_eml(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    added = run(db_url, "add", "contact", "acme-pm", "bea", "--name", "Bea",
                "--email", "bea@bücher.example")
    assert added.exit_code == 0, added.stderr
    contacts = json.loads(run(db_url, "export").stdout)["opportunities"][0]["contacts"]
    assert contacts[-1]["email"] == "bea@xn--bcher-kva.example"
    assert run(db_url, "edit", "interview", "acme-pm", "r1", "--interviewer", "jane",
               "--interviewer", "omar", "--interviewer", "bea").exit_code == 0
    eml = run(db_url, "draft", "acme-pm/thank_you/r1/bea", "--as-of", AS_OF, "--format", "eml")
    assert eml.exit_code == 0, eml.stderr
    assert "To: Bea <bea@xn--bcher-kva.example>" in eml.stdout
