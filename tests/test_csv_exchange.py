"""The spreadsheet of opportunities and contacts: reading, writing, errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain import limits
from followup.domain.model import (
    EMPTY,
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
from followup.transports.csv_exchange import COLUMNS, read_csv, write_csv
from followup.transports.exchange import ExchangeError, parse_document

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = Profile(name="Sam Lee", email=None, phone=None, time_zone="America/New_York")
HEADER = ",".join(COLUMNS)


def sheet(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join((header, *rows)) + "\r\n"


def row(**cells: str) -> str:
    """A data row for HEADER, blank except for the cells named."""
    unknown = set(cells) - set(COLUMNS)
    assert not unknown, unknown
    return ",".join(cells.get(column, "") for column in COLUMNS)


ACME = {"ref": "acme-pm", "company": "Acme", "role": "PM", "time_zone": "America/Chicago"}


def problem(text: str) -> str:
    with pytest.raises(ExchangeError) as caught:
        read_csv(text, PROFILE)
    return str(caught.value)


# --- reading the sample ---------------------------------------------------------------


def test_the_sample_sheet_reads_as_three_opportunities() -> None:
    text = (FIXTURES / "opportunities.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # as Excel saves it
    acme, globex, initech = read_csv(text, PROFILE)

    assert (acme.ref, acme.stage, acme.culture, acme.channel) == (
        "acme-pm",
        Stage.INTERVIEWING,
        Culture.TRADITIONAL,
        PreferredChannel.PHONE,
    )
    jane, zoe = acme.contacts
    assert jane.roles == (Role.HIRING_MANAGER, Role.INTERVIEWER)
    assert jane.phone == "+1 312 555 0199"  # the leading apostrophe is spreadsheet quoting
    assert (zoe.ref, zoe.name, zoe.roles) == (
        "zoe-odegaard-nunez",
        "Zoë Ødegaard-Núñez",
        (Role.INTERVIEWER,),
    )

    assert (globex.ref, globex.country, globex.via) == (
        "globex-gmbh-design-lead-m-w-d",
        "DE",
        Via.RECRUITER,
    )
    assert globex.contacts[0].org is Org.AGENCY

    assert (initech.ref, initech.time_zone, initech.country, initech.stage) == (
        "initech-data-analyst",
        "America/New_York",
        "US",
        Stage.CLOSED_NO_RESPONSE,
    )
    assert initech.contacts == ()


def test_defaults_fill_the_blank_cells() -> None:
    (opportunity,) = read_csv(sheet(row(company="Acme", role="PM")), PROFILE)
    assert opportunity == Opportunity(
        ref="acme-pm",
        company="Acme",
        role="PM",
        time_zone="America/New_York",  # the profile's
        country="US",  # the time zone's
    )


def test_a_blank_country_is_the_country_of_the_time_zone() -> None:
    text = sheet(row(company="Globex", role="PM", time_zone="Europe/Berlin", subdivision="BY"))
    assert read_csv(text, PROFILE)[0].country == "DE"


def test_header_names_are_read_leniently_and_columns_may_be_left_out() -> None:
    text = "Company , ROLE,Contact Name,contact-email\nAcme,PM,Jane Roe,jane@acme.example\n"
    (opportunity,) = read_csv(text, PROFILE)
    assert opportunity.contacts == (
        Contact(ref="jane-roe", name="Jane Roe", email="jane@acme.example"),
    )


def test_rows_of_one_opportunity_merge_and_blank_cells_mean_as_above() -> None:
    text = sheet(
        row(**ACME, stage="applied", contact_name="Jane Roe"),
        row(ref="acme-pm", contact_name="John Doe"),
        row(**ACME, stage="Applied", contact_name="Jo Park"),
    )
    (opportunity,) = read_csv(text, PROFILE)
    assert opportunity.stage is Stage.APPLIED
    assert [contact.ref for contact in opportunity.contacts] == ["jane-roe", "john-doe", "jo-park"]


def test_contacts_with_the_same_name_get_distinct_refs() -> None:
    text = sheet(row(**ACME, contact_name="Alex"), row(**ACME, contact_name="Alex"))
    refs = [contact.ref for contact in read_csv(text, PROFILE)[0].contacts]
    assert refs == ["alex", "alex-2"]


def test_blank_rows_and_blank_trailing_cells_are_ignored() -> None:
    text = sheet(",,,", row(**ACME) + ",,,", "")
    assert [o.ref for o in read_csv(text, PROFILE)] == ["acme-pm"]


def test_a_sheet_with_only_a_header_has_no_opportunities() -> None:
    assert read_csv(sheet(), PROFILE) == []


def test_enumeration_cells_accept_the_way_people_type_them() -> None:
    text = sheet(
        row(
            **ACME,
            stage="Closed - no response",
            contact_name="Jane",
            contact_roles="Hiring Manager ; ",
        )
    )
    (opportunity,) = read_csv(text, PROFILE)
    assert opportunity.stage is Stage.CLOSED_NO_RESPONSE
    assert opportunity.contacts[0].roles == (Role.HIRING_MANAGER,)


# --- writing ----------------------------------------------------------------------------


def test_write_gives_one_row_per_contact_and_one_for_an_opportunity_without_any() -> None:
    record = parse_document((FIXTURES / "exchange_rich.json").read_bytes())
    lines = write_csv(record).split("\r\n")
    assert lines[0] == HEADER
    assert lines[1] == (
        "acme-pm,Acme,Product Manager,interviewing,direct,traditional,phone,America/Chicago,US,IL,"
        "jane,Jane Roe,Director of Product,jane@acme.example,'+1 312 555 0199,"
        "https://www.linkedin.com/in/janeroe,employer,hiring_manager;interviewer"
    )
    assert lines[3] == "acme-pm,Acme,Product Manager,interviewing,direct,traditional,phone," + (
        "America/Chicago,US,IL,pat,Pat O'Brien,,,'+1 312 555 0142,,employer,coordinator"
    )
    assert len(lines) == 1 + 3 + 1 + 1 + 1  # header, acme x3, globex, tokyo, final empty
    empty = Record(
        profile=PROFILE,
        opportunities=(Opportunity(ref="x", company="X", role="Y", time_zone="UTC", country="GB"),),
    )
    assert write_csv(empty).split("\r\n")[1] == "x,X,Y,interviewing,direct,,email,UTC,GB,,,,,,,,,"


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted_and_read_back() -> None:
    contact = Contact(ref="evil", name='=HYPERLINK("http://x.example","hi")', title="'@boss")
    record = Record(
        profile=PROFILE,
        opportunities=(
            Opportunity(
                ref="x",
                company="-Acme",
                role="PM",
                time_zone="UTC",
                country="GB",
                contacts=(contact,),
            ),
        ),
    )
    text = write_csv(record)
    assert '"\'=HYPERLINK(""http://x.example"",""hi"")"' in text
    assert ",'-Acme," in text and ",''@boss," in text
    assert read_csv(text, PROFILE) == list(record.opportunities)


def test_a_csv_round_trip_keeps_what_the_columns_hold() -> None:
    record = parse_document((FIXTURES / "exchange_rich.json").read_bytes())
    expected = [_columns_only(o) for o in record.opportunities]
    assert read_csv(write_csv(record), PROFILE) == expected


def _columns_only(opportunity: Opportunity) -> Opportunity:
    # A bounce mark (mail) is no CSV column either, nor the stage history.
    contacts = tuple(replace(c, email_bounced_at=None) for c in opportunity.contacts)
    return replace(opportunity, contacts=contacts, interviews=(), touches=(), share=(),
                   decisions=(), settings=EMPTY, stage_changes=())


# --- generated round trip -------------------------------------------------------------------

_CELL = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))
CELLS = st.text(_CELL, min_size=1, max_size=10).map(str.strip).filter(
    lambda cell: bool(cell) and limits.header_problem(cell) is None
)
REFS = st.from_regex(r"[a-z0-9ßé_.-]{1,8}", fullmatch=True).filter(lambda r: ".." not in r)
EMAILS = st.from_regex(r"[a-z0-9.+'-]{1,8}@[a-z0-9-]{1,8}\.[a-z]{2,4}", fullmatch=True)
PLACES = st.sampled_from(
    [("America/Chicago", "US", "IL"), ("Europe/Berlin", "DE", None), ("UTC", "GB", "SCT")]
)


def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


@st.composite
def _sheet_opportunity(draw: st.DrawFn, ref: str) -> Opportunity:
    zone, country, subdivision = draw(PLACES)
    refs = draw(st.lists(REFS, unique=True, max_size=3))
    contacts = tuple(
        Contact(
            ref=contact_ref,
            name=draw(CELLS),
            title=draw(_maybe(CELLS)),
            email=draw(_maybe(EMAILS)),
            phone=draw(_maybe(CELLS)),
            linkedin=draw(_maybe(CELLS)),
            org=draw(st.sampled_from(Org)),
            roles=tuple(draw(st.lists(st.sampled_from(Role), unique=True, max_size=3))),
        )
        for contact_ref in refs
    )
    return Opportunity(
        ref=ref,
        company=draw(CELLS),
        role=draw(CELLS),
        time_zone=zone,
        country=country,
        subdivision=subdivision,
        via=draw(st.sampled_from(Via)),
        culture=draw(st.none() | st.sampled_from(Culture)),
        channel=draw(st.sampled_from(PreferredChannel)),
        stage=draw(st.sampled_from(Stage)),
        contacts=contacts,
    )


@st.composite
def sheet_records(draw: st.DrawFn) -> Record:
    refs = draw(st.lists(REFS, unique=True, max_size=3))
    return Record(profile=PROFILE, opportunities=tuple(draw(_sheet_opportunity(r)) for r in refs))


@settings(max_examples=100, deadline=None)
@given(sheet_records())
def test_any_sheet_sized_record_survives_write_and_read(record: Record) -> None:
    text = write_csv(record)
    assert read_csv(text, PROFILE) == list(record.opportunities)


# --- errors -------------------------------------------------------------------------------------


def test_an_empty_file_asks_for_a_header_row() -> None:
    assert problem("") == "row 1: empty file: expected a header row naming the columns"


def test_an_unknown_column_is_named_with_a_suggestion() -> None:
    assert problem("compnay,role\nAcme,PM\n") == (
        "row 1: unknown column 'compnay' (did you mean 'company'?); the columns are: "
        + ", ".join(COLUMNS)
    )


def test_a_column_given_twice_is_refused() -> None:
    assert problem("company,role,Company\n") == "row 1, column company: column given twice"


def test_company_and_role_columns_are_required() -> None:
    assert problem("ref,company\nx,Acme\n") == "row 1: missing column 'role'"


def test_a_value_under_no_column_name_is_refused() -> None:
    assert problem("company,role,\nAcme,PM,oops\n") == (
        "row 2: a value in column 3, which the header row does not name"
    )


def test_opportunity_cells_must_agree_across_its_rows() -> None:
    text = sheet(row(**ACME), row(**ACME), row(**{**ACME, "company": "Acme Inc"}))
    assert problem(text) == "row 4, column company: 'Acme Inc' disagrees with 'Acme' in row 2"


def test_a_time_zone_cell_is_checked() -> None:
    assert problem(sheet(row(company="Acme", role="PM", time_zone="Chicago"))) == (
        "row 2, column time_zone: unknown time zone 'Chicago' "
        "(use an IANA name such as Europe/Paris)"
    )


def test_a_disagreeing_cell_is_reported_where_it_stands() -> None:
    text = sheet(row(**ACME), row(ref="acme-pm", time_zone="Chicago"))
    assert problem(text) == (
        "row 3, column time_zone: 'Chicago' disagrees with 'America/Chicago' in row 2"
    )


def test_a_country_the_time_zone_cannot_tell_must_be_given() -> None:
    assert problem(sheet(row(company="Acme", role="PM", time_zone="UTC"))) == (
        "row 2, column country: missing, and time zone 'UTC' does not tell the country"
    )


def test_country_and_subdivision_cells_are_checked() -> None:
    assert problem(sheet(row(**ACME, country="USA"))) == (
        "row 2, column country: unknown country 'USA' "
        "(use a two-letter ISO 3166 code such as US, GB, DE)"
    )
    assert problem(sheet(row(**ACME, subdivision="Illinois"))).startswith(
        "row 2, column subdivision: unknown subdivision 'Illinois' of US, allowed: AK, "
    )


def test_an_enumeration_cell_lists_the_allowed_values() -> None:
    assert problem(sheet(row(**ACME, via="Referral"))) == (
        "row 2, column via: unknown value 'referral', allowed: direct, recruiter"
    )


def test_an_opportunity_needs_a_company_and_a_role() -> None:
    assert problem(sheet(row(ref="x", role="PM"))) == "row 2, column company: empty company"
    assert problem(sheet(row(contact_name="Jane"))) == (
        "row 2, column ref: missing, and no company or role to make one from"
    )


def test_a_bad_opportunity_ref_is_refused() -> None:
    assert problem(sheet(row(**{**ACME, "ref": "acme/pm"}))) == (
        "row 2, column ref: '/' not allowed in ref 'acme/pm'"
    )


def test_a_contact_needs_a_name() -> None:
    assert problem(sheet(row(**ACME, contact_email="jane@acme.example"))) == (
        "row 2, column contact_name: empty contact_name"
    )


def test_a_contact_email_is_checked() -> None:
    assert problem(sheet(row(**ACME, contact_name="Jane", contact_email="jane at acme"))) == (
        "row 2, column contact_email: not an email address: 'jane at acme'"
    )


def test_a_contact_ref_given_twice_in_one_opportunity_is_refused() -> None:
    text = sheet(
        row(**ACME, contact_ref="jane", contact_name="Jane Roe"),
        row(**ACME, contact_ref="jane", contact_name="Jane Doe"),
    )
    assert problem(text) == "row 3, column contact_ref: duplicate ref 'jane'"


def test_roles_are_checked_one_by_one() -> None:
    assert problem(sheet(row(**ACME, contact_name="Jane", contact_roles="interviewer;boss"))) == (
        "row 2, column contact_roles: unknown value 'boss', "
        "allowed: recruiter, hiring_manager, interviewer, coordinator"
    )
    assert problem(
        sheet(row(**ACME, contact_name="Jane", contact_roles="interviewer;Interviewer"))
    ) == ("row 2, column contact_roles: duplicate role 'interviewer'")


def test_a_line_break_inside_a_quoted_cell_is_refused() -> None:
    text = sheet(row(**ACME, contact_name='"Jane\nBcc: all@example.org"'))
    assert problem(text) == "row 2, column contact_name: line break in contact_name"


def test_rows_are_counted_as_a_spreadsheet_counts_them() -> None:
    # A blank row still has its number; the error is in the fourth row.
    text = sheet(row(**ACME), ",,", row(**ACME, contact_name="Jane", contact_email="x"))
    assert problem(text) == "row 4, column contact_email: not an email address: 'x'"


def test_a_file_the_csv_reader_cannot_read_names_the_row() -> None:
    huge = "x" * 200_000
    assert problem(sheet(row(**ACME), f"Acme,{huge}")) == (
        "row 3: not readable as CSV: field larger than field limit (131072)"
    )


def test_a_nul_character_in_a_cell_is_refused() -> None:
    assert problem(sheet(row(**ACME), "Acme,\x00PM")) == (
        "row 3, column company: control character in company"
    )


# --- documentation -------------------------------------------------------------------------------

DOCS = Path(__file__).parent.parent / "docs"


def test_every_column_is_documented_and_the_documented_example_reads() -> None:
    text = (DOCS / "csv.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column}` |" in text, column
    example = text.split("```csv\n", 1)[1].split("```", 1)[0]
    assert [o.ref for o in read_csv(example, PROFILE)] == ["acme-pm", "globex-design"]
