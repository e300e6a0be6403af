"""Sidebar clicks in Chromium: the dashboard on the sample against a bare two-page app.

One run starts two Streamlit servers, the real ``app.py`` on a fresh temporary data folder (it
imports the shipped sample on its first session) and a bare ``st.navigation`` app of two pages
holding one ``st.text_input`` each (written to a temporary folder), and opens each in Debian's
Chromium. It then clicks the sidebar, alternating: one click in the dashboard (walking the
section pages in order, round and round), one click in the bare app (its other page), ``--clicks``
times each. A click's time runs from the mouse press to the new page drawn with the script idle:
the page's title has changed to the one clicked and ``data-test-script-state`` is
``notRunning``, both seen by a MutationObserver inside the page, so Playwright's own polling is
not part of the figure. Printed: median and p90 of each, and the dashboard as a multiple of the
bare app (issue 8's target: at most 1.5x; 1.8x before the fix).

    python benchmarks/bench_browser.py                 # --clicks 30 each by default
    cd /work/wt-base && PYTHONPATH=$PWD python /work/main/benchmarks/bench_browser.py

The dashboard measured is the checkout in the current directory when it holds an ``app.py``
(else the one this script is in); ``--root`` names another. The sidebar entry is clicked by its
name, whether the menu is Streamlit's links or the dashboard's own buttons. Nothing is written
into ``data/`` or ``exports/``. A script that prints figures: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Locator, Page, sync_playwright

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from tests.e2e.conftest import CHROMIUM_ARGS, streamlit_server  # noqa: E402

TIMEOUT_MS = 60_000
TARGET = 1.5

BARE_APP = """\
import streamlit as st

page = st.navigation([st.Page("one.py", title="Page one"), st.Page("two.py", title="Page two")])
page.run()
"""
BARE_PAGE = """\
import streamlit as st

st.title({title!r}, anchor=False)
st.text_input("Text", key={key!r})
"""

# Installed in each page once: stamps the mouse press, and the first moment after it at which
# the title reads ``want`` and the script is idle.
PROBE = """
() => {
  if (window.__bench) return;
  const bench = (window.__bench = { want: null, start: null, end: null });
  document.addEventListener("mousedown", () => {
    if (bench.want !== null && bench.start === null) bench.start = performance.now();
  }, true);
  const check = () => {
    if (bench.start === null || bench.end !== null) return;
    const app = document.querySelector('[data-testid="stApp"]');
    const title = document.querySelector('[data-testid="stMain"] h1');
    if (app && title && app.dataset.testScriptState === "notRunning"
        && title.textContent.trim() === bench.want) bench.end = performance.now();
  };
  new MutationObserver(check).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
}
"""


def menu_entry(page: Page, title: str) -> Locator:
    """The sidebar entry of a page: the dashboard's button, or a Streamlit navigation link."""
    sidebar = page.get_by_test_id("stSidebar")
    button = sidebar.get_by_role("button", name=title, exact=True)
    link = sidebar.get_by_test_id("stSidebarNavLink").filter(
        has=page.get_by_text(title, exact=True)
    )
    entry = button.or_(link)
    more = sidebar.get_by_test_id("stSidebarNavViewButton")
    if not entry.first.is_visible() and more.count() and "more" in more.inner_text():
        more.click()
        idle(page)
    return entry.first


def idle(page: Page) -> None:
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
        "[data-test-script-state='notRunning']",
        timeout=TIMEOUT_MS,
    )


def title(page: Page) -> str:
    return page.get_by_test_id("stMain").locator("h1").first.inner_text().strip()


def click_and_time(page: Page, target: str) -> tuple[float, float]:
    """Seconds from the press on ``target``'s sidebar entry to its page drawn and idle.

    Two figures: as the page saw it (mouse press to the observer's stamp) and as the driver saw
    it (before Playwright's click to the end of its wait, polling every frame), the way a
    browser test waits for a page.
    """
    entry = menu_entry(page, target)
    entry.scroll_into_view_if_needed()
    page.evaluate(
        "w => { Object.assign(window.__bench, {want: w, start: null, end: null}); }", target
    )
    wall = time.perf_counter()
    entry.click()
    page.wait_for_function("() => window.__bench.end !== null", timeout=TIMEOUT_MS, polling="raf")
    wall = time.perf_counter() - wall
    start, end = page.evaluate("() => [window.__bench.start, window.__bench.end]")
    idle(page)  # and settled: the next click starts from a quiet page
    if title(page) != target:
        sys.exit(f"clicked {target!r} but the page shows {title(page)!r}")
    return (end - start) / 1000, wall


def load(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stMain").locator("h1").first.wait_for(timeout=TIMEOUT_MS)
    idle(page)
    page.evaluate(PROBE)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[8] if len(values) > 1 else values[0]


def app_root(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit).resolve()
    cwd = Path.cwd()
    return cwd if (cwd / "app.py").is_file() else HERE


_SECTIONS = "from prep_core.sections import SECTIONS\nfor s in SECTIONS: print(s.key, s.title)"


def sections_of(root: Path) -> list[tuple[str, str]]:
    """(key, title) of the measured checkout's sections, read in its own process."""
    out = subprocess.run(
        [sys.executable, "-c", _SECTIONS],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [tuple(line.split(" ", 1)) for line in out.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=30, help="clicks measured in each app")
    parser.add_argument("--root", help="the checkout whose app.py is measured")
    args = parser.parse_args()

    root = app_root(args.root)
    sections = sections_of(root)
    walk = [title for _, title in sections]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is not installed")
    commit = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        tmp_path = Path(tmp)
        bare_dir = tmp_path / "bare"
        bare_dir.mkdir()
        (bare_dir / "app.py").write_text(BARE_APP)
        (bare_dir / "one.py").write_text(BARE_PAGE.format(title="Page one", key="one"))
        (bare_dir / "two.py").write_text(BARE_PAGE.format(title="Page two", key="two"))
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        logs = {name: tmp_path / f"{name}-logs" for name in ("app", "bare")}
        for folder in logs.values():
            folder.mkdir()
        with (
            streamlit_server(
                root / "app.py", data_dir, logs["app"], {"PYTHONPATH": str(root)}
            ) as app_server,
            streamlit_server(bare_dir / "app.py", data_dir, logs["bare"]) as bare_server,
            sync_playwright() as pw,
        ):
            app_url, bare_url = app_server.url, bare_server.url
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            size = {"viewport": {"width": 1280, "height": 900}}
            app = browser.new_context(**size).new_page()
            bare = browser.new_context(**size).new_page()
            load(app, f"{app_url}/{sections[0][0]}")
            load(bare, bare_url)
            for target in walk[1:] + walk[:1]:  # warm-up: every section page drawn once
                click_and_time(app, target)
            for target in ["Page two", "Page one"] * 2:
                click_and_time(bare, target)

            app_times, bare_times = [], []
            here_bare = title(bare)
            for i in range(args.clicks):
                app_times.append(click_and_time(app, walk[(i + 1) % len(walk)]))
                here_bare = "Page two" if here_bare == "Page one" else "Page one"
                bare_times.append(click_and_time(bare, here_bare))
            browser.close()

    print(f"Sidebar click to the new page drawn and idle, Chromium, {args.clicks} clicks each")
    print(f"dashboard: {root} ({commit or 'no git'}), on the sample, walking the section pages")
    for k, how in enumerate(("in the page (mouse press to drawn)", "from the driver (click call)")):
        report(how, [t[k] for t in app_times], [t[k] for t in bare_times])


def report(how: str, app: list[float], bare: list[float]) -> None:
    ms = 1000
    print(f"\n{how:36}{'median':>10}{'p90':>10}{'min':>10}")
    for name, times in (("  dashboard", app), ("  bare app", bare)):
        print(
            f"{name:36}{statistics.median(times) * ms:>8.0f}ms{p90(times) * ms:>8.0f}ms"
            f"{min(times) * ms:>8.0f}ms"
        )
    ratio = statistics.median(app) / statistics.median(bare)
    print(
        f"  ratio dashboard/bare: median {ratio:.2f}x, p90 {p90(app) / p90(bare):.2f}x, "
        f"min {min(app) / min(bare):.2f}x (target: median at most {TARGET}x)"
    )


if __name__ == "__main__":
    main()
