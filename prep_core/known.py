""" "Don't ask what you already know": questions to ask that the research already answers.

``already_known(profile) -> list[KnownFlag]``: each question to ask the interviewer is compared
with the facts the profile holds (size, headquarters, founding, products, team, reporting line,
news, values, competitors, tech stack). A question that asks for a fact the profile already has
is flagged with that fact and a deeper follow-up built from it ("The team sits in Data &
Insights — how does it decide what to build with its partner teams?"). A person can dismiss a
flag (``Prep.dismissed_flags`` holds the dismissed questions' text).

Rules: a topic's *asking* pattern must match the question (the plain "what is / how many /
where / who" forms; "how does X apply to ..." asks for judgement, not a fact, and is left
alone) and the topic's fact must be filled in (``FieldSpec.present``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass

from prep_core.model import Profile
from prep_core.sections import get_section

__all__ = ["TOPICS", "KnownFlag", "already_known", "dismiss"]


@dataclass(frozen=True)
class KnownFlag:
    question: str
    topic: str
    fact: str  # what the profile already says
    source: str  # where it says it ("Company Overview: Size")
    follow_up: str  # a deeper question built from the fact

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Topic:
    name: str
    asks: re.Pattern[str]
    path: str  # section.field of the fact
    follow_up: Callable[[str, Profile], str]


def _ask(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _clause(text: str, limit: int = 120) -> str:
    """The first clause of a fact, without a leading "This role is part of" or "Likely"."""
    first = re.split(r"(?<=[.;])\s|\s[-–—]\s|\n", text.strip(), maxsplit=1)[0].rstrip(".;")
    first = re.sub(
        r"^(?:this role is part of|(?:it is )?part of|it is|likely|probably)\s+",
        "",
        first,
        flags=re.I,
    )
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _company(profile: Profile) -> str:
    return profile.company or "the company"


TOPICS: tuple[Topic, ...] = (
    Topic(
        "size",
        _ask(
            r"\bhow (?:many|big|large)\b.*\b(?:people|employees|staff|company|organi[sz]ation)"
            r"|\b(?:company|team)'?s? size\b|\bheadcount\b"
        ),
        "overview.size",
        lambda fact, p: (
            f"With {_clause(fact)}, how is this team expected to grow over the next "
            "year, and what would the next hire here do?"
        ),
    ),
    Topic(
        "headquarters",
        _ask(r"\bwhere\b.*\b(?:based|headquartered|located|headquarters|hq)\b|\bheadquarters\b"),
        "overview.headquarters",
        lambda fact, p: (
            f"With headquarters in {_clause(fact)}, how does the team work with "
            "colleagues in other locations and time zones?"
        ),
    ),
    Topic(
        "founded",
        _ask(r"\bwhen was\b.*\b(?:founded|started|established)\b"),
        "overview.founded",
        lambda fact, p: (
            f"{_company(p)} was founded in {_clause(fact)}: which early habits "
            "still shape how teams work today?"
        ),
    ),
    Topic(
        "products",
        _ask(
            r"\bwhat (?:products|services)\b|\bwhat does\b.*\b(?:do|make|sell|offer|build)\b\??$"
            r"|\bwhat are (?:the|your) (?:main |key )?products\b"
        ),
        "overview.key_products",
        lambda fact, p: (
            f"Of {_clause(fact)}, which does this team's work touch most, and how "
            "do you measure that impact?"
        ),
    ),
    Topic(
        "team",
        _ask(
            r"\bhow is the\b.*\bteam\b.*\b(?:structured|organi[sz]ed|set up)\b"
            r"|\bteam (?:structure|composition)\b|\bwho (?:is|would be) on the team\b"
            r"|\bwhich team\b"
        ),
        "role.department",
        lambda fact, p: (
            f"The team sits in {_clause(fact)} — how does it decide what to build "
            "with the teams it serves?"
        ),
    ),
    Topic(
        "reporting",
        _ask(
            r"\bwho (?:would|will|do|does) (?:i|this role|the role) report to\b"
            r"|\breporting (?:line|structure)\b"
        ),
        "role.reporting",
        lambda fact, p: (
            f"I understand the role {_clause(fact)[0].lower()}{_clause(fact)[1:]}: "
            "how does that manager judge success in the first six months?"
        ),
    ),
    Topic(
        "news",
        _ask(
            r"\b(?:any |what(?:'s| is| are)? (?:the )?)?recent (?:news|developments|"
            r"announcements|changes)\b|\bwhat(?:'s| is) new\b"
        ),
        "news",
        lambda fact, p: (
            f"I read that {_clause(fact)[0].lower()}{_clause(fact)[1:]} — how "
            "does it change this team's priorities?"
        ),
    ),
    Topic(
        "values",
        _ask(
            r"\bwhat are (?:the |your |the company'?s )?(?:core )?values\b"
            r"|\bwhat is (?:the |your )?mission\b"
        ),
        "mission.core_values",
        lambda fact, p: (
            f"{_clause(fact)} stands out in your values: how does it show up in "
            "this team's day-to-day decisions?"
        ),
    ),
    Topic(
        "competitors",
        _ask(r"\bwho are (?:your|the) (?:main |biggest )?(?:competitors|competition)\b"),
        "competitors.direct",
        lambda fact, p: (
            f"Against {_clause(fact)}, where does this team's work give {_company(p)} its edge?"
        ),
    ),
    Topic(
        "tech_stack",
        _ask(
            r"\bwhat (?:tech|technology|technologies|stack|tools|languages)\b.*\buse\b"
            r"|\bwhat(?:'s| is) (?:the|your) (?:tech )?stack\b"
        ),
        "tech_stack.languages",
        lambda fact, p: (
            f"You use {_clause(fact)}: what would you change about the stack if "
            "you started again today?"
        ),
    ),
)


def _fact(profile: Profile, path: str) -> tuple[str, str]:
    """The fact at ``path`` as text (the first item of a list), and where it is written."""
    key, name = path.split(".") if "." in path else (path, path)
    section = get_section(key)
    spec = section.field(name)
    value = spec.present(spec.get(profile))
    if not value:
        return "", ""
    if isinstance(value, list):
        first = value[0]
        value = getattr(first, "text", first)
    return str(value), f"{section.title}: {spec.label}"


def already_known(profile: Profile, *, include_dismissed: bool = False) -> list[KnownFlag]:
    """The questions to ask that the profile already answers, in the profile's order."""
    dismissed = set(profile.prep.dismissed_flags)
    flags = []
    for question in profile.prep.questions_to_ask:
        if question in dismissed and not include_dismissed:
            continue
        for topic in TOPICS:
            if not topic.asks.search(question):
                continue
            fact, source = _fact(profile, topic.path)
            if fact:
                follow = topic.follow_up(fact, profile)
                flags.append(KnownFlag(question, topic.name, fact, source, follow))
                break
    return flags


def dismiss(profile: Profile, *, question: str) -> None:
    """Stop flagging ``question`` (the flag said nothing the person did not know)."""
    if question not in profile.prep.dismissed_flags:
        profile.prep.dismissed_flags = [*profile.prep.dismissed_flags, question]
