"""The dashboard in a real browser: what a person clicks, what ends up on disk and in the download.

One Streamlit server for the module (``app_server``: the real ``app.py`` on an empty temp data
folder, so the app imports the sample itself); a fresh browser context (a new session) per test.
Tests do not depend on each other's edits: each writes its own unique values.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from prep_core.formats import get_format
from prep_core.sections import SECTIONS
from tests.e2e.conftest import AppServer, wait_for_app

pytestmark = pytest.mark.e2e

DISK_TIMEOUT = 10.0  # seconds for a save to reach the JSON file
# company-role-date.md; the shipped sample names no role, so the role part may be missing
FILENAME = re.compile(r"^netflix(-[a-z0-9]+)*-(\d{4}-\d{2}-\d{2})\.md$")


# --- helpers -------------------------------------------------------------------------------


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def sample_file(server: AppServer) -> Path:
    files = server.profile_files()
    assert len(files) == 1, f"expected the imported sample only, found {files}"
    return files[0]


def on_disk(server: AppServer) -> dict[str, Any]:
    return json.loads(sample_file(server).read_text(encoding="utf-8"))


def wait_for_disk(server: AppServer, check: Callable[[dict[str, Any]], bool], what: str) -> dict:
    """Poll the saved JSON until ``check`` holds (saves are synchronous, but the rerun is not)."""
    deadline = time.monotonic() + DISK_TIMEOUT
    while True:
        try:
            data = on_disk(server)
        except (json.JSONDecodeError, FileNotFoundError):  # mid-rename; read again
            data = None
        if data is not None and check(data):
            return data
        if time.monotonic() > deadline:
            pytest.fail(f"not on disk after {DISK_TIMEOUT:.0f} s: {what}")
        time.sleep(0.1)  # polling interval


def no_exception(page: Page) -> None:
    """No Streamlit exception box anywhere on the page; fail with its text if there is one."""
    boxes = page.get_by_test_id("stException")
    try:
        expect(boxes).to_have_count(0)
    except AssertionError:
        pytest.fail("Streamlit exception on the page:\n" + "\n\n".join(boxes.all_inner_texts()))


def open_app(page: Page, server: AppServer, path: str = "") -> None:
    """Load a page and wait for its first script run (every page starts with a title)."""
    page.goto(f"{server.url}/{path}")
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(heading).to_be_visible()  # the run has started; the state below was not stale
    wait_for_app(page)
    no_exception(page)


def expect_title(page: Page, title: str) -> None:
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(heading).to_have_text(title)


def arrive(page: Page, title: str) -> None:
    """After a click that changes page: the new page's title, then the end of its run, no error.

    Waiting for the title first means the readiness check cannot see the old page's state.
    """
    expect_title(page, title)
    wait_for_app(page)
    no_exception(page)


def nav_link(page: Page, title: str) -> Locator:
    """The sidebar navigation link of a page, expanding "View N more" when the list is collapsed."""
    nav = page.get_by_test_id("stSidebarNav")
    link = nav.get_by_test_id("stSidebarNavLink").filter(has=page.get_by_text(title, exact=True))
    more = nav.get_by_test_id("stSidebarNavViewButton")
    if not link.is_visible() and more.count() and "more" in more.inner_text():
        more.click()
    expect(link).to_have_count(1)
    return link


def go_to(page: Page, title: str) -> None:
    nav_link(page, title).click()
    arrive(page, title)


def commit_text(box: Locator, value: str) -> None:
    """Type into a text input or area and commit it as a person does (Enter / Ctrl+Enter)."""
    box.fill(value)
    is_area = box.evaluate("el => el.tagName") == "TEXTAREA"
    box.press("Control+Enter" if is_area else "Enter")


def set_headquarters(page: Page, server: AppServer, value: str) -> None:
    open_app(page, server, "overview")
    expect_title(page, "Company Overview")
    box = page.get_by_label("Headquarters", exact=True)
    commit_text(box, value)
    wait_for_disk(server, lambda d: d["overview"]["headquarters"] == value, f"HQ {value!r}")
    wait_for_app(page)  # the save happens in the run's callback, so the run has begun
    no_exception(page)


# --- scenarios -----------------------------------------------------------------------------


def test_first_run_imports_the_sample(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server)
    expect_title(page, "Library")
    data = on_disk(app_server)
    assert data["company"] == "Netflix"
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Netflix")
    expect(page).to_have_url(re.compile(rf"profile={data['id']}"))


def test_every_page_opens_from_the_sidebar(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server)
    for title in ["Library", *(s.title for s in SECTIONS), "Readiness", "Export"]:
        go_to(page, title)


def test_previous_and_next_walk_the_sections_in_order(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server, SECTIONS[0].key)
    expect_title(page, SECTIONS[0].title)
    for section in SECTIONS[1:]:
        page.get_by_role("button", name=f"Next: {section.title}").click()
        arrive(page, section.title)
        expect(page).to_have_url(re.compile(rf"/{section.key}\?"))
    page.get_by_role("button", name="Next: Readiness").click()
    arrive(page, "Readiness")

    open_app(page, app_server, SECTIONS[-1].key)
    for section in reversed(SECTIONS[:-1]):
        page.get_by_role("button", name=f"Previous: {section.title}").click()
        arrive(page, section.title)
    page.get_by_role("button", name="Previous: Library").click()
    arrive(page, "Library")


def test_edit_survives_page_switch_and_reload(page: Page, app_server: AppServer) -> None:
    value = unique("Los Gatos, California")
    set_headquarters(page, app_server, value)

    go_to(page, "Competitors")
    go_to(page, "Company Overview")
    expect(page.get_by_label("Headquarters", exact=True)).to_have_value(value)

    page.reload()
    arrive(page, "Company Overview")
    expect(page.get_by_label("Headquarters", exact=True)).to_have_value(value)
    assert on_disk(app_server)["overview"]["headquarters"] == value
    no_exception(page)


def test_question_with_answer_reaches_disk(page: Page, app_server: AppServer) -> None:
    text, answer = unique("Why streaming?"), unique("Because I watch it every day")
    open_app(page, app_server, "prep")  # the first visit imports the sample
    before = len(on_disk(app_server)["prep"]["questions"])
    expect_title(page, "Interview Preparation")
    page.get_by_role("tab", name="Potential Questions to Prepare For").click()
    add = page.get_by_role("button", name="Add question")
    expect(add).to_be_visible()
    wait_for_app(page)

    add.click()
    wait_for_disk(app_server, lambda d: len(d["prep"]["questions"]) == before + 1, "a new question")
    # the editor below the overview switches to the new, empty question
    picker = page.get_by_role("combobox", name="Question to edit")
    expect(picker).to_have_value(re.compile(rf"^{before + 1}\. "))
    wait_for_app(page)

    box = page.get_by_label("Question", exact=True)
    expect(box).to_have_value("")
    commit_text(box, text)
    wait_for_disk(app_server, lambda d: d["prep"]["questions"][-1]["text"] == text, "question")
    wait_for_app(page)
    # the editor stays on the new question
    expect(picker).to_have_value(re.compile(rf"^{before + 1}\. "))
    expect(box).to_have_value(text)

    commit_text(page.get_by_label("Drafted answer", exact=True), answer)
    data = wait_for_disk(
        app_server, lambda d: d["prep"]["questions"][-1]["answer"] == answer, "answer"
    )
    assert data["prep"]["questions"][-1]["text"] == text
    answered = sum(bool(q["answer"]) for q in data["prep"]["questions"])
    summary = f"{before + 1} questions, {answered} with a drafted answer"
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=summary)).to_be_visible()
    expect(picker).to_have_value(re.compile(rf"^{before + 1}\. {re.escape(text)}"))
    no_exception(page)


def open_skills_tab(page: Page) -> Locator:
    page.get_by_role("tab", name="Skills-to-Requirements Mapping").click()
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_have_count(1)  # drawn only once the tab's rerun has run
    wait_for_app(page)
    return grid


def test_skills_row_reaches_disk(page: Page, app_server: AppServer) -> None:
    skill = unique("Recommender systems")
    open_app(page, app_server, "prep")
    before = len(on_disk(app_server)["prep"]["skill_map"])

    grid = open_skills_tab(page)
    grid.hover()
    grid.get_by_role("button", name="Add row").click()
    wait_for_disk(app_server, lambda d: len(d["prep"]["skill_map"]) == before + 1, "a new row")

    # Saving the new row redraws the grid; start from a fresh page so no redraw is pending.
    page.reload()
    arrive(page, "Interview Preparation")
    grid = open_skills_tab(page)
    # Glide draws on a canvas: header and rows are 35 px high; the new row is the last one.
    cells = grid.get_by_test_id("stDataFrameResizable")
    cells.click(position={"x": 60, "y": 35 * (before + 1) + 17})
    page.keyboard.press("Enter")  # open the cell editor
    editor = page.locator("textarea.gdg-input")
    expect(editor).to_be_visible()
    editor.fill(skill)
    editor.press("Enter")
    data = wait_for_disk(
        app_server,
        lambda d: [r["skill"] for r in d["prep"]["skill_map"]][-1:] == [skill],
        f"skill {skill!r} in the last row",
    )
    assert len(data["prep"]["skill_map"]) == before + 1
    wait_for_app(page)
    no_exception(page)


def test_markdown_download_holds_the_edit(page: Page, app_server: AppServer) -> None:
    value = unique("Los Gatos, CA")
    set_headquarters(page, app_server, value)
    go_to(page, "Export")

    label = f"Download {get_format('md').label}"
    button = page.get_by_test_id("stDownloadButton").get_by_role("button", name=label)
    with page.expect_download() as download:
        button.click()
    name = download.value.suggested_filename
    match = FILENAME.match(name)
    assert match, name
    assert abs(date.fromisoformat(match[2]) - date.today()) <= timedelta(days=1), name
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Company Profile: Netflix")
    assert f"**Headquarters**: {value}" in text
    no_exception(page)


def test_section_page_screenshot(page: Page, app_server: AppServer, results_dir: Path) -> None:
    """A picture of a whole section page, for a person to look at (test-results/overview.png)."""
    open_app(page, app_server, "overview")
    expect_title(page, "Company Overview")
    expect(page.get_by_label("Founded", exact=True)).to_have_value("1997")
    # Streamlit scrolls inside its main container, so a "full page" shot is one viewport high;
    # make the viewport as tall as the content instead.
    height = page.get_by_test_id("stMain").evaluate("el => el.scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 6000)})
    next_button = page.get_by_role("button", name="Next: Company Mission and Values")
    expect(next_button).to_be_in_viewport()
    path = results_dir / "overview.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
