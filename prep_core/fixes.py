"""One-click fixes for the coverage matrix's gaps, and edits of the requirement rows.

Each takes the profile first and changes it in place (the Fit page saves it through
``state.change``); none reads or writes a file except ``tag_story``, which saves the story bank.
The first edit turns the posting's extraction into the profile's own rows (``materialise``), so
from then on re-extracting (``re_extract``) never overwrites what the person changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from prep_core.model import Profile, Question, Requirement, SkillRow
from prep_core.posting import detect_language, merge_requirements, terms_of

__all__ = [
    "add_keyword",
    "add_question",
    "add_requirement",
    "add_skill_row",
    "drop_requirement",
    "materialise",
    "re_extract",
    "set_kinds",
    "set_requirement",
    "set_talking_point",
    "subject",
    "tag_story",
    "tell_story",
]


def materialise(profile: Profile) -> list[Requirement]:
    """The profile's requirement rows, made from the posting first if it has none yet."""
    if not profile.requirements and profile.job_posting.strip():
        profile.requirements = merge_requirements([], profile.job_posting)
    return profile.requirements


def re_extract(profile: Profile) -> None:
    profile.requirements = merge_requirements(profile.requirements, profile.job_posting)


def _find(profile: Profile, requirement_id: str) -> Requirement:
    for row in materialise(profile):
        if row.id == requirement_id:
            return row
    raise ValueError("that requirement is no longer in the profile; reload the page")


def subject(row: Requirement) -> str:
    """What the requirement is about, in a few words: its terms, else its text."""
    terms = [t for t in row.terms if not t.endswith("+ years")]
    if not terms:
        return row.text.rstrip(".")
    return terms[0] if len(terms) == 1 else ", ".join(terms[:-1]) + " and " + terms[-1]


def add_skill_row(profile: Profile, *, requirement_id: str) -> SkillRow:
    """A skills row for the requirement, its talking point still to write: until it is, the
    row proves nothing (the requirement is *in progress*, see ``coverage``)."""
    row = _find(profile, requirement_id)
    new = SkillRow(skill=subject(row), requirement=row.text, requirement_id=row.id)
    profile.prep.skill_map = [*profile.prep.skill_map, new]
    return new


def set_talking_point(row_id: str, profile: Profile, value: str) -> None:
    """``bind.bound``'s write for a skills row's talking point (the Fit page's in-progress
    card asks for it)."""
    for row in profile.prep.skill_map:
        if row.id == row_id:
            row.talking_point = value
            return
    raise ValueError("that skills row is no longer in the profile; reload the page")


def add_question(profile: Profile, *, requirement_id: str) -> None:
    row = _find(profile, requirement_id)
    text = f"Tell me about your experience with {subject(row)}."
    if any(q.text == text for q in profile.prep.questions):
        raise ValueError("that question is in the question bank already")
    new = Question(text=text, category="technical")
    profile.prep.questions = [*profile.prep.questions, new]


def add_keyword(profile: Profile, *, requirement_id: str) -> None:
    row = _find(profile, requirement_id)
    profile.prep.keywords = [*profile.prep.keywords, subject(row)]


def add_requirement(profile: Profile) -> None:
    materialise(profile)
    profile.requirements = [*profile.requirements, Requirement(edited=True)]


def drop_requirement(profile: Profile, *, requirement_id: str) -> int:
    """Drop a requirement; the skills rows linked to it stay, without the link (they still
    prove any requirement their words match). Returns how many rows lost the link."""
    row = _find(profile, requirement_id)
    row.dropped = True
    linked = [r for r in profile.prep.skill_map if r.requirement_id == requirement_id]
    for skill_row in linked:
        skill_row.requirement_id = ""
    return len(linked)


def set_requirement(requirement_id: str, attribute: str, profile: Profile, value: Any) -> None:
    """``bind.bound``'s write for a requirement's text or kind; the row becomes the person's."""
    row = _find(profile, requirement_id)
    setattr(row, attribute, value)
    if attribute == "text":
        # A row saved before rows had a language takes the posting's.
        row.language = row.language or detect_language(profile.job_posting or row.text)
        row.terms = terms_of(row.text, language=row.language)
    row.edited = True


def set_kinds(profile: Profile, *, requirement_ids: Iterable[str], kind: str) -> int:
    """Make several requirement rows one kind at once (each becomes the person's); returns how
    many changed. An id no longer in the profile changes nothing and says so."""
    rows = [_find(profile, requirement_id) for requirement_id in requirement_ids]
    changed = [row for row in rows if row.kind != kind]
    for row in changed:
        row.kind = kind  # validated: an unknown kind is refused before anything is set
        row.edited = True
    return len(changed)


def tag_story(bank_store: Any, story_id: str, terms: Iterable[str]) -> str:
    """Link a story to a requirement: its terms join the story's tags. Returns the title."""
    bank = bank_store.load()
    story = bank.get(story_id)
    if story is None:
        raise ValueError("that story is no longer in the story bank")
    tags = list(dict.fromkeys([*story.tags, *(t for t in terms if not t.endswith("+ years"))]))
    stories = [s.model_copy(update={"tags": tags}) if s.id == story_id else s for s in bank.stories]
    bank_store.save(bank.model_copy(update={"stories": stories}))
    return story.title or "Untitled story"


def tell_story(profile: Profile, *, question_id: str, story_id: str) -> None:
    """Link a story to a question of the bank (``Question.story_id``): the story it tells."""
    for question in profile.prep.questions:
        if question.id == question_id:
            question.story_id = story_id
            return
    raise ValueError("that question is no longer in the profile; reload the page")
