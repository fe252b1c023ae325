"""`followup draft` and `followup check` as the command line calls them (CONTRACT.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.records import LATER, PROFILE, action, opportunity, settings_for
from followup.cli import main
from followup.domain.messages.render import clear_cache
from followup.domain.model import ActionKind, Channel
from followup.services.drafting import TEMPLATES_ENV, render_draft, run_check
from followup.services.errors import ServiceError

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


def render(kind: ActionKind, fmt: str, contact: str = "jane", templates=None, **changes) -> str:
    opp = opportunity()
    return render_draft(PROFILE, opp, action(kind, contact, **changes), settings_for(opp),
                        fmt=fmt, templates_dir=templates, now=NOW)


def test_json_has_the_contract_fields() -> None:
    data = json.loads(render(ActionKind.THANK_YOU, "json"))
    assert {"key", "kind", "to", "subject", "body", "findings"} <= set(data)
    assert data["key"] == "acme-pm/thank_you/r1/jane" and data["kind"] == "thank_you"
    assert data["to"] == {"name": "Jane Roe", "email": "jane@acme.example"}
    assert data["subject"] and data["body"].startswith(("Hi Jane", "Hello Jane", "Dear Jane"))
    assert data["findings"] == []


def test_json_findings_carry_severity_code_message_and_span() -> None:
    opp = opportunity(share=())
    data = json.loads(render_draft(
        PROFILE, opp, action(ActionKind.FOLLOW_UP, attempt=2, due=LATER), settings_for(opp),
        fmt="json", templates_dir=None, now=NOW))
    (finding,) = data["findings"]
    assert finding["severity"] == "error" and finding["code"] == "unfilled-placeholder"
    assert data["body"][finding["start"]:finding["end"]].startswith("[[add: an article")


def test_json_for_a_call_has_the_voicemail_script_and_call_notes() -> None:
    data = json.loads(render(ActionKind.FOLLOW_UP, "json", attempt=2, share=0,
                             channel=Channel.PHONE, due=LATER))
    assert data["channel"] == "phone"
    assert set(data["parts"]) == {"voicemail", "call_notes"}
    assert data["parts"]["voicemail"].startswith("Hi Jane, this is Sam Lee.")


def test_text_shows_recipient_subject_body_and_the_checks() -> None:
    text = render(ActionKind.THANK_YOU, "text")
    lines = text.splitlines()
    assert lines[0] == "To: Jane Roe <jane@acme.example>"
    assert lines[1].startswith("Subject: ")
    assert lines[-1] == "Checks: all clear."


def test_text_lists_findings_with_where_they_are() -> None:
    opp = opportunity(share=())
    text = render_draft(PROFILE, opp, action(ActionKind.FOLLOW_UP, attempt=2, due=LATER),
                        settings_for(opp), fmt="text", templates_dir=None, now=NOW)
    assert "Checks: 1 error, 0 warnings" in text
    assert "line 3, col 15: error unfilled-placeholder" in text


def test_text_shows_advice_apart_from_the_message() -> None:
    text = render(ActionKind.INFO_DELAY_NOTICE, "text", request="refs")
    assert "\nAdvice:\n- " in text and "is a suggestion" in text.split("Advice:")[1]


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ServiceError, match="unknown format 'pdf'"):
        render(ActionKind.THANK_YOU, "pdf")
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        run_check("thank_you", "Hi", fmt="xml")


def test_a_broken_user_template_is_a_service_error_naming_file_and_line(tmp_path: Path) -> None:
    clear_cache()
    (tmp_path / "thank_you.j2").write_text("{% set body %}\n{{ nope }}\n{% endset %}\n")
    with pytest.raises(ServiceError, match=r"thank_you\.j2, line 2: 'nope' is undefined"):
        render(ActionKind.THANK_YOU, "text", templates=tmp_path)
    clear_cache()


def test_the_templates_folder_setting_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_cache()
    (tmp_path / "check_in.j2").write_text(
        "{% set subject %}Hello{% endset %}{% set body %}Hi {{ them.first }}, "
        "from my folder.{% endset %}")
    monkeypatch.setenv(TEMPLATES_ENV, str(tmp_path))
    assert "from my folder" in render(ActionKind.CHECK_IN, "text")
    clear_cache()


def test_the_check_command_reads_a_file_and_exits_0_whatever_it_finds(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Subject: Hi\n\nHi Jane,\n\nI still haven't heard back. Reply ASAP!\n\nSam\n")
    result = CliRunner().invoke(main, ["check", "--kind", "follow_up", str(note),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert {"tone-guilt", "tone-pressure", "missing-interest"} <= codes


def test_the_check_command_refuses_an_unknown_kind_with_exit_2(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Hi")
    result = CliRunner().invoke(main, ["check", "--kind", "memo", str(note)])
    assert result.exit_code == 2
    assert "unknown kind 'memo' (choose from prepare, thank_you" in result.output
