"""PNGs of the main pages at 390 and 1280 px, in German and English, into var/screenshots/ (`make screenshots`).

Serves the platform from its own database (after `make run`: the registry and the demo programmes) on a
spare port, signs in as the first platform admin for the workspace and the radar review, and photographs
each page whole in Debian's Chromium, as var/screenshots/<page>-<language>-<width>.png. Names given on the
command line photograph only those pages (`scripts/screenshots.py peer-finder town`)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "austausch.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from austausch.accounts.models import User  # noqa: E402
from austausch.outcomes.models import Commitment  # noqa: E402
from austausch.programmes.models import Meeting  # noqa: E402
from austausch.radar.models import Source  # noqa: E402

OUT = settings.VAR_DIR / "screenshots"
WIDTHS = [(390, 844), (1280, 800)]
LANGUAGES = ["de", "en"]
CHROMIUM = os.environ.get("AUSTAUSCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def pages() -> dict[str, str]:
    """Name to address of each page to photograph; pages whose example object is missing are left out."""
    found = {"home": "/de/", "knowledge-search": "/de/knowledge/?q=Digitalisierung", "workspace": "/de/workspace/"}
    meeting = Meeting.objects.select_related("programme").order_by("starts_on").first()
    commitment = Commitment.objects.select_related("municipality").order_by("pk").first()
    if meeting is not None:
        town = meeting.host_municipalities.first()
        found["programme"] = f"/de/programmes/{meeting.programme.slug}/"
        found["meeting"] = f"/de/programmes/meetings/{meeting.pk}/"
        if town is not None:
            found["town"] = f"/de/municipalities/{town.key}/"
            found["peer-finder"] = f"/de/matching/peers/{town.key}/"
    if commitment is not None:
        found["what-came-of-it"] = f"/de/outcomes/towns/{commitment.municipality.key}/"
        found.setdefault("town", f"/de/municipalities/{commitment.municipality.key}/")
        found.setdefault("peer-finder", f"/de/matching/peers/{commitment.municipality.key}/")
    source = Source.objects.order_by("pk").first()
    if source is not None:
        found["radar-review"] = f"/de/radar/sources/{source.pk}/"
    return found


def admin_session() -> str | None:
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if admin is None:
        return None
    session = SessionStore()
    session[SESSION_KEY] = str(admin.pk)
    session[BACKEND_SESSION_KEY] = next(name for name in settings.AUTHENTICATION_BACKENDS if "axes" not in name)
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session.create()
    return session.session_key


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(names: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    port = spare_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "austausch", "serve", "--port", str(port), "--no-task-worker", "--workers", "1"]
    )
    site = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(60):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        session = admin_session()
        addresses = pages()  # the ORM before Playwright's event loop starts
        if unknown := set(names) - set(addresses):
            raise SystemExit(f"No such page: {', '.join(sorted(unknown))} (there are {', '.join(addresses)})")
        addresses = {name: address for name, address in addresses.items() if not names or name in names}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for (width, height), language in itertools.product(WIDTHS, LANGUAGES):
                context = browser.new_context(viewport={"width": width, "height": height}, locale=language)
                if session:
                    context.add_cookies([{"name": "sessionid", "value": session, "url": site}])
                page = context.new_page()
                for name, address in addresses.items():
                    page.goto(site + address.replace("/de/", f"/{language}/", 1))
                    path = OUT / f"{name}-{language}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    print(path)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
