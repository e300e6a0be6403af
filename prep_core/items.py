"""A list typed as text: "Java, Scala; Python" and one item per line are the same three items.

Tag fields (Technology Stack, competitors, a story's tags) are one text field each, so a list is
typed and pasted at the speed of typing. Commas, semicolons and new lines separate items, except
inside parentheses ("AWS (S3, EC2)" is one item) or double quotes; an item typed twice is kept
once, and the person is told. Standard library only: the pages and the CLI can both use it.
"""

from __future__ import annotations

from dataclasses import dataclass

SHOWN = 12  # items named in the summary under a field; the rest are counted


@dataclass(frozen=True)
class ItemsRead:
    items: list[str]  # in the order typed, each once
    repeated: list[str]  # items typed more than once (kept once), as first typed


def split_items(text: str) -> list[str]:
    """The items of ``text``, split on commas, semicolons and new lines outside parentheses and
    double quotes; a quoted item ("a, b") is one item, without its quotes."""
    parts: list[str] = []
    depth = start = 0
    quoted = False
    for i, char in enumerate(text):
        if char == '"' and (quoted or not text[start:i].strip()):  # opens only an item
            quoted = not quoted
        elif char in "\n\r":  # a new line always ends an item, even an unclosed quote
            quoted = False
            depth = 0
            parts.append(text[start:i])
            start = i + 1
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in ",;" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [item for item in map(_unquote, parts) if item]


def _unquote(part: str) -> str:
    part = " ".join(part.split())
    if len(part) >= 2 and part[0] == part[-1] == '"':
        part = " ".join(part[1:-1].split())
    return part


def read_items(text: str) -> ItemsRead:
    """The items of ``text``, each kept once (case and spacing ignored when comparing).

    Raises ``ValueError`` for text that holds separators and nothing else (", ; ,"): saving it
    would empty the list by accident. Empty text is an empty list.
    """
    kept: dict[str, str] = {}  # casefolded item -> the item as first typed
    repeated: list[str] = []
    for item in split_items(text):
        first = kept.setdefault(item.casefold(), item)
        if first is not item and first not in repeated:
            repeated.append(first)
    items = list(kept.values())
    if not items and text.strip():
        raise ValueError(
            "only separators were typed, so there is no item to save: type the items between"
            " commas, semicolons or new lines, or clear the field to empty the list"
        )
    return ItemsRead(items, repeated)


def join_items(items: list[str]) -> str:
    """How a list is shown in its text field: the items separated by commas, an item that
    would split ("a, b") in double quotes, so saving the text again gives the same items."""
    return ", ".join(item if split_items(item) == [item] else f'"{item}"' for item in items)


def summary(read: ItemsRead, *, width: int = 60) -> str:
    """What was read, in words: '3 items: Java · Scala · Python. Kept once: Java (typed twice).'

    Each item is cut to ``width`` characters and isolated (U+2068 … U+2069) so right-to-left
    text does not reorder the items around it. Plain text: the caller escapes it for Markdown.
    """
    if not read.items:
        return "No items yet: separate them with commas, semicolons or new lines."
    count = len(read.items)
    named = " · ".join(_shown(item, width) for item in read.items[:SHOWN])
    more = f" … and {count - SHOWN} more" if count > SHOWN else ""
    text = f"{count} {'item' if count == 1 else 'items'}: {named}{more}."
    if read.repeated:
        again = ", ".join(_shown(item, width) for item in read.repeated[:SHOWN])
        text += f" Kept once (typed more than once): {again}."
    return text


def _shown(item: str, width: int) -> str:
    cut = item if len(item) <= width else item[: width - 1] + "…"
    return f"\u2068{cut}\u2069"
