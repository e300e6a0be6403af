"""Practice feedback: every check on hand-written answers, the traps, and the JSON form."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from prep_core.model import Profile, Question
from prep_core.practice import (
    ENGLISH_ONLY,
    NO_WORDS,
    RAMBLING,
    Feedback,
    feedback,
    find_question,
    history,
    is_behavioral,
    practice_order,
    practice_stats,
    record_attempt,
)
from prep_core.progress import UnknownQuestion

STORY = """When I was at my last job, our team had a slow recommendation pipeline.
I was responsible for fixing it. I moved training to PyTorch on Kubernetes and used Kafka
and Spark to build scalable systems. As a result, training time dropped by 40 percent."""

BEHAVIORAL = Question(
    id="q1",
    text="Tell me about a time you fixed a slow system.",
    answer="I led the rebuild of our ML pipeline.\n- We moved training to PyTorch.\n"
    "- Training time dropped by 40%.",
)
TECHNICAL = Question(id="q2", text="How would you design a feature store?", category="technical")


def _check(result: Feedback, name: str):
    return next(check for check in result.checks if check.name == name)


def _names(result: Feedback) -> list[str]:
    return [check.name for check in result.checks]


def test_a_good_story_passes_every_check_but_its_length(sample_profile):
    result = feedback(sample_profile, BEHAVIORAL, STORY, seconds=75)
    # Kubernetes: a term of the sample's job posting (the vocabulary's "posting" source)
    assert result.terms_used == ["PyTorch", "Spark", "Kafka", "Scalable systems", "Kubernetes"]
    # suggested: what fits a story question (values, keywords), not the company's name
    assert "Innovation" in result.terms_missed and "Netflix" not in result.terms_missed
    assert result.star == dict.fromkeys(("situation", "task", "action", "result"), True)
    assert result.result_has_number is True
    assert [p["covered"] for p in result.points_covered] == [False, True, True]
    assert _names(result) == ["terms", "points", "star", "result_number", "length", "fillers"]
    assert [check.name for check in result.failed] == ["length"]  # 45 words: about 19 s
    assert not result.weak and result.follow_up is None
    # typed: the length is the words said at speaking pace, the clock's 75 s kept apart
    assert (result.words, result.seconds, result.clock_seconds, result.wpm) == (
        45,
        19.3,
        75,
        None,
    )


def test_the_json_form(sample_profile):
    data = json.loads(json.dumps(feedback(sample_profile, BEHAVIORAL, STORY).to_dict()))
    assert {
        "terms_used",
        "terms_missed",
        "points_covered",
        "star",
        "result_has_number",
        "words",
        "seconds",
        "wpm",
        "fillers",
        "top_words",
        "checks",
        "weak",
        "follow_up",
        "clock_seconds",
        "notes",
    } <= set(data)
    assert data["seconds"] == 19.3 and data["wpm"] is None and data["clock_seconds"] is None
    assert data["follow_up"] is None
    assert data["top_words"][0] == ["training", 2]
    assert data["checks"][0] == {
        "name": "terms",
        "passed": True,
        "message": "5 company terms used (PyTorch; Spark; Kafka; Scalable systems; Kubernetes)",
    }


def test_feedback_is_deterministic_and_leaves_the_profile_alone(sample_profile):
    before = sample_profile.model_dump()
    one = feedback(sample_profile, BEHAVIORAL, STORY, seconds=80)
    assert one == feedback(sample_profile, BEHAVIORAL, STORY, seconds=80)
    assert sample_profile.model_dump() == before


# --- terms ------------------------------------------------------------------------------------


def test_terms_in_another_case_or_plural_count(sample_profile):
    text = "I used KAFKA, sparks of PYTORCH and two Netflix Original series."
    result = feedback(sample_profile, TECHNICAL, text)
    assert {"Kafka", "PyTorch", "Netflix Originals"} <= set(result.terms_used)


def test_missed_terms_from_the_question_and_draft_come_first(sample_profile):
    question = Question(text="Why Kafka and Flink?", answer="Because of Jupyter.")
    result = feedback(sample_profile, question, "No idea.")
    assert result.terms_missed[:3] == ["Jupyter", "Kafka", "Flink"]
    assert not _check(result, "terms").passed


def test_short_terms_only_as_exact_words():
    profile = Profile(company="Acme")
    profile.tech_stack.languages = ["Go", "R"]
    good = feedback(profile, TECHNICAL, "A good team will go far; our reports are rare.")
    assert good.terms_used == []
    assert feedback(profile, TECHNICAL, "Acme runs Go and R.").terms_used == ["Acme", "Go", "R"]


def test_no_vocabulary_no_terms_check():
    result = feedback(Profile(), TECHNICAL, "An answer.")
    assert "terms" not in _names(result) and result.terms_used == result.terms_missed == []


# --- drafted points ---------------------------------------------------------------------------


def test_points_are_the_drafts_bullets_and_sentences(sample_profile):
    result = feedback(sample_profile, BEHAVIORAL, "I led the rebuild of the ML pipeline.")
    assert result.points_covered == [
        {"point": "I led the rebuild of our ML pipeline.", "covered": True},
        {"point": "We moved training to PyTorch.", "covered": False},
        {"point": "Training time dropped by 40%.", "covered": False},
    ]
    assert _check(result, "points").message == "1 of 3 drafted points covered; aim for 2"
    assert not _check(result, "points").passed


def test_no_draft_no_points_check(sample_profile):
    assert "points" not in _names(feedback(sample_profile, TECHNICAL, STORY))


# --- STAR -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (Question(text="Tell me about a time you failed."), True),
        (Question(text="Give an example of a hard trade-off."), True),
        (Question(text="How have you worked with researchers?"), True),
        (Question(text="What is a feature store?"), False),
        (Question(text="What is a feature store?", category="behavioral"), True),
        (Question(text="Tell me about a time you failed.", category="technical"), False),
    ],
)
def test_behavioral_questions(question, expected):
    assert is_behavioral(question) is expected


def test_star_names_what_is_missing(sample_profile):
    result = feedback(sample_profile, BEHAVIORAL, "I built a cache. It was fast.")
    assert result.star == {"situation": False, "task": False, "action": True, "result": False}
    assert _check(result, "star").message == "missing: situation, task, result"
    assert result.result_has_number is False and not _check(result, "result_number").passed
    assert result.weak


def test_a_result_without_a_number(sample_profile):
    text = STORY.replace("by 40 percent", "a lot")
    result = feedback(sample_profile, BEHAVIORAL, text)
    assert result.star["result"] and result.result_has_number is False


def test_not_behavioral_no_star(sample_profile):
    result = feedback(sample_profile, TECHNICAL, STORY)
    assert result.star is None and result.result_has_number is None
    assert "star" not in _names(result) and "result_number" not in _names(result)


# --- length, pace and fillers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "passed", "message"),
    [
        (30, False, "took 30 s (target 60–120 s); say more"),
        (90, True, "took 90 s (target 60–120 s)"),
        (150, False, f"took 150 s (target 60–120 s){RAMBLING}"),
    ],
)
def test_length_of_a_spoken_answer(sample_profile, seconds, passed, message):
    check = _check(feedback(sample_profile, TECHNICAL, STORY, seconds=seconds, words=61), "length")
    assert (check.passed, check.message) == (passed, message)


def test_length_of_a_typed_answer_is_estimated_at_speaking_pace(sample_profile):
    check = _check(feedback(sample_profile, TECHNICAL, "word " * 210), "length")
    assert check.passed and check.message == "210 words, about 90 s to say (target 60–120 s)"


def test_pace_only_when_spoken(sample_profile):
    typed = feedback(sample_profile, TECHNICAL, STORY, seconds=30)
    assert "pace" not in _names(typed) and typed.wpm is None and typed.clock_seconds == 30
    spoken = feedback(sample_profile, TECHNICAL, STORY, seconds=20, words=61)
    assert spoken.spoken and spoken.wpm == 183.0
    assert _check(spoken, "pace").message == "183 words a minute (target 110–170); slow down"


def test_fillers_per_minute(sample_profile):
    text = "Um, so, like, I built it, you\nknow, basically alone. " + "and then we went on " * 8
    result = feedback(sample_profile, TECHNICAL, text, seconds=60, words=48)
    assert result.fillers == {"um": 1, "like": 1, "you know": 1, "basically": 1}
    assert result.fillers_per_minute == 4.0
    assert not _check(result, "fillers").passed
    assert _check(result, "fillers").message.startswith("at least 4 fillers")
    typed = feedback(sample_profile, TECHNICAL, text, seconds=600)  # typing time is no speech
    assert typed.fillers_per_minute == 11.2  # 50 words: about 21 s said aloud


def test_like_as_a_verb_is_no_filler(sample_profile):
    result = feedback(sample_profile, TECHNICAL, "I like Kafka and tools like Flink.")
    assert result.fillers == {} and _check(result, "fillers").passed


# --- the traps --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "  \n ", "🎧🎧🔥👍 🙂"])
def test_an_empty_answer_is_not_checked(sample_profile, text):
    result = feedback(sample_profile, BEHAVIORAL, text, seconds=0)
    assert (result.words, result.wpm, result.fillers, result.top_words) == (0, None, {}, [])
    assert result.checks == [] and result.follow_up is None and not result.weak
    assert result.notes == [NO_WORDS]


def test_an_answer_in_another_language(sample_profile):
    text = (
        "Cuando trabajaba en mi último empleo, el equipo tenía un sistema lento. "
        "Mejoramos la innovación y la integridad del servicio de recomendaciones."
    )
    result = feedback(sample_profile, BEHAVIORAL, text, seconds=70)
    assert result.terms_used == []  # "innovación" is not "Innovation"
    assert result.fillers == {}
    assert result.top_words[0] == ("la", 2)
    assert result.words == 22 and result.weak
    assert result.notes == [ENGLISH_ONLY] and result.star is None and result.follow_up is None
    chinese = feedback(sample_profile, TECHNICAL, "我们使用 Kafka 和 Spark。")
    assert chinese.terms_used == ["Spark", "Kafka"]


def test_a_ten_thousand_word_answer(sample_profile):
    text = (STORY + " Um, like, you know. ") * 210
    started = time.perf_counter()
    result = feedback(sample_profile, BEHAVIORAL, text)
    assert time.perf_counter() - started < 5
    assert result.words > 10_000
    assert not _check(result, "length").passed
    assert _check(result, "length").message.endswith(RAMBLING)
    assert result.fillers["um"] == 210


# --- weak, recording, order and stats ---------------------------------------------------------


def test_a_low_self_rating_makes_an_attempt_weak(sample_profile):
    result = feedback(sample_profile, BEHAVIORAL, STORY, seconds=75)
    assert not result.weak
    assert result.with_rating(2).weak and not result.with_rating(3).weak
    assert feedback(sample_profile, BEHAVIORAL, STORY, seconds=75, rating=1).weak


def test_record_attempt_keeps_the_last_20(sample_profile, fixed_now):
    question = sample_profile.prep.questions[0]
    result = feedback(sample_profile, question, STORY, seconds=75)
    profile = sample_profile
    for n in range(22):
        when = fixed_now + timedelta(minutes=n)
        profile = record_attempt(profile, question.id, f"try {n}", result, rating=4, now=when)
    attempts = profile.prep.questions[0].attempts
    assert [a.text for a in attempts] == [f"try {n}" for n in range(2, 22)]
    assert attempts[-1].checks == result.checks and attempts[-1].seconds == 19.3
    assert attempts[-1].rating == 4 and attempts[-1].time == fixed_now + timedelta(minutes=21)
    assert sample_profile.prep.questions[0].attempts == []  # the original is left alone


def _attempted(profile: Profile, index: int, *, rating: int, weak: bool, minutes: int) -> Profile:
    question = profile.prep.questions[index]
    text = "x" if weak else STORY
    result = feedback(
        profile, BEHAVIORAL, text, seconds=90 if not weak else 5, words=200 if not weak else 1
    )
    when = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    return record_attempt(profile, question.id, text, result, rating=rating, now=when)


def test_practice_order_never_and_weak_first_then_rating_then_oldest(sample_profile):
    p = sample_profile
    p.prep.questions = p.prep.questions[:5]
    p = _attempted(p, 0, rating=4, weak=False, minutes=2)
    p = _attempted(p, 1, rating=3, weak=False, minutes=3)
    p = _attempted(p, 2, rating=4, weak=True, minutes=1)
    p = _attempted(p, 3, rating=4, weak=False, minutes=1)
    ids = [q.id for q in p.prep.questions]
    order = [ids.index(q.id) for q in practice_order(p)]
    assert order == [4, 2, 1, 3, 0]
    assert [ids.index(q.id) for q in practice_order(p, mode="never")] == [4]
    assert [ids.index(q.id) for q in practice_order(p, mode="weak")] == [2]
    assert [ids.index(q.id) for q in practice_order(p, mode="all")] == [0, 1, 2, 3, 4]
    assert practice_order(p, category="technical") == []
    with pytest.raises(ValueError, match="unknown practice mode"):
        practice_order(p, mode="random")  # type: ignore[arg-type]


def test_practice_stats_count_rehearsed(sample_profile):
    p = _attempted(sample_profile, 0, rating=4, weak=False, minutes=0)
    p = _attempted(p, 1, rating=4, weak=True, minutes=0)
    p = _attempted(p, 2, rating=2, weak=False, minutes=0)  # rated 2: weak
    stats = practice_stats(p)
    assert stats.to_dict() == {
        "questions": 10,
        "practised": 3,
        "weak": 2,
        "rehearsed": 1,
        "attempts": 3,
    }


def test_history_rows_for_the_progress_view(sample_profile):
    p = _attempted(sample_profile, 0, rating=2, weak=True, minutes=0)
    p = _attempted(p, 0, rating=4, weak=False, minutes=5)
    rows = history(p.prep.questions[0])
    assert [(r["rating"], r["weak"], r["seconds"]) for r in rows] == [(2, True, 5), (4, False, 90)]
    assert rows[1]["passed"] == rows[1]["checks"] and rows[0]["passed"] < rows[0]["checks"]
    assert rows[0]["time"] < rows[1]["time"]


def test_find_question_by_number_or_id(sample_profile):
    first = sample_profile.prep.questions[0]
    assert find_question(sample_profile, "1") is first
    assert find_question(sample_profile, first.id) is first
    with pytest.raises(UnknownQuestion, match="give a number from 1 to 10"):
        find_question(sample_profile, "11")
    with pytest.raises(UnknownQuestion, match="has no questions yet"):
        find_question(Profile(company="Acme"), "1")


def test_a_hundred_thousand_words_get_feedback_but_are_not_kept(sample_profile):
    from prep_core.practice import AnswerTooLong

    text = "At my last job I built a pipeline and we shipped it. " * 8_400  # 100,800 words
    started = time.perf_counter()
    result = feedback(sample_profile, BEHAVIORAL, text)
    assert time.perf_counter() - started < 15
    assert result.words > 100_000 and _check(result, "length").message.endswith(RAMBLING)
    assert result.follow_up is not None and result.follow_up.kind == "number"
    with pytest.raises(AnswerTooLong, match=r"^the answer is too long to keep \(445,200 char"):
        record_attempt(sample_profile, sample_profile.prep.questions[0].id, text, result)


def test_a_german_answer_says_which_checks_do_not_apply(sample_profile):
    text = (
        "In meinem letzten Job war die Pipeline zu langsam. Meine Aufgabe war es, sie schneller "
        "zu machen. Ich habe das Training auf PyTorch umgestellt. Danach war es doppelt so schnell."
    )
    result = feedback(sample_profile, BEHAVIORAL, text)
    assert result.notes == [ENGLISH_ONLY] and result.follow_up is None
    assert result.star is None and _names(result) == ["terms", "points", "length"]
    assert result.terms_used == ["PyTorch"]  # names are names in any language
