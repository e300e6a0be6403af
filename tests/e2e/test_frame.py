"""frame.js in Chromium: its seven behaviours are installed, the start-up check of the Streamlit
DOM hooks they rely on is logged, and without the script at all the app still saves.

Each behaviour has its own browser test (mapped in tests/test_dom_hooks.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import ROOT
from tests.e2e.conftest import AppServer, open_app, streamlit_server, wait_for_file
from tests.test_dom_hooks import BEHAVIOUR_TESTS

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server_and_log(chromium_path: str) -> Iterator[tuple[AppServer, Path]]:
    with tempfile.TemporaryDirectory(prefix="prep-frame-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as app:
            yield app, Path(tmp) / "streamlit-stderr.log"


def test_the_seven_behaviours_are_installed_and_the_hooks_check_is_logged(
    page: Page, server_and_log: tuple[AppServer, Path]
) -> None:
    server, log = server_and_log
    open_app(page, server.url)
    assert sorted(page.evaluate("window.__prepFrame")) == sorted(BEHAVIOUR_TESTS)
    lines = [line for line in log.read_text().splitlines() if "DOM hooks" in line]
    assert len(lines) == 1 and "frame.js: all 6 DOM hooks found in Streamlit" in lines[0], lines


def test_without_frame_js_an_edit_still_saves(
    browser: Browser, server_and_log: tuple[AppServer, Path]
) -> None:
    """As with a Streamlit whose hooks are all gone: the script's extras are off, saving is not."""
    server, _ = server_and_log
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("window.__prepFrame = true")  # frame.js then installs nothing
    try:
        page = context.new_page()
        open_app(page, f"{server.url}/basics")
        assert page.evaluate("window.__prepFrame") is True
        (path,) = server.profile_files()
        box = page.get_by_label("Company", exact=True)
        box.click()
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type("Saved without frame.js")
        page.keyboard.press("Tab")
        wait_for_file(path, lambda d: d["company"] == "Saved without frame.js", "the edit")
        expect(box).to_have_value("Saved without frame.js")
    finally:
        context.close()
