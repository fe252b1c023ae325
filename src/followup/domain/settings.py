"""Every number of PLAYBOOK.md as a named setting, with the three presets.

A preset only picks defaults. The user overrides any setting globally
(`Settings.overrides`) and per opportunity (`Opportunity.settings`); the
opportunity's culture (or the profile's playbook) picks the preset.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from followup.domain.limits import setting_maximum, shown
from followup.domain.model import Culture, Opportunity, PlaybookName, Profile


class GapUnit(StrEnum):
    BUSINESS = "business"
    CALENDAR = "calendar"


class VoicemailStyle(StrEnum):
    KEEP_CONTROL = "keep_control"  # 000: name a call-back day and keep it
    THEIR_COURT = "their_court"  # 003: leave the ball with them


@dataclass(frozen=True, slots=True)
class PlaybookSettings:
    """The resolved numbers the planner uses for one opportunity."""

    # R8: business days after the promised date before the first follow-up.
    first_follow_up_business_days: int = 2
    # R9: the gap between attempts, as a window [gap_min, gap_max] in gap_unit.
    gap_min: int = 5
    gap_max: int = 5
    gap_unit: GapUnit = GapUnit.BUSINESS
    # R11: one more attempt than the interviews justify (assertive), capped.
    extra_attempt: bool = False
    attempts_cap: int = 4
    max_attempts: int | None = None  # the user's own number, beats R11
    # R10
    voicemail_style: VoicemailStyle = VoicemailStyle.KEEP_CONTROL
    callback_min_business_days: int = 3
    callback_max_business_days: int = 5
    # R7
    check_in: bool = True
    check_in_min_wait_days: int = 14
    check_in_from: float = 0.5
    check_in_to: float = 0.75
    # R3
    handwritten_note: bool = False
    handwritten_note_business_days: int = 1
    # R2
    thank_you_aim_hours: int = 8
    thank_you_deadline_hours: int = 24
    # R4
    linkedin_invites: bool = True
    linkedin_note_limit: int = 200
    # R6
    unknown_timeline_days: int = 7
    # R12
    min_spacing_days: int = 3
    # R13
    close_out_min_days: int = 7
    # R1
    prepare_lead_hours: int = 48
    # R16
    business_start_hour: int = 9
    business_end_hour: int = 17
    # R2, R16: the user's night, in their own zone; written actions are not due in it
    quiet_start_hour: int = 21
    quiet_end_hour: int = 8


PRESETS: Mapping[PlaybookName, PlaybookSettings] = MappingProxyType(
    {
        PlaybookName.RESERVED: PlaybookSettings(
            first_follow_up_business_days=4,
            gap_min=7,
            gap_max=10,
            gap_unit=GapUnit.CALENDAR,
            voicemail_style=VoicemailStyle.THEIR_COURT,
            check_in=False,
        ),
        PlaybookName.STANDARD: PlaybookSettings(),
        PlaybookName.ASSERTIVE: PlaybookSettings(
            first_follow_up_business_days=1,
            gap_min=3,
            gap_max=5,
            extra_attempt=True,
        ),
    }
)

SETTING_NAMES = frozenset(f.name for f in fields(PlaybookSettings))


class SettingError(ValueError):
    """An override names an unknown setting or gives it a bad value."""


_BY_CULTURE: Mapping[Culture, PlaybookSettings] = MappingProxyType(
    {
        Culture.RESERVED: PRESETS[PlaybookName.RESERVED],
        Culture.STANDARD: PRESETS[PlaybookName.STANDARD],
        Culture.ASSERTIVE: PRESETS[PlaybookName.ASSERTIVE],
        Culture.TRADITIONAL: replace(PRESETS[PlaybookName.STANDARD], handwritten_note=True),
    }
)


def preset_for(culture: Culture | None, profile_playbook: PlaybookName) -> PlaybookSettings:
    """The culture's preset; with no culture, the profile's playbook (CONTRACT.md)."""
    if culture is None:
        return PRESETS[profile_playbook]
    return _BY_CULTURE[culture]


def apply_overrides(base: PlaybookSettings, overrides: Mapping[str, Any]) -> PlaybookSettings:
    if not overrides:
        return base
    clean: dict[str, Any] = {}
    for name, value in overrides.items():
        clean[name] = _coerce(name, value, getattr(base, name, None))
    return replace(base, **clean)


def _coerce(name: str, value: Any, current: Any) -> Any:
    if name not in SETTING_NAMES:
        raise SettingError(f"unknown setting {name!r}")
    if name == "max_attempts" and value is None:
        return None
    try:
        if isinstance(current, StrEnum):
            return type(current)(value)
        if isinstance(current, bool):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(current, int) or name == "max_attempts":
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            if name.endswith("_hour") and value > 23:
                raise TypeError
            if not 0 <= value <= setting_maximum(name):  # bounded: planner dates stay in range
                raise ValueError
            return value
        if isinstance(current, float):
            number = float(value)
            if not 0.0 <= number <= 1.0:  # fractions of the wait (R7)
                raise ValueError
            return number
    except (TypeError, ValueError):
        raise SettingError(f"setting {shown(name)}: bad value {shown(str(value))}") from None
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's global overrides; resolves the numbers for each opportunity."""

    overrides: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def for_opportunity(self, opportunity: Opportunity, profile: Profile) -> PlaybookSettings:
        base = preset_for(opportunity.culture, profile.playbook)
        return apply_overrides(apply_overrides(base, self.overrides), opportunity.settings)
