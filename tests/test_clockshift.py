"""`make test-clocks` runs the clock-reading tests as if it were another hour and
day: this process and the Python processes the tests start must agree on it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

SHIFTER = Path(__file__).parent / "clockshift"
DAY = 86_400.0


def _child_now(**env: str) -> datetime:
    out = subprocess.run([sys.executable, "-c", "import time; print(time.time())"],
                         env={**os.environ, **env}, capture_output=True, text=True,
                         check=True).stdout
    return datetime.fromtimestamp(float(out), UTC)


def test_a_child_python_runs_shifted_and_its_clock_ticks() -> None:
    shift = float(os.environ.get("FOLLOWUP_TEST_CLOCK_SHIFT", "0")) + 3.5 * DAY
    before = datetime.now(UTC)
    moved = _child_now(FOLLOWUP_TEST_CLOCK_SHIFT=repr(shift), PYTHONPATH=str(SHIFTER))
    assert 3.5 * DAY - 1 <= (moved - before).total_seconds() < 3.5 * DAY + 30


def test_the_suite_and_its_children_run_at_the_asked_clock() -> None:
    asked = os.environ.get("FOLLOWUP_TEST_CLOCK")
    if asked is not None:  # the session started there; it has run minutes, not days
        assert 0 <= (datetime.now(UTC) - datetime.fromisoformat(asked)).total_seconds() < 3_600
    assert abs((_child_now() - datetime.now(UTC)).total_seconds()) < 30
