"""The dashboard in a real browser: what a person clicks, what ends up on disk and in the download.

One Streamlit server for the module (``app_server``: the real ``app.py`` on an empty temp data
folder, so the app imports the sample itself); a fresh browser context (a new session) per test.
Tests do not depend on each other's edits: each writes its own unique values.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from prep_core.formats import get_format
from prep_core.sections import SECTIONS
from tests.e2e.conftest import (
    DISK_TIMEOUT,
    AppServer,
    arrive,
    commit_text,
    expect_title,
    go_to,
    no_exception,
    wait_for_app,
    wait_for_file,
)
from tests.e2e.conftest import open_app as open_url

pytestmark = pytest.mark.e2e
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
    return wait_for_file(sample_file(server), check, what, timeout=DISK_TIMEOUT)


def open_app(page: Page, server: AppServer, path: str = "") -> None:
    """Load a page of the app and wait for its first script run."""
    open_url(page, f"{server.url}/{path}")


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
    add = page.get_by_role("button", name="Add a question")
    expect(add).to_be_visible()
    wait_for_app(page)

    add.click()
    wait_for_disk(app_server, lambda d: len(d["prep"]["questions"]) == before + 1, "a new question")
    # the cursor is in the new question, the last of the list, its answer open under it
    box = page.get_by_label(f"Question {before + 1}", exact=True)
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_for_disk(app_server, lambda d: d["prep"]["questions"][-1]["text"] == text, "question")
    wait_for_app(page)
    expect(box).to_have_value(text)

    commit_text(page.get_by_label("Drafted answer", exact=True), answer)
    data = wait_for_disk(
        app_server, lambda d: d["prep"]["questions"][-1]["answer"] == answer, "answer"
    )
    assert data["prep"]["questions"][-1]["text"] == text
    answered = sum(bool(q["answer"]) for q in data["prep"]["questions"])
    summary = f"{before + 1} questions, {answered} with a drafted answer"
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=summary)).to_be_visible()
    no_exception(page)


def open_skills_tab(page: Page) -> Locator:
    """The Skills-to-Requirements tab of Interview Preparation; its "Add a row" button."""
    page.get_by_role("tab", name="Skills-to-Requirements Mapping").click()
    add = page.get_by_role("button", name="Add a row")
    expect(add).to_have_count(1)  # drawn only once the tab's rerun has run
    wait_for_app(page)
    return add


def test_skills_row_reaches_disk(page: Page, app_server: AppServer) -> None:
    skill = unique("Recommender systems")
    open_app(page, app_server, "prep")
    before = len(on_disk(app_server)["prep"]["skill_map"])

    open_skills_tab(page).click()
    wait_for_app(page)
    live = page.locator("[data-testid='stElementContainer']:not([data-stale='true'])")
    cell = live.get_by_label("Skill", exact=True)  # the new row is the one being edited
    expect(cell).to_have_count(1)  # the old row's field may linger while the rerun draws
    expect(cell).to_have_value("")
    commit_text(cell, skill)
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
