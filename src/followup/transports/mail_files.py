"""Mail from files: `.eml` messages, mbox files (a mail program's or Google
Takeout's export) and Maildir folders, read with the standard `mailbox` module.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from pathlib import Path


class MailFileError(ValueError):
    """A path that is no mail file or folder (the run stops before reading any)."""


def kind_of(path: Path) -> str:
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new")):
            return "maildir"
        raise MailFileError(f"{path}: a folder that is not a Maildir (no cur/ and new/)")
    if not path.is_file():
        raise MailFileError(f"{path}: no such file or folder")
    with path.open("rb") as handle:
        start = handle.read(5)
    if start == b"From ":
        return "mbox"
    return "eml"


def messages(paths: list[Path]) -> Iterator[tuple[str, bytes]]:
    """(where, raw bytes) for every message under `paths`, in the order given."""
    kinds = [(path, kind_of(path)) for path in paths]  # check every path before reading
    for path, kind in kinds:
        if kind == "eml":
            yield str(path), path.read_bytes()
        elif kind == "mbox":
            box = mailbox.mbox(path, create=False)
            for number, key in enumerate(box.iterkeys(), 1):
                yield f"{path}#{number}", box.get_bytes(key)
        else:
            folder = mailbox.Maildir(path, factory=None, create=False)
            for key in sorted(folder.iterkeys()):
                yield f"{path}/{key}", folder.get_bytes(key)
