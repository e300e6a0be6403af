""" "Don't ask what you already know": questions to ask flagged with the fact and a follow-up."""

from __future__ import annotations

import pytest

from prep_core.known import already_known, dismiss
from prep_core.model import NewsItem, Profile


def _profile() -> Profile:
    profile = Profile(company="Acme")
    profile.overview.size = "1,200 employees"
    profile.overview.headquarters = "Oslo, Norway"
    profile.role.department = "Part of Data & Insights"
    profile.role.reporting = "Reports to the Director of ML"
    profile.news = [NewsItem(text="Acme bought Beta Corp in 2026")]
    return profile


@pytest.mark.parametrize(
    ("question", "topic", "fact"),
    [
        ("How many employees does Acme have?", "size", "1,200 employees"),
        ("Where is the company headquartered?", "headquarters", "Oslo, Norway"),
        ("How is the team structured?", "team", "Part of Data & Insights"),
        ("Who would I report to?", "reporting", "Reports to the Director of ML"),
        ("Any recent news I should know about?", "news", "Acme bought Beta Corp in 2026"),
    ],
)
def test_a_question_the_research_answers_is_flagged(question, topic, fact):
    profile = _profile()
    profile.prep.questions_to_ask = [question]
    (flag,) = already_known(profile)
    assert (flag.question, flag.topic, flag.fact) == (question, topic, fact)
    assert flag.follow_up.endswith("?") and flag.follow_up != question


def test_the_follow_up_is_built_from_the_fact():
    profile = _profile()
    profile.prep.questions_to_ask = ["How is the team structured?", "Who would I report to?"]
    team, reporting = already_known(profile)
    assert team.follow_up.startswith("The team sits in Data & Insights — ")
    assert reporting.follow_up.startswith("I understand the role reports to the Director of ML")
    assert team.source == "Role Analysis: Department structure"


def test_questions_of_judgement_and_unknown_facts_are_not_flagged():
    profile = _profile()
    profile.prep.questions_to_ask = [
        "How does your culture of candour apply to this role?",
        "What does success look like in six months?",
        "When was the company founded?",  # asks a fact the profile does not hold
    ]
    assert already_known(profile) == []
    profile.overview.founded = "[Year founded]"  # a placeholder is not a fact
    assert already_known(profile) == []


def test_a_dismissed_flag_stays_dismissed():
    profile = _profile()
    profile.prep.questions_to_ask = ["Where is the company headquartered?"]
    dismiss(profile, question="Where is the company headquartered?")
    dismiss(profile, question="Where is the company headquartered?")
    assert profile.prep.dismissed_flags == ["Where is the company headquartered?"]
    assert already_known(profile) == []
    assert len(already_known(profile, include_dismissed=True)) == 1


def test_the_sample_flags_its_team_question(sample_profile):
    flags = already_known(sample_profile)
    assert [f.topic for f in flags] == ["team"]
    assert "Data & Insights" in flags[0].follow_up
