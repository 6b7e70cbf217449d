from __future__ import annotations

import atexit
import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the web platform with gunicorn (default http://127.0.0.1:8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 2, help="worker processes (default: one per core)"
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=32,
            help="threads per worker, each serving one request at a time (default 32); on PostgreSQL each "
            "may hold a database connection, so keep workers × threads under the server's max_connections",
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="do not start `austausch db_worker` beside the web workers (run it yourself, e.g. as its own service)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import run

        if not options["no_task_worker"] and settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            # Background work (search embeddings) waits in the database queue; one worker runs it.
            worker = subprocess.Popen([sys.executable, "-m", "austausch", "db_worker"])
            arbiter = os.getpid()

            def stop_task_worker() -> None:
                # Forked web workers inherit this hook; only the arbiter, on its way out, stops the task worker.
                if os.getpid() == arbiter:
                    worker.terminate()

            atexit.register(stop_task_worker)
        host = f"[{options['host']}]" if ":" in options["host"] else options["host"]
        self.stdout.write(f"Austausch serves http://{host}:{options['port']}/ (Ctrl-C stops it)")
        self.stdout.flush()
        sys.argv = [
            "gunicorn",
            "austausch.wsgi:application",
            f"--bind={host}:{options['port']}",
            f"--workers={options['workers']}",
            # Threads, not one process per request: a slow client holds one thread of many, for a bounded
            # time (see austausch/web/server.py), never a whole worker.
            "--worker-class=austausch.web.server.BoundedThreadWorker",
            f"--threads={options['threads']}",
            "--timeout=30",  # a worker whose main loop stops for this long is restarted
            "--graceful-timeout=30",
            "--keep-alive=5",
            # gunicorn's largest request line (its default is 4,094 bytes), as nginx's 8 KB buffer in front
            # (deploy/nginx.conf); a longer one is answered 414 with JSON (server.BoundedThreadWorker).
            "--limit-request-line=8190",
            "--error-logfile=-",
        ]
        run()
