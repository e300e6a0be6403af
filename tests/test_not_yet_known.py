"""A value typed as ``[TBD]`` is not known yet, everywhere: ``FieldSpec.present`` decides.

Seen before: *Founded* typed as ``[TBD]`` in the app counted as filled and became the card
"when was it founded? — [TBD]", while Word hid it; a news item with only a link was printed in
Word but counted missing (issue 10).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
import pytest

from prep_core.completeness import completeness
from prep_core.model import NewsItem, Profile, Question, SkillRow
from prep_core.readers.markdown import read
from prep_core.sections import SECTION_BY_KEY
from prep_core.writers.markdown import write as write_markdown
from tests.builders import cards_of, write_docx

NOW = datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)


@pytest.fixture
def profile() -> Profile:
    p = Profile(company="Acme")
    p.overview.founded = "[TBD]"
    p.overview.headquarters = "Lyon"
    p.mission.core_values = ["Care", "[to check]"]
    p.news = [NewsItem(text="[TBD]"), NewsItem(url="https://acme.example/lab")]
    p.prep.skill_map = [SkillRow(skill="[TBD]", requirement="[TBD]")]
    p.prep.questions = [Question(text="[Question]", answer="[TBD]")]
    return p


def missing_paths(profile: Profile) -> set[str]:
    return {spec.path for _, spec in completeness(profile).missing()}


def test_present_is_none_for_a_placeholder_and_keeps_the_real_part(profile):
    overview = SECTION_BY_KEY["overview"]
    assert overview.field("founded").present_in(profile) is None
    assert overview.field("headquarters").present_in(profile) == "Lyon"
    assert SECTION_BY_KEY["mission"].field("core_values").present_in(profile) == ["Care"]
    news = SECTION_BY_KEY["news"].field("news").present_in(profile)
    assert [(n.text, n.url) for n in news] == [("", "https://acme.example/lab")]


def test_completeness_counts_a_placeholder_missing_and_a_link_only_news_item_filled(profile):
    missing = missing_paths(profile)
    assert {"overview.founded", "prep.skill_map", "prep.questions"} <= missing
    assert "news" not in missing and "mission.core_values" not in missing


def test_markdown_keeps_the_typed_text_and_it_is_still_not_known_after_reading(profile):
    text = write_markdown(profile)
    assert "- **Founded**: \\[TBD\\]\n" in text  # the person's own words, escaped
    again = read(text)
    assert again.overview.founded == "[TBD]"
    assert missing_paths(again) == missing_paths(profile)


def test_word_lists_a_placeholder_under_still_to_research_and_prints_the_link(profile):
    document = docx.Document(io.BytesIO(write_docx(profile, now=NOW)))
    texts = [p.text for p in document.paragraphs if p.style.name != "Contents"]
    before, after = (
        texts[: texts.index("Still to research")],
        texts[texts.index("Still to research") :],
    )
    assert not any("[" in t for t in before)
    assert not any(t.startswith("Founded") for t in before)
    assert any("Founded — Year founded" in t for t in after)
    assert any("https://acme.example/lab" in t for t in before)
    assert any("Potential questions" in t for t in after)


def test_anki_gives_no_card_for_a_placeholder(profile):
    cards = cards_of(profile)
    assert "overview.founded" not in {card.item_id for card in cards}
    assert not any("[" in card.front or "[" in card.back for card in cards)
    backs = {card.item_id: card.back for card in cards}
    assert backs["mission.core_values"] == "• Care"
    assert backs["news"] == "• https://acme.example/lab"
