"""Form fields for the record, parsed the way the command line parses its options.

A form is a list of `Field`s; `parse` turns the posted strings into the
values the services take, and collects each field's error in the same words
as the command line (a bad date is "not a date (YYYY-MM-DD): '...'"). The
services check the rest; `place_error` puts their message beside the field
its path names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.http import QueryDict

from followup.domain.calendar import zone


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text textarea select checks date datetime number lines email
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    help: str = ""
    blank: bool = True  # a select offers "(none)"
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def choices(values: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(v.value), str(v.value).replace("_", " ")) for v in values)


def not_one_of(text: str, allowed: tuple[tuple[str, str], ...]) -> str:
    """Click's words for a bad choice, as the command line says it."""
    return f"{text!r} is not one of {', '.join(repr(value) for value, _ in allowed)}."


@dataclass
class Parsed:
    values: dict[str, Any]
    errors: dict[str, str]
    raw: dict[str, Any]


def parse(fields: list[Field], data: QueryDict, time_zone: str) -> Parsed:
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    raw: dict[str, Any] = {}
    for f in fields:
        if f.kind == "checks":
            picked = data.getlist(f.name)
            raw[f.name] = picked
            allowed = {value for value, _ in f.choices}
            bad = [p for p in picked if p not in allowed]
            if bad:
                errors[f.name] = not_one_of(bad[0], f.choices)
            values[f.name] = tuple(picked)
            continue
        text = data.get(f.name, "").strip()
        raw[f.name] = text
        if not text:
            if f.required:
                errors[f.name] = f"missing {f.option}"
            values[f.name] = None
            continue
        try:
            values[f.name] = _convert(f, text, time_zone)
        except ValueError as problem:
            errors[f.name] = str(problem)
    return Parsed(values, errors, raw)


def _convert(f: Field, text: str, time_zone: str) -> Any:
    if f.kind == "select":
        if text not in {value for value, _ in f.choices}:
            raise ValueError(not_one_of(text, f.choices))
        return text
    if f.kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {text!r}") from None
    if f.kind == "datetime":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO 8601 date and time: {text!r}") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=zone(time_zone))
    if f.kind == "number":
        if not text.isdigit() or int(text) < 1 or int(text) > 99:
            raise ValueError(f"{text!r} is not in the range x>=1")
        return int(text)
    if f.kind == "lines":
        return tuple(line.strip() for line in text.splitlines() if line.strip())
    if len(text) > 5000:
        raise ValueError("too long (at most 5000 characters)")
    return text


PATH_FIELD = re.compile(r"\.([a-z_]+)(?:\[\d+\])?\s*:")
ALIASES = {"from": "requester", "interviewers": "interviewers", "moments": "moments"}


def place_error(message: str, fields: list[Field]) -> tuple[str | None, str]:
    """(field name or None, message): the field the service's path names, if any."""
    names = {f.name for f in fields}
    head = message.split(": ", 1)[0]
    found = PATH_FIELD.findall(head + ":")
    for candidate in reversed(found):
        name = ALIASES.get(candidate, candidate)
        if name in names:
            return name, message
    option = re.match(r"--([a-z-]+):", message)
    if option and option.group(1).replace("-", "_") in names:
        return option.group(1).replace("-", "_"), message
    return None, message


def initial(fields: list[Field], values: dict[str, Any], time_zone: str) -> dict[str, Any]:
    """Strings for the inputs from current values (times shown in `time_zone`)."""
    shown: dict[str, Any] = {}
    for f in fields:
        value = values.get(f.name)
        if value is None:
            shown[f.name] = [] if f.kind == "checks" else ""
        elif f.kind == "checks":
            shown[f.name] = [str(v) for v in value]
        elif f.kind == "datetime" and isinstance(value, datetime):
            shown[f.name] = value.astimezone(zone(time_zone)).strftime("%Y-%m-%dT%H:%M")
        elif f.kind == "lines":
            shown[f.name] = "\n".join(value)
        else:
            shown[f.name] = str(value)
    return shown


def rows(
    fields: list[Field], shown: dict[str, Any], errors: dict[str, str]
) -> list[dict[str, Any]]:
    return [{"f": f, "value": shown.get(f.name, [] if f.kind == "checks" else ""),
             "error": errors.get(f.name)} for f in fields]
