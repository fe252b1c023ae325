"""Where the record lives: a SQLite file by default, PostgreSQL when asked.

Pure configuration (no Django import), so the command line can work out the
database before it pays for loading Django.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

ENV_VAR = "FOLLOWUP_DB"
POSTGRES_SCHEMES = ("postgresql", "postgres", "pgsql")
# Seconds a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT = 30


def default_db_url() -> str:
    """The SQLite file in the user's data folder (FOLLOWUP_DB overrides it)."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return configured
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("followup", appauthor=False)) / "followup.sqlite3")


def is_postgres(url: str) -> bool:
    return url.split(":", 1)[0].lower() in POSTGRES_SCHEMES


def sqlite_path(url: str) -> Path:
    """The file of a SQLite location given as a path or a `sqlite:///` URL."""
    if url.startswith("sqlite:///"):
        return Path(unquote(url[len("sqlite:///") :]))
    if url.startswith("sqlite://"):
        raise ValueError(f"not a SQLite URL with a path: {url}")
    return Path(url).expanduser()


def database_config(url: str) -> dict[str, Any]:
    """A Django DATABASES entry for a SQLite path or a PostgreSQL URL."""
    if is_postgres(url):
        return _postgres_config(url)
    if "://" in url and not url.startswith("sqlite:"):
        raise ValueError(f"unsupported database URL (use a file path or postgresql://): {url}")
    path = sqlite_path(url)
    if sqlite_read_only(path):
        return _read_only_sqlite(path)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path(url)),
        "OPTIONS": {
            # Writers queue behind each other instead of failing half way:
            # BEGIN IMMEDIATE takes the write lock up front, the timeout waits.
            "transaction_mode": "IMMEDIATE",
            "timeout": BUSY_TIMEOUT,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000};"
                "PRAGMA foreign_keys=ON;"
            ),
        },
    }


def sqlite_read_only(path: Path) -> bool:
    """A record this user may read but not change (the file, or its folder, is not writable)."""
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _read_only_sqlite(path: Path) -> dict[str, Any]:
    # mode=ro: SQLite writes nothing. A WAL database also wants its -shm file,
    # which a read-only folder cannot give; with no -wal file beside it the
    # whole record is in the main file, which nobody can be changing through
    # this folder, so it is opened as immutable (no -shm needed).
    wal = path.with_name(path.name + "-wal")
    immutable = "" if wal.exists() else "&immutable=1"
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": f"file:{quote(str(path.resolve()))}?mode=ro{immutable}",
        "OPTIONS": {
            "timeout": BUSY_TIMEOUT,
            "init_command": f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000};PRAGMA foreign_keys=ON;",
        },
    }


def _postgres_config(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ValueError(f"the database URL names no database: {url}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
        "CONN_MAX_AGE": 0,
    }


def describe(url: str) -> str:
    """The location for messages, without a password."""
    if is_postgres(url):
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"
    return str(sqlite_path(url))
