"""Shift the wall clock of a test's Python process by FOLLOWUP_TEST_CLOCK_SHIFT
seconds (see conftest's pytest_configure). On PYTHONPATH only while the suite
runs at another clock; the monotonic clock, sleeps and timeouts stay real."""

from __future__ import annotations

import os


def shift_the_clock() -> None:
    shift = os.environ.get("FOLLOWUP_TEST_CLOCK_SHIFT")
    if not shift:
        return
    import time

    import time_machine

    time_machine.travel(time.time() + float(shift), tick=True).start()


if __name__ == "sitecustomize":  # started by Python itself, in a child process
    shift_the_clock()
