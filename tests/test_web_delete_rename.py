"""The daily tasks the command line gained in issue 10, on the pages: delete
(a question that says what goes and what comes, then a POST), rename on the
edit forms, short ids beside each action, and the Why page. Django's test
client with CSRF checks enforced; charlie gets 404 for every new URL."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from webfixtures import (  # noqa: F401
    agenda_keys,
    alice,
    anonymous,
    charlie,
    people,
    post,
    web_template,
    web_url,
)

pytestmark = pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
REF = "demo-acme-pm"
DELETES = [("opportunity", f"/delete/opportunity/{REF}"),
           ("contact", f"/delete/contact/{REF}?contact=jane"),
           ("interview", f"/delete/interview/{REF}?interview=r1"),
           ("request", f"/delete/request/{REF}?request=refs"),
           ("touch", "/delete/touch/demo-globex-data?touch=1")]


def export(owner: Any) -> str:
    from followup.services.exchange import export_document

    return export_document(owner)


def planned(owner: Any, ref: str = REF) -> set[str]:
    from followup.services.read import opportunity

    return {a.key for a in opportunity(owner, ref, datetime.now(UTC)).actions}


def record(owner: Any, ref: str = REF) -> Any:
    from followup.services.read import opportunity_record

    return opportunity_record(owner, ref)


def shown_keys(page: str, heading: str) -> set[str]:
    """The data-key of each action listed under `heading` on the delete page."""
    section = page.split(heading, 1)[1].split("</section>", 1)[0]
    return {html.unescape(key) for key in re.findall(r'data-key="([^"]+)"', section)}


@pytest.mark.parametrize(("kind", "url"), DELETES)
def test_a_delete_asks_first_then_deletes(alice: Any, people: Any, kind: str, url: str) -> None:
    before = export(people.alice)
    question = alice.get(url)
    assert question.status_code == 200
    assert "This cannot be undone" in question.content.decode()
    assert export(people.alice) == before  # asking writes nothing
    unconfirmed = post(alice, url, {})
    assert unconfirmed.status_code == 400 and "Nothing was deleted" in unconfirmed.content.decode()
    assert export(people.alice) == before
    done = post(alice, url, {"confirm": "yes"})
    assert done.status_code == 303
    assert done["Location"] == ("/opportunities/" if kind == "opportunity" else
                                "/o/" + url.split("/", 3)[3].split("?")[0])
    assert export(people.alice) != before


def test_the_question_says_which_planned_actions_go(alice: Any, people: Any) -> None:
    before = planned(people.alice)
    page = alice.get(f"/delete/interview/{REF}?interview=r1").content.decode()
    gone, new = shown_keys(page, "Planned actions that go"), shown_keys(page, "come instead")
    assert gone, "interview r1 plans actions in the demo"
    post(alice, f"/delete/interview/{REF}?interview=r1", {"confirm": "yes"})
    after = planned(people.alice)
    assert gone == before - after and new == after - before
    assert all(i.ref != "r1" for i in record(people.alice).interviews)


def test_deleting_a_contact_unnames_it_and_keeps_the_touches(alice: Any, people: Any) -> None:
    touches = len(record(people.alice).touches)
    post(alice, f"/delete/contact/{REF}?contact=jane", {"confirm": "yes"})
    after = record(people.alice)
    assert after.contact("jane") is None and len(after.touches) == touches
    assert all("jane" not in i.interviewers for i in after.interviews)


@pytest.mark.parametrize("url", [
    f"/delete/sonnet/{REF}", f"/delete/contact/{REF}?contact=nobody",
    f"/delete/interview/{REF}?interview=r99", f"/delete/touch/{REF}?touch=abc",
    f"/delete/touch/{REF}?touch=99", "/delete/opportunity/no-such-ref",
    f"/delete/request/{REF}?request=nothing"])
def test_deleting_what_is_not_there_is_404(alice: Any, people: Any, url: str) -> None:
    before = export(people.alice)
    assert alice.get(url).status_code == 404
    assert post(alice, url, {"confirm": "yes"}).status_code == 404
    assert export(people.alice) == before


def test_the_opportunity_page_links_every_delete(alice: Any) -> None:
    page = html.unescape(alice.get(f"/o/{REF}").content.decode())
    for _, url in DELETES[:4]:
        assert f'href="{url}"' in page, url
    globex = html.unescape(alice.get("/o/demo-globex-data").content.decode())
    assert 'href="/delete/touch/demo-globex-data?touch=1"' in globex


def _opportunity_form(o: Any, **changes: str) -> dict[str, str]:
    data = {"ref": o.ref, "company": o.company, "role": o.role, "time_zone": o.time_zone,
            "country": o.country, "subdivision": o.subdivision or "", "via": o.via.value,
            "channel": o.channel.value, "stage": o.stage.value,
            "culture": o.culture.value if o.culture else ""}
    return {**data, **changes}


def test_renaming_an_opportunity_on_its_form_keeps_what_was_skipped(alice: Any,
                                                                    people: Any) -> None:
    skipped = sorted(planned(people.alice))[0]
    assert post(alice, f"/actions/{skipped}/skip", {"why": "not this one"}).status_code == 302
    before = planned(people.alice)
    form = _opportunity_form(record(people.alice), ref="acme-2026", role="Lead PM")
    response = post(alice, f"/forms/opportunity-edit/{REF}", form)
    assert response.status_code == 303 and response["Location"] == "/o/acme-2026"
    assert alice.get(f"/o/{REF}").status_code == 404
    renamed = record(people.alice, "acme-2026")
    assert renamed.role == "Lead PM"
    moved = {key.replace(REF, "acme-2026", 1) for key in before}
    assert planned(people.alice, "acme-2026") == moved  # the skipped one stays skipped
    assert alice.get("/forms/opportunity-edit/acme-2026").status_code == 200


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"ref": "two words"}, "ref", "is not a ref"),
    ({"ref": "demo-globex-data"}, None, "already exists"),
    ({"ref": "acme-2026", "time_zone": "Nowhere/City"}, "time_zone", "Nowhere/City"),
])
def test_a_bad_rename_is_400_and_renames_nothing(alice: Any, people: Any, changes: Any,
                                                 field: str | None, words: str) -> None:
    before = export(people.alice)
    response = post(alice, f"/forms/opportunity-edit/{REF}",
                    _opportunity_form(record(people.alice), **changes))
    page = html.unescape(response.content.decode())
    assert response.status_code == 400 and words in page and "Nothing was saved" in page
    if field:
        assert f'id="err-{field}"' in page
    assert export(people.alice) == before


def _contact_form(c: Any, **changes: Any) -> dict[str, Any]:
    data = {"ref": c.ref, "name": c.name, "title": c.title or "", "email": c.email or "",
            "phone": c.phone or "", "linkedin": c.linkedin or "", "org": c.org.value,
            "roles": [r.value for r in c.roles]}
    return {**data, **changes}


def test_renaming_a_contact_on_its_form(alice: Any, people: Any) -> None:
    jane = record(people.alice).contact("jane")
    response = post(alice, f"/forms/contact-edit/{REF}?contact=jane",
                    _contact_form(jane, ref="jane-doe", title="VP Product"))
    assert response.status_code == 303
    after = record(people.alice)
    assert after.contact("jane") is None and after.contact("jane-doe").title == "VP Product"
    assert all("jane" not in i.interviewers for i in after.interviews)
    assert any("jane-doe" in i.interviewers for i in after.interviews)


def test_a_contact_rename_onto_another_contact_is_refused(alice: Any, people: Any) -> None:
    o = record(people.alice)
    other = next(c.ref for c in o.contacts if c.ref != "jane")
    before = export(people.alice)
    response = post(alice, f"/forms/contact-edit/{REF}?contact=jane",
                    _contact_form(o.contact("jane"), ref=other))
    assert response.status_code == 400 and "already has a contact" in html.unescape(
        response.content.decode())
    assert export(people.alice) == before


def test_short_ids_and_why_links_beside_each_action(alice: Any, people: Any) -> None:
    from followup.domain.entry import short_id

    today = html.unescape(alice.get("/").content.decode())
    page = html.unescape(alice.get(f"/o/{REF}").content.decode())
    for key in agenda_keys(people.alice)[:10]:
        assert short_id(key) in today and f'href="/why/{key}"' in today
    for key in planned(people.alice):
        assert short_id(key) in page and f'href="/why/{key}"' in page


def test_done_by_short_id_from_the_page(alice: Any, people: Any) -> None:
    from followup.domain.entry import short_id

    key = agenda_keys(people.alice)[0]
    assert post(alice, f"/actions/{short_id(key)}/done", {}).status_code == 302
    assert key not in agenda_keys(people.alice)


def test_the_why_page_says_what_followup_why_prints(alice: Any, people: Any) -> None:
    from followup.domain.entry import short_id
    from followup.services.explain import explain

    key = agenda_keys(people.alice)[0]
    found = explain(people.alice, key, datetime.now(UTC))
    for token in (key, short_id(key)):
        response = alice.get(f"/why/{token}")
        page = html.unescape(response.content.decode())
        assert response.status_code == 200
        for words in (found.rule_title, found.rule_text, found.action.why, found.playbook,
                      *found.action.sources, *(label for label, _ in found.dates),
                      *(name for name, _ in found.settings)):
            assert words in page, words


def test_why_for_no_action_is_404_and_a_huge_key_400(alice: Any) -> None:
    assert alice.get("/why/nothing/like/this").status_code == 404
    assert alice.get("/why/" + "a/" * 3000).status_code == 400


def test_no_sign_in_sends_every_new_page_to_sign_in(anonymous: Any, people: Any) -> None:
    before = export(people.alice)
    key = agenda_keys(people.alice)[0]
    for url in [u for _, u in DELETES] + [f"/why/{key}"]:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/signin/" in response["Location"], url
    for _, url in DELETES:
        assert anonymous.post(url, {"confirm": "yes"}).status_code in (302, 403)
    assert export(people.alice) == before


def test_charlie_gets_404_for_every_new_url(charlie: Any, people: Any) -> None:
    from followup.domain.entry import short_id

    before = export(people.alice)
    for _, url in DELETES:
        assert charlie.get(url).status_code == 404, url
        assert post(charlie, url, {"confirm": "yes"}).status_code == 404, url
    for key in agenda_keys(people.alice):
        assert charlie.get(f"/why/{key}").status_code == 404
        assert charlie.get(f"/why/{short_id(key)}").status_code == 404
        assert post(charlie, f"/actions/{short_id(key)}/done", {}).status_code == 404
    form = _opportunity_form(record(people.alice), ref="mine-now")
    assert post(charlie, f"/forms/opportunity-edit/{REF}", form).status_code == 404
    jane = _contact_form(record(people.alice).contact("jane"), ref="j")
    assert post(charlie, f"/forms/contact-edit/{REF}?contact=jane", jane).status_code == 404
    assert export(people.alice) == before
