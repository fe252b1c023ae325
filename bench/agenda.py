"""Speed of the `followup` command as a user meets it: fresh processes, medians.

    python bench/agenda.py [--opportunities 10000] [--runs 5]
                           [--postgres postgresql://postgres@127.0.0.1:5432/postgres]
                           [--shapes empty,open,history]
                           [--keep FOLDER [--no-import]]

For a record of N synthetic opportunities (bench/synthetic.py) in three
shapes, each in a fresh SQLite file (and, with --postgres, in a fresh
PostgreSQL database made on that server and dropped afterwards):
- empty: nothing imported yet;
- open: the record as generated, 90% of the opportunities still open (a
  coach's or a recruiter's book: ~30,000 open actions at N = 10,000);
- history: all but 5% closed (the shape of a long job search);
it prints the median of --runs fresh `followup agenda --format json` and
`followup today` processes (after one warm-up run), the `followup import`
of each shape, and `followup --version`.

--keep FOLDER leaves the documents and SQLite files in FOLDER; a later run
with --keep FOLDER --no-import measures them again without importing (the
100,000-opportunity import takes minutes): it first runs one untimed
`followup list`, which sets the store up (migrates it, re-plans what the
clock or an upgrade made stale), as any writing command would.

Goals (issue 11): agenda and today at most 300 ms on the open shape (SQLite),
at most 1.2 x the empty record on the history shape; import of 10,000 at
most 25 s; --version at most 150 ms; empty agenda on PostgreSQL under 150 ms.
Run with bytecode caching on (PYTHONDONTWRITEBYTECODE unset), as users run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from followup.domain.model import Record, Stage
from followup.transports.exchange import dumps_document
from synthetic import make_record

FOLLOWUP = [sys.executable, "-m", "followup.cli"]


PART = 10_000  # opportunities per imported document
CPU: list[float] = []  # the CPU seconds of each timed process, in order


def timed(args: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one fresh process (its CPU seconds go to CPU)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*FOLLOWUP, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return took


def median_of(args: list[str], env: dict[str, str], runs: int) -> float:
    timed(args, env)  # warm: the OS file cache, the holiday cache
    walls = [timed(args, env) for _ in range(runs)]
    return statistics.median(walls)


def cpu_median(runs: int) -> float:
    """The median CPU time of the last `runs` processes: less hurt by a busy machine."""
    return statistics.median(CPU[-runs:])


def history(record: Record, active_share: float = 0.05) -> Record:
    keep = max(1, int(len(record.opportunities) * active_share))
    closed = tuple(
        o if n < keep else replace(o, stage=Stage.CLOSED_NO_RESPONSE)
        for n, o in enumerate(record.opportunities)
    )
    return replace(record, opportunities=closed)


@contextlib.contextmanager
def postgres_database(server: str, name: str) -> Iterator[str]:
    """A fresh database on the server of `server` (a URL), dropped afterwards."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(label: str, db: str, sources: list[Path], env: dict[str, str],
            options: argparse.Namespace, base: dict[str, float]) -> None:
    if sources and options.no_import:
        timed(["--db", db, "list"], env)  # untimed: set up, re-plan what went stale
    elif sources:
        seconds = sum(timed(["--db", db, "import", str(source)], env) for source in sources)
        cpu = sum(CPU[-len(sources):])
        print(f"{label:28} import              {seconds:8.1f} s   (CPU {cpu:.1f} s)",
              flush=True)
    else:  # the empty record: make the database (migrate) outside the timing
        timed(["--db", db, "agenda"], env)
    for command in (["agenda", "--format", "json"], ["today"]):
        took = median_of(["--db", db, *command], env, options.runs)
        name = command[0]
        base.setdefault(name, took)
        print(f"{label:28} {name:18} {took * 1000:8.0f} ms  ({took / base[name]:.2f} x empty; "
              f"CPU {cpu_median(options.runs) * 1000:.0f} ms)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: also measure there")
    parser.add_argument("--shapes", default="empty,open,history")
    parser.add_argument("--keep", type=Path, help="keep the documents and SQLite files here")
    parser.add_argument("--no-import", action="store_true",
                        help="measure the SQLite files a --keep run left (no PostgreSQL)")
    options = parser.parse_args()
    if options.no_import and (options.keep is None or options.postgres):
        parser.error("--no-import needs --keep FOLDER, and works on SQLite only")
    n = options.opportunities
    with _folder(options.keep) as folder:
        env = dict(os.environ, FOLLOWUP_CACHE_DIR=str(Path(folder) / "cache"))
        env.pop("FOLLOWUP_DB", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        shapes = options.shapes.split(",")
        sources = _documents(Path(folder), n, shapes, options.no_import)
        version = median_of(["--version"], env, options.runs)
        print(f"{'followup --version':47} {version * 1000:8.0f} ms  "
              f"(CPU {cpu_median(options.runs) * 1000:.0f} ms)")
        titles = {"empty": "empty", "open": f"{n} open (90%)", "history": f"{n} history (5%)"}
        base: dict[str, float] = {}
        for shape in shapes:
            db = str(Path(folder) / f"{shape}.sqlite3")
            if not options.no_import:  # a kept folder's earlier run
                for leftover in Path(folder).glob(f"{shape}.sqlite3*"):
                    leftover.unlink()
            measure(f"SQLite {titles[shape]}", db, sources[shape], env, options, base)
        if options.postgres:
            base = {}
            for shape in shapes:
                name = f"followup_bench_{shape}_{os.getpid()}"  # two engineers may run it at once
                with postgres_database(options.postgres, name) as url:
                    measure(f"PostgreSQL {titles[shape]}", url, sources[shape], env, options,
                            base)


def _documents(folder: Path, n: int, shapes: list[str], kept: bool) -> dict[str, list[Path]]:
    """The exchange documents of each shape (made now unless a kept run made them).

    In parts of at most PART opportunities: an import reads at most 64 MB, and
    10,000 synthetic opportunities take about 52 MB. Refs differ between parts,
    so importing them one after another adds up to the whole record.
    """
    sources: dict[str, list[Path]] = {"empty": []}
    record = None if kept else make_record(n, 42, datetime.now(UTC).replace(microsecond=0))
    parts = range(0, n, PART)
    for shape in [s for s in shapes if s != "empty"]:
        sources[shape] = [folder / f"{shape}-{start // PART}.json" for start in parts]
        if record is None:
            continue
        whole = record if shape == "open" else history(record)
        for path, start in zip(sources[shape], parts, strict=True):
            chosen = whole.opportunities[start : start + PART]
            path.write_text(dumps_document(replace(whole, opportunities=chosen)))
    return sources


@contextlib.contextmanager
def _folder(keep: Path | None) -> Iterator[str]:
    if keep is None:
        with tempfile.TemporaryDirectory() as folder:
            yield folder
        return
    keep.mkdir(parents=True, exist_ok=True)
    yield str(keep)


if __name__ == "__main__":
    main()
