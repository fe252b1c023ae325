"""Reading a message the way a person does: greeting, paragraphs, sign-off, words.

Everything returns character spans into the original text, so a finding can
point at exactly what it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

Span = tuple[int, int]

_BLANK = re.compile(r"\n[ \t]*\n\s*")
_GREETING = re.compile(
    r"(?:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening)|greetings)\b[^\n]{0,60}[,:!]?\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:best(?:\s+(?:regards|wishes))?|kind(?:est)?\s+regards|warm(?:est)?\s+regards|warmly"
    r"|regards|(?:yours\s+)?sincerely|yours\s+truly|thanks(?:\s+again)?|thank\s+you(?:\s+again)?"
    r"|many\s+thanks|with\s+(?:thanks|gratitude|appreciation)|cheers|all\s+(?:the\s+)?best"
    r"|talk\s+soon|respectfully|gratefully|with\s+best\s+wishes)\s*[,.!—-]?\s*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|[^.!?\n]*\n")
_WORD = re.compile(r"\S+")
_DIGITS = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def lowered(text: str) -> str:
    """`text` in lower case, the same length (so offsets still point at the original)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


class Phrases:
    """A case-insensitive pattern that starts at a word boundary, searched fast.

    Python's regex engine skips ahead quickly to a pattern's first literal,
    but not past a leading `\\b` or through IGNORECASE; so the pattern is
    compiled in lower case without its leading `\\b`, run on the lower-cased
    text (see `lowered`), and the boundary is checked on each match (so a
    leading `\\b` applies to every top-level alternative).
    """

    __slots__ = ("_boundary", "regex")

    def __init__(self, pattern: str) -> None:
        if _UPPER_ESCAPE.search(pattern):
            raise ValueError(f"use lower-case escapes only: {pattern!r}")
        self._boundary = pattern.startswith("\\b")
        self.regex = re.compile((pattern[2:] if self._boundary else pattern).lower())

    def finditer(self, low: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        stop = len(low) if end is None else end
        for match in self.regex.finditer(low, start, stop):
            at = match.start()
            if not self._boundary or at == 0 or not low[at - 1].isalnum():
                yield match

    def search(self, low: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(low, start, end), None)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the parts of a message are: all spans into the original text."""

    greeting: Span | None
    paragraphs: tuple[Span, ...]  # the message proper, between greeting and sign-off
    closing: Span | None  # sign-off and signature


def lines(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def layout(text: str) -> Layout:
    spans = [s for s in lines(text) if text[s[0] : s[1]].strip()]
    if not spans:
        return Layout(None, (), None)
    greeting = spans[0] if _is_greeting(text[spans[0][0] : spans[0][1]]) else None
    core_start = greeting[1] if greeting else 0
    closing = _closing(text, spans, greeting)
    core_end = closing[0] if closing else len(text)
    return Layout(greeting, tuple(blocks(text, core_start, core_end)), closing)


def _is_greeting(line: str) -> bool:
    stripped = line.strip()
    if len(stripped.split()) > 8:
        return False
    return bool(_GREETING.match(stripped)) or (
        len(stripped.split()) <= 4 and stripped.endswith((",", ":"))
    )


def _closing(text: str, spans: list[Span], greeting: Span | None) -> Span | None:
    first = 1 if greeting else 0
    for start, end in reversed(spans[first:]):
        if _SIGN_OFF.match(text[start:end].strip()):
            return start, len(text.rstrip())
    found = blocks(text)
    if len(found) < 2:
        return None
    start, end = found[-1]
    chunk = text[start:end]
    if all(len(line.split()) <= 6 and not line.rstrip().endswith((".", "?", "!"))
           for line in chunk.splitlines() if line.strip()):
        return start, end
    return None


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Runs of text separated by blank lines, trimmed, within [start, end)."""
    stop = len(text) if end is None else end
    found: list[Span] = []
    cursor = start
    for gap in _BLANK.finditer(text, start, stop):
        found.append((cursor, gap.start()))
        cursor = gap.end()
    found.append((cursor, stop))
    return [trimmed for s in found if (trimmed := trim(text, s))[0] < trimmed[1]]


def trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str, span: Span | None = None) -> list[Span]:
    start, end = span if span is not None else (0, len(text))
    found = []
    for match in _SENTENCE.finditer(text, start, end):
        trimmed = trim(text, (match.start(), match.end()))
        if trimmed[0] < trimmed[1]:
            found.append(trimmed)
    return found


def words(text: str, span: Span | None = None) -> int:
    start, end = span if span is not None else (0, len(text))
    return sum(1 for _ in _WORD.finditer(text, start, end))


def spoken_words(text: str) -> int:
    """Words as said aloud: each digit of a number and each part of an address counts."""
    total = 0
    for match in _WORD.finditer(text):
        token = match.group(0)
        digits = len(_DIGITS.findall(token))
        if _EMAIL.search(token):
            total += len(re.findall(r"[A-Za-z0-9]+", token)) + token.count("@") + token.count(".")
        elif digits:
            total += digits
        else:
            total += 1
    return total
