"""The agenda reads only what its index says may be due, and never misses an action."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401
from samples import document, opportunity_doc, text

NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)
FAR = datetime(2027, 6, 1, tzinfo=UTC)


def _two_opportunities() -> str:
    import json

    return json.dumps(document(opportunities=[opportunity_doc("acme-pm"),
                                              opportunity_doc("globex")]))


def _agenda_refs(at: datetime) -> set[str]:
    from followup.services.agenda import agenda
    from followup.store.owner import local_owner

    return {action.opportunity for action in agenda(local_owner(), at).actions}


def _set_index(ref: str, **columns: object) -> None:
    from followup.store import models as db

    db.Opportunity.objects.filter(ref=ref).update(**columns)


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_an_opportunity_indexed_as_not_due_is_not_read(db_url: str) -> None:
    from followup.services.exchange import import_document
    from followup.store.owner import local_owner

    import_document(local_owner(), _two_opportunities(), now=NOW)
    assert _agenda_refs(NOW) == {"acme-pm", "globex"}
    # Claim globex has nothing before June: the agenda trusts the index.
    _set_index("globex", next_due_at=FAR)
    assert _agenda_refs(NOW) == {"acme-pm"}


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_rows_planned_after_the_asked_instant_or_never_planned_are_read(db_url: str) -> None:
    from followup.services.exchange import import_document
    from followup.store.owner import local_owner

    import_document(local_owner(), _two_opportunities(), now=NOW)
    # Planned "later" than the clock asked about: the index may be too high for it.
    _set_index("globex", next_due_at=FAR, planned_at=NOW + timedelta(days=1))
    assert _agenda_refs(NOW) == {"acme-pm", "globex"}
    _set_index("globex", next_due_at=None, planned_at=None)
    assert _agenda_refs(NOW) == {"acme-pm", "globex"}


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_an_empty_agenda_reads_no_opportunity(db_url: str) -> None:
    from followup.services.exchange import import_document
    from followup.store.owner import local_owner

    import_document(local_owner(), text(), now=NOW)
    _set_index("acme-pm", next_due_at=FAR)
    assert _agenda_refs(NOW) == set()
