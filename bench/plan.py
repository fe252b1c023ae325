"""How fast the planner re-plans a service's whole record.

Builds N synthetic opportunities (default 100,000: 3-5 contacts, 1-3
interviews and 5-8 touches each, across ten countries and time zones), then
times `plan(record, settings, now)` over all of them, pinned to one core.
Prints each run and the median of 5 in opportunities per second.

    python bench/plan.py [--opportunities N] [--runs 5]

Goal (issue 2): at least 20,000 opportunities/s, so that a million
opportunities re-plan in under a minute when a setting or the holiday data
changes.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import make_record  # noqa: E402

from followup.domain.planner import plan  # noqa: E402
from followup.domain.settings import Settings  # noqa: E402

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    started = time.perf_counter()
    record = make_record(args.opportunities, seed=2026, now=NOW)
    print(f"built {args.opportunities:,} opportunities in {time.perf_counter() - started:.1f} s")
    settings = Settings()
    plan(record, settings, NOW)  # warm the holiday and zone caches, as a long-lived service has
    rates = []
    for run in range(1, args.runs + 1):
        gc.collect()
        started = time.perf_counter()
        actions = plan(record, settings, NOW)
        elapsed = time.perf_counter() - started
        rates.append(args.opportunities / elapsed)
        print(f"run {run}: {elapsed:.2f} s, {len(actions):,} actions, "
              f"{rates[-1]:,.0f} opportunities/s")
    print(f"median: {statistics.median(rates):,.0f} opportunities/s")


if __name__ == "__main__":
    main()
