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
from prep_core.posting.cleanup import LONG_LINE
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


def test_a_runon_posting_without_headings_is_cut_at_each_capitalised_you():
    """Breaks lost and no heading: "... Nederlands Je bent ..." is two rows, as under headings."""
    posting = (
        "Wij zijn een klein bedrijf in Amsterdam met een informele sfeer en veel collega's uit "
        "heel Europa. Wij verzorgen transfers van en naar luchthavens over de hele wereld en "
        "groeien snel. Je beantwoordt vragen van klanten en partners per telefoon en e-mail. "
        "Je spreekt en schrijft vloeiend Frans, Engels en Nederlands Je hebt ervaring met "
        "klantenservice en je werkt graag in een team Je bent bereid in het weekend te werken."
    )
    assert len(posting) > LONG_LINE
    texts = [r.text for r in read(posting).requirements]
    assert "Je spreekt en schrijft vloeiend Frans, Engels en Nederlands" in texts
    assert "Je hebt ervaring met klantenservice en je werkt graag in een team" in texts


def test_without_headings_a_short_line_among_requirement_lines_is_one_of_them():
    """A list whose breaks were lost with no space, under no heading: the breaks are found again
    (after "!)" too), and lines with no cue of their own ("Cheerful under pressure") take the
    kind of the line before them."""
    items = [
        "Experience with content management systems a major plus (any blogging counts!)",
        "Familiar with our editorial voice and aesthetic",
        "Meticulous editor, obsessive attention to detail, maddened by typos and broken links",
        "Cheerful under pressure",
        "Excellent communication skills",
        "Interested in and engaged with social media like Twitter, Facebook, and Pinterest",
    ]
    posting = (
        "Marketing Intern\n"
        "We are a small food website in New York with a team of editors and developers.\n"
        + "".join(items)
        + "\nWe are located in Chelsea, in New York City.\n"
    )
    assert len("".join(items)) > LONG_LINE
    rows = [(r.text, r.kind) for r in read(posting).requirements]
    assert rows == [(items[0], "nice"), *((item, "must") for item in items[1:])]


def test_in_a_runon_posting_a_short_question_is_a_heading_and_a_lead_in_no_row():
    """Breaks lost: "Comment postuler ?" ends the profile (how to apply); "il s'agira de :"
    leads into the duty, which is the row."""
    posting = (
        "Nous sommes une petite équipe de l'État qui construit des services publics numériques "
        "pour les collectivités et les citoyens de toute la France. Missions Pour ce poste, il "
        "s'agira de : Concevoir les modèles de données du produit et les maintenir. Profil "
        "recherché Vous maîtrisez Python et SQL. Comment postuler ? Vous pouvez nous écrire "
        "avant de postuler, nous répondons à toutes les questions posées par les candidats."
    )
    assert len(posting) > LONG_LINE
    rows = [(r.text, r.kind) for r in read(posting).requirements]
    assert rows == [
        ("Concevoir les modèles de données du produit et les maintenir.", "responsibility"),
        ("Vous maîtrisez Python et SQL.", "must"),
    ]


def test_in_a_runon_posting_a_name_in_a_list_is_no_heading_and_a_dash_no_bullet():
    """Breaks lost: "User Experience, User Interface" names the agency's work (no "Experience"
    heading); "Rolle – Agentur" is a dash inside a sentence (no new item)."""
    posting = (
        "Art Director (m/w/d) Wir sind eine Designagentur fokussiert auf User Experience, User "
        "Interface und Digital Branding. Mit Büros in Deutschland und den USA arbeiten wir mit "
        "vielen Unternehmen zusammen. Qualifikation Mehrjährige Erfahrung als Art Director oder "
        "in einer vergleichbaren Rolle – Agentur, Unternehmen oder selbstständig Sehr gutes "
        "Gespür für Gestaltung und Typografie Benefits Flexible Arbeitszeiten und ein Jobrad"
    )
    assert len(posting) > LONG_LINE
    rows = [(r.text, r.kind) for r in read(posting).requirements]
    assert rows == [
        (
            "Mehrjährige Erfahrung als Art Director oder in einer vergleichbaren Rolle – "
            "Agentur, Unternehmen oder selbstständig",
            "must",
        ),
        ("Sehr gutes Gespür für Gestaltung und Typografie", "must"),
    ]


def test_under_a_heading_of_no_known_meaning_a_list_of_duties_keeps_its_kind():
    """The first item opens as a duty; the next ("Triage ...") opens with no known duty verb
    but is one of the same list."""
    posting = (
        "Software Engineer\n\nMinimum qualifications:\n- 2 years of experience with Python.\n\n"
        "Additional Information\n"
        "- Write and test product or system development code.\n"
        "- Triage product or system issues and debug them.\n"
    )
    rows = [(r.text, r.kind) for r in read(posting).requirements]
    assert rows == [
        ("2 years of experience with Python.", "must"),
        ("Write and test product or system development code.", "responsibility"),
        ("Triage product or system issues and debug them.", "responsibility"),
    ]


def test_a_runon_german_list_is_cut_before_each_capitalised_adjective():
    posting = (
        "Wir sind eine Designagentur in Hamburg mit vierzig Menschen und arbeiten für viele "
        "bekannte Marken in Deutschland und den USA an digitalen Produkten. Qualifikation "
        "Mehrjährige Erfahrung als Art Director Hoher Anspruch an gestalterische Qualität "
        "Sehr gutes Gespür für Typografie Benefits Flexible Arbeitszeiten und ein Jobrad"
    )
    assert len(posting) > LONG_LINE
    assert [r.text for r in read(posting).requirements] == [
        "Mehrjährige Erfahrung als Art Director",
        "Hoher Anspruch an gestalterische Qualität",
        "Sehr gutes Gespür für Typografie",
    ]


def test_without_headings_a_runon_item_after_a_requirement_is_one_too():
    posting = (
        "Wij zijn een klein bedrijf in Amsterdam met een informele sfeer en veel collega's uit "
        "heel Europa, en we groeien snel in meer dan dertig landen. Je spreekt en schrijft "
        "vloeiend Frans, Engels en Nederlands Je vindt het leuk om mensen te helpen Je bent "
        "op korte termijn beschikbaar. Solliciteer snel via onze website en stuur je cv mee."
    )
    assert len(posting) > LONG_LINE
    rows = [(r.text, r.kind) for r in read(posting).requirements]
    assert ("Je vindt het leuk om mensen te helpen", "must") in rows


def test_the_pitch_is_no_duty_even_with_a_duty_verb():
    posting = (
        "Backend Engineer\n\nThe position\n"
        "You'll be joining a team of 250 engineers across Frontend, Backend and QA.\n"
        "You will build and run our payment services in Elixir.\n"
    )
    rows = [(r.text, r.kind) for r in read(posting).requirements]
    assert rows == [("You will build and run our payment services in Elixir.", "responsibility")]
