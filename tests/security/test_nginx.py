"""The production recipe's nginx config (deploy/nginx.conf), read and, where nginx is installed, run on loopback.

CI installs Debian's nginx (scripts/system-packages test), so there the config is started for real:
TLS, proxying, the body limits of nginx and of the platform behind it, and slow clients kept in nginx.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

RECIPE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
NGINX = Path("/usr/sbin/nginx")


def directives(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.endswith(";"):
            name, _, value = line[:-1].partition(" ")
            found.setdefault(name, []).append(value.strip())
    return found


def test_the_recipe_buffers_requests_limits_bodies_and_cuts_slow_clients() -> None:
    config = directives(RECIPE.read_text())
    limit = config["client_max_body_size"][0]
    assert limit.endswith("m")
    # Above the platform's limit, so that the platform answers with its own 413 page or JSON.
    assert int(limit[:-1]) * 1024 * 1024 > settings.MAX_REQUEST_BYTES
    assert config["proxy_request_buffering"] == ["on"]
    assert config["client_header_timeout"] == ["10s"]
    assert config["client_body_timeout"] == ["10s"]
    assert "X-Forwarded-For $remote_addr" in config["proxy_set_header"]
    assert "X-Forwarded-Proto $scheme" in config["proxy_set_header"]
    assert "443 ssl" in config["listen"]
    assert config["ssl_protocols"] == ["TLSv1.2 TLSv1.3"]
    # Lines as long as `austausch serve` accepts (--limit-request-line=8190), and not longer.
    assert config["large_client_header_buffers"] == ["4 8k"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}")


if NGINX.exists():

    @pytest.fixture(scope="module")
    def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
        """`austausch serve` on loopback with a database of its own, as in production: its address."""
        var = tmp_path_factory.mktemp("platform")
        environment = {**os.environ, "AUSTAUSCH_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var}/db.sqlite3"}
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        subprocess.run([sys.executable, "-m", "austausch", "migrate", "-v0"], env=environment, check=True)
        port = free_port()
        command = ["serve", "--port", str(port), "--workers", "1", "--threads", "4", "--no-task-worker"]
        with (var / "serve.log").open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "austausch", *command], env=environment, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                wait_for(port)
                yield f"127.0.0.1:{port}"
            finally:
                server.terminate()
                server.wait(timeout=30)

    @pytest.fixture(scope="module")
    def nginx(platform: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int]]:
        """The recipe in front of the platform, on loopback: (TLS port, plain port)."""
        tmp_path = tmp_path_factory.mktemp("nginx")
        tls_port, plain_port = free_port(), free_port()
        upstream = platform
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        site = RECIPE.read_text()
        site = site.replace("server 127.0.0.1:8000;", f"server {upstream};")
        site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
        site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{plain_port};")
        site = site.replace("/etc/letsencrypt/live/austausch.example.org/fullchain.pem", str(tmp_path / "cert.pem"))
        site = site.replace("/etc/letsencrypt/live/austausch.example.org/privkey.pem", str(tmp_path / "key.pem"))
        (tmp_path / "site.conf").write_text(site)
        temporary = tmp_path / "temp"
        temporary.mkdir()
        # Started as root, nginx's workers would become "nobody", who may not enter the test's directory.
        user = "user root;" if os.geteuid() == 0 else ""
        (tmp_path / "nginx.conf").write_text(
            f"daemon off; {user} pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; worker_processes 1;\n"
            "events { worker_connections 256; }\n"
            f"http {{ access_log off; client_body_temp_path {temporary}/body; proxy_temp_path {temporary}/proxy;"
            f" fastcgi_temp_path {temporary}/fastcgi; uwsgi_temp_path {temporary}/uwsgi;"
            f" scgi_temp_path {temporary}/scgi; include {tmp_path}/site.conf; }}\n"
        )
        server = subprocess.Popen([str(NGINX), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
        try:
            wait_for(tls_port)
            yield tls_port, plain_port
        finally:
            server.terminate()
            server.wait(timeout=10)

    def https(port: int, timeout: float = 30) -> http.client.HTTPSConnection:
        context = ssl.create_default_context(cafile=None)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
        return http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=context)

    def fetch(connection: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None) -> Any:
        """(status, headers, body) of one request on a connection of its own, closed afterwards."""
        with closing(connection):
            connection.request(method, path, body=body, headers={"Content-Type": "text/plain"})
            response = connection.getresponse()
            return response.status, response.headers, response.read()

    def test_nginx_serves_the_platform_over_tls(nginx: tuple[int, int]) -> None:
        status, headers, _body = fetch(https(nginx[0]), "GET", "/en/about/data/")
        assert status == 200
        assert headers["Permissions-Policy"]  # the platform's answer, passed through
        plain = http.client.HTTPConnection("127.0.0.1", nginx[1], timeout=10)
        assert fetch(plain, "GET", "/en/")[0] == 301

    def test_bodies_over_the_limits_are_refused_by_nginx_or_by_the_platform_with_its_json(
        nginx: tuple[int, int],
    ) -> None:
        # Over nginx's own limit: the platform never sees it.
        assert fetch(https(nginx[0]), "POST", "/api/v1/radar/sources", b"x" * 14 * 1024 * 1024)[0] == 413
        body = b"x" * (settings.MAX_REQUEST_BYTES + 1024)
        status, _headers, answer = fetch(https(nginx[0]), "POST", "/api/v1/radar/sources", body)
        assert status == 413, answer
        assert answer.startswith(b'{"detail": "Request body too large')

    def test_slow_clients_wait_in_nginx_while_others_are_served(nginx: tuple[int, int]) -> None:
        slow = []
        try:
            for _ in range(20):
                connection = https(nginx[0])
                connection.putrequest("POST", "/en/accounts/login/")
                connection.putheader("Content-Length", "100000")
                connection.endheaders(b"username=")  # and then nothing more
                slow.append(connection)
            # Four platform threads, twenty stalled requests: had nginx passed them on, this one would wait
            # for the platform to drop them (10 s of silence each) and time out.
            assert fetch(https(nginx[0], timeout=5), "GET", "/en/about/data/")[0] == 200
        finally:
            for connection in slow:
                connection.close()
