"""Completeness: what counts as filled, per section and overall, and the drafted answers."""

from __future__ import annotations

from prep_core.completeness import completeness
from prep_core.model import Profile, Question, SkillRow
from prep_core.sections import SECTIONS, all_fields

COUNTED = [spec for _, spec in all_fields() if spec.counts]


def test_a_blank_profile_has_every_counted_field_missing():
    report = completeness(Profile())
    assert (report.filled, report.total, report.percent) == (0, len(COUNTED), 0)
    assert [spec for _, spec in report.missing()] == COUNTED
    assert [s.section.key for s in report.sections] == [s.key for s in SECTIONS]


def test_optional_fields_never_count():
    profile = Profile(job_ref="JR1", job_posting="We are hiring.")
    assert completeness(profile).filled == 0


def test_the_sample_misses_exactly_its_placeholder_sections(sample_profile):
    report = completeness(sample_profile)
    missing_sections = {s.section.key for s in report.sections if s.missing}
    assert missing_sections == {"basics", "experience", "competitors"}
    assert report.section("experience").filled == ()
    assert {spec.name for spec in report.section("basics").missing} == {
        "role_title",
        "interview_date",
    }
    assert report.percent == round(100 * report.filled / report.total)


def test_blank_rows_and_unanswered_yes_no_are_not_filled():
    profile = Profile()
    profile.prep.skill_map = [SkillRow()]
    profile.prep.questions = [Question(answer="an answer to no question")]
    profile.experience.has_used = "unknown"
    report = completeness(profile)
    assert report.filled == 0
    profile.experience.has_used = "no"  # an honest "no" is an answer
    assert completeness(profile).section("experience").filled[0].name == "has_used"


def test_drafted_answers_count_questions_with_text_only():
    profile = Profile()
    profile.prep.questions = [
        Question(text="Why us?", answer="Because."),
        Question(text="Why now?"),
        Question(answer="orphan answer"),
    ]
    report = completeness(profile)
    assert (report.answered, report.questions) == (1, 2)
    assert report.to_dict()["answered"] == 1
