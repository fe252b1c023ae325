"""`followup serve`, `login` and `token` for real: a waitress server in another
process, signed in by the link it prints first; security headers, host
pinning, the secret key's permissions and single-use, expiring links."""

from __future__ import annotations

import http.cookiejar
import os
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, run, sqlite_template  # noqa: F401
from webfixtures import people, web_template, web_url  # noqa: F401

SQLITE = pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)


@pytest.fixture
def server(web_url: str, people: Any, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base URL, sign-in link) of `followup serve` on a free port."""
    env = {**os.environ, "FOLLOWUP_DB": web_url, "FOLLOWUP_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "followup.cli", "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("Sign in: http://127.0.0.1:"), process.stderr.read()
    link = first.split()[-1]
    try:
        yield link.split("/signin/")[0], link
    finally:
        process.terminate()
        _, log = process.communicate(timeout=10)
    # Requests were logged (a 403, a 400 at least), but never the link's secret.
    assert link.rsplit("/", 1)[-1] not in log


def browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def status(opener: Any, url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return int(r.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@SQLITE
def test_the_printed_link_signs_in_once(server: tuple[str, str]) -> None:
    base, link = server
    me = browser()
    with me.open(link, timeout=10) as answer:  # follows the redirect to Today
        assert answer.url == base + "/"
        page = answer.read().decode()
        assert "<h1>Today</h1>" in page
        headers = answer.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert status(browser(), link) == 403  # used: a second browser is not signed in
    assert status(browser(), base + "/") == 200  # the sign-in page, after the redirect
    with browser().open(base + "/", timeout=10) as answer:
        assert "/signin/" in answer.url
    assert status(me, base + "/static/web/htmx.min.js") == 200


@SQLITE
def test_a_foreign_host_name_is_refused(server: tuple[str, str]) -> None:
    base, _ = server
    assert status(browser(), base + "/signin/", {"Host": "evil.example"}) == 400


@SQLITE
def test_login_prints_a_fresh_link_for_the_running_server(
    server: tuple[str, str], web_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = server
    monkeypatch.setenv("FOLLOWUP_DATA_DIR", str(tmp_path / "data"))
    result = run(web_url, "login")
    assert result.exit_code == 0
    link = result.output.strip()
    assert link.startswith(base + "/signin/")
    assert status(browser(), link) == 200


@SQLITE
def test_serve_refuses_a_host_that_is_not_loopback(web_url: str) -> None:
    result = run(web_url, "serve", "--host", "0.0.0.0", "--no-open")
    assert result.exit_code == 2
    assert "not a loopback address" in result.output


def test_the_secret_key_is_made_once_owner_only(tmp_path: Path) -> None:
    from followup.web.secret import load_or_create

    key = load_or_create(tmp_path / "d")
    assert len(key) >= 50 and load_or_create(tmp_path / "d") == key
    mode = stat.S_IMODE((tmp_path / "d" / "secret_key").stat().st_mode)
    assert mode == 0o600
    (tmp_path / "d" / "secret_key").chmod(0o644)
    load_or_create(tmp_path / "d")
    assert stat.S_IMODE((tmp_path / "d" / "secret_key").stat().st_mode) == 0o600


@SQLITE
def test_a_sign_in_link_works_once_and_expires(people: Any) -> None:
    from followup.services.access import create_sign_in_link, redeem_sign_in_link

    now = datetime.now(UTC)
    link = create_sign_in_link(people.alice, now=now)
    assert redeem_sign_in_link(link, now=now).pk == people.alice.pk
    assert redeem_sign_in_link(link, now=now) is None
    late = create_sign_in_link(people.alice, now=now)
    assert redeem_sign_in_link(late, now=now + timedelta(minutes=16)) is None
    assert redeem_sign_in_link("made-up", now=now) is None


def test_the_store_reads_the_configuration_module_not_the_web_settings() -> None:
    source = (Path(__file__).parents[1] / "src/followup/store/__init__.py").read_text()
    assert "followup.web" not in source and "from followup.settings import" in source


@SQLITE
def test_token_create_and_revoke(web_url: str) -> None:
    made = run(web_url, "token", "create", "--name", "laptop")
    assert made.exit_code == 0 and made.output.startswith("fu_")
    assert len(made.output.strip().splitlines()) == 1
    assert run(web_url, "token", "create", "--name", "laptop").exit_code == 2
    assert "laptop" in run(web_url, "token", "list").output
    assert run(web_url, "token", "revoke", "laptop").exit_code == 0
    assert run(web_url, "token", "revoke", "laptop").exit_code == 2


@SQLITE
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_several_processes_share_the_port_and_end_with_the_server(
    web_url: str, people: Any, tmp_path: Path
) -> None:
    env = {**os.environ, "FOLLOWUP_DB": web_url, "FOLLOWUP_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "followup.cli", "serve", "--port", "0", "--no-open",
         "--processes", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    link = process.stdout.readline().split()[-1]
    children = []
    try:
        opener = browser()
        assert status(opener, link) == 200
        base = link.split("/signin/")[0]
        assert all(status(opener, base + "/") == 200 for _ in range(12))
        children = [int(p) for p in Path(f"/proc/{process.pid}/task/{process.pid}/children")
                    .read_text().split()]
        assert len(children) == 2
    finally:
        process.terminate()
        process.communicate(timeout=10)
    for pid in children:  # each child ended with it (the parent waited for it)
        assert not Path(f"/proc/{pid}").exists(), Path(f"/proc/{pid}/stat").read_text()
