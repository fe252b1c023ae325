"""The documented limits of what the record accepts, in one place.

Every channel (the command line, the JSON exchange document, the CSV sheet,
edits through the services, later the web) asks these functions, so SQLite
and PostgreSQL refuse the same input with the same sentence, before either
database sees it. docs/exchange.md ("Limits") lists them for users.

Each `*_problem` function returns None for a good value, or the words that
say what is wrong (the caller adds where: a JSON path, a CSV cell, an option).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from email import _encoded_words  # type: ignore[attr-defined]  # no stub; stable since 3.3

# --- dates and times -----------------------------------------------------------

# Wide enough for any job search, narrow enough that everything the planner
# adds to a date (gaps, cadences, snoozes: a few years at most with the
# bounded settings below) stays far inside what Python, SQLite and
# PostgreSQL can all hold and read back.
EARLIEST_DATE = date(1970, 1, 1)
LATEST_DATE = date(2199, 12, 31)
EARLIEST_INSTANT = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
# Real UTC offsets run from -12:00 to +14:00; PostgreSQL refuses beyond ±15:59.
MAX_OFFSET = timedelta(hours=14)
RANGE_TEXT = f"dates from {EARLIEST_DATE} to {LATEST_DATE} are accepted"


def date_problem(day: date) -> str | None:
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return f"out of range: {RANGE_TEXT}, got {day.isoformat()}"


def instant_problem(moment: datetime) -> str | None:
    """Why an aware datetime cannot be kept, or None."""
    offset = moment.utcoffset()
    if offset is None:
        return "naive datetime, add an offset such as +00:00"
    if abs(offset) > MAX_OFFSET:
        return f"UTC offset {_offset_text(offset)} out of range (at most ±14:00)"
    try:
        instant = moment.astimezone(UTC)
    except OverflowError:
        instant = None
    if instant is None or not EARLIEST_INSTANT <= instant <= LATEST_INSTANT:
        return f"out of range: {RANGE_TEXT}, got {moment.isoformat()}"
    return None


def _offset_text(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# --- numbers ---------------------------------------------------------------------

MAX_ROUND = 99  # interview rounds
MAX_DAYS = 3660  # `today --days`, `agenda` look-ahead: ten years
MAX_WHOLE_SETTING = 365  # day counts, business days, attempts ...
SETTING_MAXIMA = {
    "thank_you_aim_hours": 24 * 365,
    "thank_you_deadline_hours": 24 * 365,
    "prepare_lead_hours": 24 * 365,
    "business_start_hour": 24,
    "business_end_hour": 24,
    "linkedin_note_limit": 10_000,
    "attempts_cap": 20,
    "max_attempts": 20,
}


def whole_number_problem(value: int, least: int, most: int) -> str | None:
    if least <= value <= most:
        return None
    shown_value = str(value) if abs(value) < 10**12 else shown(str(value), 12)
    return f"expected a whole number from {least} to {most}, got {shown_value}"


def setting_maximum(name: str) -> int:
    return SETTING_MAXIMA.get(name, MAX_WHOLE_SETTING)


# --- text ------------------------------------------------------------------------

MAX_LINE = 200  # names, titles, company, role, refs: as the database columns
MAX_TEXT = 20_000  # notes, signature, reasons
LINE_MAXIMA = {
    "email": 254,  # RFC 5321's longest forward path, less its brackets
    "phone": 64,
    "linkedin": 500,
    "url": 2000,
    "title": 200,
    "what": 500,
    "summary": 500,
    "attach": 500,
    "key": 500,
    "message_id": 500,
}
MAX_DOCUMENT_BYTES = 64 * 2**20  # an exchange document or a CSV sheet
SHOWN = 60  # characters of a value echoed back in an error line


def line_maximum(name: str) -> int:
    return LINE_MAXIMA.get(name, MAX_LINE)


def length_problem(text: str, most: int) -> str | None:
    if len(text) <= most:
        return None
    return f"too long: {len(text)} characters, at most {most}"


def shown(value: str, limit: int = SHOWN) -> str:
    """`value` quoted for an error line: at most `limit` characters, then an ellipsis."""
    if len(value) <= limit:
        return repr(value)
    return repr(value[:limit]) + "…"


# What str.splitlines() breaks on: any of these would start a new header line
# in an e-mail or a new line in a log.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Bidirectional embeddings, overrides and isolates reorder how text is shown
# (the "Trojan Source" trick): a name or subject could display as something
# other than what it says.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def char_problem(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """'line break' / 'control character' / 'bidirectional control', or None."""
    for char in text:
        if char in allowed:
            continue
        if char in LINE_BREAKS:
            return "line break"
        if char in BIDI_CONTROLS:
            return "bidirectional control character"
        # Cc: control characters (NUL breaks PostgreSQL); Cs: lone surrogates
        # (not encodable as UTF-8); Zl/Zp: line and paragraph separators.
        if unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"}:
            return "control character"
    return None


# --- what could become mail-header structure ---------------------------------------

# An RFC 2047 encoded word, read more leniently than any mail parser does, so
# that whatever a parser would decode, this decodes too.
_ENCODED_WORD = re.compile(r"=\?([^?]*)\?([bBqQ])\?([^?]*)\?=")


def decoded_words(text: str) -> str:
    """`text` with every RFC 2047 encoded word decoded (repeatedly, if nested)."""
    for _ in range(8):
        decoded = _ENCODED_WORD.sub(_decode_word, text)
        if decoded == text:
            return text
        text = decoded
    return text


def _decode_word(found: re.Match[str]) -> str:
    # The email package's own decoder, so that the check sees exactly what
    # its parser (and the header registry) would make of the word.
    try:
        text: str = _encoded_words.decode(found.group(0))[0]
    except (ValueError, LookupError, IndexError):  # not decodable: stays literal text
        return found.group(0)
    return text


def header_problem(text: str) -> str | None:
    """Why `text` must not reach a mail header, checked after decoding encoded words."""
    problem = char_problem(text)
    if problem:
        return problem
    decoded = decoded_words(text)
    if decoded != text:
        problem = char_problem(decoded)
        if problem:
            return f"{problem} hidden in an encoded word (=?...?=)"
        # Typed literally, an encoded word is read by mail programs as other text
        # (even a comma, a second recipient): the writer would refuse it later.
        return "an encoded word (=?...?=) not allowed: mail programs would show other text"
    return None


# --- refs -----------------------------------------------------------------------------

# Characters that look like the '/' separating the parts of an action key.
SLASH_LIKE = frozenset("/\\\u2044\u2215\u2571\u29f8\u29f9\uff0f\uff3c\u2216\u27cb\u27cd")


def ref_problem(word: str) -> str | None:
    """A ref is one word of any letters: no separators, spacing, or invisible characters."""
    if not word:
        return "empty ref"
    for char in word:
        if char in SLASH_LIKE:
            return f"{char!r} not allowed in ref {shown(word)}"
        if char.isspace():
            return f"whitespace not allowed in ref {shown(word)}"
        # Cc control, Cf format (bidi, zero-width), Cs/Co/Cn: nothing a reader can see.
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Zl", "Zp", "Zs"}:
            return f"invisible character U+{ord(char):04X} not allowed in ref {shown(word)}"
    if ".." in word:
        return f"'..' not allowed in ref {shown(word)}"
    return None


# --- time zones ------------------------------------------------------------------------

# Old POSIX-style names that read like a region's zone but are not a place:
# "EST" is a fixed -05:00 (or, in newer tz data, Panama), never New York.
LEGACY_ZONES = frozenset({
    "EST", "MST", "HST", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT",
    "CET", "EET", "MET", "WET",
})


def zone_problem(name: str) -> str | None:
    if name in LEGACY_ZONES:
        return (f"time zone {name!r} is not a place (use a location such as "
                "America/New_York or Europe/Paris)")
    return None


# --- user templates ---------------------------------------------------------------------

MAX_TEMPLATE_OUTPUT = 100_000  # characters a user template may build in all
MAX_TEMPLATE_VALUE = 100_000  # characters (or items) of any one value it builds
MAX_TEMPLATE_FILE = 256 * 1024  # bytes of one template file
MAX_TEMPLATE_STEPS = 200_000  # loop iterations and calls in one rendering
TEMPLATE_SECONDS = 2.0  # wall-clock budget for one rendering
MAX_INT_BITS = 4096  # integers a template computes
