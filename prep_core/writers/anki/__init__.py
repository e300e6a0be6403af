"""Conversion of a profile to an Anki package (.apkg): flashcards to drill with spaced repetition.

``write`` is the entry point the format registry calls. The parts: ``_cards`` (which cards a
profile gives, in plain text) and ``_package`` (how genanki packs them, with stable ids so a
re-import updates the notes instead of duplicating them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from prep_core.model import Profile
from prep_core.writers.anki._cards import NO_ANSWER, Card, build_cards, weak_tag
from prep_core.writers.anki._package import (
    FIELDS,
    MODEL_ID,
    PREP_MODEL,
    build_package,
    deck_id,
    note_guid,
    package_bytes,
    profile_deck_name,
    section_deck_name,
)

if TYPE_CHECKING:
    from prep_core.insight import Insight

__all__ = [
    "FIELDS",
    "MODEL_ID",
    "NO_ANSWER",
    "PREP_MODEL",
    "Card",
    "build_cards",
    "build_package",
    "deck_id",
    "note_guid",
    "package_bytes",
    "profile_deck_name",
    "section_deck_name",
    "weak_tag",
    "write",
]


def write(
    profile: Profile,
    *,
    now: datetime,
    insight: Insight,
    sections: Sequence[str] | None = None,
) -> bytes:
    """The .apkg bytes of the profile's deck; ``sections`` picks registry sections (default all).

    ``insight`` is the profile's analysis: its stale facts are left out (nothing old gets
    memorised), its weak and gap questions come first, and the story bank's stories the profile
    uses become one card each in the Interview Preparation deck (the title and the requirement
    it proves, then the STAR).

    ``now`` stamps every note, so the same call gives the same bytes, and a later ``now``
    makes Anki treat the file as newer and update the notes it already has.
    """
    cards = build_cards(insight.without_stale, sections, insight=insight)  # nothing old
    package = build_package(profile, cards)
    return package_bytes(package, timestamp=now.timestamp())
