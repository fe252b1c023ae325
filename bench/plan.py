"""How fast the planner re-plans a service's whole record.

Builds N synthetic opportunities (default 100,000: 3-5 contacts, 1-3
interviews and 5-8 touches each, across ten countries and time zones), then
times `plan(record, settings, now)` over all of them in one process (one core).
Prints each run and the median of 5 in opportunities per second.

    python bench/plan.py [--opportunities N] [--runs 5]

Goal (issue 11): at least 25,000 opportunities/s on one core, so that a
million opportunities re-plan in well under a minute when a setting or the
holiday data changes. docs/performance.md, "The planner", has the figures.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from followup.domain import COMPILED
from followup.domain.planner import plan
from followup.domain.settings import Settings
from synthetic import make_record

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
BUILD = "compiled" if COMPILED else "pure"  # `make compiled` / `make pure`: say which ran


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    record = make_record(args.opportunities, seed=2026, now=NOW)
    print(f"planner build: {BUILD}")
    print(f"built {args.opportunities:,} opportunities in {time.perf_counter() - started:.1f} s")
    settings = Settings()
    plan(record, settings, NOW)  # warm the holiday and zone caches, as a long-lived service has
    rates, cpu_rates = [], []
    for run in range(1, args.runs + 1):
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        actions = plan(record, settings, NOW)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        rates.append(args.opportunities / elapsed)
        cpu_rates.append(args.opportunities / cpu)
        print(f"run {run}: {elapsed:.2f} s wall, {cpu:.2f} s CPU, {len(actions):,} actions, "
              f"{rates[-1]:,.0f} opportunities/s")
    # Wall time is the figure; CPU time shows how much of it was this process's
    # own work on a shared, noisy machine.
    print(f"median ({BUILD}): {statistics.median(rates):,.0f} opportunities/s "
          f"({statistics.median(cpu_rates):,.0f}/s of CPU time)")


if __name__ == "__main__":
    main()
