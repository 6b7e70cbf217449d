"""`austausch serve`: threaded workers whose reads are bounded, so slow clients cannot hold the server."""

from __future__ import annotations

import socket
import sys
import threading
import time
from typing import Any

import pytest
from django.core.management import call_command

from austausch.web import server
from austausch.web.server import BoundedReads, ClientTooSlow


@pytest.fixture
def short_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "READ_IDLE_SECONDS", 0.2)
    monkeypatch.setattr(server, "REQUEST_READ_SECONDS", 0.6)


@pytest.fixture
def pair() -> Any:
    ours, theirs = socket.socketpair()
    yield BoundedReads(ours), theirs
    ours.close()
    theirs.close()


@pytest.mark.usefixtures("short_bounds")
def test_a_client_that_stops_sending_is_dropped(pair: tuple[BoundedReads, socket.socket]) -> None:
    ours, theirs = pair
    ours.setblocking(True)
    theirs.sendall(b"GET / HTTP/1.1\r\n")
    assert ours.recv(1024) == b"GET / HTTP/1.1\r\n"
    with pytest.raises(ClientTooSlow):
        ours.recv(1024)


@pytest.mark.usefixtures("short_bounds")
def test_a_client_that_trickles_is_dropped_at_the_deadline(pair: tuple[BoundedReads, socket.socket]) -> None:
    ours, theirs = pair
    stop = threading.Event()

    def trickle() -> None:
        for _byte in range(100):  # 100 bytes over 5 s: each read is quick, the whole is not
            if stop.wait(0.05):
                return
            theirs.sendall(b"a")

    sender = threading.Thread(target=trickle)
    sender.start()
    ours.setblocking(True)
    received = b""
    with pytest.raises(ClientTooSlow):
        while len(received) < 100:
            received += ours.recv(1)
    stop.set()
    sender.join()
    assert 0 < len(received) < 100


@pytest.mark.usefixtures("short_bounds")
def test_each_request_on_a_kept_connection_has_its_own_deadline(pair: tuple[BoundedReads, socket.socket]) -> None:
    ours, theirs = pair
    ours.setblocking(True)
    time.sleep(0.7)  # past the first request's deadline, as after a long response
    ours.setblocking(False)  # back to gunicorn's poller, then taken up again for the next request
    ours.setblocking(True)
    theirs.sendall(b"GET / HTTP/1.1\r\n")
    assert ours.recv(1024) == b"GET / HTTP/1.1\r\n"


def test_serve_runs_threaded_workers_with_bounded_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # serve hands gunicorn its arguments in sys.argv
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda: started.append(list(sys.argv)))
    call_command("serve", "--port", "8123", "--no-task-worker", "--workers", "2")
    arguments = started[0]
    assert "--worker-class=austausch.web.server.BoundedThreadWorker" in arguments
    assert "--threads=32" in arguments
    assert "--timeout=30" in arguments
    assert "--keep-alive=5" in arguments
    assert "--limit-request-line=8190" in arguments
