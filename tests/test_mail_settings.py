"""`followup mail configure` and `mail test`: the password is sealed, never shown."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dbfixtures import db_url, owner, postgres_url, run, sqlite_template  # noqa: F401
from mailrecord import _mail_key, load, record  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401

ENCODED = "s3cret%20pass%2Fword"  # PASSWORD, percent-encoded for a URL


def _with_password(url: str) -> str:
    scheme, rest = url.split("://", 1)
    user, host = rest.rsplit("@", 1)
    return f"{scheme}://{user}:{ENCODED}@{host}"


def test_configure_keeps_the_password_sealed_and_out_of_sight(
        db_url, smtp_server, imap_server, tmp_path: Path):
    result = run(db_url, "mail", "configure", "--smtp", _with_password(smtp_server.url()),
                 "--imap", imap_server.url())
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output and ENCODED not in result.output
    from followup.store import models as db

    row = db.MailAccount.objects.get()
    assert PASSWORD not in row.secret and ENCODED not in row.secret
    assert PASSWORD not in row.smtp_url + row.imap_url
    key = tmp_path / "mail.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert PASSWORD not in run(db_url, "export").stdout
    tested = run(db_url, "mail", "test")
    assert tested.exit_code == 0, tested.output
    assert tested.stdout.count(": ok") == 2 and PASSWORD not in tested.output


def test_mail_test_names_what_failed_and_exits_1(db_url, smtp_server, imap_server):
    result = run(db_url, "mail", "configure", "--smtp", smtp_server.url(), "--imap",
                 imap_server.url(), "--password-stdin", input="not the password\n")
    assert result.exit_code == 0
    tested = run(db_url, "mail", "test")
    assert tested.exit_code == 1
    lines = tested.stdout.splitlines()
    assert lines[0].startswith(smtp_server.url().replace("%40", "%40")) and "FAILED" in lines[0]
    assert "FAILED" in lines[1] and "not the password" not in tested.output


@pytest.mark.parametrize(("smtp", "imap", "message"), [
    ("http://me@host", "imaps://me@host", "Error: --smtp: use smtps:// (TLS) or smtp://"),
    ("smtps://host:465", "imaps://me@host", "Error: --smtp: the URL names no user"),
    ("smtps://me:pw@host", "imaps://me:other@host", "Error: two different passwords given"),
    ("smtps://me@host", "imaps://me@host", "Error: no password"),
])
def test_bad_settings_are_one_line_and_exit_2(db_url, smtp, imap, message):
    result = run(db_url, "mail", "configure", "--smtp", smtp, "--imap", imap)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(message)


def test_cleartext_is_allowed_only_to_loopback() -> None:
    from followup.transports.mail_urls import is_loopback, parse

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("mail.example.org") and not is_loopback("10.0.0.1")
    server, password = parse("smtp://sam%40example.org:p%40ss@mail.example.org", "--smtp",
                             "smtp")
    assert (server.user, password, server.port, server.tls) == (
        "sam@example.org", "p@ss", 587, False)
    assert "p%40ss" not in server.url and "p@ss" not in server.url


def test_a_plain_server_without_starttls_is_refused_off_loopback() -> None:
    """The refusal happens before any password is sent; here the check itself."""
    import smtplib

    from followup.transports import smtp as transport
    from followup.transports.mail_urls import Server

    class NoTls(smtplib.SMTP):
        def __init__(self, *args, **kwargs) -> None:  # no socket: the server's answer only
            super().__init__()
            self.esmtp_features = {"auth": "PLAIN"}

        def ehlo(self, name=""):  # type: ignore[override]
            return 250, b"ok"

        def close(self) -> None:
            pass

    original = transport._SMTP
    transport._SMTP = NoTls  # type: ignore[misc]
    try:
        with pytest.raises(transport.Permanent, match="refusing to send your password"):
            transport.open_client(Server("smtp", "mail.example.org", 587, "sam"), object())  # type: ignore[arg-type]
    finally:
        transport._SMTP = original  # type: ignore[misc]


def test_the_morning_digest_goes_once_a_day(owner, smtp_server, imap_server):
    from email import message_from_bytes, policy

    from followup.services.digest import send_if_due
    from followup.services.mail_account import configure
    from followup.services.mail_account import load as account

    load(owner, record())
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    early = datetime(2026, 12, 8, 11, 0, tzinfo=UTC)  # 06:00 in New York: before 07:00
    assert send_if_due(account(owner), early) is False
    morning = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
    assert send_if_due(account(owner), morning) is True
    assert send_if_due(account(owner), morning.replace(hour=20)) is False
    [raw] = smtp_server.handler.received
    digest = message_from_bytes(raw, policy=policy.default)
    assert digest["To"] == "sam@example.org" and digest["Auto-Submitted"] == "auto-generated"
    assert "acme-pm/follow_up/r1/1" in digest.get_content()


def test_mail_digest_sets_the_hour_and_turns_it_off_and_on(db_url: str) -> None:
    assert run(db_url, "mail", "digest", "--hour", "8").exit_code == 2  # not set up yet
    configured = run(db_url, "mail", "configure",
                     "--smtp", "smtps://sam%40example.org@smtp.example.org",
                     "--imap", "imaps://sam%40example.org@imap.example.org",
                     "--password-stdin", input="pw\n")
    assert configured.exit_code == 0, configured.output
    assert run(db_url, "mail", "digest").output == "morning digest: on, from 07:00 your time\n"
    assert run(db_url, "mail", "digest", "--hour", "8").output == (
        "morning digest: on, from 08:00 your time\n")
    assert run(db_url, "mail", "digest", "--off").output == "morning digest: off\n"
    bad = run(db_url, "mail", "digest", "--hour", "24")
    assert bad.exit_code == 2 and "--hour: 24 is not an hour from 0 to 23" in bad.output
    assert run(db_url, "mail", "digest", "--on").output == (
        "morning digest: on, from 08:00 your time\n")
