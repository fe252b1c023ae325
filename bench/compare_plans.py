"""Are two planners' plans the same? Action for action, on a synthetic record.

    python bench/compare_plans.py --save before.jsonl      # with the old code
    python bench/compare_plans.py --against before.jsonl   # with the new code

Plans N synthetic opportunities (default 10,000, bench/synthetic.py) at
several clocks and writes every action, every field, one JSON line each
(times as ISO text with their offsets, so a change of zone shows too).
`--against` reads such a file and stops at the first difference; exit 0 only
when every action of every clock is the same. Speed work on the planner
must leave this silent; a rule change is expected to show here.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import zip_longest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from followup.domain.model import Action
from followup.domain.planner import plan
from followup.domain.settings import Settings
from synthetic import make_record

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
# By `dataclasses.fields`: a compiled Action has no __slots__ to read.
FIELDS = [field.name for field in dataclasses.fields(Action)]
CLOCKS = [NOW - timedelta(days=5), NOW, NOW + timedelta(days=2, hours=7), NOW + timedelta(days=30)]


def _text(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value if value is None or isinstance(value, int | str | bool) else str(value)


def lines(opportunities: int) -> Iterator[str]:
    record = make_record(opportunities, seed=2026, now=NOW)
    for clock in CLOCKS:
        for action in plan(record, Settings(), clock):
            fields = {name: _text(getattr(action, name)) for name in FIELDS}
            yield json.dumps({"clock": clock.isoformat(), **fields}, ensure_ascii=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=10_000)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--against", type=Path)
    options = parser.parse_args()
    if options.save:
        count = 0
        with options.save.open("w", encoding="utf-8") as out:
            for count, line in enumerate(lines(options.opportunities), 1):  # noqa: B007
                out.write(line + "\n")
        print(f"saved {count:,} actions at {len(CLOCKS)} clocks to {options.save}")
        return 0
    with options.against.open(encoding="utf-8") as saved:
        count = 0
        for count, (old, new) in enumerate(
            zip_longest(saved, lines(options.opportunities)), 1
        ):
            if old is None or new is None or old.rstrip("\n") != new:
                print(f"action {count} differs:\n  before: {old}\n  after:  {new}")
                return 1
    print(f"same: {count:,} actions at {len(CLOCKS)} clocks, field for field")
    return 0


if __name__ == "__main__":
    sys.exit(main())
