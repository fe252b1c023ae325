"""The installation's secret key: made once, kept in the data folder, owner-only.

Never the built-in default and never in the repository or a log: sessions,
CSRF tokens and sign-in links are only as safe as this file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE_NAME = "secret_key"


def load_or_create(folder: Path) -> str:
    path = folder / FILE_NAME
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 50:
        _tighten(path)
        return key
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    # O_EXCL: two servers starting at once must not each write their own key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def _tighten(path: Path) -> None:
    """A key file someone made readable by others is put back to owner-only."""
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o600)
