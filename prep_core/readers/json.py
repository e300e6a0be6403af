"""Reader for the JSON storage format: ``read(text) -> Profile``, migrating older schemas.

    schema 1   news, sources and prep.questions were lists of plain strings, and skills rows
               (prep.skill_map) had no ids
    schema 2   every one of those items is an object with a stable ``id``
    schema 3   questions carry their practice ``attempts``
    schema 4   the posting's ``requirements``, ``Question.story_id``,
               ``SkillRow.requirement_id`` and ``Prep.dismissed_flags`` (issue 12)
    schema 5   interview ``rounds`` (``interview_date`` stays the headline)
    schema 6   a requirement's ``language`` ("" for the rows saved before: the posting's
               language is used for them)
    schema 7   ``mock_rounds``: the mock rounds done, each question's checks and follow-up

A file without ``schema_version`` is schema 1. A file from a newer schema is refused, never
guessed at: it was written by a newer version of Interview Prep Studio.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from functools import partial
from typing import Any

from pydantic import ValidationError

from prep_core.errors import InvalidProfile, PrepWarning, describe_validation_error
from prep_core.model import SCHEMA_VERSION, Profile, new_id

__all__ = ["MIGRATIONS", "DuplicateKeys", "migrate", "read"]


# A list or object costs json.loads about a hundred bytes however short it is written; a profile
# with 200 questions has about 900 of them.
MAX_CONTAINERS = 50_000


class DuplicateKeys(PrepWarning):
    """A JSON object names one key twice: the last value wins, as in every JSON parser."""


def _object(duplicates: list[str], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            duplicates.append(key)
        result[key] = value
    return result


def read(text: str, *, notes: list[str] | None = None) -> Profile:
    """Parse a profile saved as JSON (any schema up to the current one).

    What the user should know about a file that still loads (a key given twice) is added to
    ``notes``, or issued as a ``DuplicateKeys`` warning when no list is given.
    """
    containers = text.count("[") + text.count("{")  # an upper bound: brackets in text count too
    if containers > MAX_CONTAINERS:
        raise InvalidProfile(
            f"more than {MAX_CONTAINERS:,} JSON lists and objects, more than a profile can have"
        )
    duplicates: list[str] = []
    try:
        data = json.loads(
            text.removeprefix("\ufeff"), object_pairs_hook=partial(_object, duplicates)
        )
    except json.JSONDecodeError as error:
        raise InvalidProfile(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise InvalidProfile("not a profile: JSON nested too deeply") from None
    except ValueError as error:  # a number too long to convert (over 4,300 digits)
        raise InvalidProfile(f"not a profile: {str(error).split(':')[0]}") from None
    if duplicates:
        names = ", ".join(repr(key) for key in dict.fromkeys(duplicates))
        plural = "s" if len(set(duplicates)) > 1 else ""
        note = f"duplicate key{plural} {names}: the last value was used"
        if notes is None:
            warnings.warn(note, DuplicateKeys, stacklevel=2)
        else:
            notes.append(note)
    if not isinstance(data, dict):
        raise InvalidProfile(f"not a profile: expected a JSON object, found {_kind(data)}")
    data = migrate(data)
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise InvalidProfile(describe_validation_error(error)) from None


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` brought up to the current schema (a new dict; the input is left as it is)."""
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidProfile(f"schema_version must be a whole number from 1, not {version!r}")
    if version > SCHEMA_VERSION:
        raise InvalidProfile(
            f"written by a newer version of Interview Prep Studio (schema {version}); "
            f"this version reads schema {SCHEMA_VERSION} and older"
        )
    data = json.loads(json.dumps(data))  # a deep copy: migrations change it in place
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def _v1_to_v2(data: dict[str, Any]) -> None:
    """Plain-string news, sources and questions become objects; every item gets a fresh id."""
    prep = data.get("prep")
    prep = prep if isinstance(prep, dict) else {}
    for items, make in (
        (data.get("news"), lambda s: {"text": s}),
        (data.get("sources"), _source),
        (prep.get("questions"), lambda s: {"text": s}),
        (prep.get("skill_map"), None),
    ):
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, str) and make is not None:
                items[i] = item = make(item)
            if isinstance(item, dict):
                item.setdefault("id", new_id())


def _source(text: str) -> dict[str, str]:
    looks_like_url = text.strip().lower().startswith(("http://", "https://"))
    return {"url": text} if looks_like_url else {"title": text}


def _v2_to_v3(data: dict[str, Any]) -> None:
    """Questions gain practice attempts: none yet."""
    prep = data.get("prep")
    questions = prep.get("questions") if isinstance(prep, dict) else None
    for question in questions if isinstance(questions, list) else []:
        if isinstance(question, dict):
            question.setdefault("attempts", [])


def _v3_to_v4(data: dict[str, Any]) -> None:
    """Fit (issue 12): no requirements yet, no question tells a story, no skills row answers a
    requirement. Self-contained, so it can be renumbered when schemas are merged."""
    data.setdefault("requirements", [])
    prep = data.get("prep")
    prep = prep if isinstance(prep, dict) else {}
    if "prep" in data and isinstance(prep, dict):
        prep.setdefault("dismissed_flags", [])
    for key, link in (("questions", "story_id"), ("skill_map", "requirement_id")):
        items = prep.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                item.setdefault(link, "")


def _v4_to_v5(data: dict[str, Any]) -> None:
    """Profiles gain interview rounds: none yet (an ``interview_date`` alone means one round)."""
    data.setdefault("rounds", [])


def _v5_to_v6(data: dict[str, Any]) -> None:
    """Requirements gain their language: not known for the rows saved before ("")."""
    rows = data.get("requirements")
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict):
            row.setdefault("language", "")


def _v6_to_v7(data: dict[str, Any]) -> None:
    """Profiles gain mock rounds: none done yet."""
    data.setdefault("mock_rounds", [])


# from version n to n+1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
}


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", type(None): "null"}.get(type(value), "a number")
