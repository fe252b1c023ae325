"""Speed of `followup sync` on a large mailbox, as a user meets it (fresh processes).

    python bench/sync.py [--messages 10000] [--runs 3]

Starts its own dovecot on loopback (as the tests do), fills an inbox with
N messages of which 1% concern the record (replies, out-of-office answers
and bounces from its contacts; the rest newsletters and personal mail),
then times `followup sync` on a fresh database: the first sync (every
message new), a second, incremental one with nothing new (answered without
starting Django), and one with a single new message (the full path, Django
set up). Every figure is a fresh process, as a user or cron meets it.
Prints medians. Goals (issue 13): first sync under 60 s, incremental under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))
from mailservers import PASSWORD, running_dovecot  # noqa: E402

FOLLOWUP = [sys.executable, "-m", "followup.cli"]
COMPANIES = 20


def record() -> dict[str, object]:
    opportunities = []
    for n in range(COMPANIES):
        domain = f"company{n}.example"
        opportunities.append({
            "ref": f"c{n}", "company": f"Company {n}", "role": "Engineer",
            "time_zone": "America/Chicago", "country": "US", "stage": "interviewing",
            "contacts": [{"ref": "hm", "name": f"Hiring Manager {n}",
                          "email": f"hm@{domain}", "roles": ["hiring_manager"]}],
            "interviews": [{"ref": "r1", "round": 1, "format": "video",
                            "start": "2026-11-20T10:00:00-06:00",
                            "end": "2026-11-20T11:00:00-06:00", "interviewers": ["hm"],
                            "decision_expected": "2026-12-04"}],
        })
    return {"format": "followup/1",
            "profile": {"name": "Sam Lee", "email": "sam@example.org",
                        "time_zone": "America/New_York"},
            "opportunities": opportunities}


def message(n: int, relevant: bool) -> bytes:
    # Yesterday by the machine's clock: a message from the future is not logged.
    sent = datetime.now(UTC).replace(hour=n % 24, minute=n % 60, second=0) - timedelta(days=1)
    date = format_datetime(sent)
    if relevant:
        company = n % COMPANIES
        kind = n % 3
        subject = ["Re: Checking in", "Automatic reply: Checking in", "Re: Checking in"][kind]
        extra = "Auto-Submitted: auto-replied\r\n" if kind == 1 else ""
        body = ("I am out of the office until December 14." if kind == 1
                else "Thanks for checking in; we will decide by December 18.\r\n\r\n"
                     "On Tue, Dec 8, 2026 Sam Lee <sam@example.org> wrote:\r\n> hello")
        sender = f"hm@company{company}.example"
    else:
        sender = f"news{n % 50}@newsletter{n % 7}.example"
        subject, extra = f"Issue {n} of our weekly letter", "List-Id: <weekly.example>\r\n"
        body = "Lorem ipsum dolor sit amet. " * 40
    return (f"From: {sender}\r\nTo: sam@example.org\r\nSubject: {subject}\r\nDate: {date}\r\n"
            f"Message-ID: <bench-{n}@example.net>\r\n{extra}MIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def fill(server: object, total: int) -> None:
    client = server.client()  # type: ignore[attr-defined]
    batch: list[bytes] = []
    for n in range(total):
        batch.append(message(n, n % 100 == 0))
        if len(batch) == 500 or n == total - 1:
            client.multiappend("INBOX", batch)
            batch = []
    client.logout()


def timed(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, object]]:
    start = time.perf_counter()
    done = subprocess.run([*FOLLOWUP, *args], env=env, check=True, capture_output=True)
    took = time.perf_counter() - start
    return took, json.loads(done.stdout) if done.stdout.startswith(b"{") else {}


def one_run(dovecot: object, total: int, folder: Path, env: dict[str, str]
            ) -> tuple[float, list[float], int, list[float], list[float]]:
    imap = dovecot.new_user()  # type: ignore[attr-defined]
    fill(imap, total)
    db = str(folder / f"{imap.user}.sqlite3")
    document = folder / "record.json"
    document.write_text(json.dumps(record()))
    subprocess.run([*FOLLOWUP, "--db", db, "import", str(document)], env=env, check=True,
                   capture_output=True)
    subprocess.run([*FOLLOWUP, "--db", db, "mail", "configure", "--smtp",
                    "smtp://sam%40example.org@127.0.0.1:1", "--imap", imap.url(),
                    "--password-stdin"], input=(PASSWORD + "\n").encode(), env=env,
                   check=True, capture_output=True)
    first, report = timed(["--db", db, "sync", "--format", "json"], env)
    messages = report["messages"]
    assert isinstance(messages, list)
    logged = sum(1 for m in messages if m["logged"])
    again = [timed(["--db", db, "sync", "--format", "json"], env)[0] for _ in range(5)]
    one_new = []
    for n in range(total, total + 3):  # one newsletter more each time: the full path
        imap.append("INBOX", message(n, False))  # type: ignore[attr-defined]
        one_new.append(timed(["--db", db, "sync", "--format", "json"], env)[0])
    return first, again, logged, _in_process(db, env), one_new


def _in_process(db: str, env: dict[str, str]) -> list[float]:
    """The incremental sync's own work, without a fresh process's start-up."""
    os.environ["FOLLOWUP_MAIL_KEY_FILE"] = env["FOLLOWUP_MAIL_KEY_FILE"]
    from followup import store

    store.setup(db)
    from followup.services.mail_sync import sync
    from followup.store.owner import local_owner

    owner = local_owner()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        sync(owner, now=datetime.now(UTC))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running_dovecot() as dovecot:
        env = {**os.environ, "FOLLOWUP_MAIL_KEY_FILE": str(Path(tmp) / "mail.key")}
        firsts, agains, works, news = [], [], [], []
        for _ in range(args.runs):
            first, again, logged, work, one_new = one_run(dovecot, args.messages, Path(tmp), env)
            firsts.append(first)
            agains.extend(again)
            works.extend(work)
            news.extend(one_new)
        first = statistics.median(firsts)
        print(f"mailbox: {args.messages} messages, {args.messages // 100} relevant "
              f"({logged} logged per run)")
        print(f"first sync:       {first:6.2f} s median of {args.runs} "
              f"({args.messages / first:,.0f} messages/s)   goal < 60 s")
        print(f"incremental sync: {statistics.median(agains):6.2f} s median of {len(agains)}"
              f"   goal < 1 s (a fresh `followup sync` process, start-up included)")
        print(f"  of which sync:  {statistics.median(works):6.2f} s median of {len(works)}"
              f" (the full sync inside one process, Django already set up)")
        print(f"one new message:  {statistics.median(news):6.2f} s median of {len(news)}"
              f" (a fresh process on the full path: Django, the parser, the planner)")
        db = str(next(Path(tmp).glob("*.sqlite3")))
        for label, command in (("followup outbox", ["--db", db, "outbox"]),
                               ("followup --version", ["--version"])):
            took = [timed(command, env)[0] for _ in range(5)]
            print(f"  {label + ':':<20}{statistics.median(took):6.2f} s (a fresh process, for"
                  " scale)")


if __name__ == "__main__":
    main()
