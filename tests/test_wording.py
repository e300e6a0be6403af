"""Words, stems, fillers and most-used words: the text primitives of practice feedback."""

from __future__ import annotations

import pytest

from prep_core.wording import (
    fillers,
    has_number,
    hedged,
    language,
    sentences,
    stem,
    top_words,
    words,
)


def test_words_are_whole_and_lower_case():
    assert words("Good Go-code, C++ and Node.js; A/B. Don’t!") == [
        "good",
        "go",
        "code",
        "c++",
        "and",
        "node.js",
        "a",
        "b",
        "don't",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("pipelines", "pipeline"),
        ("companies", "company"),
        ("classes", "class"),
        ("boxes", "box"),
        ("netflix's", "netflix"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("aws", "aws"),
        ("gpus", "gpu"),
    ],
)
def test_stem_folds_plurals_and_possessives_only(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, so I, uh, built it. Umm.", {"um": 2, "uh": 1}),
        ("It was, like, really slow.", {"like": 1}),
        ("Like, we had no tests.", {"like": 1}),
        ("It was like really slow and like 50 users.", {"like": 2}),
        ("I like Python. Tools like Kafka. It looks like rain. I'd like to.", {}),
        ("It was fast, you know, and cheap.", {"you know": 1}),
        ("It was fast, you\nknow, and cheap.", {"you know": 1}),  # across a line break
        ("Do you know Kafka? You know how to scale.", {}),
        ("It was sort of slow and kind of messy.", {"sort of": 1, "kind of": 1}),
        ("What kind of problem? A sort of queue.", {}),
        (
            "Basically it literally worked. I mean, it did.",
            {"i mean": 1, "basically": 1, "literally": 1},
        ),
        ("", {}),
    ],
)
def test_fillers_are_counted_as_fillers_only(text, expected):
    assert fillers(text) == expected


def test_fillers_keep_the_documented_order():
    assert list(fillers("basically, um, like, you know")) == ["um", "like", "you know", "basically"]


def test_top_words_leave_out_stop_words_and_fold_plurals():
    text = "The pipeline and the pipelines. Our pipeline was slow; um, the team was slow too."
    assert top_words(text, limit=3) == [("pipeline", 3), ("slow", 2), ("team", 1)]
    assert top_words("") == []
    assert top_words("the and of to") == []


def test_sentences_split_bullets_and_sentences():
    text = "- Built it. Shipped it!\n2. Measured it\n\nThen we were done? Yes."
    assert sentences(text) == [
        "Built it.",
        "Shipped it!",
        "Measured it",
        "Then we were done?",
        "Yes.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("cut it by 40%", True), ("doubled the speed", True), ("forty users", True), ("no", False)],
)
def test_has_number(text, expected):
    assert has_number(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I built it and we shipped it in a week.", "en"),
        ("Redis.", "en"),
        ("Python, Kafka, Spark, Kubernetes, Terraform, AWS", "en"),  # names: still read
        ("Ich habe die Pipeline umgebaut, und sie war doppelt so schnell.", "de"),
        (
            "Cuando trabajaba en mi último empleo el equipo tenía un sistema muy lento y viejo.",
            "other",
        ),
        ("", ""),
        ("🎧🎧🔥 👍", ""),
        ("42 17", ""),
    ],
)
def test_language(text, expected):
    assert language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We kind of talked about it", True),
        ("it sort of worked out", True),
        ("I guess it got better", True),
        ("somehow the team agreed", True),
        ("I chose what kind of cache to add", False),
        ("one sort of problem", False),
        ("I rewrote the ranking step", False),
    ],
)
def test_hedged(text, expected):
    assert hedged(text) is expected


@pytest.mark.parametrize(
    "text",
    ["fell by half", "two of the four engineers", "tenfold", "a third of users", "no errors"],
)
def test_numbers_said_in_words(text):
    assert has_number(text)
