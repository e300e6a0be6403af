"""A mock round in a real browser: three questions in turn, the first spoken through Chromium's
fake microphone (an espeak-ng WAV), the others typed, a follow-up answered, then the report.

Each question's timer runs until Done; each answer is saved on its question as the person moves
on, and the round itself when they finish (checked in the saved JSON). Not skipped under CI=true.
"""

from __future__ import annotations

import re
import wave
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import test_practice
from tests.e2e.conftest import (
    AppServer,
    commit_text,
    go_to,
    no_exception,
    open_app,
    wait_for_app,
    wait_for_file,
)
from tests.e2e.test_practice import TRANSCRIBE_TIMEOUT_MS, profile_file, recorded_at_least

pytestmark = pytest.mark.e2e
spoken_wav = test_practice.spoken_wav  # the fixtures of the spoken attempt: an espeak-ng WAV
microphone_page = test_practice.microphone_page  # and Chromium's fake microphone playing it

VAGUE = (
    "At my last job our build was slow. My task was to speed it up. I cached the dependencies "
    "and split the tests. In the end the build got a lot faster."
)
REPLY = "It went from 40 minutes to 9."
PLAIN = (
    "When I was at my last job our deploys failed often. My goal was to make them safe. I added "
    "a canary stage on Kubernetes. As a result failed deploys fell by half."
)


def test_a_mock_round_spoken_and_typed_with_a_follow_up_and_the_report(
    microphone_page: Page, app_server: AppServer, spoken_wav: Path
) -> None:
    page = microphone_page
    with wave.open(str(spoken_wav)) as audio:
        duration = audio.getnframes() / audio.getframerate()
    open_app(page, app_server.url)
    go_to(page, "Practice")
    main = page.get_by_test_id("stMain")
    main.get_by_role("tab", name="Mock round").click()
    wait_for_app(page)
    main.get_by_test_id("stSelectbox").filter(has_text="Round").click()
    page.get_by_role("option", name="Behavioral", exact=True).click()
    wait_for_app(page)
    main.get_by_role("button", name="Start the mock round").click()
    wait_for_app(page)
    no_exception(page)
    path = profile_file(app_server)

    # 1: spoken. The timer ticks in the browser until Done.
    expect(main.get_by_text("Question 1 of 3")).to_be_visible()
    expect(main.locator(".prep-timer")).to_have_text(re.compile(r"^1:5\d left$"))
    recorder = main.get_by_test_id("stAudioInput")
    recorder.get_by_role("button", name="Record").click()
    expect(recorder).to_contain_text(
        recorded_at_least(int(duration) + 2), timeout=int(duration + 30) * 1000
    )
    recorder.get_by_role("button", name="Stop recording").click()
    answer = main.get_by_label("Your answer")
    expect(answer).to_have_value(re.compile(r"training", re.I), timeout=TRANSCRIBE_TIMEOUT_MS)
    wait_for_app(page)
    main.get_by_role("button", name="Done").click()
    wait_for_app(page)
    no_exception(page)
    expect(main.locator(".prep-timer")).to_have_count(0)  # stopped at Done
    expect(main.get_by_text(re.compile(r"Stopped at \d+:\d\d"))).to_be_visible()
    expect(main.get_by_text(re.compile(r"^Delivery: .*pause"))).to_be_visible()  # from the audio
    expect(main.get_by_text(re.compile(r"^Delivery: words a minute by quarter"))).to_be_visible()
    main.get_by_role("button", name="Next question").click()
    wait_for_app(page)

    # 2: typed, with a result and no number: the follow-up asks by how much; it is answered.
    expect(main.get_by_text("Question 2 of 3")).to_be_visible()
    commit_text(main.get_by_label("Your answer"), VAGUE)
    wait_for_app(page)
    main.get_by_role("button", name="Done").click()
    wait_for_app(page)
    expect(main.get_by_text("You said the build got a lot faster: by how much")).to_be_visible()
    commit_text(main.get_by_label("Your reply to the follow-up"), REPLY)
    wait_for_app(page)
    main.get_by_role("button", name="Check my reply").click()
    wait_for_app(page)
    expect(main.get_by_text("the reply gives a number")).to_be_visible()
    main.get_by_role("button", name="Next question").click()
    wait_for_app(page)

    # 3: typed; then the report.
    expect(main.get_by_text("Question 3 of 3")).to_be_visible()
    commit_text(main.get_by_label("Your answer"), PLAIN)
    wait_for_app(page)
    main.get_by_role("button", name="Done").click()
    wait_for_app(page)
    main.get_by_role("button", name="Finish the round").click()
    wait_for_app(page)
    no_exception(page)
    expect(main.get_by_role("heading", name="Round report")).to_be_visible()
    expect(main.get_by_text("Fix these first:")).to_be_visible()
    expect(main.get_by_role("table")).to_contain_text("by how much")

    data = wait_for_file(path, lambda d: bool(d.get("mock_rounds")), "the mock round")
    (record,) = data["mock_rounds"]
    assert record["kind"] == "behavioral" and len(record["items"]) == 3
    assert [i["replied"] for i in record["items"]][1] is True
    answered = {i["question_id"] for i in record["items"]}
    questions = {q["id"]: q for q in data["prep"]["questions"]}
    assert answered <= set(questions)  # standard questions joined the bank
    for item in record["items"]:
        assert questions[item["question_id"]]["attempts"], item
    second = questions[record["items"][1]["question_id"]]["attempts"][-1]
    assert second["text"].endswith(REPLY)
    wait_for_app(page)
    no_exception(page)
