"""Drafting every message the planner asks for, and checking the user's words (R17).

    draft(profile, opportunity, action, settings, *, templates_dir=None) -> Draft
    check(kind, text, *, settings=None, siblings=()) -> list[Finding]

See docs/drafts.md for placeholders, the finding codes and template overrides.
"""

from followup.domain.messages.checks import KINDS, check
from followup.domain.messages.drafts import Draft, Part, draft
from followup.domain.messages.findings import Finding, Severity
from followup.domain.messages.placeholders import marker
from followup.domain.messages.render import BrokenTemplate, TemplateProblem, UnsafeTemplate

__all__ = [
    "KINDS",
    "BrokenTemplate",
    "Draft",
    "Finding",
    "Part",
    "Severity",
    "TemplateProblem",
    "UnsafeTemplate",
    "check",
    "draft",
    "marker",
]
