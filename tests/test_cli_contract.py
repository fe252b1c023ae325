"""The scripting contract: import, export, agenda, exit codes and error lines."""

from __future__ import annotations

import json

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import AS_OF, document, opportunity_doc, text

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _import(url: str, doc: dict | str) -> object:  # type: ignore[type-arg]
    return run(url, "import", "-", input=doc if isinstance(doc, str) else json.dumps(doc))


def test_import_then_export_round_trips_the_contract_example(db_url: str) -> None:
    result = _import(db_url, text())
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    exported = run(db_url, "export").stdout
    assert json.loads(exported)["opportunities"][0]["ref"] == "acme-pm"
    assert _import(db_url, exported).exit_code == 0  # type: ignore[attr-defined]
    assert run(db_url, "export").stdout == exported


def test_import_reads_a_file(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "record.json"
    path.write_text(text())
    assert run(db_url, "import", str(path)).exit_code == 0


def test_agenda_lists_the_open_actions_in_the_contract_shape(db_url: str) -> None:
    _import(db_url, text())
    result = run(db_url, "agenda", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == AS_OF
    first = data["actions"][0]
    for field in ("key", "opportunity", "kind", "rule", "contact", "channel", "attempt",
                  "earliest", "due", "latest", "late", "why", "sources"):
        assert field in first
    assert first["due"].endswith("-06:00")  # the employer's zone
    keys = [(a["due"], a["key"]) for a in data["actions"]]
    assert [a["key"] for a in data["actions"]] == [k for _, k in sorted(keys)] or keys
    assert "acme-pm/thank_you/r1/omar" in [a["key"] for a in data["actions"]]


def test_agenda_until_adds_what_opens_before_then(db_url: str) -> None:
    _import(db_url, text())
    now = json.loads(run(db_url, "agenda", "--as-of", AS_OF).stdout)["actions"]
    later = run(db_url, "agenda", "--as-of", AS_OF, "--until", "2026-12-31T00:00:00+00:00")
    ahead = json.loads(later.stdout)["actions"]
    assert {a["key"] for a in now} < {a["key"] for a in ahead}


def test_agenda_reads_only(db_url: str) -> None:
    _import(db_url, text())
    before = run(db_url, "export").stdout
    run(db_url, "agenda", "--as-of", AS_OF)
    assert run(db_url, "export").stdout == before


def _bad(url: str, doc: dict | str, expected: str) -> None:  # type: ignore[type-arg]
    _import(url, text())
    before = run(url, "export").stdout
    result = _import(url, doc)
    assert result.exit_code == 2, result.stdout  # type: ignore[attr-defined]
    first = result.stderr.splitlines()[0]  # type: ignore[attr-defined]
    assert first.startswith("Error: ") and expected in first, first
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    assert run(url, "export").stdout == before


def _with(path: str, value: object) -> dict:  # type: ignore[type-arg]
    doc = document()
    target = doc
    parts = path.split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = parts[-1]
    if last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return doc


OPP = "opportunities.0"


@pytest.mark.parametrize(("change", "expected"), [
    ((f"{OPP}.via", "sideways"), "opportunities[0].via"),
    ((f"{OPP}.stage", "ghosted"), "opportunities[0].stage"),
    ((f"{OPP}.contacts.0.roles", ["boss"]), "opportunities[0].contacts[0].roles[0]"),
    ((f"{OPP}.touches.0.kind", "telepathy"), "opportunities[0].touches[0].kind"),
    ((f"{OPP}.time_zone", "Mars/Olympus"), "opportunities[0].time_zone"),
    (("profile.time_zone", "Nowhere/City"), "profile.time_zone"),
    ((f"{OPP}.interviews.0.start", "2026-11-20T10:00:00"), "opportunities[0].interviews[0].start"),
    ((f"{OPP}.touches.0.at", "2026-11-20 18:00"), "opportunities[0].touches[0].at"),
    ((f"{OPP}.interviews.0.decision_expected", "2026-13-40"),
     "opportunities[0].interviews[0].decision_expected"),
    ((f"{OPP}.interviews.0.end", "2026-11-20T09:00:00-06:00"),
     "opportunities[0].interviews[0].end"),
    ((f"{OPP}.interviews.0.interviewers", ["jane", "ghost"]),
     "opportunities[0].interviews[0].interviewers[1]"),
    ((f"{OPP}.contacts.1.ref", "jane"), "opportunities[0].contacts[1].ref"),
    ((f"{OPP}.contacts.0.name", "Jane\nRoe"), "opportunities[0].contacts[0].name"),
], ids=lambda value: str(value)[:40])
def test_bad_input_is_exit_2_naming_the_path_and_writes_nothing(
    db_url: str, change: tuple[str, object], expected: str
) -> None:
    _bad(db_url, _with(*change), expected)


def test_malformed_json_is_bad_input(db_url: str) -> None:
    _bad(db_url, '{"format": "followup/1", "profile": ', "malformed JSON")


def test_a_wrong_format_is_bad_input(db_url: str) -> None:
    _bad(db_url, document(format="followup/9"), "format")


def test_a_duplicate_opportunity_ref_is_bad_input(db_url: str) -> None:
    doc = document()
    doc["opportunities"].append(opportunity_doc("acme-pm"))
    _bad(db_url, doc, "opportunities[1].ref")


def test_a_touch_naming_another_opportunitys_contact_is_bad_input(db_url: str) -> None:
    doc = document()
    other = opportunity_doc("globex")
    other["contacts"] = [dict(other["contacts"][0], ref="tom", name="Tom Berg")]
    other["interviews"][0]["interviewers"] = ["tom"]
    other["interviews"][0]["requests"] = []
    other["interviews"][0]["notes"] = {}
    other["touches"][0]["contact"] = "omar"  # acme-pm's contact
    doc["opportunities"].append(other)
    _bad(db_url, doc, "opportunities[1].touches[0].contact")


def test_a_subject_with_a_line_break_is_bad_input(db_url: str) -> None:
    _bad(db_url, _with(f"{OPP}.company", "Acme\r\nInc"), "opportunities[0].company")


def test_a_missing_file_and_a_bad_option_are_usage_errors(db_url: str) -> None:
    missing = run(db_url, "import", "/nonexistent/record.json")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Error: cannot read /nonexistent/record.json")
    bad_as_of = run(db_url, "agenda", "--as-of", "tomorrow-ish")
    assert bad_as_of.exit_code == 2
    assert bad_as_of.stderr.splitlines()[0].startswith("Error: Invalid value for '--as-of'")
    unknown = run(db_url, "agenda", "--format", "yaml")
    assert unknown.exit_code == 2


def test_an_unexpected_error_is_one_line_and_exit_1_without_debug(db_url: str) -> None:
    from unittest import mock

    with mock.patch("followup.services.exchange.export_document", side_effect=RuntimeError("boom")):
        result = run(db_url, "export")
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == "Error: RuntimeError: boom"
        assert "Traceback" not in result.stderr
        debug = run(db_url, "export", "--debug")
        assert debug.exit_code == 1
        assert "Traceback" in debug.stderr
