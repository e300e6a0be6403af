"""The page's structure: ``blocks(lines, language) -> list[Block]``, headings, list items, text.

A heading is a line that
- starts with ``#`` (Markdown, or ``<h1>``-``<h6>`` in pasted HTML), or is wholly bold;
- or is short (at most ``MAX_HEADING_WORDS`` words), has no final punctuation (a question mark
  or a trailing "..." is fine), and ends with a colon, is in capitals, names a known section
  ("Qualifications", "Schön wäre", "Wat is vereist?"), comes right before a list (then it may be
  a lead-in such as "Experience with one of"), or stands after a blank line before a paragraph;
- or starts a line with a known section and a colon: "Bonus: experience with Rust".
Inside a run-on line whose breaks were lost, a known heading followed by a colon, a glyph, or a
capitalised word (after a sentence's end, or for a heading of two words or a long one) cuts the
line ("... in Berlin. Requirements: 5+ years ...").

A list item continues on the next line when that line is indented deeper, starts in lower case or
follows an item cut after a joining word ("with", "und"): a hard-wrapped bullet is one item. Text
after a list is a block of its own (``after_list``): a paragraph after a list ends that list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from prep_core.posting.cleanup import LONG_LINE, Line, split_bullets
from prep_core.posting.headings import coverage_of, meaning
from prep_core.posting.languages import language, norm

__all__ = ["MAX_HEADING_WORDS", "Block", "blocks"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_HEADING_WORDS = 8
_RUNON_HEADING_WORDS = 6
_FINAL = ".!;,"  # a heading may be a question ("Wat is vereist?")
_BOLD = re.compile(r"^(\*\*|__)(.+?)\1\s*:?\s*$")
_TOKEN = re.compile(r"\S+")
_JOINERS = _set(
    "with and or of in for to the a an on at by from as mit und oder von in für der die das den "
    "zu im et ou de des du en avec pour la le les y o con del el los las en van met voor het een"
)


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "item" or "text"
    text: str
    strong: bool = False  # a heading marked as one: "#", bold or capitals
    colon: bool = False  # a heading that ends with a colon
    known: str | None = None  # a heading's kind of section, if its wording is known
    runon: bool = False  # text from a line that lost its breaks: cut into sentences
    after_list: bool = False  # text right after a list, under no heading of its own
    depth: int = 0  # an item's nesting (0 = top level)


def blocks(lines: list[Line], lang: str) -> list[Block]:
    lines = _split_runons(lines, lang)
    out: list[Block] = []
    blank = True
    indents: list[int] = []  # the indentation of each open list level
    for index, line in enumerate(lines):
        if not line.text:
            blank = True
            continue
        previous = out[-1] if out else None
        if line.marker:
            heading = _bold_heading(line.text, lang)
            if heading is not None:
                out.append(heading)
                indents = []
            else:
                while indents and line.indent < indents[-1]:
                    indents.pop()
                if not indents or line.indent > indents[-1]:
                    indents.append(line.indent)
                out.append(Block("item", line.text, depth=len(indents) - 1))
            blank = False
            continue
        continued = previous is not None and previous.kind == "item" and not blank
        if continued and _continues(previous, line, lines, index):
            out[-1] = replace(previous, text=f"{previous.text} {line.text}")
            continue
        wrapped = previous is not None and previous.kind == "text" and not blank
        if wrapped and previous.text[-1:] not in ".!?:;" and line.text[:1].islower():
            out[-1] = replace(previous, text=f"{previous.text} {line.text}")  # a wrapped paragraph
            continue
        following = _next(lines, index)
        found = _heading(line, following, lang, after_blank=blank)
        if found is not None:
            out.extend(found)
            indents = []
        else:
            after = previous is not None and previous.kind == "item"
            out.append(Block("text", line.text, runon=line.runon, after_list=after))
        blank = False
    return out


def _paragraph_follows(following: Line | None) -> bool:
    """Whether the next line is a paragraph: a sentence, not the next line of a bare list."""
    if following is None or following.marker:
        return False
    return following.text[-1:] in ".!?:" or len(following.text.split()) > MAX_HEADING_WORDS


def _next(lines: list[Line], index: int) -> Line | None:
    for line in lines[index + 1 : index + 3]:
        if line.text:
            return line
    return None


def _continues(item: Block, line: Line, lines: list[Line], index: int) -> bool:
    """Whether ``line`` (right under ``item``, no blank between) is the item's next line."""
    first = line.text[:1]
    last_word = item.text.rsplit(" ", 1)[-1].lower()
    if first.islower() or first in "(&+":
        return True
    if item.text[-1:] in ",-/(" or last_word in _JOINERS:
        return True
    if item.text[-1:] not in ".!?;:" and line.text[-1:] in ".;," and _item_follows(lines, index):
        return True  # a hard-wrapped item between items: "... an MBA in Business" / "Finance;"
    previous_indent = lines[index - 1].indent if index else 0
    return line.indent > previous_indent and line.indent >= 2


def _item_follows(lines: list[Line], index: int) -> bool:
    following = lines[index + 1] if index + 1 < len(lines) else None
    return following is not None and bool(following.marker)


def _bold_heading(text: str, lang: str) -> Block | None:
    """A list item that is wholly bold and names a section ("- **Requirements**")."""
    bold = _BOLD.match(text)
    if bold is None:
        return None
    title = bold.group(2).strip(" :")
    known = meaning(title, lang)
    return Block("heading", title, strong=True, known=known) if known else None


def _heading(
    line: Line, following: Line | None, lang: str, *, after_blank: bool = False
) -> list[Block] | None:
    """The heading (and the text after its colon) that ``line`` is, or None."""
    text = line.text
    if text.startswith("#"):
        title = text.lstrip("#").strip(" :*_")
        return [Block("heading", title, strong=True, known=meaning(title, lang))] if title else []
    bold = _BOLD.match(text)
    if bold is not None and len(bold.group(2).split()) <= MAX_HEADING_WORDS + 4:
        title = bold.group(2).strip(" :*_")
        return [Block("heading", title, strong=True, known=meaning(title, lang))]
    # "Bonus: experience with Rust": a heading and its first row on one line
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and len(head.split()) <= 5:
        known, share = coverage_of(head, lang)
        if known is not None and share >= 0.6:
            return [
                Block("heading", head.strip(" *_"), colon=True, known=known),
                Block("text", rest.strip(" *_"), runon=len(rest) > LONG_LINE),
            ]
    title = text.strip("*_ ").rstrip(":").strip("*_ ").rstrip(" :")
    if title.endswith(("...", "…")):  # "Ce poste est fait pour vous si ..."
        text = title = title.rstrip(".… ")
    elif title.endswith(".") and len(title.split()) <= 6 and coverage_of(title, lang)[1] >= 0.6:
        text = title = title.rstrip(". ")  # "Wat wij jou te bieden hebben."
    words = title.split()
    question = title.endswith("?")
    if 0 < len(words) <= MAX_HEADING_WORDS and text[-1:] not in _FINAL and len(title) <= 80:
        known, share = coverage_of(title, lang)
        colon = text.rstrip("*_ ").endswith(":")
        letters = [c for c in title if c.isalpha()]
        caps = len(letters) >= 3 and all(c.isupper() for c in letters)
        listed = following is not None and bool(following.marker)
        if known is not None and (share >= 0.5 or (share >= 0.3 and (colon or caps or listed))):
            return [Block("heading", title, strong=caps, colon=colon, known=known)]
        if question and not (listed or colon):
            return None  # "Do you love data?": a sentence of the pitch
        if colon or caps:
            return [Block("heading", title, strong=caps, colon=colon)]
        if listed and len(words) <= 6:
            return [Block("heading", title)]
        if after_blank and _paragraph_follows(following) and title[:1].isupper():
            return [Block("heading", title, strong=True)]  # a bare heading of its own
    return None


# --- lines that lost their breaks ---------------------------------------------------------------


def _split_runons(lines: list[Line], lang: str) -> list[Line]:
    """Lines that lost their breaks cut before the known headings inside them, then before
    their bullets. A long line with neither is a paragraph: one row, as it stands (unless the
    whole posting is a few such lines: then it lost its breaks, and is read by sentences)."""
    lost = sum(1 for line in lines if line.text) < _FEW_LINES
    out: list[Line] = []
    for line in lines:
        if not line.runon:
            out.append(line)
            continue
        pieces: list[Line] = []
        start, marker = 0, line.marker
        for begin, end in _inline_headings(line.text, lang):
            pieces += split_bullets(line.text[start:begin].strip(), line.indent, marker, True)
            marker = ""
            pieces.append(Line("# " + line.text[begin:end].strip().rstrip(":"), line.indent))
            start = end
        pieces += split_bullets(line.text[start:].strip(" :"), line.indent, marker, True)
        if len(pieces) == 1 and not lost:
            pieces = [replace(pieces[0], runon=False)]  # a paragraph
        out += pieces
    return out


_FEW_LINES = 5


def _first(word: str) -> str:
    return word.lower().replace("’", "'").strip(" :*_#|.,;")


@cache
def _first_words(lang: str) -> tuple[list[dict[str, str]], frozenset[str]]:
    tables = [language(lang).headings, language("en").headings]
    return tables, frozenset(wording.split()[0] for table in tables for wording in table)


def _inline_headings(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the known headings inside a run-on line (each followed by a colon, or by a
    capitalised word after a sentence's end). Only capitalised words that can start a heading
    are looked at, each with the few words after it: linear in the line's length."""
    tables, first_words = _first_words(lang)
    spans: list[tuple[int, int]] = []
    resume = 0
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        if start < resume or _first(match.group()) not in first_words:
            continue
        tokens = [
            (m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, start + 200)
        ]
        found = _heading_at(tokens, tables)
        if found is None:
            continue
        end, last = tokens[found - 1][1], tokens[found - 1][2]
        colon = last.rstrip("*_").endswith(":")
        after = tokens[found][2] if found < len(tokens) else ""
        before = text[max(0, start - 2) : start].strip()[-1:]
        sentence_end = not before or before in ".!?:;" or not before.isalnum()
        capital_next = after[:1].isupper() or after[:1].isdigit() or not after[:1].isalnum()
        glyph_next = bool(after) and not after[:1].isalnum() and after[:1] not in "([\"'“«"
        long_word = found == 1 and len(last.strip("*_:#")) >= 8  # "Benefits", "Qualifikation"
        if colon or glyph_next or (capital_next and (sentence_end or found >= 2 or long_word)):
            spans.append((start, end))
            resume = end
    return spans


_CAPITALISED = re.compile(r"(?<!\S)[*_#(\"'“]*[^\W\d_a-zß-ÿ]\S*")


def _heading_at(tokens: list[tuple[int, int, str]], tables: list[dict]) -> int | None:
    """How many of ``tokens`` form a known heading from the first on (the longest), or None."""
    words: list[str] = []
    for token in tokens[:_RUNON_HEADING_WORDS]:
        word = norm(token[2]).strip(" :*_#|")
        if not word:
            break
        words.append(word)
        if token[2].rstrip("*_").endswith(":"):
            break
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size]).strip(".,;")
        if (size >= 2 or len(phrase) >= 6) and any(phrase in table for table in tables):
            return size
    return None
