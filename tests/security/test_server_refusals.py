"""Requests gunicorn refuses before Django sees them are answered by `austausch serve` as short JSON."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from gunicorn.http.errors import InvalidResponseHeader, LimitRequestLine

from austausch.web.server import refusal


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """`austausch serve` on loopback: its port. Refusals need no database, so none is migrated."""
    var = tmp_path_factory.mktemp("serve")
    environment = {**os.environ, "AUSTAUSCH_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var}/db.sqlite3"}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    port = free_port()
    command = ["serve", "--port", str(port), "--workers", "1", "--threads", "2", "--no-task-worker"]
    with (var / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "austausch", *command], env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)


def exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read the answer to the end: (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in header_lines)}
    return int(status_line.split()[1]), headers, body


def test_a_request_line_of_8_kb_reaches_the_platform(server: int) -> None:
    # gunicorn's default would refuse anything over 4,094 bytes; the schema needs no database.
    path = "/api/v1/openapi.json?padding=" + "a" * (8190 - len("GET /api/v1/openapi.json?padding= HTTP/1.1"))
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    status, _headers, body = exchange(server, request)
    assert status == 200
    assert b'"openapi"' in body


def test_a_request_line_over_8_kb_is_refused_with_414_and_json(server: int) -> None:
    path = "/api/v1/municipalities?name=" + "a" * 8200
    status, headers, body = exchange(server, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert status == 414
    assert headers["content-type"] == "application/json"
    assert json.loads(body) == {"detail": "Request line too long: method, path and query at most 8,190 bytes."}


def test_too_large_headers_are_refused_with_431_and_json(server: int) -> None:
    request = b"GET /api/v1/municipalities HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n"
    status, headers, body = exchange(server, request)
    assert status == 431
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["detail"].startswith("Request headers too large")


def test_too_many_headers_are_refused_with_431_and_json(server: int) -> None:
    many = b"".join(b"X-Header-%d: 1\r\n" % number for number in range(120))
    status, _headers, body = exchange(server, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + b"\r\n")
    assert status == 431
    assert "detail" in json.loads(body)


def test_a_malformed_request_is_refused_with_400_and_json(server: int) -> None:
    status, headers, body = exchange(server, b"GET /api/v1/municipalities HTTP/9.x\r\nHost: 127.0.0.1\r\n\r\n")
    assert status == 400
    assert headers["content-type"] == "application/json"
    assert json.loads(body) == {"detail": "Malformed request: not valid HTTP/1.1."}


def test_an_error_that_is_not_the_clients_is_a_500() -> None:
    assert refusal(RuntimeError("boom")) == (500, "Internal server error.")
    assert refusal(InvalidResponseHeader("X-Bad"))[0] == 500  # a header the application sent


def test_a_line_too_long_without_a_known_limit_says_so_plainly() -> None:
    assert refusal(LimitRequestLine(9000)) == (414, "Request line too long.")
