"""The question bank as a list: one numbering, the filters, and a question's one-line summary.

A question's number is its place in the bank (1 for the first), whatever filter is on: the
Interview Preparation page, Practice and ``prep practice --question N`` all count this way.
"""

from __future__ import annotations

from collections.abc import Iterable

from prep_core.model import Question

ANY_CATEGORY = "*"  # the category filter's "all categories"


def numbered(questions: Iterable[Question]) -> list[tuple[int, Question]]:
    """Each question with its number in the bank: its place, counted from 1."""
    return list(enumerate(questions, start=1))


def matching(
    questions: Iterable[Question], category: str = ANY_CATEGORY, *, undrafted: bool = False
) -> list[tuple[int, Question]]:
    """The numbered questions of ``category`` (``ANY_CATEGORY`` for all; "" is "not set"), and
    with ``undrafted`` only those without a drafted answer yet."""
    return [
        (n, q)
        for n, q in numbered(questions)
        if (category == ANY_CATEGORY or q.category == category)
        and not (undrafted and q.answer.strip())
    ]


def count_text(questions: list[Question]) -> str:
    """'1 question, 0 with a drafted answer'."""
    drafted = sum(bool(q.answer.strip()) for q in questions)
    return f"{plural(len(questions), 'question')}, {drafted} with a drafted answer"


def plural(count: int, noun: str) -> str:
    """'1 question', '2 questions'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def first_line(text: str, width: int = 90) -> str:
    """The first non-blank line of ``text``, cut to ``width`` characters."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def summary(question: Question, width: int = 90) -> str:
    """'Motivation · confidence 4 of 5 · Because I have watched…', or '… · not drafted yet'."""
    parts = [question.category.capitalize() or "No category"]
    if question.confidence:
        parts.append(f"confidence {question.confidence} of 5")
    parts.append(first_line(question.answer, width) or "not drafted yet")
    return " · ".join(parts)
