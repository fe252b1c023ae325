"""The marker for what only the user can write, and how to find leftovers.

A draft never papers over a missing fact with generic words: it leaves a
marker such as `[[add: a moment you shared with Priya]]` where the fact
belongs. The checks report every marker still in the text as an error, and
they also catch the placeholders people paste from samples found elsewhere:
"(insert date)", "[your name]", "<company>", "{{ name }}", "XXX", "TBD".
"""

from __future__ import annotations

import re

OPEN, CLOSE = "[[", "]]"
_ADD = "add: "

# Each alternative is a placeholder style seen in the wild; keep them narrow
# so ordinary brackets ("(see attached)", "[1]") stay quiet.
_SLOT = (r"(?:name|first\s+name|phone(?:\s+number)?|number|e-?mail(?:\s+address)?|title"
         r"|company|role|position|date|job(?:\s+title)?|address)")
PLACEHOLDER = re.compile(
    r"""
      \[\[[^\]\n]{0,200}\]\]                                   # ours: [[add: ...]]
    | \{\{[^}\n]{0,80}\}\}                                     # {{ name }}
    | [(\[<{]\s*(?:insert|add|enter|fill\s+in)\b[^)\]>}\n]{0,60}[)\]>}]   # (insert date)
    | [(\[<{]\s*(?:(?:your|their|the|his|her|interviewer'?s?|hiring\s+manager'?s?
        |recruiter'?s?|company'?s?|candidate'?s?|contact'?s?)\s+)?""" + _SLOT + r"""
        \s*[)\]>}]                                            # [your name], <company>
    """,
    re.VERBOSE | re.IGNORECASE,
)


def marker(what: str) -> str:
    """The text a draft shows where the user must add `what`."""
    return f"{OPEN}{_ADD}{what}{CLOSE}"


def is_marker(text: str) -> bool:
    return text.startswith(OPEN + _ADD) and text.endswith(CLOSE)


# Left for later: "XXX", "TBD", "TODO". Kept apart from the brackets above
# so that both searches can skip ahead to their first character.
_LATER = re.compile(r"(?<![A-Za-z0-9])(?:XXX+|TBD|TODO|FIXME)(?![A-Za-z0-9])", re.IGNORECASE)
_BRACKETS = "[{(<"


def find(text: str) -> list[tuple[int, int, str]]:
    """Every leftover placeholder as (start, end, text), in order."""
    found = []
    if any(bracket in text for bracket in _BRACKETS):
        found += [(m.start(), m.end(), m.group(0)) for m in PLACEHOLDER.finditer(text)]
    low = text.lower()
    if "xxx" in low or "tbd" in low or "todo" in low or "fixme" in low:
        found += [(m.start(), m.end(), m.group(0)) for m in _LATER.finditer(text)]
    return sorted(found)
