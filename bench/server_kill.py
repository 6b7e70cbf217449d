"""Kill `austausch serve` with SIGKILL under writers, restart it, and look for every acknowledged write (SQLite).

Goal: 0 lost. The writers of bench/registry_writers.py (API writes, registrations for an open meeting,
comments, sign-ins) run against the server; it is killed (master and workers, kill -9) several times
while they write. Every write the server acknowledged (201, or the page or redirect after a form) is then
looked up in the database: an organisation by its name, a registration or a comment by its address.
    .venv/bin/python bench/server_kill.py [--kills N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.registry_writers import Bench

MIN_WRITES = 20  # acknowledged writes each round, at the least, before the kill

# What the database holds, by kind, in the same words as Bench.acknowledged.
STORED_SCRIPT = """
import json
from austausch.citizens.models import Comment
from austausch.organisations.models import Organisation
from austausch.programmes.models import Registration
print(json.dumps({
    "organisation": list(Organisation.objects.values_list("name", flat=True)),
    "registration": list(Registration.objects.values_list("email", flat=True)),
    "comment": list(Comment.objects.filter(reader__isnull=False).values_list("reader__email", flat=True)),
}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=3, help="how many times to kill the server (default 3)")
    parser.add_argument("--seconds", type=float, default=3.0, help="writing time before each kill (default 3)")
    arguments = parser.parse_args()
    bench = Bench()
    bench.prepare(changed=False)
    refused_while_down = 0
    try:
        for _ in range(arguments.kills):
            bench.serve()
            bench.start()
            # Kill once this round has had writes acknowledged (or after a minute), while the threads keep sending.
            before, deadline = bench.acknowledged_count(), time.monotonic() + 60
            time.sleep(arguments.seconds)
            while bench.acknowledged_count() < before + MIN_WRITES and time.monotonic() < deadline:
                time.sleep(0.2)
            bench.kill()
            bench.finish()
            # Requests cut off by the kill are errors of the client's, not acknowledged writes.
            refused_while_down += len(bench.errors)
            bench.errors.clear()
        bench.serve()  # the restart the operator would make: it must come up on the database as the kill left it
    finally:
        bench.shut_down()
    stored = json.loads(bench.run("shell", "-c", STORED_SCRIPT, capture=True).stdout.strip().splitlines()[-1])
    lost = 0
    for kind, written in sorted(bench.acknowledged.items()):
        missing = set(written) - set(stored[kind])
        lost += len(missing)
        print(f"  {kind}: {len(written)} acknowledged, {len(written) - len(missing)} found after the kills")
        for value in sorted(missing)[:5]:
            print(f"    lost: {value}")
    acknowledged = bench.acknowledged_count()
    print(
        f"{arguments.kills} kills (SIGKILL to master and workers) under {len(bench.threads)} writer and reader "
        f"threads: {acknowledged} writes acknowledged, {lost} lost; {refused_while_down} requests cut off by the "
        f"kills (never acknowledged); the server came back each time"
    )
    return 0 if lost == 0 and acknowledged > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
