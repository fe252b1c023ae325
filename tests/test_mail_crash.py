"""Crash tests: the sender is killed after the SMTP server accepted the message
and before it could mark it sent. Restarted, followup never sends it twice:
the row is `uncertain`, the Sent folder or the user settles it.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dbfixtures import run
from mailrecord import BASE, _mail_key  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401

KEY = "acme-pm/thank_you/r1/omar"


def _record_of_today() -> dict:
    """BASE with its interview two hours ago, so Omar's thank-you is open now."""
    doc = copy.deepcopy(BASE)
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    [interview] = doc["opportunities"][0]["interviews"]
    interview.update(start=(end - timedelta(hours=1)).isoformat(), end=end.isoformat(),
                     decision_expected=None)
    interview["notes"]["moments"]["omar"] = "the hardware roadmap"
    interview["notes"]["skills"] = "I ran the pricing migration at my last job"
    for touch in doc["opportunities"][0]["touches"]:
        touch["at"] = (end + timedelta(minutes=5)).isoformat()
    return doc


@pytest.fixture
def crash_db(tmp_path: Path, smtp_server, imap_server) -> str:
    import json

    url = str(tmp_path / "record.sqlite3")
    document = tmp_path / "record.json"
    document.write_text(json.dumps(_record_of_today()))
    assert run(url, "import", str(document)).exit_code == 0
    configured = run(url, "mail", "configure", "--smtp", smtp_server.url(), "--imap",
                     imap_server.url(), "--password-stdin", input=PASSWORD + "\n")
    assert configured.exit_code == 0, configured.output
    # The real clock runs here: past the digest's hour a worker would also mail the
    # user their morning digest. These tests count the outbox's messages only.
    assert run(url, "mail", "digest", "--off").exit_code == 0
    return url


def _followup(url: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "followup.cli", "--db", url, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))


def _kill_the_sender_after_acceptance(url: str, smtp_server) -> None:
    smtp_server.handler.mode = "kill"
    sender = _followup(url, "send", KEY)
    smtp_server.handler.kill_pid = sender.pid
    _, err = sender.communicate(timeout=60)
    assert sender.returncode == -9, err  # killed: it never heard the 250
    assert len(smtp_server.handler.received) == 1


def _outbox(url: str) -> list[dict]:
    import json

    result = run(url, "outbox", "--format", "json")
    return json.loads(result.stdout)["messages"]


def _touches_with(url: str, message_id: str) -> int:
    import json

    exported = json.loads(run(url, "export").stdout)
    return sum(1 for t in exported["opportunities"][0]["touches"]
               if t["message_id"] == message_id)


def test_killed_after_acceptance_the_row_is_uncertain_and_never_resent(crash_db, smtp_server):
    _kill_the_sender_after_acceptance(crash_db, smtp_server)
    [row] = _outbox(crash_db)
    assert row["state"] == "sending"
    smtp_server.handler.mode = "ok"
    restarted = _followup(crash_db, "worker", "--once")
    _out, err = restarted.communicate(timeout=60)
    assert restarted.returncode == 0, err
    [row] = _outbox(crash_db)
    assert row["state"] == "uncertain" and "may have gone out" in row["reason"]
    assert len(smtp_server.handler.received) == 1  # not sent again
    assert _touches_with(crash_db, row["message_id"]) == 0
    answered = run(crash_db, "outbox", "resolve", row["message_id"], "--sent")
    assert answered.exit_code == 0 and answered.stdout.startswith("sent ")
    assert _touches_with(crash_db, row["message_id"]) == 1
    assert len(smtp_server.handler.received) == 1


def test_killed_after_acceptance_the_sent_folder_settles_it(crash_db, smtp_server, imap_server):
    smtp_server.handler.also_file_in = lambda raw: imap_server.append("Sent", raw)
    _kill_the_sender_after_acceptance(crash_db, smtp_server)
    smtp_server.handler.mode = "ok"
    restarted = _followup(crash_db, "worker", "--once")
    restarted.communicate(timeout=60)
    [row] = _outbox(crash_db)
    assert row["state"] == "sent" and row["reason"] == "found in your Sent folder"
    assert _touches_with(crash_db, row["message_id"]) == 1
    assert len(smtp_server.handler.received) == 1
