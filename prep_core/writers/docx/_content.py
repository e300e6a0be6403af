"""What of a profile gets printed: field values with empties and ``[placeholders]`` left out.

Both Word variants ask this module, so "filled" means the same in the dossier, the cheat sheet
and its "Still to research" checklist.
"""

from __future__ import annotations

from typing import Any

from prep_core.completeness import completeness
from prep_core.model import Profile
from prep_core.sections import SECTIONS, FieldSpec, Section
from prep_core.writers.docx._builder import is_placeholder

SKILL_COLUMNS = ("Your skill / experience", "Their requirement", "Talking point")


def present(spec: FieldSpec, profile: Profile) -> Any:
    """The printable value of ``spec`` in ``profile``, or None when nothing real is there."""
    value = spec.get(profile)
    kind = spec.kind
    if kind in ("line", "text"):
        return value if value and not is_placeholder(value) else None
    if kind == "date":
        return value
    if kind == "yesno":
        return None if value == "unknown" else value
    if kind in ("list", "inline_list"):
        return [item for item in value if item and not is_placeholder(item)] or None
    if kind == "news":
        return [n for n in value if (n.text and not is_placeholder(n.text)) or n.url] or None
    if kind == "skills":
        return [row for row in value if not row.is_blank()] or None
    if kind == "questions":
        return [q for q in value if q.text or q.answer] or None
    if kind == "sources":
        return [s for s in value if s.title or s.url] or None
    raise ValueError(f"no Word rendering for field kind {kind!r}")


def text_of(value: str) -> str:
    """A table cell's text: a stray placeholder is shown as empty, not as content."""
    return "" if is_placeholder(value) else value


def still_to_research(profile: Profile) -> list[tuple[Section, list[FieldSpec]]]:
    """Counted fields with nothing printable, grouped by section in template order.

    That is what the completeness report calls missing, plus any field that holds only a
    leftover ``[placeholder]`` (a reader should have emptied it, but the writer never prints one).
    """
    missing = {spec.path for _, spec in completeness(profile).missing()}
    groups = []
    for section in SECTIONS:
        specs = [
            spec
            for spec in section.fields
            if spec.counts and (spec.path in missing or present(spec, profile) is None)
        ]
        if specs:
            groups.append((section, specs))
    return groups


def yes_no(value: str) -> str:
    return {"yes": "Yes", "no": "No"}.get(value, value)
