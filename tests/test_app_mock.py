"""The Practice page's Mock round tab under AppTest: three questions answered in turn against a
timer that stops at Done, a follow-up answered, each attempt kept, then the round report; and a
spoken answer and reply (espeak-ng WAVs, transcribed by the voice extra)."""

from __future__ import annotations

import pytest

import pages._ui.state as ui
from prep_core.model import Profile
from prep_core.store import Store
from tests.app_harness import on_disk
from tests.app_harness import start as start_app
from tests.test_voice import speak

VAGUE = (
    "At my last job our build was slow. My task was to speed it up. I cached the dependencies "
    "and split the tests. In the end the build got a lot faster."
)
REPLY = "It went from 40 minutes to 9, so about four times faster."
WE = (
    "Last year we had a flaky deploy. We needed it stable. We added retries and we wrote "
    "runbooks. We cut failed deploys from ten a week to one."
)


def _shown(markdown: str) -> str:
    """Markdown as read on screen: the escapes that keep text literal dropped."""
    return markdown.replace("\\", "")


def acme(store: Store) -> Profile:
    return store.create(
        Profile(
            company="Acme",
            mission={"core_values": ["Customers first"]},
            prep={
                "questions": [
                    {"id": "build", "text": "Tell me about a time you fixed a slow build.",
                     "category": "behavioral"},
                    {"id": "deploy", "text": "Tell me about a time you fixed a flaky deploy.",
                     "category": "behavioral"},
                ]
            },
        )
    )  # fmt: skip


def open_mock(store: Store, profile: Profile):
    at = start_app(profile.id, ui.PRACTICE)
    at.session_state["practice.tab"] = "Mock round"
    at.run()
    return at


def test_a_typed_mock_round_of_three_questions_with_a_follow_up_and_the_report(store):
    profile = acme(store)
    at = open_mock(store, profile)
    at.selectbox(key="mock.kind").set_value("behavioral").run()
    at.number_input(key="mock.count").set_value(3).run()
    at.number_input(key="mock.seed").set_value(7).run()  # both bank questions and a standard one
    at.button(key="mock.start").click().run()
    asked = []
    for n in range(3):
        assert not at.exception
        assert f"Question {n + 1} of 3" in at.get("progress")[0].proto.text
        asked.append(_shown(at.subheader[0].value))
        timer = [h for h in at.get("html") if 'class="prep-timer"' in h.proto.body]
        assert timer, "the question's timer runs until Done"
        answer = WE if "deploy" in asked[-1] else VAGUE
        at.text_area(key=f"mock.answer.{n}").input(answer).run()
        at.button(key="mock.done").click().run()
        assert not [h for h in at.get("html") if 'class="prep-timer"' in h.proto.body]
        assert any("Stopped at" in c.value for c in at.caption)  # the clock stopped at Done
        shown = " ".join(m.value for m in at.markdown)
        follow = [_shown(e.value) for e in at.info if e.value.startswith("**Follow-up:**")]
        if "slow build" in asked[-1] or asked[-1].startswith("Tell me about a time something"):
            assert follow, shown
        if "slow build" in asked[-1]:
            assert follow == [
                "**Follow-up:** You said the build got a lot faster: by how much, in numbers?"
            ]
            reply_key = next(t.key for t in at.text_area if t.key.startswith("mock.reply."))
            at.text_area(key=reply_key).input(REPLY).run()
            at.button(key="mock.reply_check").click().run()
            together = _shown(" ".join(m.value for m in at.markdown))
            assert "the reply gives a number" in together
        if "flaky deploy" in asked[-1]:
            assert follow == ['**Follow-up:** You said "we" 5 times: which part was yours?']
        at.button(key="mock.next").click().run()
    assert "Tell me about a time you fixed a slow build." in asked
    assert "Tell me about a time you fixed a flaky deploy." in asked
    assert not at.exception
    assert at.subheader[0].value == "Round report"
    report = _shown(" ".join(m.value for m in at.markdown))
    assert "Fix these first" in report and "number: You said the build got" in report
    saved = on_disk(store, profile.id)
    (record,) = saved["mock_rounds"]
    assert (record["kind"], record["seed"], len(record["items"])) == ("behavioral", 7, 3)
    build = next(i for i in record["items"] if i["question_id"] == "build")
    assert build["follow_up_kind"] == "number" and build["replied"] is True
    questions = {q["id"]: q for q in saved["prep"]["questions"]}
    assert len(questions) == 3  # the standard question joined the bank as it was answered
    (attempt,) = questions["build"]["attempts"]
    assert attempt["text"].endswith(
        f"Follow-up: You said the build got a lot faster: by how much, in numbers?\n{REPLY}"
    )
    assert attempt["checks"][0] == {
        "name": "follow_up",
        "passed": True,
        "message": "the reply gives a number",
    }

    # a second round: the report compares it with the first
    at.button(key="mock.again").click().run()
    at.button(key="mock.start").click().run()
    for n in range(3):
        at.text_area(key=f"mock.answer.{n}").input(VAGUE).run()
        at.button(key="mock.done").click().run()
        at.button(key="mock.next").click().run()
    assert "on the previous round" in " ".join(m.value for m in at.markdown)
    assert len(on_disk(store, profile.id)["mock_rounds"]) == 2


def test_an_empty_answer_in_a_mock_round_says_so_and_asks_nothing(store):
    profile = acme(store)
    at = open_mock(store, profile)
    at.selectbox(key="mock.kind").set_value("behavioral").run()
    at.number_input(key="mock.count").set_value(1).run()
    at.button(key="mock.start").click().run()
    at.button(key="mock.done").click().run()
    assert [w.value for w in at.warning] == [
        "nothing to check: the answer has no words (type or say an answer first)"
    ]
    assert not [e for e in at.info if e.value.startswith("**Follow-up:**")]


def test_more_questions_than_there_are(store):
    profile = acme(store)
    at = open_mock(store, profile)
    at.selectbox(key="mock.kind").set_value("technical").run()
    at.number_input(key="mock.count").set_value(10).run()
    at.button(key="mock.start").click().run()
    assert not at.exception
    assert "Question 1 of 1" in at.get("progress")[0].proto.text


# --- spoken ---------------------------------------------------------------------------------

SPOKEN_ANSWER = (
    "At my last job our training pipeline was too slow. I was responsible for fixing it. "
    '<break time="2000ms"/> I moved the training to PyTorch on Kubernetes. '
    "As a result, training got a lot faster."
)


@pytest.mark.usefixtures("with_voice")
def test_a_spoken_answer_and_a_spoken_reply_in_a_mock_round(store, tmp_path):
    answer = speak(f"<speak>{SPOKEN_ANSWER}</speak>", tmp_path / "answer.wav", ssml=True)
    reply = speak("It dropped by forty percent.", tmp_path / "reply.wav")
    profile = acme(store)
    at = open_mock(store, profile)
    at.selectbox(key="mock.kind").set_value("behavioral").run()
    at.number_input(key="mock.count").set_value(1).run()
    at.button(key="mock.start").click().run()
    at.get("audio_input")[0].set_value(("answer.wav", answer.read_bytes(), "audio/wav")).run()
    heard = at.text_area(key="mock.answer.0").value
    assert "pytorch" in heard.lower(), heard
    at.button(key="mock.done").click().run()
    assert not at.exception
    shown = _shown(" ".join(m.value for m in at.markdown))
    assert "pace" in shown  # a spoken answer is paced by its words' timing
    delivery = [c.value for c in at.caption if c.value.startswith("Delivery:")]
    assert any("1 pause over 1 s" in line for line in delivery), delivery  # the SSML break
    (asked,) = [_shown(e.value) for e in at.info if e.value.startswith("**Follow-up:**")]
    assert "by how much" in asked
    reply_input = next(a for a in at.get("audio_input") if a.key.startswith("mock.reply_audio."))
    reply_input.set_value(("reply.wav", reply.read_bytes(), "audio/wav")).run()
    at.button(key="mock.reply_check").click().run()
    assert "the reply gives a number" in _shown(" ".join(m.value for m in at.markdown))
    at.button(key="mock.next").click().run()
    (record,) = on_disk(store, profile.id)["mock_rounds"]
    assert record["items"][0]["replied"] is True
