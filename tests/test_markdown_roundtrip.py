"""The Markdown writer: the template's layout, its escaping, and read(write(p)) round trips.

``markdown_view`` applies exactly the losses ``MARKDOWN_LOSSES`` names, so every round trip here
asserts ``markdown_view(read(write(p))) == markdown_view(p)``. Set UPDATE_GOLDENS=1 to rewrite
the golden files in tests/golden/ after a deliberate change of the output.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prep_core.errors import InvalidProfile
from prep_core.model import (
    DATED_FACTS,
    QUESTION_CATEGORIES,
    ROUND_KINDS,
    Attempt,
    Debrief,
    ExtraSection,
    FactDate,
    Interviewer,
    NewsItem,
    Profile,
    Question,
    Requirement,
    Round,
    SkillRow,
    Source,
)
from prep_core.readers.markdown import norm_key, read
from prep_core.sections import JOB_POSTING_TITLE, SECTION_BY_KEY, SECTIONS, all_fields
from prep_core.template import REQUIREMENTS_TITLE, STORY_BANK_TITLE
from prep_core.writers.markdown import MARKDOWN_LOSSES, escape, markdown_view, write
from tests.builders import hostile_profile

GOLDEN = Path(__file__).parent / "golden"


def roundtrip(profile: Profile) -> Profile:
    return read(write(profile))


def assert_roundtrip(profile: Profile) -> None:
    assert markdown_view(roundtrip(profile)) == markdown_view(profile)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDENS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDENS=1 rewrites it"


# --- layout ------------------------------------------------------------------------------------


def test_blank_profile_writes_the_blank_template():
    text = write(Profile())
    check_golden("blank.md", text)
    assert text.startswith("# Company Profile: [Company Name]\n\n- **Role**: [Job title]\n")
    assert "- **Founded**: [Year founded]\n" in text
    assert "- **Have you used their products/services?**: [Yes/No]\n" in text
    assert "- **Core values**:\n  - [Value]\n" in text
    assert '### Potential Questions to Prepare For\n\n- "[Question]"\n' in text
    assert text.endswith("## Research Sources\n\n- [Where you found this]\n")
    assert JOB_POSTING_TITLE not in text


def test_blank_template_reads_back_as_an_empty_profile():
    assert markdown_view(read(write(Profile()))) == markdown_view(Profile())


def test_every_section_is_written_in_order_even_when_empty():
    text = write(Profile())
    positions = [text.index(f"\n## {s.title}\n") for s in SECTIONS[1:]]
    assert positions == sorted(positions)
    prep = SECTION_BY_KEY["prep"]
    subsections = [text.index(f"\n### {heading}\n") for heading in prep.subsections()]
    assert subsections == sorted(subsections)


def test_sample_writes_like_the_sample(sample_profile):
    text = write(sample_profile)
    check_golden("netflix.md", text)
    assert "- **Cloud infrastructure**: AWS (primary), some Google Cloud services\n" in text
    assert '| Production ML deployment | "Deploying produced models into production" |' in text
    assert '- "How have you collaborated with research scientists to productize algorithms?"\n' in (
        text
    )
    assert "\\" not in text  # nothing in the sample needs escaping


def test_written_layout_has_no_trailing_spaces_and_one_blank_line_between_blocks(sample_profile):
    text = write(sample_profile)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_filled_title_block_job_posting_and_item_extras():
    profile = Profile(
        company="Acme",
        role_title="Data Engineer",
        job_ref="JR1",
        interview_date=date(2026, 12, 1),
        job_posting="We use ```fences```\n\n- and bullets",
        news=[NewsItem(text="Raised money", date="2024", url="https://acme.test/a_(b)")],
        sources=[Source(title="Blog", url="https://acme.test/blog"), Source(url="https://x.test")],
    )
    profile.prep.questions = [
        Question(text="Why us?", answer="Because.\n\nReally.", category="motivation", confidence=4)
    ]
    text = write(profile)
    assert text.startswith(
        "# Company Profile: Acme\n\n- **Role**: Data Engineer\n- **Job reference**: JR1\n"
        "- **Interview date**: 2026-12-01\n\n## Company Overview\n"
    )
    assert text.endswith("## Job Posting\n\n````\nWe use ```fences```\n\n- and bullets\n````\n")
    assert "- Raised money\n  - **Date**: 2024\n  - **Link**: <https://acme.test/a_(b)>\n" in text
    assert (
        '- "Why us?"\n  - **Category**: motivation\n  - **Confidence**: 4/5\n'
        "  - **Answer**: Because.\n\n    Really.\n"
    ) in text
    assert "- [Blog](https://acme.test/blog)\n- <https://x.test>\n" in text
    assert_roundtrip(profile)


def test_inline_list_with_a_comma_in_an_item_is_written_nested():
    profile = Profile()
    profile.tech_stack.languages = ["Go (mostly, for services)", "Rust"]
    profile.tech_stack.frameworks = ["Django, with DRF", "Flask"]
    profile.tech_stack.cloud = ["AWS (beta", "GCP"]
    text = write(profile)
    assert "- **Languages**: Go (mostly, for services), Rust\n" in text
    assert "- **Frameworks**:\n  - Django, with DRF\n  - Flask\n" in text
    assert "- **Cloud infrastructure**:\n  - AWS (beta\n  - GCP\n" in text
    assert_roundtrip(profile)


def test_extra_sections_are_written_back_where_they_belong():
    profile = Profile(
        extra_sections=[
            ExtraSection(title="My Notes", body="Some *notes*\n\n- a\n- b"),
            ExtraSection(parent="overview", body="- **Stock price**: $5"),
            ExtraSection(parent="overview", title="Board", body="- Ann"),
            ExtraSection(parent="prep", body="Loose text."),
            ExtraSection(parent="news", body="- Not news"),
        ]
    )
    text = write(profile)
    assert "- **Key products/services**: [Main offerings]\n\n- **Stock price**: $5\n\n" in text
    assert "### Board\n\n- Ann\n\n## Company Mission and Values\n" in text
    assert "## Interview Preparation\n\nLoose text.\n\n### Key Talking Points\n" in text
    # after a bare list an untitled "###" keeps loose text from joining the list
    assert "- [Recent development]\n\n###\n\n- Not news\n\n## Technology Stack\n" in text
    assert text.endswith("## My Notes\n\nSome *notes*\n\n- a\n- b\n")
    assert_roundtrip(profile)


# --- escaping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Plain words, with punctuation (like this). It\'s "fine": yes; 50% off! ~ok | 3.5',
        "AT&T and R&D",
        "C# and F#",
        "1.5 million",
        "user@example.com",
    ],
)
def test_ordinary_text_is_not_escaped(text):
    assert escape(text) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a*b_c`d[e]f<g\\h", "a\\*b\\_c\\`d\\[e\\]f\\<g\\\\h"),
        ("&amp; &#35; &x", "\\&amp; \\&#35; &x"),
        ("# not a heading", "\\# not a heading"),
        (
            "- not\n+ a\n> list\n= nor\n~~~ fence\n| table",
            "\\- not\n\\+ a\n\\> list\n\\= nor\n\\~~~ fence\n\\| table",
        ),
        ("12. twelve\n3) three\n4.5 four", "12\\. twelve\n3\\) three\n4.5 four"),
        ("a | b\n:-|-", "a | b\n\\:-|-"),
    ],
)
def test_escaping(text, escaped):
    assert escape(text) == escaped


def test_hostile_profile_round_trips():
    assert_roundtrip(hostile_profile())


def test_sample_round_trips(sample_profile):
    assert_roundtrip(sample_profile)
    assert roundtrip(sample_profile).extra_sections == []


def test_read_sample_write_read_again_is_stable(sample_profile):
    once = write(sample_profile)
    assert write(read(once)) == once


# --- what the format loses: exactly MARKDOWN_LOSSES --------------------------------------------


def test_the_documented_losses():
    assert len(MARKDOWN_LOSSES) == 9
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    profile = Profile(
        id="abc",
        revision=7,
        created_at=when,
        updated_at=when,
        company="Acme",
        news=[NewsItem(id="n1", text="News"), NewsItem(id="n2")],
        sources=[Source(id="s1", title="Blog"), Source(id="s2")],
        rounds=[Round(id="r1", day=date(2026, 12, 3), interviewers=[Interviewer(id="i1")])],
        fact_dates={"overview.revenue": {"as_of": date(2024, 3, 31), "source": "10-K"}},
        stale_after_days=90,
        extra_sections=[
            ExtraSection(title="Top", body="x"),
            ExtraSection(parent="overview", body="one"),
            ExtraSection(parent="nowhere", title="Lost parent", body="y"),
            ExtraSection(parent="overview", title="Sub", body="z"),
            ExtraSection(parent="overview", body="two"),
            ExtraSection(parent="overview", body=""),
        ],
    )
    profile.requirements = [
        Requirement(id="r1", text="SQL", source="SQL"),
        Requirement(id="r2", text="Gone", dropped=True),
    ]
    profile.prep.skill_map = [
        SkillRow(id="k1", skill="SQL", requirement_id="r1"),
        SkillRow(id="k2"),
    ]
    profile.prep.dismissed_flags = ["Where are you based?"]
    profile.prep.questions = [
        Question(id="q1", text="Why?", attempts=[Attempt(text="Because.", rating=4)]),
        Question(id="q2"),
    ]
    view = markdown_view(profile)
    # 1. ids, 2. timestamps, revision, schema_version: fixed values instead
    assert view.id != profile.id and view.revision == 0
    assert view.created_at == view.updated_at != when
    # 3. blank items dropped (and the kept ones renumbered)
    assert [n.text for n in view.news] == ["News"] and view.news[0].id != "n1"
    assert view.rounds[0].id != "r1" and view.rounds[0].interviewers[0].id != "i1"
    assert [s.title for s in view.sources] == ["Blog"]
    assert [r.skill for r in view.prep.skill_map] == ["SQL"]
    assert [q.text for q in view.prep.questions] == ["Why?"]
    # 4. practice attempts
    assert [q.attempts for q in view.prep.questions] == [[]]
    # 6. requirements: fresh ids, no source, read as the person's own; dropped ones not kept
    assert [(r.text, r.source, r.edited) for r in view.requirements] == [("SQL", "", True)]
    # 7. a skills row's link to a requirement
    assert view.prep.skill_map[0].requirement_id == ""
    # 8. dismissed "already known" flags
    assert view.prep.dismissed_flags == []
    # 9. extras grouped as written
    assert view.extra_sections == [
        ExtraSection(parent="overview", body="one\n\ntwo"),
        ExtraSection(parent="overview", title="Sub", body="z"),
        ExtraSection(title="Top", body="x"),
        ExtraSection(title="Lost parent", body="y"),
    ]
    # ...and nothing else
    assert view.model_dump(exclude=_LOST) == profile.model_dump(exclude=_LOST)
    assert markdown_view(view) == view
    assert_roundtrip(profile)


_LOST = {
    "id": True,
    "revision": True,
    "created_at": True,
    "updated_at": True,
    "schema_version": True,
    "news": True,
    "sources": True,
    "rounds": {"__all__": {"id": True, "interviewers": {"__all__": {"id"}}}},
    "extra_sections": True,
    "requirements": True,
    "prep": {"skill_map", "questions", "dismissed_flags"},
}


# --- generated profiles ------------------------------------------------------------------------

# Fragments that have broken Markdown writers: markup, entities, block starters, line breaks.
NASTY = [
    "|",
    "*",
    "_",
    "`",
    "[",
    "]",
    "<",
    ">",
    "&",
    "&amp;",
    "&#35;",
    "&#x41;",
    "&copy",
    "#",
    "-",
    "+",
    "=",
    "~",
    ":",
    ".",
    ")",
    "(",
    "\\",
    '"',
    "'",
    "“",
    "”",
    "1.",
    "12)",
    "- ",
    "# ",
    "> ",
    "```",
    "~~~",
    "***",
    "---",
    "===",
    ":-|-",
    "| a |",
    "\n",
    "\n\n",
    "\n\n\n",
    " ",
    "\t",
    "!",
    "[x](y)",
    "<b>",
    "**",
    "__",
    ",",
    ", ",
    "http://x.y",
    "[TBD]",
    "    ",
    "\u00a0",
    "\r\n",
]
fragment = st.one_of(st.sampled_from(NASTY), st.text(max_size=4))
raw_text = st.lists(fragment, max_size=10).map("".join)
urls = st.one_of(
    st.just(""),
    st.builds(lambda s, t: s + t, st.sampled_from(["https://", "mailto:", "", "x:"]), raw_text),
)
SAFE_BODY = st.characters(
    codec="utf-8",
    exclude_characters="#=-<`~\\\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    exclude_categories=("Cs", "Cc"),
)
body_line = st.builds(
    lambda prefix, text: prefix + text,
    st.sampled_from(["", "", "* ", "  ", "> ", "1. "]),
    st.text(SAFE_BODY, max_size=12),
)
raw_body = st.lists(body_line, max_size=5).map("\n".join)
# Untitled extras are read back in their section's context: plain words (no "Label:"), as
# paragraphs or bullets, lines without indentation.
words = st.lists(
    st.from_regex(r"[A-Za-z0-9.,!?'()]{1,8}", fullmatch=True), min_size=1, max_size=4
).map(" ".join)
loose_line = st.builds(
    lambda prefix, text: prefix + text, st.sampled_from(["", "- ", "1. "]), words
)
untitled_body = st.lists(
    st.lists(loose_line, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=3
).map("\n\n".join)

KNOWN_TITLES = {norm_key(s.title) for s in SECTIONS} | {
    norm_key(t) for t in (JOB_POSTING_TITLE, REQUIREMENTS_TITLE, STORY_BANK_TITLE)
}


def _free_title(title: str, taken: set[str]) -> bool:
    return norm_key(ExtraSection(title=title).title) not in taken


@st.composite
def extras(draw) -> list[ExtraSection]:
    found = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["top", "titled", "untitled"]))
        if kind == "top":
            title = draw(raw_text.filter(lambda t: _free_title(t, KNOWN_TITLES)))
            found.append(ExtraSection(title=title, body=draw(raw_body)))
            continue
        parent = draw(st.sampled_from([s.key for s in SECTIONS]))
        if kind == "untitled":
            found.append(ExtraSection(parent=parent, body=draw(untitled_body)))
            continue
        taken = {norm_key(h) for h in SECTION_BY_KEY[parent].subsections()} | {""}
        title = draw(raw_text.filter(lambda t, taken=taken: _free_title(t, taken)))
        found.append(ExtraSection(parent=parent, title=title, body=draw(raw_body)))
    return found


ITEMS = {
    "news": st.builds(NewsItem, text=raw_text, date=raw_text, url=urls),
    "skills": st.builds(SkillRow, skill=raw_text, requirement=raw_text, talking_point=raw_text),
    "questions": st.builds(
        Question,
        text=raw_text,
        answer=raw_text,
        category=st.sampled_from(QUESTION_CATEGORIES),
        confidence=st.none() | st.integers(1, 5),
    ),
    "sources": st.builds(Source, title=raw_text, url=urls),
}
VALUES = {
    "line": raw_text,
    "text": raw_text,
    "date": st.none() | st.dates(),
    "yesno": st.sampled_from(["yes", "no", "unknown"]),
    "list": st.lists(raw_text, max_size=4),
    "inline_list": st.lists(raw_text, max_size=4),
    **{kind: st.lists(item, max_size=3) for kind, item in ITEMS.items()},
}


@st.composite
def profiles(draw) -> Profile:
    """Profiles built through the model, so every value is canonical."""
    profile = Profile(extra_sections=draw(extras()), rounds=draw(st.lists(rounds(), max_size=2)))
    for _, spec in all_fields():
        spec.set(profile, draw(VALUES[spec.kind]))
    stamps = st.builds(FactDate, as_of=st.none() | st.dates(), source=raw_text)
    profile.fact_dates = draw(st.dictionaries(st.sampled_from(DATED_FACTS), stamps, max_size=2))
    profile.stale_after_days = draw(st.integers(1, 3650))
    tags = st.sampled_from(["", *(r.id for r in profile.rounds)])
    for question in profile.prep.questions:
        question.asked_in = draw(tags)
        question.how_it_went = draw(raw_text)
    return profile


@st.composite
def rounds(draw) -> Round:
    people = st.builds(Interviewer, name=raw_text, role=raw_text, note=raw_text)
    return Round(
        day=draw(st.dates()),
        start_time=draw(st.none() | st.times()),
        timezone=draw(st.sampled_from(["UTC", "Europe/London", "America/Argentina/Buenos_Aires"])),
        kind=draw(st.sampled_from(ROUND_KINDS)),
        minutes=draw(st.integers(5, 600)),
        location=draw(raw_text),
        interviewers=draw(st.lists(people, max_size=2)),
        debrief=Debrief(
            notes=draw(raw_text),
            follow_ups=draw(st.lists(raw_text, max_size=2)),
            thank_you=draw(raw_text),
        ),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_generated_profiles_round_trip(profile):
    assert_roundtrip(profile)


@settings(max_examples=300, deadline=None)
@given(raw_text)
def test_any_text_round_trips_in_every_kind_of_place(text):
    profile = Profile(company=text, job_posting=text)
    profile.overview.founded = text
    profile.mission.culture = text
    profile.mission.core_values = [text]
    profile.tech_stack.languages = [text, text]
    profile.culture_fit = [text]
    profile.prep.questions_to_ask = [text]
    profile.prep.skill_map = [SkillRow(skill=text, requirement=text, talking_point=text)]
    profile.prep.questions = [Question(text=text, answer=text)]
    profile.news = [NewsItem(text=text, date=text)]
    profile.sources = [Source(title=text, url=text)]
    person = Interviewer(name=text, role=text, note=text)
    profile.rounds = [Round(day=date(2026, 12, 3), location=text, interviewers=[person, person])]
    assert_roundtrip(profile)


@pytest.mark.parametrize(
    "name",
    ["Ana, Bo", "Lee; Kim", "Line one\nline two", "Zoë 🎉 Ünal", "- **Kind**: onsite", "[TBD]"],
)
def test_rounds_and_their_interviewers_round_trip(name):
    person = Interviewer(name=name, role=f"{name} (role)", note=f"note: {name}")
    timed = Round(
        kind="system_design",
        day=date(2026, 12, 3),
        start_time=time(9, 5),
        timezone="America/New_York",
        minutes=45,
        location="https://meet.example/a_b?x=1&y=2",
        interviewers=[person, Interviewer(name="Second")],
    )
    profile = Profile(company="Acme", rounds=[timed, Round(day=date(2026, 12, 10))])
    text = write(profile)
    assert "- **Interview rounds**:\n  - 2026-12-03 09:05 America/New\\_York\n" in text
    assert "    - **Kind**: System design\n    - **Length**: 45 min\n" in text
    assert "  - 2026-12-10\n    - **Kind**: Interview\n" in text
    back = read(text)
    assert [p.name for p in back.rounds[0].interviewers] == [person.name, "Second"]
    assert (back.rounds[0].start_time, back.rounds[1].all_day) == (time(9, 5), True)
    assert_roundtrip(profile)


def test_a_debrief_and_the_questions_asked_round_trip():
    first, second = Round(day=date(2026, 12, 3)), Round(day=date(2026, 12, 9), kind="onsite")
    second.debrief = Debrief(
        notes="Went well.\n\n- they liked the design\n- ran out of time",
        follow_ups=["Send the paper, v2", "Ask about; on-call"],
        thank_you="Dear Ana,\n\nThank you!\n\nBest regards,",
    )
    profile = Profile(company="Acme", rounds=[first, second])
    profile.prep.questions = [
        Question(text="Why Acme?", asked_in=second.id, how_it_went="Too long.\n\nCut it."),
        Question(text="Not asked yet"),
        Question(text="Dangling", asked_in="nosuchround"),
    ]
    text = write(profile)
    assert '- "Why Acme?"\n  - **Asked in**: round 2\n  - **How it went**: Too long.' in text
    assert (
        "    - **Follow-up**: Send the paper, v2\n    - **Follow-up**: Ask about; on-call" in text
    )
    back = read(text)
    assert back.prep.questions[0].asked_in == back.rounds[1].id
    assert back.prep.questions[2].asked_in == ""  # a tag naming no round is dropped
    assert back.rounds[1].debrief == second.debrief
    assert_roundtrip(profile)


def test_as_of_dates_sources_and_the_threshold_round_trip():
    profile = Profile(
        company="Acme",
        stale_after_days=90,
        fact_dates={
            "overview.revenue": {"as_of": "2024-03-31", "source": "10-K, p. 3; [x]"},
            "overview.size": {"source": "LinkedIn"},
        },
    )
    profile.overview.revenue = "$2 billion (2023)"
    text = write(profile)
    assert "- **Check facts older than**: 90 days\n" in text
    revenue = "- **Revenue**: $2 billion (2023)\n  - **As of**: 2024-03-31\n  - **Source**: 10-K"
    assert revenue in text
    assert "- **Size**: [Number of employees]\n  - **Source**: LinkedIn\n" in text
    assert "Check facts older than" not in write(Profile())  # the default is not written
    assert_roundtrip(profile)


def test_a_bad_as_of_date_is_kept_as_text_of_its_section():
    text = "## Company Overview\n\n- **Revenue**: $2B\n  - **As of**: last spring\n"
    profile = read(text)
    assert profile.fact_dates == {} and profile.overview.revenue == "$2B"
    assert "last spring" in profile.extra_sections[0].body


def test_a_profile_without_rounds_writes_no_rounds_line():
    assert "Interview rounds" not in write(Profile(interview_date=date(2026, 12, 3)))


def test_a_round_with_an_unknown_time_zone_is_refused_in_one_line():
    text = "# Company Profile: Acme\n\n- **Interview rounds**:\n  - 2026-12-03 10:00 Mars/Base\n"
    with pytest.raises(InvalidProfile, match="unknown time zone 'Mars/Base'") as error:
        read(text)
    assert "\n" not in str(error.value)
