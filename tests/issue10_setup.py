"""A small search entered by hand, as the issue-10 tests start from it."""

from __future__ import annotations

from click.testing import Result

from dbfixtures import run


def ok(url: str, *args: str, input: str | None = None) -> Result:
    result = run(url, *args, input=input)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


def fenwick(url: str) -> None:
    """Sam in New York; Fenwick in London; a panel of two on Monday 30 November."""
    ok(url, "profile", "--name", "Sam Lee", "--email", "sam@example.org", "--phone",
       "+1 555 0100", "--time-zone", "America/New_York")
    ok(url, "add", "opportunity", "fenwick", "--company", "Fenwick", "--role",
       "Product Manager", "--time-zone", "Europe/London", "--country", "GB",
       "--subdivision", "ENG")
    ok(url, "add", "contact", "fenwick", "priya", "--name", "Priya Shah", "--email",
       "priya@fenwick.example", "--role", "hiring_manager", "--role", "interviewer")
    ok(url, "add", "contact", "fenwick", "tom", "--name", "Tom Okafor", "--email",
       "tom@fenwick.example", "--role", "interviewer")
    ok(url, "add", "interview", "fenwick", "r1", "--start", "2026-11-30 09:00", "--end",
       "2026-11-30 11:00", "--tz", "employer", "--interviewer", "priya", "--interviewer",
       "tom", "--decision-expected", "2026-12-11")
