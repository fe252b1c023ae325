"""A small, realistic record for the drafting tests, built by hand.

Acme interviewed Sam Lee (onsite, Friday 20 November 2026, Chicago) with
three people; every note a good thank-you needs is filled in unless a test
takes it away.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Contact,
    Culture,
    Interview,
    InterviewFormat,
    InterviewNotes,
    Opportunity,
    PreferredChannel,
    Profile,
    Request,
    Role,
    ShareItem,
)
from followup.domain.settings import PlaybookSettings, Settings

CHICAGO = ZoneInfo("America/Chicago")
START = datetime(2026, 11, 20, 10, 0, tzinfo=CHICAGO)
END = datetime(2026, 11, 20, 13, 0, tzinfo=CHICAGO)
EVENING = datetime(2026, 11, 20, 21, 0, tzinfo=CHICAGO)
LATER = datetime(2026, 12, 8, 9, 0, tzinfo=CHICAGO)  # a Tuesday, after the promised date

PROFILE = Profile(name="Sam Lee", email="sam@example.org", phone="+1 555 0100",
                  time_zone="America/New_York")

JANE = Contact("jane", "Jane Roe", title="Director", email="jane@acme.example",
               phone="+1 312 555 0142", roles=(Role.HIRING_MANAGER, Role.INTERVIEWER))
RAJ = Contact("raj", "Raj Patel", email="raj@acme.example", roles=(Role.INTERVIEWER,))
MEI = Contact("mei", "Mei Chen", email="mei@acme.example", roles=(Role.INTERVIEWER,))

NOTES = InterviewNotes(
    learned="The team is moving its planning tools from spreadsheets to a shared platform",
    moments={
        "jane": "comparing notes on launching products in regulated markets",
        "raj": "We sketched the data pipeline on the whiteboard together",
        "mei": "her story about the first warehouse robot pilot",
    },
    concerns="I have not managed a team larger than five — I grew my last team from three "
             "to five in a year",
    skills="I led the rollout of a forecasting tool used by 300 planners",
    attach=("a one-page summary of the forecasting rollout",),
)
REFERENCES = Request("refs", "three references", "jane", Channel.EMAIL, END)
ARTICLE = ShareItem("How planners share one source of truth", "https://example.org/article",
                    "it touches on the shared-platform move you described")


def interview(**changes: Any) -> Interview:
    base = Interview("r1", 1, InterviewFormat.ONSITE, START, END,
                     interviewers=("jane", "raj", "mei"), decision_expected=date(2026, 12, 4),
                     requests=(REFERENCES,), notes=NOTES)
    return replace(base, **changes)


def opportunity(**changes: Any) -> Opportunity:
    base = Opportunity("acme-pm", "Acme", "Product Manager", "America/Chicago", "US", "IL",
                       contacts=(JANE, RAJ, MEI), interviews=(interview(),), share=(ARTICLE,),
                       channel=PreferredChannel.EMAIL, culture=Culture.STANDARD)
    return replace(base, **changes)


def settings_for(opp: Opportunity, **overrides: Any) -> PlaybookSettings:
    return Settings(overrides).for_opportunity(opp, PROFILE)


def action(kind: ActionKind, contact: str | None = "jane", **changes: Any) -> Action:
    due = changes.pop("due", EVENING)
    base = Action(
        key=f"acme-pm/{kind.value}/r1/{contact}", opportunity="acme-pm", kind=kind, rule="R2",
        contact=contact, channel=Channel.EMAIL, attempt=None, earliest=due, due=due,
        latest=None, late=False, why="", sources=(), interview="r1",
    )
    return replace(base, **changes)
