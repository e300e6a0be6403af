"""The section registry: the template's sections and fields, in order, with their wording.

Pages, the Markdown reader and writer, the Word and Anki writers and ``prep check`` all walk a
profile through ``SECTIONS``, so order, titles, labels and hints live here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from prep_core.model import Profile, SkillRow, slugify
from prep_core.template import JOB_POSTING_TITLE as JOB_POSTING_TITLE  # the template's too
from prep_core.template import is_placeholder

YES_NO_LABELS = {"yes": "Yes", "no": "No", "unknown": "Not answered"}  # how a person reads it

Kind = Literal[
    "line",  # one line of text
    "text",  # free text, may hold paragraphs
    "date",  # a calendar date
    "yesno",  # yes / no / not answered
    "list",  # a list of one-line entries (a nested bullet list)
    "inline_list",  # a short list written on one line, comma-separated
    "news",  # NewsItem rows
    "skills",  # SkillRow rows: the skills-to-requirements table
    "questions",  # Question rows, each with a drafted answer
    "sources",  # Source rows: title and link
]


Place = Literal[
    "line",  # a "- **Label**: value" line, or the (sub)section's own bullets when ``bare``
    "title",  # the document's "# Company Profile: <value>" line
    "own_section",  # a "##" section of its own (the job posting), written only when filled
]


@dataclass(frozen=True)
class FieldSpec:
    """One field of the profile as the template shows it."""

    path: str  # dotted attribute path from Profile: "overview.founded"
    label: str  # the template's bold label: "Founded"
    hint: str  # what belongs here, shown as a placeholder and written as "[hint]" when empty
    kind: Kind
    heading: str = ""  # "###" subsection the field sits under, if any
    bare: bool = False  # the (sub)section's own bullets rather than a "- **Label**: value" line
    counts: bool = True  # whether it counts toward completeness
    prompt: str = ""  # flashcard front, "{company}" filled in; empty: no card of its own
    columns: tuple[Column, ...] = ()  # a table field's columns, in order
    place: Place = "line"  # where the Markdown template writes it
    shown_under: str = ""  # a section key: Word prints this field at the end of that section
    quoted: bool = False  # a bare list whose items the template writes in quotes

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    def get(self, profile: Profile) -> Any:
        value: Any = profile
        for part in self.path.split("."):
            value = getattr(value, part)
        return value

    def set(self, profile: Profile, value: Any) -> None:
        """Assign through pydantic's validate_assignment, so the value is checked and cleaned."""
        owner: Any = profile
        *parents, last = self.path.split(".")
        for part in parents:
            owner = getattr(owner, part)
        setattr(owner, last, value)

    def present(self, value: Any) -> Any:
        """The real part of ``value`` (a value of this field), or None when nothing real is there.

        The one definition of "filled in", used by completeness, every writer and the cards:
        empty text, an unanswered yes/no, blank rows and a whole-value ``[placeholder]`` (such
        as ``[TBD]`` typed in the app) are not known yet. Rows come back with placeholder text
        emptied; a news item or a source with only a link is real.
        """
        if self.kind in _SCALARS:
            return value if _SCALARS[self.kind](value) else None
        return list(self._real_items(value)) or None

    def present_in(self, profile: Profile) -> Any:
        """``present`` of this field's value in ``profile``."""
        return self.present(self.get(profile))

    def is_filled(self, profile: Profile) -> bool:
        """Whether ``present_in(profile)`` is not None (stops at the first real item)."""
        value = self.get(profile)
        if self.kind in _SCALARS:
            return bool(_SCALARS[self.kind](value))
        return next(self._real_items(value), None) is not None

    def _real_items(self, items: list[Any]) -> Iterator[Any]:
        if self.kind in ("list", "inline_list"):
            yield from (item for item in items if item and not is_placeholder(item))
            return
        is_real = _ROW_IS_REAL[self.kind]
        yield from (row for row in map(_without_placeholders, items) if is_real(row))


# When a one-value field holds something real.
_SCALARS: dict[str, Callable[[Any], Any]] = {
    "line": lambda text: text and not is_placeholder(text),
    "text": lambda text: text and not is_placeholder(text),
    "date": lambda day: day is not None,
    "yesno": lambda answer: answer != "unknown",
}


def _without_placeholders(row: Any) -> Any:
    """A row with every whole-value placeholder text emptied (a copy only when there is one)."""
    blanks = {name: "" for name, value in row.__dict__.items() if is_placeholder(value)}
    return row.model_copy(update=blanks) if blanks else row


# When a row of a table-like field holds something real (after placeholders are emptied).
_ROW_IS_REAL: dict[str, Callable[[Any], Any]] = {
    "news": lambda item: item.text or item.url,
    "skills": lambda row: not row.is_blank(),
    "questions": lambda question: question.text,  # an answer needs its question to count
    "sources": lambda source: source.title or source.url,
}


@dataclass(frozen=True)
class Column:
    """One column of a table field (the skills table): the row's attribute and its wording."""

    name: str  # the row's attribute: "requirement"
    heading: str  # the template's table header: "Their Requirement"
    label: str  # what a person reads in the app and in Word: "Their requirement"
    hint: str  # the blank template's placeholder cell: "What the posting asks for"
    quoted: bool = False  # the template writes the cell in quotes


@dataclass(frozen=True)
class Section:
    key: str  # short name used in page files, tags and CLI options: "tech_stack"
    title: str  # the template's "##" heading
    fields: tuple[FieldSpec, ...]
    icon: str = ""  # Material icon for the dashboard
    prompt: str = ""  # front of one card that sums up every filled field; empty: no such card

    @property
    def number(self) -> int:
        """1-based position in the template."""
        return SECTIONS.index(self) + 1

    def field(self, name: str) -> FieldSpec:
        """The field called ``name`` ("keywords" or "prep.keywords"): found by name, never by
        position, so reordering the registry cannot mislabel anything."""
        for spec in self.fields:
            if name in (spec.name, spec.path):
                return spec
        known = ", ".join(spec.name for spec in self.fields)
        raise KeyError(f"section {self.key!r} has no field {name!r}; its fields: {known}")

    def subsections(self) -> list[str]:
        """The "###" headings of this section, in order."""
        return list(dict.fromkeys(f.heading for f in self.fields if f.heading))


def _f(path: str, label: str, hint: str, kind: Kind = "line", **kw: Any) -> FieldSpec:
    return FieldSpec(path, label, hint, kind, **kw)


# The title line: "# Company Profile: <company>" and our own additions under it.
BASICS = Section(
    "basics",
    "Company Profile",
    (
        _f("company", "Company", "Company Name", place="title"),
        _f(
            "role_title",
            "Role",
            "Job title",
            prompt="{company}: which role are you interviewing for?",
        ),
        _f("job_ref", "Job reference", "Posting ID, such as JR12345", counts=False),
        _f("interview_date", "Interview date", "YYYY-MM-DD", "date"),
        _f(
            "job_posting",
            "Job posting",
            "Paste the job posting here",
            "text",
            counts=False,
            place="own_section",
            shown_under="role",
        ),
    ),
    icon=":material/badge:",
)

SECTIONS: tuple[Section, ...] = (
    BASICS,
    Section(
        "overview",
        "Company Overview",
        (
            _f(
                "overview.founded",
                "Founded",
                "Year founded",
                prompt="{company}: when was it founded?",
            ),
            _f(
                "overview.headquarters",
                "Headquarters",
                "City, State/Country",
                prompt="{company}: where is it headquartered?",
            ),
            _f(
                "overview.size",
                "Size",
                "Number of employees",
                prompt="{company}: how many people work there?",
            ),
            _f(
                "overview.industry",
                "Industry",
                "Primary industry/sector",
                prompt="{company}: which industry is it in?",
            ),
            _f(
                "overview.ownership",
                "Public/Private",
                "Public (Exchange: TICKER) or private",
                prompt="{company}: is it public or private?",
            ),
            _f(
                "overview.revenue",
                "Revenue",
                "Annual revenue (year)",
                prompt="{company}: what is its annual revenue?",
            ),
            _f(
                "overview.key_products",
                "Key products/services",
                "Main offerings",
                prompt="{company}: what are its key products and services?",
            ),
        ),
        icon=":material/business:",
    ),
    Section(
        "mission",
        "Company Mission and Values",
        (
            _f(
                "mission.statement",
                "Mission statement",
                "The company's mission",
                "text",
                prompt="{company}: what is its mission statement?",
            ),
            _f(
                "mission.core_values",
                "Core values",
                "Value",
                "list",
                prompt="{company}: what are its core values?",
            ),
            _f(
                "mission.culture",
                "Company culture",
                "How the company describes its culture",
                "text",
                prompt="{company}: how would you describe its culture?",
            ),
        ),
        icon=":material/flag:",
    ),
    Section(
        "news",
        "Recent News and Developments",
        (
            _f(
                "news",
                "News",
                "Recent development",
                "news",
                bare=True,
                prompt="{company}: what are its recent developments?",
            ),
        ),
        icon=":material/newspaper:",
    ),
    Section(
        "tech_stack",
        "Technology Stack",
        (
            _f(
                "tech_stack.languages",
                "Languages",
                "Programming languages",
                "inline_list",
                prompt="{company}: which programming languages does it use?",
            ),
            _f(
                "tech_stack.frameworks",
                "Frameworks",
                "Frameworks and libraries",
                "inline_list",
                prompt="{company}: which frameworks does it use?",
            ),
            _f(
                "tech_stack.cloud",
                "Cloud infrastructure",
                "Cloud providers and platforms",
                "inline_list",
                prompt="{company}: which cloud infrastructure does it run on?",
            ),
            _f(
                "tech_stack.data_ml_tools",
                "Data/ML tools",
                "Data and ML tooling",
                "inline_list",
                prompt="{company}: which data and ML tools does it use?",
            ),
            _f(
                "tech_stack.practices",
                "Development practices",
                "How they build software",
                "inline_list",
                prompt="{company}: what are its development practices?",
            ),
        ),
        icon=":material/code:",
    ),
    Section(
        "products",
        "Products and Services",
        (
            _f(
                "products.product_lines",
                "Main product lines",
                "Product lines",
                "text",
                prompt="{company}: what are its main product lines?",
            ),
            _f(
                "products.key_services",
                "Key services",
                "Services offered",
                "text",
                prompt="{company}: what are its key services?",
            ),
            _f(
                "products.target_market",
                "Target market/customers",
                "Who buys from them",
                "text",
                prompt="{company}: who is its target market?",
            ),
            _f(
                "products.market_position",
                "Market position",
                "Where they stand in the market",
                "text",
                prompt="{company}: what is its market position?",
            ),
        ),
        icon=":material/inventory_2:",
    ),
    Section(
        "experience",
        "Personal Experience with Company/Products",
        (
            _f("experience.has_used", "Have you used their products/services?", "Yes/No", "yesno"),
            _f(
                "experience.products_used",
                "Which products/services have you used?",
                "List of products/services",
                "text",
            ),
            _f("experience.duration", "Duration of use", "How long you've been using them", "text"),
            _f("experience.frequency", "Frequency of use", "How often you use them", "text"),
            _f(
                "experience.valued_features",
                "Specific features you value",
                "Features that stand out to you",
                "text",
            ),
            _f("experience.impact", "Impact on your life/work", "How they've affected you", "text"),
            _f(
                "experience.pain_points",
                "Pain points or areas for improvement",
                "Any challenges you've experienced",
                "text",
            ),
            _f(
                "experience.connection",
                "How this experience connects to your professional interest",
                "Connection between personal experience and job application",
                "text",
            ),
        ),
        icon=":material/person:",
        prompt="{company}: why this company? (your own experience with it)",
    ),
    Section(
        "competitors",
        "Competitors",
        (
            _f(
                "competitors.direct",
                "Direct competitors",
                "List of main competitors",
                "inline_list",
                prompt="{company}: who are its direct competitors?",
            ),
            _f(
                "competitors.advantages",
                "Competitive advantages",
                "What sets this company apart",
                "text",
                prompt="{company}: what are its competitive advantages?",
            ),
            _f(
                "competitors.challenges",
                "Industry challenges",
                "Current challenges in the industry",
                "text",
                prompt="{company}: what challenges does its industry face?",
            ),
        ),
        icon=":material/swords:",
    ),
    Section(
        "role",
        "Role Analysis",
        (
            _f(
                "role.department",
                "Department structure",
                "Where the role sits",
                "text",
                prompt="{role}: which department is it in?",
            ),
            _f(
                "role.team",
                "Team composition",
                "Who is on the team",
                "text",
                prompt="{role}: who is on the team?",
            ),
            _f(
                "role.reporting",
                "Reporting structure",
                "Who the role reports to",
                "text",
                prompt="{role}: who does it report to?",
            ),
            _f(
                "role.responsibilities",
                "Key responsibilities",
                "Responsibility",
                "list",
                prompt="{role}: what are the key responsibilities?",
            ),
            _f(
                "role.success_metrics",
                "Success metrics",
                "How success is measured",
                "list",
                prompt="{role}: how is success measured?",
            ),
            _f(
                "role.growth",
                "Growth opportunities",
                "Where the role can lead",
                "list",
                prompt="{role}: what growth opportunities does it offer?",
            ),
        ),
        icon=":material/work:",
    ),
    Section(
        "prep",
        "Interview Preparation",
        (
            _f(
                "prep.talking_points",
                "Key talking points",
                "Talking point",
                "list",
                heading="Key Talking Points",
                bare=True,
                prompt="{company}: what are your key talking points?",
            ),
            _f(
                "prep.keywords",
                "Keywords to emphasize",
                "Keyword or phrase",
                "list",
                heading="Keywords to Emphasize",
                bare=True,
                prompt="{company}: which keywords should you emphasize?",
            ),
            _f(
                "prep.skill_map",
                "Skills-to-requirements mapping",
                "Skill",
                "skills",
                heading="Skills-to-Requirements Mapping",
                bare=True,
                columns=(
                    Column(
                        "skill",
                        "Your Skill/Experience",
                        "Your skill / experience",
                        "Your skill or experience",
                    ),
                    Column(
                        "requirement",
                        "Their Requirement",
                        "Their requirement",
                        "What the posting asks for",
                        quoted=True,
                    ),
                    Column("talking_point", "Talking Point", "Talking point", "What you will say"),
                ),
            ),
            _f(
                "prep.questions",
                "Potential questions",
                "Question",
                "questions",
                heading="Potential Questions to Prepare For",
                bare=True,
            ),
            _f(
                "prep.questions_to_ask",
                "Questions to ask",
                "Question",
                "list",
                heading="Questions to Ask Interviewer",
                bare=True,
                quoted=True,
                prompt="{company}: which questions will you ask the interviewer?",
            ),
        ),
        icon=":material/checklist:",
    ),
    Section(
        "culture_fit",
        "Notes on Company Culture and Fit",
        (
            _f(
                "culture_fit",
                "Culture and fit",
                "How you fit the culture",
                "list",
                bare=True,
                prompt="{company}: why do you fit its culture?",
            ),
        ),
        icon=":material/diversity_3:",
    ),
    Section(
        "sources",
        "Research Sources",
        (_f("sources", "Sources", "Where you found this", "sources", bare=True),),
        icon=":material/menu_book:",
    ),
)

SECTION_BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}


def skill_rows_with_a_point(rows: Iterable[SkillRow]) -> list[SkillRow]:
    """The skills rows that say something: real (``present``) and with a real talking point.

    Only these prove a requirement (coverage), reach the cheat sheet or become an Anki card. A
    row with its talking point still empty (the Fit page's one-click fix adds one) is kept and
    exported as written, but it is work in progress, not evidence.
    """
    spec = get_section("prep").field("skill_map")
    return [row for row in spec.present(list(rows)) or [] if row.talking_point.strip()]


def all_fields() -> Iterator[tuple[Section, FieldSpec]]:
    """Every field of the profile, section by section, in template order."""
    for section in SECTIONS:
        for spec in section.fields:
            yield section, spec


def get_section(key: str) -> Section:
    try:
        return SECTION_BY_KEY[key]
    except KeyError:
        known = ", ".join(SECTION_BY_KEY)
        raise KeyError(f"unknown section {key!r}; known sections: {known}") from None


def weak_tag(profile: Profile) -> str:
    """The Anki tag on weak questions' notes, for a filtered deck: 'prep::netflix::weak'.

    Wording shared by two parts: the Anki writer adds it (after the section tag, same company
    part); the Export page names it.
    """
    return f"prep::{slugify(profile.company) or 'untitled'}::weak"
