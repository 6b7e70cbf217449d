"""Writers and readers against `austausch serve` while `registry import` updates every row (SQLite).

Goal: 0 errors and write p99 under 2 s. The import changes every town and every figure; meanwhile
threads sign in (a session, the login log, the last-login time), add organisations through the API
(signed in, with the CSRF token) and read town pages.
    .venv/bin/python bench/registry_writers.py
"""

from __future__ import annotations

import csv
import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._django import percentile
from tests.registry.datasets import copy_dataset, reseal

PASSWORD = "a long enough passphrase 42"  # noqa: S105  # the bench's own throw-away accounts
LOGIN_THREADS, API_THREADS, READ_THREADS = 2, 4, 4
GOAL_P99 = 2.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def every_row_changed(directory: Path) -> None:
    """The shipped dataset with every population and every figure a little different."""
    for name, column in (("municipalities.csv", "population"), ("indicator_values.csv", "value")):
        path = directory / name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row[column] = str(int(row[column]) + 1) if column == "population" else str(float(row[column]) + 0.001)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    reseal(directory)


class Session:
    """A browser of sorts: cookies, and the CSRF token Django set."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def csrf(self) -> str:
        return next((cookie.value or "" for cookie in self.cookies if cookie.name == "csrftoken"), "")

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> int:
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.read()
            return int(error.code)

    def sign_in(self, email: str) -> int:
        self.request("GET", "/en/accounts/login/")
        form = urllib.parse.urlencode({"username": email, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()})
        return self.request(
            "POST", "/en/accounts/login/", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def main() -> int:
    var = Path(tempfile.mkdtemp(prefix="austausch-bench-"))
    environment = {
        **os.environ,
        "AUSTAUSCH_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var}/bench.sqlite3",
        "AUSTAUSCH_PAGE_CACHE_SECONDS": "0",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    python = sys.executable
    austausch = [python, "-m", "austausch"]
    subprocess.run([*austausch, "migrate", "-v0"], env=environment, check=True)
    subprocess.run([*austausch, "registry", "import"], env=environment, check=True, stdout=subprocess.DEVNULL)
    people = ["admin@example.org"] + [f"reader{index}@example.org" for index in range(LOGIN_THREADS)]
    script = (
        "from austausch.accounts.models import User\n"
        f"User.objects.create_superuser({people[0]!r}, {PASSWORD!r}, name='Ada Admin')\n"
        + "".join(f"User.objects.create_user({email!r}, {PASSWORD!r}, name='Reader')\n" for email in people[1:])
    )
    subprocess.run([*austausch, "shell", "-c", script], env=environment, check=True)
    (var / "changed").mkdir()
    changed = copy_dataset(var / "changed")
    every_row_changed(changed)
    with (var / "municipalities-keys.txt").open("w") as keys_file:
        keys = [row["key"] for row in csv.DictReader((changed / "municipalities.csv").open(encoding="utf-8"))]
        keys_file.write("\n".join(keys))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (var / "serve.log").open("w")
    server = subprocess.Popen(
        [*austausch, "serve", "--port", str(port), "--no-task-worker"], env=environment, stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    writes: list[float] = []
    reads: list[float] = []
    errors: list[str] = []
    stop = threading.Event()
    by_kind: dict[str, list[tuple[float, float]]] = {}

    def timed(samples: list[float], action: str, call: object, expected: set[int]) -> None:
        started = time.perf_counter()
        try:
            status = call()  # type: ignore[operator]
        except Exception as error:
            errors.append(f"{action}: {error}")
            return
        samples.append(time.perf_counter() - started)
        by_kind.setdefault(action, []).append((started, time.perf_counter() - started))
        if status not in expected:
            errors.append(f"{action}: HTTP {status}")

    def login_writer(index: int) -> None:
        while not stop.is_set():
            timed(writes, "sign-in", lambda: Session(base).sign_in(people[1 + index]), {302})

    def api_writer(index: int) -> None:
        session = Session(base)
        session.sign_in(people[0])
        count = 0
        while not stop.is_set():
            count += 1
            body = json.dumps(
                {"name": f"Verein {index}-{count}", "kind": "association", "sector": "nonprofit",
                 "municipality": keys[(index * 1000 + count) % len(keys)]}
            ).encode()  # fmt: skip
            headers = {"Content-Type": "application/json", "X-CSRFToken": session.csrf()}
            timed(writes, "API write", partial(session.request, "POST", "/api/v1/organisations", body, headers), {201})

    def reader(index: int) -> None:
        session = Session(base)
        count = 0
        while not stop.is_set():
            count += 1
            key = keys[(index * 7919 + count * 104729) % len(keys)]
            timed(reads, "town page", partial(session.request, "GET", f"/de/municipalities/{key}/"), {200})

    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/de/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        threads = [threading.Thread(target=login_writer, args=(index,)) for index in range(LOGIN_THREADS)]
        threads += [threading.Thread(target=api_writer, args=(index,)) for index in range(API_THREADS)]
        threads += [threading.Thread(target=reader, args=(index,)) for index in range(READ_THREADS)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        before = len(writes)
        started = time.perf_counter()
        result = subprocess.run(
            [*austausch, "registry", "import", "--data", str(changed)], env=environment, capture_output=True, text=True
        )
        finished = time.perf_counter()
        import_seconds = finished - started
        during = len(writes) - before
        time.sleep(2)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    print(result.stdout.strip() or result.stderr.strip())
    print(
        f"import of every row: {import_seconds:.1f} s (exit {result.returncode}); during it {during} writes; "
        f"in all {len(writes)} writes, write p50 {percentile(writes, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(writes, 0.99) * 1000:.0f} ms, max {max(writes) * 1000:.0f} ms (goal p99 under 2 s); "
        f"{len(reads)} reads, read p99 {percentile(reads, 0.99) * 1000:.0f} ms; {len(errors)} errors"
    )
    for kind, samples in sorted(by_kind.items()):
        inside = [seconds for at, seconds in samples if started <= at <= finished]
        outside = [seconds for at, seconds in samples if not started <= at <= finished]
        print(
            f"  {kind}: during the import {len(inside)}, p99 {percentile(inside, 0.99) * 1000:.0f} ms; "
            f"before and after {len(outside)}, p99 {percentile(outside, 0.99) * 1000:.0f} ms"
        )
    for error in errors[:5]:
        print("  error:", error)
    return 0 if result.returncode == 0 and not errors and percentile(writes, 0.99) < GOAL_P99 else 1


if __name__ == "__main__":
    sys.exit(main())
