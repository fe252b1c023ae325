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
    **{oid: lambda raw: raw.decode() for oid in TEXT_OIDS},
    # Dates and moments in ISO text: the connection asks for DateStyle ISO and
    # UTC, so a timestamptz reads as psycopg gives it (aware; UTC here).
    1082: lambda raw: date.fromisoformat(raw.decode()),  # date
    1114: lambda raw: datetime.fromisoformat(raw.decode()),  # timestamp
    1184: lambda raw: datetime.fromisoformat(raw.decode()),  # timestamptz
}


def _float_or_none(text: str) -> float | None:
    return None if text == "" else float(text)


# How `execute_joined` reads back each kind of value from its text (None: as it is).
_KINDS: dict[str, Callable[[str], Any] | None] = {
    "text": None,
    "number": float,  # a float never NULL
    "float": _float_or_none,
    "bool": "true".__eq__,
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
        # ISO dates in UTC, and floats in their shortest exact text (the default
        # since PostgreSQL 12, unless a server's configuration says otherwise).
        options = b"-c DateStyle=ISO -c TimeZone=UTC -c extra_float_digits=1"
        values = _texts([url.encode(), b"UTF8", options])
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

    def execute_joined(self, sql: str, params: Sequence[Any], columns: Sequence[str]) -> None:
        """Run a SELECT of many rows, read as one joined text per column.

        `columns` names its columns, each with the kind of its values after a
        colon: `text` (never NULL), `number` (a finite float, never NULL),
        `float` (finite, or NULL) or `bool`. The server joins each column's
        values with record separators and counts the rows; thousands of rows
        then cost a few ctypes calls and one `split` per column instead of one
        call per value (~1 µs each). A value holding a separator cannot pass
        unnoticed: its column splits into more values than there are rows,
        and the read goes to psycopg.
        """
        names = [column.partition(":")[0] for column in columns]
        kinds = [_KINDS[column.partition(":")[2]] for column in columns]
        joined = ", ".join(f"string_agg(COALESCE({name}::text, ''), chr(30))" for name in names)
        capped = f"SELECT * FROM ({_numbered(sql)}) uncapped LIMIT {MAX_ROWS + 1}"
        result = self._run(f"SELECT count(*), {joined} FROM ({capped}) capped", params)
        try:
            [(count, *texts)] = self._rows(result)
        finally:
            self.lib.PQclear(result)
        if count > MAX_ROWS:
            raise Unavailable(f"more than {MAX_ROWS} rows")
        if not count:
            self.rows = []
            return
        values = [text.split("\x1e") for text in texts]
        if any(len(column) != count for column in values):
            raise Unavailable("a value holding a separator")
        # Column by column, with map and zip: no Python step per value.
        self.rows = list(zip(*(column if kind is None else list(map(kind, column))
                               for kind, column in zip(kinds, values, strict=True)), strict=True))

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
