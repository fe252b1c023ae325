"""Today's kept action list (web.today_cache) never shows a stale page: any
write, from the command line, a page, the API or a service, shows on the next
answer; a kept list at any clock reads exactly as one made afresh."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, run, sqlite_template  # noqa: F401
from webfixtures import NOW, alice, charlie, people, post, web_template, web_url  # noqa: F401


def fragment(client: Any) -> str:
    """The #agenda list as htmx fetches it, its CSRF tokens blanked."""
    answer = client.get("/", HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", answer.content.decode())


class Reads:
    """Counts how often the page read the record instead of its kept list."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from followup.web.views import today

        self.count = 0
        real = today.list_agenda

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(today, "list_agenda", counted)


def at(monkeypatch: pytest.MonkeyPatch, clock: datetime) -> None:
    from followup.web.views import today

    monkeypatch.setattr(today, "now", lambda: clock)


def test_a_second_look_reads_the_kept_list(people: Any, alice: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    reads = Reads(monkeypatch)
    at(monkeypatch, NOW)
    first = fragment(alice)
    assert fragment(alice) == first and alice.get("/").status_code == 200
    assert reads.count == 1
    assert 'class="action' in first and "TOKEN" in first


def test_a_skip_from_the_command_line_shows_on_the_next_page(
        people: Any, alice: Any, web_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.web import today_cache

    before = fragment(alice)
    key = re.findall(r'data-key="([^"]+)"', before)[0]
    owner = people.alice
    owner.refresh_from_db()
    assert today_cache.kept(owner, False, datetime.now(NOW.tzinfo)) is not None
    result = run(web_url, "skip", key, "--why", "found another way")
    assert result.exit_code == 0, result.output
    after = fragment(alice)
    assert f'data-key="{key}"' in before and f'data-key="{key}"' not in after


def test_writes_through_the_services_and_pages_show_at_once(
        people: Any, alice: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from followup.services import edit, read
    from followup.store import models as db

    at(monkeypatch, NOW)
    first = fragment(alice)
    name = re.findall(r'<p class="contact">([^,<]+)', first)[0]
    ref, contact = db.Contact.objects.filter(owner=people.alice, name=name).values_list(
        "opportunity__ref", "ref").first()
    edit.edit_contact(people.alice, ref, contact, {"name": "Renamed Person"}, now=NOW)
    assert "Renamed Person" in fragment(alice)
    # A profile change re-plans the whole record in the user's new zone.
    read.save_profile(people.alice, replace(read.profile(people.alice), time_zone="Asia/Tokyo"),
                      now=NOW)
    assert "Times are in your zone (Asia/Tokyo)" in fragment(alice)
    # A page's own write: Done on the first action takes it off the list.
    key = re.findall(r'data-key="([^"]+)"', fragment(alice))[0]
    assert post(alice, f"/actions/{key}/done").status_code == 302
    assert f'data-key="{key}"' not in fragment(alice)


def test_every_write_transaction_and_replanning_change_the_revision(people: Any) -> None:
    from followup.store import index, mapping
    from followup.store import models as db
    from followup.store.locking import writing

    def revision() -> int:
        return int(db.Owner.objects.get(pk=people.alice.pk).revision)

    start = revision()
    with writing(people.alice.pk):
        pass
    after_write = revision()
    assert after_write != start
    selection = db.Opportunity.objects.filter(owner=people.alice)
    pairs = list(zip(selection.order_by("id").values_list("id", flat=True),
                     mapping.load_opportunities(selection), strict=True))
    index.refresh(pairs, mapping.load_profile(people.alice), NOW)
    assert revision() != after_write
    with pytest.raises(RuntimeError), writing(people.alice.pk):
        raise RuntimeError("nothing written")
    assert revision() != after_write  # unchanged by the refused write
    assert revision() == int(db.Owner.objects.get(pk=people.alice.pk).revision)


def clocks_to_try(owner: Any) -> list[datetime]:
    """Every moment the list may change at (an action late, one entering the
    window), a second either side, and a walk through nine days."""
    from followup.store import models as db

    day = timedelta(days=7)
    moments: set[datetime] = {NOW + timedelta(minutes=n) for n in range(0, 9 * 24 * 60, 211)}
    for late_after, earliest in db.PlannedAction.objects.filter(owner=owner).values_list(
            "late_after", "earliest"):
        for edge in (late_after, earliest - day.total_seconds() if earliest else None):
            if edge is not None:
                base = datetime.fromtimestamp(int(edge), NOW.tzinfo)
                moments.update(base + timedelta(seconds=s) for s in (-1, 0, 1, 2))
    return sorted(m for m in moments if m >= NOW)


def test_a_kept_list_reads_as_a_fresh_one_at_every_clock(
        people: Any, alice: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk with the kept lists, and again making each afresh: the same
    pages, clock after clock, though most answers came from a kept list."""
    from followup.web import today_cache

    clocks = clocks_to_try(people.alice)
    reads = Reads(monkeypatch)
    kept = []
    for clock in clocks:  # each clock twice: a second look, as a browser reloads
        at(monkeypatch, clock)
        kept.append(fragment(alice))
        assert fragment(alice) == kept[-1]
    made = reads.count
    fresh = []
    for clock in clocks:
        at(monkeypatch, clock)
        today_cache.clear()
        fresh.append(fragment(alice))
    for clock, one, other in zip(clocks, kept, fresh, strict=True):
        assert one == other, clock
    assert len(set(kept)) > 3  # the walk saw the list change
    assert made < len(clocks) * 2 * 0.35  # and most answers were kept ones


def test_each_owner_has_their_own_list(people: Any, alice: Any, charlie: Any) -> None:
    assert 'class="action' in fragment(alice)
    assert "Your record is empty" in fragment(charlie)
    assert 'class="action' in fragment(alice)


def test_a_list_with_a_message_is_never_kept(people: Any, alice: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, NOW)
    key = re.findall(r'data-key="([^"]+)"', fragment(alice))[0]
    answer = post(alice, f"/actions/{key}/skip", {"why": "no"}, HTTP_HX_REQUEST="true")
    assert f"Skipped: {key}" in answer.content.decode()
    assert f"Skipped: {key}" not in fragment(alice)
