"""Writers find fields and sections by name: reordering the registry relabels nothing."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import docx
import pytest

from prep_core import sections
from prep_core.model import Profile, SkillRow
from tests.builders import write_docx as write

NOW = datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)


@pytest.fixture
def reordered(monkeypatch) -> None:
    """Every section's fields in reverse order, for the length of one test."""
    for key, section in list(sections.SECTION_BY_KEY.items()):
        monkeypatch.setitem(
            sections.SECTION_BY_KEY, key, replace(section, fields=section.fields[::-1])
        )


def distinct_profile() -> Profile:
    """A profile whose every cheat-sheet field says which field it is."""
    p = Profile(company="Acme")
    p.overview.founded = "FOUNDED"
    p.mission.statement = "STATEMENT"
    p.mission.core_values = ["VALUE"]
    p.mission.culture = "CULTURE"
    p.tech_stack.languages = ["LANGUAGE"]
    p.tech_stack.frameworks = ["FRAMEWORK"]
    p.tech_stack.cloud = ["CLOUD"]
    p.tech_stack.data_ml_tools = ["NOT ON THE CHEAT SHEET"]
    p.competitors.direct = ["COMPETITOR"]
    p.prep.talking_points = ["TALKING POINT"]
    p.prep.keywords = ["KEYWORD"]
    p.prep.skill_map = [SkillRow(skill="SKILL", requirement="REQUIREMENT", talking_point="LINE")]
    p.prep.questions_to_ask = ["TO ASK"]
    return p


def after_heading(texts: list[str], heading: str) -> str:
    return texts[texts.index(heading) + 1]


def test_the_reordered_registry_really_is_reordered(reordered):
    prep = sections.get_section("prep")
    assert prep.fields[0].name == "questions_to_ask"
    assert prep.field("talking_points").label == "Key talking points"


def test_cheat_sheet_labels_each_block_right_whatever_the_registry_order(reordered):
    document = docx.Document(io.BytesIO(write(distinct_profile(), now=NOW, variant="cheatsheet")))
    texts = [p.text for p in document.paragraphs]
    assert after_heading(texts, "Talking points") == "TALKING POINT"
    assert after_heading(texts, "Keywords to emphasise") == "KEYWORD"
    assert after_heading(texts, "Questions to ask") == "TO ASK"
    assert {"Mission: STATEMENT", "Values: VALUE", "Culture: CULTURE"} <= set(texts)
    facts, skills = document.tables
    cells = [cell.text for row in facts.rows for cell in row.cells]
    pairs = dict(zip(cells[::2], cells[1::2], strict=True))
    assert pairs["Founded"] == "FOUNDED"
    assert pairs["Languages"] == "LANGUAGE"
    assert pairs["Frameworks"] == "FRAMEWORK"
    assert pairs["Cloud infrastructure"] == "CLOUD"
    assert pairs["Competitors"] == "COMPETITOR"
    assert "NOT ON THE CHEAT SHEET" not in cells
    header, row = ([cell.text for cell in r.cells] for r in skills.rows)
    assert dict(zip(header, row, strict=True)) == {
        "Your skill / experience": "SKILL",
        "Their requirement": "REQUIREMENT",
        "Talking point": "LINE",
    }
