"""Two processes writing at once lose nothing (real processes, real database)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import document, opportunity_doc, text

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
WRITES = 15

WRITER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime, timedelta
    from followup import store
    store.setup(sys.argv[1])
    from followup.domain import model as m
    from followup.services.edit import log_touch
    from followup.store.owner import local_owner
    owner, name = local_owner(), sys.argv[2]
    start = datetime(2026, 11, 21, tzinfo=UTC)
    for n in range(int(sys.argv[3])):
        touch = m.Touch(start + timedelta(minutes=n), m.TouchKind.EMAIL, m.Direction.OUT,
                        "jane", m.Channel.EMAIL, f"{name} {n}")
        log_touch(owner, "acme-pm", touch, now=datetime.now(UTC))
""")


def test_two_processes_logging_touches_at_once_lose_none(db_url: str) -> None:
    run(db_url, "import", "-", input=text())
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, db_url, name, str(WRITES)],
                         stderr=subprocess.PIPE, text=True)
        for name in ("first", "second")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    touches = json.loads(run(db_url, "export").stdout)["opportunities"][0]["touches"]
    summaries = {t["summary"] for t in touches}
    for name in ("first", "second"):
        assert {f"{name} {n}" for n in range(WRITES)} <= summaries
    assert len(touches) == 1 + 2 * WRITES


def test_two_imports_at_once_both_land(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = []
    for ref in ("one", "two"):
        doc = document(opportunities=[opportunity_doc(f"{ref}-{n}") for n in range(20)])
        path = tmp_path / f"{ref}.json"
        path.write_text(json.dumps(doc))
        files.append(path)
    processes = [
        subprocess.Popen([sys.executable, "-m", "followup.cli", "--db", db_url, "import",
                          str(path)], stderr=subprocess.PIPE, text=True)
        for path in files
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    refs = [o["ref"] for o in json.loads(run(db_url, "export").stdout)["opportunities"]]
    assert sorted(refs) == sorted(f"{r}-{n}" for r in ("one", "two") for n in range(20))


def test_two_processes_opening_a_new_sqlite_file_at_once_both_succeed(  # type: ignore[no-untyped-def]
    db_url: str, tmp_path
) -> None:
    if "://" in db_url:
        pytest.skip("a new file is a SQLite matter")
    path = tmp_path / "fresh" / "record.sqlite3"
    processes = [
        subprocess.Popen([sys.executable, "-m", "followup.cli", "--db", str(path), "list"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "Your record is empty" in out
