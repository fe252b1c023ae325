"""Import and export services: all or nothing, idempotent by ref, exact round trip."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401
from followup.transports.exchange import ExchangeError, dumps_document
from samples import document, opportunity_doc, text

NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)
pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _synthetic(n: int) -> str:
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from synthetic import make_record

    return dumps_document(make_record(n, 7, NOW))


def test_import_then_export_gives_back_an_exported_document_byte_for_byte(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import export_document, import_document

    original = _synthetic(25)
    import_document(owner, original, now=NOW)
    assert export_document(owner) == original


def test_the_contract_example_survives_the_round_trip(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import export_document, import_document

    import_document(owner, text(), now=NOW)
    exported = export_document(owner)
    import_document(owner, exported, now=NOW)
    assert export_document(owner) == exported
    data = json.loads(exported)
    assert data["opportunities"][0]["interviews"][0]["start"] == "2026-11-20T10:00:00-06:00"


def test_importing_the_same_refs_again_updates_them_and_never_duplicates(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import export_record, import_document
    from followup.store import models as db

    first = import_document(owner, text(), now=NOW)
    changed = document()
    changed["opportunities"][0]["company"] = "Acme Corp"
    changed["opportunities"].append(opportunity_doc("globex"))
    second = import_document(owner, json.dumps(changed), now=NOW)
    assert (first.created, second.created, second.updated) == (1, 1, 1)
    record = export_record(owner)
    assert [o.ref for o in record.opportunities] == ["acme-pm", "globex"]
    assert record.opportunities[0].company == "Acme Corp"
    assert db.Touch.objects.count() == 2
    assert db.Contact.objects.count() == 4


def test_a_bad_document_writes_nothing(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import export_document, import_document

    import_document(owner, text(), now=NOW)
    before = export_document(owner)
    bad = document()
    bad["opportunities"].append(opportunity_doc("late", end="2026-11-20T09:00:00-06:00"))
    with pytest.raises(ExchangeError, match=r"opportunities\[1\]\.interviews\[0\]\.end"):
        import_document(owner, json.dumps(bad), now=NOW)
    assert export_document(owner) == before


def test_csv_export_then_import_keeps_opportunities_contacts_and_history(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import (
        export_csv,
        export_record,
        import_csv,
        import_document,
    )

    import_document(owner, text(), now=NOW)
    sheet = export_csv(owner)
    assert "acme-pm" in sheet and "Jane Roe" in sheet
    before = export_record(owner)
    result = import_csv(owner, sheet, now=NOW)
    assert (result.created, result.updated) == (0, 1)
    assert export_record(owner) == before
