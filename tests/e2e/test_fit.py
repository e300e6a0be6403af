"""The Fit page in a real browser: the sample's coverage, a gap fixed, kinds changed.

A person opens the Fit page from the sidebar, reads "Must-haves covered", opens the Gaps tab
and clicks *Add a skills row* on the one uncovered must-have of the sample (cloud platforms such
as AWS): the row is in the profile's file, linked to the requirement, but with no talking point
it proves nothing, so the must-have is *in progress* with the cursor in its talking point; once
that is written the figure rises. A story is written in the Stories tab and lands in
``stories.json``; it proves the requirement once it has its result. In the Requirements tab the
picker shows a kind just changed, and several requirements become must-haves in one click. The
page is also drawn at phone width (390 px), where nothing may run off the side; screenshots of
both widths go to ``test-results/``. Never skipped under CI=true."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from prep_core.coverage import coverage
from prep_core.store import Store
from tests.conftest import ROOT
from tests.e2e.conftest import (
    AppServer,
    commit_text,
    go_to,
    no_exception,
    open_app,
    read_json,
    streamlit_server,
    wait_for_app,
    wait_for_file,
)

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
AWS = "Experience with cloud platforms such as AWS"


@pytest.fixture(scope="module")
def server(chromium_path: str) -> Iterator[AppServer]:
    """The real app.py on a data folder of this module's own (the app imports the sample)."""
    with tempfile.TemporaryDirectory(prefix="prep-fit-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as app:
            yield app


def metric(page: Page, label: str) -> Locator:
    """The value of the metric labelled ``label`` on the page."""
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue")


def open_tab(page: Page, name: str) -> None:
    page.get_by_test_id("stMain").get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")
    wait_for_app(page)
    no_exception(page)


def overflow(page: Page) -> list[str]:
    """Elements of the main area whose text runs past the window's right edge, or is cut
    inside a box that hides its overflow."""
    return page.get_by_test_id("stMain").evaluate(
        """main => {
            const edge = window.innerWidth;
            return [...main.querySelectorAll('p, span, button, h1, h2, h3, label')]
              .filter((n) => n.offsetParent !== null)
              // a table scrolls sideways inside its own frame, as one piece: reachable, not cut
              .filter((n) => !n.closest('[data-testid="stTable"]'))
              .filter((n) => n.getBoundingClientRect().right > edge + 1
                  || (n.scrollWidth > n.clientWidth + 1
                      && ['hidden', 'clip'].includes(getComputedStyle(n).overflowX)
                      && getComputedStyle(n).textOverflow !== 'ellipsis'))
              .map((n) => n.tagName + ': ' + n.textContent.slice(0, 60));
        }"""
    )


def sample_file(server: AppServer, page: Page) -> Path:
    open_app(page, server.url)  # the first run imports the sample
    (path,) = server.profile_files()
    return path


def skill_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["prep"]["skill_map"]


def test_an_added_skills_row_is_in_progress_until_its_talking_point(
    page: Page, server: AppServer, results_dir: Path
) -> None:
    """*Add a skills row* adds a row with no talking point: the must-have is in progress, not
    covered, with the cursor in the talking point to write; written, the must-have counts."""
    path = sample_file(server, page)
    profile = Store(server.data_dir).load(path.stem)
    aws = next(r for r in coverage(profile).requirements if r.text.startswith(AWS))
    before = len(skill_rows(wait_for_file(path, bool, "the sample")))

    go_to(page, "Fit")
    expect(metric(page, "Must-haves covered")).to_have_text("5 of 6")
    page.screenshot(path=str(results_dir / "fit-matrix.png"), full_page=True)

    open_tab(page, "Gaps")
    gap = page.locator(f".st-key-fit-gap-{aws.id}")
    expect(gap).to_contain_text(AWS)
    expect(gap).to_contain_text("No skills row answers it")
    page.screenshot(path=str(results_dir / "fit-gaps.png"), full_page=True)
    gap.get_by_role("button", name="Add a skills row").click()

    point = gap.get_by_label("Talking point")
    expect(point).to_be_focused()  # the one thing left to write
    wait_for_app(page)
    no_exception(page)
    expect(metric(page, "Must-haves covered")).to_have_text("5 of 6")  # an empty row proves nothing
    expect(gap).to_contain_text("In progress")
    expect(gap.get_by_role("button", name="Add a skills row")).to_have_count(0)
    data = wait_for_file(
        path, lambda d: len(skill_rows(d)) == before + 1, "the skills row added by the fix"
    )
    row = skill_rows(data)[-1]
    assert (row["skill"], row["requirement"], row["requirement_id"]) == ("AWS", aws.text, aws.id)
    assert row["talking_point"] == ""
    gap.scroll_into_view_if_needed()
    page.screenshot(path=str(results_dir / "fit-in-progress.png"))

    commit_text(point, "Moved 40 training jobs to AWS spot GPUs, a third cheaper")
    expect(metric(page, "Must-haves covered")).to_have_text("6 of 6")
    wait_for_app(page)
    no_exception(page)
    data = wait_for_file(
        path, lambda d: skill_rows(d)[-1]["talking_point"] != "", "the talking point"
    )
    assert skill_rows(data)[-1]["talking_point"].startswith("Moved 40 training jobs")
    expect(gap).to_have_count(1)  # still a gap (no story, no answer), but proven by the row
    expect(gap).not_to_contain_text("In progress")


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_fit_page_on_a_phone(phone: Page, server: AppServer, results_dir: Path) -> None:
    page = phone
    open_app(page, f"{server.url}/fit")
    expect(metric(page, "Must-haves covered")).to_be_visible()
    main = page.get_by_test_id("stMain")
    for tab, shown in (
        ("Matrix", main.get_by_test_id("stTable")),
        ("Gaps", main.locator("[class*='st-key-fit-gap-']").first),
        ("Requirements", main.get_by_label("Requirement", exact=True)),
        ("Stories", main.get_by_role("button", name="Add a story")),
    ):
        if tab != "Matrix":
            open_tab(page, tab)
        expect(shown).to_be_visible()
        shot = tab.lower()
        page.screenshot(path=str(results_dir / f"phone-fit-{shot}.png"), full_page=True)
        whole = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, client: window.innerWidth})"
        )
        assert whole["scroll"] <= whole["client"], f"{tab}: the page scrolls sideways: {whole}"
        assert not overflow(page), f"{tab}: text cut or past the edge: {overflow(page)}"
    open_tab(page, "Gaps")  # a one-click fix leaves a requirement in progress: on a phone too
    gap = main.locator("[class*='st-key-fit-gap-']").filter(
        has=page.get_by_role("button", name="Add a skills row")
    )
    gap.first.get_by_role("button", name="Add a skills row").click()
    point = main.get_by_label("Talking point")
    expect(point).to_be_focused()
    wait_for_app(page)
    no_exception(page)
    expect(main.get_by_text("In progress, not covered yet.")).to_be_visible()
    page.screenshot(path=str(results_dir / "phone-fit-in-progress.png"), full_page=True)
    assert not overflow(page), f"in progress: text cut or past the edge: {overflow(page)}"


def test_write_a_story_in_the_app(page: Page, server: AppServer, results_dir: Path) -> None:
    bank = server.data_dir / "stories.json"
    open_app(page, f"{server.url}/fit")
    open_tab(page, "Stories")
    main = page.get_by_test_id("stMain")
    main.get_by_role("button", name="Add a story").click()
    title = main.get_by_label("Title", exact=True)
    expect(title).to_be_visible()
    wait_for_app(page)
    commit_text(title, "Moved training to the cloud")
    wait_for_file(bank, lambda d: d["stories"][-1]["title"] != "", "the title")
    wait_for_app(page)
    commit_text(main.get_by_label("Action"), "I moved 40 training jobs to AWS spot GPUs.")
    wait_for_file(bank, lambda d: "AWS" in d["stories"][-1]["action"], "the action")
    wait_for_app(page)
    no_exception(page)
    expect(main.get_by_text(f"Proves once its result is written: {AWS}")).to_be_visible()
    commit_text(main.get_by_label("Result"), "Training cost a third less.")
    data = wait_for_file(
        bank,
        lambda d: (
            [s["title"] for s in d["stories"]][-1:] == ["Moved training to the cloud"]
            and d["stories"][-1]["result"] != ""
        ),
        "the story typed in the app",
    )
    wait_for_app(page)
    no_exception(page)
    expect(main.get_by_text(f"Proves: {AWS}")).to_be_visible()  # the story covers it now
    page.screenshot(path=str(results_dir / "fit-stories.png"), full_page=True)
    main.get_by_role("button", name="Delete this story").scroll_into_view_if_needed()
    page.screenshot(path=str(results_dir / "fit-stories-links.png"))
    assert read_json(bank) == data


def select(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label``, as a person does."""
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)
    no_exception(page)


def test_the_requirement_picker_shows_the_kind_just_chosen(page: Page, server: AppServer) -> None:
    path = sample_file(server, page)
    profile = Store(server.data_dir).load(path.stem)
    first = coverage(profile).requirements[0]
    assert first.kind == "responsibility"
    go_to(page, "Fit")
    open_tab(page, "Requirements")
    picker = page.get_by_role("combobox", name="Requirement to edit")
    expect(picker).to_have_value(f"Responsibility: {first.text[:80]}")
    select(page, "Kind", "Must-have")
    wait_for_file(
        path, lambda d: d.get("requirements") and d["requirements"][0]["kind"] == "must", "kind"
    )
    expect(picker).to_have_value(f"Must-have: {first.text[:80]}")


def test_make_several_requirements_must_haves_at_once(page: Page, server: AppServer) -> None:
    path = sample_file(server, page)
    profile = Store(server.data_dir).load(path.stem)
    rows = coverage(profile).requirements
    wrong = [r for r in rows if r.kind != "must"][:2]
    musts = sum(r.kind == "must" for r in rows) + 2
    go_to(page, "Fit")
    open_tab(page, "Requirements")
    main = page.get_by_test_id("stMain")
    make = main.get_by_role("button", name="Make these must-haves")
    expect(make).to_be_disabled()
    several = main.get_by_test_id("stMultiSelect").filter(has_text="Change the kind of several")
    options = page.get_by_role("listbox")
    for row in wrong:
        if not options.is_visible():
            several.click()
        label = f"{'Nice to have' if row.kind == 'nice' else 'Responsibility'}: {row.text[:80]}"
        page.get_by_role("option", name=label.strip(), exact=True).click()
        wait_for_app(page)
    page.keyboard.press("Escape")
    expect(options).to_have_count(0)
    expect(several.get_by_role("button", name=re.compile("^Remove"))).to_have_count(2)
    make.click()
    ids = {w.id for w in wrong}
    data = wait_for_file(
        path,
        lambda d: [r["kind"] for r in d.get("requirements", []) if r["id"] in ids] == ["must"] * 2,
        "the two requirements made must-haves",
    )
    wait_for_app(page)
    no_exception(page)
    assert sum(r["kind"] == "must" for r in data["requirements"]) == musts
    expect(metric(page, "Must-haves covered")).to_contain_text(f"of {musts}")
    expect(make).to_be_disabled()  # the pick is cleared
