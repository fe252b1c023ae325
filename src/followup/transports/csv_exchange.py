"""The spreadsheet many job seekers keep: opportunities and their contacts.

One row per contact, the opportunity's columns repeated on each of its rows
(docs/csv.md). Rows with the same opportunity `ref` are one opportunity.
Cells are checked with the same rules as the JSON exchange document, and
errors name the spreadsheet cell: `row 3, column time_zone: ...`, where row
1 is the header row, as a spreadsheet numbers it.
"""

from __future__ import annotations

import csv
import io
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from anyascii import anyascii

from followup.domain import limits
from followup.domain.limits import shown
from followup.domain.model import (
    Contact,
    Culture,
    Opportunity,
    Org,
    PreferredChannel,
    Profile,
    Record,
    Role,
    Stage,
    Via,
)
from followup.transports.exchange_shapes import did_you_mean
from followup.transports.exchange_values import (
    ExchangeError,
    country,
    email,
    enum,
    line,
    ref,
    required_line,
    subdivision_problem,
    time_zone,
)

E = TypeVar("E", bound=StrEnum)

OPPORTUNITY_COLUMNS = (
    "ref", "company", "role", "stage", "via", "culture", "channel",
    "time_zone", "country", "subdivision",
)  # fmt: skip
CONTACT_COLUMNS = (
    "contact_ref", "contact_name", "contact_title", "contact_email", "contact_phone",
    "contact_linkedin", "contact_org", "contact_roles",
)  # fmt: skip
COLUMNS = OPPORTUNITY_COLUMNS + CONTACT_COLUMNS
REQUIRED_COLUMNS = ("company", "role")
ROLE_SEPARATOR = ";"

# People type "Closed no response" in a spreadsheet; the format says
# closed_no_response. These columns are read leniently (case, spaces, dashes).
_ENUM_COLUMNS = frozenset({"stage", "via", "culture", "channel", "contact_org", "contact_roles"})

# A cell starting with one of these is a formula to a spreadsheet, which
# would run what a stranger wrote in a name or title. Written with a
# leading apostrophe (OWASP's advice), which reading removes again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _at(row: int, column: str | None = None) -> str:
    return f"row {row}" if column is None else f"row {row}, column {column}"


# --- reading ----------------------------------------------------------------


@dataclass
class _Draft:
    """One opportunity as gathered from its rows, before checking."""

    ref: str
    first_row: int
    cells: dict[str, tuple[str, int]] = field(default_factory=dict)  # column -> (value, row)
    contact_rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8, with or without Excel's byte-order mark."""
    if len(data) > limits.MAX_DOCUMENT_BYTES:
        most = limits.MAX_DOCUMENT_BYTES // 2**20
        raise ExchangeError(_at(1), f"file too large: more than {most} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8 text (bad byte at offset {error.start}); save the sheet as CSV UTF-8"
        raise ExchangeError(_at(row), message) from None


def read_csv(text: str, profile: Profile) -> list[Opportunity]:
    """The opportunities of a spreadsheet; missing time zones are the profile's."""
    rows = _rows(text)
    if not rows:
        raise ExchangeError(_at(1), "empty file: expected a header row naming the columns")
    header = _header(rows[0][1])
    drafts: dict[str, _Draft] = {}
    for number, cells in rows[1:]:
        values = _row_values(number, cells, header)
        if any(values.values()):
            _gather(drafts, number, values)
    return [_opportunity(draft, profile) for draft in drafts.values()]


def _rows(text: str) -> list[tuple[int, list[str]]]:
    # Spreadsheets (Excel above all) start UTF-8 files with a byte-order mark.
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            rows.append((len(rows) + 1, cells))
    except csv.Error as error:
        raise ExchangeError(_at(len(rows) + 1), f"not readable as CSV: {error}") from None
    return rows


def _column_name(cell: str) -> str:
    return re.sub(r"[\s-]+", "_", cell.strip().casefold())


def _header(cells: list[str]) -> list[str | None]:
    """The column of each position; None for a column left unnamed."""
    header: list[str | None] = []
    for cell in cells:
        name = _column_name(cell)
        if name and name not in COLUMNS:
            message = f"unknown column {shown(cell.strip())}{did_you_mean(name, COLUMNS)}"
            raise ExchangeError(_at(1), f"{message}; the columns are: {', '.join(COLUMNS)}")
        if name and name in header:
            raise ExchangeError(_at(1, name), "column given twice")
        header.append(name or None)
    for name in REQUIRED_COLUMNS:
        if name not in header:
            raise ExchangeError(_at(1), f"missing column {shown(name)}")
    return header


def _row_values(number: int, cells: list[str], header: list[str | None]) -> dict[str, str]:
    values = dict.fromkeys(COLUMNS, "")
    for position, cell in enumerate(cells):
        value = _unescape(cell.strip())
        name = header[position] if position < len(header) else None
        if name is None:
            if value:
                message = f"a value in column {position + 1}, which the header row does not name"
                raise ExchangeError(_at(number), message)
            continue
        values[name] = _enum_spelling(value) if name in _ENUM_COLUMNS else value
    return values


def _enum_spelling(value: str) -> str:
    parts = value.split(ROLE_SEPARATOR)
    words = (re.sub(r"[\s-]+", "_", part.strip().casefold()) for part in parts)
    return ROLE_SEPARATOR.join(word for word in words if word)


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and _looks_like_formula(value) else value


def _looks_like_formula(value: str) -> bool:
    return value.lstrip("'").startswith(_FORMULA_START)


def _gather(drafts: dict[str, _Draft], number: int, values: Mapping[str, str]) -> None:
    key = values["ref"] or _made_ref(number, values)
    draft = drafts.setdefault(key, _Draft(ref=key, first_row=number))
    for column in OPPORTUNITY_COLUMNS:
        value = values[column]
        if not value:
            continue  # a blank cell in a later row means "as above"
        earlier = draft.cells.setdefault(column, (value, number))
        if earlier[0] != value:
            message = f"{shown(value)} disagrees with {shown(earlier[0])} in row {earlier[1]}"
            raise ExchangeError(_at(number, column), message)
    if any(values[column] for column in CONTACT_COLUMNS):
        draft.contact_rows.append((number, {column: values[column] for column in CONTACT_COLUMNS}))


def _made_ref(number: int, values: Mapping[str, str]) -> str:
    # Without a ref the same company and role always make the same one, so
    # importing the sheet again updates rather than duplicates.
    made = slug(f"{values['company']} {values['role']}")
    if not made:
        raise ExchangeError(_at(number, "ref"), "missing, and no company or role to make one from")
    return made


def slug(text: str) -> str:
    """A ref from a name, in plain ASCII: 'Zoë D'Arcy' -> 'zoe-d-arcy'."""
    return "-".join(re.findall(r"[a-z0-9]+", anyascii(text).casefold()))


# --- reading: one opportunity -----------------------------------------------------


def _opportunity(draft: _Draft, profile: Profile) -> Opportunity:
    def cell(column: str) -> tuple[str, str]:
        value, row = draft.cells.get(column, ("", draft.first_row))
        return value, _at(row, column)

    # Blank time zone: the user's own; blank country: the time zone's.
    zone = time_zone(*cell("time_zone")) if cell("time_zone")[0] else profile.time_zone
    nation = _country(*cell("country"), zone)
    return Opportunity(
        ref=ref(*cell("ref")) if "ref" in draft.cells else draft.ref,
        company=required_line(*cell("company")),
        role=required_line(*cell("role")),
        time_zone=zone,
        country=nation,
        subdivision=_subdivision(*cell("subdivision"), nation),
        via=_choice(*cell("via"), Via, Via.DIRECT),
        culture=enum(*cell("culture"), Culture) if cell("culture")[0] else None,
        channel=_choice(*cell("channel"), PreferredChannel, PreferredChannel.EMAIL),
        stage=_choice(*cell("stage"), Stage, Stage.INTERVIEWING),
        contacts=_contacts(draft.contact_rows),
    )


def _choice(value: str, path: str, kind: type[E], default: E) -> E:
    return enum(value, path, kind) if value else default


def _subdivision(value: str, path: str, nation: str) -> str | None:
    if not value:
        return None
    code = line(value, path)
    problem = subdivision_problem(code, nation)
    if problem:
        raise ExchangeError(path, problem)
    return code


def _country(value: str, path: str, zone: str) -> str:
    """The country given, or else the one the time zone is in."""
    if value:
        return country(value, path)
    code = _zone_countries().get(zone)
    if code is None:
        raise ExchangeError(path, f"missing, and time zone {shown(zone)} does not tell the country")
    return country(code, path)


@cache
def _zone_countries() -> Mapping[str, str]:
    """Time zone -> ISO country code, from the tz database's zone.tab."""
    for source in _zone_tab_sources():
        try:
            content = source.read_text(encoding="utf-8")
        except OSError:
            continue
        return _parse_zone_tab(content)
    return {}


def _zone_tab_sources() -> Iterable[Path | resources.abc.Traversable]:
    for directory in zoneinfo.TZPATH:
        yield Path(directory) / "zone.tab"
    try:
        # Where the system has no tz database (Windows), Python uses tzdata.
        yield resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
    except ModuleNotFoundError:
        return


def _parse_zone_tab(content: str) -> Mapping[str, str]:
    zones: dict[str, str] = {}
    for entry in content.splitlines():
        parts = entry.split("\t")
        if entry.startswith("#") or len(parts) < 3:
            continue
        zones.setdefault(parts[2], parts[0])
    return zones


# --- reading: contacts -------------------------------------------------------------


def _contacts(rows: list[tuple[int, dict[str, str]]]) -> tuple[Contact, ...]:
    taken: set[str] = set()
    return tuple(_contact(number, cells, taken) for number, cells in rows)


def _contact(number: int, cells: Mapping[str, str], taken: set[str]) -> Contact:
    def cell(column: str) -> tuple[str, str]:
        return cells[column], _at(number, column)

    name = required_line(*cell("contact_name"))
    return Contact(
        ref=_contact_ref(*cell("contact_ref"), name, taken),
        name=name,
        title=line(*cell("contact_title")) or None,
        email=email(*cell("contact_email")) if cells["contact_email"] else None,
        phone=line(*cell("contact_phone")) or None,
        linkedin=line(*cell("contact_linkedin")) or None,
        org=_choice(*cell("contact_org"), Org, Org.EMPLOYER),
        roles=_roles(*cell("contact_roles")),
    )


def _contact_ref(value: str, path: str, name: str, taken: set[str]) -> str:
    if value:
        chosen = ref(value, path)
        if chosen in taken:
            raise ExchangeError(path, f"duplicate ref {shown(chosen)}")
    else:
        # Two contacts called Alex need two refs: alex, alex-2.
        base = slug(name) or "contact"
        chosen = next(
            candidate
            for candidate in (base, *(f"{base}-{n}" for n in range(2, len(taken) + 3)))
            if candidate not in taken
        )
    taken.add(chosen)
    return chosen


def _roles(value: str, path: str) -> tuple[Role, ...]:
    roles: list[Role] = []
    for part in value.split(ROLE_SEPARATOR) if value else ():
        role = enum(part, path, Role)
        if role in roles:
            raise ExchangeError(path, f"duplicate role {shown(role.value)}")
        roles.append(role)
    return tuple(roles)


# --- writing -------------------------------------------------------------------------


def write_csv(record: Record) -> str:
    """The opportunities and contacts of `record` as a sheet read_csv reads back.

    Only what the columns hold is written: interviews, touches and the rest
    of the record travel in the JSON exchange document.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for opportunity in record.opportunities:
        head = _opportunity_cells(opportunity)
        # An opportunity without contacts still gets its row.
        for contact in opportunity.contacts or (None,):
            writer.writerow([_escape(value) for value in (*head, *_contact_cells(contact))])
    return out.getvalue()


def _opportunity_cells(opportunity: Opportunity) -> tuple[str | None, ...]:
    return (
        opportunity.ref,
        opportunity.company,
        opportunity.role,
        opportunity.stage.value,
        opportunity.via.value,
        opportunity.culture.value if opportunity.culture else None,
        opportunity.channel.value,
        opportunity.time_zone,
        opportunity.country,
        opportunity.subdivision,
    )


def _contact_cells(contact: Contact | None) -> tuple[str | None, ...]:
    if contact is None:
        return (None,) * len(CONTACT_COLUMNS)
    return (
        contact.ref,
        contact.name,
        contact.title,
        contact.email,
        contact.phone,
        contact.linkedin,
        contact.org.value,
        ROLE_SEPARATOR.join(role.value for role in contact.roles),
    )


def _escape(value: str | None) -> str:
    if not value:
        return ""
    return f"'{value}" if _looks_like_formula(value) else value
