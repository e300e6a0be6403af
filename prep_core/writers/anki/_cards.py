"""Which flashcards a profile gives: plain-text cards chosen through the section registry.

This module decides *what* to drill; ``_package`` decides how genanki packs it. Cards hold plain
text (newlines, "•" bullets): escaping to HTML happens once, in the packer, so no user text is
ever treated as markup.

A card exists only for a filled field (``FieldSpec.present``): an empty field, or one holding
only a ``[placeholder]`` such as ``[TBD]``, gives no card; a skills row without a talking point
(``sections.skill_rows_with_a_point``) gives none either: it has nothing to recall yet.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from prep_core.errors import UnknownFormat
from prep_core.model import NewsItem, Profile, Question, SkillRow, slugify
from prep_core.sections import (
    SECTION_BY_KEY,
    SECTIONS,
    YES_NO_LABELS,
    FieldSpec,
    Section,
    skill_rows_with_a_point,
    weak_tag,
)

if TYPE_CHECKING:
    from prep_core.insight import Insight

# Card kinds take part in each note's GUID, so these names are frozen: renaming one would make
# Anki see every card of that kind as new on the next import.
FIELD = "field"  # one registry field with a prompt: a fact, a text or a whole list
QUESTION = "question"  # one potential question and the drafted answer
SKILL = "skill"  # one row of the skills-to-requirements table
WHY = "why"  # a section's own card summing up its fields: "Why this company?" (experience)
STORY = "story"  # a STAR story of the story bank, with the requirement it proves

NO_ANSWER = "No answer drafted yet: write down what you will say."
MAX_RELATED_POINTS = 3
MAX_RELATED_KEYWORDS = 4


@dataclass(frozen=True)
class Card:
    """One flashcard in plain text, with what identifies it across exports."""

    section: str  # registry key: "overview"
    kind: str  # FIELD, QUESTION, SKILL or WHY
    item_id: str  # field path ("overview.headquarters") or the row's stable id
    front: str
    back: str
    source: str  # the label of the field the card comes from, shown above the front
    tags: tuple[str, ...]
    weak: bool = False  # a question whose last practice attempt was weak: first among new cards
    gap: bool = False  # about an uncovered must-have: next among new cards, after the weak ones


def resolve_sections(sections: Sequence[str] | str | None) -> tuple[Section, ...]:
    """The registry sections named in ``sections`` (all when None), in template order.

    Raises UnknownFormat, listing the valid keys, for a name the registry does not know.
    """
    if sections is None:
        return SECTIONS
    wanted = [sections] if isinstance(sections, str) else list(sections)
    unknown = [key for key in wanted if key not in SECTION_BY_KEY]
    if unknown:
        raise UnknownFormat(
            f"unknown section {', '.join(map(repr, unknown))} for the Anki deck; "
            f"choose from: {', '.join(SECTION_BY_KEY)}"
        )
    return tuple(section for section in SECTIONS if section.key in wanted)


def build_cards(
    profile: Profile,
    sections: Sequence[str] | str | None = None,
    *,
    insight: Insight,
) -> list[Card]:
    """Every card the profile gives, in template order (the order Anki will show them).

    ``insight`` (the profile's analysis) says which questions are weak or about a gap, and
    which stories of the bank the profile uses (a card each, with what it proves).

    >>> [c.front for c in build_cards(profile, ["overview"])][:1]
    ['Netflix: when was it founded?']
    """
    cards: list[Card] = []
    for section in resolve_sections(sections):
        tags = (f"prep::{company_slug(profile)}::{section.key}",)
        for spec in section.fields:
            value = spec.present_in(profile)
            if value is not None:
                cards.extend(_cards_for_field(profile, section, spec, value, tags, insight))
        if section.prompt and any(s.is_filled(profile) for s in section.fields):
            cards.append(_why_card(profile, section, tags))
        if section.key == "prep" and insight.linked_stories:
            cards.extend(_story_cards(section, insight, tags))
    return _mark_gaps(profile, cards, insight)


def _mark_gaps(profile: Profile, cards: list[Card], insight: Insight) -> list[Card]:
    """Mark the cards about an uncovered must-have (``Card.gap``): the questions asking about
    it (``Insight.gap_questions``, as practice order) and the stories those questions tell.
    No skills row or story proves an uncovered must-have (it would be covered), so these are
    the cards that can be about one."""
    asked = insight.gap_questions
    if not asked or not any(card.kind == QUESTION for card in cards):
        return cards
    told = {q.story_id for q in profile.prep.questions if q.id in asked and q.story_id}
    return [
        replace(card, gap=True)
        if (card.kind == QUESTION and card.item_id in asked)
        or (card.kind == STORY and card.item_id in told)
        else card
        for card in cards
    ]


_STAR = (("Situation", "situation"), ("Task", "task"), ("Action", "action"), ("Result", "result"))


def _story_cards(section: Section, insight: Insight, tags: tuple[str, ...]) -> Iterator[Card]:
    """One card per story: front the title and the requirement it proves, back the STAR."""
    proves = insight.proves  # the requirement it is linked to, else the first must-have
    for story in insight.linked_stories:
        if story.is_blank():
            continue
        front = story.title or "A story of yours"
        if story.id in proves:
            front += f"\n\nProves: {proves[story.id]}"
        back = "\n\n".join(
            f"{label}: {getattr(story, key)}" for label, key in _STAR if getattr(story, key)
        )
        yield Card(
            section.key, STORY, story.id, front, back or "Write down its STAR.", "Story bank", tags
        )


def company_slug(profile: Profile) -> str:
    """The company part of every tag: 'netflix' (never empty, never with a space).

    ``sections.weak_tag`` builds the weak questions' tag with the same rule.
    """
    return slugify(profile.company) or "untitled"


def _cards_for_field(
    profile: Profile,
    section: Section,
    spec: FieldSpec,
    value: Any,
    tags: tuple[str, ...],
    insight: Insight,
) -> Iterator[Card]:
    """The cards of one filled field; ``value`` is its ``present`` value."""
    if spec.kind == "questions":
        finder = RelatedFinder(profile)
        weak_tags = (*tags, weak_tag(profile))
        for question in value:
            weak = question.id in insight.weak_questions
            card = _question_card(section, spec, question, finder, weak_tags if weak else tags)
            yield replace(card, weak=weak)
    elif spec.kind == "skills":
        for row in skill_rows_with_a_point(value):
            yield _skill_card(profile, section, spec, row, tags)
    elif spec.prompt:
        front = spec.prompt.format(company=_company(profile), role=_role(profile))
        yield Card(section.key, FIELD, spec.path, front, _field_text(spec, value), spec.label, tags)


def _field_text(spec: FieldSpec, value: Any) -> str:
    if spec.kind == "list":
        return _bullets(value)
    if spec.kind == "inline_list":
        return ", ".join(value)
    if spec.kind == "news":
        return _bullets(_news_line(item) for item in value)
    if spec.kind == "yesno":
        return YES_NO_LABELS[value]
    return str(value)


def _news_line(item: NewsItem) -> str:
    text = item.text or item.url  # a news item with only a link is news too
    return f"{item.date}: {text}" if item.date else text


def _question_card(
    section: Section,
    spec: FieldSpec,
    question: Question,
    finder: RelatedFinder,
    tags: tuple[str, ...],
) -> Card:
    parts = [question.answer or NO_ANSWER]
    points, keywords = finder.related(question.text)
    if points:
        parts.append("Talking points:\n" + _bullets(points))
    if keywords:
        parts.append("Keywords: " + ", ".join(keywords))
    source = f"{spec.label} ({question.category})" if question.category else spec.label
    return Card(section.key, QUESTION, question.id, question.text, "\n\n".join(parts), source, tags)


def _skill_card(
    profile: Profile, section: Section, spec: FieldSpec, row: SkillRow, tags: tuple[str, ...]
) -> Card:
    # Front is their requirement; a row with only a skill still gets a card asking about it.
    front = row.requirement or f"{_company(profile)}: how will you present “{row.skill}”?"
    lines = []
    if row.skill and row.requirement:
        lines.append(f"Your skill: {row.skill}")
    if row.talking_point:
        lines.append(f"Talking point: {row.talking_point}")
    back = "\n\n".join(lines) or "No skill matched yet: which of your skills meets this?"
    return Card(section.key, SKILL, row.id, front, back, spec.label, tags)


def _why_card(profile: Profile, section: Section, tags: tuple[str, ...]) -> Card:
    lines = []
    for spec in section.fields:
        value = spec.present_in(profile)
        if value is not None:
            lines.append(f"{spec.label}\n{_field_text(spec, value)}")
    front = section.prompt.format(company=_company(profile), role=_role(profile))
    return Card(section.key, WHY, section.key, front, "\n\n".join(lines), section.title, tags)


# --- "related" talking points and keywords for a question -----------------------------------

_WORD = re.compile(r"[a-z0-9]+")
# Words of four letters or more that say nothing about a topic.
# fmt: off
_STOPWORDS = frozenset((
    "about", "also", "been", "could", "does", "from", "have", "into", "like", "more", "most",
    "much", "over", "such", "than", "that", "their", "them", "they", "this", "those", "what",
    "when", "where", "which", "while", "will", "with", "would", "your", "yours",
))
# fmt: on


_Index = tuple[list[str], dict[str, list[int]]]


class RelatedFinder:
    """Finds the talking points and keywords that share most words with a question.

    Words are compared on their first six letters, so "collaborate" meets "collaborating";
    short words, stop words and the company's own name never count as a match. Candidates are
    split into words once per profile, not once per question.
    """

    def __init__(self, profile: Profile) -> None:
        self._ignored = _STOPWORDS | _stems(profile.company, frozenset())
        self._points = self._index(profile.prep.talking_points)
        self._keywords = self._index(profile.prep.keywords)

    def related(self, question: str) -> tuple[list[str], list[str]]:
        """The talking points and the keywords related to ``question``, best first."""
        stems = _stems(question, self._ignored)
        return (
            _best(stems, self._points, MAX_RELATED_POINTS),
            _best(stems, self._keywords, MAX_RELATED_KEYWORDS),
        )

    def _index(self, candidates: Iterable[str]) -> _Index:
        # An inverted index (word -> candidates holding it): a question only touches the
        # candidates it shares a word with, not every talking point of a long profile.
        texts = list(candidates)
        postings: dict[str, list[int]] = defaultdict(list)
        for position, text in enumerate(texts):
            for stem in _stems(text, self._ignored):
                postings[stem].append(position)
        return texts, postings


def _best(stems: frozenset[str], index: _Index, limit: int) -> list[str]:
    texts, postings = index
    scores: dict[int, int] = {}
    for stem in stems:
        for position in postings.get(stem, ()):
            scores[position] = scores.get(position, 0) + 1
    best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
    return [texts[position] for position, _ in best]


def _stems(text: str, ignored: frozenset[str]) -> frozenset[str]:
    words = (w for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in ignored)
    return frozenset(w[:6] for w in words if w[:6] not in ignored)


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _company(profile: Profile) -> str:
    return profile.company or "The company"


def _role(profile: Profile) -> str:
    if profile.role_title:
        return profile.role_title
    return f"The {profile.company} role" if profile.company else "The role"
