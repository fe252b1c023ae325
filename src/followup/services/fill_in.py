"""What to type to fill a draft's `[[add: ...]]` markers: the exact command.

A marker stands where only the user's own words belong; most of those words
are interview notes, so the hint is a `followup notes` command with the
option each marker needs (and `followup profile` for your own details).
"""

from __future__ import annotations

from followup.domain.messages import Draft
from followup.domain.messages.placeholders import find, is_marker
from followup.domain.model import Action, Opportunity

# The start of a marker's text -> the option that fills it.
NOTE_OPTIONS = (
    ("something you learned", "--learned TEXT"),
    ("a skill or achievement", "--skill TEXT"),
    ("one line on how you would answer", "--answer TEXT"),
    ("a concern", "--concern TEXT"),
    ("what happens next", "--next-steps TEXT"),
)
PROFILE_OPTIONS = (
    ("your email address", "--email ADDRESS"),
    ("your phone number", "--phone NUMBER"),
)


def fill_in_commands(found: Draft, opportunity: Opportunity, action: Action) -> list[str]:
    """The commands that fill the markers left in the draft, most useful first."""
    texts = [found.body, found.subject or "", *(part.text for part in found.parts)]
    markers = [m[2][len("[[add: "):-2] for text in texts for m in find(text) if is_marker(m[2])]
    notes: list[str] = []
    profile: list[str] = []
    for marker in markers:
        option = _note_option(marker, opportunity, action)
        if option and option not in notes:
            notes.append(option)
        for start, profile_option in PROFILE_OPTIONS:
            if marker.startswith(start) and profile_option not in profile:
                profile.append(profile_option)
    commands = []
    if notes and action.interview:
        commands.append(f"followup notes {opportunity.ref} {action.interview} " + " ".join(notes))
    if profile:
        commands.append("followup profile " + " ".join(profile))
    return commands


def _note_option(marker: str, opportunity: Opportunity, action: Action) -> str | None:
    if marker.startswith("a moment"):
        return f"--moment {action.contact or 'CONTACT'}=TEXT"
    for start, option in NOTE_OPTIONS:
        if marker.startswith(start):
            return option
    return None
