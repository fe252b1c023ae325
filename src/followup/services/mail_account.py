"""The user's mailbox settings: configure, load, test.

The password is sealed (Fernet) before it reaches the database and unsealed
only to log in; it is never printed, logged or exported (the exchange
document holds no mail settings at all).
"""

from __future__ import annotations

from dataclasses import dataclass

from followup.services.errors import ServiceError
from followup.store import models as db
from followup.transports import mail_secret
from followup.transports.mail_login import Login, PasswordLogin
from followup.transports.mail_urls import MailUrlError, Server, parse


@dataclass(frozen=True, slots=True)
class Account:
    row: db.MailAccount
    smtp: Server
    imap: Server
    login: Login  # SMTP
    imap_login: Login


def configure(
    owner: db.Owner, smtp_url: str, imap_url: str, password: str | None, *,
    keep_password: bool = False,
) -> db.MailAccount:
    """Store both servers and the password (from a URL or given); ServiceError if unusable.

    `keep_password`: no password given keeps the stored one (the web form,
    which never shows it back)."""
    try:
        smtp, smtp_password = parse(smtp_url, "--smtp", "smtp")
        imap, imap_password = parse(imap_url, "--imap", "imap")
    except MailUrlError as error:
        raise ServiceError(str(error)) from None
    given = [p for p in (password, smtp_password, imap_password) if p is not None]
    if len(set(given)) > 1:
        raise ServiceError("two different passwords given; give one, in a URL or on "
                           "standard input")
    stored = db.MailAccount.objects.filter(owner=owner).values_list("secret", flat=True).first()
    if keep_password and not given and stored:
        sealed = stored
    elif not given or not given[0]:
        raise ServiceError("no password: put it in a URL (percent-encoded) or use "
                           "--password-stdin")
    else:
        sealed = mail_secret.seal(given[0])
    row, _ = db.MailAccount.objects.update_or_create(
        owner=owner, defaults={"smtp_url": smtp.url, "imap_url": imap.url, "secret": sealed,
                               "sent_folder": None},
    )
    return row


def load(owner: db.Owner) -> Account:
    row = db.MailAccount.objects.filter(owner=owner).first()
    if row is None:
        raise ServiceError("mail is not set up: run `followup mail configure` first")
    smtp, _ = parse(row.smtp_url, "smtp", "smtp")
    imap, _ = parse(row.imap_url, "imap", "imap")
    try:
        password = mail_secret.unseal(row.secret or "")
    except mail_secret.SecretError as error:
        raise ServiceError(str(error)) from None
    # Where an OAuth2 login is added, it is chosen here, by what the row says.
    return Account(row, smtp, imap, PasswordLogin(smtp.user, password),
                   PasswordLogin(imap.user, password))


def test(owner: db.Owner) -> list[tuple[str, str | None]]:
    """(server URL, None when it works, else what failed), SMTP then IMAP."""
    from followup.transports import imap, smtp

    account = load(owner)
    results: list[tuple[str, str | None]] = []
    try:
        client = smtp.open_client(account.smtp, account.login)
        smtp.quit_quietly(client)
        results.append((account.smtp.url, None))
    except Exception as error:  # every failure is reported, one line each
        results.append((account.smtp.url, _reason(error)))
    try:
        with imap.connect(account.imap, account.imap_login) as box:
            box.sent_folder()
        results.append((account.imap.url, None))
    except Exception as error:  # as above
        results.append((account.imap.url, _reason(error)))
    return results


def _reason(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def url_problems(smtp_url: str, imap_url: str) -> dict[str, str]:
    """Each URL's problem, in `mail configure`'s words ("--smtp: ..."), by option."""
    problems = {}
    for option, kind, url in (("--smtp", "smtp", smtp_url), ("--imap", "imap", imap_url)):
        try:
            parse(url, option, kind)
        except MailUrlError as error:
            problems[option] = str(error)
    return problems


def settings_of(owner: db.Owner) -> dict[str, object] | None:
    """What may be shown of the account: the URLs (no password in them) and times."""
    row = db.MailAccount.objects.filter(owner=owner).first()
    if row is None:
        return None
    return {"smtp_url": row.smtp_url, "imap_url": row.imap_url,
            "has_password": bool(row.secret), "last_sync_at": row.last_sync_at,
            "sent_folder": row.sent_folder, "digest": row.digest,
            "digest_hour": row.digest_hour}


def set_digest(owner: db.Owner, *, on: bool | None = None, hour: int | None = None
               ) -> db.MailAccount:
    """The morning digest on or off, and the hour (0-23, your time zone) it leaves from."""
    row = db.MailAccount.objects.filter(owner=owner).first()
    if row is None:
        raise ServiceError("mail is not set up: run `followup mail configure` first")
    if hour is not None and not 0 <= hour <= 23:
        raise ServiceError(f"--hour: {hour} is not an hour from 0 to 23")
    if on is not None:
        row.digest = on
    if hour is not None:
        row.digest_hour = hour
    row.save(update_fields=["digest", "digest_hour", "updated_at"])
    return row
