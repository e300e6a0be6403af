"""Real-browser test infrastructure: a Streamlit server on a fresh data folder and Debian chromium.

The server runs the real ``app.py`` from the repository root with ``PREP_DATA_DIR`` pointing at an
empty temp folder, so the app imports the shipped sample on first run and nothing in ``data/`` of
the checkout is read or written. The browser is Debian's ``chromium`` (``playwright install``
downloads are not available here); ``require_executable`` skips locally and fails under CI=true.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import ROOT, require_executable

SERVER_START_TIMEOUT = 60.0  # seconds; the first run imports pandas, pyarrow, docx, genanki
APP_TIMEOUT_MS = 30_000  # one script run after an interaction
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chromium's own calls to Google (form autofill hints), not the app's: the privacy test
    # records every request that leaves the machine.
    "--disable-features=AutofillServerCommunication",
]
EXPECT_TIMEOUT_MS = 10_000  # Playwright's 5 s default is tight while the suite loads the machine
RESULTS_DIR = ROOT / "test-results"  # gitignored; screenshots a person can look at


expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@dataclass(frozen=True)
class AppServer:
    url: str
    data_dir: Path

    def profile_files(self) -> list[Path]:
        return sorted((self.data_dir / "profiles").glob("*.json"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextlib.contextmanager
def streamlit_server(
    script: Path, data_dir: Path, log_dir: Path, extra_env: dict[str, str] | None = None
) -> Iterator[AppServer]:
    """Run ``streamlit run script`` on a free localhost port until the block ends.

    Also used by ``benchmarks/bench_browser.py`` (``extra_env``: a PYTHONPATH of another
    checkout).
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    env.update(extra_env or {})
    stderr_path = log_dir / "streamlit-stderr.log"
    stdout_path = log_dir / "streamlit-stdout.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", script.name,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=script.parent, env=env, stdout=out, stderr=err)
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while not _health_ok(url):
                if proc.poll() is not None:
                    pytest.fail(
                        f"streamlit exited with code {proc.returncode} before it was healthy:\n"
                        + stderr_path.read_text(errors="replace")[-4000:]
                    )
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"streamlit not healthy after {SERVER_START_TIMEOUT:.0f} s:\n"
                        + stderr_path.read_text(errors="replace")[-4000:]
                    )
                time.sleep(0.2)  # polling interval, not a wait for the app
            yield AppServer(url=url, data_dir=data_dir)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return require_executable("chromium", "chromium-browser")


@pytest.fixture(scope="session")
def browser_name() -> str:
    """Only Debian's chromium is available here, so no ``--browser`` flag is needed."""
    return "chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_path: str) -> dict:
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    viewport = {"width": 1280, "height": 900}
    return {**browser_context_args, "viewport": viewport, "accept_downloads": True}


@pytest.fixture(scope="session")
def app_server(chromium_path: str) -> Iterator[AppServer]:
    """The real app.py on a fresh, empty data folder (the app imports the sample itself)."""
    with tempfile.TemporaryDirectory(prefix="prep-e2e-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as server:
            yield server


@pytest.fixture
def results_dir() -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    return RESULTS_DIR


def wait_for_app(page: Page, timeout: float = APP_TIMEOUT_MS) -> None:
    """Wait until the app is connected and its script run has finished.

    The pattern of Streamlit's own ``e2e_playwright/conftest.py``: connection state, script state,
    no skeletons left. Call it after ``goto``/``reload`` and after every interaction.
    """
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout
    )
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


# --- what a person sees and does, shared by the browser tests --------------------------------

DISK_TIMEOUT = 10.0  # seconds for a save to reach the JSON file


def read_json(path: Path) -> dict[str, Any] | None:
    """A profile file's JSON, or None while it is missing or half-renamed."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, FileNotFoundError):
        return None


def wait_for_file(
    path: Path, check: Callable[[dict[str, Any]], bool], what: str, timeout: float = DISK_TIMEOUT
) -> dict[str, Any]:
    """Poll the saved JSON at ``path`` until ``check`` holds (the save runs in the app's rerun)."""
    deadline = time.monotonic() + timeout
    data = None
    while True:
        data = read_json(path)
        if data is not None and check(data):
            return data
        if time.monotonic() > deadline:
            pytest.fail(f"not on disk after {timeout:.0f} s: {what}\n(last read: {data!r:.2000})")
        time.sleep(0.1)  # polling interval


def no_exception(page: Page) -> None:
    """No Streamlit exception box anywhere on the page; fail with its text if there is one."""
    boxes = page.get_by_test_id("stException")
    try:
        expect(boxes).to_have_count(0)
    except AssertionError:
        pytest.fail("Streamlit exception on the page:\n" + "\n\n".join(boxes.all_inner_texts()))


def title_of(page: Page) -> Locator:
    return page.get_by_test_id("stMain").get_by_role("heading", level=1)


def expect_title(page: Page, title: str) -> None:
    expect(title_of(page)).to_have_text(title)


def arrive(page: Page, title: str) -> None:
    """After a click that changes page: the new page's title, then the end of its run, no error.

    Waiting for the title first means the readiness check cannot see the old page's state. The
    title is checked again once the app is idle: a page that jumps back after drawing the new one
    (a rerun of the old page racing the switch) does not count as arriving.
    """
    expect_title(page, title)
    wait_for_app(page)
    no_exception(page)
    expect_title(page, title)


def open_app(page: Page, url: str) -> None:
    """Load a page and wait for its first script run (every page starts with a title)."""
    page.goto(url)
    expect(title_of(page)).to_be_visible()  # the run has started; the state below was not stale
    wait_for_app(page)
    no_exception(page)


def menu_entry(page: Page, title: str) -> Locator:
    """The sidebar menu's entry for a page: a button of the app's own menu, or (before the
    button menu) a link of Streamlit's ``st.navigation`` menu, expanding "View N more" if needed.
    """
    sidebar = page.get_by_test_id("stSidebar")
    button = sidebar.get_by_role("button", name=title, exact=True)
    link = sidebar.get_by_test_id("stSidebarNavLink").filter(
        has=page.get_by_text(title, exact=True)
    )
    entry = button.or_(link)
    more = sidebar.get_by_test_id("stSidebarNavViewButton")
    if not entry.first.is_visible() and more.count() and "more" in more.inner_text():
        more.click()
    expect(entry).to_have_count(1)
    return entry


def go_to(page: Page, title: str) -> None:
    """Click a page in the sidebar menu and wait until it is drawn."""
    menu_entry(page, title).click()
    arrive(page, title)


def commit_text(box: Locator, value: str) -> None:
    """Type into a text input or area and commit it as a person does (Enter / Ctrl+Enter)."""
    box.fill(value)
    is_area = box.evaluate("el => el.tagName") == "TEXTAREA"
    box.press("Control+Enter" if is_area else "Enter")
