"""Turning the user's free-text notes into pieces a sentence can hold (English).

Notes come as people jot them: "We both ran the Chicago marathon.",
"comparing notes on marathon training", "the team is moving to a shared
planning platform". Templates need to know whether a note reads as a clause
("we both ran ...") or a phrase ("comparing notes on ..."), so they can frame
it ("I enjoyed learning that ..." against "I especially enjoyed ...").
"""

from __future__ import annotations

import re
from typing import TypedDict

from followup.domain.messages.placeholders import marker

_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "there"})
_VERBS = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "might", "must", "does", "do", "did", "wants", "needs", "plans",
    "hopes", "expects", "uses", "isn't", "aren't", "wasn't", "won't", "can't", "don't",
    "doesn't", "didn't", "haven't", "hasn't", "i'm", "we're", "they're", "it's", "we've",
})
# First words that are lower case mid-sentence; anything else keeps its capital
# (names, companies, acronyms).
_LOWER_STARTS = _SUBJECTS - {"i"} | _VERBS | frozenset({
    "the", "a", "an", "our", "your", "their", "my", "his", "her", "its", "this", "that",
    "these", "those", "how", "what", "when", "why", "where", "which", "who", "some", "one",
    "two", "three", "both", "each", "every", "all", "most", "more", "being", "about", "on",
    "in", "for", "with", "to", "from", "at", "by", "as", "after", "before", "during",
})
_NAMES_IN_ING = frozenset({"beijing", "boeing", "ewing", "kipling", "sterling", "banting"})
_SEPARATORS = re.compile(r"\s+(?:—|–|--|->|=>|-)\s+")
_WORD = re.compile(r"[A-Za-z']+")


class Fact(TypedDict):
    """A note ready for a template: its words, or a marker when missing."""

    text: str
    known: bool
    clause: bool


def clean(note: str | None) -> str | None:
    """Whitespace collapsed, end punctuation dropped, a sentence capital lowered."""
    if note is None:
        return None
    text = " ".join(note.split()).rstrip(" .;!")
    if not text:
        return None
    first = text.split(" ", 1)[0]
    word = first.lower().strip(",:")
    gerund = word.endswith("ing") and len(word) > 5 and word not in _NAMES_IN_ING
    if (word in _LOWER_STARTS or gerund) and first[1:] == first[1:].lower():
        text = text[0].lower() + text[1:]
    return text


def is_clause(text: str) -> bool:
    """A note with its own subject and verb ("the team is moving ...")."""
    found = [word.lower() for word in _WORD.findall(text)[:8]]
    if not found:
        return False
    return found[0] in _SUBJECTS or any(word in _VERBS for word in found[1:])


def fact(note: str | None, missing: str) -> Fact:
    text = clean(note)
    if text is None:
        return Fact(text=marker(missing), known=False, clause=False)
    return Fact(text=text, known=True, clause=is_clause(text))


def optional(note: str | None) -> Fact:
    text = clean(note)
    if text is None:
        return Fact(text="", known=False, clause=False)
    return Fact(text=text, known=True, clause=is_clause(text))


def definite(thing: str) -> str:
    """'three references' -> 'the three references'; 'a writing sample' -> 'the writing
    sample'; 'my transcript' stays."""
    first, _, rest = thing.partition(" ")
    lower = first.lower()
    if lower in {"a", "an", "some", "any"} and rest:
        return "the " + rest
    if lower in {"the", "my", "your", "our", "their", "this", "these", "those"}:
        return thing
    return "the " + thing


_LACKING = re.compile(r"^(?:no|not\s+enough|not\s+much)\s+", re.IGNORECASE)
_MINE = re.compile(r"^(?:lack\s+of|limited|little|less)\b", re.IGNORECASE)


def concern_sentence(concern: str, answer: str) -> str:
    """A concern and the user's answer as one sentence, without its full stop.

    'I have not managed a team larger than five' + 'I grew my last team ...' ->
    'I know I have not managed a team larger than five, but I grew my last team ...';
    'no direct experience in healthcare' + 'I wrote ...' -> 'As for not having
    direct experience in healthcare, I wrote ...'.
    """
    said = is_clause(answer) and not answer.startswith("[[")  # a marker is no clause
    joint = ", " if said else ": "
    words = concern.split(" ", 1)[0].lower()
    if is_clause(concern) and words in {"i", "i'm", "i've", "my"}:
        return f"I know {concern}, but {answer}" if said else (
            f"I know {concern}; what I bring instead is {answer}")
    if is_clause(concern):
        return f"As for the concern that {concern}{joint}{answer}"
    lacking = _LACKING.match(concern)
    if lacking:
        return f"As for not having {concern[lacking.end():]}{joint}{answer}"
    if _MINE.match(concern):
        return f"As for my {concern}{joint}{answer}"
    return f"As for {concern}{joint}{answer}"


_DOUBLED = re.compile(r"(?<![.])([.!?])([\'\"’”)]*)[.](?![.])|([,;:])(?=[.!?])")


def tidy_punctuation(text: str) -> str:
    """No double punctuation where a quoted note meets the template's full stop:
    "you said: 'Great to meet you.'." -> "you said: 'Great to meet you.'"."""
    if "." not in text:
        return text
    return _DOUBLED.sub(_single, text)


def _single(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(2)
    return ""


def split_concern(note: str | None) -> tuple[str | None, str | None]:
    """'team size — I grew my last team from 3 to 8' -> the concern and the user's answer."""
    if note is None:
        return None, None
    parts = _SEPARATORS.split(note.strip(), maxsplit=1)
    if len(parts) == 2:
        return parts[0], parts[1]
    return note, None


def first_name(full: str) -> str:
    words = full.split()
    return words[0] if words else full


def spoken_phone(phone: str) -> str:
    """'+1 (555) 010-0100' -> '+1, 555, 010, 0100': groups read with a pause between."""
    groups = re.findall(r"\+?\d+", phone)
    if len(groups) == 1 and len(groups[0]) > 6:
        digits = groups[0]
        groups = [digits[i : i + 3] for i in range(0, len(digits) - 4, 3)] + [digits[-4:]]
    return ", ".join(group.replace("+", "plus ") for group in groups)


def spoken_email(address: str) -> str:
    """'sam.lee@example.org' -> 'sam dot lee at example dot org'."""
    local, _, domain = address.partition("@")
    said = local.replace(".", " dot ") + " at " + domain.replace(".", " dot ")
    return " ".join(said.split())


_NOT_POSSESSED = frozenset({
    "about", "to", "with", "for", "the", "a", "an", "at", "on", "in", "and", "or", "that",
    "how", "what", "if", "why", "when", "by", "from", "into", "over", "again", "too", "so",
    "as", "but", "than", "then", "later", "afterwards", "this", "these", "those", "some",
})
_BE = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
       "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't"}
_HER = re.compile(r"\bher\b(?:(\s+)([A-Za-z']+))?", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|he)\b(?:(\s+)([A-Za-z']+))?", re.IGNORECASE)


def addressed(note: str, first: str) -> str:
    """A note written about someone, turned to speak to them.

    'her story about the robot pilot' -> 'your story about the robot pilot';
    'Mei showed me the lab' -> 'you showed me the lab'; 'he leads' -> 'you lead'.
    """
    text = re.sub(rf"\b{re.escape(first)}['’]s\b", "your", note)
    text = re.sub(rf"\b{re.escape(first)}\b(\s+)([a-z][A-Za-z']*)", _she, text)
    text = re.sub(r"\b(?:his)\b", "your", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(?:him)\b", "you", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(?:himself|herself)\b", "yourself", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(?:she|he)['’]s\b", "you're", text, flags=re.IGNORECASE)
    text = _HER.sub(_her, text)
    return _SHE.sub(_she, text)


def _her(match: re.Match[str]) -> str:
    space, after = match.group(1) or "", match.group(2) or ""
    if not after or after.lower() in _NOT_POSSESSED:
        return "you" + space + after
    return "your" + space + after


def _she(match: re.Match[str]) -> str:
    space, verb = match.group(1) or "", match.group(2)
    return "you" + space + ("" if verb is None else _second_person(verb))


def _second_person(verb: str) -> str:
    """'leads' -> 'lead', 'was' -> 'were', 'teaches' -> 'teach' (third person to second)."""
    lower = verb.lower()
    if lower in _BE:
        return _BE[lower]
    if lower in _VERBS or len(lower) < 4 or not lower.endswith("s") or lower.endswith(
        ("ss", "us", "is", "ous")
    ):
        return verb
    if lower.endswith("ies"):
        return verb[:-3] + "y"
    if lower.endswith(("shes", "ches", "xes", "sses", "zes")):
        return verb[:-2]
    return verb[:-1]
