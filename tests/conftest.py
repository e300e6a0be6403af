"""Shared fixtures: the sample profile, a fixed clock, and tools that must not be skipped in CI."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prep_core.model import Profile

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PATH = ROOT / "data" / "samples" / "netflix.md"
IN_CI = bool(os.environ.get("CI"))


def require_executable(name: str, *alternatives: str) -> str:
    """The path of a program a test needs: skipped without it locally, a failure under CI."""
    for candidate in (name, *alternatives):
        path = shutil.which(candidate)
        if path:
            return path
    message = f"{name} is not installed (CI installs it in .ci/run)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_module(name: str, install: str) -> None:
    """A Python package a test needs: skipped without it locally, a failure under CI."""
    import importlib.util

    if importlib.util.find_spec(name) is not None:
        return
    message = f"{name} is not installed ({install}; CI installs it in .ci/run)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def _sample_json() -> str:
    from prep_core import read_markdown

    return read_markdown(SAMPLE_PATH.read_text(encoding="utf-8")).model_dump_json()


@pytest.fixture
def sample_profile(_sample_json: str) -> Profile:
    """The shipped Netflix sample, parsed once per session, a fresh copy per test."""
    return Profile.model_validate_json(_sample_json)


@pytest.fixture
def fixed_now() -> datetime:
    return datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)
