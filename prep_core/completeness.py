"""How complete a profile is: per section and overall, and which fields are still empty.

A field counts as filled when it holds a real value; a ``[placeholder]`` never gets that far
(the readers turn it into an empty value). Fields marked ``counts=False`` in the registry (the
job reference, the pasted posting) are optional and left out of the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prep_core.model import Profile
from prep_core.sections import SECTIONS, FieldSpec, Section


@dataclass(frozen=True)
class SectionReport:
    section: Section
    filled: tuple[FieldSpec, ...]
    missing: tuple[FieldSpec, ...]

    @property
    def total(self) -> int:
        return len(self.filled) + len(self.missing)

    @property
    def ratio(self) -> float:
        return len(self.filled) / self.total if self.total else 1.0


@dataclass(frozen=True)
class Report:
    sections: tuple[SectionReport, ...]
    questions: int = 0  # potential questions with text
    answered: int = 0  # of those, with a drafted answer: the rehearsal still to do

    @property
    def filled(self) -> int:
        return sum(len(s.filled) for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def ratio(self) -> float:
        return self.filled / self.total if self.total else 1.0

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)

    def section(self, key: str) -> SectionReport:
        return next(s for s in self.sections if s.section.key == key)

    def missing(self) -> list[tuple[Section, FieldSpec]]:
        """Every counted field still empty, in template order."""
        return [(s.section, spec) for s in self.sections for spec in s.missing]

    def to_dict(self) -> dict[str, Any]:
        return {
            "filled": self.filled,
            "total": self.total,
            "percent": self.percent,
            "questions": self.questions,
            "answered": self.answered,
            "sections": [
                {
                    "key": s.section.key,
                    "title": s.section.title,
                    "filled": len(s.filled),
                    "total": s.total,
                    "missing": [
                        {"field": spec.path, "label": spec.label, "hint": spec.hint}
                        for spec in s.missing
                    ],
                }
                for s in self.sections
            ],
        }


def completeness(profile: Profile) -> Report:
    """The completeness report of ``profile``, section by section in template order."""
    reports = []
    for section in SECTIONS:
        counted = [spec for spec in section.fields if spec.counts]
        filled = tuple(spec for spec in counted if spec.is_filled(profile))
        missing = tuple(spec for spec in counted if spec not in filled)
        reports.append(SectionReport(section, filled, missing))
    asked = [q for q in profile.prep.questions if q.text]
    return Report(tuple(reports), len(asked), sum(bool(q.answer) for q in asked))
