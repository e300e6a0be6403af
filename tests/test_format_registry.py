"""The one registry of formats: readers and writers in rows of one type, loaded on first use."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import prep_core
from prep_core.errors import InvalidProfile
from prep_core.formats import FORMATS, READABLE_SUFFIXES, READERS, WRITERS, reader_for
from prep_core.lazy import load


def test_every_row_names_functions_that_exist():
    for fmt in FORMATS:
        assert fmt.reader or fmt.writer, fmt.name
        if fmt.writer:
            assert "now" in inspect.signature(fmt.write).parameters, fmt.name
        if fmt.reader:
            assert callable(fmt.read) and fmt.suffixes, fmt.name


def test_readers_and_writers_are_the_pandoc_lists():
    assert [f.name for f in WRITERS] == ["md", "json", "docx", "apkg", "ics"]
    assert [f.name for f in READERS] == ["md", "json"]
    assert READABLE_SUFFIXES == (".md", ".markdown", ".txt", ".json")


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.MD", "md"), ("x/notes.txt", "md"), ("b.json", "json")]
)
def test_reader_for_picks_the_format_by_suffix(name, fmt):
    assert reader_for(name).name == fmt


def test_reader_for_an_unknown_suffix_lists_the_readable_ones():
    with pytest.raises(InvalidProfile, match=r"a\.pdf: .*expected one of \.md, \.markdown"):
        reader_for("a.pdf")


def test_type_checking_imports_match_the_lazy_names():
    """Editors read the TYPE_CHECKING block, the package reads _WHERE: they must agree."""
    tree = ast.parse(Path(inspect.getfile(prep_core)).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        alias.asname or alias.name: f"{node.module}:{alias.name}"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == prep_core._WHERE
    assert sorted(imported) == sorted(prep_core.__all__)
    for name, target in imported.items():
        assert getattr(prep_core, name) is load(target), name


def test_no_public_name_is_also_a_submodule():
    """A package attribute named like one of its modules is replaced when that module loads
    (prep_core.completeness was the function until prep_core.completeness was imported)."""
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(prep_core.__path__)}
    assert not modules & set(prep_core.__all__)
