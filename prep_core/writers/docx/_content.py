"""What both Word variants share: table cells in the registry's column order, the yes/no
wording and the "Still to research" list.

What gets printed is ``FieldSpec.present``: "filled" means what it means in the completeness
report, the Markdown and the Anki cards.
"""

from __future__ import annotations

from prep_core.completeness import completeness
from prep_core.model import Profile, Question, SkillRow
from prep_core.progress import last_attempt_weak
from prep_core.sections import YES_NO_LABELS, FieldSpec, Section

WEAK_MARK = "(weak: rehearse)"
PRACTICE_HEADER = ("Question", "Attempts", "Last rating", "Last attempt")


def table_rows(spec: FieldSpec, rows: list[SkillRow]) -> list[tuple[str, ...]]:
    """A table field's rows as cell texts, in the registry's column order."""
    return [tuple(getattr(row, column.name) for column in spec.columns) for row in rows]


def table_header(spec: FieldSpec) -> tuple[str, ...]:
    return tuple(column.label for column in spec.columns)


def still_to_research(profile: Profile) -> list[tuple[Section, list[FieldSpec]]]:
    """The counted fields the completeness report calls missing, grouped by section."""
    groups: dict[str, tuple[Section, list[FieldSpec]]] = {}
    for section, spec in completeness(profile).missing():
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
                "weak: rehearse" if last_attempt_weak(question) else "rehearsed",
            )
        )
    return rows


def weak_questions(questions: list[Question]) -> list[str]:
    """The questions whose last practice attempt was weak, marked for the cheat sheet."""
    return [f"{q.text} {WEAK_MARK}" for q in questions if last_attempt_weak(q)]
