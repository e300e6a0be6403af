"""Company terms that are not fooled: whole terms, names the profile repeats, no everyday words,
and the terms suggested for a question are those that fit it."""

from __future__ import annotations

from prep_core.model import Profile, Question
from prep_core.practice import feedback, suggested_terms
from prep_core.vocabulary import vocabulary
from prep_core.wording import top_words


def texts(profile: Profile, source: str | None = None) -> list[str]:
    return [t.text for t in vocabulary(profile) if source is None or t.source == source]


def test_pub_sub_is_one_term_counted_once():
    profile = Profile(tech_stack={"data_ml_tools": ["Pub/Sub", "PyTorch/TensorFlow", "CI/CD"]})
    assert texts(profile) == ["Pub/Sub", "PyTorch", "TensorFlow", "CI/CD"]
    question = Question(text="How do you move events?", category="technical")
    result = feedback(profile, question, "We publish every event to Pub/Sub and read it back.")
    assert result.terms_used == ["Pub/Sub"]


def test_a_b_gives_no_b_and_fillers_feed_no_top_words():
    said = "We ran an A/B test, you know, and the on-call team, you know, liked the A/B test."
    words = dict(top_words(said))
    assert words["a/b"] == 2 and words["on-call"] == 1
    assert "b" not in words and "know" not in words and "call" not in words
    assert dict(top_words("Do you know how it works? I know."))["know"] == 2  # not a filler here


def test_no_fragment_and_no_everyday_word_is_a_term():
    profile = Profile(
        role={"responsibilities": ["Building data products end to end", "Build features"]},
        products={"product_lines": "Features, films and the Daily Mix"},
    )
    found = texts(profile)
    assert "data products" in found and "data products end" not in found
    for everyday in ("features", "Features", "films", "Build", "Build features"):
        assert everyday not in found, found


def test_names_the_profile_repeats_are_terms():
    profile = Profile(
        company="Spotify",
        role={"department": "Part of the Studio Media Algorithms team."},
        culture_fit=[
            "The Studio Media Algorithms team built Discover Weekly.",
            "Discover Weekly and the daylist are loved; the daylist updates through the day.",
            "I love how Wrapped turns a year into a story; the annual Wrapped campaign too.",
            "The Director said the Studio is growing.",  # everyday words, capitalised
            "The Director of the Studio agreed.",
        ],
    )
    names = texts(profile, "names")
    assert names == ["Studio Media Algorithms", "Discover Weekly", "daylist", "Wrapped"]
    once = Profile(culture_fit=["The Growth Team once said so."])
    assert texts(once, "names") == []  # written once: not a name the profile repeats


def test_the_suggested_terms_fit_the_question():
    profile = Profile(
        company="Acme",
        mission={"core_values": ["Customers first", "Own the outcome"]},
        tech_stack={"languages": ["Python"], "cloud": ["Kubernetes"]},
        requirements=[
            {"text": "Kafka streaming", "kind": "must", "terms": ["Kafka", "stream processing"]}
        ],
    )
    terms = vocabulary(profile)
    technical = Question(text="How would you scale Kafka consumers?", category="technical")
    suggested = [t.text for t in suggested_terms(profile, technical, terms)]
    assert suggested[:2] == ["Kafka", "stream processing"]  # the must-have it asks about
    assert "Python" in suggested and "Customers first" not in suggested  # no value
    why = Question(text="Why Acme?", category="motivation")
    assert [t.text for t in suggested_terms(profile, why, terms)] == [
        "Acme",
        "Customers first",
        "Own the outcome",
    ]
