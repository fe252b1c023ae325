"""Reading one JSON object against its expected shape, in document order.

A `Shape` lists an object's fields in the contract's order with a reader for
each. Fields are read in the order the document gives them, so the first
error a person meets reading the file top to bottom is the one reported.
Checks that relate two fields (an end before its start) run as soon as both
have been read, and point at the field named by the rule.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from followup.domain.limits import shown
from followup.transports.exchange_values import (
    ExchangeError,
    array,
    item,
    json_type,
    member,
)

T = TypeVar("T")
Reader = Callable[[object, str], Any]


class Members(dict[str, Any]):
    """A decoded JSON object that remembers the keys it was given twice.

    `json` keeps the last of two equal keys without a word; a person who
    wrote `company` twice meant something, so the reader reports it.
    """

    repeated: tuple[str, ...] = ()


def members_from_pairs(pairs: list[tuple[str, Any]]) -> Members:
    members = Members(pairs)
    if len(members) < len(pairs):
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        members.repeated = tuple(repeated)
    return members


@dataclass(frozen=True, slots=True)
class Rule:
    """A check over several fields, reported at the field `at`."""

    needs: tuple[str, ...]
    at: str
    check: Callable[[Mapping[str, Any]], str | None]


@dataclass(frozen=True, slots=True)
class Shape:
    readers: Mapping[str, Reader]  # in the contract's key order
    required: frozenset[str] = frozenset()
    rules: tuple[Rule, ...] = ()
    absent_is_none: tuple[str, ...] = ()  # nullable fields the dataclass has no default for
    renames: Mapping[str, str] = field(default_factory=dict)  # JSON name -> dataclass name


def members_of(raw: object, path: str) -> dict[str, object]:
    """The members of the JSON object at `path`, whatever their names."""
    if not isinstance(raw, dict):
        raise ExchangeError(path, f"expected an object, got {json_type(raw)}")
    for key in getattr(raw, "repeated", ()):
        raise ExchangeError(member(path, key), "field given twice")
    for key in raw:
        if not isinstance(key, str):
            raise ExchangeError(path, f"field names must be strings, got {shown(key)}")
    return raw


def open_object(raw: object, path: str, shape: Shape) -> dict[str, object]:
    """The members of the object at `path`, once its own outline is right."""
    members = members_of(raw, path)
    for key in members:
        if key not in shape.readers:
            hint = did_you_mean(key, shape.readers)
            raise ExchangeError(path, f"unknown field {shown(key)}{hint}")
    for key in shape.readers:
        if key in shape.required and key not in members:
            raise ExchangeError(path, f"missing field {shown(key)}")
    return members


def did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {shown(close[0])}?)" if close else ""


def read_members(raw: object, path: str, shape: Shape) -> dict[str, Any]:
    members = open_object(raw, path, shape)
    values: dict[str, Any] = {}
    waiting = shape.rules
    for key, value in members.items():
        values[key] = shape.readers[key](value, member(path, key))
        waiting = _apply_ready(waiting, values, path)
    # A rule still waiting needs an absent optional field; its default
    # (null, an empty list) never breaks a rule.
    return values


def _apply_ready(rules: tuple[Rule, ...], values: Mapping[str, Any], path: str) -> tuple[Rule, ...]:
    waiting = []
    for rule in rules:
        if not all(name in values for name in rule.needs):
            waiting.append(rule)
            continue
        problem = rule.check(values)
        if problem:
            raise ExchangeError(member(path, rule.at), problem)
    return tuple(waiting)


def build(kind: Callable[..., T], shape: Shape, values: Mapping[str, Any]) -> T:
    """The dataclass for `values`; absent optional fields take its defaults."""
    given = {**dict.fromkeys(shape.absent_is_none), **values}
    return kind(**{shape.renames.get(key, key): value for key, value in given.items()})


def object_reader(kind: Callable[..., T], shape: Shape) -> Callable[[object, str], T]:
    def read(raw: object, path: str) -> T:
        return build(kind, shape, read_members(raw, path, shape))

    return read


def list_reader(read_one: Callable[[object, str], T]) -> Callable[[object, str], tuple[T, ...]]:
    def read(raw: object, path: str) -> tuple[T, ...]:
        values = array(raw, path)
        return tuple(read_one(value, item(path, index)) for index, value in enumerate(values))

    return read
