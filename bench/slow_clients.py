"""50 slow clients held open against `austausch serve` while 20 normal clients read pages (goal: p99 under 1 s).

Half the slow clients trickle their request headers (slowloris), half announce a form body and trickle
it, one byte a second: each holds a connection and, while it sends, a thread. The normal clients read
pages as fast as they can meanwhile.
    .venv/bin/python bench/slow_clients.py [seconds]
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._django import percentile

SLOW_CLIENTS = 50
NORMAL_CLIENTS = 20
PAGES = ["/de/", "/en/about/data/", "/en/knowledge/", "/en/programmes/"]
GOAL_P99 = 1.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def slow_client(port: int, index: int, stop: threading.Event, held: list[int]) -> None:
    try:
        connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    except OSError:
        return
    if index % 2:
        head = b"GET /de/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"  # headers that never end
        trickle = b"X-a: b\r\n"
    else:
        head = (
            b"POST /en/accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
        )
        trickle = b"a"
    try:
        connection.sendall(head)
        held[index] = 1
        while not stop.is_set():
            for byte in trickle:
                connection.sendall(bytes([byte]))
                if stop.wait(1.0):
                    break
    except OSError:
        held[index] = 0  # the server dropped it
    finally:
        connection.close()


def normal_client(port: int, index: int, stop: threading.Event, latencies: list[float], errors: list[str]) -> None:
    count = 0
    while not stop.is_set():
        path = PAGES[(index + count) % len(PAGES)]
        count += 1
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                response.read()
            latencies.append(time.perf_counter() - started)
        except Exception as error:
            errors.append(f"{path}: {error}")


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20
    var = Path(tempfile.mkdtemp(prefix="austausch-bench-"))
    environment = {**os.environ, "AUSTAUSCH_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var}/bench.sqlite3"}
    python = sys.executable
    subprocess.run([python, "-m", "austausch", "migrate", "-v0"], env=environment, check=True)
    port = free_port()
    log = (var / "serve.log").open("w")
    server = subprocess.Popen(
        [python, "-m", "austausch", "serve", "--port", str(port), "--no-task-worker"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/de/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        for path in PAGES:  # warm each page once in each worker's caches
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).read()

        stop_slow, stop_normal = threading.Event(), threading.Event()
        held = [0] * SLOW_CLIENTS
        slow = [
            threading.Thread(target=slow_client, args=(port, index, stop_slow, held)) for index in range(SLOW_CLIENTS)
        ]
        for thread in slow:
            thread.start()
        time.sleep(3)  # every slow client has its connection and is trickling
        latencies: list[float] = []
        errors: list[str] = []
        normal = [
            threading.Thread(target=normal_client, args=(port, index, stop_normal, latencies, errors))
            for index in range(NORMAL_CLIENTS)
        ]
        for thread in normal:
            thread.start()
        time.sleep(seconds)
        still_held = sum(held)
        stop_normal.set()
        for thread in normal:
            thread.join()
        stop_slow.set()
        for thread in slow:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(
        f"slow clients: {SLOW_CLIENTS} ({still_held} still held open at the end); normal clients: {NORMAL_CLIENTS} "
        f"for {seconds:.0f} s: {len(latencies)} pages, {len(errors)} errors, "
        f"{len(latencies) / seconds:.0f} pages/s, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms (goal p99 under {GOAL_P99 * 1000:.0f} ms)"
    )
    for error in errors[:5]:
        print("  error:", error)
    return 0 if p99 < GOAL_P99 and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
