"""The package's public surface: what ``prep_core`` exports, loaded on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import prep_core


def _isort_order(name: str) -> tuple[int, str]:
    """Constants, then classes, then functions (ruff's RUF022 order)."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_names_only_what_resolves():
    assert prep_core.__all__ == sorted(prep_core.__all__, key=_isort_order)
    for name in prep_core.__all__:
        assert getattr(prep_core, name) is not None, name


def test_the_public_api_contracts_are_there():
    """ARCHITECTURE.md ("The public API"): read_markdown, write_markdown, load_file, export
    and FORMATS."""
    profile = prep_core.read_markdown("# Company Profile: Acme\n")
    assert profile.company == "Acme"
    assert prep_core.write_markdown(profile).startswith("# Company Profile: Acme\n")
    assert [f.name for f in prep_core.FORMATS] == ["md", "json", "docx", "apkg", "ics"]
    assert prep_core.export(profile, "md").decode().startswith("# Company Profile: Acme")


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        prep_core.nope  # noqa: B018


def test_importing_the_package_loads_no_reader_or_writer():
    code = (
        "import sys, prep_core\n"
        "print(sorted(m for m in sys.modules if m.startswith(('prep_core.', 'markdown_it',"
        " 'docx', 'genanki', 'streamlit'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
