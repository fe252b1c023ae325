"""How fast followup drafts and checks messages.

Builds the 10,000-opportunity synthetic record, plans it once, then drafts
every open action (`followup.domain.messages.draft`: context, sandboxed
template, the R17 checks, sibling notes for per-interviewer kinds), timing
each draft on its own, pinned to one core. Prints, for each run, the median
and 95th percentile per draft, and the median of the runs' medians.

    python bench/draft.py [--opportunities N] [--runs 5]

Goal (issue 4): a median of at most 2 ms per draft.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from followup.domain.messages import draft
from followup.domain.model import Action, Opportunity, Record
from followup.domain.planner import plan
from followup.domain.settings import PlaybookSettings, Settings
from synthetic import make_record

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
GOAL_MS = 2.0

Job = tuple[Opportunity, Action, PlaybookSettings]


def jobs(record: Record, settings: Settings) -> list[Job]:
    by_ref = {opportunity.ref: opportunity for opportunity in record.opportunities}
    resolved = {ref: settings.for_opportunity(o, record.profile) for ref, o in by_ref.items()}
    return [(by_ref[a.opportunity], a, resolved[a.opportunity])
            for a in plan(record, settings, NOW)]


def one_run(record: Record, work: list[Job], findings: Counter[str] | None) -> list[float]:
    timings = []
    profile = record.profile
    clock = time.perf_counter
    for opportunity, action, settings in work:
        started = clock()
        found = draft(profile, opportunity, action, settings, now=NOW)
        timings.append((clock() - started) * 1000)
        if findings is not None:
            findings.update(f"{action.kind.value}: {f.severity.value} {f.code}"
                            for f in found.findings)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    record = make_record(args.opportunities, seed=2026, now=NOW)
    work = jobs(record, Settings())
    kinds = Counter(action.kind.value for _, action, _ in work)
    print(f"{len(work):,} open actions in {args.opportunities:,} opportunities: "
          + ", ".join(f"{kind} {count:,}" for kind, count in kinds.most_common()))
    findings: Counter[str] = Counter()
    one_run(record, work[:500], findings=None)  # compile the templates, as a service has
    medians = []
    for run in range(1, args.runs + 1):
        gc.collect()
        timings = one_run(record, work, findings if run == 1 else None)
        medians.append(statistics.median(timings))
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"run {run}: {sum(timings) / 1000:.1f} s, median {medians[-1]:.3f} ms, "
              f"p95 {p95:.3f} ms per draft")
    median = statistics.median(medians)
    print("findings in run 1 (synthetic notes are thin, so markers are expected):")
    for line, count in findings.most_common(12):
        print(f"  {count:>7,}  {line}")
    verdict = "within" if median <= GOAL_MS else "OVER"
    print(f"median of {args.runs} runs: {median:.3f} ms per draft "
          f"({verdict} the {GOAL_MS} ms goal)")


if __name__ == "__main__":
    main()
