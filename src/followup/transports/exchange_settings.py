"""Playbook setting overrides in the exchange document.

The profile's `settings` (global) and each opportunity's `settings` hold
overrides of `PlaybookSettings` by name. They are checked with the domain's
own `apply_overrides`, so the document accepts exactly what the planner
will, and kept as written, so that export gives back the same text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from followup.domain.settings import SETTING_NAMES, PlaybookSettings, SettingError, apply_overrides
from followup.transports.exchange_shapes import did_you_mean, members_of
from followup.transports.exchange_values import ExchangeError, json_type, member


def settings(raw: object, path: str) -> Mapping[str, Any]:
    """Overrides of PlaybookSettings, kept as written once they are known good."""
    members = members_of(raw, path)
    clean = {name: _setting(name, value, member(path, name)) for name, value in members.items()}
    return MappingProxyType(clean)


_DEFAULTS = PlaybookSettings()


def _setting(name: str, value: object, path: str) -> object:
    if name not in SETTING_NAMES:
        raise ExchangeError(path, f"unknown setting {name!r}{did_you_mean(name, SETTING_NAMES)}")
    current = getattr(_DEFAULTS, name)
    # apply_overrides turns strings into floats; a document says numbers.
    if isinstance(current, float) and (
        isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value)
    ):
        raise ExchangeError(path, f"bad value {_shown(value)}, expected a number")
    try:
        apply_overrides(_DEFAULTS, {name: value})
    except SettingError:
        raise ExchangeError(path, f"bad value {_shown(value)}, {_setting_hint(name)}") from None
    return value


def _shown(value: object) -> str:
    """A bad value as the document spelled it (true, not True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str | int | float) else json_type(value)


def _setting_hint(name: str) -> str:
    current = getattr(_DEFAULTS, name)
    if name == "max_attempts":
        return "expected a whole number or null"
    if isinstance(current, StrEnum):
        return "allowed: " + ", ".join(option.value for option in type(current))
    if isinstance(current, bool):
        return "expected true or false"
    return "expected a whole number of at least 0"
