"""Moving the whole record in and out: `import`, `export`, `demo`."""

from __future__ import annotations

import sys

import click

from followup.cli.base import common_options, now, open_store, user_errors

FORMATS = click.Choice(["json", "csv"])


@click.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True,
              help="json: an exchange document; csv: a sheet of opportunities and contacts.")
@common_options
def import_(file: str, fmt: str) -> None:
    """Load FILE (- for standard input) into the record: all or nothing.

    An opportunity whose ref is already in the record is updated, never
    duplicated. On any error nothing is written and the message names the
    JSON path (or CSV row) and the problem.
    """
    owner = open_store()
    from followup.services import exchange

    data = _read(file)
    with user_errors():
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

    text = exchange.export_csv(owner) if fmt == "csv" else exchange.export_document(owner)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)


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
               "Try `followup today`.")
