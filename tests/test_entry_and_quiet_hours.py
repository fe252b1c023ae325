"""Issue 10's pure parts: typed local times, short ids, the notes form, quiet hours (R2, R16)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.entry import EntryError, read_local, resolve_key, short_id
from followup.domain.model import ActionKind, Contact, InterviewNotes
from followup.domain.notes_form import parse, render
from followup.domain.quiet import night_around, thank_you_aim
from followup.domain.settings import PlaybookSettings
from planner_builders import PROFILE, at, interview, of_kind, opportunity, plan_of

NY = "America/New_York"
NEW_YORK = ZoneInfo(NY)
SETTINGS = PlaybookSettings()


def test_a_local_time_that_exists_once_is_read_plainly() -> None:
    reading = read_local(datetime(2026, 11, 20, 10), NY)
    assert reading.moment == datetime(2026, 11, 20, 10, tzinfo=NEW_YORK)
    assert reading.note is None


def test_a_local_time_in_the_spring_gap_is_refused() -> None:
    with pytest.raises(EntryError, match="does not exist in New York time"):
        read_local(datetime(2026, 3, 8, 2, 30), NY)


def test_a_local_time_in_the_autumn_overlap_takes_the_first() -> None:
    reading = read_local(datetime(2026, 11, 1, 1, 30), NY)
    assert reading.moment.utcoffset() == datetime(2026, 11, 1, 0, tzinfo=NEW_YORK).utcoffset()
    assert reading.note is not None and "taken as the first" in reading.note


def test_short_ids_are_stable_and_resolve_like_prefixes() -> None:
    keys = ["acme/thank_you/r1/jane", "acme/thank_you/r1/omar", "acme/linkedin_invite/jane"]
    assert short_id(keys[0]) == short_id(keys[0]) and len(short_id(keys[0])) == 6
    assert resolve_key(short_id(keys[1]), keys) == keys[1]
    assert resolve_key(short_id(keys[1])[:4], keys) == keys[1]
    assert resolve_key("acme/link", keys) == keys[2]
    with pytest.raises(EntryError, match="could be 2 actions"):
        resolve_key("acme/thank_you/r1/", keys)


def test_the_notes_form_round_trips_and_reads_continued_lines() -> None:
    people = [Contact("jane", "Jane Roe")]
    notes = InterviewNotes(learned="weekly releases", moments={"jane": "the roadmap"},
                           concerns="team size — I grew one", attach=("a sample",))
    filled = parse(render("x", notes, None, people), ["jane"])
    assert filled.notes == notes
    text = render("x", InterviewNotes(), None, people).replace(
        "learned:", "learned: they ship\n  every week")
    assert parse(text, ["jane"]).notes.learned == "they ship every week"
    with pytest.raises(EntryError, match=r"^line 9: moment: no contact 'jame'; did you mean"):
        parse(render("x", InterviewNotes(), None, people).replace("moment jane", "moment jame"),
              ["jane"])


def test_quiet_hours_are_the_users_night_and_their_start_is_still_evening() -> None:
    assert night_around(datetime(2026, 11, 20, 21, tzinfo=NEW_YORK), NY, SETTINGS) is None
    start, end = night_around(datetime(2026, 11, 21, 2, tzinfo=NEW_YORK), NY, SETTINGS) or ()
    assert (start.hour, start.day, end.hour, end.day) == (21, 20, 8, 21)


def test_r2_an_aim_in_the_night_moves_to_that_evening_when_two_hours_after_the_end() -> None:
    end = datetime(2026, 11, 20, 15, tzinfo=NEW_YORK)  # aim 23:00
    moved = thank_you_aim(end, datetime(2026, 11, 20, 23, tzinfo=NEW_YORK),
                          datetime(2026, 11, 21, 15, tzinfo=NEW_YORK), NY, SETTINGS)
    assert moved == datetime(2026, 11, 20, 21, tzinfo=NEW_YORK)


def test_r2_an_aim_in_the_night_moves_to_the_morning_when_the_evening_is_too_soon() -> None:
    end = datetime(2026, 11, 20, 20, tzinfo=NEW_YORK)  # aim 04:00; 21:00 is only 1 h later
    moved = thank_you_aim(end, datetime(2026, 11, 21, 4, tzinfo=NEW_YORK),
                          datetime(2026, 11, 21, 20, tzinfo=NEW_YORK), NY, SETTINGS)
    assert moved == datetime(2026, 11, 21, 8, tzinfo=NEW_YORK)


def test_r2_the_aim_never_passes_the_deadline() -> None:
    tight = replace(SETTINGS, thank_you_deadline_hours=10)
    end = datetime(2026, 11, 20, 20, tzinfo=NEW_YORK)
    moved = thank_you_aim(end, datetime(2026, 11, 21, 4, tzinfo=NEW_YORK),
                          datetime(2026, 11, 21, 6, tzinfo=NEW_YORK), NY, tight)
    assert moved == datetime(2026, 11, 21, 6, tzinfo=NEW_YORK)


def test_r2_a_late_interview_gets_its_thank_you_due_in_the_morning_not_the_night() -> None:
    profile = replace(PROFILE, time_zone=NY)
    late = interview(start=at(2026, 11, 18, 17), hours=1, people=("priya",))  # ends 18:00 CT
    actions = plan_of(opportunity(interviews=(late,)), at(2026, 11, 18, 19), profile=profile)
    thanks = of_kind(actions, ActionKind.THANK_YOU, "priya")[0]
    # Ends 19:00 New York; the 8-hour aim (03:00) is in the night: 21:00 is 2 h later.
    assert thanks.due == datetime(2026, 11, 18, 21, tzinfo=NEW_YORK)


def test_r16_a_call_keeps_business_hours_and_its_why_says_it_is_your_night() -> None:
    from followup.domain.model import Action, Channel
    from followup.domain.quiet import keep_out_of_the_night

    due = datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Europe/London"))  # 04:00 New York
    call = Action("k", "o", ActionKind.FOLLOW_UP, "R9", "jane", Channel.PHONE, 1, due, due,
                  None, False, "Call Jane.", ())
    kept = keep_out_of_the_night(call, NY, SETTINGS, due)
    assert kept.due == due
    assert kept.why == ("Call Jane. That is 04:00 your time: calls keep the employer's "
                        "business hours.")
    email = keep_out_of_the_night(replace(call, channel=Channel.EMAIL), NY, SETTINGS, due)
    assert email.due == datetime(2026, 11, 20, 8, tzinfo=NEW_YORK)
