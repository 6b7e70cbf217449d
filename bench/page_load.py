"""Page loads on an emulated mid-range phone in headless Chromium: FCP, DOMContentLoaded, load, KiB, requests.

    .venv/bin/python bench/page_load.py                              # serves a demo site of its own
    .venv/bin/python bench/page_load.py --site http://127.0.0.1:8000 # a running site (`make run`)

The phone: 390 px wide, 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4x slower (Chrome's "slow 4G" and
a mid-range handset). Each page is loaded cold (empty cache) and then warm (reloaded in the same browser),
three times; the medians are printed. Without --site the script builds a site in a temporary directory (the
registry, the demo programmes, static files collected as in production) and serves it on a spare port; with
--site the pages are found in the database the settings point at, the one that site serves.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("AUSTAUSCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
RUNS = 3
PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
METRICS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
  const resources = performance.getEntriesByType('resource');
  return {fcp: paint['first-contentful-paint'], dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
          requests: resources.length + 1};
}"""
RESOURCES = """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .map(entry => [entry.name, entry.transferSize])"""


def austausch(*arguments: str) -> None:
    subprocess.run([sys.executable, "-m", "austausch", *arguments], check=True, cwd=PROJECT, stdout=subprocess.DEVNULL)


def build_site() -> Path:
    """A fresh database with the registry and the demo data, and static files collected, in a temporary VAR_DIR."""
    var = Path(tempfile.mkdtemp(prefix="austausch-page-load-"))
    os.environ["AUSTAUSCH_VAR_DIR"] = str(var)
    os.environ.pop("DATABASE_URL", None)
    print("Building a demo site (registry, demo data, collected static files) ...", flush=True)
    austausch("migrate", "--noinput")
    austausch("registry", "import")
    austausch("demo")
    austausch("collectstatic", "--noinput", "--verbosity", "0")
    return var


def pages() -> dict[str, str]:
    """Home, a town that took part in a programme, that programme, and the town's peer finder."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "austausch.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from austausch.programmes.models import Meeting

    found = {"home": "/de/"}
    meeting = Meeting.objects.select_related("programme").order_by("starts_on").first()
    if meeting is not None:
        found["programme"] = f"/de/programmes/{meeting.programme.slug}/"
        town = meeting.host_municipalities.first()
        if town is not None:
            found["town"] = f"/de/municipalities/{town.key}/"
            found["peer finder"] = f"/de/matching/peers/{town.key}/"
    return found


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int) -> None:
    for _attempt in range(120):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"Nothing answers on port {port}")


def measure(site: str, addresses: dict[str, str], *, verbose: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, address in addresses.items():
            runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
            for _ in range(RUNS):
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", PHONE)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                for kind in ("cold", "warm"):
                    response = page.goto(site + address, wait_until="load")
                    if response is None or response.status != 200:
                        raise SystemExit(f"{address} answered {response.status if response else 'nothing'}")
                    page.wait_for_load_state("networkidle")  # fonts and late requests count too
                    runs[kind].append(page.evaluate(METRICS))
                    if verbose and kind == "cold" and not runs["warm"]:
                        for url, size in page.evaluate(RESOURCES):
                            print(f"    {size / 1024:6.1f} KiB  {url}")
                context.close()
            for kind, values in runs.items():
                median = {key: statistics.median(value[key] for value in values) for key in values[0]}
                print(
                    f"{name:12} {kind}: FCP {median['fcp']:5.0f} ms   DOMContentLoaded {median['dcl']:5.0f} ms   "
                    f"load {median['load']:5.0f} ms   {median['bytes'] / 1024:4.0f} KiB in {median['requests']:.0f} "
                    f"requests   ({address})",
                    flush=True,
                )
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", help="address of a running site, e.g. http://127.0.0.1:8000 (default: serve one)")
    parser.add_argument("--verbose", action="store_true", help="list each file of a page's first cold load")
    arguments = parser.parse_args()
    if arguments.site:
        measure(arguments.site.rstrip("/"), pages(), verbose=arguments.verbose)
        return
    var = build_site()
    addresses = pages()
    port = spare_port()
    command = [sys.executable, "-m", "austausch", "serve", "--port", str(port), "--no-task-worker", "--workers", "1"]
    server = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        measure(f"http://127.0.0.1:{port}", addresses, verbose=arguments.verbose)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var)


if __name__ == "__main__":
    main()
