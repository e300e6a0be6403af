"""Nothing leaves the machine: the real app in Chromium makes no request to another host, and
the server refuses a WebSocket whose Host is not a loopback name (DNS rebinding).

Chromium gets a proxy that answers every request with 403 and records its host. Chromium never
sends 127.0.0.1 or localhost through a proxy, so the app's own requests go straight to it and
everything the proxy sees is a request to somewhere else: a font from Google, an image whose
URL a profile holds. Page routes record the same from Playwright's side (favicons bypass them,
which is why the proxy is there).
"""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import socketserver
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from prep_core.model import Profile
from prep_core.sections import SECTIONS
from prep_core.store import Store
from tests.conftest import ROOT
from tests.e2e.conftest import AppServer, streamlit_server, wait_for_app

pytestmark = pytest.mark.e2e

FETCH = "http://198.51.100.7"  # TEST-NET-2: a profile's text names it; the browser must not
HOSTILE_NAME = f"![p]({FETCH}/p.png) [l]({FETCH}/) *em* <img src={FETCH}/q.png>"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class _Recorder(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RefuseAndRecord)
        self.seen: list[str] = []


class _RefuseAndRecord(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(8192).decode("latin-1").strip()
        if line:
            self.server.seen.append(line)  # "CONNECT host:443 HTTP/1.1" or "GET http://..."
        self.wfile.write(
            b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )


@pytest.fixture
def outside() -> Iterator[_Recorder]:
    """A proxy that refuses and records every request sent to it."""
    recorder = _Recorder()
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        recorder.shutdown()
        recorder.server_close()


@pytest.fixture(scope="module")
def hostile_server(chromium_path: str) -> Iterator[tuple[AppServer, Profile]]:
    """The real app on its own data folder, holding one profile with a hostile name."""
    with tempfile.TemporaryDirectory(prefix="prep-privacy-") as tmp:
        data_dir = Path(tmp) / "data"
        profile = Store(data_dir).create(
            Profile(company=HOSTILE_NAME, role_title=f"Role {HOSTILE_NAME}")
        )
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as server:
            yield server, profile


def test_no_request_leaves_the_machine(
    browser: Browser, hostile_server: tuple[AppServer, Profile], outside: _Recorder
) -> None:
    server, profile = hostile_server
    port = outside.server_address[1]
    proxy = {"server": f"http://127.0.0.1:{port}", "bypass": "127.0.0.1,localhost,[::1]"}
    context = browser.new_context(proxy=proxy)
    routed: list[str] = []

    def record(route, request) -> None:
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOOPBACK:
            routed.append(request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", record)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/?profile={profile.id}")
        wait_for_app(page)
        duplicate = page.get_by_role("button", name="Duplicate")
        expect(duplicate).to_have_count(1)
        duplicate.click()  # the sidebar then says "Created a copy: <the hostile name>"
        wait_for_app(page)
        expect(page.get_by_test_id("stSidebar")).to_contain_text("(copy)")
        check_page(page)
        for path in [*(s.key for s in SECTIONS), "readiness", "export", ""]:
            page.goto(f"{server.url}/{path}?profile={profile.id}")
            wait_for_app(page)
            check_page(page)
    finally:
        context.close()
    assert outside.seen == [], "requests to other hosts (through the proxy)"
    assert routed == [], "requests to other hosts (page routes)"


def check_page(page: Page) -> None:
    """No image from elsewhere, and the page's icons come from the app itself."""
    sources = page.eval_on_selector_all("img", "els => els.map(e => e.src)")
    assert not [s for s in sources if (urlsplit(s).hostname or "") not in LOOPBACK | {""}]
    icons = page.eval_on_selector_all("link[rel~='icon']", "els => els.map(e => e.href)")
    assert icons, "the page has an icon"
    for href in icons:
        assert href.startswith("data:") or urlsplit(href).hostname in LOOPBACK, href


# --- DNS rebinding -----------------------------------------------------------------------------


def websocket_status(server: AppServer, host: str) -> str:
    """The status line the server answers a WebSocket handshake with ``Host: host``."""
    address = urlsplit(server.url)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
        "\r\n"
    )
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request.encode())
        with contextlib.suppress(TimeoutError):
            return sock.makefile("rb").readline().decode("latin-1").strip()
    return ""


def test_a_websocket_for_another_host_is_refused(
    hostile_server: tuple[AppServer, Profile],
) -> None:
    server, _ = hostile_server
    port = urlsplit(server.url).port
    assert " 101 " in websocket_status(server, f"127.0.0.1:{port}") + " "
    assert " 101 " in websocket_status(server, f"localhost:{port}") + " "
    for foreign in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1.nip.io:{port}"):
        status = websocket_status(server, foreign)
        assert " 101 " not in status + " ", (foreign, status)
