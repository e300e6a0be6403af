"""Fresh facts: which dated facts are old enough to check before quoting them.

A dated fact is the company's size or revenue (``DATED_FACTS``), or a news item. Its *as of*
date is the one the person gave (``Profile.fact_dates``), else the date its text names: a news
item's date ("2024-05-01", "May 2024", "Q3 2024", "2024") or a year in the value ("$33.7 billion
(2023)", "FY2024"); a period counts from its end. Older than the profile's threshold
(``stale_after_days``, six months by default) means "check before quoting": the Word dossier and
cheat sheet mark it (``marked``), new Anki cards leave it out (``without_stale``) and the plan's
day before counts it. A fact without any date is not flagged: nothing says it is old.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from prep_core.model import DATED_FACTS, Profile
from prep_core.sections import get_section

__all__ = [
    "Fact",
    "as_of_date",
    "dated_facts",
    "facts_by_source",
    "marked",
    "stale_facts",
    "without_stale",
]

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name
}
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{4})")
_QUARTER = re.compile(r"Q([1-4])\s*(?:FY\s*)?(\d{4})", re.I)
_YEAR = re.compile(r"(?<![\d.,$])(?:FY\s*)?((?:19|20)\d{2})(?![\d,])", re.I)


@dataclass(frozen=True)
class Fact:
    key: str  # "overview.revenue", or "news:<id>"
    label: str  # what a person reads: "Revenue", "News: Launched ads tier"
    text: str
    as_of: date | None
    source: str
    page: str  # the page where it is edited

    def age_days(self, today: date) -> int | None:
        return None if self.as_of is None else (today - self.as_of).days


def as_of_date(text: str) -> date | None:
    """The date a fact's text names, a period counted from its end; None when it names none."""
    text = text.strip()
    if match := _ISO.search(text):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            day = int(match[3]) if match[3] else last
            return date(year, month, min(max(day, 1), last))
    if (match := _MONTH_YEAR.search(text)) and match[1].lower() in _MONTHS:
        year, month = int(match[2]), _MONTHS[match[1].lower()]
        return date(year, month, calendar.monthrange(year, month)[1])
    if match := _QUARTER.search(text):
        year, month = int(match[2]), int(match[1]) * 3
        return date(year, month, calendar.monthrange(year, month)[1])
    years = [int(y) for y in _YEAR.findall(text)]
    return date(max(years), 12, 31) if years else None


def dated_facts(profile: Profile) -> list[Fact]:
    """Every filled dated fact, with its as-of date when one is known."""
    facts = []
    overview = get_section("overview")
    for path in DATED_FACTS:
        spec = overview.field(path)
        value = spec.present_in(profile)
        if value is None:
            continue
        stamp = profile.fact_dates.get(path)
        as_of = stamp.as_of if stamp and stamp.as_of else as_of_date(value)
        facts.append(
            Fact(path, spec.label, value, as_of, stamp.source if stamp else "", overview.key)
        )
    for item in get_section("news").field("news").present_in(profile) or []:
        text = item.text or item.url
        facts.append(
            Fact(f"news:{item.id}", f"News: {text}", text, as_of_date(item.date), item.url, "news")
        )
    return facts


def facts_by_source(profile: Profile) -> tuple[dict[str, list[Fact]], list[Fact]]:
    """The dated facts each source supports, and the facts with no source.

    A fact's source (its as-of source, or a news item's link) is matched to a Research Source by
    its link or its title, ignoring case; a source that is not among them keeps its own name.
    """
    sources = [s for s in profile.sources if s.title or s.url]
    by_source: dict[str, list[Fact]] = {s.title or s.url: [] for s in sources}
    none = []
    for fact in dated_facts(profile):
        if not fact.source:
            none.append(fact)
            continue
        wanted = fact.source.casefold()
        match = next(
            (s for s in sources if wanted in {s.url.casefold(), s.title.casefold()} - {""}), None
        )
        by_source.setdefault(match.title or match.url if match else fact.source, []).append(fact)
    return by_source, none


def stale_facts(profile: Profile, *, now: datetime) -> list[Fact]:
    """The dated facts older than the profile's threshold, oldest first."""
    today = _today(now)
    old = [
        fact
        for fact in dated_facts(profile)
        if fact.as_of is not None and (today - fact.as_of).days > profile.stale_after_days
    ]
    return sorted(old, key=lambda fact: fact.as_of or today)


def marked(profile: Profile, *, now: datetime, stale: Iterable[Fact] | None = None) -> Profile:
    """A copy whose stale facts say so in their text, for documents a person reads
    (``stale``: the stale facts at ``now``, when known)."""
    stale = {fact.key: fact for fact in _stale(profile, now, stale)}
    if not stale:
        return profile
    copy = profile.model_copy(deep=True)
    for path in DATED_FACTS:
        if path in stale:
            spec = get_section("overview").field(path)
            spec.set(copy, f"{spec.get(copy)} {_mark(stale[path])}")
    for item in copy.news:
        if f"news:{item.id}" in stale:
            item.text = f"{item.text} {_mark(stale[f'news:{item.id}'])}".strip()
    return copy


def without_stale(
    profile: Profile, *, now: datetime, stale: Iterable[Fact] | None = None
) -> Profile:
    """A copy without its stale facts, for flashcards: nothing old gets memorised."""
    stale = {fact.key for fact in _stale(profile, now, stale)}
    if not stale:
        return profile
    copy = profile.model_copy(deep=True)
    for path in DATED_FACTS:
        if path in stale:
            get_section("overview").field(path).set(copy, "")
    copy.news = [item for item in copy.news if f"news:{item.id}" not in stale]
    return copy


def _stale(profile: Profile, now: datetime, known: Iterable[Fact] | None) -> Iterable[Fact]:
    return stale_facts(profile, now=now) if known is None else known


def _mark(fact: Fact) -> str:
    return f"(check before quoting: as of {fact.as_of.isoformat() if fact.as_of else 'unknown'})"


def _today(now: datetime) -> date:
    return (now if now.tzinfo else now.replace(tzinfo=UTC)).astimezone(UTC).date()
