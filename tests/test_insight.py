"""One pass from a profile to what it means: the coverage matrix is built once per export and
per plan, and the plan, the calendar, Practice and the exports agree about the gaps."""

from __future__ import annotations

import cProfile
import io
import pstats
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from docx import Document
from icalendar import Calendar

from prep_core import export
from prep_core.fixes import materialise
from prep_core.insight import Insight
from prep_core.model import Profile, Question, Requirement, Story
from prep_core.progress import practice_order
from prep_core.stories import StoryStore
from prep_core.writers.anki import build_cards

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
AWS = "Experience with cloud platforms such as AWS"  # a must-have of the sample's posting
KAFKA = "Experience with Kafka streaming"


def coverage_runs(call: Callable[[], Any]) -> int:
    """How many times ``call`` builds a coverage matrix (``prep_core.coverage.coverage``)."""
    profiler = cProfile.Profile()
    profiler.runcall(call)
    stats = pstats.Stats(profiler, stream=io.StringIO()).stats  # type: ignore[attr-defined]
    return sum(
        calls
        for (path, _, name), (_, calls, *_) in stats.items()
        if path.endswith("prep_core/coverage.py") and name == "coverage"
    )


def cloud_story() -> Story:
    return Story(
        title="Moved 40 training jobs to the cloud",
        situation="Jobs queued for days.",
        task="Cut the wait.",
        action="Moved them to AWS spot GPUs.",
        result="Wait down from 3 days to 2 hours.",
    )


@pytest.fixture
def profile(sample_profile: Profile) -> Profile:
    """The sample, five days before its interview, with a question about the AWS must-have (a
    gap without the story bank, proven by a story of the bank) and one about a Kafka must-have
    (a gap either way)."""
    sample_profile.interview_date = NOW.date() + timedelta(days=5)
    sample_profile.prep.questions.append(Question(text="How have you used AWS?"))
    materialise(sample_profile)  # the posting's rows, and one must-have nothing proves
    sample_profile.requirements.append(Requirement(text=KAFKA, kind="must", terms=["Kafka"]))
    sample_profile.prep.questions.append(Question(text="How have you used Kafka streams?"))
    return sample_profile


@pytest.mark.parametrize(
    ("fmt", "options"),
    [("apkg", {}), ("docx", {}), ("docx", {"variant": "cheatsheet"}), ("ics", {})],
)
def test_one_export_builds_the_coverage_matrix_once(profile, fmt, options):
    runs = coverage_runs(lambda: export(profile, fmt, now=NOW, stories=[cloud_story()], **options))
    assert runs == 1


def test_an_export_given_the_insight_builds_no_matrix(profile):
    insight = Insight.of(profile, [cloud_story()], now=NOW)
    assert coverage_runs(lambda: export(profile, "apkg", insight=insight)) == 0


def test_one_plan_builds_the_coverage_matrix_once(profile):
    assert coverage_runs(lambda: Insight.of(profile, [cloud_story()], now=NOW).plan) == 1


def test_prep_export_builds_the_coverage_matrix_once(profile, isolated, tmp_path, capsys):
    from prep_core.cli import main
    from prep_core.store import Store

    saved = Store(isolated).create(profile)
    StoryStore(isolated).add([cloud_story()])
    args = ["export", saved.id, "--to", "apkg", "-o", str(tmp_path / "deck.apkg")]
    assert coverage_runs(lambda: main(args)) == 1
    assert (tmp_path / "deck.apkg").stat().st_size > 0


def test_the_plan_practice_and_the_exports_agree_on_the_gaps(profile):
    bank = [cloud_story()]
    insight = Insight.of(profile, bank, now=NOW)
    asked = next(q for q in profile.prep.questions if q.text == "How have you used AWS?")
    # the story proves the AWS must-have: not a gap, so its question is not pushed first
    assert AWS not in {row.text for row in insight.coverage.uncovered_musts()}
    assert asked.id not in insight.gap_questions
    without = Insight.of(profile, [], now=NOW)  # the bug: a caller that forgot the bank
    assert asked.id in without.gap_questions
    assert [row.text for row in insight.coverage.uncovered_musts()] == [KAFKA]
    assert len(insight.gap_questions) == 1
    # Practice (weakest first) and the plan's practice items follow the same order
    order = [q.id for q in insight.practice_order]
    assert order == [q.id for q in practice_order(profile, stories=bank)]
    planned = [i.ref for d in insight.plan.days for i in d.items if i.kind == "practice" and i.ref]
    assert planned == [q for q in order if q in planned][: len(planned)]
    fits = {i.ref for d in insight.plan.days for i in d.items if i.kind == "fit"}
    assert fits == {row.id for row in insight.coverage.uncovered_musts()}
    # the calendar's prep blocks are the plan's days, item for item
    calendar = Calendar.from_ical(export(profile, "ics", now=NOW, stories=bank))
    blocks = {
        str(e["uid"]): str(e["description"])
        for e in calendar.walk("VEVENT")
        if e["uid"][:5] == "prep-"
    }
    for day in insight.plan.days[:-1]:
        lines = [f"- {i.text}" for i in day.items if i.kind != "facts"]
        uid = f"prep-{day.date:%Y%m%d}-{profile.id}@interview-prep-studio.local"
        assert blocks[uid].splitlines() == lines
    # the deck marks the same gap questions, the cheat sheet lists the same uncovered must-haves
    cards = build_cards(profile, insight=insight)
    assert {c.item_id for c in cards if c.gap and c.kind == "question"} == insight.gap_questions
    sheet = Document(io.BytesIO(export(profile, "docx", variant="cheatsheet", insight=insight)))
    text = "\n".join(p.text for p in sheet.paragraphs)
    assert AWS not in text
    for row in insight.coverage.uncovered_musts():
        assert row.text[:40] in text
