"""The Word export, read back with python-docx and docx2python: structure, content, safety."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime

import docx
import pytest
from docx2python import docx2python

from prep_core.errors import UnknownFormat
from prep_core.formats import export
from prep_core.model import (
    Attempt,
    ExtraSection,
    NewsItem,
    Profile,
    Question,
    SkillRow,
    Source,
)
from prep_core.sections import BASICS, SECTION_BY_KEY, SECTIONS, all_fields
from tests.builders import hostile_profile
from tests.builders import write_docx as write

STILL = "Still to research"
NOTHING_YET = "Nothing here yet — see Still to research."
REGISTRY_OUTLINE = [s.title for s in SECTIONS if s is not BASICS] + [STILL]


def rich_profile() -> Profile:
    """Every kind of field filled, with links, answers and a stray leftover placeholder."""
    p = Profile(
        company="Acme Robotics",
        role_title="Staff Engineer",
        job_ref="JR-77",
        interview_date=date(2026, 12, 4),
    )
    p.overview.founded = "1999"
    p.overview.headquarters = "Lyon, France"
    p.overview.revenue = "[Annual revenue (year)]"  # a reader should have emptied this
    p.mission.statement = "Build helpful robots.\n\nSafely, for everyone."
    p.mission.core_values = ["Care", "Craft"]
    p.news = [
        NewsItem(text="Opened a lab", date="2026-03", url="https://acme.example/lab"),
        NewsItem(text="Raised funding"),
    ]
    p.tech_stack.languages = ["Rust", "Python"]
    p.experience.has_used = "yes"
    p.competitors.direct = ["Globex", "Initech"]
    p.role.responsibilities = ["Lead the motion team", "Mentor engineers"]
    p.prep.talking_points = ["Shipped a fleet planner"]
    p.prep.keywords = ["robotics", "safety"]
    p.prep.skill_map = [
        SkillRow(skill="Motion planning", requirement="Path planning", talking_point="A* at scale"),
        SkillRow(skill="Rust", requirement="Systems code", talking_point="Wrote a controller"),
    ]
    p.prep.questions = [
        Question(
            text="Why Acme?",
            answer="Because robots.\n\nAnd people.",
            category="motivation",
            confidence=4,
        ),
        Question(text="Hardest bug?"),
    ]
    p.prep.questions_to_ask = ["How big is the team?"]
    p.culture_fit = ["Likes candour"]
    p.sources = [
        Source(title="Acme blog", url="https://acme.example/blog"),
        Source(title="Annual report"),
    ]
    p.extra_sections = [
        ExtraSection(title="Salary notes", body="Band B.\n\nAsk about equity."),
        ExtraSection(title="Office", body="Near the river.", parent="overview"),
    ]
    return p


def reopen(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def outline(document, level: int = 1) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def body_texts(document) -> list[str]:
    """Paragraph texts without the table of contents' entries (which repeat the headings)."""
    return [p.text for p in document.paragraphs if p.style.name != "Contents"]


def content_before_checklist(document) -> list[str]:
    texts = body_texts(document)
    return texts[: texts.index(STILL)]


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)


# --- outline ------------------------------------------------------------------------------------


def test_sample_outline_is_the_registry_sections_then_the_checklist(sample_profile, now):
    assert outline(reopen(write(sample_profile, now=now))) == REGISTRY_OUTLINE


def test_empty_profile_keeps_every_heading_with_a_nothing_yet_line(now):
    document = reopen(write(Profile(), now=now))
    assert outline(document) == REGISTRY_OUTLINE
    texts = [p.text for p in document.paragraphs]
    assert texts.count(NOTHING_YET) == len(REGISTRY_OUTLINE) - 1


def test_prep_subsections_are_heading_2_in_registry_order(now):
    document = reopen(write(rich_profile(), now=now))
    expected = SECTION_BY_KEY["prep"].subsections()
    assert [t for t in outline(document, 2) if t in expected] == expected


def test_top_level_extra_section_joins_the_outline_and_child_extra_sits_in_its_section(now):
    document = reopen(write(rich_profile(), now=now))
    assert outline(document) == [*REGISTRY_OUTLINE[:-1], "Salary notes", STILL]
    texts = body_texts(document)
    office = texts.index("Office")
    assert texts.index("Company Overview") < office < texts.index("Company Mission and Values")
    assert texts[office + 1] == "Near the river."
    assert "Ask about equity." in texts


def test_extras_under_the_title_or_an_unknown_parent_are_never_dropped(now):
    profile = Profile(company="Acme")
    profile.extra_sections = [
        ExtraSection(title="", body="Loose line under the title.", parent="basics"),
        ExtraSection(title="Odd", body="From a section nobody knows.", parent="nowhere"),
    ]
    document = reopen(write(profile, now=now))
    texts = body_texts(document)
    assert texts.index("Loose line under the title.") < texts.index("Contents")
    assert outline(document) == [*REGISTRY_OUTLINE[:-1], "Odd", STILL]
    assert "From a section nobody knows." in texts


def test_headings_are_words_builtin_heading_styles(now):
    document = reopen(write(rich_profile(), now=now))
    heading = next(
        p
        for p in document.paragraphs
        if p.text == "Company Overview" and p.style.name != "Contents"
    )
    assert heading.style.style_id == "Heading1"
    assert heading.style.builtin


# --- content ------------------------------------------------------------------------------------


def _expected_texts(profile: Profile) -> list[str]:
    """What the model says must be printed: every filled value, straight from the registry."""
    texts = []
    for _, spec in all_fields():
        value = spec.get(profile)
        if spec.kind in ("line", "text") and value and not value.startswith("["):
            texts += value.split("\n\n")
        elif spec.kind in ("list", "inline_list"):
            texts += value
        elif spec.kind == "news":
            texts += [item.text for item in value]
        elif spec.kind == "questions":
            texts += [q.text for q in value] + [a for q in value for a in q.answer.split("\n\n")]
        elif spec.kind == "sources":
            texts += [s.title for s in value]
    return [t for t in texts if t]


@pytest.mark.parametrize("make", [rich_profile, hostile_profile], ids=["rich", "hostile"])
def test_every_filled_field_is_printed(make, now):
    profile = make()
    text = all_text(reopen(write(profile, now=now)))
    missing = [t for t in _expected_texts(profile) if t not in text]
    assert missing == []


def test_sample_every_filled_field_is_printed(sample_profile, now):
    text = all_text(reopen(write(sample_profile, now=now)))
    assert [t for t in _expected_texts(sample_profile) if t not in text] == []


def test_skills_table_cells_equal_the_model_and_header_repeats(now):
    profile = rich_profile()
    table = reopen(write(profile, now=now)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[1:] == [[r.skill, r.requirement, r.talking_point] for r in profile.prep.skill_map]
    assert rows[0] == ["Your skill / experience", "Their requirement", "Talking point"]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert not table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    widths = [c.width for c in table.rows[0].cells]
    assert widths[2] > widths[0] and len(set(widths)) > 1
    assert table._tbl.xpath("./w:tblPr/w:tblBorders/w:insideH[@w:val='single']")


def test_sample_skills_table_has_the_sample_rows(sample_profile, now):
    table = reopen(write(sample_profile, now=now)).tables[0]
    body = [[c.text for c in row.cells] for row in table.rows][1:]
    expected = [[r.skill, r.requirement, r.talking_point] for r in sample_profile.prep.skill_map]
    assert body == expected and len(body) == 5


def test_questions_show_answers_meta_or_not_drafted(now):
    texts = body_texts(reopen(write(rich_profile(), now=now)))
    first = texts.index("Q1.\tWhy Acme?")
    assert texts[first + 1 : first + 4] == [
        "Motivation  ·  Confidence 4/5",
        "Because robots.",
        "And people.",
    ]
    second = texts.index("Q2.\tHardest bug?")
    assert texts[second + 1] == "Answer not drafted yet."


def practised_profile() -> Profile:
    """rich_profile with practice: Q1 weak last time (rating 2), Q2 rehearsed, Q3 never."""
    profile = rich_profile()
    profile.prep.questions[0].attempts = [
        Attempt(text="Robots.", rating=4),
        Attempt(text="Um, robots?", rating=2),
    ]
    profile.prep.questions[1].attempts = [Attempt(text="A race in the planner.")]  # not rated
    profile.prep.questions.append(Question(text="Where in five years?"))
    return profile


def test_dossier_has_a_practice_log_of_practised_questions(now):
    document = reopen(write(practised_profile(), now=now))
    texts = body_texts(document)
    log = texts.index("Practice log")
    assert texts.index("Q3.\tWhere in five years?") < log < texts.index("How big is the team?")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Question")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Question", "Attempts", "Last rating", "Last attempt"],
        ["Q1. Why Acme?", "2", "2/5", "weak: rehearse"],
        ["Q2. Hardest bug?", "1", "not rated", "rehearsed"],
    ]


def test_dossier_without_practice_has_no_practice_log(sample_profile, now):
    for profile in (rich_profile(), sample_profile):
        assert "Practice log" not in all_text(reopen(write(profile, now=now)))


def test_cheatsheet_marks_weak_questions_only(now):
    document = reopen(write(practised_profile(), now=now, variant="cheatsheet"))
    texts = [p.text for p in document.paragraphs]
    assert outline(document)[-2:] == ["Questions to rehearse", "Questions to ask"]
    start = texts.index("Questions to rehearse")
    assert texts[start + 1 : texts.index("Questions to ask")] == ["Why Acme? (weak: rehearse)"]
    assert "Hardest bug?" not in all_text(document)  # rehearsed: not marked, not listed
    assert "Questions to rehearse" not in all_text(
        reopen(write(rich_profile(), now=now, variant="cheatsheet"))
    )


def test_labels_are_bold_and_values_are_not(now):
    document = reopen(write(rich_profile(), now=now))
    founded = next(p for p in document.paragraphs if p.text == "Founded: 1999")
    assert [(r.text, bool(r.bold)) for r in founded.runs] == [("Founded: ", True), ("1999", False)]
    assert "Have you used their products/services? Yes" in body_texts(document)  # no "?:"


def test_placeholders_are_never_content_and_land_in_the_checklist(now):
    document = reopen(write(rich_profile(), now=now))
    assert not any("[" in t for t in content_before_checklist(document))
    checklist = body_texts(document)[len(content_before_checklist(document)) :]
    assert "☐\tRevenue — Annual revenue (year)" in checklist


def test_sample_prints_no_placeholder_outside_the_checklist(sample_profile, now):
    document = reopen(write(sample_profile, now=now))
    assert not any("[" in t for t in content_before_checklist(document))
    assert not any("[" in c.text for t in document.tables for r in t.rows for c in r.cells)
    checklist = body_texts(document)[len(content_before_checklist(document)) :]
    assert any("Have you used their products/services?" in t for t in checklist)


def test_links_are_real_hyperlinks_with_their_urls(now):
    document = reopen(write(rich_profile(), now=now))
    links = {(h.text, h.url) for p in document.paragraphs for h in p.hyperlinks}
    assert links == {
        ("source", "https://acme.example/lab"),
        ("Acme blog", "https://acme.example/blog"),
    }
    with docx2python(io.BytesIO(write(rich_profile(), now=now))) as parsed:
        assert '<a href="https://acme.example/blog">Acme blog</a>' in parsed.text


def test_unsafe_link_schemes_become_plain_text(now):
    profile = Profile(sources=[Source(title="click", url="javascript:alert(1)")])
    document = reopen(write(profile, now=now))
    assert not [h for p in document.paragraphs for h in p.hyperlinks]
    assert "click" in all_text(document)


def test_title_block_and_footer_fields(now):
    data = write(rich_profile(), now=now)
    document = reopen(data)
    meta = document.paragraphs[2].text
    assert (
        "JR-77" in meta and "Friday 4 December 2026" in meta and "Friday 27 November 2026" in meta
    )
    footer = document.sections[0].footer._element
    assert [i.text.strip() for i in footer.xpath(".//w:instrText")] == ["PAGE", "NUMPAGES"]
    toc = document.element.body.xpath(".//w:instrText")
    assert toc and toc[0].text.strip().startswith("TOC")


def test_core_properties_come_from_the_profile_and_the_clock(now):
    props = reopen(write(rich_profile(), now=now)).core_properties
    assert props.title == "Acme Robotics — Staff Engineer"
    assert props.subject == "Interview preparation dossier: Staff Engineer at Acme Robotics"
    assert props.keywords == "robotics; safety"
    assert props.author == ""
    expected = now.replace(tzinfo=None)
    assert props.created.replace(tzinfo=None) == expected
    assert props.modified.replace(tzinfo=None) == expected


# --- hostile input and determinism ---------------------------------------------------------------


@pytest.mark.parametrize("variant", ["dossier", "cheatsheet"])
def test_hostile_profile_exports_with_markup_literal(variant, now):
    data = write(hostile_profile(), now=now, variant=variant)
    with docx2python(io.BytesIO(data)) as parsed:
        text = parsed.text
    assert "<script>alert('x')</script> & <b>bold</b>" in text
    assert "🙂 مرحبا 你好 Ωμέγα" in text
    assert "\x00" not in text and "\x07" not in text and "\x1b" not in text
    if variant == "dossier":
        assert "x" * 50_000 in text  # long fields are printed whole


def test_control_characters_are_dropped_even_if_they_reach_the_writer(now):
    profile = Profile(company="Acme")
    # bypass validation, as a future field or a migration bug might
    object.__setattr__(profile.overview, "founded", "19\x0099\x1f")
    object.__setattr__(profile, "company", "Ac\x01me")
    document = reopen(write(profile, now=now))
    assert "Founded: 1999" in [p.text for p in document.paragraphs]
    assert document.core_properties.title == "Acme"


def test_long_core_properties_are_clipped_not_refused(now):
    profile = Profile(company="C" * 400, prep={"keywords": ["k" * 300]})
    props = reopen(write(profile, now=now)).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert len(props.keywords) == 255


@pytest.mark.parametrize("variant", ["dossier", "cheatsheet"])
def test_same_profile_and_clock_give_the_same_bytes(variant, now):
    profile = rich_profile()
    first, second = (write(profile, now=now, variant=variant) for _ in range(2))
    assert first == second
    later = write(profile, now=now.replace(year=2027), variant=variant)
    assert later != first  # the clock really is in the file (core properties, zip dates)


def test_package_holds_only_the_parts_a_document_needs(now):
    with zipfile.ZipFile(io.BytesIO(write(rich_profile(), now=now))) as archive:
        names = set(archive.namelist())
        styles = archive.read("word/styles.xml")
        numbering = archive.read("word/numbering.xml")
    assert {
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "docProps/core.xml",
    } <= names
    assert not {
        n
        for n in names
        if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")
    }
    assert len(styles) < 40_000  # python-docx's template ships 438 kB of styles
    assert b'w:styleId="Heading1"' in styles and b'w:styleId="ListBullet"' in styles
    style_ids = set(re.findall(rb'w:styleId="([^"]+)"', styles))
    assert set(re.findall(rb'w:pStyle w:val="([^"]+)"', numbering)) <= style_ids


# --- cheat sheet and registry -------------------------------------------------------------------


def test_cheatsheet_holds_the_quick_facts_only(now):
    profile = rich_profile()
    document = reopen(write(profile, now=now, variant="cheatsheet"))
    text = all_text(document)
    assert "Interview: Friday 4 December 2026" in [p.text for p in document.paragraphs][1]
    for expected in [
        "Lyon, France",
        "Build helpful robots.",
        "Care  ·  Craft",
        "Shipped a fleet planner",
        "robotics  ·  safety",
        "How big is the team?",
    ]:
        assert expected in text
    skills = document.tables[1]
    assert [c.text for c in skills.rows[2].cells] == ["Rust", "Systems code", "Wrote a controller"]
    assert "Why Acme?" not in text  # questions to prepare for belong to the dossier
    assert "[" not in text


def test_cheatsheet_says_what_is_empty_instead_of_hiding_it(now):
    document = reopen(write(Profile(), now=now, variant="cheatsheet"))
    texts = [p.text for p in document.paragraphs]
    assert outline(document) == [
        "Key facts",
        "Mission and values",
        "Talking points",
        "Keywords to emphasise",
        "Skills to requirements",
        "Questions to ask",
    ]
    assert texts.count("Not filled in yet.") == 6
    assert "Interview: not set yet" in texts[1]


def test_registry_export_calls_this_writer_and_rejects_unknown_variants(now):
    data = export(rich_profile(), "docx", now=now, variant="cheatsheet")
    assert reopen(data).core_properties.subject.startswith("Interview cheat sheet")
    with pytest.raises(UnknownFormat):
        write(rich_profile(), now=now, variant="poster")
