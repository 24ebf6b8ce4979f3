"""`talkdeck serve` on a warmed server on 127.0.0.1 against the bare python-pptx script. Not a test.

    python benchmarks/bench_serve.py [--repeat 30] [--talk grooming-awareness] [--age 12]
                                     [--region global] [--lang en] [--concurrent 20]

Prints (issue 12):

* download: the median and 95th percentile of ``POST /api/decks`` (the .pptx, over HTTP on
  loopback, one keep-alive connection) against the in-process cost of
  ``benchmarks/bare_pptx.py``'s ``main`` making the same slides (text, notes, pictures) from the
  same template; the two are run alternately so other work on the machine hits both. Goal: the
  median at most 1.2x the bare script's median.
* preview: time to the first slide of ``POST /preview`` (the first ``<li class="card">`` read
  from the socket) and to the whole fragment.
* concurrent: N downloads at once from N threads; every one must be a 200 with a .pptx.

The server is a `talkdeck serve` process started here on a free port and stopped at the end;
every request goes to 127.0.0.1 and every loop is bounded. Side effects: a temporary folder.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
GOAL = 1.2

from bare_pptx import main as bare_main  # noqa: E402
from bench_build import spec_of  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "talkdeck", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):  # at most ~60 s for the library to load
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("talkdeck serve did not start")


def download(conn: http.client.HTTPConnection, body: bytes) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    conn.request("POST", "/api/decks", body, {"content-type": "application/json"})
    reply = conn.getresponse()
    data = reply.read()
    return time.perf_counter() - started, reply.status, data


def first_slide(port: int, form: dict[str, str]) -> tuple[float, float]:
    """Seconds to the first slide card and to the end of the preview fragment."""
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request(
        "POST",
        "/preview",
        urlencode(form).encode(),
        {"content-type": "application/x-www-form-urlencoded"},
    )
    reply = conn.getresponse()
    seen, first = b"", None
    while chunk := reply.read1(4096):
        seen += chunk
        if first is None and b'<li class="card">' in seen:
            first = time.perf_counter() - started
    total = time.perf_counter() - started
    conn.close()
    if reply.status != 200 or first is None:
        raise SystemExit(f"preview failed: {reply.status}")
    return first, total


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="downloads and bare runs (30)")
    parser.add_argument("--talk", default="grooming-awareness")
    parser.add_argument("--age", default="12")
    parser.add_argument("--region", default="global")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--concurrent", type=int, default=20)
    opts = parser.parse_args()
    fields = {
        "talk": opts.talk,
        "age": opts.age,
        "region": opts.region,
        "lang": opts.lang,
        "school": "Hill School",
        "presenter": "Sam Lee",
        "date": "3 March 2027",
    }
    body = json.dumps(fields).encode()
    port = free_port()
    server = start(port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for _ in range(3):  # warm: imports, fonts, the tailored deck, the fitter's answers
                _, status, data = download(conn, body)
                assert status == 200, data[:200]
            deck = work / "served.pptx"
            deck.write_bytes(data)
            (work / "media").mkdir()
            spec = spec_of(deck, REPO / "assets" / "templates" / "talkdeck.pptx", work / "media")
            (work / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
            bare_out = str(work / "bare.pptx")
            bare_main(str(work / "spec.json"), bare_out)  # warm the bare side too
            served: list[float] = []
            bare: list[float] = []
            for _ in range(opts.repeat):
                seconds, status, _ = download(conn, body)
                assert status == 200
                served.append(seconds)
                started = time.perf_counter()
                bare_main(str(work / "spec.json"), bare_out)
                bare.append(time.perf_counter() - started)
            conn.close()
            ratio = statistics.median(served) / statistics.median(bare)
            print(
                f"{opts.talk}, age {opts.age}, {opts.region}, {opts.lang}: "
                f"{len(spec['slides'])} slides; {opts.repeat} runs per side"
            )
            print(
                f"download  {ratio:5.2f}x (goal <= {GOAL}) {'ok' if ratio <= GOAL else 'OVER'}  "
                f"served median {statistics.median(served) * 1000:.0f} ms, "
                f"p95 {p95(served) * 1000:.0f} ms; bare script in-process median "
                f"{statistics.median(bare) * 1000:.0f} ms, p95 {p95(bare) * 1000:.0f} ms"
            )
            previews = [first_slide(port, fields) for _ in range(5)]
            print(
                f"preview   first slide median "
                f"{statistics.median(p[0] for p in previews) * 1000:.0f} ms, whole fragment "
                f"{statistics.median(p[1] for p in previews) * 1000:.0f} ms (5 runs)"
            )
            ok = concurrent(port, body, opts.concurrent)
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.exit(0 if ratio <= GOAL and ok else 1)


def concurrent(port: int, body: bytes, count: int) -> bool:
    def one(_: int) -> tuple[float, int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            return download(conn, body)
        finally:
            conn.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        results: list[Any] = list(pool.map(one, range(count)))
    wall = time.perf_counter() - started
    good = 0
    for _, status, data in results:
        if status == 200:
            with zipfile.ZipFile(io.BytesIO(data)) as deck:
                good += "ppt/presentation.xml" in deck.namelist()
    times = sorted(r[0] for r in results)
    print(
        f"concurrent {good}/{count} ok in {wall:.2f} s wall; per request median "
        f"{statistics.median(times) * 1000:.0f} ms, slowest {times[-1] * 1000:.0f} ms"
    )
    return good == count


if __name__ == "__main__":
    main()
