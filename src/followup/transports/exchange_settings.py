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

from followup.domain.limits import setting_maximum, shown
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
        hint = did_you_mean(name, SETTING_NAMES)
        raise ExchangeError(path, f"unknown setting {shown(name)}{hint}")
    current = getattr(_DEFAULTS, name)
    # apply_overrides turns strings into floats; a document says numbers.
    if isinstance(current, float) and (
        isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value)
    ):
        raise ExchangeError(path, f"bad value {_shown(value)}, expected a number from 0 to 1")
    try:
        apply_overrides(_DEFAULTS, {name: value})
    except SettingError:
        raise ExchangeError(path, f"bad value {_shown(value)}, {_setting_hint(name)}") from None
    return value


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large to be a float
        return False


def _shown(value: object) -> str:
    """A bad value as the document spelled it (true, not True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return shown(value)
    if not isinstance(value, int | float):
        return json_type(value)
    digits = repr(value)
    return digits if len(digits) <= 20 else digits[:20] + "…"


def _setting_hint(name: str) -> str:
    current = getattr(_DEFAULTS, name)
    if name == "max_attempts":
        return f"expected a whole number from 0 to {setting_maximum(name)}, or null"
    if isinstance(current, StrEnum):
        return "allowed: " + ", ".join(option.value for option in type(current))
    if isinstance(current, bool):
        return "expected true or false"
    if isinstance(current, float):
        return "expected a number from 0 to 1"
    return f"expected a whole number from 0 to {setting_maximum(name)}"
