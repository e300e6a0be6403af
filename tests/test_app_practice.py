"""The Practice page under AppTest: choose, answer, feedback, save, use as the drafted answer."""

from __future__ import annotations

import re
import time

from streamlit.testing.v1 import AppTest

import pages._ui.state as ui
from prep_core.model import Profile
from prep_core.store import Store
from tests.app_harness import on_disk
from tests.app_harness import start as start_app
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def start(profile_id: str) -> AppTest:
    return start_app(profile_id, ui.PRACTICE)


def test_an_attempt_gets_feedback_in_the_company_words_and_is_saved(store: Store) -> None:
    profile = store.create(
        Profile(
            company="Acme",
            tech_stack={"languages": ["Python"], "cloud": ["Kubernetes"]},
            prep={"questions": [{"text": "Why Acme?", "answer": "I love Kubernetes at scale."}]},
        )
    )
    qid = profile.prep.questions[0].id
    at = start(profile.id)
    assert at.subheader[0].value == "Why Acme?"
    at.button(key="practice.start").click().run()
    at.text_area(key=f"practice.answer.{qid}").input("I run Python on Kubernetes, um, daily.").run()
    at.button(key="practice.check").click().run()
    shown = " ".join(m.value for m in at.markdown)
    assert "Kubernetes" in shown and "Python" in shown  # chips of the company's words used
    at.segmented_control(key=f"practice.rating.{qid}").set_value(2).run()
    at.button(key="practice.save").click().run()
    attempts = on_disk(store, profile.id)["prep"]["questions"][0]["attempts"]
    assert len(attempts) == 1 and attempts[0]["rating"] == 2
    assert attempts[0]["text"] == "I run Python on Kubernetes, um, daily."
    status = " ".join(c.value for c in at.sidebar.caption)
    assert "counts as weak" in status  # a rating of 2 makes it weak: it comes first next time
    at.button(key="practice.use").click().run()
    saved = on_disk(store, profile.id)["prep"]["questions"][0]
    assert saved["answer"] == "I run Python on Kubernetes, um, daily."


def test_the_typed_attempt_survives_leaving_the_page(store: Store) -> None:
    profile = store.create(Profile(company="Acme", prep={"questions": [{"text": "Why?"}]}))
    qid = profile.prep.questions[0].id
    at = start(profile.id)
    at.text_area(key=f"practice.answer.{qid}").input("Half an answer").run()
    at.switch_page(ui.READINESS).run()
    assert at.title[0].value == "Readiness"
    at.switch_page(ui.PRACTICE).run()
    assert at.text_area(key=f"practice.answer.{qid}").value == "Half an answer"


def test_a_profile_without_questions_says_what_to_do_first(store: Store) -> None:
    at = start(store.create(Profile(company="Acme")).id)
    assert "Interview Preparation" in at.info[0].value
    assert "practice.check" not in {b.key for b in at.button}


def test_weak_and_never_practised_come_first(store: Store) -> None:
    profile = store.create(
        Profile(
            prep={
                "questions": [
                    {"text": "Rehearsed", "attempts": [{"text": "fine", "rating": 5}]},
                    {"text": "Weak", "attempts": [{"text": "meh", "rating": 1}]},
                    {"text": "New"},
                ]
            }
        )
    )
    at = start(profile.id)
    picker = at.selectbox(key="practice.pick")
    order = [picker.format_func(o).split(". ", 1)[1].split(" · ")[0] for o in picker.options]
    assert order.index("Rehearsed") == 2, order
    numbers = [picker.format_func(o).split(". ", 1)[0] for o in picker.options]
    assert sorted(zip(order, numbers, strict=True)) == [
        ("New", "3"),
        ("Rehearsed", "1"),
        ("Weak", "2"),
    ], "each question keeps its number in the bank, as in prep practice --question N"


def _acme_with_one_question(store: Store) -> tuple[Profile, str]:
    profile = store.create(
        Profile(
            company="Acme",
            tech_stack={"languages": ["Python"]},
            prep={"questions": [{"text": "Why Acme?", "answer": "Python every day."}]},
        )
    )
    return profile, profile.prep.questions[0].id


def test_a_rating_clicked_just_before_save_is_kept(store: Store) -> None:
    # A person who clicks 4 then Save before the rating's rerun has finished: the browser sends
    # both at once. The rating must come from the widget, not from the last drawn button.
    profile, qid = _acme_with_one_question(store)
    at = start(profile.id)
    at.text_area(key=f"practice.answer.{qid}").input("I use Python every day at work.").run()
    at.button(key="practice.check").click().run()
    at.segmented_control(key=f"practice.rating.{qid}").set_value(4)
    at.button(key="practice.save").click().run()
    (attempt,) = on_disk(store, profile.id)["prep"]["questions"][0]["attempts"]
    assert attempt["rating"] == 4


def test_a_typed_answer_shows_no_speaking_pace(store: Store) -> None:
    # The timer measures typing, not speaking: "6200 words a minute" was shown for a fast typist.
    profile, qid = _acme_with_one_question(store)
    at = start(profile.id)
    at.button(key="practice.start").click().run()
    at.session_state["practice.started"] = {qid: time.time() - 5}  # started 5 s ago
    at.text_area(key=f"practice.answer.{qid}").input("I use Python every day at work.").run()
    at.button(key="practice.check").click().run()
    facts = " ".join(c.value for c in at.caption)
    # measured by its words at speaking pace; the clock (thinking and typing) shown apart
    clock = re.search(r"7 words · about 3 s said aloud · (\d+) s on the clock \(thinking", facts)
    assert clock and 5 <= int(clock[1]) <= 9, facts  # a few seconds more on a loaded machine
    assert "words a minute" not in facts
    # the clock stopped at Get feedback: no countdown ticks on while the feedback is read
    assert not [h for h in at.get("html") if 'class="prep-timer"' in h.proto.body]
    assert re.search(r":material/timer: Stopped at 0:0[5-9]", facts), facts


def test_the_follow_up_is_asked_answered_and_kept_with_the_answer(store: Store) -> None:
    profile = store.create(
        Profile(
            company="Acme",
            prep={
                "questions": [
                    {
                        "text": "Tell me about a time you fixed a slow build.",
                        "category": "behavioral",
                    }
                ]
            },
        )
    )
    qid = profile.prep.questions[0].id
    at = start(profile.id)
    answer = (
        "At my last job our build was slow. My task was to fix it. I cached the dependencies. "
        "In the end the build got a lot faster."
    )
    at.text_area(key=f"practice.answer.{qid}").input(answer).run()
    at.button(key="practice.check").click().run()
    (asked,) = [e.value for e in at.info if e.value.startswith("**Follow-up:**")]
    assert "by how much" in asked
    at.button(key="practice.reply_check").click().run()
    assert [w.value for w in at.warning] == ["Type or say a reply first."]
    at.text_area(key=f"practice.reply.{qid}").input("From 40 minutes to 9.").run()
    at.button(key="practice.reply_check").click().run()
    assert any("the reply gives a number" in m.value for m in at.markdown)
    at.button(key="practice.save").click().run()
    (attempt,) = on_disk(store, profile.id)["prep"]["questions"][0]["attempts"]
    assert attempt["text"].endswith("by how much, in numbers?\nFrom 40 minutes to 9.")
    assert attempt["checks"][0]["name"] == "follow_up" and attempt["checks"][0]["passed"]


def test_get_feedback_with_nothing_typed_says_so(store: Store) -> None:
    profile, _ = _acme_with_one_question(store)
    at = start(profile.id)
    at.button(key="practice.check").click().run()
    assert [w.value for w in at.warning] == ["Type or say an answer first."]
    at.run()
    assert not at.warning  # said once, for that click


def test_a_questions_history_is_cleared_and_comes_back_with_undo(store: Store) -> None:
    # Practice history can fill the 2 MB a profile may be: each question's can be cleared.
    attempts = [{"text": f"Attempt {n}", "rating": 3} for n in range(3)]
    profile = store.create(
        Profile(
            company="Acme",
            prep={
                "questions": [
                    {"text": "Why Acme?", "attempts": attempts},
                    {"text": "Why you?", "attempts": attempts[:1]},
                ]
            },
        )
    )
    qid = profile.prep.questions[0].id
    at = start(profile.id)
    at.button(key=f"practice.clear.{qid}").click().run()
    assert not at.exception
    saved = on_disk(store, profile.id)["prep"]["questions"]
    assert (saved[0]["attempts"], len(saved[1]["attempts"])) == ([], 1)  # that question only
    assert not [b for b in at.button if b.key == f"practice.clear.{qid}"]
    at.button(key="undo").click().run()
    assert not at.exception
    restored = on_disk(store, profile.id)["prep"]["questions"][0]["attempts"]
    assert [a["text"] for a in restored] == ["Attempt 0", "Attempt 1", "Attempt 2"]
