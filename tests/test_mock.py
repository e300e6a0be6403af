"""Mock rounds: which questions, in which order, the same for the same seed; the record and the
report; ``prep mock`` and its refusals."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from prep_core.mock import (
    STANDARD,
    Answered,
    UnknownRoundKind,
    add_to_bank,
    fix_first,
    plan_round,
    report,
    round_kind,
    round_record,
)
from prep_core.model import MockItem, MockRound, Profile
from prep_core.practice import feedback, feedback_on_reply, record_attempt
from tests.test_cli import assert_one_line_error, run, snapshot

STORY = (
    "At my last job our build took 40 minutes. My task was to cut it. I cached the "
    "dependencies and split the tests. As a result the build took 9 minutes."
)


@pytest.fixture
def acme() -> Profile:
    return Profile(
        company="Acme",
        mission={"core_values": ["Customers first", "Own it"]},
        tech_stack={"languages": ["Python"], "cloud": ["Kubernetes"]},
        prep={
            "questions": [
                {"id": "story", "text": "Tell me about a time you fixed a slow build.",
                 "category": "behavioral"},
                {"id": "k8s", "text": "How do you run services on Kubernetes?",
                 "category": "technical"},
                {"id": "why", "text": "Why Acme?", "category": "motivation"},
                {"id": "design", "text": "How would you design a queue?"},
            ]
        },
    )  # fmt: skip


def test_a_recruiter_screen_opens_with_tell_me_about_yourself(acme):
    plan = plan_round(acme, "recruiter_screen", count=4, seed=1)
    ids = [q.id for q in plan.questions]
    assert ids[0] == "std-about-yourself"
    # "Why Acme?" is in the bank already: the standard "Why Acme?" is not asked twice
    assert "std-why-company" not in ids and "why" in ids
    assert set(ids) <= {"std-about-yourself", "why", "std-salary", "std-notice"}
    assert plan.questions[0].why.startswith("every such round asks it")


def test_the_same_seed_gives_the_same_round(acme):
    rounds = {
        seed: [q.id for q in plan_round(acme, "onsite", count=3, seed=seed).questions]
        for seed in range(12)
    }
    assert all(
        [q.id for q in plan_round(acme, "onsite", count=3, seed=s).questions] == ids
        for s, ids in rounds.items()
    )
    assert len({tuple(ids) for ids in rounds.values()}) > 1  # the seed does change the round


def test_weak_questions_and_gaps_come_first(acme):
    result = feedback(acme, acme.prep.questions[1], "x")  # a weak attempt at the k8s question
    practised = record_attempt(acme, "k8s", "x", result.with_rating(1), rating=1)
    strong = feedback(acme, practised.prep.questions[0], STORY, seconds=80, words=180)
    practised = record_attempt(practised, "design", STORY, strong, rating=5)
    plan = plan_round(practised, "technical", count=3, seed=0)
    # never practised (the standard one) before weak (k8s), weak before rehearsed (design)
    assert [q.id for q in plan.questions] == ["std-system", "k8s", "design"]
    assert plan.questions[1].why.startswith("last attempt weak")
    gap = practised.model_copy(deep=True)
    gap.requirements = [{"text": "Kubernetes", "kind": "must", "terms": ["Kubernetes"]}]
    first = plan_round(gap, "technical", count=1, seed=0).questions[0]
    assert first.id == "k8s" and "must-have" in first.why


def test_more_questions_than_there_are(acme):
    plan = plan_round(acme, "behavioral", count=20, seed=0)
    assert len(plan.questions) == plan.available == 1 + len(STANDARD["behavioral"])
    assert plan.notes == [
        "only 3 questions fit a behavioral round (1 in the bank, 2 standard): the round has 3"
    ]


@pytest.mark.parametrize("name", ["Recruiter screen", "recruiter-screen", " RECRUITER_SCREEN "])
def test_round_kinds_as_people_type_them(name):
    assert round_kind(name) == "recruiter_screen"


def test_an_unknown_round_kind():
    with pytest.raises(UnknownRoundKind, match=r"^unknown round kind 'panel'; kinds: interview"):
        round_kind("panel")


def test_next_is_the_kind_of_the_next_round(acme, fixed_now):
    acme.rounds = [{"kind": "technical", "day": (fixed_now + timedelta(days=3)).date()}]
    assert round_kind("next", acme, fixed_now) == "technical"
    assert round_kind("next", Profile(), fixed_now) == "interview"


def test_a_standard_question_joins_the_bank_when_answered(acme):
    planned = plan_round(acme, "recruiter_screen", count=1, seed=0).questions[0]
    assert planned.standard and planned.id not in {q.id for q in acme.prep.questions}
    updated = add_to_bank(acme, planned)
    question = planned.as_question(updated)
    assert question.text == "Tell me about yourself." and question in updated.prep.questions
    assert add_to_bank(updated, planned) is updated  # once only
    assert acme.prep.questions[-1].id == "design"  # the original is left alone


def test_the_record_and_the_report(acme, fixed_now):
    plan = plan_round(acme, "behavioral", count=2, seed=0)
    vague = "At my last job the build was slow. My task was to fix it. I cached it. It got faster."
    answered = []
    for planned in plan.questions:
        question = planned.as_question(acme)
        first = feedback(acme, question, vague)
        assert first.follow_up is not None and first.follow_up.kind == "number"
        replied = feedback_on_reply(acme, question, vague, first.follow_up, "By half.")
        answered.append(Answered(planned, first, first.follow_up, replied))
    record = round_record(plan, answered, now=fixed_now)
    assert [i.follow_up_kind for i in record.items] == ["number", "number"]
    assert all(i.replied for i in record.items)
    earlier = MockRound(
        kind="behavioral",
        time=fixed_now - timedelta(days=1),
        items=[MockItem(question_id="story", passed=1, checks=4, failed=["star", "length"])],
    )
    acme.mock_rounds = [earlier, record]
    shown = report(acme, record)
    assert shown.trend == [(earlier.time, "behavioral", 0.25)]
    assert shown.share == round(record.passed_share, 3) and shown.change is not None
    assert len(shown.fixes) == 3
    data = json.loads(json.dumps(shown.to_dict()))
    assert data["previous"][0]["passed_share"] == 0.25 and len(data["questions"]) == 2


def test_the_three_things_to_fix_first():
    record = MockRound(
        items=[
            MockItem(question_id="a", failed=["length"], follow_up_kind="number"),
            MockItem(question_id="b", failed=["result_number"], follow_up_kind="ownership"),
            MockItem(question_id="c", failed=["fillers"], follow_up_kind="specifics",
                     replied=True),
        ]
    )  # fmt: skip
    assert fix_first(record) == [
        "Put a number on each result (how much, how many, what share)",  # twice
        'Say "I" for your part: "we" hides what you did',
        "Keep answers to one or two minutes: lead with the result, then cut",
    ]


# --- prep mock ----------------------------------------------------------------------------------


@pytest.fixture
def acme_file(tmp_path, acme):
    path = tmp_path / "acme.json"
    path.write_text(acme.model_dump_json(), encoding="utf-8")
    return path


def test_prep_mock_json(capsys, acme_file):
    args = ("mock", str(acme_file), "--kind", "recruiter screen", "--count", "3", "--seed", "7")
    code, out, err = run(capsys, *args, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["kind"] == "recruiter_screen" and data["seed"] == 7
    assert [set(q) for q in data["questions"]] == [{"id", "text", "why"}] * 3
    assert data["questions"][0]["text"] == "Tell me about yourself."
    assert run(capsys, *args, "--json")[1] == out  # same seed, same round
    code, text, _ = run(capsys, *args)
    assert text.splitlines()[0] == "Acme: a recruiter screen mock round, 3 questions (seed 7)"
    assert text.splitlines()[1] == "1. Tell me about yourself."


def test_prep_mock_more_questions_than_there_are(capsys, acme_file):
    code, out, err = run(capsys, "mock", str(acme_file), "--kind", "technical", "--count", "9")
    assert code == 0 and err == (
        "prep: note: only 3 questions fit a technical round (2 in the bank, 1 standard): "
        "the round has 3\n"
    )
    assert out.count("\n") == 1 + 2 * 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "panel"], "unknown round kind 'panel'; kinds: interview, recruiter_screen, "
         "technical, system_design, behavioral, onsite, other, next"),
        (["--kind", "technical", "--count", "0"],
         "argument --count: count must be from 1 to 20 (see 'prep mock --help')"),
        (["--kind", "technical", "--seed", "x"],
         "argument --seed: not a whole number: 'x' (see 'prep mock --help')"),
    ],
)  # fmt: skip
def test_prep_mock_refuses_in_one_line(capsys, acme_file, tmp_path, args, message):
    before = snapshot(tmp_path)
    code, out, err = run(capsys, "mock", str(acme_file), *args)
    assert_one_line_error(code, out, err, message)
    assert snapshot(tmp_path) == before


def test_the_cli_states_the_same_limit():
    from prep_core import mock
    from prep_core.cli import mock as cli_mock

    assert cli_mock.MAX_COUNT == mock.MAX_COUNT
    assert len(plan_round(Profile(), "onsite", count=500).questions) <= mock.MAX_COUNT
