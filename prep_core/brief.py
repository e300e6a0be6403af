"""What to carry into one round: the one-page brief, and what each kind of round is about.

``FOCUS`` is what a kind of round tests (a recruiter screen: the pitch, motivation, salary and
notice, logistics, the process), shared by the brief, the cheat sheet and the plan. ``brief``
gathers, for one round: when and where, who (name, role, the person's private note), the
must-haves to prove there with the story or answer that proves each (at most ``MAX_STORIES``
stories), the facts that are still fresh, and the questions to ask minus those the research
already answers (``known.already_known``). The Word writer lays it out on one page; the limits
below keep it there whatever the profile holds (50 interviewers, a 10,000-character note).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from prep_core.coverage import Coverage, coverage
from prep_core.freshness import Fact, dated_facts, stale_facts
from prep_core.known import already_known
from prep_core.model import Interviewer, Profile, Round, Story

__all__ = [
    "FOCUS",
    "Brief",
    "Proof",
    "brief",
    "fresh_facts",
    "questions_worth_asking",
    "round_when",
]

MAX_STORIES = 3
MAX_PROOFS = 6
MAX_PEOPLE = 8
MAX_FACTS = 4
MAX_QUESTIONS = 5
NOTE_CHARS = 120  # a person, a requirement, a question: one line or two at most
ROLE_CHARS = 60
TEXT_CHARS = 110

# What each kind of round is about: the brief's checklist and the plan's items for that round.
_SCREEN = (
    "Your 60-second pitch: who you are, what you do best, why this role",
    "Why this company: one reason from their product, one from their values",
    "Salary expectations and notice period: your number and your date, said plainly",
    "Logistics: availability, location or remote, the format of the next rounds",
    "Questions about the process: the next steps, who you will meet, when they decide",
)
_TECHNICAL = (
    "The must-haves, each with a concrete example",
    "Your technical answers, out loud and against the clock",
)
_DESIGN = (
    "The must-haves, each with a system you built or would build",
    "A design walk-through: requirements, the data, the trade-offs, what fails first",
)
_BEHAVIORAL = (
    "A STAR story for each must-have: the situation, your action, the result",
    "Your weakest behavioral answers, once more",
)
_PANEL = ("Who you will meet: their roles, and what each cares about",)
FOCUS: dict[str, tuple[str, ...]] = {
    "recruiter_screen": _SCREEN,
    "technical": _TECHNICAL,
    "system_design": _DESIGN,
    "behavioral": _BEHAVIORAL,
    "onsite": _TECHNICAL + _BEHAVIORAL[:1] + _PANEL,
    "final": _SCREEN[1:2] + _BEHAVIORAL[:1] + _PANEL,
    "interview": _TECHNICAL + _BEHAVIORAL[:1],
    "other": _TECHNICAL[:1] + _BEHAVIORAL[:1],
}
NO_MUST_HAVES = {"recruiter_screen"}  # a screen checks fit and logistics, not the must-haves


@dataclass(frozen=True)
class Proof:
    """A must-have to prove in the round, and what proves it ("" when nothing does yet)."""

    requirement: str
    story: str = ""  # a story's title
    answer: str = ""  # a drafted answer's question
    started: bool = False  # nothing proves it, but a proof is begun (coverage's "in progress")

    @property
    def text(self) -> str:
        if self.story:
            return f"story: {self.story}"
        if self.answer:
            return f"answer: {self.answer}"
        if self.started:
            return "in progress: finish its proof on the Fit page"
        return "nothing proves it yet: see the Fit page"


@dataclass(frozen=True)
class Brief:
    round: Round
    number: int  # from 1, in time order
    when: str
    where: str
    people: tuple[Interviewer, ...]  # the first MAX_PEOPLE named ones
    more_people: int
    focus: tuple[str, ...]
    proofs: tuple[Proof, ...]
    more_proofs: int
    facts: tuple[Fact, ...]  # fresh ones only, newest first
    questions: tuple[str, ...]  # to ask, minus those the research already answers


def round_when(item: Round) -> str:
    """ "Thursday 3 December 2026, 14:30–15:15 (Europe/Paris)", or "…, all day"."""
    day = f"{item.day:%A} {item.day.day} {item.day:%B %Y}"
    if item.all_day:
        return f"{day}, all day"
    return f"{day}, {item.start():%H:%M}–{item.end():%H:%M} ({item.timezone})"


def fresh_facts(profile: Profile, stale: Iterable[Fact]) -> list[Fact]:
    """The dated facts that are not ``stale``, newest first (undated ones last)."""
    old = {fact.key for fact in stale}
    fresh = [f for f in dated_facts(profile) if f.key not in old]
    return sorted(fresh, key=lambda f: (f.as_of is None, -(f.as_of.toordinal() if f.as_of else 0)))


def questions_worth_asking(profile: Profile) -> list[str]:
    """The questions to ask, minus those the profile's research already answers."""
    known = {flag.question for flag in already_known(profile)}
    return [q for q in profile.prep.questions_to_ask if q not in known]


def brief(
    profile: Profile,
    item: Round,
    *,
    now: datetime,
    stories: Iterable[Story] = (),
    matrix: Coverage | None = None,
    stale: Iterable[Fact] | None = None,
) -> Brief:
    """The brief of round ``item`` of ``profile`` at ``now``. ``stories``: the story bank;
    ``matrix`` and ``stale``: the coverage matrix and stale facts when already computed."""
    stories = list(stories)
    rounds = sorted(profile.rounds, key=lambda r: (r.start(), r.id)) or [item]
    number = next((n for n, r in enumerate(rounds, 1) if r.id == item.id), 1)
    named = [p for p in item.interviewers if p.name]
    proofs = [] if item.kind in NO_MUST_HAVES else _proofs(profile, stories, matrix)
    fresh = fresh_facts(profile, stale_facts(profile, now=now) if stale is None else stale)
    return Brief(
        round=item,
        number=number,
        when=round_when(item),
        where=item.location,
        people=tuple(
            p.model_copy(
                update={"role": _short(p.role, ROLE_CHARS), "note": _short(p.note, NOTE_CHARS)}
            )
            for p in named[:MAX_PEOPLE]
        ),
        more_people=max(0, len(named) - MAX_PEOPLE),
        focus=FOCUS[item.kind],
        proofs=tuple(proofs[:MAX_PROOFS]),
        more_proofs=max(0, len(proofs) - MAX_PROOFS),
        facts=tuple(fresh[:MAX_FACTS]),
        questions=tuple(_short(q, TEXT_CHARS) for q in questions_worth_asking(profile))[
            :MAX_QUESTIONS
        ],
    )


def _proofs(profile: Profile, stories: list[Story], matrix: Coverage | None) -> list[Proof]:
    """Each must-have with a story (while fewer than ``MAX_STORIES`` are used), else an answer;
    the ones nothing proves first, as they need the most work."""
    matrix = matrix or coverage(profile, stories)
    titles = {s.id: s.title or s.situation for s in stories}
    questions = {q.id: q.text for q in profile.prep.questions}
    used: list[str] = []
    proofs = []
    for row in (r for r in matrix.requirements if r.kind == "must"):
        story = next((s for s in row.stories if s in used), "")
        if not story and len(used) < MAX_STORIES:
            story = next(iter(row.stories), "")
            used += [story] if story else []
        answer = "" if story else next(iter(row.answers), "")
        proofs.append(
            Proof(
                _short(row.text, TEXT_CHARS),
                _short(titles.get(story, ""), TEXT_CHARS),
                _short(questions.get(answer, ""), TEXT_CHARS),
                started=row.state == "in progress",
            )
        )
    return sorted(proofs, key=lambda p: bool(p.story or p.answer))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
