"""The debrief: questions asked go to the bank tagged with the round; the thank-you draft."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from docx import Document

from prep_core.debrief import ask, asked_in, thank_you_draft, thank_you_notes
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
    assert "ranking team" not in draft  # the note on Ana is private
    assert "I enjoyed the conversation" in draft
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


# --- one note per interviewer, and prep thanks ---------------------------------------------------


def _panel() -> Profile:
    profile = _profile()
    item = profile.rounds[0]
    item.interviewers = [
        {"name": "Ana Lee", "role": "EM", "note": "confirm salary band"},
        {"name": "Bo\nChen 🎉", "note": "x" * 10_000},  # a newline in a name is folded
        {"name": ""},  # no name: no note
    ]
    ask(profile, item, "Design a feature store")
    ask(profile, item, "Tell me about a failure")
    return profile


def test_one_note_per_named_interviewer_each_on_its_own_question_and_value():
    profile = _panel()
    notes = thank_you_notes(profile, profile.rounds[0])
    assert [n.interviewer for n in notes] == ["Ana Lee", "Bo Chen 🎉"]
    ana, bo = (n.text for n in notes)
    assert ana.startswith("Dear Ana,") and bo.startswith("Dear Bo,")
    assert "“Design a feature store”" in ana and "“Tell me about a failure”" in bo
    assert "“Candor”" in ana and "“Speed”" in bo
    assert not any("salary" in n.text or "xxxx" in n.text for n in notes)


def test_a_kept_note_is_given_back_and_a_round_without_names_gets_one_note():
    profile = _panel()
    profile.rounds[0].interviewers[0].thank_you = "Dear Ana, my own words."
    notes = thank_you_notes(profile, profile.rounds[0])
    assert notes[0].text == "Dear Ana, my own words."
    assert thank_you_notes(profile, profile.rounds[0], drafts_only=True)[0].text != notes[0].text
    [only] = thank_you_notes(Profile(), Round(day=date(2026, 12, 3)))
    assert only.to_dict()["interviewer"] == "" and only.text.startswith("Dear [Name],")


def _prep(*argv: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "prep_core", *argv], capture_output=True, text=True, env=env
    )


def test_prep_thanks_prints_one_note_per_interviewer_and_never_the_private_note(tmp_path):
    path = tmp_path / "acme.json"
    path.write_text(_panel().model_dump_json(), encoding="utf-8")
    result = _prep("thanks", str(path), "--json", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    notes = json.loads(result.stdout)
    assert [sorted(n) for n in notes] == [["interviewer", "text"]] * 2
    assert [n["interviewer"] for n in notes] == ["Ana Lee", "Bo Chen 🎉"]
    assert "salary band" not in result.stdout
    text = _prep("thanks", str(path), "--round", "1", data_dir=tmp_path / "data")
    assert text.returncode == 0 and "--- To Ana Lee (Interview, 2026-12-03) ---" in text.stdout
    assert "salary band" not in text.stdout
    for bad, message in (("2", "no round 2: this profile has 1 round"), ("0", "not a round")):
        result = _prep("thanks", str(path), "--round", bad, data_dir=tmp_path / "data")
        assert result.returncode == 2 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "data").exists()  # a reading command creates nothing
