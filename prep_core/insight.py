"""What a profile means, computed once: one value every reader of the analysis shares.

``Insight.of(profile, stories, now=...)`` walks the profile once through the analysis modules
(``completeness``, ``coverage``, ``progress``, ``freshness``, ``rounds``) and holds the results:
the coverage matrix and its gaps, the questions about an uncovered must-have, the practice
order, the stale facts and the rounds, which are also the plan's inputs (``Insight.plan``).
The Plan page, the calendar, Practice and the exports all read this one value, so they cannot
disagree about what is a gap: the coverage matrix is built once per (profile, story bank, now).

Writers take an ``Insight`` (``formats.export(..., insight=...)``, computed there when the
caller passed none) and import only its type; the dashboard keeps one per saved revision
(``pages/_ui/state.py``), the CLI builds one per command.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from prep_core.completeness import Report, completeness
from prep_core.coverage import Coverage, coverage, gap_questions, linked_stories, proven_by
from prep_core.freshness import Fact, marked, stale_facts, without_stale
from prep_core.model import Profile, Question, Round, Story
from prep_core.progress import last_attempt_weak, practice_order
from prep_core.rounds import effective_rounds, next_round

if TYPE_CHECKING:
    from prep_core.plan import Plan

__all__ = ["Insight"]


@dataclass(frozen=True, eq=False)
class Insight:
    """The analysis of ``profile`` against the story bank ``stories`` at the time ``now``."""

    profile: Profile
    stories: tuple[Story, ...]  # the story bank it was computed with
    now: datetime  # aware
    completeness: Report
    coverage: Coverage
    gap_questions: frozenset[str]  # ids of questions about an uncovered must-have
    practice_order: tuple[Question, ...]  # weakest first (``progress.practice_order``)
    weak_questions: frozenset[str]  # ids of questions whose last attempt was weak
    stale_facts: tuple[Fact, ...]  # oldest first
    rounds: tuple[Round, ...]  # the effective rounds, in time order
    next_round: Round | None
    linked_stories: tuple[Story, ...]  # the bank's stories this profile uses, bank order
    proves: dict[str, str]  # story id -> the requirement it proves (``coverage.proven_by``)

    @classmethod
    def of(cls, profile: Profile, stories: Iterable[Story] = (), *, now: datetime) -> Insight:
        """The insight of ``profile`` (``stories``: the story bank; ``now``: the clock, a naive
        time taken as UTC)."""
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
        bank = tuple(stories)
        report = coverage(profile, bank)
        gaps = frozenset(gap_questions(profile, bank, report=report))
        return cls(
            profile=profile,
            stories=bank,
            now=now,
            completeness=completeness(profile),
            coverage=report,
            gap_questions=gaps,
            practice_order=tuple(practice_order(profile, gaps=gaps)),
            weak_questions=frozenset(q.id for q in profile.prep.questions if last_attempt_weak(q)),
            stale_facts=tuple(stale_facts(profile, now=now)),
            rounds=tuple(effective_rounds(profile)),
            next_round=next_round(profile, now),
            linked_stories=tuple(linked_stories(profile, bank, report)),
            proves=proven_by(report, bank),
        )

    @cached_property
    def plan(self) -> Plan:
        """The day-by-day plan to the next round (``prep_core.plan``), from this insight."""
        from prep_core.plan import plan

        return plan(self)

    @cached_property
    def marked(self) -> Profile:
        """A copy whose stale facts say "check before quoting", for documents a person reads."""
        return marked(self.profile, now=self.now, stale=self.stale_facts)

    @cached_property
    def without_stale(self) -> Profile:
        """A copy without its stale facts, for flashcards: nothing old gets memorised."""
        return without_stale(self.profile, now=self.now, stale=self.stale_facts)
