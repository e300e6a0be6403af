"""The Plan and Debrief pages in a real browser: an item opens its page; a round is debriefed.

Shares the session's Streamlit server (and its imported sample) with test_browser.py, so each
test writes its own unique values and holds for whatever rounds the sample has by then.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, wait_for_app
from tests.e2e.test_browser import (
    arrive,
    commit_text,
    expect_title,
    no_exception,
    on_disk,
    open_app,
    unique,
    wait_for_disk,
)

pytestmark = pytest.mark.e2e


def test_a_plan_item_opens_the_page_where_it_is_done(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server, "plan")
    expect_title(page, "Plan")
    main = page.get_by_test_id("stMain")
    if on_disk(app_server).get("interview_date") or on_disk(app_server).get("rounds"):
        main.get_by_role("button", name="Review the Anki deck").first.click()
        arrive(page, "Export")
    else:
        expect(main).to_contain_text("No interview date yet")
        main.get_by_role("button", name="Add your interview rounds or date").click()
        arrive(page, "Company Profile")


def test_a_round_is_added_then_debriefed(page: Page, app_server: AppServer) -> None:
    open_app(page, app_server, "basics")
    expect_title(page, "Company Profile")
    before = len(on_disk(app_server)["rounds"])
    page.get_by_role("button", name="Add a round").click()
    wait_for_disk(app_server, lambda d: len(d["rounds"]) == before + 1, "a new round")
    wait_for_app(page)
    no_exception(page)

    open_app(page, app_server, "debrief")
    expect_title(page, "Debrief")
    question = unique("Design a feature store")
    commit_text(page.get_by_label("A question they asked", exact=True), question)
    wait_for_app(page)
    page.get_by_role("button", name="Add the question").click()
    data = wait_for_disk(
        app_server,
        lambda d: any(q["text"] == question and q["asked_in"] for q in d["prep"]["questions"]),
        "the question asked, tagged with its round",
    )
    rid = next(q["asked_in"] for q in data["prep"]["questions"] if q["text"] == question)
    assert rid in {r["id"] for r in data["rounds"]}
    wait_for_app(page)
    notes = unique("Went well")
    commit_text(page.get_by_label("Notes", exact=True), notes)
    wait_for_disk(
        app_server,
        lambda d: any(r["debrief"]["notes"] == notes for r in d["rounds"]),
        "the debrief notes",
    )
    wait_for_app(page)
    page.get_by_role("button", name="Draft the note from my profile").click()
    wait_for_disk(
        app_server,
        lambda d: any(question in r["debrief"]["thank_you"] for r in d["rounds"]),
        "a thank-you draft naming the question asked",
    )
    wait_for_app(page)
    expect(page.get_by_label("Thank-you note", exact=True)).to_contain_text(question)
    no_exception(page)
