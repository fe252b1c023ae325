"""Settings every test shares, whichever fixtures its module imports."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

# CI (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same examples on every
# run, so what lands never hangs on a lucky draw; a developer's `make test`
# draws new ones each time, and keeps what fails in .hypothesis to replay.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def _own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's real data folder (errors.log, the web's secret key, the
    default record) is never touched by a test: each run gets its own."""
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    yield
    if before is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = before


def pytest_configure(config: pytest.Config) -> None:
    """FOLLOWUP_TEST_CLOCK=ISO runs the suite as if it were then (`make test-clocks`):
    the tests that read the real clock must pass at any hour of any day. This
    process and every Python process it starts (the CLI, `serve`) move by the
    same shift, through `clockshift/sitecustomize.py`."""
    clock = os.environ.get("FOLLOWUP_TEST_CLOCK")
    if not clock or "FOLLOWUP_TEST_CLOCK_SHIFT" in os.environ:
        return
    from datetime import UTC, datetime
    from pathlib import Path

    shift = datetime.fromisoformat(clock).timestamp() - datetime.now(UTC).timestamp()
    os.environ["FOLLOWUP_TEST_CLOCK_SHIFT"] = repr(shift)
    shifter = str(Path(__file__).parent / "clockshift")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (shifter, os.environ.get("PYTHONPATH")) if p)
    from clockshift.sitecustomize import shift_the_clock

    shift_the_clock()


def pytest_report_header(config: pytest.Config) -> str | None:
    clock = os.environ.get("FOLLOWUP_TEST_CLOCK")
    return f"the wall clock runs from {clock} (FOLLOWUP_TEST_CLOCK)" if clock else None
