"""Notes to different interviewers of one opportunity must differ (R2, 002).

Each note gets a slot: its place among every (interview, interviewer) pair
of the opportunity. A variant on each axis (opening, structure, closing,
subject) is `(base + slot) % size`, where `base` is a stable hash of the
opportunity and the axis: consecutive slots always land on different
variants, the starting point differs between opportunities, and nothing
depends on the process (no `hash()`, no randomness), so the same record
always gives the same draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from hashlib import blake2b

from followup.domain.model import Opportunity

# Sizes per axis; the templates offer exactly this many variants.
# Six of each covers a panel of six interviewers with no two notes alike on any axis.
SIZES = {"opening": 6, "structure": 4, "closing": 6, "subject": 6, "moment": 6, "interest": 6,
         "value": 6}

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def stable_hash(*parts: str) -> int:
    digest = blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@dataclass(frozen=True, slots=True)
class Variety:
    slot: int
    opening: int
    structure: int
    closing: int
    subject: int
    moment: int
    interest: int
    value: int

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in ("slot", *SIZES)}


def variety(opportunity_ref: str, kind: str, slot: int) -> Variety:
    """The variants for the note in `slot`; each kind starts from its own point, so the
    card and the email to the same person open differently too."""
    picks = {axis: (stable_hash(opportunity_ref, kind, axis) + slot) % size
             for axis, size in SIZES.items()}
    return Variety(slot=slot, **picks)


def slot_of(opportunity: Opportunity, interview_ref: str | None, contact_ref: str | None) -> int:
    """The note's place among all (interview, interviewer) pairs of the opportunity.

    A note to someone who did not interview the user (the key contact thanked
    on everyone's behalf) takes a slot after all the pairs, one per interview.
    """
    interviews = sorted(opportunity.interviews, key=lambda iv: (iv.start, iv.ref))
    slot = 0
    for interview in interviews:
        for ref in interview.interviewers:
            if interview.ref == interview_ref and ref == contact_ref:
                return slot
            slot += 1
    refs = [interview.ref for interview in interviews]
    return slot + (refs.index(interview_ref) if interview_ref in refs else 0)


def trigrams(text: str) -> set[tuple[str, str, str]]:
    tokens = _TOKEN.findall(text.lower())
    return set(zip(tokens, tokens[1:], tokens[2:], strict=False))


def overlap(first: str, second: str) -> float:
    """Shared word trigrams over the smaller note's trigrams (0: nothing alike, 1: contained)."""
    a, b = trigrams(first), trigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
