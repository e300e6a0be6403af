"""The follow-up rules: agreement with the labelled answers, and the rules one by one."""

from __future__ import annotations

import pytest

from prep_core.followup import FollowUp, follow_up, is_culture, reply_check
from prep_core.model import Profile, Question
from tests.followup_agreement import SPLITS, agreement, labelled

AGREEMENT_TARGET = 0.90
NEEDLESS_TARGET = 0.05

STORY = Question(text="Tell me about a time you made a slow system faster.", category="behavioral")
WHY = Question(text="Why do you want to work here?", category="motivation")
SYSTEM_DESIGN = Question(text="How would you design it?", category="technical")


@pytest.fixture(scope="module")
def profile() -> Profile:
    return labelled()[0]


@pytest.mark.parametrize("split", SPLITS)
def test_the_rules_agree_with_the_labels(split):
    result = agreement(split)
    assert result.answers >= 20
    assert result.agreement >= AGREEMENT_TARGET, result.misses
    assert result.needless_rate <= NEEDLESS_TARGET, result.misses


def test_the_labelled_set_covers_every_kind_and_group():
    _, rows = labelled()
    assert len(rows) >= 60
    kinds = {row["follow_up"] for row in rows}
    assert kinds >= {None, "action", "result", "number", "ownership", "specifics"}
    assert kinds >= {"situation", "task", "value"}
    groups = {row["group"] for row in rows}
    for group in ("complete", "hedged", "rambling", "culture", "german", "empty", "we_heavy"):
        assert group in groups
    assert sum(row["split"] == "held_out" for row in rows) * 3 >= len(rows) - 2


@pytest.mark.parametrize(
    "result",
    [
        "Pages fell by half.",
        "Two of the four teams adopted it.",
        "Throughput went up tenfold.",
        "A third of users switched.",
        "Build time doubled.",
        "It went live with no errors.",
    ],
)
def test_numbers_said_in_words_count(profile, result):
    answer = (
        "At my last job the build was slow. My task was to fix it. I cached the dependencies. "
        + result
    )
    assert follow_up(profile, STORY, answer) is None


def test_a_result_without_a_number_is_asked_in_the_answers_own_words(profile):
    answer = (
        "At my last job the pipeline was slow. My task was to fix it. I split the job. "
        "In the end the pipeline got a lot faster."
    )
    assert follow_up(profile, STORY, answer) == FollowUp(
        "number", "You said the pipeline got a lot faster: by how much, in numbers?"
    )


def test_a_year_is_not_a_number(profile):
    answer = "In 2022 our job was slow. My task was to fix it. I split it. In 2023 it improved."
    asked = follow_up(profile, STORY, answer)
    assert asked is not None and asked.kind == "number"


def test_hedges_are_not_actions_or_results(profile):
    answer = (
        "At my last job the page was slow. My task was to speed it up. We kind of talked about "
        "it and it sort of worked out in the end."
    )
    assert follow_up(profile, STORY, answer).kind == "action"
    noun = answer.replace("We kind of talked about it and it", "I chose what kind of cache. It")
    assert follow_up(profile, STORY, noun).kind == "result"  # "what kind of" is not a hedge


def test_we_far_more_than_i(profile):
    answer = (
        "At my last job we had a slow build. We needed it faster. We cached the dependencies "
        "and we split the tests. We cut the build from 20 minutes to 6."
    )
    asked = follow_up(profile, STORY, answer)
    assert asked == FollowUp("ownership", 'You said "we" 5 times: which part was yours?')
    mine = answer.replace("We cached", "I cached").replace("we split", "I split")
    assert follow_up(profile, STORY, mine) is None


def test_a_named_tool_is_not_vague(profile):
    answer = (
        "At my last job the page was slow. My task was to fix it. I put a cache, Redis, in "
        "front of it. As a result it loaded in 600 ms."
    )
    assert follow_up(profile, STORY, answer) is None
    vague = answer.replace("a cache, Redis,", "a caching tool")
    assert follow_up(profile, STORY, vague).text == (
        "You mentioned a caching tool: which one was it, by name?"
    )
    assert follow_up(profile, SYSTEM_DESIGN, "I would put a queue in front.").kind == "specifics"
    assert follow_up(profile, SYSTEM_DESIGN, "I would put Kafka in front.") is None


def test_a_culture_question_links_a_value(profile):
    assert follow_up(profile, WHY, "The team is growing and I like Kafka.").kind == "value"
    assert follow_up(profile, WHY, "I love that you own the outcome.") is None
    assert follow_up(profile, WHY, "Shipping small and learning fast is how I work.") is None


@pytest.mark.parametrize("answer", ["", "   ", "🎧🎧🔥👍", "Ich habe die Seite schneller gemacht."])
def test_nothing_to_probe_without_english_words(profile, answer):
    assert follow_up(profile, STORY, answer) is None


def test_the_reply_is_checked_for_what_was_asked(profile):
    number = FollowUp("number", "By how much?")
    assert reply_check(profile, number, "By about half.").passed
    assert not reply_check(profile, number, "Quite a lot, really.").passed
    assert not reply_check(profile, number, "In 2021.").passed  # a year is not an amount
    assert reply_check(profile, FollowUp("specifics", "Which?"), "It was Redis.").passed
    assert not reply_check(profile, FollowUp("specifics", "Which?"), "We used a cache.").passed
    assert reply_check(profile, FollowUp("ownership", "Yours?"), "I wrote the tests.").passed
    assert reply_check(profile, FollowUp("value", "Value?"), "Listener first, clearly.").passed
    empty = reply_check(profile, number, "  ")
    assert not empty.passed and empty.message == "no reply to the follow-up yet"


@pytest.mark.parametrize(
    ("text", "culture"),
    [
        ("Why here?", True),
        ("Which of our values speaks to you?", True),
        ("What do you personally value about our product?", True),
        ("Why are you interested in this role?", True),
        ("Why Kafka?", False),  # an uncategorised technical "why" asks for no value
        ("How would you design it?", False),
    ],
)
def test_which_questions_are_about_culture(text, culture):
    assert is_culture(Question(text=text)) is culture
    assert is_culture(Question(text=text, category="motivation"))  # the category decides


def test_what_the_team_needed_is_the_task_not_a_result(profile):
    answer = (
        "When I was at my last job, our team needed faster training. I built a PyTorch pipeline "
        "on Kubernetes."
    )
    assert follow_up(profile, STORY, answer).kind == "result"  # "faster" was the goal
    done = answer + " As a result we reduced training time by forty percent."
    assert follow_up(profile, STORY, done) is None  # the need was the task
