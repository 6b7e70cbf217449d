"""gunicorn's threaded worker, with a bound on how long one client may take to send its request.

`austausch serve` runs this worker class. Each worker has a pool of threads; a connection takes a
thread only once it has sent something (gunicorn's gthread waits for the first bytes in its main
loop), and then keeps it while it sends its request line, headers and body. A client that sends them
slowly (on purpose or on a bad line) would keep that thread as long as it likes: here every read
waits at most READ_IDLE_SECONDS, and reading one request may take REQUEST_READ_SECONDS in all. A
client over either is treated as gone. In production the proxy in front (deploy/nginx.conf)
buffers whole requests, so the platform only ever sees fast clients.
"""

from __future__ import annotations

import errno
import socket
import time
from typing import Any

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


class BoundedThreadWorker(ThreadWorker):
    def enqueue_req(self, conn: Any) -> None:
        if isinstance(conn.sock, socket.socket):  # a new connection (kept-alive ones are wrapped already)
            conn.sock = BoundedReads(conn.sock)
        super().enqueue_req(conn)
