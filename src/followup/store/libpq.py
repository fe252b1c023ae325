"""A small read-only PostgreSQL client over the system's libpq, for the agenda's fast path.

`import psycopg` costs about 100 ms of CPU (it loads asyncio, logging, every
type adapter and importlib.metadata up front): two thirds of an empty
`followup agenda` on PostgreSQL. Loading libpq through ctypes costs about
6 ms. This client reads what the stored agenda's queries return (text,
integers, floats, booleans) and nothing else; anything beyond that (a
timestamp column, a large result, no libpq on this system) raises
`Unavailable`, and the caller reads through psycopg instead.

A DB-API-shaped subset: `connect(url).cursor()`, `execute(sql, params)` with
`%s` placeholders, `fetchall()`. Parameters go as text, typed by the server.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

LIBRARIES = ("libpq.so.5", "libpq.5.dylib", "libpq.dylib", "libpq.dll")
# Converting values one ctypes call at a time costs ~1 µs each; psycopg's C
# loader is several times faster, which pays for its import past a few
# thousand rows. Larger results are left to it (the query stops at the cap).
MAX_ROWS = 5_000
CONNECTION_OK, COMMAND_OK, TUPLES_OK = 0, 1, 2
TEXT_OIDS = (25, 1043, 19)  # text, varchar, name
CONVERTERS: dict[int, Callable[[bytes], Any]] = {
    16: lambda raw: raw == b"t",  # bool
    20: int, 21: int, 23: int, 26: int,  # int8, int2, int4, oid
    700: float, 701: float,  # float4, float8 (shortest exact text since PostgreSQL 12)
    **{oid: lambda raw: raw.decode() for oid in (*TEXT_OIDS, 114)},  # and json
    # Dates and moments in ISO text: the connection asks for DateStyle ISO and
    # UTC, so a timestamptz reads as psycopg gives it (aware; UTC here).
    1082: lambda raw: date.fromisoformat(raw.decode()),  # date
    1114: lambda raw: datetime.fromisoformat(raw.decode()),  # timestamp
    1184: lambda raw: datetime.fromisoformat(raw.decode()),  # timestamptz
}


class Unavailable(Exception):
    """This client cannot do it: read through psycopg."""


class Error(Exception):
    """PostgreSQL or libpq refused: its own message."""


def _library() -> ctypes.CDLL:
    for name in LIBRARIES:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        pointer, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        texts = ctypes.POINTER(ctypes.c_char_p)
        for function, restype, argtypes in [
            ("PQconnectdbParams", pointer, [texts, texts, number]),
            ("PQstatus", number, [pointer]), ("PQerrorMessage", text, [pointer]),
            ("PQfinish", None, [pointer]),
            ("PQexecParams", pointer, [pointer, text, number, pointer, texts, pointer,
                                       pointer, number]),
            ("PQresultStatus", number, [pointer]), ("PQresultErrorMessage", text, [pointer]),
            ("PQntuples", number, [pointer]), ("PQnfields", number, [pointer]),
            ("PQftype", ctypes.c_uint, [pointer, number]),
            ("PQgetvalue", text, [pointer, number, number]),
            ("PQgetisnull", number, [pointer, number, number]), ("PQclear", None, [pointer]),
        ]:
            getattr(lib, function).restype = restype
            getattr(lib, function).argtypes = argtypes
        return lib
    raise Unavailable("no libpq on this system")


def _texts(values: Sequence[bytes | None]) -> Any:
    return (ctypes.c_char_p * (len(values) + 1))(*values, None)


def _numbered(sql: str) -> str:
    """`%s` placeholders as PostgreSQL's `$1`, `$2`, ..."""
    pieces = sql.split("%s")
    return "".join(f"{piece}${n}" for n, piece in enumerate(pieces[:-1], 1)) + pieces[-1]


def _parameter(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int | str):
        return str(value).encode()
    if isinstance(value, float):
        return repr(value).encode()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat().encode()
    raise Unavailable(f"a parameter of type {type(value).__name__}")


class Connection:
    def __init__(self, url: str) -> None:
        self.lib = _library()
        keys = _texts([b"dbname", b"client_encoding", b"options"])
        values = _texts([url.encode(), b"UTF8", b"-c DateStyle=ISO -c TimeZone=UTC"])
        self.handle = self.lib.PQconnectdbParams(keys, values, 1)  # 1: dbname may be a URL
        if self.lib.PQstatus(self.handle) != CONNECTION_OK:
            message = (self.lib.PQerrorMessage(self.handle) or b"").decode(errors="replace")
            self.close()
            raise Error(f"connection failed: {message.strip()}")  # worded as psycopg words it

    def cursor(self) -> Cursor:
        return Cursor(self)

    def close(self) -> None:
        if self.handle:
            self.lib.PQfinish(self.handle)
            self.handle = None


class Cursor:
    def __init__(self, connection: Connection) -> None:
        self.lib, self.connection = connection.lib, connection
        self.rows: list[tuple[Any, ...]] = []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run `sql` (`%s` placeholders, no literal `%s` in it); rows capped at MAX_ROWS."""
        numbered = _numbered(sql)
        if numbered.lstrip().upper().startswith("SELECT"):
            numbered = f"SELECT * FROM ({numbered}) capped LIMIT {MAX_ROWS + 1}"
        result = self._run(numbered, params)
        try:
            self.rows = self._rows(result)
        finally:
            self.lib.PQclear(result)

    def execute_aggregated(self, sql: str, params: Sequence[Any], names: Sequence[str]) -> None:
        """Run a SELECT whose columns `names` are all of JSON's types (text,
        finite numbers, booleans), its rows read as one JSON array of arrays.

        Thousands of rows then cost one ctypes call and one `json.loads`
        instead of one call per value (~1 µs each): a long history's `today`
        reads its 2,300 stored lines in ~9 ms instead of ~15.
        """
        import json

        capped = f"SELECT * FROM ({_numbered(sql)}) uncapped LIMIT {MAX_ROWS + 1}"
        result = self._run(
            f"SELECT json_agg(json_build_array({', '.join(names)})) FROM ({capped}) capped",
            params)
        try:
            [(text,)] = self._rows(result)
        finally:
            self.lib.PQclear(result)
        found = [] if text is None else json.loads(text)
        if len(found) > MAX_ROWS:
            raise Unavailable(f"more than {MAX_ROWS} rows")
        self.rows = list(map(tuple, found))

    def _run(self, numbered: str, params: Sequence[Any]) -> Any:
        values = [_parameter(value) for value in params]
        return self.lib.PQexecParams(self.connection.handle, numbered.encode(), len(values),
                                     None, _texts(values), None, None, 0)

    def _rows(self, result: Any) -> list[tuple[Any, ...]]:
        lib = self.lib
        status = lib.PQresultStatus(result)
        if status not in (COMMAND_OK, TUPLES_OK):
            message = (lib.PQresultErrorMessage(result) or b"no result").decode(errors="replace")
            raise Error(message.strip())
        count, width = lib.PQntuples(result), lib.PQnfields(result)
        if count > MAX_ROWS:
            raise Unavailable(f"more than {MAX_ROWS} rows")
        try:
            converters = [CONVERTERS[lib.PQftype(result, column)] for column in range(width)]
        except KeyError:
            raise Unavailable("a column of a type this client does not read") from None
        value, is_null = lib.PQgetvalue, lib.PQgetisnull
        return [
            tuple(
                None if raw == b"" and is_null(result, row, column) else convert(raw)
                for column, convert in enumerate(converters)
                for raw in [value(result, row, column)]
            )
            for row in range(count)
        ]

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def close(self) -> None:
        self.rows = []
