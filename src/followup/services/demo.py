"""A realistic record dated relative to today, so a newcomer sees the product work."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from followup.domain import model as m
from followup.domain.calendar import calendar_for, zone
from followup.services.exchange import Imported, import_document
from followup.store import mapping
from followup.store import models as db
from followup.transports.exchange import dumps_document

DEMO_PROFILE = m.Profile(
    name="Sam Lee", email="sam@example.org", phone="+1 555 0100",
    time_zone="America/New_York", playbook=m.PlaybookName.STANDARD,
    signature="Sam Lee\n+1 555 0100",
)
C, R = m.Contact, m.Role
OUT, IN = m.Direction.OUT, m.Direction.IN


def load_demo(owner: db.Owner, *, now: datetime) -> Imported:
    """Write the demo opportunities (refs `demo-...`); a record's own profile is kept."""
    first_use = not db.Opportunity.objects.filter(owner=owner).exists()
    profile = DEMO_PROFILE if first_use else mapping.load_profile(owner)
    record = m.Record(profile=profile, opportunities=demo_opportunities(now))
    return import_document(owner, dumps_document(record), now=now)


def demo_opportunities(now: datetime) -> tuple[m.Opportunity, ...]:
    return (_acme(now), _globex(now), _initech(now), _hooli(now), _umbrella(now))


def _at(now: datetime, tz: str, days: int, hour: int, minute: int = 0,
        country: str = "US", subdivision: str | None = None) -> datetime:
    """A time `days` business days from today at the employer: nobody interviews on Sunday."""
    calendar = calendar_for(tz, country, subdivision)
    day = calendar.add_business_days(now.astimezone(zone(tz)).date(), days)
    return datetime.combine(day, time(hour, minute), zone(tz))


def _recent(now: datetime, tz: str, subdivision: str) -> tuple[datetime, datetime]:
    """An interview that just ended (its thank-yous are due, not yet late), or,
    early in the morning or on a day off, the next one coming up."""
    local = now.astimezone(zone(tz))
    if calendar_for(tz, "US", subdivision).is_business_day(local.date()) and local.hour >= 10:
        end = local.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
        return end - timedelta(hours=1, minutes=30), end
    start = _at(now, tz, 0 if local.hour < 10 else 1, 10, subdivision=subdivision)
    return start, start + timedelta(hours=1, minutes=30)


def _decision(after: datetime, days: int, tz: str, country: str,
              subdivision: str | None) -> date:
    """A promised decision day, which an employer names on a working day."""
    calendar = calendar_for(tz, country, subdivision)
    return calendar.on_or_after(calendar.local_date(after) + timedelta(days=days))


def _acme(now: datetime) -> m.Opportunity:
    tz = "America/Chicago"
    start, end = _recent(now, tz, "IL")
    return m.Opportunity(
        ref="demo-acme-pm", company="Acme", role="Product Manager", time_zone=tz,
        country="US", subdivision="IL", stage=m.Stage.INTERVIEWING,
        contacts=(
            C("jane", "Jane Roe", "Director of Product", "jane@acme.example",
              linkedin="https://www.linkedin.com/in/jane-roe-example",
              roles=(R.HIRING_MANAGER, R.INTERVIEWER)),
            C("omar", "Omar Haddad", "Senior PM", "omar@acme.example",
              linkedin="https://www.linkedin.com/in/omar-haddad-example", roles=(R.INTERVIEWER,)),
            C("lee", "Lee Park", "Recruiting Coordinator", "lee@acme.example",
              roles=(R.COORDINATOR,)),
        ),
        interviews=(m.Interview(
            ref="r1", round=1, format=m.InterviewFormat.ONSITE, start=start, end=end,
            interviewers=("jane", "omar"), decision_expected=_decision(end, 14, tz, "US", "IL"),
            requests=(m.Request("refs", "three references", "jane", m.Channel.EMAIL, end),),
            notes=m.InterviewNotes(
                learned="the team is rebuilding its planning around one shared roadmap",
                moments={"jane": "our talk about pricing experiments",
                         "omar": "the whiteboard session on onboarding"},
                concerns=("my limited experience with hardware products — I shipped two companion "
                          "apps for connected devices"),
                skills="I ran the pricing pilot that cut churn by 8%",
            ),
        ),),
    )


def _globex(now: datetime) -> m.Opportunity:
    tz = "Europe/London"
    start = _at(now, tz, -12, 14, country="GB", subdivision="ENG")
    end = start + timedelta(minutes=45)
    return m.Opportunity(
        ref="demo-globex-data", company="Globex", role="Data Engineer", time_zone=tz,
        country="GB", subdivision="ENG", via=m.Via.RECRUITER, channel=m.PreferredChannel.PHONE,
        contacts=(
            C("priya", "Priya Shah", "Recruiter", "priya@agency.example", "+44 20 7946 0000",
              org=m.Org.AGENCY, roles=(R.RECRUITER,)),
            C("tom", "Tom Berg", "Head of Data", "tom@globex.example",
              roles=(R.HIRING_MANAGER, R.INTERVIEWER)),
        ),
        interviews=(m.Interview(
            ref="r1", round=1, format=m.InterviewFormat.VIDEO, start=start, end=end,
            interviewers=("tom",), decision_expected=_decision(start, 10, tz, "GB", "ENG"),
        ),),
        touches=(
            m.Touch(end + timedelta(hours=3), m.TouchKind.THANK_YOU, OUT, "tom", m.Channel.EMAIL,
                    "Thanked Tom for the pipeline deep-dive."),
            m.Touch(end + timedelta(hours=3), m.TouchKind.LINKEDIN_INVITE, OUT, "tom",
                    m.Channel.LINKEDIN, "Invitation with a note about the pipeline talk."),
        ),
        share=(m.ShareItem("A post on streaming joins", "https://example.org/streaming-joins"),),
    )


def _initech(now: datetime) -> m.Opportunity:
    tz = "America/Los_Angeles"
    start = _at(now, tz, 1, 11, subdivision="CA")
    return m.Opportunity(
        ref="demo-initech-sre", company="Initech", role="Site Reliability Engineer",
        time_zone=tz, country="US", subdivision="CA",
        contacts=(C("maria", "Maria Garcia", "Talent Coordinator", "maria@initech.example",
                    roles=(R.COORDINATOR,)),),
        interviews=(m.Interview(
            ref="r1", round=1, format=m.InterviewFormat.PHONE, start=start,
            end=start + timedelta(minutes=30),
        ),),
    )


def _hooli(now: datetime) -> m.Opportunity:
    tz = "America/New_York"
    first = _at(now, tz, -22, 9, 30, subdivision="NY")
    second = _at(now, tz, -15, 13, subdivision="NY")
    return m.Opportunity(
        ref="demo-hooli-design", company="Hooli", role="Product Designer", time_zone=tz,
        country="US", subdivision="NY", culture=m.Culture.TRADITIONAL,
        contacts=(
            C("ben", "Ben Cole", "Design Manager", "ben@hooli.example",
              roles=(R.HIRING_MANAGER, R.INTERVIEWER)),
            C("aisha", "Aisha Okafor", "Staff Designer", "aisha@hooli.example",
              roles=(R.INTERVIEWER,)),
        ),
        interviews=(
            m.Interview("r1", 1, m.InterviewFormat.PHONE, first, first + timedelta(minutes=30),
                        ("ben",)),
            m.Interview("r2", 2, m.InterviewFormat.ONSITE, second, second + timedelta(hours=3),
                        ("ben", "aisha"), decision_expected=_decision(second, 7, tz, "US", "NY")),
        ),
        touches=(
            m.Touch(first + timedelta(hours=4), m.TouchKind.THANK_YOU, OUT, "ben",
                    m.Channel.EMAIL),
            m.Touch(second + timedelta(hours=6), m.TouchKind.THANK_YOU, OUT, "ben",
                    m.Channel.EMAIL),
            m.Touch(second + timedelta(hours=6), m.TouchKind.THANK_YOU, OUT, "aisha",
                    m.Channel.EMAIL),
            m.Touch(second + timedelta(hours=6), m.TouchKind.LINKEDIN_INVITE, OUT, "ben",
                    m.Channel.LINKEDIN),
            m.Touch(second + timedelta(hours=6), m.TouchKind.LINKEDIN_INVITE, OUT, "aisha",
                    m.Channel.LINKEDIN),
            m.Touch(second + timedelta(days=1), m.TouchKind.HANDWRITTEN_NOTE, OUT, "ben",
                    m.Channel.MAIL),
            m.Touch(_at(now, tz, -5, 11, subdivision="NY"), m.TouchKind.RESPONSE, IN, "ben",
                    m.Channel.EMAIL, "Still deciding; they expect to know soon.",
                    outcome=m.Outcome.DELAYED, decision_expected=_at(now, tz, 2, 9).date()),
            # The short reply R14 asks for, sent the next morning.
            m.Touch(_at(now, tz, -4, 9, 30, subdivision="NY"), m.TouchKind.ACKNOWLEDGEMENT, OUT,
                    "ben", m.Channel.EMAIL, "Thanked Ben for the update; still keen."),
        ),
    )


def _umbrella(now: datetime) -> m.Opportunity:
    tz = "America/Denver"
    start = _at(now, tz, -18, 10, subdivision="CO")
    return m.Opportunity(
        ref="demo-umbrella-analyst", company="Umbrella", role="Supply Chain Analyst",
        time_zone=tz, country="US", subdivision="CO", stage=m.Stage.REJECTED,
        contacts=(C("li", "Li Wei", "Hiring Manager", "li@umbrella.example",
                    roles=(R.HIRING_MANAGER, R.INTERVIEWER)),),
        interviews=(m.Interview("r1", 1, m.InterviewFormat.VIDEO, start,
                                start + timedelta(hours=1), ("li",)),),
        touches=(
            m.Touch(start + timedelta(hours=5), m.TouchKind.THANK_YOU, OUT, "li",
                    m.Channel.EMAIL),
            m.Touch(_at(now, tz, -1, 15, subdivision="CO"), m.TouchKind.RESPONSE, IN, "li",
                    m.Channel.EMAIL,
                    "They chose another candidate.", outcome=m.Outcome.REJECTED),
        ),
    )
