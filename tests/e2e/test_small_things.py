"""The small things a new user trips on, at 1280 px and on a 390 px phone, in Chromium.

A new blank profile opens on its first page; the one primary button of the Library is the open
profile's; the open tab comes back after a reload; the Fit matrix fits its width with the
coverage columns first; a Plan item that wraps reads from the left.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from prep_core.sections import SECTIONS
from prep_core.store import Store
from tests.conftest import ROOT
from tests.e2e.conftest import (
    AppServer,
    arrive,
    streamlit_server,
    wait_for_app,
)
from tests.e2e.test_walk import PHONE, Mine, make_profile, open_mine, open_tab, unique

pytestmark = pytest.mark.e2e

SIZES = {"1280": {"width": 1280, "height": 900}, "390": PHONE}
QUESTIONS_TAB = "Potential Questions to Prepare For"


@pytest.fixture(scope="module")
def server(chromium_path: str) -> Iterator[AppServer]:
    with tempfile.TemporaryDirectory(prefix="prep-small-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as app:
            yield app


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, page: Page) -> Page:
    page.set_viewport_size(SIZES[request.param])
    return page


@pytest.fixture
def mine(server: AppServer) -> Mine:
    return make_profile(server, unique("Netflix"))


def test_a_new_blank_profile_opens_on_its_first_page(sized: Page, mine: Mine) -> None:
    page = sized
    open_mine(page, mine, "", "Library")
    before = {p.name for p in mine.server.profile_files()}
    page.get_by_role("button", name="New blank profile").click()
    arrive(page, SECTIONS[0].title)
    (new,) = {p.name for p in mine.server.profile_files()} - before
    assert f"profile={Path(new).stem}" in page.url


def test_the_only_primary_button_is_the_open_profiles(sized: Page, mine: Mine) -> None:
    page = sized
    other = make_profile(mine.server, unique("Spotify"))
    open_mine(page, mine, "", "Library")
    main = page.get_by_test_id("stMain")
    primary = main.get_by_test_id("stBaseButton-primary")
    expect(primary).to_have_count(1)
    mine_row = page.locator(f".st-key-library-row-{mine.id}")
    expect(mine_row.get_by_test_id("stBaseButton-primary")).to_have_text("editContinue")
    other_row = page.locator(f".st-key-library-row-{other.id}")
    expect(other_row.get_by_test_id("stBaseButton-primary")).to_have_count(0)


def test_the_open_tab_comes_back_after_a_reload(sized: Page, mine: Mine) -> None:
    page = sized
    open_mine(page, mine, "prep", "Interview Preparation")
    open_tab(page, QUESTIONS_TAB)
    expect(page).to_have_url(re.compile(r"[?&]tab=potential-questions-to-prepare-for\b"))
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("tab", name=QUESTIONS_TAB)).to_have_attribute("aria-selected", "true")


def test_the_fit_matrix_fits_its_width_with_coverage_first(
    sized: Page, mine: Mine, results_dir: Path
) -> None:
    page = sized
    open_mine(page, mine, "fit", "Fit")
    table = page.locator(".st-key-fit-matrix table")
    expect(table).to_be_visible()
    edges = table.evaluate(
        """t => ({
            page: window.innerWidth,
            frame: t.closest('[data-testid="stTable"]').getBoundingClientRect().right,
            columns: [...t.querySelectorAll('th')].map((th) => th.getBoundingClientRect().right),
        })"""
    )
    assert edges["frame"] <= edges["page"] + 1, f"the table runs past the page: {edges}"
    in_view = [right <= edges["page"] + 1 for right in edges["columns"]]
    if page.viewport_size["width"] >= 1280:
        assert all(in_view), f"a column is cut off at 1280 px: {edges}"
    else:
        assert all(in_view[:4]), f"state and coverage columns in view on a phone: {edges}"
    headers = table.locator("th").all_inner_texts()
    assert headers[0] == "State" and headers[-1] == "Requirement", headers
    long = table.locator("td").filter(has_text="GPU-accelerated distributed training").first
    assert long.evaluate("td => td.getBoundingClientRect().height") > 0
    page.screenshot(
        path=str(ROOT / "test-results" / f"fit-matrix-{page.viewport_size['width']}.png"),
        full_page=True,
    )


def test_a_wrapped_plan_item_reads_from_the_left(
    sized: Page, mine: Mine, results_dir: Path
) -> None:
    store = Store(mine.server.data_dir)
    profile = store.load(mine.id)
    profile.interview_date = date.today() + timedelta(days=5)
    store.save(profile)
    page = sized
    open_mine(page, mine, "plan", "Plan")
    main = page.get_by_test_id("stMain")
    items = main.get_by_test_id("stBaseButton-tertiary").filter(visible=True)
    expect(items.first).to_be_visible()
    lines = items.evaluate_all(
        """buttons => buttons.map((b) => {
            const text = b.querySelector('p');
            const range = document.createRange();
            range.selectNodeContents(text);
            const left = b.getBoundingClientRect().left;
            return [...range.getClientRects()].map((r) => Math.round(r.left - left));
        })"""
    )
    wrapped = [starts for starts in lines if len(set(starts)) > 1 or len(starts) > 1]
    ragged = [starts for starts in wrapped if max(starts) - min(starts) > 2]
    assert not ragged, f"the lines of a wrapped item start at different places: {ragged}"
    if page.viewport_size["width"] < 500:
        assert wrapped, "on a phone some items wrap"
    width = page.viewport_size["width"]
    page.screenshot(path=str(results_dir / f"plan-{width}.png"), full_page=True)
