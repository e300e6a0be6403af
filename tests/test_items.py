"""A list typed as text (``prep_core.items``): separators, quotes, duplicates and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prep_core.items import join_items, read_items, split_items, summary


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Java, Scala, Python", ["Java", "Scala", "Python"]),
        ("Java; Scala\nPython\r\nGo", ["Java", "Scala", "Python", "Go"]),
        ("AWS (S3, EC2); GCP", ["AWS (S3, EC2)", "GCP"]),
        ('"a, b", Go', ["a, b", "Go"]),
        ('5" screen, Java', ['5" screen', "Java"]),
        ("  spaced   out ,, ", ["spaced out"]),
        ("", []),
    ],
)
def test_commas_semicolons_and_new_lines_separate_items(text: str, items: list[str]) -> None:
    assert read_items(text).items == items


def test_an_item_typed_twice_is_kept_once_and_named() -> None:
    read = read_items("Java, Go, java, JAVA, Go")
    assert read.items == ["Java", "Go"]
    assert read.repeated == ["Java", "Go"]
    assert "Kept once (typed more than once): \u2068Java\u2069, \u2068Go\u2069." in summary(read)


@pytest.mark.parametrize("text", [", ; ,", ";", "\n,\n", " , "])
def test_separators_only_are_refused_not_saved_as_an_empty_list(text: str) -> None:
    with pytest.raises(ValueError, match="only separators"):
        read_items(text)


def test_a_thousand_items_pasted_at_once() -> None:
    text = ", ".join(f"tool{n}" for n in range(1000))
    read = read_items(text)
    assert len(read.items) == 1000 and read.items[-1] == "tool999"
    said = summary(read)
    assert said.startswith("1000 items: ") and "… and 988 more." in said


def test_a_long_item_is_kept_whole_and_shortened_only_in_the_summary() -> None:
    item = "x" * 5000
    read = read_items(f"{item}, Go")
    assert read.items == [item, "Go"]
    assert len(summary(read)) < 200


def test_emoji_and_right_to_left_items_are_isolated_in_the_summary() -> None:
    read = read_items("🐍 Python, עברית, العربية")
    assert read.items == ["🐍 Python", "עברית", "العربية"]
    assert "\u2068עברית\u2069 · \u2068العربية\u2069" in summary(read)


items_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).map(
    lambda t: " ".join(t.split())
)


@given(st.lists(items_text, max_size=8))
def test_a_list_shown_as_text_reads_back_as_the_same_items(items: list[str]) -> None:
    items = [i for i in items if i and '"' not in i and "(" not in i and ")" not in i]
    unique = list({i.casefold(): i for i in reversed(items)}.values())[::-1]
    assert split_items(join_items(unique)) == unique
