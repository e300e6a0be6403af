"""The company's vocabulary and its matching: whole words, stems, exact short terms, fuzzy."""

from __future__ import annotations

import pytest

from prep_core.model import Profile
from prep_core.vocabulary import SOURCE_LABELS, SOURCES, Term, TextIndex, hotwords, vocabulary


def _uses(term: str, text: str) -> bool:
    return TextIndex(text).uses(term)


def test_the_sample_vocabulary_comes_from_every_filled_source(sample_profile):
    terms = vocabulary(sample_profile)
    by_source: dict[str, list[str]] = {}
    for term in terms:
        by_source.setdefault(term.source, []).append(term.text)
    assert by_source["company"] == ["Netflix"]
    assert "Freedom & Responsibility" in by_source["core_values"]
    assert "Netflix Originals" in by_source["products"]
    assert {"PyTorch", "AWS", "Google Cloud services"} <= set(by_source["tech_stack"])
    assert "GPU-accelerated distributed training" in by_source["keywords"]
    # a responsibility's key terms, without its leading verb
    assert {"computer vision", "media content processing"} <= set(by_source["responsibilities"])
    assert "Designing" not in str(terms)
    assert "competitors" not in by_source  # empty in the sample


def test_each_term_once_by_its_first_source(sample_profile):
    sample_profile.competitors.direct = ["Disney+", "Python", "HBO Max (Warner Bros.)"]
    terms = vocabulary(sample_profile)
    texts = [t.text.lower() for t in terms]
    assert len(texts) == len(set(texts))
    assert next(t for t in terms if t.text == "Python").source == "tech_stack"
    assert [t.text for t in terms if t.source == "competitors"] == ["Disney+", "HBO Max"]


def test_vocabulary_is_deterministic_and_every_source_is_labelled(sample_profile):
    assert vocabulary(sample_profile) == vocabulary(sample_profile.model_copy(deep=True))
    assert all(name in SOURCE_LABELS for name, _ in SOURCES)
    assert "posting" in SOURCE_LABELS  # the hook for the job posting's terms


def test_an_empty_profile_has_no_vocabulary():
    assert vocabulary(Profile()) == []
    assert hotwords(Profile()) == ""


def test_hotwords_are_the_most_relevant_terms(sample_profile):
    assert hotwords(sample_profile, limit=3) == (
        "Netflix, Freedom & Responsibility, Context, not Control"
    )


def test_term_dict():
    assert Term("Kafka", "tech_stack").to_dict() == {"term": "Kafka", "source": "tech_stack"}
    assert Term("Kafka", "tech_stack").source_label == "technology stack"


# --- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("Kafka", "we streamed it through KAFKA."),
        ("microservice", "three Microservices"),  # plural
        ("Netflix", "Netflix's catalogue"),  # possessive
        ("library", "two libraries"),
        ("TensorFlow", "a Tensor Flow model"),  # written apart
        ("Go", "I wrote it in Go."),
        ("R", "analysis in R and Python"),
        ("C++", "low-latency C++ services"),
        ("Node.js", "a Node.js API"),
    ],
)
def test_one_word_terms_match_whole_words(term, text):
    assert _uses(term, text)


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("Go", "the good old days"),  # inside a word
        ("Go", "we had to go faster"),  # the verb: short terms keep their case
        ("R", "r is a letter"),
        ("Spark", "it sparked a discussion"),  # no stemming beyond plurals
        ("Java", "JavaScript"),
        ("AWS", "laws and draws"),
        ("Scala", "scalable"),
    ],
)
def test_one_word_terms_do_not_match_inside_words_or_other_words(term, text):
    assert not _uses(term, text)


# Measured pairs behind FUZZY_THRESHOLD and the adjacency rule (see prep_core/vocabulary.py).
FUZZY_MATCHES = [
    ("Microservices architecture", "we moved to a micro-services architecture last year"),
    ("Highly Aligned, Loosely Coupled", "teams there are loosely coupled but highly aligned"),
    ("Freedom & Responsibility", "I value freedom and responsibility"),
    ("GPU-accelerated distributed training", "I ran GPU accelerated distributed model training"),
    ("human-in-the-loop workflows", "a human in the loop workflow"),
    ("Scalable systems", "I build systems that are scalable"),
    ("Cross-functional collaboration", "cross functional collaborations with research"),
    ("custom ML infrastructure", "we built custom ML infra structure"),
    ("personalized recommendations", "personalised recommendation"),
    ("ML pipeline development", "development of the ML pipeline"),
    ("Google Cloud services", "Google cloud service"),
    ("Spring Boot", "springboot services"),
    ("Context, not Control", "context, not control"),
]
FUZZY_MISSES = [
    ("Google Cloud services", "good cloud services"),
    ("computer vision", "computer science vision statement"),
    ("Spring Boot", "spring break"),
    ("model deployment", "role model development"),
    ("ML workflows", "mail workflows"),
    ("production environment", "product environments"),
    ("business teams", "busy teams"),
    ("Continuous Delivery", "continuous discovery"),
    ("Scalable systems", "scaled system"),
    ("content creators", "contented creatures"),
    ("research scientists", "search scientist"),
    ("NLP applications", "nap applications"),
    ("TV series", "TV serious"),
]


@pytest.mark.parametrize(("term", "text"), FUZZY_MATCHES)
def test_multi_word_terms_match_fuzzily(term, text):
    assert _uses(term, text)


@pytest.mark.parametrize(("term", "text"), FUZZY_MISSES)
def test_multi_word_terms_do_not_match_lookalikes(term, text):
    assert not _uses(term, text)


def test_a_term_across_a_line_break_and_in_another_case():
    assert _uses("Continuous Delivery", "we moved to CONTINUOUS\ndelivery")
