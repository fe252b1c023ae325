"""The fields of each form of the record: opportunity, contact, interview with
its notes, request, touch and response (the options of `add`, `edit`, `log`)."""

from __future__ import annotations

from followup.domain import model as m
from followup.web.forms import Field, choices

TZ_HELP = "An IANA time zone, e.g. America/Chicago or Europe/London."


def opportunity_fields(adding: bool) -> list[Field]:
    fields = [
        Field("company", "Company", required=True),
        Field("role", "Role", required=True),
        Field("time_zone", "Employer's time zone", required=True, help=TZ_HELP),
        Field("country", "Country code", required=True, help="For public holidays: US, GB, DE ..."),
        Field("subdivision", "State or region code", help="IL, ENG ... (optional)"),
        Field("via", "How it came", "select", choices(m.Via), blank=False),
        Field("culture", "Follow-up culture", "select", choices(m.Culture),
              help="Empty: your playbook."),
        Field("channel", "Preferred follow-up", "select", choices(m.PreferredChannel),
              blank=False),
        Field("stage", "Stage", "select", choices(m.Stage), blank=False),
    ]
    if adding:
        fields.insert(0, Field("ref", "Short name (ref)", required=True,
                               help="Your own short name for it, e.g. acme-pm."))
    return fields


def rename_field(kind: str) -> Field:
    """The ref on an edit form: changing it renames, as `edit --ref NEW` does."""
    follows = ("its planned actions, skips and snoozes follow it" if kind == "opportunity"
               else "it is renamed everywhere the record names it")
    return Field("ref", "Short name (ref)",
                 help=f"One word, no '/' or spaces; {follows}. Left empty, it stays.")


def contact_fields(adding: bool) -> list[Field]:
    fields = [
        Field("name", "Name", required=True), Field("title", "Title"),
        Field("email", "Email", attrs={"type": "email", "autocomplete": "off"}),
        Field("phone", "Phone", attrs={"type": "tel"}),
        Field("linkedin", "LinkedIn URL", attrs={"type": "url"}),
        Field("org", "Works for", "select", choices(m.Org), blank=False),
        Field("roles", "Roles in the process", "checks", choices(m.Role)),
    ]
    if adding:
        fields.insert(0, Field("ref", "Short name (ref)", required=True, help="e.g. jane"))
    return fields


def interview_fields(adding: bool, contacts: tuple[m.Contact, ...]) -> list[Field]:
    people = tuple((c.ref, c.name) for c in contacts)
    fields = [
        Field("round", "Round", "number", required=True, attrs={"min": "1", "max": "99"}),
        Field("format", "Format", "select", choices(m.InterviewFormat), blank=False),
        Field("start", "Start (employer's time)", "datetime", required=True),
        Field("end", "End (employer's time)", "datetime", required=True),
        Field("interviewers", "Interviewers", "checks", people),
        Field("decision_expected", "Decision expected on", "date",
              help="The day they said they would decide, if they said."),
        Field("learned", "What you learned", "textarea"),
        *[Field(f"moment__{c.ref}", f"A moment with {c.name}", "textarea") for c in contacts],
        Field("concerns", "Concerns they may have, and your answer", "textarea"),
        Field("skills", "A skill or achievement not yet discussed", "textarea"),
        Field("attach", "Items to attach (one a line)", "lines"),
        Field("next_steps", "Next steps they told you", "textarea"),
    ]
    if adding:
        fields.insert(0, Field("ref", "Short name (ref)", required=True, help="e.g. r1"))
    return fields


def request_fields(contacts: tuple[m.Contact, ...]) -> list[Field]:
    people = tuple((c.ref, c.name) for c in contacts)
    return [
        Field("ref", "Short name (ref)", required=True, help="e.g. refs"),
        Field("what", "What they asked for", required=True),
        Field("requester", "Who asked", "select", people),
        Field("channel", "How they want it", "select", choices(m.Channel), blank=False),
        Field("asked_at", "Asked at (employer's time)", "datetime",
              help="Empty: now."),
        Field("delivered_at", "Delivered at (employer's time)", "datetime"),
    ]


def touch_fields(contacts: tuple[m.Contact, ...]) -> list[Field]:
    people = tuple((c.ref, c.name) for c in contacts)
    kinds = tuple(k for k in choices(m.TouchKind) if k[0] != "response")
    return [
        Field("kind", "What you did", "select", kinds, blank=False),
        Field("contact", "With", "select", people),
        Field("channel", "Channel", "select", choices(m.Channel)),
        Field("at", "When (employer's time)", "datetime", help="Empty: now."),
        Field("summary", "What was said", "textarea"),
        Field("callback_on", "Voicemail: the day you said you would call", "date"),
    ]


def response_fields(contacts: tuple[m.Contact, ...]) -> list[Field]:
    people = tuple((c.ref, c.name) for c in contacts)
    return [
        Field("contact", "From", "select", people),
        Field("outcome", "What they said", "select", choices(m.Outcome)),
        Field("decision_expected", "Their new date", "date"),
        Field("channel", "Channel", "select", choices(m.Channel)),
        Field("at", "When (employer's time)", "datetime", help="Empty: now."),
        Field("summary", "Their words, in short", "textarea"),
    ]


def touch_edit_fields(contacts: tuple[m.Contact, ...]) -> list[Field]:
    """Every field of a logged touch, the employer's responses included."""
    people = tuple((c.ref, c.name) for c in contacts)
    return [
        Field("kind", "Kind", "select", choices(m.TouchKind), blank=False),
        Field("direction", "Direction", "select", choices(m.Direction), blank=False),
        Field("contact", "With", "select", people),
        Field("channel", "Channel", "select", choices(m.Channel)),
        Field("at", "When (employer's time)", "datetime", required=True),
        Field("summary", "What was said", "textarea"),
        Field("callback_on", "Voicemail: the day you said you would call", "date"),
        Field("decision_expected", "Response: their new date", "date"),
        Field("outcome", "Response: what they said", "select", choices(m.Outcome)),
    ]
