"""Issue 12's bad input about links: a story linked from a deleted profile, and a requirement
dropped (or gone from the file) while a skills row points at it."""

from __future__ import annotations

from datetime import UTC, datetime

from prep_core.coverage import coverage, linked_stories
from prep_core.fixes import add_skill_row, drop_requirement, materialise
from prep_core.formats import export
from prep_core.model import Profile, Question, Story
from prep_core.readers.json import read
from prep_core.store import Store
from prep_core.stories import StoryStore
from tests.builders import cards_of

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
AWS = "Experience with cloud platforms such as AWS"


def _aws(profile: Profile):
    return next(r for r in materialise(profile) if r.text == AWS)


# --- a story linked to a deleted profile ------------------------------------------------------


def test_a_story_outlives_the_profile_that_linked_it(isolated, sample_profile):
    store = Store(isolated)
    bank = StoryStore(isolated)
    story = Story(
        title="Moved training to the cloud", action="I moved 40 jobs to AWS.", result="Cheaper"
    )
    bank.add([story])
    mine = sample_profile.model_copy(deep=True)
    mine.prep.questions[0].story_id = story.id
    mine = store.create(mine)
    other = store.create(Profile(company="Acme", job_posting=mine.job_posting))

    store.delete(mine.id)

    assert [s.id for s in bank.load().stories] == [story.id]  # the bank is not the profile's
    report = coverage(other, bank.load().stories)  # another profile still uses the story
    assert story.id in next(r for r in report.requirements if r.text == AWS).stories
    assert linked_stories(other, bank.load().stories, report) == [story]
    restored = store.restore(mine.id)  # Undo: the link comes back with the profile
    assert restored.prep.questions[0].story_id == story.id
    assert linked_stories(restored, bank.load().stories) == [story]


def test_a_link_to_a_story_no_longer_in_the_bank_counts_for_nothing(sample_profile):
    profile = sample_profile
    profile.prep.questions = [
        Question(text="Tell me about AWS.", answer="I used AWS.", story_id="0" * 32)
    ]
    report = coverage(profile, [])
    assert next(r for r in report.requirements if r.text == AWS).stories == []
    assert linked_stories(profile, []) == []
    for fmt in ("md", "json", "docx", "apkg"):  # every export still works
        assert export(profile, fmt, now=NOW)
    assert read(export(profile, "json", now=NOW).decode()).prep.questions[0].story_id == "0" * 32


# --- a requirement dropped while a skills row points at it ----------------------------------


def test_dropping_a_requirement_drops_the_link_and_keeps_the_skills_row(sample_profile):
    profile = sample_profile
    add_skill_row(profile, requirement_id=_aws(profile).id)
    row = profile.prep.skill_map[-1]
    assert (coverage(profile).must_covered, coverage(profile).must_in_progress) == (5, 1)
    row.talking_point = "Ran 40 training jobs on AWS"
    assert coverage(profile).must_covered == 6

    assert drop_requirement(profile, requirement_id=_aws(profile).id) == 1

    assert profile.prep.skill_map[-1].id == row.id  # the row stays, with its words
    assert (row.skill, row.requirement, row.requirement_id) == ("AWS", AWS, "")
    report = coverage(profile)
    assert AWS not in [r.text for r in report.requirements]
    assert (report.must_covered, report.must_total) == (5, 5)
    assert row.id in {c.item_id for c in cards_of(profile)}  # still a card
    assert read(export(profile, "json", now=NOW).decode()).prep.skill_map[-1].skill == "AWS"


def test_a_skills_row_pointing_at_a_requirement_gone_from_the_file_keeps_working(
    sample_profile,
):
    profile = sample_profile
    add_skill_row(profile, requirement_id=_aws(profile).id)
    profile.requirements = [r for r in profile.requirements if r.text != AWS]  # edited by hand
    row = profile.prep.skill_map[-1]
    profile = read(export(profile, "json", now=NOW).decode())  # the file loads
    assert profile.prep.skill_map[-1].requirement_id == row.requirement_id  # kept, unused
    report = coverage(profile)
    assert AWS not in [r.text for r in report.requirements]
    assert all(row.id not in r.skills for r in report.requirements if r.kind == "must")
    for fmt in ("md", "docx", "apkg"):
        assert export(profile, fmt, now=NOW)
