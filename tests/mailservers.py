"""Real mail servers on loopback, started by the tests.

- SMTP: aiosmtpd, with a login checked against a password, answering as told:
  `ok` (250), `451` (try later), `550` (refused), `drop` (the connection
  closes after the message was handed over, before any answer), or `kill`
  (the server accepts the message and kills the sending process before it
  can hear the 250: the crash between SMTP acceptance and marking sent).
- IMAP: Debian's dovecot-imapd, its own instance on a free port with a
  generated configuration, a passwd-file user per test and a throw-away
  Maildir. Skipped, with the reason, where dovecot is not installed.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

PASSWORD = "s3cret pass/word"
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Handler:
    mode: str = "ok"
    received: list[bytes] = field(default_factory=list)
    kill_pid: int | None = None
    also_file_in: Any = None  # a callable(bytes): a server that files sent mail itself

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.mode == "451":
            return "451 4.3.0 Try again later"
        if self.mode == "550":
            return "550 5.1.1 Mailbox unknown"
        self.received.append(bytes(envelope.original_content or envelope.content))
        if self.also_file_in is not None:
            self.also_file_in(self.received[-1])
        if self.mode == "drop":
            server.transport.close()
            return "250 OK (never heard)"
        if self.mode == "kill" and self.kill_pid:
            os.kill(self.kill_pid, signal.SIGKILL)
            time.sleep(0.2)
        return "250 2.0.0 OK queued"


@dataclass
class SmtpServer:
    handler: Handler
    port: int
    user: str

    def url(self) -> str:
        return f"smtp://{quote(self.user, safe='')}@127.0.0.1:{self.port}"


def _authenticator(user: str) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        ok = (isinstance(data, LoginPassword) and data.login.decode() == user
              and data.password.decode() == PASSWORD)
        return AuthResult(success=ok, handled=False)

    return check


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    from aiosmtpd.controller import Controller

    handler = Handler()
    user = "sam@example.org"
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port,
                            authenticator=_authenticator(user), auth_require_tls=False)
    controller.start()
    try:
        yield SmtpServer(handler, port, user)
    finally:
        controller.stop()


@dataclass
class ImapServer:
    port: int
    user: str
    root: Path

    def url(self) -> str:
        return f"imap://{quote(self.user, safe='')}@127.0.0.1:{self.port}"

    def client(self) -> Any:
        from imapclient import IMAPClient

        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(self.user, PASSWORD)
        return client

    def append(self, folder: str, raw: bytes) -> None:
        client = self.client()
        try:
            client.append(folder, raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        finally:
            client.logout()


def _config(root: Path, port: int) -> str:
    me = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:  # dovecot refuses root for its own processes and mailboxes
        internal, login = "dovecot", "dovenull"
        mail = pwd.getpwnam("dovecot")
    else:
        internal = login = me
        mail = pwd.getpwuid(os.getuid())
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
shutdown_clients = yes
default_internal_user = {internal}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name}
default_login_user = {login}
first_valid_uid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={mail.pw_uid} gid={mail.pw_gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
service auth {{
  user = $default_internal_user
}}
"""


@dataclass
class Dovecot:
    port: int
    root: Path
    process: subprocess.Popen[bytes]

    def new_user(self) -> ImapServer:
        user = f"u{uuid.uuid4().hex[:10]}@example.org"
        # One passwd-file per user: dovecot re-reads a changed file only when its
        # mtime (in seconds) moves, which two tests in the same second would defeat.
        path = self.root / "users" / user
        path.write_text(f"{user}:{{PLAIN}}{PASSWORD}::::::\n")
        path.chmod(0o644)
        return ImapServer(self.port, user, self.root)


class NoDovecot(RuntimeError):
    """dovecot is missing or would not start (the message says which)."""


@contextlib.contextmanager
def running_dovecot() -> Iterator[Dovecot]:
    """An own dovecot instance on a free loopback port, removed afterwards."""
    if not Path(DOVECOT).exists():
        raise NoDovecot("dovecot is not installed (apt-get install dovecot-imapd; "
                        ".ci/run does)")
    root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    root.chmod(0o755)  # dovecot's own processes run as its users and must get in
    for sub in ("run", "state", "home"):
        (root / sub).mkdir()
    if os.getuid() == 0:
        shutil.chown(root / "home", "dovecot", "dovecot")
    (root / "users").mkdir(mode=0o755)
    port = free_port()
    (root / "dovecot.conf").write_text(_config(root, port))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(port, process, root)
        yield Dovecot(port, root, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:  # it waits for its children; none of them matter
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            said = process.stderr.read().decode() if process.stderr else ""
            raise NoDovecot(f"dovecot did not start: {said} {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise NoDovecot("dovecot did not listen within 10 s")


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    try:
        with running_dovecot() as server:
            yield server
    except NoDovecot as problem:
        if "not installed" in str(problem):
            pytest.skip(str(problem))
        pytest.fail(str(problem))


@pytest.fixture
def imap_server(dovecot: Dovecot) -> ImapServer:
    return dovecot.new_user()
