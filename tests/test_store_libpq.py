"""The small libpq client reads what psycopg reads, or says it cannot."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401

POSTGRES = pytest.mark.parametrize("db_url", [BACKENDS[1]], indirect=True)


def _rows(url: str, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    from followup.store import libpq

    connection = libpq.Connection(url)
    try:
        cursor = connection.cursor()
        cursor.execute(sql, params or [])
        return cursor.fetchall()
    finally:
        connection.close()


def _psycopg_rows(
    url: str, sql: str, params: list[object] | None = None
) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute(sql, params or []).fetchall()


@POSTGRES
def test_values_and_parameters_read_as_psycopg_reads_them(db_url: str) -> None:
    sql = ("SELECT 1::int4, 2::int8, 0.1::float8, 1764590400::float8, %s::float8, "
           "'Zoë · 日本'::text, ''::text, NULL::text, NULL::float8, true, false, %s::bool, "
           "%s::int8, %s::text, "
           "%s::timestamptz = '2026-12-01T11:00:00+00:00'::timestamptz, %s::varchar")
    params: list[object] = [1 / 3, True, -7, "it's 100%", datetime(2026, 12, 1, 11, tzinfo=UTC),
                            None]
    assert _rows(db_url, sql, params) == _psycopg_rows(db_url, sql, params)


@POSTGRES
def test_what_it_cannot_read_is_left_to_psycopg(db_url: str) -> None:
    from followup.store import libpq

    with pytest.raises(libpq.Unavailable):
        _rows(db_url, "SELECT '1 day'::interval")
    with pytest.raises(libpq.Unavailable):
        _rows(db_url, "SELECT 1 WHERE 1 = ANY(%s)", [[1, 2]])
    with pytest.raises(libpq.Unavailable):
        _rows(db_url, "SELECT generate_series(1, %s)", [libpq.MAX_ROWS + 1])
    assert len(_rows(db_url, "SELECT generate_series(1, %s)", [libpq.MAX_ROWS])) == (
        libpq.MAX_ROWS)


@POSTGRES
def test_dates_and_moments_read_as_psycopg_reads_them(db_url: str) -> None:
    """Mail's questions on Today read timestamps and dates: the same values, aware
    moments equal, whatever time zone the server defaults to."""
    import psycopg

    sql = ("SELECT '2026-12-01'::date, '2199-12-31'::date, "
           "'2026-12-01 10:00:00.123456'::timestamp, '2026-12-01 10:00+05:30'::timestamptz, "
           "%s::timestamptz, NULL::timestamptz")
    params: list[object] = ["2026-03-29T01:30:00-05:00"]
    with psycopg.connect(db_url, autocommit=True) as connection:
        connection.execute("ALTER DATABASE " + connection.info.dbname +
                           " SET DateStyle = 'ISO, DMY'")
        connection.execute("ALTER DATABASE " + connection.info.dbname +
                           " SET TimeZone = 'Asia/Kolkata'")
    try:
        lean, full = _rows(db_url, sql, params), _psycopg_rows(db_url, sql, params)
    finally:
        with psycopg.connect(db_url, autocommit=True) as connection:
            connection.execute("ALTER DATABASE " + connection.info.dbname + " RESET ALL")
    assert lean == full
    assert all(value.tzinfo is not None for value in lean[0][3:5])  # type: ignore[union-attr]


@POSTGRES
def test_errors_carry_the_servers_message(db_url: str) -> None:
    from followup.store import libpq

    with pytest.raises(libpq.Error, match="no_such_table"):
        _rows(db_url, "SELECT 1 FROM no_such_table")
    unreachable = "postgresql://postgres@127.0.0.1:1/nothing"
    with pytest.raises(libpq.Error, match="connection"):
        libpq.Connection(unreachable)


@POSTGRES
def test_the_agenda_reads_the_same_through_either_client(owner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Small: through libpq; large (here: more than 3 stored actions): psycopg, asked first."""
    import sys
    from datetime import timedelta
    from pathlib import Path

    from followup.services.exchange import import_record
    from followup.services.listing import agenda_document, fast_listing, listing
    from followup.store import current_url, libpq

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from synthetic import make_record

    written = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
    import_record(owner, make_record(12, seed=5, now=written), now=written)
    url = current_url()
    assert url is not None
    clock = written + timedelta(hours=2)
    queries: list[str] = []
    execute = libpq.Cursor.execute

    def recorded(self: libpq.Cursor, sql: str, params: object = ()) -> None:
        queries.append(sql)
        execute(self, sql, params)  # type: ignore[arg-type]

    joined = libpq.Cursor.execute_joined

    def recorded_joined(self: libpq.Cursor, sql: str, params: object, columns: object) -> None:
        queries.append(sql)
        joined(self, sql, params, columns)  # type: ignore[arg-type]

    monkeypatch.setattr(libpq.Cursor, "execute", recorded)
    monkeypatch.setattr(libpq.Cursor, "execute_joined", recorded_joined)
    expected = listing(owner, clock, None, people=False)
    for people in (False, True):
        assert fast_listing(url, clock, None, people=people) == listing(owner, clock, None,
                                                                        people=people)
    assert any("followup_planned_action a" in sql for sql in queries)  # read through libpq
    queries.clear()
    monkeypatch.setattr(libpq, "MAX_ROWS", 3)
    found = fast_listing(url, clock, None, people=False)
    assert found is not None and agenda_document(found) == agenda_document(expected)
    assert not any("followup_planned_action a" in sql for sql in queries)  # psycopg's


def _joined(url: str, sql: str, params: list[object], columns: list[str]) -> (
        list[tuple[object, ...]]):
    from followup.store import libpq

    connection = libpq.Connection(url)
    try:
        cursor = connection.cursor()
        cursor.execute_joined(sql, params, columns)
        return cursor.fetchall()
    finally:
        connection.close()


@POSTGRES
def test_rows_read_as_joined_columns_are_the_rows_read_value_by_value(db_url: str) -> None:
    """Text with quotes, backslashes and any script; floats to the last bit
    (and NULL); booleans; no rows at all; and the cap."""
    from followup.store import libpq

    sql = ("SELECT n::float8 / 3 AS third, 1764590400.25::float8 + n AS due, n % 2 = 0 AS even, "
           "CASE WHEN n % 3 = 0 THEN NULL ELSE n::float8 / 7 END AS sometimes, "
           "%s || n::text AS why, 'Zoë · 日本 \"q\" \\\\ ' || chr(9) || chr(10) AS cells "
           "FROM generate_series(1, %s) AS n")
    columns = ["third:float", "due:float", "even:bool", "sometimes:float", "why:text",
               "cells:text"]
    for count in (0, 1, 2_500):
        params: list[object] = ["it's 100% ", count]
        joined = _joined(db_url, sql, params, columns)
        assert joined == _rows(db_url, sql, params)
        assert len(joined) == count
    with pytest.raises(libpq.Unavailable):
        _joined(db_url, sql, ["", libpq.MAX_ROWS + 1], columns)


@POSTGRES
def test_a_value_holding_a_separator_is_left_to_psycopg(db_url: str) -> None:
    from followup.store import libpq

    sql = "SELECT %s::text AS t, 1::float8 AS f FROM generate_series(1, 3)"
    for text in ("a" + chr(30) + "b", chr(30), chr(30) + "x" + chr(31) + "y"):
        with pytest.raises(libpq.Unavailable):
            _joined(db_url, sql, [text], ["t:text", "f:float"])
    other = "a" + chr(31) + "b"  # only the record separator separates
    assert _joined(db_url, sql, [other], ["t:text", "f:float"]) == [(other, 1.0)] * 3
