"""Serving from several processes where the system can fork (Linux).

One Python process runs one request's Python at a time (the GIL): ten
people, or a script and a browser, queue behind each other however many
threads waitress has. Where the system forks cheaply and safely (Linux),
`serve` listens first and then forks: the processes share the listening
socket, the kernel hands each connection to one of them, and each runs its
own waitress; `serve --processes N` asks for it (the default is one
process: a single user's browser does not need more, and every process
keeps its own Today lists). Elsewhere (macOS, where forking a process with
system libraries loaded is unsafe, and Windows, which cannot fork) it stays
one process. The processes share nothing but the database: sessions,
sign-in links and tokens live there; each keeps its own Today lists
(web.today_cache), checked against the record's revision.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

PARENT_CHECK_SECONDS = 0.5


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def count(asked: int | None) -> int:
    """The processes to serve from: one unless more were asked for (`--processes`),
    and one wherever the system cannot fork safely."""
    return (asked or 1) if can_fork() else 1


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before any fork so that all share it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def fork_workers(count: int, serve: Callable[[], Any]) -> list[int]:
    """Start `count` more processes, each running `serve()` until stopped; their ids.

    Called before this process starts any thread: a child has only the
    thread that forked it. Each child ends when it is told to (SIGTERM,
    Ctrl-C) or when this process is gone (it never outlives it).
    """
    from django.db import connections

    connections.close_all()  # a child opens its own: a connection is not to be shared
    children = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:  # the child
            _child(serve)
        children.append(pid)
    return children


def _child(serve: Callable[[], Any]) -> None:
    parent = os.getppid()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()
    code = 0
    try:
        serve()
    except KeyboardInterrupt:  # Ctrl-C reaches the whole group; the parent says "stopped"
        pass
    except BaseException:  # anything: a child must never go on to run the parent's code
        code = 1
    finally:
        os._exit(code)


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def stop(children: list[int]) -> None:
    """End the children and wait for them."""
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def stop_on_sigterm() -> None:
    """SIGTERM ends this process as Ctrl-C does, so that it stops its children first."""

    def interrupted(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
