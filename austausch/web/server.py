"""gunicorn's threaded worker, with a bound on how long one client may take to send its request.

`austausch serve` runs this worker class. Each worker has a pool of threads; a connection takes a
thread only once it has sent something (gunicorn's gthread waits for the first bytes in its main
loop), and then keeps it while it sends its request line, headers and body. A client that sends them
slowly (on purpose or on a bad line) would keep that thread as long as it likes: here every read
waits at most READ_IDLE_SECONDS, and reading one request may take REQUEST_READ_SECONDS in all. A
client over either is treated as gone. In production the proxy in front (deploy/nginx.conf)
buffers whole requests, so the platform only ever sees fast clients.

Requests gunicorn cannot or will not parse (a request line over 8,190 bytes, too many or too large
headers, broken HTTP) never reach Django; the worker answers them itself, as JSON like the API's errors
(see `refusal`).
"""

from __future__ import annotations

import errno
import json
import socket
import ssl
import time
from http import HTTPStatus
from typing import Any

from gunicorn import util
from gunicorn.http import errors
from gunicorn.workers.gthread import ThreadWorker

READ_IDLE_SECONDS = 10.0
# Long enough for a 12 MB upload at 1 Mbit/s.
REQUEST_READ_SECONDS = 120.0


class ClientTooSlow(ConnectionResetError):
    """Raised on a read past the bounds: gunicorn and Django both treat it as a dropped connection."""

    def __init__(self) -> None:
        super().__init__(errno.ECONNRESET, "the client sent its request too slowly")


class BoundedReads:
    """A client socket whose blocking reads time out (wraps gunicorn's; everything else passes through)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._deadline: float | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def setblocking(self, flag: bool) -> None:
        # gunicorn makes the socket blocking each time a thread takes up the connection for a request.
        if flag:
            self._deadline = time.monotonic() + REQUEST_READ_SECONDS
            self._sock.settimeout(READ_IDLE_SECONDS)
        else:
            self._deadline = None
            self._sock.setblocking(False)

    def recv(self, size: int, *flags: int) -> bytes:
        self._bound()
        try:
            return self._sock.recv(size, *flags)
        except TimeoutError as error:
            raise ClientTooSlow from error
        finally:
            self._unbound()

    def recv_into(self, buffer: Any, *args: int) -> int:
        self._bound()
        try:
            return self._sock.recv_into(buffer, *args)
        except TimeoutError as error:
            raise ClientTooSlow from error
        finally:
            self._unbound()

    def _bound(self) -> None:
        if self._deadline is None:
            return
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise ClientTooSlow
        self._sock.settimeout(min(READ_IDLE_SECONDS, remaining))

    def _unbound(self) -> None:
        # Writing the response keeps the idle bound only, however little of the read deadline is left.
        if self._deadline is not None:
            self._sock.settimeout(READ_IDLE_SECONDS)


def refusal(error: Exception) -> tuple[HTTPStatus, str]:
    """The status and the plain-words reason for a request gunicorn gave up on with `error`.

    The messages are in English, like the API's own error details: at this point neither the path (so
    whether it is an API request) nor the language is known, so every refusal is the same short JSON.
    """
    if isinstance(error, errors.InvalidResponseHeader | errors.InvalidResponseHeaderName):
        # A header the application tried to send: the application's fault, not the client's.
        return HTTPStatus.INTERNAL_SERVER_ERROR, "Internal server error."
    if isinstance(error, errors.LimitRequestLine):
        if not error.max_size:
            return HTTPStatus.REQUEST_URI_TOO_LONG, "Request line too long."
        limit = f"{error.max_size:,}"
        return HTTPStatus.REQUEST_URI_TOO_LONG, f"Request line too long: method, path and query at most {limit} bytes."
    if isinstance(error, errors.LimitRequestHeaders):
        return HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large: too many, or one too long."
    if isinstance(error, errors.ExpectationFailed):
        return HTTPStatus.EXPECTATION_FAILED, "The Expect header asks for something this server does not do."
    if isinstance(error, errors.UnsupportedTransferCoding):
        return HTTPStatus.NOT_IMPLEMENTED, "Transfer-Encoding not supported."
    if isinstance(error, errors.ForbiddenProxyRequest | ssl.SSLError):
        return HTTPStatus.FORBIDDEN, "Request forbidden."
    if isinstance(error, errors.ConfigurationProblem):
        return HTTPStatus.INTERNAL_SERVER_ERROR, "Internal server error."
    if isinstance(error, errors.ParseException):
        return HTTPStatus.BAD_REQUEST, "Malformed request: not valid HTTP/1.1."
    return HTTPStatus.INTERNAL_SERVER_ERROR, "Internal server error."


def json_answer(status: HTTPStatus, detail: str) -> bytes:
    body = json.dumps({"detail": detail}).encode()
    head = (
        f"HTTP/1.1 {status.value} {status.phrase}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class BoundedThreadWorker(ThreadWorker):
    def enqueue_req(self, conn: Any) -> None:
        if isinstance(conn.sock, socket.socket):  # a new connection (kept-alive ones are wrapped already)
            conn.sock = BoundedReads(conn.sock)
        super().enqueue_req(conn)

    def handle_error(self, req: Any, client: Any, addr: Any, exc: Exception) -> None:
        """gunicorn's own error handling answers with an HTML page; this one answers `{"detail": ...}`."""
        status, detail = refusal(exc)
        if status == HTTPStatus.INTERNAL_SERVER_ERROR:
            self.log.exception("Error handling request %s", getattr(req, "uri", "(no URI read)"))
        else:
            self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, json_answer(status, detail))
        except Exception:  # the client may be gone already; there is no one left to tell
            self.log.debug("Failed to send error message.")
