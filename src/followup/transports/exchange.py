"""The exchange document, `"format": "followup/1"` (CONTRACT.md, docs/exchange.md).

The one place other code imports from:

    record = parse_document(text)       # or load_document(json.loads(text))
    text = dumps_document(record)       # or dump_document(record) for a dict

Reading checks everything and raises `ExchangeError` (a ValueError) for the
first problem in document order, as one line: `path: what is wrong`.
Writing never loses anything: `parse_document(dumps_document(r)) == r`.
"""

from __future__ import annotations

from followup.domain.model import Record
from followup.transports.exchange_read import decode_json, load_document
from followup.transports.exchange_values import FORMAT, ExchangeError
from followup.transports.exchange_write import dump_document, dumps_document

__all__ = [
    "FORMAT",
    "ExchangeError",
    "dump_document",
    "dumps_document",
    "load_document",
    "parse_document",
]


def parse_document(text: str | bytes) -> Record:
    """The Record in JSON text (UTF-8 bytes or str; a leading BOM is fine)."""
    return load_document(decode_json(text))
