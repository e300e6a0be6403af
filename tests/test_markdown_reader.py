"""The Markdown reader on the shipped sample, its variants, and the template's smaller rules."""

from __future__ import annotations

import time

import pytest

from prep_core.errors import InvalidProfile
from prep_core.model import ExtraSection, Profile
from prep_core.readers.markdown import read
from prep_core.writers.markdown import markdown_view, write
from tests.conftest import SAMPLE_PATH

SAMPLE = SAMPLE_PATH.read_text(encoding="utf-8")


def content(profile: Profile) -> dict:
    """A profile's values without the ids and timestamps a reader makes up."""
    data = profile.model_dump(mode="json", exclude={"id", "created_at", "updated_at"})
    for item in data["news"] + data["sources"]:
        item.pop("id")
    for item in data["prep"]["skill_map"] + data["prep"]["questions"]:
        item.pop("id")
    return data


def profile_of(body: str) -> Profile:
    return read(f"# Company Profile: Acme\n\n{body}\n")


# --- the sample --------------------------------------------------------------------------------


def test_sample_title_and_overview(sample_profile):
    p = sample_profile
    assert p.company == "Netflix"
    assert (p.role_title, p.job_ref, p.interview_date) == ("", "", None)
    # the sample's posting (written for it: the seed has none) is kept as pasted, fenced
    posting = SAMPLE.split("## Job Posting\n\n```\n", 1)[1].rsplit("\n```", 1)[0]
    assert p.job_posting == posting and "JR32310" in posting
    assert p.overview.model_dump() == {
        "founded": "1997",
        "headquarters": "Los Gatos, California",
        "size": "12,000+ employees globally",
        "industry": "Entertainment, Streaming Media, Content Production",
        "ownership": "Public (NASDAQ: NFLX)",
        "revenue": "$33.7 billion (2023)",
        "key_products": "Streaming platform for TV series, films, and games; "
        "original content production",
    }


def test_sample_mission(sample_profile):
    mission = sample_profile.mission
    assert mission.statement == "To entertain the world through innovative streaming experiences"
    assert mission.core_values == [
        "Freedom & Responsibility",
        "Context, not Control",
        "Highly Aligned, Loosely Coupled",
        "Innovation",
        "Inclusion",
        "Integrity",
        "Excellence",
        "Passion",
    ]
    assert mission.culture.startswith("Netflix is known for its unique culture of freedom")
    assert mission.culture.endswith("encourages taking smart risks.")


def test_sample_news(sample_profile):
    assert [item.text for item in sample_profile.news] == [
        "Continued expansion into gaming with over 80 mobile games available to subscribers",
        "Increased investment in AI and ML for content recommendation, production optimization, "
        "and creative tools",
        "Growth in international markets with localized content and regional production hubs",
        "Advancements in content creation technology, including machine learning tools for "
        "studio workflows",
    ]
    assert all(item.date == item.url == "" for item in sample_profile.news)
    assert len({item.id for item in sample_profile.news}) == 4


def test_sample_tech_stack_lines_become_lists(sample_profile):
    assert sample_profile.tech_stack.model_dump() == {
        "languages": ["Python", "Java", "JavaScript", "Scala"],
        "frameworks": ["PyTorch", "TensorFlow", "React", "Spring Boot"],
        "cloud": ["AWS (primary)", "some Google Cloud services"],
        "data_ml_tools": ["Jupyter", "Spark", "Kafka", "Flink", "custom ML infrastructure"],
        "practices": [
            "Microservices architecture",
            "Continuous Delivery",
            "A/B testing culture",
            "strong engineering standards",
        ],
    }


def test_sample_products(sample_profile):
    products = sample_profile.products
    assert products.product_lines == (
        "Streaming platform for TV series, films, documentaries, and mobile games"
    )
    assert products.key_services.startswith("Subscription-based content streaming")
    assert products.target_market.startswith("Global audience of entertainment consumers")
    assert products.market_position.startswith("Industry leader in streaming entertainment")


def test_sample_placeholder_sections_import_empty(sample_profile):
    assert sample_profile.experience.model_dump() == {
        "has_used": "unknown",
        "products_used": "",
        "duration": "",
        "frequency": "",
        "valued_features": "",
        "impact": "",
        "pain_points": "",
        "connection": "",
    }
    assert sample_profile.competitors.model_dump() == {
        "direct": [],
        "advantages": "",
        "challenges": "",
    }


def test_sample_role(sample_profile):
    role = sample_profile.role
    assert role.department == (
        "This role is part of the Studio Media Algorithms team within the Data & Insights "
        "organization"
    )
    assert role.team.startswith("Likely a mix of ML engineers")
    assert role.reporting.startswith("Likely reports to a technical manager")
    assert role.responsibilities[0] == (
        "Designing and developing ML systems for media content processing"
    )
    assert role.responsibilities[-1] == (
        "Supporting human-in-the-loop workflows for content creators"
    )
    assert len(role.responsibilities) == 5
    assert role.success_metrics == [
        "Quality and scalability of implemented ML systems",
        "Successful productization of research algorithms",
        "Impact on content creation efficiency",
        "Contribution to the team's technical capabilities",
    ]
    assert role.growth[1] == "Advancement to senior or staff ML engineer roles"
    assert len(role.growth) == 4


def test_sample_interview_preparation(sample_profile):
    prep = sample_profile.prep
    assert prep.talking_points[0].startswith("Experience building and scaling ML infrastructure")
    assert len(prep.talking_points) == 5
    assert prep.keywords[4] == "Python and deep learning frameworks (PyTorch/TensorFlow)"
    assert len(prep.keywords) == 7
    first = prep.skill_map[0]
    assert (first.skill, first.requirement) == (
        "Experience building ML infrastructure",
        "Design and develop systems and reusable algorithms and frameworks for ML",
    )
    assert first.talking_point.startswith("My experience building ML infrastructure at scale")
    assert [row.requirement for row in prep.skill_map][1:] == [
        "Skills in OO programming (Python) and ML/CV pipelines",
        "Experience with large-scale distributed data processing systems",
        "Collaborate with research scientists, product managers, and stakeholders",
        "Deploying produced models into production",
    ]
    assert len(prep.questions) == 10
    assert prep.questions[0].text == (
        "Describe a complex ML system you designed and deployed to production. "
        "What were the challenges and how did you overcome them?"
    )
    assert prep.questions[-1].text == (
        "Why are you interested in applying ML to content creation and the studio process?"
    )
    assert all(q.answer == "" and q.category == "" and q.confidence is None for q in prep.questions)
    assert len(prep.questions_to_ask) == 8
    assert prep.questions_to_ask[2] == (
        "How does Netflix's culture of 'freedom and responsibility' apply specifically to the "
        "ML engineering role?"
    )
    assert not any(q.startswith('"') for q in prep.questions_to_ask)


def test_sample_culture_fit_and_sources(sample_profile):
    assert len(sample_profile.culture_fit) == 5
    assert sample_profile.culture_fit[0].startswith(
        'Netflix values independent decision-making and "freedom and responsibility" - '
    )
    assert [(s.title, s.url) for s in sample_profile.sources] == [
        ("Netflix job posting (JR32310)", ""),
        ("Netflix Tech Blog publications", ""),
        ("Netflix Investor Relations information", ""),
        ("Industry knowledge of Netflix's technology practices", ""),
        ("Information from the job description about Studio Media Algorithms team", ""),
    ]
    assert sample_profile.extra_sections == []


def test_crlf_bom_star_bullets_and_blank_lines_read_like_the_sample():
    # the pasted posting is fenced: kept exactly as written, so only line endings change there
    head, fence, posting = SAMPLE.partition("\n## Job Posting\n")
    variant = head.replace("\n- ", "\n* ").replace("\n  - ", "\n  + ")
    variant = variant.replace("\n\n", "\n\n\n\n") + fence + posting
    variant = "\ufeff" + variant.replace("\n", "\r\n")
    assert content(read(variant)) == content(read(SAMPLE))


# --- the template's rules ----------------------------------------------------------------------


def test_title_bullets_and_job_posting():
    p = read(
        "# Company Profile: Acme\n\n- **Role**: Data Engineer\n- **Job reference**: JR1\n"
        "- **Interview date**: 2026-12-01\n\n## Job Posting\n\n````\nWe use ```code```\n\n"
        "  indented\n````\n"
    )
    assert (p.company, p.role_title, p.job_ref) == ("Acme", "Data Engineer", "JR1")
    assert p.interview_date.isoformat() == "2026-12-01"
    assert p.job_posting == "We use ```code```\n\nindented"


def test_section_titles_match_loosely():
    p = read("##   company   OVERVIEW  \n- **founded:** 1999\n- **HEADQUARTERS** : Oslo")
    assert (p.company, p.overview.founded, p.overview.headquarters) == ("", "1999", "Oslo")


def test_text_continues_over_lines_and_paragraphs():
    p = profile_of(
        "## Company Mission and Values\n- **Company culture**: first line\n  second line\n\n"
        "  second paragraph\n- **Mission statement**: one\n  line"
    )
    assert p.mission.culture == "first line\nsecond line\n\nsecond paragraph"
    assert p.mission.statement == "one\nline"


def test_inline_list_accepts_a_nested_list_and_keeps_parentheses_together():
    p = profile_of(
        "## Technology Stack\n- **Languages**: Go (mostly, for services), Rust\n"
        "- **Frameworks**:\n  - Django, with DRF\n  - [Framework]\n"
    )
    assert p.tech_stack.languages == ["Go (mostly, for services)", "Rust"]
    assert p.tech_stack.frameworks == ["Django, with DRF"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("Yes", "yes"), ("no", "no"), ("[Yes/No]", "unknown"), ("", "unknown")],
)
def test_yes_no(written, expected):
    p = profile_of(
        f"## Personal Experience with Company/Products\n"
        f"- **Have you used their products/services?**: {written}"
    )
    assert p.experience.has_used == expected


def test_placeholders_are_decided_on_the_raw_source():
    p = profile_of(
        "## Company Overview\n- **Founded**: [Year founded]\n- **Size**: \\[TBD\\]\n"
        "- **Industry**: [Media](https://example.com)\n\n## Research Sources\n- [Where]\n"
    )
    assert (p.overview.founded, p.overview.size) == ("", "[TBD]")
    assert p.overview.industry == "[Media](https://example.com)"
    assert p.sources == []


def test_news_extras_questions_and_sources():
    p = profile_of(
        "## Recent News and Developments\n- Launched *games*\n  - **Date**: 2024-05\n"
        "  - **Link**: <https://example.com/a?b=1&c>\n\n"
        "## Interview Preparation\n### Potential Questions to Prepare For\n"
        "- “Why us?”\n  - **Category**: Motivation\n  - **Confidence**: 4/5\n"
        "  - **Answer**: Because.\n\n    Really.\n- What now?\n\n"
        '### Questions to Ask Interviewer\n- "How big is the team?"\n\n'
        "## Research Sources\n- [Tech blog](https://netflixtechblog.com)\n"
        "- <https://ir.netflix.net>\n- Word of mouth\n"
    )
    (news,) = p.news
    assert (news.text, news.date, news.url) == (
        "Launched *games*",
        "2024-05",
        "https://example.com/a?b=1&c",
    )
    first, second = p.prep.questions
    assert (first.text, first.category, first.confidence) == ("Why us?", "motivation", 4)
    assert first.answer == "Because.\n\nReally."
    assert (second.text, second.answer) == ("What now?", "")
    assert p.prep.questions_to_ask == ["How big is the team?"]
    assert [(s.title, s.url) for s in p.sources] == [
        ("Tech blog", "https://netflixtechblog.com"),
        ("", "https://ir.netflix.net"),
        ("Word of mouth", ""),
    ]


def test_skills_table_unquotes_handles_escaped_pipes_and_drops_placeholder_rows():
    p = profile_of(
        "## Interview Preparation\n### Skills-to-Requirements Mapping\n"
        "| Your Skill/Experience | Their Requirement | Talking Point |\n|---|---|---|\n"
        '| SQL \\| Spark | "Data at scale" | I ran `a\\|b` |\n| [Skill] | [Req] | [Point] |\n'
        "|  |  |  |\n"
    )
    (row,) = p.prep.skill_map
    assert (row.skill, row.requirement) == ("SQL | Spark", "Data at scale")
    assert row.talking_point == "I ran `a|b`"


def test_unknown_sections_subsections_and_lines_are_kept():
    p = read(
        "# Company Profile: Acme\n\nIntro line.\n\n## Company Overview\n- **Founded**: 1999\n"
        "- **Stock price**: $5\n- **Size**: 10\n- **CEO**: Jo\n\n### Board\n\n- Ann\n\n"
        "## Interview Preparation\nLoose text.\n### Key Talking Points\n- Speed\n"
        "### Salary\n- Ask late\n\n## My Notes\n\nSome *notes*\n\n### Deep\n\n- x\n"
    )
    assert p.overview.founded == "1999" and p.overview.size == "10"
    assert p.prep.talking_points == ["Speed"]
    assert p.extra_sections == [
        ExtraSection(parent="basics", title="", body="Intro line."),
        ExtraSection(parent="overview", title="", body="- **Stock price**: $5\n\n- **CEO**: Jo"),
        ExtraSection(parent="overview", title="Board", body="- Ann"),
        ExtraSection(parent="prep", title="", body="Loose text."),
        ExtraSection(parent="prep", title="Salary", body="- Ask late"),
        ExtraSection(parent="", title="My Notes", body="Some *notes*\n\n### Deep\n\n- x"),
    ]


def test_a_value_that_is_not_a_date_is_kept_not_dropped():
    p = read("# Company Profile: Acme\n\n- **Interview date**: next Tuesday\n")
    assert p.interview_date is None
    assert p.extra_sections == [
        ExtraSection(parent="basics", title="", body="- **Interview date**: next Tuesday")
    ]


def test_missing_sections_are_empty():
    p = read("# Company Profile: Acme\n")
    assert p.company == "Acme" and p.overview.founded == "" and p.prep.questions == []


@pytest.mark.parametrize("text", ["", "hello\n\n- a list", "# Shopping\n\n- eggs\n"])
def test_not_a_profile(text):
    with pytest.raises(InvalidProfile, match="does not look like a company profile"):
        read(text)


# --- hand-written documents ----------------------------------------------------------------------


def test_a_second_value_for_a_field_is_kept_not_overwritten():
    p = profile_of("## Company Overview\n- **Founded**: 1997\n- **Founded**: 1998")
    assert p.overview.founded == "1997"
    assert p.extra_sections == [ExtraSection(parent="overview", body="- **Founded**: 1998")]


def test_plain_and_underscore_labels():
    p = profile_of("## Company Overview\n- Founded: 1997\n- __Size__: 50\n- Note: garage")
    assert (p.overview.founded, p.overview.size) == ("1997", "50")
    assert p.extra_sections == [ExtraSection(parent="overview", body="- Note: garage")]


def test_free_text_keeps_its_nested_lists_and_blocks():
    p = profile_of(
        "## Company Mission and Values\n- **Company culture**: We value:\n  - speed\n"
        "  1. focus\n\n  > a quote\n\n"
        "## Interview Preparation\n### Potential Questions to Prepare For\n"
        '- "Design a cache"\n  - **Answer**: Steps:\n    - size it\n\n    ```\n    put(k)\n'
        "    ```\n"
    )
    assert p.mission.culture == "We value:\n\n- speed\n\n1. focus\n\n> a quote"
    assert p.prep.questions[0].answer == "Steps:\n\n- size it\n\n```\nput(k)\n```"
    assert p.extra_sections == []


def test_job_posting_written_as_plain_markdown_is_kept_as_written():
    p = read(
        "# Company Profile: Acme\n\n## Job Posting\n\nWe are **hiring**.\n\n- Python\n"
        "- SQL\n\n### Perks\n\nLunch\n"
    )
    assert p.job_posting == "We are **hiring**.\n\n- Python\n- SQL\n\n### Perks\n\nLunch"
    assert p.extra_sections == []


def test_a_category_or_confidence_the_model_cannot_hold_is_kept():
    p = profile_of(
        "## Interview Preparation\n### Potential Questions to Prepare For\n"
        "- Why?\n  - **Category**: gossip\n  - **Confidence**: 9/10\n  - **Mood**: good\n"
    )
    (question,) = p.prep.questions
    assert (question.text, question.category, question.confidence) == ("Why?", "", None)
    assert p.extra_sections == [
        ExtraSection(
            parent="prep", body="- **Category**: gossip\n- **Confidence**: 9/10\n- **Mood**: good"
        )
    ]


def test_a_table_that_is_not_the_three_column_one_is_kept_whole():
    table = "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 | 4 |"
    p = profile_of(f"## Interview Preparation\n### Skills-to-Requirements Mapping\n{table}\n")
    assert p.prep.skill_map == []
    assert p.extra_sections == [ExtraSection(parent="prep", body=table)]


def test_an_open_code_fence_is_closed_so_it_cannot_swallow_what_follows():
    p = read("# Company Profile: Acme\n\n## Competitors\n\n### Notes\n\n```\nrival = 1\n")
    assert p.extra_sections == [
        ExtraSection(parent="competitors", title="Notes", body="```\nrival = 1\n```")
    ]
    p.role.team = "Five people"
    again = read(write(p))
    assert again.role.team == "Five people" and again.extra_sections == p.extra_sections


MESSY = """\ufeff Intro before the title.

# Company Profile: Acme & Co

* Role: Data Engineer
* **Interview date**: 2026-12-01
* **Interview date**: tomorrow

## 1. Company Overview
- **Founded**: 1999
- **Stock price:** $5
  - up 3%
- **Size**: 50
  more people

  and another paragraph

[ref]: https://example.com

## company mission and values
- **Core values**: Speed, Focus (mostly, anyway)
  - Kindness
- **Company culture**: Loud.
  - open plan

## Recent News and Developments
1. Launched `v2`
   - **Link**: [post](https://acme.test/v2 "title")
   - Shared widely
2. [Recent development]

Some stray paragraph.

## Technology Stack
- **Languages**: [Programming languages]
- **Frameworks**:
  - Django, with DRF
  - [Framework]

## Custom Notes

<!-- comment -->
Text with a [link](https://x.test).

## Interview Preparation
Prep notes.
### Key talking points
+ Speed
### Skills-to-Requirements Mapping
| Skill | Req | Point |
|:--|:-:|--:|
| SQL | “Data” | Yes \\| no |
### Potential Questions to Prepare For
- Why?
  - **Answer**: Because.
### Salary
- Ask late
```
unclosed

"""


def test_a_messy_document_reads_then_writes_back_stably():
    first = read(MESSY)
    assert first.company == "Acme & Co" and first.role_title == "Data Engineer"
    assert first.interview_date.isoformat() == "2026-12-01"
    assert first.overview.size == "50 more people and another paragraph"  # a one-line field
    assert first.mission.core_values == ["Speed", "Focus (mostly, anyway)", "Kindness"]
    assert first.mission.culture == "Loud.\n\n- open plan"
    assert [(n.text, n.url) for n in first.news] == [("Launched `v2`", "https://acme.test/v2")]
    assert first.tech_stack.frameworks == ["Django, with DRF"]
    assert [(r.skill, r.requirement, r.talking_point) for r in first.prep.skill_map] == [
        ("SQL", "Data", "Yes | no")
    ]
    assert [(e.parent, e.title) for e in first.extra_sections] == [
        ("basics", ""),
        ("overview", ""),
        ("news", ""),
        ("", "Custom Notes"),
        ("prep", ""),
        ("prep", "Salary"),
    ]
    texts = {(e.parent, e.title): e.body for e in first.extra_sections}
    assert texts["basics", ""] == "Intro before the title.\n\n* **Interview date**: tomorrow"
    assert texts["overview", ""] == (
        "- **Stock price:** $5\n  - up 3%\n\n[ref]: https://example.com"
    )
    assert texts["news", ""] == "- Shared widely\n\nSome stray paragraph."
    assert texts["prep", "Salary"] == "- Ask late\n```\nunclosed\n```"  # closed
    assert texts["", "Custom Notes"] == "<!-- comment -->\nText with a [link](https://x.test)."
    second = read(write(first))
    assert markdown_view(second) == markdown_view(first)
    assert write(second) == write(first)


# --- deep nesting never swallows a section (issue 9.4) ------------------------------------------


def nested_list(levels: int) -> list[str]:
    return ["  " * i + f"- level {i + 1}" for i in range(levels)]


AFTER_THE_DEEP_PART = [
    "",
    "## Company Mission and Values",
    "",
    "- **Mission Statement**: Be good",
    "- **Core Values**: Candour, Courage",
    "",
    "## Competitors",
    "",
    "- **Direct Competitors**: Initech",
]


def deep_document(deep: list[str]) -> str:
    head = ["# Company Profile: Deep", "", "## Company Overview", "", "- **Founded**: 1999"]
    return "\n".join([*head, *deep, *AFTER_THE_DEEP_PART])


@pytest.mark.parametrize(
    ("deep", "last_words"),
    [
        (nested_list(10), "level 10"),
        (nested_list(12), "level 12"),
        (nested_list(50), "level 50"),
        (["- " * 10_000 + "level 10000"], "level 10000"),
        (["> " * 10_000 + "quoted 10000"], "quoted 10000"),
        (["- " + "> - " * 3_333 + "mixed"], "mixed"),
    ],
    ids=["10", "12", "50", "10000-list", "10000-quote", "10000-mixed"],
)
def test_deep_nesting_keeps_every_section_and_the_deep_text(deep, last_words):
    started = time.perf_counter()
    profile = read(deep_document(deep))
    assert time.perf_counter() - started < 5
    assert profile.overview.founded == "1999"
    assert profile.mission.statement == "Be good"
    assert profile.mission.core_values == ["Candour", "Courage"]
    assert profile.competitors.direct == ["Initech"]
    (kept,) = profile.extra_sections  # the deep list: text of the section it sits in
    assert kept.parent == "overview" and kept.title == ""
    assert last_words in kept.body and "## " not in kept.body
    written = write(profile)
    assert written.count("## Company Mission and Values") == 1
    assert written.count("## Competitors") == 1
    again = read(written)
    assert again.competitors.direct == ["Initech"] and last_words in again.extra_sections[0].body
