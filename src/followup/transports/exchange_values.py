"""Checks for single values of the exchange formats, shared by JSON and CSV.

Every check takes the raw value and the place it came from (a JSON path such
as `opportunities[0].company`, or `row 3, column company` for CSV) and
either returns the clean value or raises `ExchangeError` with one line that
says where and what is wrong. One line matters: the CLI prints it as the
first line of its error output, and a value pasted into a message is
quoted with `repr` so that nothing in it can break that line.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

import holidays

from followup.domain import limits
from followup.domain.limits import shown

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

ROOT = "$"  # the path of the document itself
FORMAT = "followup/1"


class ExchangeError(ValueError):
    """Bad input: `path` says where, `message` says what is wrong."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # ValueError pickles its args; ours take two, so say how to rebuild.
        return (type(self), (self.path, self.message))


# --- paths -------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def member(path: str, key: str) -> str:
    """The path of `key` inside the object at `path`."""
    if _PLAIN_KEY.match(key):
        return key if path == ROOT else f"{path}.{key}"
    # Keys written by users (moments, settings) may hold anything; repr keeps
    # the path on one line and unambiguous.
    return f"{'' if path == ROOT else path}[{shown(key)}]"


def item(path: str, index: int) -> str:
    return f"{path}[{index}]"


def field_name(path: str) -> str:
    """The name a person would use for the value at `path` (`company`)."""
    tail = re.sub(r"(\[[^\]]*\])+\Z", "", path)
    return re.split(r"[.\s]", tail)[-1] or "value"


# --- JSON types --------------------------------------------------------------


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _expected(what: str, value: object, path: str) -> ExchangeError:
    return ExchangeError(path, f"expected {what}, got {json_type(value)}")


def string(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise _expected("a string", value, path)
    return value


def array(value: object, path: str) -> list[object]:
    if not isinstance(value, list | tuple):
        raise _expected("an array", value, path)
    return list(value)


def positive_int(value: object, path: str, *, most: int = limits.MAX_ROUND) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected("an integer", value, path)
    if value < 1:
        raise ExchangeError(path, f"expected an integer of at least 1, got {value}")
    problem = limits.whole_number_problem(value, 1, most)
    if problem:
        raise ExchangeError(path, problem)
    return value


def boolean(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise _expected("true or false", value, path)
    return value


def sequence_number(value: object, path: str) -> int:
    """An iCalendar SEQUENCE: a whole number, 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected("an integer", value, path)
    if value < 0:
        raise ExchangeError(path, f"expected an integer of at least 0, got {value}")
    return value


def nullable(read: Callable[[object, str], T]) -> Callable[[object, str], T | None]:
    """`read`, except that null stays None (the field is optional)."""

    def read_or_none(value: object, path: str) -> T | None:
        return None if value is None else read(value, path)

    return read_or_none


# --- text --------------------------------------------------------------------

_FREE_TEXT_OK = frozenset("\n\r\t\u2028\u2029")


def _limit_name(name: str) -> str:
    return name.removeprefix("contact_")


def word(value: object, path: str, *, name: str | None = None) -> str:
    """A one-line value kept exactly as given: refs, addresses, codes."""
    text = string(value, path)
    what = name or field_name(path)
    # One-line values may end up in a mail header, where an encoded word
    # (=?utf-8?q?...?=) is decoded by the reader: check what it decodes to.
    problem = limits.header_problem(text)
    if problem:
        raise ExchangeError(path, f"{problem} in {what}")
    problem = limits.length_problem(text, limits.line_maximum(_limit_name(what)))
    if problem:
        raise ExchangeError(path, f"{what} {problem}")
    return text


def line(value: object, path: str, *, name: str | None = None) -> str:
    """A single line of text (names, titles, subjects), without surrounding spaces.

    Surrounding whitespace (spaces, non-breaking spaces, tabs are refused)
    is removed in every channel alike, JSON, CSV and the command line, so a
    value reads back the same whichever way it came in.
    """
    return word(string(value, path).strip(), path, name=name)


def required_line(value: object, path: str) -> str:
    text = line(value, path)
    if not text:
        raise ExchangeError(path, f"empty {field_name(path)}")
    return text


def text(value: object, path: str) -> str:
    """Free text (notes, signature): line breaks and tabs are fine, kept exactly."""
    content = string(value, path)
    problem = limits.char_problem(content, _FREE_TEXT_OK)
    if problem:
        raise ExchangeError(path, f"{problem} in {field_name(path)}")
    problem = limits.length_problem(content, limits.MAX_TEXT)
    if problem:
        raise ExchangeError(path, f"{field_name(path)} {problem}")
    return content


def ref(value: object, path: str) -> str:
    """A ref builds action keys (`acme-pm/thank_you/r1/jane`): one word of any letters."""
    name = word(value, path, name="ref")
    problem = limits.ref_problem(name)
    if problem:
        raise ExchangeError(path, problem)
    return name


# Deliberately simple: one @, a dotted domain, nothing that could end an
# address in a header (spaces, commas, angle brackets, quotes).
_EMAIL = re.compile(r"[^@\s,;:<>()\[\]\"\\]+@[^@\s,;:<>()\[\]\"\\.]+(\.[^@\s,;:<>()\[\]\"\\.]+)+\Z")


def email(value: object, path: str) -> str:
    """One plain address. A domain in any script is kept in its ASCII (IDNA) form and
    the part before @ must be ASCII, so every mail server takes it as it is."""
    address = word(value, path)
    if not _EMAIL.match(address):
        raise ExchangeError(path, f"not an email address: {shown(address)}")
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        message = f"characters outside ASCII before the @ in {shown(address)}"
        raise ExchangeError(path, message + ": not every mail server accepts them")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise ExchangeError(path, f"not an email address: {shown(address)}") from None
    return f"{local}@{domain}"


# --- enumerations, places --------------------------------------------------


def enum(value: object, path: str, kind: type[E]) -> E:
    name = string(value, path)
    try:
        return kind(name)
    except ValueError:
        allowed = ", ".join(option.value for option in kind)
        raise ExchangeError(path, f"unknown value {shown(name)}, allowed: {allowed}") from None


def enum_reader(kind: type[E]) -> Callable[[object, str], E]:
    return lambda value, path: enum(value, path, kind)


@cache
def _time_zones() -> frozenset[str]:
    # "localtime" means whatever the machine says, and "Factory" is a
    # placeholder: neither names where an employer is.
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory"})


def time_zone(value: object, path: str) -> str:
    name = word(value, path)
    problem = limits.zone_problem(name)
    if problem:
        raise ExchangeError(path, problem)
    if name not in _time_zones():
        hint = "use an IANA name such as Europe/Paris"
        raise ExchangeError(path, f"unknown time zone {shown(name)} ({hint})")
    return name


@cache
def _countries() -> Mapping[str, tuple[str, ...]]:
    supported = holidays.list_supported_countries(include_aliases=False)
    return {code: tuple(subdivisions) for code, subdivisions in supported.items()}


def country(value: object, path: str) -> str:
    code = word(value, path)
    if code not in _countries():
        raise ExchangeError(
            path,
            f"unknown country {shown(code)} (use a two-letter ISO 3166 code such as US, GB, DE)",
        )
    return code


def subdivision_problem(code: str, country_code: str) -> str | None:
    """Why `code` is not a subdivision of `country_code`, or None when it is."""
    known = _countries().get(country_code, ())
    if code in known:
        return None
    if not known:
        return f"unknown subdivision {shown(code)}: {country_code} has no subdivisions"
    return f"unknown subdivision {shown(code)} of {country_code}, allowed: {', '.join(known)}"


# --- time --------------------------------------------------------------------

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def aware_datetime(value: object, path: str) -> datetime:
    raw = string(value, path)
    if _DATE.match(raw):
        raise ExchangeError(
            path,
            f"a date alone is not enough: {shown(raw)}, give a time and an offset too "
            "(such as 2026-11-20T10:00:00+00:00)",
        )
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ExchangeError(path, f"not an ISO 8601 date and time: {shown(raw)}") from None
    problem = limits.instant_problem(moment)
    if problem:
        raise ExchangeError(path, problem)
    return moment


def calendar_date(value: object, path: str) -> date:
    raw = string(value, path)
    try:
        if not _DATE.match(raw):
            raise ValueError
        day = date.fromisoformat(raw)
    except ValueError:
        raise ExchangeError(path, f"not a date (YYYY-MM-DD): {shown(raw)}") from None
    problem = limits.date_problem(day)
    if problem:
        raise ExchangeError(path, problem)
    return day
