"""Today reads the stored agenda (services.listing) and shows exactly what
planning every due opportunity showed: the same actions, groups, words,
times, contacts and links."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from webfixtures import alice, people, post, web_template, web_url  # noqa: F401


def planned_groups(owner: Any, clock: Any) -> list[Any]:
    """Today's groups built the way the page did before: plan, then view each action."""
    from followup.domain.calendar import end_of_day
    from followup.services.agenda import agenda
    from followup.web.views.today import SHOWN, action_view

    result = agenda(owner, clock, clock + timedelta(days=7))
    tz = result.profile.time_zone
    end = end_of_day(result.as_of, tz)
    groups: dict[str, list[Any]] = {"late": [], "today": [], "soon": []}
    for a in result.actions:
        groups["late" if a.late else "today" if a.due <= end else "soon"].append(a)
    return [(name, len(items), [comparable(action_view(a, result.opportunities[a.opportunity],
                                                       tz)) for a in items[:SHOWN]])
            for name, items in groups.items()]


def comparable(view: dict[str, Any]) -> dict[str, Any]:
    o, c = view["opportunity"], view["contact"]
    return {**view, "sources": list(view["sources"]),
            "opportunity": (o.ref, o.company, o.role, o.time_zone),
            "contact": None if c is None else (c.name, c.title, c.email, c.phone)}


def page_groups(owner: Any, clock: Any, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    from django.test import RequestFactory

    from followup.web.views import today

    monkeypatch.setattr(today, "now", lambda: clock)
    request = RequestFactory().get("/")
    request.owner = owner  # type: ignore[attr-defined]
    context = today.today_context(request)
    return [(name, total, [comparable(v) for v in items])
            for name, _, total, items in context["groups"]]


def test_today_from_the_stored_agenda_is_what_planning_showed(
        people: Any, alice: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from webfixtures import NOW

    for clock in (NOW, NOW + timedelta(days=3), NOW + timedelta(days=12)):
        assert page_groups(people.alice, clock, monkeypatch) == planned_groups(
            people.alice, clock), clock
    monkeypatch.undo()
    first = planned_groups(people.alice, NOW)[0][2] or planned_groups(people.alice, NOW)[2][2]
    assert post(alice, f"/actions/{first[0]['key']}/skip", {"why": "no"}).status_code == 302
    assert page_groups(people.alice, NOW, monkeypatch) == planned_groups(people.alice, NOW)


def test_an_empty_record_still_offers_to_begin(people: Any, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    from webfixtures import client_for

    page = client_for(people.charlie).get("/").content.decode()
    assert "Your record is empty" in page
