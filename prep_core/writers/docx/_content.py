"""What both Word variants share: table cells in the registry's column order, the yes/no
wording and the "Still to research" list.

What gets printed is ``FieldSpec.present``: "filled" means what it means in the completeness
report, the Markdown and the Anki cards.
"""

from __future__ import annotations

from prep_core.completeness import completeness
from prep_core.model import Profile, SkillRow
from prep_core.sections import YES_NO_LABELS, FieldSpec, Section


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
