"""Reader for the JSON storage format: ``read(text) -> Profile``, migrating older schemas.

    schema 1   news, sources and prep.questions were lists of plain strings, and skills rows
               (prep.skill_map) had no ids
    schema 2   every one of those items is an object with a stable ``id``
    schema 3   questions carry their practice ``attempts`` (the current model)

A file without ``schema_version`` is schema 1. A file from a newer schema is refused, never
guessed at: it was written by a newer version of Interview Prep Studio.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from prep_core.errors import InvalidProfile, describe_validation_error
from prep_core.model import SCHEMA_VERSION, Profile, new_id

__all__ = ["MIGRATIONS", "migrate", "read"]


def read(text: str) -> Profile:
    """Parse a profile saved as JSON (any schema up to the current one)."""
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        raise InvalidProfile(
            f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise InvalidProfile("not a profile: JSON nested too deeply") from None
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


# from version n to n+1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", type(None): "null"}.get(type(value), "a number")
