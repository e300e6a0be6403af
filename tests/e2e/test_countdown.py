"""The Plan and Debrief pages in a real browser: an item opens its page; a round is debriefed.

Shares the session's Streamlit server (and its imported sample) with test_browser.py, so each
test writes its own unique values and holds for whatever rounds the sample has by then.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from prep_core.rounds import parse_length
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
from tests.render import render_pages

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


def _round_box(page: Page, rid: str):
    return page.locator(f".st-key-round-{rid}")


def _set_round(page: Page, app_server: AppServer, rid: str, kind: str, length: str, at: str):
    """Pick the round's kind, then type its length and time; each saved before the next."""
    box = _round_box(page, rid)
    box.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=kind, exact=True).click()
    wait_for_disk(
        app_server,
        lambda d: any(r["id"] == rid and r["kind"] != "interview" for r in d["rounds"]),
        f"round kind {kind}",
    )
    wait_for_app(page)
    commit_text(box.get_by_label("Length", exact=True), length)
    wait_for_disk(
        app_server,
        lambda d: any(r["id"] == rid and r["minutes"] == parse_length(length) for r in d["rounds"]),
        f"round length {length}",
    )
    wait_for_app(page)
    commit_text(box.get_by_label("Time", exact=True), at)
    wait_for_disk(
        app_server,
        lambda d: any(r["id"] == rid and r["start_time"] for r in d["rounds"]),
        "the round's time",
    )
    wait_for_app(page)


def test_two_rounds_are_added_the_date_untouched_and_the_zone_carried(
    page: Page, app_server: AppServer, tmp_path
) -> None:
    open_app(page, app_server, "basics")
    expect_title(page, "Company Profile")
    data = on_disk(app_server)
    if not data["rounds"]:  # the sample has none: type the date, as a person would
        day = (date.today() + timedelta(days=3)).isoformat()
        commit_text(page.get_by_label("Interview date", exact=True), day)
        data = wait_for_disk(app_server, lambda d: d["interview_date"] == day, "the date")
        wait_for_app(page)
    headline = data["interview_date"]
    before = len(data["rounds"])

    page.get_by_role("button", name="Add a round").click()
    data = wait_for_disk(app_server, lambda d: len(d["rounds"]) == before + 1, "round one")
    wait_for_app(page)
    screen = data["rounds"][-1]["id"]
    commit_text(_round_box(page, screen).get_by_label("Time zone", exact=True), "Europe/Berlin")
    wait_for_disk(
        app_server,
        lambda d: any(r["id"] == screen and r["timezone"] == "Europe/Berlin" for r in d["rounds"]),
        "round one's zone",
    )
    wait_for_app(page)
    _set_round(page, app_server, screen, "Recruiter screen", "45 min", "10:00")

    page.get_by_role("button", name="Add a round").click()
    data = wait_for_disk(app_server, lambda d: len(d["rounds"]) == before + 2, "round two")
    wait_for_app(page)
    onsite = data["rounds"][-1]
    assert onsite["timezone"] == "Europe/Berlin"  # carried from the round before
    _set_round(page, app_server, onsite["id"], "Onsite", "4 h", "09:00")
    data = on_disk(app_server)
    assert data["interview_date"] == headline  # adding rounds never moved it
    saved = {r["id"]: r for r in data["rounds"]}
    assert (saved[screen]["kind"], saved[screen]["minutes"]) == ("recruiter_screen", 45)
    assert (saved[onsite["id"]]["kind"], saved[onsite["id"]]["minutes"]) == ("onsite", 240)
    expect(page.get_by_label("Interview date", exact=True)).to_have_value(headline)
    no_exception(page)

    open_app(page, app_server, "plan")
    expect_title(page, "Plan")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Recruiter screen round at 10:00–10:45 (Europe/Berlin)")
    expect(main).to_contain_text("Onsite round at 09:00–13:00 (Europe/Berlin)")  # to the last
    brief = page.get_by_test_id("stDownloadButton").filter(has_text="Onsite").last
    with page.expect_download() as download:
        brief.click()
    target = tmp_path / "brief.docx"
    download.value.save_as(target)
    assert render_pages(target) == 1
    no_exception(page)
