"""How followup proves who it is to the user's mail servers.

One small class per way of logging in, each able to log in an SMTP and an
IMAP client. A password (or an app password) is the one here; an OAuth2
login for Microsoft 365 and Google Workspace would be another class with the
same two methods (imapclient has `oauth2_login`, smtplib `auth("XOAUTH2",
...)`), chosen where the account is loaded, with nothing else to change.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from typing import Any, Protocol


class Login(Protocol):
    def smtp(self, client: smtplib.SMTP) -> None: ...

    def imap(self, client: Any) -> None: ...


@dataclass(frozen=True, slots=True)
class PasswordLogin:
    user: str
    password: str = field(repr=False)  # never in a repr, a log line or a traceback's locals

    def smtp(self, client: smtplib.SMTP) -> None:
        client.login(self.user, self.password)

    def imap(self, client: Any) -> None:
        client.login(self.user, self.password)

    def __str__(self) -> str:
        return f"password login for {self.user}"
