"""`today`'s fast layout prints what the plain, row-by-row layout printed."""

from __future__ import annotations

import random

import click
import pytest
from click.testing import CliRunner

from followup.cli import agenda
from followup.cli.agenda import DIM, RESET, _section, end_of_day
from followup.cli.output import section, styles_shown, table

CELLS = ["", "a", "Zoë · Data", "100% sure", "Mon 30 Nov 04:00 (09:00 London)", "%s %d", "日本"]


def _entry(rng: random.Random) -> tuple[object, ...]:
    due_text, headline, label, why = (rng.choice(CELLS) * rng.randint(1, 3) for _ in range(4))
    return (rng.random(), "key", rng.random() < 0.5, due_text, headline, label,
            f"{rng.randrange(16**6):06x}", why)


def _plain(title: str, colour: str, entries: list[tuple[object, ...]], styled: bool) -> str:
    """The layout `today` used before: `table` and `section`, through click.echo."""
    rows = [[str(cell) for cell in entry[3:7]] for entry in entries]
    lines = []
    for line, entry in zip(table(rows), entries, strict=True):
        lines += [line, f"{DIM}    {entry[7]}{RESET}"]
    result = CliRunner().invoke(click.command()(lambda: section(title, colour, lines)),
                                color=styled)
    return result.output


@pytest.mark.parametrize("chunk", [2000, 1, 7])
@pytest.mark.parametrize("styled", [False, True])
def test_the_section_is_the_plain_layout(styled: bool, chunk: int,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole or written in pieces of `chunk` actions, the same bytes."""
    monkeypatch.setattr(agenda, "CHUNK", chunk)
    rng = random.Random(11)
    for size in (0, 1, 2, 7, 60):
        entries = [_entry(rng) for _ in range(size)]
        assert _section("Late", "red", entries, styled) == _plain("Late", "red", entries, styled)


@pytest.mark.parametrize("styled", [False, True])
def test_styles_are_shown_as_click_would_show_them(styled: bool) -> None:
    @click.command()
    def probe() -> None:
        click.echo(f"shown={styles_shown()}")

    assert CliRunner().invoke(probe, color=styled).output == f"shown={styled}\n"


def test_today_ends_the_day_with_the_calendars_function_without_importing_the_calendar(
) -> None:
    """One `end_of_day` (domain.clock), and reading it costs no business calendar."""
    import subprocess
    import sys

    from followup.domain import calendar

    assert end_of_day is calendar.end_of_day
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, followup.domain.clock; "
         "print('followup.domain.calendar' in sys.modules)"],
        capture_output=True, text=True, check=True).stdout
    assert loaded == "False\n"


@pytest.mark.parametrize("styled", [False, True])
def test_today_written_in_pieces_is_the_sections_in_order(
        styled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """`today` writes its pieces one by one: together, the plain sections in turn."""
    from datetime import UTC, datetime

    from followup.services.listing import Listing

    rng = random.Random(13)
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    dues = sorted(now.timestamp() + rng.random() * 3 * 86400 for _ in range(40))
    entries = [(due, *_entry(rng)[1:]) for due in dues]  # in due order, as listed
    result = Listing(now, None, "Europe/London", True, entries)
    end = end_of_day(now, "Europe/London").timestamp()
    late = [entry for entry in entries if entry[2]]
    soon = [entry for due, entry in zip(dues, entries, strict=True) if not entry[2] and due <= end]
    later = [entry for due, entry in zip(dues, entries, strict=True) if not entry[2] and due > end]
    assert late and soon and later
    expected = "".join([
        _plain("Late", "red", late, styled), _plain("Due today", "yellow", soon, styled),
        _plain("Coming up (next 7 days)", "cyan", later, styled),
    ])
    monkeypatch.setattr(agenda, "styles_shown", lambda: styled)
    for chunk in (1, 7, 500):
        monkeypatch.setattr(agenda, "CHUNK", chunk)
        text = "".join(agenda._today_parts(result, 7))
        assert text.startswith(expected)
        assert text[len(expected):].startswith("Mark one with `followup done ID`")
