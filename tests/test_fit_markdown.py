"""Markdown carries the posting's requirements and the story bank, and reads them back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prep_core.model import REQUIREMENT_KINDS, Profile, Question, Requirement, SkillRow, Story
from prep_core.readers.markdown import read, read_stories
from prep_core.writers.markdown import MARKDOWN_LOSSES, markdown_view, write
from tests.test_markdown_roundtrip import profiles, raw_text

requirement_rows = st.lists(
    st.builds(
        Requirement,
        text=raw_text,
        kind=st.sampled_from(REQUIREMENT_KINDS),
        terms=st.lists(raw_text, max_size=3),
        dropped=st.booleans(),
        edited=st.booleans(),
        source=raw_text,
    ),
    max_size=4,
)
stories = st.lists(
    st.builds(
        Story,
        title=raw_text,
        situation=raw_text,
        task=raw_text,
        action=raw_text,
        result=raw_text,
        tags=st.lists(raw_text, max_size=3),
    ),
    max_size=3,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), requirement_rows, stories)
def test_requirements_and_stories_round_trip(profile, rows, bank):
    profile.requirements = rows
    text = write(profile, stories=bank)
    assert markdown_view(read(text)) == markdown_view(profile)
    assert read_stories(text) == [s for s in bank if not s.is_blank()]


def test_requirements_are_written_after_the_posting_and_read_as_the_persons_own():
    profile = Profile(company="Acme", job_posting="Requirements:\n- K8s")
    profile.requirements = [
        Requirement(text="5+ years of K8s", terms=["5+ years", "Kubernetes"], source="x"),
        Requirement(text="Dropped", dropped=True),
        Requirement(text="Rust", kind="nice"),
    ]
    text = write(profile)
    assert text.index("## Job Posting") < text.index("## Job Requirements")
    assert "- **Must**: 5+ years of K8s\n  - **Terms**: 5+ years, Kubernetes" in text
    assert "Dropped" not in text
    again = read(text)
    assert [(r.kind, r.text, r.terms, r.edited) for r in again.requirements] == [
        ("must", "5+ years of K8s", ["5+ years", "Kubernetes"], True),
        ("nice", "Rust", [], True),
    ]
    assert again.extra_sections == []


def test_a_question_keeps_its_story_and_the_bank_its_ids():
    story = Story(title="Cut training time by 40%", situation="Slow jobs.", tags=["PyTorch"])
    profile = Profile(company="Acme")
    profile.prep.questions = [Question(text="Tell me about a win", story_id=story.id)]
    text = write(profile, stories=[story])
    assert read(text).prep.questions[0].story_id == story.id
    assert read_stories(text) == [story]
    assert read_stories(write(profile)) == []


def test_a_section_that_is_not_requirements_stays_as_written():
    text = "# Company Profile: Acme\n\n## Job Requirements\n\nWe need people who care.\n"
    profile = read(text)
    assert profile.requirements == []
    assert [(e.title, e.body) for e in profile.extra_sections] == [
        ("Job Requirements", "We need people who care.")
    ]
    bank = "# Company Profile: Acme\n\n## Story Bank\n\nSome notes\n"
    assert read_stories(bank) == []
    assert read(bank).extra_sections[0].title == "Story Bank"


def test_the_skill_rows_link_is_a_listed_loss():
    assert any("requirement_id" in loss for loss in MARKDOWN_LOSSES)
    profile = Profile(company="Acme")
    row = Requirement(text="K8s")
    profile.requirements = [row]
    profile.prep.skill_map = [SkillRow(skill="K8s", requirement_id=row.id)]
    assert read(write(profile)).prep.skill_map[0].requirement_id == ""
