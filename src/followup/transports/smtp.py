"""Sending one message over SMTP (smtplib), with errors that say whether to retry.

- `Transient`: a 4xx answer or a connection that failed before the message
  went through: sending again later is safe.
- `Permanent`: a 5xx answer: sending again gives the same answer; the
  server's reason is kept for the user.
- `Uncertain`: the connection broke after the whole message was handed
  over and before the server answered: it may have been accepted. Never
  resend such a message blindly (the outbox asks the Sent folder, then the
  user).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from followup.transports.mail_login import Login
from followup.transports.mail_urls import Server

TIMEOUT = 30.0


class MailError(Exception):
    retry = False


class Transient(MailError):
    retry = True


class Permanent(MailError):
    pass


class Uncertain(MailError):
    pass


class _Tracking:
    """Notes when the message's final dot has been written to the socket."""

    handed_over = False

    def send(self, s: Any) -> None:
        super().send(s)  # type: ignore[misc]
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True


class _SMTP(_Tracking, smtplib.SMTP):
    pass


class _SMTPS(_Tracking, smtplib.SMTP_SSL):
    pass


def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def open_client(server: Server, login: Login, timeout: float = TIMEOUT) -> smtplib.SMTP:
    """A connected, secured and logged-in client (the caller closes it)."""
    client: smtplib.SMTP
    if server.tls:
        client = _SMTPS(server.host, server.port, timeout=timeout, context=tls_context())
    else:
        client = _SMTP(server.host, server.port, timeout=timeout)
    try:
        client.ehlo()
        if not server.tls:
            if client.has_extn("starttls"):
                client.starttls(context=tls_context())
                client.ehlo()
            elif not server.loopback:
                raise Permanent(f"{server.host} offers no STARTTLS; refusing to send your "
                                "password in clear text (use smtps://)")
        if client.has_extn("auth"):
            login.smtp(client)
    except BaseException:
        client.close()
        raise
    return client


def send(server: Server, login: Login, message: EmailMessage, timeout: float = TIMEOUT) -> None:
    """Hand `message` to the server; raises Transient, Permanent or Uncertain."""
    client: smtplib.SMTP | None = None
    try:
        client = open_client(server, login, timeout)
        client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        code, reason = next(iter(error.recipients.values()))
        raise _by_code(code, reason) from None
    except smtplib.SMTPResponseException as error:
        raise _by_code(error.smtp_code, error.smtp_error) from None
    except (smtplib.SMTPException, OSError) as error:  # TimeoutError is an OSError
        if client is not None and getattr(client, "handed_over", False):
            raise Uncertain(f"the connection broke after the message was handed over "
                            f"({error or type(error).__name__})") from None
        raise Transient(f"could not reach {server.host}:{server.port} "
                        f"({error or type(error).__name__})") from None
    finally:
        if client is not None:
            quit_quietly(client)


def _by_code(code: int, reason: bytes | str) -> MailError:
    text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
    said = f"the server said {code} {' '.join(text.split())}"
    return Transient(said) if 400 <= code < 500 else Permanent(said)


def quit_quietly(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()
