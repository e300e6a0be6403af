"""Shared fixtures: the sample profile, a fixed clock, and tools that must not be skipped in CI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from prep_core.model import Profile

if TYPE_CHECKING:
    from prep_core.store import Store

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


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """For dashboard tests: a data folder and an exports folder of the test's own, and AppTest
    runs that never use the legacy ``pages/`` mode (test files of the store and the CLI have a
    ``store`` of their own)."""
    import pages._ui.export as export_ui
    from prep_core.store import Store
    from tests.app_harness import v2_pages

    monkeypatch.setenv("PREP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(export_ui, "EXPORTS_DIR", tmp_path / "exports")
    with v2_pages():
        yield Store(tmp_path / "data")
