"""`followup serve` runs the mail worker beside the web app (local mode).

A real `serve` in a second process, with mail set up against aiosmtpd and
dovecot on loopback: a scheduled message that is due leaves while the pages
are served, the server stops cleanly (Ctrl-C or SIGTERM) with the worker,
and `--no-worker` leaves the message where it was.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dbfixtures import db_url, owner, postgres_url, sqlite_template  # noqa: F401
from mailrecord import _mail_key, load, record  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401

KEY = "acme-pm/thank_you/r1/omar"  # R2 times it by the hour: no business-hours wait


@pytest.fixture
def scheduled(owner, smtp_server, imap_server):
    """A thank-you approved for later, whose moment has come."""
    from followup.services.mail_account import configure, set_digest
    from followup.services.outbox import send
    from followup.store import models as db

    load(owner, record(thanked_omar=False))
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    # The real clock runs here: past the digest's hour the worker would also mail
    # the user their morning digest. These tests count the outbox's messages only.
    set_digest(owner, on=False)
    clock = datetime.now(UTC).replace(microsecond=0)
    row = send(owner, KEY, now=clock, at=clock + timedelta(hours=1), force=True)
    assert row.state == "scheduled"
    db.OutboxMessage.objects.filter(pk=row.pk).update(send_at=clock - timedelta(minutes=1))
    return row.message_id


def _serve(url: str, tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "FOLLOWUP_DB": url, "FOLLOWUP_DATA_DIR": str(tmp_path / "data"),
           "FOLLOWUP_WORKER_EVERY": "0.5"}
    process = subprocess.Popen(
        [sys.executable, "-m", "followup.cli", "serve", "--port", "0", "--no-open", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    assert process.stdout.readline().startswith("Sign in: http://127.0.0.1:")
    return process


def _state(message_id: str) -> str:
    from followup.store import models as db

    return str(db.OutboxMessage.objects.get(message_id=message_id).state)


def test_a_due_message_leaves_while_serving_and_ctrl_c_stops_both(
        db_url, scheduled, smtp_server, tmp_path):
    process = _serve(db_url, tmp_path)
    assert process.stdout is not None
    process.stdout.readline()  # "followup is serving ..."
    assert process.stdout.readline() == f"mail worker: sent {scheduled}\n"
    assert _state(scheduled) == "sent" and len(smtp_server.handler.received) == 1
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=20)
    assert process.returncode == 0 and out.endswith("stopped\n")
    assert len(smtp_server.handler.received) == 1  # nothing sent twice


def test_sigterm_stops_the_server_and_the_worker_cleanly(db_url, scheduled, tmp_path):
    process = _serve(db_url, tmp_path)
    deadline = time.monotonic() + 20
    while _state(scheduled) == "scheduled" and time.monotonic() < deadline:
        time.sleep(0.2)
    process.terminate()
    out, _ = process.communicate(timeout=20)
    assert process.returncode == 0 and out.endswith("stopped\n")
    assert _state(scheduled) == "sent"


def test_no_worker_leaves_the_message_for_followup_worker(db_url, scheduled, smtp_server,
                                                          tmp_path):
    process = _serve(db_url, tmp_path, "--no-worker")
    time.sleep(3)  # six passes' worth, had the worker been running
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=20)
    assert "mail worker" not in out and process.returncode == 0
    assert _state(scheduled) == "scheduled" and smtp_server.handler.received == []


def test_a_bad_interval_is_refused_before_anything_is_served(db_url, tmp_path):
    env = {**os.environ, "FOLLOWUP_DB": db_url, "FOLLOWUP_DATA_DIR": str(tmp_path / "data"),
           "FOLLOWUP_WORKER_EVERY": "soon"}
    done = subprocess.run([sys.executable, "-m", "followup.cli", "serve", "--no-open"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert "FOLLOWUP_WORKER_EVERY: 'soon' is not a number of seconds" in done.stderr


def test_a_failing_pass_is_reported_and_the_loop_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from followup.services import worker

    passes: list[int] = []
    stop = threading.Event()

    def one_pass(owner: object, *, now: datetime) -> dict[str, object]:
        passes.append(1)
        if len(passes) == 1:
            raise ConnectionResetError("the database went away")
        stop.set()
        return {"sent": ["<a@example.org>"], "synced": 2}

    monkeypatch.setattr(worker, "run_once", one_pass)
    told: list[dict[str, object]] = []
    worker.run_forever(object(), lambda: datetime.now(UTC), 0.01, stop, told.append)  # type: ignore[arg-type]
    assert told[0] == {"error": "ConnectionResetError: the database went away"}
    assert [worker.news(r) for r in told] == [
        ["error: ConnectionResetError: the database went away"],
        ["sent <a@example.org>", "sync logged 2 message(s)"]]
