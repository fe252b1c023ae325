"""The web's draft editor: one planned action's draft, and the checks (R17) on
the words the user is editing, with spans into the subject and the body."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from followup.domain.messages.checks import check_body, check_subject
from followup.services.actions import Found, find_action
from followup.services.drafting import eml_text, render_draft
from followup.services.errors import ServiceError
from followup.store import index
from followup.store import models as db


def draft_for(owner: db.Owner, key: str, now: datetime) -> tuple[Found, dict[str, Any]]:
    """The action and its draft JSON (as `followup draft --format json`)."""
    found = find_action(owner, key, now)
    playbook = index.settings_of(found.profile).for_opportunity(found.opportunity, found.profile)
    text = render_draft(found.profile, found.opportunity, found.action, playbook,
                        fmt="json", templates_dir=None, now=now)
    return found, json.loads(text)


def check_edited(found: Found, kind: str, subject: str | None, body: str) -> list[dict[str, Any]]:
    """Findings on the user's subject and body, each naming its field and span."""
    playbook = index.settings_of(found.profile).for_opportunity(found.opportunity, found.profile)
    try:
        findings = [*check_subject(kind, subject), *check_body(kind, body, settings=playbook)]
    except ValueError as error:
        raise ServiceError(str(error)) from None
    return [f.as_dict() for f in findings]


def edited_eml(owner: db.Owner, key: str, subject: str, body: str, now: datetime) -> str:
    """An .eml of the user's own words for the action (the draft's addressee)."""
    from followup.domain.messages import draft

    found = find_action(owner, key, now)
    playbook = index.settings_of(found.profile).for_opportunity(found.opportunity, found.profile)
    generated = draft(found.profile, found.opportunity, found.action, playbook, now=now)
    edited = dataclasses.replace(generated, subject=subject if generated.subject else None,
                                 body=body)
    return eml_text(edited, found.profile, now)
