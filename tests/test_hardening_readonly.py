"""Item 9 of issue 8: a record one may only read is readable; writes refuse with a clear line.

The commands run as separate processes without the power to override file
permissions (as root, through `setpriv`, which drops every capability), so
the file and folder permissions are what they are for any user.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import AS_OF, text

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _as_plain_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be tested")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]


def _followup(url: str, *args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOLLOWUP_CACHE_DIR": str(cache), "XDG_DATA_HOME": str(cache)}
    return subprocess.run(
        [*_as_plain_user(), sys.executable, "-m", "followup.cli", "--db", url, *args],
        capture_output=True, text=True, timeout=300, env=env, check=False,
    )


def _read_only_copy(db_url: str, tmp_path: Path, *, behind: bool = False) -> str:
    from django.db import connections

    run(db_url, "import", "-", input=text())
    connections.close_all()  # the last connection out folds the WAL back into the file
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "record.sqlite3"
    shutil.copy(db_url, path)
    if behind:  # as if written by an older followup
        with sqlite3.connect(path) as connection:
            connection.execute("DELETE FROM django_migrations WHERE app = 'store' AND name = "
                               "(SELECT MAX(name) FROM django_migrations WHERE app = 'store')")
        connection.close()
    path.chmod(0o444)
    folder.chmod(0o555)
    return str(path)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    return folder


def _restore(path: str) -> None:
    Path(path).parent.chmod(0o755)


def test_a_read_only_record_reads_and_refuses_writes(db_url: str, tmp_path: Path,
                                                     cache: Path) -> None:
    if "://" in db_url:
        pytest.skip("file permissions are a SQLite matter (PostgreSQL: the next test)")
    path = _read_only_copy(db_url, tmp_path)
    try:
        for args in (["list"], ["show", "acme-pm"], ["export"], ["agenda", "--as-of", AS_OF],
                     ["today", "--as-of", AS_OF], ["doctor"]):
            result = _followup(path, *args, cache=cache)
            assert result.returncode == 0, (args, result.stderr)
        exported = json.loads(_followup(path, "export", cache=cache).stdout)
        assert exported["opportunities"][0]["ref"] == "acme-pm"
        wrote = _followup(path, "log", "acme-pm", "--kind", "email", cache=cache)
        assert wrote.returncode == 2, wrote.stderr
        [line] = wrote.stderr.strip().splitlines()
        assert "is read-only" in line and "reading works, changes are refused" in line
        assert sorted(p.name for p in Path(path).parent.iterdir()) == ["record.sqlite3"]
    finally:
        _restore(path)


def test_a_read_only_record_that_needs_an_upgrade_says_so(db_url: str, tmp_path: Path,
                                                          cache: Path) -> None:
    if "://" in db_url:
        pytest.skip("file permissions are a SQLite matter")
    path = _read_only_copy(db_url, tmp_path, behind=True)
    try:
        result = _followup(path, "list", cache=cache)
        assert result.returncode == 2, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert "needs an upgrade" in line and "read-only" in line
    finally:
        _restore(path)


def test_a_read_only_postgresql_session_reads_and_refuses_writes(db_url: str,
                                                                cache: Path) -> None:
    if "://" not in db_url:
        pytest.skip("a read-only server session is a PostgreSQL matter")
    run(db_url, "import", "-", input=text())
    url = db_url + "?options=-c%20default_transaction_read_only%3Don"
    for args in (["list"], ["export"], ["agenda", "--as-of", AS_OF]):
        result = _followup(url, *args, cache=cache)
        assert result.returncode == 0, (args, result.stderr)
    wrote = _followup(url, "log", "acme-pm", "--kind", "email", cache=cache)
    assert wrote.returncode == 2, wrote.stderr
    assert "is read-only" in wrote.stderr.strip().splitlines()[0]
