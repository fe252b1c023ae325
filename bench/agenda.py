"""Speed of the `followup` command as a user meets it: fresh processes, medians of 5.

    python bench/agenda.py [--opportunities 10000] [--postgres URL]

Prints, for a record of N synthetic opportunities (bench/synthetic.py):
- `followup agenda --format json` on an empty record, on the N record as
  generated (most opportunities have open work at `now`), and on the N
  record as history (all but 1% closed, the shape of a long job search);
- importing the N record (one `followup import` process);
- `followup --version`.
Targets (issue 3): agenda at most 400 ms and at most 1.5 x the empty
record; import at most 60 s; --version at most 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from followup.domain.model import Stage
from followup.transports.exchange import dumps_document
from synthetic import make_record

FOLLOWUP = [sys.executable, "-m", "followup.cli"]
RUNS = 5


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*FOLLOWUP, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(args: list[str], env: dict[str, str]) -> float:
    timed(args, env)  # warm: the OS file cache, the holiday cache
    return statistics.median(timed(args, env) for _ in range(RUNS))


def history(record, active_share: float = 0.01):  # type: ignore[no-untyped-def]
    keep = max(1, int(len(record.opportunities) * active_share))
    closed = tuple(
        o if n < keep else replace(o, stage=Stage.CLOSED_NO_RESPONSE)
        for n, o in enumerate(record.opportunities)
    )
    return replace(record, opportunities=closed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=10_000)
    parser.add_argument("--postgres", help="also measure on this (empty) PostgreSQL database")
    options = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    record = make_record(options.opportunities, 42, now)
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, FOLLOWUP_CACHE_DIR=str(Path(folder) / "cache"))
        env.pop("FOLLOWUP_DB", None)
        full = Path(folder) / "full.json"
        full.write_text(dumps_document(record))
        past = Path(folder) / "history.json"
        past.write_text(dumps_document(history(record)))
        n = options.opportunities
        version = median_of(["--version"], env)
        print(f"followup --version                      {version * 1000:7.0f} ms")
        empty = Path(folder) / "empty.sqlite3"
        base = median_of(["--db", str(empty), "agenda", "--format", "json"], env)
        print(f"agenda, empty record                    {base * 1000:7.0f} ms")
        for label, source in (("as generated", full), ("as history (1% open)", past)):
            db = Path(folder) / f"{source.stem}.sqlite3"
            seconds = timed(["--db", str(db), "import", str(source)], env)
            print(f"import {n} opportunities, {label:22} {seconds:7.1f} s")
            took = median_of(["--db", str(db), "agenda", "--format", "json"], env)
            print(f"agenda, {n} {label:28} {took * 1000:7.0f} ms  ({took / base:.2f} x empty)")
        if options.postgres:
            took = median_of(["--db", options.postgres, "agenda", "--format", "json"], env)
            print(f"agenda, PostgreSQL, as it is            {took * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
