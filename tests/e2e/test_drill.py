"""The Drill page in a real browser: a session of five cards by keyboard only, the figure moving.

A person opens the Drill page of a profile with a round ten days ahead and five cards, and uses
only the keyboard: Space shows the answer, 3 rates it Good, five times. The predicted recall at
the round rises from 0 %, and each review is in the profile's file. At phone width (390 px) the
card and the four rating buttons fit on the screen, in one row, tapped with the thumb.
Screenshots go to ``test-results/``. Never skipped under CI=true.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from prep_core.model import Profile, Question
from prep_core.store import Store
from tests.conftest import ROOT
from tests.e2e.conftest import (
    AppServer,
    no_exception,
    open_app,
    streamlit_server,
    wait_for_app,
    wait_for_file,
)

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
RATINGS = ["Again", "Hard", "Good", "Easy"]


@pytest.fixture(scope="module")
def server(chromium_path: str) -> Iterator[AppServer]:
    """The real app.py on a data folder holding two profiles of five cards, a round ahead."""
    with tempfile.TemporaryDirectory(prefix="prep-drill-") as tmp:
        data_dir = Path(tmp) / "data"
        for company in ("Acme", "Globex"):
            Store(data_dir).create(five_cards(company))
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as app:
            yield app


def five_cards(company: str) -> Profile:
    profile = Profile(company=company)
    profile.interview_date = datetime.now().astimezone().date() + timedelta(days=10)
    profile.overview.founded = "1999"
    profile.overview.headquarters = "Berlin"
    profile.prep.questions = [
        Question(text=f"Question {n}?", answer=f"Answer {n}.") for n in range(3)
    ]
    return profile


def profile_file(server: AppServer, company: str) -> tuple[str, Path]:
    store = Store(server.data_dir)
    [found] = [p for p in store.profiles() if p.company == company]
    return found.id, store.folder / f"{found.id}.json"


def figure(page: Page) -> Locator:
    box = page.get_by_test_id("stMetric").filter(has_text="Predicted recall at the round")
    return box.get_by_test_id("stMetricValue")


def test_five_cards_by_keyboard_only(page: Page, server: AppServer, results_dir: Path) -> None:
    profile_id, path = profile_file(server, "Acme")
    open_app(page, f"{server.url}/drill?profile={profile_id}")
    main = page.get_by_test_id("stMain")
    expect(figure(page)).to_have_text("0%")
    for n in range(5):
        expect(main.get_by_text(f"Card {n + 1} of up to 5")).to_be_visible()
        expect(main.get_by_role("button", name="Good")).to_have_count(0)
        page.keyboard.press("Space")
        expect(main.get_by_role("button", name="Good")).to_be_visible()
        wait_for_app(page)
        if n == 0:
            page.screenshot(path=str(results_dir / "drill-answer.png"), full_page=True)
        page.keyboard.press("3")
        wait_for_file(path, lambda d, n=n: len(d["drill"]["reviews"]) == n + 1, f"review {n + 1}")
        wait_for_app(page)
        no_exception(page)
    expect(main.get_by_text("Session done: 5 cards drilled.")).to_be_visible()
    expect(figure(page)).not_to_have_text("0%")
    moved = page.get_by_test_id("stMetricDelta")
    expect(moved).to_contain_text("today")
    page.screenshot(path=str(results_dir / "drill-done.png"), full_page=True)
    data = wait_for_file(path, bool, "the profile")
    assert [r["rating"] for r in data["drill"]["reviews"]] == [3] * 5
    assert len({r["card"] for r in data["drill"]["reviews"]}) == 5


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_drill_on_a_phone(phone: Page, server: AppServer, results_dir: Path) -> None:
    page = phone
    profile_id, path = profile_file(server, "Globex")
    open_app(page, f"{server.url}/drill?profile={profile_id}")
    main = page.get_by_test_id("stMain")
    main.get_by_role("button", name="Show").tap()
    wait_for_app(page)
    buttons = [main.get_by_role("button", name=label) for label in RATINGS]
    boxes = [b.bounding_box() for b in buttons]
    page.screenshot(path=str(results_dir / "phone-drill.png"), full_page=True)
    assert len({round(box["y"]) for box in boxes}) == 1, f"not one row: {boxes}"
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] for box in boxes)
    assert all(box["height"] >= 40 and box["width"] >= 70 for box in boxes), boxes  # a thumb
    whole = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: window.innerWidth})"
    )
    assert whole["scroll"] <= whole["client"], f"the page scrolls sideways: {whole}"
    buttons[2].tap()
    wait_for_file(path, lambda d: len(d["drill"]["reviews"]) == 1, "the tapped review")
    wait_for_app(page)
    no_exception(page)
