"""`today`'s fast layout prints what the plain, row-by-row layout printed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import click
import pytest
from click.testing import CliRunner

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


@pytest.mark.parametrize("styled", [False, True])
def test_the_section_is_the_plain_layout(styled: bool) -> None:
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


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata",
                                  "Pacific/Chatham", "Australia/Lord_Howe"])
def test_the_end_of_day_is_the_calendars(zone: str) -> None:
    from followup.domain.calendar import end_of_day as calendars

    moment = datetime(2026, 3, 1, tzinfo=UTC)
    for _ in range(400):  # through the spring and autumn clock changes
        moment += timedelta(hours=23, minutes=7)
        assert end_of_day(moment, zone) == calendars(moment, zone)
        assert end_of_day(moment, zone).timestamp() == calendars(moment, zone).timestamp()
