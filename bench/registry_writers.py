"""Writers and readers against `austausch serve` while `registry import` updates every row (SQLite).

Goal: 0 errors and write p99 under 2 s. The import changes every town and every figure; meanwhile
threads sign in (a session, the login log, the last-login time), add organisations through the API
(signed in, with the CSRF token), register for an open meeting, send comments on it and read town pages.
    .venv/bin/python bench/registry_writers.py
`bench/server_kill.py` uses the same writers and kills the server under them.
"""

from __future__ import annotations

import csv
import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._django import percentile
from tests.registry.datasets import copy_dataset, reseal

PASSWORD = "a long enough passphrase 42"  # noqa: S105  # the bench's own throw-away accounts
LOGIN_THREADS, API_THREADS, REGISTER_THREADS, COMMENT_THREADS, READ_THREADS = 2, 3, 2, 2, 3
GOAL_P99 = 2.0
# An open event with seats for every registration the bench sends (written by prepare()).
MEETING_SCRIPT = """
from datetime import date, timedelta
from austausch.accounts.models import User
from austausch.programmes.models import MeetingKind
from austausch.programmes.services.meetings import create_meeting
from austausch.programmes.services.programmes import create_programme
from austausch.registry.models import Municipality
admin = User.objects.get(email="admin@example.org")
programme = create_programme(actor=admin, name="Bench", slug="bench", published=True)
meeting = create_meeting(
    actor=admin, programme=programme, host_municipalities=[Municipality.objects.get(key="DE-12070424")],
    kind=MeetingKind.PRESENTATION, title="Bench", starts_on=date.today() + timedelta(days=30),
    ends_on=date.today() + timedelta(days=30), published=True, registration_open=True, capacity=1_000_000,
)
print(meeting.pk)
"""


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

    def form(self, path: str, fields: dict[str, str]) -> int:
        """GET the form (for the CSRF cookie), then POST it as a browser would."""
        if not self.csrf():
            self.request("GET", path)
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf()}).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def sign_in(self, email: str) -> int:
        self.request("GET", "/en/accounts/login/")
        form = urllib.parse.urlencode({"username": email, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()})
        return self.request(
            "POST", "/en/accounts/login/", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Bench:
    """A prepared database, the server on it, and the writer and reader threads with what they measured."""

    def __init__(self) -> None:
        self.var = Path(tempfile.mkdtemp(prefix="austausch-bench-"))
        self.environment = {
            **os.environ,
            "AUSTAUSCH_VAR_DIR": str(self.var),
            "DATABASE_URL": f"sqlite:///{self.var}/bench.sqlite3",
            "AUSTAUSCH_PAGE_CACHE_SECONDS": "0",
            # Every comment comes from the one loopback address; the limit per address stays as shipped.
            "AUSTAUSCH_COMMENTS_PER_IP_PER_HOUR": "1000000",
        }
        self.environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.austausch = [sys.executable, "-m", "austausch"]
        self.people = ["admin@example.org"] + [f"reader{index}@example.org" for index in range(LOGIN_THREADS)]
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server: subprocess.Popen[bytes] | None = None
        self.writes: list[float] = []
        self.reads: list[float] = []
        self.errors: list[str] = []
        self.by_kind: dict[str, list[tuple[float, float]]] = {}
        # What the server acknowledged (2xx or the redirect after a form), by kind: the name or address written.
        self.acknowledged: dict[str, list[str]] = {"organisation": [], "registration": [], "comment": []}
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def run(self, *arguments: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.austausch, *arguments], env=self.environment, check=True, text=True, capture_output=capture
        )

    def prepare(self, *, changed: bool = True) -> None:
        """Database, registry, accounts and an open meeting; a copy of the registry with every row changed."""
        self.run("migrate", "-v0")
        self.run("registry", "import", capture=True)
        script = (
            "from austausch.accounts.models import User\n"
            f"User.objects.create_superuser({self.people[0]!r}, {PASSWORD!r}, name='Ada Admin')\n"
            + "".join(
                f"User.objects.create_user({email!r}, {PASSWORD!r}, name='Reader')\n" for email in self.people[1:]
            )
        )
        self.run("shell", "-c", script)
        self.meeting = int(self.run("shell", "-c", MEETING_SCRIPT, capture=True).stdout.split()[-1])
        (self.var / "changed").mkdir()
        self.changed = copy_dataset(self.var / "changed")
        with (self.changed / "municipalities.csv").open(encoding="utf-8") as handle:
            self.keys = [row["key"] for row in csv.DictReader(handle)]
        if changed:
            every_row_changed(self.changed)

    def serve(self) -> None:
        log = (self.var / "serve.log").open("a")
        # A session of its own, so that a kill reaches the gunicorn master and its workers together.
        self.server = subprocess.Popen(
            [*self.austausch, "serve", "--port", str(self.port), "--no-task-worker"], env=self.environment,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{self.base}/de/", timeout=2).read()  # noqa: S310
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the server did not answer; see {self.var / 'serve.log'}")

    def kill(self) -> None:
        assert self.server is not None
        os.killpg(self.server.pid, signal.SIGKILL)
        self.server.wait()

    def shut_down(self) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=30)

    def timed(self, samples: list[float], action: str, call: Callable[[], int], expected: set[int]) -> bool:
        started = time.perf_counter()
        try:
            status = call()
        except Exception as error:
            self.errors.append(f"{action}: {error}")
            return False
        samples.append(time.perf_counter() - started)
        self.by_kind.setdefault(action, []).append((started, time.perf_counter() - started))
        if status not in expected:
            self.errors.append(f"{action}: HTTP {status}")
            return False
        return True

    def login_writer(self, index: int) -> None:
        while not self.stop.is_set():
            self.timed(self.writes, "sign-in", lambda: Session(self.base).sign_in(self.people[1 + index]), {302})

    def api_writer(self, index: int) -> None:
        session = Session(self.base)
        while not self.stop.is_set():
            try:
                session.sign_in(self.people[0])
                break
            except OSError:  # the server is not up yet, or was just killed
                time.sleep(0.2)
        count = 0
        while not self.stop.is_set():
            count += 1
            name = f"Verein {index}-{count}"
            body = json.dumps(
                {"name": name, "kind": "association", "sector": "nonprofit",
                 "municipality": self.keys[(index * 1000 + count) % len(self.keys)]}
            ).encode()  # fmt: skip
            headers = {"Content-Type": "application/json", "X-CSRFToken": session.csrf()}
            call = partial(session.request, "POST", "/api/v1/organisations", body, headers)
            if self.timed(self.writes, "API write", call, {201}):
                self.acknowledged["organisation"].append(name)

    def registration_writer(self, index: int) -> None:
        session = Session(self.base)
        path = f"/en/programmes/meetings/{self.meeting}/register/"
        count = 0
        while not self.stop.is_set():
            count += 1
            email = f"guest{index}-{count}@example.org"
            call = partial(session.form, path, {"name": f"Gast {index}-{count}", "email": email})
            if self.timed(self.writes, "registration", call, {302}):
                self.acknowledged["registration"].append(email)

    def comment_writer(self, index: int) -> None:
        session = Session(self.base)
        path = f"/en/citizens/comment/meeting/{self.meeting}/"
        count = 0
        while not self.stop.is_set():
            count += 1
            email = f"reader{index}-{count}@example.org"  # one comment an address: the limit per address holds
            fields = {"comment-kind": "question", "comment-body": f"Frage {index}-{count}", "comment-email": email}
            if self.timed(self.writes, "comment", partial(session.form, path, fields), {200}):
                self.acknowledged["comment"].append(email)

    def reader(self, index: int) -> None:
        session = Session(self.base)
        count = 0
        while not self.stop.is_set():
            count += 1
            key = self.keys[(index * 7919 + count * 104729) % len(self.keys)]
            self.timed(self.reads, "town page", partial(session.request, "GET", f"/de/municipalities/{key}/"), {200})

    def acknowledged_count(self) -> int:
        return sum(len(written) for written in self.acknowledged.values())

    def start(self) -> None:
        kinds = [
            (self.login_writer, LOGIN_THREADS),
            (self.api_writer, API_THREADS),
            (self.registration_writer, REGISTER_THREADS),
            (self.comment_writer, COMMENT_THREADS),
            (self.reader, READ_THREADS),
        ]
        self.stop.clear()
        self.threads = [threading.Thread(target=work, args=(index,)) for work, count in kinds for index in range(count)]
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def report(self, started: float, finished: float, during: str) -> None:
        writes, reads = self.writes, self.reads
        print(
            f"in all {len(writes)} writes, write p50 {percentile(writes, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(writes, 0.99) * 1000:.0f} ms, max {max(writes) * 1000:.0f} ms (goal p99 under 2 s); "
            f"{len(reads)} reads, read p99 {percentile(reads, 0.99) * 1000:.0f} ms; {len(self.errors)} errors"
        )
        for kind, samples in sorted(self.by_kind.items()):
            inside = [seconds for at, seconds in samples if started <= at <= finished] or [0.0]
            outside = [seconds for at, seconds in samples if not started <= at <= finished] or [0.0]
            print(
                f"  {kind}: during {during} {len(inside)}, p99 {percentile(inside, 0.99) * 1000:.0f} ms; "
                f"before and after {len(outside)}, p99 {percentile(outside, 0.99) * 1000:.0f} ms"
            )
        for error in self.errors[:5]:
            print("  error:", error)


def main() -> int:
    bench = Bench()
    bench.prepare()
    bench.serve()
    try:
        bench.start()
        time.sleep(3)
        before = len(bench.writes)
        started = time.perf_counter()
        result = subprocess.run(
            [*bench.austausch, "registry", "import", "--data", str(bench.changed)],
            env=bench.environment, capture_output=True, text=True,
        )  # fmt: skip
        finished = time.perf_counter()
        during = len(bench.writes) - before
        time.sleep(2)
        bench.finish()
    finally:
        bench.shut_down()

    print(result.stdout.strip() or result.stderr.strip())
    print(f"import of every row: {finished - started:.1f} s (exit {result.returncode}); during it {during} writes")
    bench.report(started, finished, "the import")
    passed = result.returncode == 0 and not bench.errors and percentile(bench.writes, 0.99) < GOAL_P99
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
