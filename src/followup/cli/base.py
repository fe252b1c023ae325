"""What every command shares: errors and exit codes, --db, the clock, time parsing."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from followup import __version__

if TYPE_CHECKING:
    from followup.store.models import Owner

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """Bad input or usage: one line on standard error, exit code 2."""

    exit_code = 2


class FollowupGroup(click.Group):
    """A group whose failures are one line on standard error (0 / 2 / 1)."""

    debug = False

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        FollowupGroup.debug = os.environ.get("FOLLOWUP_DEBUG", "") not in ("", "0")
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            # `followup`, `followup add`: the help, as --help prints it (issue 10)
            click.echo(error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            if error.ctx is not None and error.message == "Missing command.":
                click.echo(error.ctx.get_help())  # `followup --db X`: help too (issue 10)
                sys.exit(0)
            _fail(2, error.format_message(), _hint(error.ctx))
        except click.ClickException as error:
            _fail(error.exit_code, error.format_message())
        except (click.Abort, KeyboardInterrupt, EOFError):
            _fail(1, "aborted")
        except BrokenPipeError:
            sys.exit(1)
        except Exception as error:  # the one place that turns a bug into one line
            _fault(error)
        sys.exit(result if isinstance(result, int) else 0)


def _fault(error: Exception) -> None:
    """A real fault (a lost connection, a full disk, a bug): exit 1, traceback kept."""
    from followup.store.errors import StoreProblem

    if isinstance(error, StoreProblem):  # the record itself needs care: say what and where
        _fail(error.exit_code, str(error))
    if type(error).__name__ == "StaleBuildError":  # followup.domain refused to import
        _fail(1, str(error))  # (so by name): it says what to run, there is no bug to keep
    damaged = _damaged_row() if _reading_failed(error) else None
    if damaged:
        _fail(1, f"the record holds a date it cannot use: {damaged}; `followup doctor` "
                 "lists such rows and `followup doctor --repair` mends them")
    if FollowupGroup.debug:
        traceback.print_exc()
        _fail(1, f"{type(error).__name__}: {error}")
    kept = _keep_traceback()
    where = f"the details are in {kept}" if kept else "run with --debug for the details"
    _fail(1, f"{type(error).__name__}: {error}", f"(an unexpected fault: {where})")


def _reading_failed(error: Exception) -> bool:
    """A failure that a stored value could explain (not, say, a lost connection)."""
    return isinstance(error, OverflowError | ValueError | TypeError) or (
        "DataError" in type(error).__name__)


def _damaged_row() -> str | None:
    """After a failed command: a stored date out of range that explains it, if any."""
    try:
        from followup import store

        if not store.current_url():
            return None
        from followup.services.doctor import first_damage
        from followup.store.owner import local_owner

        found = first_damage(local_owner().pk)
    except Exception:  # the record may be too broken even for this: say the fault as is
        return None
    return None if found is None else found.describe()


LOG_LIMIT = 1_000_000  # bytes of errors.log before it is rotated to errors.log.1


def log_file() -> Path:
    """errors.log in the user's data folder, beside the default record."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("followup", appauthor=False)) / "errors.log"


def _keep_traceback() -> Path | None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            path.replace(path.with_name(path.name + ".1"))
        with path.open("a", encoding="utf-8") as handle:
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            # Never the arguments: a --db URL may carry a password.
            handle.write(f"--- {stamp} followup {__version__}\n")
            handle.write(traceback.format_exc())
    except OSError:  # a read-only or full disk: the one line must still be said
        return None
    return path


def _hint(ctx: click.Context | None) -> str | None:
    if ctx is None:
        return None
    return f"Try '{ctx.command_path} --help' for help."


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
MAX_ERROR_LINE = 390  # characters after "Error: "


def short_line(message: str) -> str:
    """One line, each quoted value cut to ~60 characters, the whole to MAX_ERROR_LINE."""
    first = " ".join(message.splitlines()) or "failed"
    first = _QUOTED.sub(
        lambda quoted: quoted.group(0) if len(quoted.group(0)) <= 64 else
        quoted.group(0)[:61] + quoted.group(0)[0] + "…", first)
    return first if len(first) <= MAX_ERROR_LINE else first[: MAX_ERROR_LINE - 1] + "…"


def _fail(code: int, message: str, *more: str | None) -> None:
    first = short_line(message)
    click.echo(f"Error: {first}", err=True)
    for line in more:
        if line:
            click.echo(line, err=True)
    sys.exit(code)


def _remember_debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        FollowupGroup.debug = True
    return value


def _remember_db(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.find_root().meta["followup.db"] = value
    return value


def common_options(command: F) -> F:
    """--db and --debug, accepted after any command as well as before it."""
    command = click.option(
        "--debug", is_flag=True, expose_value=False, callback=_remember_debug,
        help="Show the full traceback of an unexpected error.",
    )(command)
    return click.option(
        "--db", metavar="PATH|URL", expose_value=False, callback=_remember_db,
        help="SQLite file or postgresql:// URL (default: FOLLOWUP_DB, else your data folder).",
    )(command)


def db_url() -> str:
    """The database named by --db, else FOLLOWUP_DB, else the user's file."""
    from followup.store.config import default_db_url

    return click.get_current_context().find_root().meta.get("followup.db") or default_db_url()


def open_store() -> Owner:
    """Set up the database named by --db / FOLLOWUP_DB and return the local owner."""
    from followup import store

    url = db_url()
    try:
        store.setup(url)
    except ValueError as error:
        raise UserError(f"--db: {error}") from None
    from followup.store.owner import local_owner

    return local_owner()


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """The services' bad-input errors become exit code 2 with their message."""
    try:
        yield
    except ValueError as error:
        # Imported only on failure: the exchange module is not cheap to load.
        from followup.domain.settings import SettingError
        from followup.services.errors import ServiceError
        from followup.transports.exchange import ExchangeError

        if isinstance(error, ServiceError | ExchangeError | SettingError):
            raise UserError(str(error)) from None
        raise


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class InstantType(click.ParamType):  # type: ignore[type-arg]
    """An ISO 8601 date and time; without an offset it is read in a zone given later."""

    name = "ISO_DATETIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        from followup.domain import limits

        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"not an ISO 8601 date and time: {limits.shown(str(value))}", param, ctx)
        # Checked here as well as by the services: --as-of is never stored,
        # yet the planner does arithmetic on it.
        if moment.tzinfo is None:
            problem = limits.date_problem(moment.date())
        else:
            problem = limits.instant_problem(moment)
        if problem:
            self.fail(problem, param, ctx)
        return moment


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, date):
            return value
        from followup.domain import limits

        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"not a date (YYYY-MM-DD): {limits.shown(str(value))}", param, ctx)
        problem = limits.date_problem(day)
        if problem:
            self.fail(problem, param, ctx)
        return day


INSTANT = InstantType()
DATE = DateType()


def in_zone(moment: datetime | None, time_zone: str) -> datetime | None:
    """An aware datetime: one without an offset is read in `time_zone`."""
    if moment is None or moment.tzinfo is not None:
        return moment
    from followup.domain.calendar import zone

    return moment.replace(tzinfo=zone(time_zone))


def choice_of(kind: Any) -> click.Choice[str]:
    return click.Choice([member.value for member in kind])
