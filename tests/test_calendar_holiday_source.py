"""The holiday-source hook, and the store's file cache that uses it across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from followup.domain import calendar
from followup.domain.calendar import BusinessCalendar


def test_a_holiday_source_answers_every_business_day_question() -> None:
    asked: list[tuple[str, str | None, int]] = []

    def every_friday_off(country: str, subdivision: str | None, year: int) -> frozenset[date]:
        asked.append((country, subdivision, year))
        start = date(year, 1, 1)
        return frozenset(date.fromordinal(n) for n in range(start.toordinal(),
                                                             start.toordinal() + 366)
                         if date.fromordinal(n).weekday() == 4)

    calendar.use_holiday_source(every_friday_off)
    try:
        ours = BusinessCalendar("America/Chicago", "US", "IL")
        assert not ours.is_business_day(date(2026, 11, 27))
        assert ours.add_business_days(date(2026, 11, 26), 1) == date(2026, 11, 30)
        assert ("US", "IL", 2026) in asked
    finally:
        calendar.use_holiday_source(None)
    assert BusinessCalendar("America/Chicago", "US", "IL").is_business_day(date(2026, 11, 27))


def _agenda_holidays_in_a_fresh_process(cache: Path) -> str:
    script = (
        "from followup.store import holiday_cache\n"
        "holiday_cache.install()\n"
        "from followup.domain.calendar import BusinessCalendar\n"
        "import datetime, sys\n"
        "print(BusinessCalendar('America/Los_Angeles', 'US', 'CA')"
        ".is_business_day(datetime.date(2026, 11, 27)), 'holidays' in sys.modules)\n"
    )
    env = {**os.environ, "FOLLOWUP_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


def test_holiday_sets_are_remembered_across_processes_without_importing_holidays(
    tmp_path: Path,
) -> None:
    assert _agenda_holidays_in_a_fresh_process(tmp_path) == "False True"
    saved = json.loads((tmp_path / "holidays.json").read_text())
    assert "2026-11-27" in saved["years"]["US/CA/2026"]
    assert _agenda_holidays_in_a_fresh_process(tmp_path) == "False False"


def test_a_cache_from_another_holidays_release_is_ignored(tmp_path: Path) -> None:
    wrong = {"version": "holidays-0.1.dist-info", "years": {"US/CA/2026": []}}
    (tmp_path / "holidays.json").write_text(json.dumps(wrong))
    assert _agenda_holidays_in_a_fresh_process(tmp_path) == "False True"
