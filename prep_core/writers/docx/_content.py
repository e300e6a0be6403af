"""What both Word variants share: table cells in the registry's column order, the yes/no
wording and the "Still to research" list.

What gets printed is ``FieldSpec.present``: "filled" means what it means in the completeness
report, the Markdown and the Anki cards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prep_core.model import Question, SkillRow
from prep_core.sections import YES_NO_LABELS, FieldSpec, Section

if TYPE_CHECKING:
    from prep_core.insight import Insight

WEAK_MARK = "(weak: rehearse)"
PRACTICE_HEADER = ("Question", "Attempts", "Last rating", "Last attempt")


def table_rows(spec: FieldSpec, rows: list[SkillRow]) -> list[tuple[str, ...]]:
    """A table field's rows as cell texts, in the registry's column order."""
    return [tuple(getattr(row, column.name) for column in spec.columns) for row in rows]


def table_header(spec: FieldSpec) -> tuple[str, ...]:
    return tuple(column.label for column in spec.columns)


def still_to_research(insight: Insight) -> list[tuple[Section, list[FieldSpec]]]:
    """The counted fields the completeness report calls missing, grouped by section."""
    groups: dict[str, tuple[Section, list[FieldSpec]]] = {}
    for section, spec in insight.completeness.missing():
        groups.setdefault(section.key, (section, []))[1].append(spec)
    return list(groups.values())


def yes_no(value: str) -> str:
    return YES_NO_LABELS[value]


def practice_rows(questions: list[Question]) -> list[tuple[str, ...]]:
    """The practice log: one row per practised question (numbered as in the dossier), with its
    attempts, last self-rating and whether the last attempt was weak. Empty: nothing practised.
    """
    rows = []
    for number, question in enumerate(questions, 1):
        if not question.attempts:
            continue
        rating = question.attempts[-1].rating
        rows.append(
            (
                f"Q{number}. {question.text}",
                str(len(question.attempts)),
                f"{rating}/5" if rating else "not rated",
                "weak: rehearse" if _last_weak(question) else "rehearsed",
            )
        )
    return rows


def weak_questions(questions: list[Question]) -> list[str]:
    """The questions whose last practice attempt was weak, marked for the cheat sheet."""
    return [f"{q.text} {WEAK_MARK}" for q in questions if _last_weak(q)]


def _last_weak(question: Question) -> bool:
    """The model's own record: the question's last practice attempt was weak."""
    return bool(question.attempts) and question.attempts[-1].weak
