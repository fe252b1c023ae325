"""Item 7 of issue 8: many processes writing one record at once, on PostgreSQL as on SQLite.

SQLite serialises writers by locking the file; PostgreSQL needs each owner's
writes serialised (an advisory lock), or two imports of the same new refs
collide on the unique constraint and the foreign keys.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import document, opportunity_doc

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
PROCESSES = 8


def test_eight_imports_of_overlapping_new_refs_at_once_all_land(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shared = [f"shared-{n}" for n in range(6)]
    files = []
    for writer in range(PROCESSES):
        refs = [*shared, f"own-{writer}"]
        doc = document(opportunities=[opportunity_doc(ref) for ref in refs])
        path = tmp_path / f"doc-{writer}.json"
        path.write_text(json.dumps(doc))
        files.append(path)
    processes = [
        subprocess.Popen([sys.executable, "-m", "followup.cli", "--db", db_url, "import",
                          str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in files
    ]
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert out.startswith("imported: ")
    exported = json.loads(run(db_url, "export").stdout)
    refs = sorted(o["ref"] for o in exported["opportunities"])
    assert refs == sorted([*shared, *(f"own-{n}" for n in range(PROCESSES))])
    for opportunity in exported["opportunities"]:  # each whole, none doubled
        assert [c["ref"] for c in opportunity["contacts"]] == ["jane", "omar"]
        assert len(opportunity["touches"]) == 1
