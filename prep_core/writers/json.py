"""Writer for the JSON storage format: everything in the profile, exactly as the model holds it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prep_core.model import Profile


def write(profile: Profile, *, now: datetime | None = None, **_: Any) -> str:
    """The profile as indented JSON with a final newline; ``now`` is unused (nothing is dated)."""
    return profile.model_dump_json(indent=2) + "\n"
