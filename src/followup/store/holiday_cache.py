"""Public holidays remembered across processes.

Working out one country's holidays for one year costs tens of milliseconds
(the `holidays` package computes them), and a fresh `followup agenda` may
need a dozen (country, subdivision, year) sets. They only change with the
package's version, so they are kept in a small JSON file in the user's
cache folder, keyed by that version. A cache, never the truth: a missing
or unreadable file just means computing again.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
from datetime import date
from pathlib import Path

ENV_VAR = "FOLLOWUP_CACHE_DIR"
_installed: dict[str, object] = {}


def cache_file() -> Path:
    folder = os.environ.get(ENV_VAR)
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("followup", appauthor=False)
    return Path(folder) / "holidays.json"


def install() -> None:
    """Answer the business calendar's holiday questions through the file cache."""
    if _installed:
        return
    from followup.domain import calendar

    version = package_version()
    path = cache_file()
    known = _read(path, version)
    added: dict[str, list[str]] = {}

    def holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[date]:
        key = f"{country}/{subdivision or ''}/{year}"
        found = known.get(key)
        if found is None:
            found = known[key] = calendar.compute_holidays(country, subdivision, year)
            added[key] = sorted(day.isoformat() for day in found)
        return found

    def save() -> None:
        if added:
            _write(path, version, added)

    calendar.use_holiday_source(holiday_dates)
    atexit.register(save)
    _installed["source"] = holiday_dates


def package_version() -> str:
    """The installed `holidays` release, read without importing it (~140 ms).

    The cache is only valid for the data of one release; the name of the
    package's dist-info folder carries its version.
    """
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return "unknown"
    package = Path(spec.origin).parent
    found = sorted(package.parent.glob("holidays-*.dist-info"))
    if found:
        return found[-1].name
    return f"mtime-{package.stat().st_mtime_ns}"


def _read(path: Path, version: str) -> dict[str, frozenset[date]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != version:
            return {}
        return {
            key: frozenset(date.fromisoformat(day) for day in days)
            for key, days in data["years"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write(path: Path, version: str, added: dict[str, list[str]]) -> None:
    with contextlib.suppress(OSError, ValueError):
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
            years = current["years"] if current.get("version") == version else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            years = {}
        years.update(added)
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": version, "years": years}, out)
        os.replace(temporary, path)
