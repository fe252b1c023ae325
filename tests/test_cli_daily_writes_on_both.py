"""Issue 10's writes (notes, rename, short-id done, delete) on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from followup.domain.entry import short_id
from issue10_setup import fenwick, ok

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def test_notes_rename_done_and_delete_keep_the_record_whole(db_url: str) -> None:
    fenwick(db_url)
    ok(db_url, "notes", "fenwick", "r1", "--moment", "tom=the pricing puzzle")
    ok(db_url, "edit", "contact", "fenwick", "tom", "--ref", "tom-o")
    ok(db_url, "edit", "opportunity", "fenwick", "--ref", "fenwick-pm")
    ok(db_url, "done", short_id("fenwick-pm/thank_you/r1/tom-o"), "--at", "2026-11-30 13:00")
    o = json.loads(ok(db_url, "export").stdout)["opportunities"][0]
    assert o["interviews"][0]["notes"]["moments"] == {"tom-o": "the pricing puzzle"}
    assert o["touches"][0]["contact"] == "tom-o"
    ok(db_url, "delete", "contact", "fenwick-pm", "tom-o", "--yes")
    o = json.loads(ok(db_url, "export").stdout)["opportunities"][0]
    assert o["touches"][0]["contact"] is None and o["interviews"][0]["notes"]["moments"] == {}
    ok(db_url, "delete", "opportunity", "fenwick-pm", "--yes")
    assert json.loads(ok(db_url, "export").stdout)["opportunities"] == []
    assert run(db_url, "show", "fenwick-pm").exit_code == 2
