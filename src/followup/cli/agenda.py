"""The agenda (for scripts) and `today` (for people)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from itertools import chain, filterfalse
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

import click

from followup.cli.base import INSTANT, common_options, db_url, now, open_store, user_errors
from followup.cli.mail_questions import show_mail_questions
from followup.cli.output import GETTING_STARTED, styles_shown, table
from followup.domain.clock import end_of_day

if TYPE_CHECKING:
    from followup.services.agenda import Agenda
    from followup.services.listing import Entry, Listing

T = TypeVar("T")
DIM, RESET = "\x1b[2m", "\x1b[0m"
# An entry's (due_text, headline, label, short_id, why): what `today` prints of it.
SHOWN = itemgetter(3, 4, 5, 6, 7)
DUE, LATE = itemgetter(0), itemgetter(2)
# Actions laid out and written at a time. A coach's `today` is 17 MB of text:
# made whole, then encoded whole, it took ~50 MB of fresh memory, and the
# page faults alone cost ~25 ms; in pieces the same memory serves them all.
# 500 (~190 kB of text) stays in the processor's cache: 65 ms against 71 for
# 2,000 and 77 for 8,000 (the layout and write of 45,800 actions).
CHUNK = 500


def load_agenda(as_of: datetime | None, until: datetime | None) -> Agenda:
    """The planned actions themselves, for commands that need more than lines."""
    from followup.services.agenda import agenda, fast_agenda

    return _read(lambda url: fast_agenda(url, as_of, until), lambda: agenda(
        open_store(), as_of, until))


def load_listing(as_of: datetime | None, until: datetime | None, *, people: bool) -> Listing:
    """The agenda's lines, from the stored agenda where it holds."""
    from followup.services.listing import fast_listing, listing

    return _read(lambda url: fast_listing(url, as_of, until, people=people), lambda: listing(
        open_store(), as_of, until, people=people))


def _read(fast: Callable[[str], T | None], slow: Callable[[], T]) -> T:
    """Straight from the database when it is ready; else set it up with Django first."""
    from followup.store.config import describe as where

    url = db_url()
    with user_errors():
        try:
            found = fast(url)
        except ValueError as error:
            raise click.UsageError(f"--db: {error}") from None
        except Exception as error:  # the slow path below says it better, or works
            if "could not connect" in str(error) or "connection" in str(error).lower():
                raise click.ClickException(f"cannot open {where(url)}: {error}") from None
            found = None
        if found is not None:
            return found
        from followup.services.listing import collector_running

        with collector_running():  # the commands pause it; Django's set-up may make cycles
            return slow()


@click.command()
@click.option("--as-of", type=INSTANT, help="The moment to plan for (default: now).")
@click.option("--until", type=INSTANT, help="Also list the actions that open before this.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)
@common_options
def agenda(as_of: datetime | None, until: datetime | None, fmt: str) -> None:
    """The planned actions open now (or at --as-of), as JSON for scripts.

    An action is listed when it opens no later than --as-of (or --until, when
    later) and is not done, skipped or superseded. Sorted by due time, then key.
    A time without an offset is read in your profile's time zone. Reads only.

    Example: followup agenda --as-of 2026-11-20T20:00:00+00:00 --format json
    """
    from followup.services.listing import collector_paused

    with collector_paused():  # see `today`
        _print_agenda(as_of, until, fmt)


def _print_agenda(as_of: datetime | None, until: datetime | None, fmt: str) -> None:
    result = load_listing(as_of, until, people=fmt == "text")
    if fmt == "json":
        from followup.services.listing import write_document

        write_document(result)
        return
    rows = [[due_text, short_id, key, label]
            for _, key, _, due_text, _, label, short_id, _ in result.entries]
    lines = table(rows, ["DUE", "ID", "KEY", "ACTION"]) if rows else ["Nothing to do."]
    click.echo("\n".join(lines))  # one write: a coach's agenda has tens of thousands


@click.command()
@click.option("--as-of", type=INSTANT, help="Pretend it is this moment (default: now).")
@click.option("--days", type=click.IntRange(1, 60), default=7, show_default=True,
              help="How far ahead 'coming up' looks.")
@common_options
def today(as_of: datetime | None, days: int) -> None:
    """What is late, due today and coming up this week, with the why.

    Times are on your own clock (see `followup profile`), the employer's
    beside them when it differs. "Due today" is everything due before the
    end of your day. Each action shows its short id: `followup done ID`.
    """
    from followup.services.listing import collector_paused

    # No garbage collection until the lines are out: with a coach's tens of
    # thousands of entries alive, each collection walks them all, to free
    # nothing (they hold no cycles), a tenth of the command. They are freed
    # when `_print_today` returns, before the collector is back.
    with collector_paused():
        _print_today(as_of or now(), days)


def _print_today(moment: datetime, days: int) -> None:
    result = load_listing(moment, moment + timedelta(days=days), people=True)
    show_mail_questions(moment)  # issue 13: prints nothing when mail left nothing to decide
    if result.entries:
        for part in _today_parts(result, days):  # styled if shown: no codes to strip
            click.echo(part, nl=False, color=True)
    elif not result.has_record:
        click.echo(GETTING_STARTED, nl=False)
    else:
        click.echo(f"Nothing to do in the next {days} days. `followup list` shows all.")


def _today_parts(result: Listing, days: int) -> Iterator[str]:
    """Late, due today, coming up, with styles only if a terminal shows them:
    in pieces of at most CHUNK actions, to be written one by one."""
    end_of_today = end_of_day(result.as_of, result.time_zone).timestamp()
    late = list(filter(LATE, result.entries))  # filter: no Python step per entry
    on_time = list(filterfalse(LATE, result.entries))
    cut = bisect_right(on_time, end_of_today, key=DUE)  # the entries are in due order
    styled = styles_shown()
    yield from _section_parts("Late", "red", late, styled)
    yield from _section_parts("Due today", "yellow", on_time[:cut], styled)
    yield from _section_parts(f"Coming up (next {days} days)", "cyan", on_time[cut:], styled)
    yield ("Mark one with `followup done ID`, `skip ID --why ...` or `snooze ID --until ...`; "
           "`followup why ID` explains it.\n")


def _section(title: str, colour: str, entries: list[Entry], styled: bool) -> str:
    """One section's whole text (the layout test compares it)."""
    return "".join(_section_parts(title, colour, entries, styled))


def _section_parts(title: str, colour: str, entries: list[Entry], styled: bool) -> Iterator[str]:
    """A titled block: one line per action, its why on the line below, then a blank line.

    The bytes `output.section` prints for `output.table`'s rows (a test
    compares), made with one `%` format per CHUNK actions: a coach's `today`
    lays out tens of thousands, and the cells are padded as `table` pads them.
    """
    if not entries:
        return
    due, headline, label = (max(map(len, map(itemgetter(i), entries))) for i in (3, 4, 5))
    why = f"  {DIM}    %s{RESET}\n" if styled else "      %s\n"
    line = f"  %-{due}s  %-{headline}s  %-{label}s  %s\n{why}"
    head = click.style(title, fg=colour, bold=True) if styled else title
    yield head + "\n"
    # One `%` per piece, its format the line repeated: no string per action to
    # make and join again (13 ms of a coach's 17 MB), the cells copied a piece
    # at a time. The format is made of widths only; cells are never parsed.
    size = min(CHUNK, len(entries))
    whole = line * size
    for start in range(0, len(entries), size):
        piece = entries[start : start + size]
        layout = whole if len(piece) == size else line * len(piece)
        yield layout % tuple(chain.from_iterable(map(SHOWN, piece)))
    yield "\n"
