"""Moving the whole record in and out: `import`, `export`, `demo`."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

import click

from followup.cli.base import UserError, common_options, db_url, now, open_store, user_errors

FORMATS = click.Choice(["json", "csv"])


@click.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=FORMATS, default=None,
              help="json: an exchange document; csv: a sheet of opportunities and contacts "
                   "(default: by the file's extension, else by its content).")
@common_options
def import_(file: str, fmt: str | None) -> None:
    """Load FILE (- for standard input) into the record: all or nothing.

    An opportunity whose ref is already in the record is updated, never
    duplicated. On any error nothing is written and the message names the
    JSON path (or CSV row) and the problem. A .csv file is read as a sheet.
    """
    owner = open_store()
    from followup.services import exchange

    data = _read(file)
    fmt = fmt or exchange.guess_format(file, data)
    with user_errors():
        if fmt == "json":
            exchange.refuse_csv_as_json(data)
        if fmt == "csv":
            from followup.transports.csv_exchange import decode_csv

            result = exchange.import_csv(owner, decode_csv(data), now=now())
        else:
            result = exchange.import_document(owner, data, now=now())
    click.echo(f"imported: {result.created} new, {result.updated} updated")


def _read(file: str) -> bytes:
    try:
        if file == "-":
            return sys.stdin.buffer.read()
        with open(file, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise click.UsageError(f"cannot read {file}: {error.strerror}") from None


@click.command()
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@common_options
def export(fmt: str, output: str | None) -> None:
    """Write the whole record to standard output (an exchange document, or CSV)."""
    owner = open_store()
    from followup.services import exchange

    if output:
        _refuse_record_files(Path(output))
    text = exchange.export_csv(owner) if fmt == "csv" else exchange.export_document(owner)
    if output:
        _write_whole(Path(output), text)
    else:
        click.echo(text, nl=False)


RECORD_SIDE_FILES = ("", "-wal", "-shm", "-journal", ".lock")


def _refuse_record_files(target: Path) -> None:
    """Writing the export over the database (or its journal) would destroy the record."""
    from followup.store.config import is_postgres, sqlite_path

    url = db_url()
    if is_postgres(url):
        return
    database = sqlite_path(url)
    for suffix in RECORD_SIDE_FILES:
        kept = database.with_name(database.name + suffix)
        if _same_file(target, kept):
            what = suffix.lstrip("-.") + " file" if suffix else "database file"
            raise UserError(f"-o: {target} is the record's own {what}; choose another file name")


def _same_file(one: Path, other: Path) -> bool:
    try:
        if one.exists() and other.exists():
            return os.path.samefile(one, other)
    except OSError:
        pass
    return one.expanduser().resolve() == other.expanduser().resolve()


def _write_whole(target: Path, text: str) -> None:
    """Write to a temporary file beside `target`, then rename it into place:
    a failure half way leaves the old file as it was, never half a file."""
    folder = target.expanduser().resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise UserError(f"-o: cannot write in {folder}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)  # keep the old file's permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@click.command()
@click.option("--if-empty", is_flag=True, help="Do nothing when the record has opportunities.")
@common_options
def demo(if_empty: bool) -> None:
    """Load a realistic sample record dated around today (refs demo-...)."""
    owner = open_store()
    from followup.services.demo import load_demo
    from followup.services.read import has_record

    if if_empty and has_record(owner):
        return
    with user_errors():
        result = load_demo(owner, now=now())
    click.echo(f"demo record loaded: {result.created + result.updated} opportunities. "
               "Try `followup today`, then `followup why ID` and `followup draft ID` "
               "with an ID it shows.")
