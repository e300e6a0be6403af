"""The debrief: questions asked go to the bank tagged with the round; the thank-you draft."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from docx import Document

from prep_core.debrief import ask, asked_in, thank_you_draft
from prep_core.model import Debrief, Profile, Question, Round
from prep_core.practice import practice_order
from tests.builders import write_docx

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _profile() -> Profile:
    profile = Profile(company="Acme", role_title="ML Engineer")
    profile.mission.core_values = ["Candor", "Speed"]
    profile.rounds = [
        Round(day=date(2026, 12, 3), interviewers=[{"name": "Ana Lee", "note": "the ranking team"}])
    ]
    profile.prep.questions = [Question(text="Why Acme?", attempts=[{"text": "x", "rating": 5}])]
    return profile


def test_a_question_they_asked_joins_the_bank_tagged_and_practice_takes_it_first():
    profile = _profile()
    item = profile.rounds[0]
    asked = ask(profile, item, "  Design a feature store  ")
    assert asked.text == "Design a feature store" and asked.asked_in == item.id
    assert practice_order(profile)[0].text == "Design a feature store"
    again = ask(profile, item, "Why Acme?")  # already in the bank: tagged, not doubled
    assert len(profile.prep.questions) == 2 and again.asked_in == item.id
    assert [q.text for q in asked_in(profile, item)] == ["Why Acme?", "Design a feature store"]
    with pytest.raises(ValueError, match="type the question"):
        ask(profile, item, "   ")


def test_the_thank_you_draft_names_the_interviewer_something_specific_and_a_value():
    profile = _profile()
    item = profile.rounds[0]
    draft = thank_you_draft(profile, item)
    assert draft.startswith(
        "Dear Ana,\n\nThank you for taking the time to talk with me on Thursday"
    )
    assert "the ML Engineer role at Acme" in draft
    assert "hearing about the ranking team" in draft  # nothing asked yet: the note on Ana
    assert "value of “Candor”" in draft
    ask(profile, item, "Design a feature store")
    assert "our discussion of “Design a feature store”" in thank_you_draft(profile, item)


def test_a_draft_for_an_empty_profile_leaves_placeholders():
    draft = thank_you_draft(Profile(), Round(day=date(2026, 12, 3)))
    assert draft.startswith("Dear [Name],") and "[Company]" in draft and "value" not in draft


def test_the_dossier_has_the_rounds_and_their_debriefs():
    profile = Profile(company="Acme")
    item = Round(
        day=date(2026, 12, 3),
        start_time="14:30",
        timezone="Europe/Paris",
        kind="technical",
        interviewers=[{"name": "Ana, Bo; 🎉", "role": "EM"}],
        debrief=Debrief(notes="Went well.", follow_ups=["Send the paper"], thank_you="Dear Ana,"),
    )
    profile.rounds = [item]
    profile.prep.questions = [Question(text="Why Acme?", asked_in=item.id, how_it_went="Short.")]
    document = Document(io.BytesIO(write_docx(profile, now=NOW)))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in (
        "Interview Rounds and Debriefs",
        "Round 1: Technical",
        "When: Thursday 3 December 2026, 14:30 (Europe/Paris)",
        "Interviewers: Ana, Bo; 🎉 — EM",
        "Why Acme? — Short.",
        "How it went: Went well.",
        "Send the paper",
        "Thank-you note: Dear Ana,",
    ):
        assert expected in text, expected
