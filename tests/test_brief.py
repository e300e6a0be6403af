"""One round's brief: what the core gathers (prep_core.brief) and the one-page Word document."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from docx import Document

from prep_core.brief import FOCUS, MAX_PEOPLE, MAX_STORIES, brief, questions_worth_asking
from prep_core.errors import NoSuchRound
from prep_core.model import ROUND_KINDS, Profile, Requirement, Story
from tests.builders import with_rounds
from tests.builders import write_docx as write

NOW = datetime(2026, 11, 27, 14, tzinfo=UTC)


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _profile() -> Profile:
    profile = with_rounds(Profile(company="Acme", role_title="ML Engineer"))
    profile.overview.headquarters = "Los Gatos, California"
    profile.overview.revenue = "$2 billion (2021)"  # stale at NOW: not in the brief
    profile.news = [{"text": "Launched a new ads tier", "date": "2026-10-01"}]
    profile.prep.questions_to_ask = [
        "Where is the company headquartered?",
        "What would I ship first?",
    ]
    profile.requirements = [
        Requirement(text=f"Experience with {term}", kind="must", terms=[term])
        for term in ("Spark", "Kafka", "Airflow", "Flink", "Rust")
    ]
    profile.prep.questions = [{"text": "Tell me about Rust", "answer": "I ported a parser to Rust"}]
    return profile


STORIES = [
    Story(title=f"{term} story", action=f"Built it with {term}", result="faster")
    for term in ("Spark", "Kafka", "Airflow", "Flink")
]


def test_every_kind_has_a_focus():
    assert set(FOCUS) == set(ROUND_KINDS)
    assert any(
        "Salary expectations and notice period" in line for line in FOCUS["recruiter_screen"]
    )


def test_the_onsite_brief_has_who_proofs_fresh_facts_and_the_questions_worth_asking():
    profile = _profile()
    onsite = profile.rounds[1]
    result = brief(profile, onsite, now=NOW, stories=STORIES)
    assert result.number == 2
    assert result.when == "Sunday 6 December 2026, 09:30–13:30 (America/Los_Angeles)"
    assert [p.name for p in result.people] == ["Priya Raman", "Sam Ortiz"]
    assert result.people[0].note == "ask about the roadmap"  # private: shown to the person
    stories = [p.story for p in result.proofs if p.story]
    assert len(stories) == MAX_STORIES  # four stories prove four must-haves; three are used
    by_requirement = {p.requirement: p.text for p in result.proofs}
    assert by_requirement["Experience with Rust"] == "answer: Tell me about Rust"
    assert by_requirement["Experience with Flink"] == "nothing proves it yet: see the Fit page"
    assert [f.label for f in result.facts] == ["News: Launched a new ads tier"]
    assert result.questions == ("What would I ship first?",)
    assert questions_worth_asking(profile) == ["What would I ship first?"]


def test_a_recruiter_screen_brief_is_about_the_pitch_not_the_must_haves():
    profile = _profile()
    result = brief(profile, profile.rounds[0], now=NOW, stories=STORIES)
    assert result.proofs == () and result.focus == FOCUS["recruiter_screen"]


def test_fifty_interviewers_and_a_long_note_are_capped():
    profile = with_rounds(Profile(company="Acme"), crowded=True)
    result = brief(profile, profile.rounds[1], now=NOW)
    assert len(result.people) == MAX_PEOPLE and result.more_people == 50 - MAX_PEOPLE
    assert all(len(p.note) <= 160 and "\n" not in p.name for p in result.people)


def test_the_word_brief_is_the_next_round_by_default_or_round_n():
    profile = _profile()
    screen = _text(write(profile, now=NOW, variant="round", stories=STORIES))
    assert screen.startswith("Round 1: Recruiter screen · Acme")
    assert "Jordan Kim, Recruiter — salary band" in screen
    onsite = _text(write(profile, now=NOW, variant="round", round=2, stories=STORIES))
    for expected in (
        "Round 2: Onsite · Acme",
        "When: Sunday 6 December 2026, 09:30–13:30 (America/Los_Angeles)",
        "Where: 121 Albright Way, Los Gatos",
        "Experience with Spark — story: Spark story",
        "News: Launched a new ads tier (2026-10-01)",
        "What would I ship first?",
    ):
        assert expected in onsite
    assert "headquartered" not in onsite and "$2 billion" not in onsite
    with pytest.raises(NoSuchRound, match="no round 3: this profile has 2 rounds"):
        write(profile, now=NOW, variant="round", round=3)


def _prep(*argv: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "prep_core", *argv], capture_output=True, text=True, env=env
    )


def test_prep_export_round_brief_and_its_bad_input(tmp_path):
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(_profile().model_dump(mode="json")), encoding="utf-8")
    out = tmp_path / "brief.docx"
    args = ("export", str(path), "--to", "docx", "--variant", "round")
    result = _prep(*args, "--round", "2", "-o", str(out), data_dir=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    assert "Round 2: Onsite" in _text(out.read_bytes())
    for extra, message in (
        (("--round", "7"), "no round 7: this profile has 2 rounds"),
        (("--round", "-1"), "not a round number"),
    ):
        bad = _prep(*args, *extra, "-o", str(tmp_path / "x.docx"), data_dir=tmp_path / "d")
        assert bad.returncode == 2 and message in bad.stderr, bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1
    bad = _prep("export", str(path), "--to", "docx", "--round", "1", data_dir=tmp_path / "d")
    assert bad.returncode == 2 and "--round goes with --to docx --variant round" in bad.stderr
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "d").exists()
    assert date.fromisoformat(json.loads(path.read_text())["interview_date"])  # unchanged file


# --- the cheat sheet leads with the next round ---------------------------------------------------


def test_the_cheat_sheet_leads_with_the_next_round_has_fresh_news_and_no_known_questions():
    profile = _profile()
    profile.news = [
        {"text": "Launched a new ads tier", "date": "2026-10-01"},
        {"text": "Opened a Tokyo office", "date": "2019-02-01"},  # stale at NOW
    ]
    texts = [
        p.text
        for p in Document(io.BytesIO(write(profile, now=NOW, variant="cheatsheet"))).paragraphs
    ]
    assert texts[1].startswith(
        "Next round: Recruiter screen, Monday 30 November 2026, 16:00–16:45 (America/Los_Angeles)"
        "   ·   With: Jordan Kim (Recruiter)"
    )
    assert "salary band" not in "\n".join(texts)  # a private note stays off the sheet
    news = texts.index("Recent news")
    assert texts[news + 1] == "Launched a new ads tier (2026-10-01)"
    assert "Opened a Tokyo office" not in "\n".join(texts[news:])
    asked = texts.index("Questions to ask")
    assert texts[asked + 1 :] == ["What would I ship first?"]
    after_screen = datetime(2026, 12, 2, tzinfo=UTC)
    later = write(profile, now=after_screen, variant="cheatsheet")
    assert "Next round: Onsite, Sunday 6 December 2026" in _text(later)
