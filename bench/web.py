"""Speed of the web app as a browser and a script meet it (issue 12).

    python bench/web.py [--opportunities 1000] [--requests 200] [--runs 3]

Serves a record of N synthetic opportunities (bench/synthetic.py, shaped as a
long search: about 5% open) with `followup serve` (waitress) in its own
process, and measures from this process, over keep-alive connections, at 1,
10 and 50 concurrent clients: Today (`/`), one opportunity's page and
`GET /api/v1/agenda`. Prints p50 and p95 per case: the median over --runs.
Goal: Today's p95 at most 50 ms at 10 concurrent clients.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from followup.domain.model import Stage
from followup.transports.exchange import dumps_document
from synthetic import make_record

FOLLOWUP = [sys.executable, "-m", "followup.cli"]
CLIENTS = (1, 10, 50)


def long_search(record, open_share: float = 0.05):  # type: ignore[no-untyped-def]
    keep = max(1, int(len(record.opportunities) * open_share))
    shaped = tuple(o if n < keep else replace(o, stage=Stage.CLOSED_NO_RESPONSE)
                   for n, o in enumerate(record.opportunities))
    return replace(record, opportunities=shaped), shaped[0].ref


def session_cookie(link: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(link, timeout=30).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def latencies(host: str, port: int, path: str, headers: dict[str, str], count: int,
              clients: int) -> list[float]:
    def worker(share: int) -> list[float]:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        out = []
        for _ in range(share):
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            out.append(time.perf_counter() - start)
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
        connection.close()
        return out

    shares = [count // clients + (1 if n < count % clients else 0) for n in range(clients)]
    with ThreadPoolExecutor(clients) as pool:
        return [t for part in pool.map(worker, shares) for t in part]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def serve(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([*FOLLOWUP, "serve", "--port", "0", "--no-open"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if "http://" not in line:
        raise SystemExit(f"serve did not start: {line!r}")
    return process, line.split()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="per case and run")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    record, ref = long_search(make_record(options.opportunities, 42,
                                          datetime.now(UTC).replace(microsecond=0)))
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, FOLLOWUP_DB=str(Path(folder) / "web.sqlite3"),
                   FOLLOWUP_DATA_DIR=str(Path(folder) / "data"),
                   FOLLOWUP_CACHE_DIR=str(Path(folder) / "cache"))
        source = Path(folder) / "record.json"
        source.write_text(dumps_document(record))
        subprocess.run([*FOLLOWUP, "import", str(source)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        token = subprocess.run([*FOLLOWUP, "token", "create", "--name", "bench"], env=env,
                               check=True, capture_output=True, text=True).stdout.strip()
        process, link = serve(env)
        try:
            parts = urlsplit(link)
            assert parts.hostname is not None and parts.port is not None
            cookie = session_cookie(link)
            cases = [("Today", "/", {"Cookie": cookie}),
                     ("an opportunity", f"/o/{ref}", {"Cookie": cookie}),
                     ("GET /api/v1/agenda", "/api/v1/agenda",
                      {"Authorization": f"Bearer {token}"})]
            open_count = sum(o.stage is not Stage.CLOSED_NO_RESPONSE
                             for o in record.opportunities)
            print(f"{options.opportunities} opportunities ({open_count} open), "
                  f"{options.requests} requests per case, median of {options.runs} runs")
            print(f"{'case':22} {'clients':>7} {'p50 ms':>8} {'p95 ms':>8}")
            for label, path, headers in cases:
                for clients in CLIENTS:
                    latencies(parts.hostname, parts.port, path, headers, clients * 2, clients)
                    runs = [latencies(parts.hostname, parts.port, path, headers,
                                      options.requests, clients) for _ in range(options.runs)]
                    p50 = statistics.median(percentile(r, 0.50) for r in runs)
                    p95 = statistics.median(percentile(r, 0.95) for r in runs)
                    print(f"{label:22} {clients:7d} {p50 * 1000:8.1f} {p95 * 1000:8.1f}")
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(json.dumps({"goal": "Today p95 <= 50 ms at 10 clients"}))


if __name__ == "__main__":
    main()
