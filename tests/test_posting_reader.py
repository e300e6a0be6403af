"""The posting reader on the cases people meet: layouts, headings, five languages, terms."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from prep_core.model import Requirement
from prep_core.posting import (
    LANGUAGES,
    NO_HEADINGS,
    detect_language,
    heading_kind,
    merge_requirements,
    read,
    requirements,
    terms_of,
)
from prep_core.posting.languages import language


def rows(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in requirements(text)]


# --- headings: the most specific wording wins ----------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What you'll bring", "must"),
        ("What you’ll need:", "must"),
        ("What you'll do", "responsibility"),
        ("About the role", "role"),
        ("Why you'll love working here", "intro"),
        ("Schön wäre", "nice"),
        ("Qualifications", "must"),
        ("Our offer", "benefits"),
        ("Preferred qualifications", "nice"),
        ("Minimum qualifications", "must"),
        ("Salary range", "salary"),
        ("Equal opportunity employer", "legal"),
        ("How to apply", "apply"),
        ("Our interview process", "process"),
        ("Tech stack", "stack"),
        ("Your contact person", "contact"),
        ("Ihr Profil", "must"),
        ("Das bringst du mit", "must"),
        ("Deine Aufgaben", "responsibility"),
        ("Vos missions", "responsibility"),
        ("Profil recherché", "must"),
        ("Les petits plus", "nice"),
        ("Requisitos", "must"),
        ("Se valorará", "nice"),
        ("Tus funciones", "responsibility"),
        ("Wat breng je mee", "must"),
        ("Pluspunten", "nice"),
        ("Wat ga je doen?", "responsibility"),
        ("Wat bieden wij", "benefits"),
    ],
)
def test_the_most_specific_heading_wording_wins(heading, kind):
    assert heading_kind(heading) == kind


def test_no_wording_is_given_two_kinds_in_one_language():
    for code in LANGUAGES:
        raw = tomllib.loads(
            resources.files("prep_core.posting")
            .joinpath(f"languages/{code}.toml")
            .read_text("utf-8")
        )
        owner: dict[str, str] = {}
        for kind, wordings in raw["headings"].items():
            for wording in wordings:
                assert owner.setdefault(wording.lower(), kind) == kind, (code, wording)


def test_what_youll_bring_gives_must_haves():
    text = "What you'll do\n- Build APIs\n\nWhat you'll bring\n- Java\n- Kafka\n\nPerks\n- Lunch"
    assert rows(text) == [("responsibility", "Build APIs"), ("must", "Java"), ("must", "Kafka")]


@pytest.mark.parametrize(
    "heading",
    [
        "Qualifications",
        "QUALIFICATIONS",
        "**Qualifications**",
        "Qualifications:",
        "## Qualifications",
    ],
)
def test_a_heading_with_or_without_a_colon_in_bold_or_caps(heading):
    text = f"Acme builds rockets.\n\nResponsibilities\n- Build rockets\n\n{heading}\n- Python\n"
    assert rows(text) == [("responsibility", "Build rockets"), ("must", "Python")]


def test_other_sections_give_no_rows():
    text = """Requirements
- Python

Our offer
- 30 days of holiday

Salary
EUR 60,000 to 70,000 a year.

Equal opportunity
We welcome applicants of every background.

Tech stack
- Python, Postgres

Hiring process
- A call, a take-home, a chat

How to apply
Send your CV to jobs@example.org.
"""
    assert rows(text) == [("must", "Python")]


def test_a_paragraph_after_the_last_list_ends_it():
    text = (
        "Requirements\n- Python\n- SQL\nWe are an equal opportunity employer and value diversity."
    )
    assert rows(text) == [("must", "Python"), ("must", "SQL")]


# --- clean-up: every layout ---------------------------------------------------------------------


def test_a_glyph_alone_on_its_line_marks_the_next():
    text = "Requirements\n•\nPython\n•\nSQL\n\nBenefits\n•\nLunch"
    assert rows(text) == [("must", "Python"), ("must", "SQL")]


def test_numbered_lettered_and_nested_lists():
    text = """Requirements
1. Python
2) SQL
(a) Docker
b. Kubernetes
- Cloud:
    - AWS
    - GCP
"""
    assert [t for _, t in rows(text)] == ["Python", "SQL", "Docker", "Kubernetes", "AWS", "GCP"]


def test_hard_wrapped_bullets_and_pdf_hyphenation_are_joined():
    text = (
        "Requirements\n- Experience with distributed systems and\n  event-driven archi-\n"
        "  tecture in production\n- Python"
    )
    assert rows(text) == [
        ("must", "Experience with distributed systems and event-driven architecture in production"),
        ("must", "Python"),
    ]


def test_html_lists_and_headings():
    text = "<h3>Your profile</h3><ul><li>Python &amp; SQL</li></ul>"
    text += "<h3>Benefits</h3><ul><li>Gym</li></ul>"
    assert rows(text) == [("must", "Python & SQL")]


def test_a_posting_whose_breaks_were_lost_is_cut_at_its_headings_and_bullets():
    text = (
        "Acme is hiring in Berlin. We build payment systems for small shops all over Europe. "
        * 3
        + "What you'll do: • Build APIs in Go • Run them on call What you'll bring: • 5+ years "
        "of Go • Kafka Nice to have: • Rust Benefits: • Lunch"
    )
    assert rows(text) == [
        ("responsibility", "Build APIs in Go"),
        ("responsibility", "Run them on call"),
        ("must", "5+ years of Go"),
        ("must", "Kafka"),
        ("nice", "Rust"),
    ]


# --- qualifiers and cues, per language ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Experience with Rust would be a plus",
        "Kafka is a bonus",
        "Ideally, experience with Rust",
        "Erfahrung mit Kafka ist von Vorteil",
        "Kenntnisse in Terraform wünschenswert",
        "Idéalement, une expérience avec Kafka",
        "La connaissance de Kafka est un plus",
        "Ervaring met Kafka is een pré",
        "Se valorará experiencia con Kafka",
    ],
)
def test_an_inline_qualifier_makes_the_line_nice(line):
    assert rows(f"Requirements\n- Python\n- {line}") == [("must", "Python"), ("nice", line)]


def test_a_qualifier_of_one_part_leaves_the_line_a_must_have():
    line = "Verhandlungssicheres Deutsch, Englisch von Vorteil"
    assert rows(f"Anforderungen\n- {line}") == [("must", line)]


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        (
            "Acme baut Raketen für alle. Du entwickelst unsere Telemetrie in Go. "
            "Du hast Erfahrung mit Kubernetes. Kafka ist von Vorteil.",
            ["responsibility", "must", "nice"],
        ),
        (
            "Acme construit des fusées. Vous participerez au développement de notre télémétrie. "
            "Vous avez une expérience de Kubernetes. Une connaissance de Kafka est un plus.",
            ["responsibility", "must", "nice"],
        ),
    ],
)
def test_prose_without_headings_goes_by_its_cue_wording_and_says_so(prose, expected):
    reading = read(prose)
    assert [r.kind for r in reading.requirements] == expected
    assert reading.notes == (NO_HEADINGS,)


# --- languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Du entwickelst mit uns die Zukunft und hast Erfahrung mit Python.", "de"),
        ("Vous participerez au développement de nos produits avec votre équipe.", "fr"),
        ("Buscamos una persona con experiencia en Python para nuestro equipo.", "es"),
        ("Je gaat werken met onze klanten en je hebt ervaring met Python.", "nl"),
        ("You will build our products with the team and have experience with Python.", "en"),
    ],
)
def test_the_language_is_detected_and_each_row_carries_it(text, code):
    assert detect_language(text) == code
    posting = {
        "de": "Dein Profil",
        "fr": "Votre profil",
        "es": "Requisitos",
        "nl": "Jouw profiel",
        "en": "Requirements",
    }[code]
    [row] = requirements(f"{posting}\n- {text}")
    assert row.language == code


def test_every_language_file_has_every_table():
    for code in LANGUAGES:
        words = language(code)
        assert words.headings and words.qualifiers and words.responsibility_cues
        assert words.must_cues and words.term_cues and words.common


# --- terms --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "lang", "terms"),
    [
        (
            "Experience with event sourcing and vector databases",
            "en",
            ["event sourcing", "vector databases"],
        ),
        ("Knowledge of retrieval-augmented generation", "en", ["retrieval-augmented generation"]),
        ("Experience with state management (Redux)", "en", ["state management", "Redux"]),
        ("Sehr gute Kenntnisse in Zollabwicklung", "de", ["Zollabwicklung"]),
        ("Sehr gute Kenntnisse in Lagerverwaltung", "de", ["inventory management"]),
        ("Erfahrung mit K8s und maschinellem Lernen", "de", ["Kubernetes", "machine learning"]),
        ("Erfahrung in der Softwareentwicklung", "de", ["software development"]),
        ("Kenntnisse verteilter Systeme oder verteilte Systeme", "de", ["distributed systems"]),
        ("Pythonkenntnisse und Netzwerksicherheit", "de", ["Python", "security"]),
        (
            "Maîtrise de Python et de l'apprentissage automatique",
            "fr",
            ["Python", "machine learning"],
        ),
        (
            "Experiencia con React y conocimientos de diseño accesible",
            "es",
            ["React", "diseño accesible"],
        ),
        (
            "Ervaring met Kubernetes en kennis van datamodellering",
            "nl",
            ["Kubernetes", "data modelling"],
        ),
        (
            "Maschinelles Lernen und Cloud-Infrastruktur",
            "de",
            ["machine learning", "cloud infrastructure"],
        ),
    ],
)
def test_terms_a_careful_reader_would_tag(line, lang, terms):
    assert terms_of(line, language=lang) == terms


def test_german_rows_get_no_english_name_rule():
    assert terms_of("Sehr gute Kenntnisse in Datenbanken", language="de") == ["databases"]
    assert "Kenntnisse" in terms_of("Sehr gute Kenntnisse in Datenbanken", language="en")


# --- re-extracting keeps the person's edits -----------------------------------------------------


def test_merge_keeps_edits_and_language():
    posting = "Dein Profil\n- Erfahrung mit Python\n- Kenntnisse in SQL"
    first = merge_requirements([], posting)
    assert [r.language for r in first] == ["de", "de"]
    edited = first[0].model_copy(update={"text": "Erfahrung mit Go", "edited": True})
    again = merge_requirements([edited, first[1]], posting + "\n- Kafka")
    assert [r.text for r in again] == ["Erfahrung mit Go", "Kenntnisse in SQL", "Kafka"]
    assert again[0] is edited and all(r.language == "de" for r in again)
    assert isinstance(again[2], Requirement) and again[2].source == "Kafka"


def test_a_heading_and_its_row_on_one_line():
    assert rows("Requirements: Python") == [("must", "Python")]
    assert rows("**Bonus:** experience with Rust") == [("nice", "experience with Rust")]
