"""The profile: one pydantic model holding every section of the company-profile template.

This module is a leaf: it imports pydantic and the standard library only, so every other part
(pages, readers, writers, store, CLI) can depend on it without dragging anything else in.

Text is canonicalised on the way in (see ``clean_line`` / ``clean_text``), so whatever a user
pastes or a file holds, the model only ever contains printable text that every writer can emit.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

SCHEMA_VERSION = 7  # 4: requirements and links; 5: interview rounds; 6: a requirement's
# language; 7: mock rounds
MAX_TEXT = 100_000  # characters in one field: a long answer fits, a pasted binary does not
MAX_ITEMS = 2_000  # entries in one list
MAX_ATTEMPTS = 20  # practice attempts kept per question: the last ones
MAX_MOCK_ROUNDS = 20  # mock rounds kept per profile: the last ones
WEAK_FAILED_CHECKS = 2  # an attempt with this many failed checks is weak...
WEAK_RATING = 2  # ...and so is one the person rated this or lower

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_LINK_PATTERN = r"^(?:[a-z0-9][a-z0-9_-]{0,63})?$"  # an id, or "" for no link
# C0/C1 controls except tab and newline, plus code points XML (and so Word) cannot hold.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")


def new_id() -> str:
    """A fresh stable id: assigned once, never derived from text, kept across edits."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# --- plausible days -----------------------------------------------------------------------------
# A day typed into a profile (the interview date, a round's day, a fact's as-of date) is refused
# outside these bounds: 2062 for 2026 is a typo, and 9999-12-31 is past the end of the calendar
# arithmetic everything else does. A file may still hold one: it is read, and noted.

FIRST_YEAR = 1990
YEARS_AHEAD = 5


def day_problem(value: date, today: date | None = None) -> str:
    """Why ``value`` is no day a profile should hold ("" when it is a plausible one)."""
    today = today or date.today()
    if value.year < FIRST_YEAR:
        return f"{value.isoformat()} is before {FIRST_YEAR}: check the year"
    try:
        latest = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
    if value > latest:
        return f"{value.isoformat()} is more than {YEARS_AHEAD} years ahead: check the year"
    return ""


def clean_text(value: str) -> str:
    """Canonical multi-line text: paragraphs of trimmed lines, no control characters.

    Line breaks of every kind become ``\\n``, tabs become spaces, each line is trimmed, runs
    of blank lines become one blank line, and the whole is trimmed.
    """
    value = _LINE_BREAKS.sub("\n", value)
    value = _UNPRINTABLE.sub("", value.replace("\t", " "))
    lines = [line.strip() for line in value.split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def clean_line(value: str) -> str:
    """Canonical one-line text: like ``clean_text`` with every line break folded to a space."""
    return " ".join(line for line in clean_text(value).split("\n") if line)


def clean_url(value: str) -> str:
    """A URL with whitespace removed and unsafe characters percent-encoded (as Markdown does)."""
    value = "".join(clean_line(value).split())
    return quote(value, safe="%;/?:@&=+$,-_.!~*'()#")


def _before(fn):
    return BeforeValidator(lambda v: fn(v) if isinstance(v, str) else v)


def _drop_blank(items: list[Any]) -> list[Any]:
    return [item for item in items if item != ""]


class _ItemIdMark:
    """Marks a field as an item's own id (``ItemId``): ``renamed_ids`` gives it a new one."""


@dataclass(frozen=True)
class LinksTo:
    """Marks a field holding another item's id ("" for none); ``kind`` is that item's class.

    ``renamed_ids`` makes a link follow its item when ids change; a link to a kind that is not
    kept in the profile (a ``Story``: the story bank) is left as it is.
    """

    kind: str


_ITEM_ID = _ItemIdMark()

Line = Annotated[str, _before(clean_line), StringConstraints(max_length=MAX_TEXT)]
Text = Annotated[str, _before(clean_text), StringConstraints(max_length=MAX_TEXT)]
Url = Annotated[str, _before(clean_url), StringConstraints(max_length=4_000)]
Lines = Annotated[list[Line], Field(max_length=MAX_ITEMS), AfterValidator(_drop_blank)]
ItemId = Annotated[str, Field(default_factory=new_id, pattern=_ID_PATTERN), _ITEM_ID]
LinkId = Annotated[str, Field(pattern=_LINK_PATTERN)]  # another item's id, or "" for none

YesNo = Literal["yes", "no", "unknown"]
# How a person may write a yes/no answer (lower-cased): the model and the Markdown reader agree.
YES_NO_WORDS: dict[str, YesNo] = {"yes": "yes", "y": "yes", "no": "no", "n": "no", "": "unknown"}
QuestionCategory = Literal["", "behavioral", "technical", "motivation", "company", "role", "other"]
QUESTION_CATEGORIES: tuple[str, ...] = QuestionCategory.__args__  # type: ignore[attr-defined]


class Part(BaseModel):
    """Base of every model here: strict about unknown keys, re-validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- title line -------------------------------------------------------------------------------


class Overview(Part):
    founded: Line = ""
    headquarters: Line = ""
    size: Line = ""
    industry: Line = ""
    ownership: Line = ""
    revenue: Line = ""
    key_products: Line = ""


class Mission(Part):
    statement: Text = ""
    core_values: Lines = []
    culture: Text = ""


class NewsItem(Part):
    id: ItemId
    text: Line = ""
    date: Line = ""  # free text on purpose: "2024", "Q3 2024" and "2024-05-01" are all real
    url: Url = ""


class TechStack(Part):
    languages: Lines = []
    frameworks: Lines = []
    cloud: Lines = []
    data_ml_tools: Lines = []
    practices: Lines = []


class Products(Part):
    product_lines: Text = ""
    key_services: Text = ""
    target_market: Text = ""
    market_position: Text = ""


class Experience(Part):
    has_used: YesNo = "unknown"
    products_used: Text = ""
    duration: Text = ""
    frequency: Text = ""
    valued_features: Text = ""
    impact: Text = ""
    pain_points: Text = ""
    connection: Text = ""

    @field_validator("has_used", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str):
            word = clean_line(value).lower()
            return YES_NO_WORDS.get(word, word)
        return value


class Competitors(Part):
    direct: Lines = []
    advantages: Text = ""
    challenges: Text = ""


class Role(Part):
    department: Text = ""
    team: Text = ""
    reporting: Text = ""
    responsibilities: Lines = []
    success_metrics: Lines = []
    growth: Lines = []


class SkillRow(Part):
    """One row of the skills-to-requirements table."""

    id: ItemId
    skill: Line = ""
    requirement: Line = ""
    talking_point: Line = ""
    # the posting requirement this row answers (Profile.requirements)
    requirement_id: Annotated[LinkId, LinksTo("Requirement")] = ""

    def is_blank(self) -> bool:
        return not (self.skill or self.requirement or self.talking_point)


RequirementKind = Literal["must", "nice", "responsibility"]
REQUIREMENT_KINDS: tuple[str, ...] = RequirementKind.__args__  # type: ignore[attr-defined]


class Requirement(Part):
    """One requirement of the job posting: a must-have, a nice-to-have or a responsibility.

    ``source`` is the posting's wording the row was extracted from ("" for a row the person
    added); ``edited`` says the person changed it, ``dropped`` that they removed it. Re-extracting
    the posting (``posting.merge_requirements``) never changes an edited or dropped row and never
    brings a dropped one back.
    """

    id: ItemId
    text: Line = ""
    kind: RequirementKind = "must"
    terms: Lines = []
    source: Line = ""
    edited: bool = False
    dropped: bool = False
    # The posting's language ("en", "de", "fr", "es", "nl"), which its terms are read in; ""
    # for a row saved before rows had one (then the posting's language is used).
    language: Annotated[str, Field(pattern=r"^(?:[a-z]{2})?$")] = ""

    def is_blank(self) -> bool:
        return not self.text


class Check(Part):
    """One check of a practice attempt, with the reason shown to the person."""

    name: Line
    passed: bool
    message: Line = ""


def is_weak(checks: list[Check], rating: int | None) -> bool:
    """The one rule for a weak attempt: two or more checks failed, or a self-rating of 2 or less."""
    failed = sum(not check.passed for check in checks)
    return failed >= WEAK_FAILED_CHECKS or (rating is not None and rating <= WEAK_RATING)


class Attempt(Part):
    """One rehearsal of a question: what was said or typed, how long it took, how it went.

    Audio is never stored, only its transcript.
    """

    text: Text = ""
    seconds: Annotated[float, Field(ge=0, le=86_400)] | None = None
    checks: Annotated[list[Check], Field(max_length=100)] = []
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    time: datetime = Field(default_factory=utc_now)

    @property
    def weak(self) -> bool:
        return is_weak(self.checks, self.rating)


def _last_attempts(attempts: list[Attempt]) -> list[Attempt]:
    return attempts[-MAX_ATTEMPTS:]


class Question(Part):
    """A question to prepare for, with the answer the user drafts for it."""

    id: ItemId
    text: Line = ""
    answer: Text = ""
    category: QuestionCategory = ""
    confidence: Annotated[int, Field(ge=1, le=5)] | None = None
    story_id: Annotated[LinkId, LinksTo("Story")] = ""  # the story (the bank) this answer tells
    attempts: Annotated[list[Attempt], AfterValidator(_last_attempts)] = []  # oldest first
    asked_in: Annotated[LinkId, LinksTo("Round")] = ""  # the round that asked it
    how_it_went: Text = ""  # the debrief's note on the answer given in that round

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        return clean_line(value).lower() if isinstance(value, str) else value

    def is_blank(self) -> bool:
        return not (self.text or self.answer)


class Prep(Part):
    talking_points: Lines = []
    keywords: Lines = []
    skill_map: Annotated[list[SkillRow], Field(max_length=MAX_ITEMS)] = []
    questions: Annotated[list[Question], Field(max_length=MAX_ITEMS)] = []
    questions_to_ask: Lines = []
    dismissed_flags: Lines = []  # questions to ask whose "already known" flag was dismissed


class Source(Part):
    id: ItemId
    title: Line = ""
    url: Url = ""


class ExtraSection(Part):
    """Markdown the template has no place for, kept as written and written back.

    ``parent`` is empty for a ``##`` section of its own; otherwise it names the known section
    the text sat in (an unknown ``###`` subsection, or lines the reader did not recognise).
    """

    title: Line = ""
    body: Annotated[str, StringConstraints(max_length=MAX_TEXT)] = ""
    parent: str = ""

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", value))
        return "\n".join(line.rstrip() for line in value.split("\n")).strip("\n")


# --- interview rounds ---------------------------------------------------------------------------

RoundKind = Literal[
    "interview", "recruiter_screen", "technical", "system_design", "behavioral", "onsite", "other"
]
ROUND_KINDS: tuple[str, ...] = RoundKind.__args__  # type: ignore[attr-defined]
ROUND_KIND_LABELS = {
    "interview": "Interview",
    "recruiter_screen": "Recruiter screen",
    "technical": "Technical",
    "system_design": "System design",
    "behavioral": "Behavioral",
    "onsite": "Onsite",
    "other": "Other",
}
_KIND_BY_LABEL = {label.lower().replace(" ", "_"): k for k, label in ROUND_KIND_LABELS.items()}
DEFAULT_ROUND_MINUTES = 60


# Names zoneinfo loads that are no place: the system's own setting ("localtime"), tzdata's
# "Factory" (a zone meaning "not set yet"), and the variants of the database itself.
_NOT_A_PLACE = ("localtime", "Factory", "posixrules")
_NOT_A_PLACE_PREFIXES = ("/", ".", "posix/", "right/")


def check_timezone(name: str) -> str:
    """``name`` when it is an IANA time zone zoneinfo knows ("Europe/London"), else ValueError."""
    name = clean_line(name)
    try:
        if not name or name in _NOT_A_PLACE or name.startswith(_NOT_A_PLACE_PREFIXES):
            raise ZoneInfoNotFoundError(name)
        if ".." in name:
            raise ZoneInfoNotFoundError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/London or "
            "America/New_York"
        ) from None
    return name


class Interviewer(Part):
    """Someone on the panel of a round: for the prep, the debrief and the thank-you note."""

    id: ItemId
    name: Line = ""
    role: Line = ""
    note: Line = ""


class Debrief(Part):
    """What happened in a round, written right after it (the questions asked are in the bank,
    tagged with the round: ``Question.asked_in``)."""

    notes: Text = ""  # how it went overall
    follow_ups: Lines = []  # what they asked for, what you promised
    thank_you: Text = ""  # the thank-you note, drafted from the profile and edited

    def is_blank(self) -> bool:
        return not (self.notes or self.follow_ups or self.thank_you)


class Round(Part):
    """One interview round: a day, and a start time in a time zone unless it is all-day."""

    id: ItemId
    kind: RoundKind = "interview"
    day: date
    start_time: time | None = None  # None: all-day (the time is not known yet)
    timezone: Annotated[str, AfterValidator(check_timezone)] = "UTC"
    minutes: Annotated[int, Field(ge=5, le=24 * 60)] = DEFAULT_ROUND_MINUTES
    interviewers: Annotated[list[Interviewer], Field(max_length=50)] = []
    location: Line = ""  # a place or a link
    debrief: Debrief = Field(default_factory=Debrief)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> Any:
        if isinstance(value, str):
            word = re.sub(r"[\s-]+", "_", clean_line(value).lower())
            return _KIND_BY_LABEL.get(word, word)
        return value

    @field_validator("start_time", mode="after")
    @classmethod
    def _minutes_only(cls, value: time | None) -> time | None:
        return value.replace(second=0, microsecond=0, tzinfo=None) if value else None

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def label(self) -> str:
        return ROUND_KIND_LABELS[self.kind]

    def start(self) -> datetime:
        """When it starts, time-zone aware (all-day: midnight in its time zone)."""
        zone = ZoneInfo(self.timezone)
        return datetime.combine(self.day, self.start_time or time(0), tzinfo=zone)

    def end(self) -> datetime:
        """When it ends: ``minutes`` of real time after the start, in its time zone (all-day:
        the next midnight). Added in UTC: on the wall clock, 60 minutes from 02:30 on the
        spring-forward day would be no time at all, and from 01:30 in autumn two hours."""
        start = self.start()
        try:
            if self.start_time is None:
                return start + timedelta(days=1)
            return (start.astimezone(UTC) + timedelta(minutes=self.minutes)).astimezone(
                start.tzinfo
            )
        except OverflowError:  # a day at the calendar's end, kept from a file: ends with it
            return datetime.max.replace(tzinfo=start.tzinfo)


# --- mock rounds ------------------------------------------------------------------------------


class MockItem(Part):
    """One question of a mock round as it went: the checks passed, the follow-up asked."""

    # the question asked ("" once it is gone from the bank: a copy's ids follow their items)
    question_id: Annotated[LinkId, LinksTo("Question")] = ""
    question: Line = ""  # as asked (the bank may change later)
    passed: Annotated[int, Field(ge=0, le=100)] = 0
    checks: Annotated[int, Field(ge=0, le=100)] = 0
    failed: Lines = []  # the names of the checks that failed
    follow_up_kind: Line = ""  # "" when there was nothing to probe
    follow_up: Line = ""
    replied: bool = False  # the reply gave what the follow-up asked for
    seconds: Annotated[float, Field(ge=0, le=86_400)] | None = None


def _last_mock_rounds(rounds: list[MockRound]) -> list[MockRound]:
    return rounds[-MAX_MOCK_ROUNDS:]


class MockRound(Part):
    """A mock round, done: its kind, the seed that chose its questions, and how each went."""

    id: ItemId
    kind: RoundKind = "interview"
    seed: Annotated[int, Field(ge=0, le=2**32)] = 0
    time: datetime = Field(default_factory=utc_now)
    items: Annotated[list[MockItem], Field(max_length=50)] = []

    @property
    def passed_share(self) -> float | None:
        """The share of checks passed over the round (None: nothing was checked)."""
        checks = sum(item.checks for item in self.items)
        return sum(item.passed for item in self.items) / checks if checks else None


# --- fresh facts --------------------------------------------------------------------------------

DATED_FACTS = ("overview.size", "overview.revenue")  # facts that age (news items carry a date)
DEFAULT_STALE_DAYS = 182  # about six months: older facts are "check before quoting"


class FactDate(Part):
    """When a fact was true (``as_of``) and where it was read (``source``: a title or a link)."""

    as_of: date | None = None
    source: Line = ""


def _dated_facts(value: dict[str, FactDate]) -> dict[str, FactDate]:
    unknown = sorted(set(value) - set(DATED_FACTS))
    if unknown:
        raise ValueError(
            f"no as-of date for {', '.join(unknown)}: dated facts are {', '.join(DATED_FACTS)}"
        )
    # one order, always; a stamp with neither a date nor a source says nothing
    return {k: value[k] for k in DATED_FACTS if k in value and (value[k].as_of or value[k].source)}


class Profile(Part):
    """Everything known about one company and one role, in the template's order."""

    schema_version: int = SCHEMA_VERSION
    id: ItemId
    revision: int = Field(default=0, ge=0)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    company: Line = ""
    role_title: Line = ""
    job_ref: Line = ""
    interview_date: date | None = None  # the headline: the next upcoming round's day
    rounds: Annotated[list[Round], Field(max_length=MAX_ITEMS)] = []
    job_posting: Text = ""
    requirements: Annotated[list[Requirement], Field(max_length=MAX_ITEMS)] = []

    overview: Overview = Field(default_factory=Overview)
    mission: Mission = Field(default_factory=Mission)
    news: Annotated[list[NewsItem], Field(max_length=MAX_ITEMS)] = []
    tech_stack: TechStack = Field(default_factory=TechStack)
    products: Products = Field(default_factory=Products)
    experience: Experience = Field(default_factory=Experience)
    competitors: Competitors = Field(default_factory=Competitors)
    role: Role = Field(default_factory=Role)
    prep: Prep = Field(default_factory=Prep)
    culture_fit: Lines = []
    sources: Annotated[list[Source], Field(max_length=MAX_ITEMS)] = []
    extra_sections: Annotated[list[ExtraSection], Field(max_length=MAX_ITEMS)] = []
    fact_dates: Annotated[dict[str, FactDate], AfterValidator(_dated_facts)] = {}
    stale_after_days: Annotated[int, Field(ge=1, le=3650)] = DEFAULT_STALE_DAYS
    # oldest first; the last MAX_MOCK_ROUNDS are kept
    mock_rounds: Annotated[list[MockRound], AfterValidator(_last_mock_rounds)] = []

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"written by a newer version of Interview Prep Studio (schema {value}); "
                f"this version reads schema {SCHEMA_VERSION} and older"
            )
        return value

    @field_validator("interview_date", mode="before")
    @classmethod
    def _blank_date(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    def day_problems(self, today: date | None = None) -> list[str]:
        """Each day this profile holds that ``day_problem`` finds implausible, named."""
        # rounds first: the interview date follows them, so a round's day is what was typed
        days = [(f"round {n}'s day", r.day) for n, r in enumerate(self.rounds, 1)]
        days += [("the interview date", self.interview_date)]
        days += [(f"the as-of date of {key}", f.as_of) for key, f in self.fact_dates.items()]
        return [
            f"{name}: {problem}"
            for name, day in days
            if day is not None and (problem := day_problem(day, today))
        ]

    def check_days(self, before: Profile, today: date | None = None) -> None:
        """Refuse (``ValueError``) an implausible day this edit of ``before`` brought in; one the
        file held already is left to its note, so that it never blocks other edits."""
        held = {p.split(": ", 1)[1] for p in before.day_problems(today)}
        new = [p for p in self.day_problems(today) if p.split(": ", 1)[1] not in held]
        if new:
            raise ValueError(new[0][0].upper() + new[0][1:])

    @property
    def title(self) -> str:
        """'Netflix — ML Engineer', or what there is of it."""
        return " — ".join(part for part in (self.company, self.role_title) if part) or "Untitled"

    @property
    def slug(self) -> str:
        """A file-name-safe name such as ``netflix-ml-engineer``."""
        return slugify(f"{self.company} {self.role_title}") or "untitled"

    def with_new_ids(self) -> Profile:
        """A copy with fresh ids everywhere, so it never collides with the original (in Anki)."""
        data = renamed_ids(self.model_dump(), lambda kind, n: new_id())
        data["revision"] = 0
        data["created_at"] = data["updated_at"] = utc_now()
        return Profile.model_validate(data)


class Story(Part):
    """A STAR story, kept once for every profile in the story bank (``stories.json``)."""

    id: ItemId
    title: Line = ""
    situation: Text = ""
    task: Text = ""
    action: Text = ""
    result: Text = ""
    tags: Lines = []

    def is_blank(self) -> bool:
        return not (self.title or self.situation or self.task or self.action or self.result)


STORY_BANK_VERSION = 1


class StoryBank(Part):
    """The story bank file: every story, with the revision a save must start from."""

    schema_version: int = STORY_BANK_VERSION
    revision: int = Field(default=0, ge=0)
    stories: Annotated[list[Story], Field(max_length=MAX_ITEMS)] = []

    def get(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)


# --- ids and links: declared above (``ItemId``, ``LinksTo``), walked here ----------------------


def numbered_id(kind: str, n: int) -> str:
    """An id that says only where an item is ("round-0"): for comparing two profiles' content."""
    return f"{kind.lower()}-{n}"


def renamed_ids(data: dict[str, Any], new: Callable[[str, int], str]) -> dict[str, Any]:
    """``data`` (a dumped ``Profile``, changed in place) with every item's id replaced by
    ``new(kind, n)``: ``kind`` the item's class name, ``n`` its number among the items of that
    kind, in document order. Every link (``LinksTo``) to an item of the profile follows its
    item, and one to an item the profile does not hold becomes ""; a link to a kind kept
    outside the profile (a story of the bank) is left as it is.

    The one walk over ids: ``Profile.with_new_ids``, ``store.content_key`` and
    ``writers.markdown.markdown_view`` all use it, so no part can be left out of one of them.
    """
    renamed: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    links: list[tuple[dict[str, Any], str, str]] = []

    def visit(model: type[BaseModel], item: dict[str, Any]) -> None:
        for name, is_id, link, child in _id_plan(model):
            value = item.get(name)
            if is_id and isinstance(value, str):
                kind = model.__name__
                n = counts[kind] = counts.get(kind, -1) + 1
                item[name] = renamed.setdefault(kind, {})[value] = new(kind, n)
            elif link is not None:
                links.append((item, name, link))
            elif child is not None and value:
                for sub in value if isinstance(value, list) else [value]:
                    visit(child, sub)

    visit(Profile, data)
    kept_here = id_fields()[0]
    for item, name, kind in links:
        if kind in kept_here:
            item[name] = renamed.get(kind, {}).get(item[name], "")
    return data


def id_fields() -> tuple[tuple[str, ...], dict[tuple[str, str], str]]:
    """What the model declares: the kinds of item with an id that a profile holds, and each
    link field (``(kind, field)``) with the kind it names."""
    kinds: list[str] = []
    links: dict[tuple[str, str], str] = {}

    def visit(model: type[BaseModel]) -> None:
        for name, is_id, link, child in _id_plan(model):
            if is_id and model.__name__ not in kinds:
                kinds.append(model.__name__)
            if link is not None:
                links[(model.__name__, name)] = link
            if child is not None:
                visit(child)

    visit(Profile)
    return tuple(kinds), links


@cache
def _id_plan(model: type[BaseModel]) -> tuple[tuple[str, bool, str | None, Any], ...]:
    """Per field of ``model``: its name, whether it is the item's id, the kind it links to, and
    the model of the items it holds (a part, or a list of parts); only fields that matter."""
    plan = []
    for name, info in model.model_fields.items():
        is_id = _ITEM_ID in info.metadata
        link = next((m.kind for m in info.metadata if isinstance(m, LinksTo)), None)
        child = _part_in(info.annotation)
        if is_id or link is not None or (child is not None and _holds_ids(child)):
            plan.append((name, is_id, link, child))
    return tuple(plan)


def _part_in(annotation: Any) -> type[BaseModel] | None:
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    return annotation if isinstance(annotation, type) and issubclass(annotation, Part) else None


@cache
def _holds_ids(model: type[BaseModel]) -> bool:
    return any(
        _ITEM_ID in info.metadata
        or any(isinstance(m, LinksTo) for m in info.metadata)
        or ((child := _part_in(info.annotation)) is not None and _holds_ids(child))
        for info in model.model_fields.values()
    )


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Café Ltd.' -> 'cafe-ltd'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
