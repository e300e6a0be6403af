"""A pasted posting made plain lines: ``lines(text) -> list[Line]``.

What is undone, in order (every step is a linear scan; no pattern can backtrack over a long run):
1. Pasted HTML (two or more block tags): ``script``/``style``/``head`` dropped, ``<li>`` a
   bullet, ``<h1>``-``<h6>`` and ``<strong>``/``<b>`` alone in a block a ``#`` heading, other
   block tags line breaks, every other tag removed, entities resolved. Nothing is rendered.
2. Line breaks of every kind, tabs, non-breaking and zero-width spaces; runs of spaces inside a
   line become one (a line's indentation is kept as a number, for nested bullets).
3. PDF hyphenation: "develop-" at a line's end joined with "ment" on the next.
4. Bullet glyphs of every kind (``• ▪ ● ◦ · ‣ ⁃ – — * + ► ▶ ➢ ➤ → ✓ ✔ ■ □ ◆ ❖ ○``), numbers
   ("1.", "2)", "(3)") and letters ("a)", "(b)", "iv.") become ``Line.marker``; a glyph alone on
   its line marks the next line; several glyphs inside one line ("• Python • SQL") cut it.
5. A line over ``LONG_LINE`` characters lost its breaks: cut where they were lost with no space
   ("from usThrough", "counts!)Familiar"); its headings and bullets are cut by ``layout``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from prep_core.errors import PrepError

__all__ = ["LONG_LINE", "MAX_POSTING", "Line", "PostingTooLong", "lines", "split_bullets"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_POSTING = 1_000_000  # characters: 200 KB of pasted HTML fits many times over
LONG_LINE = 300  # characters: a line this long lost its breaks (or is a paragraph)


class PostingTooLong(PrepError):
    """A posting longer than any real one (a pasted file by mistake)."""


@dataclass(frozen=True)
class Line:
    text: str  # without its bullet marker; inner white space folded
    indent: int = 0  # leading spaces (a tab counts four)
    marker: str = ""  # "" (no bullet), "•" (a glyph), "1" (a number), "a" (a letter)
    runon: bool = False  # part of a line so long it must have lost its breaks


# --- HTML ---------------------------------------------------------------------------------------

_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:html|body|div|p|ul|ol|li|h[1-6]|br|span|strong|b|em|section)\b", re.I
)
_DROPPED_ELEMENTS = ("script", "style", "head", "template", "noscript", "svg")
_BLOCK_TAG = re.compile(
    r"<\s*(/?)\s*(li|h[1-6]|p|div|br|tr|ul|ol|section|article|header|footer|table|dt|dd"
    r"|blockquote|hr)\b[^<>]{0,2000}>",
    re.I,
)
_BOLD_TAG = re.compile(r"<\s*(/?)\s*(?:strong|b)\s*>", re.I)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _is_html(text: str) -> bool:
    return len(_HTML_TAG.findall(text[:200_000], 0)) >= 2


def _strip_html(text: str) -> str:
    """Pasted HTML as text with bullets and headings; nothing is rendered."""
    text = _COMMENT.sub(" ", text)
    for name in _DROPPED_ELEMENTS:
        text = _drop_element(text, name)

    def block(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2).lower()
        if name == "li" and not closing:
            return "\n- "
        if name.startswith("h") and name[1:].isdigit():
            return "\n" if closing else "\n# "
        return "\n"

    text = _BLOCK_TAG.sub(block, text)
    text = _BOLD_TAG.sub(lambda m: "**", text)  # a bold line alone is a heading (layout)
    return html.unescape(_ANY_TAG.sub(" ", text))


def _drop_element(text: str, name: str) -> str:
    """``text`` without ``<name ...> ... </name>`` (a linear scan, no backtracking)."""
    lower = text.lower()
    out, pos = [], 0
    while True:
        start = lower.find(f"<{name}", pos)
        if start < 0:
            break
        end = lower.find(f"</{name}", start)
        if end < 0:
            end = len(text)
        close = lower.find(">", end)
        out.append(text[pos:start])
        pos = len(text) if close < 0 else close + 1
    out.append(text[pos:])
    return " ".join(out) if len(out) > 1 else text


# --- bullets ------------------------------------------------------------------------------------

GLYPHS = "•▪●◦·‣⁃–—*+►▶▸➢➤→✓✔✅■□◆◇❖○◉-"
_INLINE_GLYPHS = "•▪●◦‣⁃►▶▸➢➤✓✔✅■□◆◇❖○◉"  # never inside a sentence (unlike "-" or "·")
_MARKER = re.compile(
    r"(?:(?P<glyph>[" + re.escape(GLYPHS) + r"])"
    r"|\(?(?P<number>\d{1,3})[.)]"
    r"|\((?P<letter1>[a-zA-Z]|[ivx]{1,4})\)"
    r"|(?P<letter2>[a-zA-Z]|[ivx]{1,4})[.)])"
    r"(?:\s+|$)"
)


def _marker(text: str) -> tuple[str, str]:
    """``(marker, rest)`` of a line starting with a bullet, number or letter, else ``("", text)``"""
    match = _MARKER.match(text)
    if match is None:
        return "", text
    rest = text[match.end() :]
    if match.group("glyph"):
        if match.group("glyph") in "*-+" and rest.startswith(("*", "_")):
            return "", text  # "**Bold**" or "--" is not a bullet
        return "•", rest
    if match.group("number"):
        return "1", rest  # "3.5 years" or "2026." never match: a list number has a space after
    letter = match.group("letter1") or match.group("letter2")
    if match.group("letter2") and not rest[:1].isalpha():
        return "", text
    if match.group("letter2") and letter.isupper() and text[1:2] == ".":
        return "", text  # "A. Smith", an initial
    return "a", rest


# --- lines --------------------------------------------------------------------------------------

_SPACES = str.maketrans({"\t": "    ", "\xa0": " ", "\u2007": " ", "\u202f": " "})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# C0/C1 controls except tab and newline, and code points XML (and so Word) cannot hold.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_ALNUM = re.compile(r"[^\W_]")
_INLINE_GLYPH = re.compile("[" + _INLINE_GLYPHS + "]")
# Where a run-on line held list items: " - " before a capital, " 2. " or " b) " after a sentence.
_RUNON_ITEM = re.compile(
    r"\s(?=[-–—*]\s[A-ZÄÖÜÉ0-9])|(?<=[.!?;:])\s(?=\(?(?:\d{1,2}|[a-h])[.)]\s[A-ZÄÖÜÉ0-9])"
)
_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")


def lines(text: str) -> list[Line]:
    """The posting's lines, each with its bullet marker apart; blank lines kept as ``Line("")``."""
    if len(text) > MAX_POSTING:
        raise PostingTooLong(
            f"the posting has {len(text):,} characters, more than any job posting "
            f"({MAX_POSTING:,}); paste the posting's text only"
        )
    if _is_html(text):
        text = _strip_html(text)
    text = _BREAKS.sub("\n", text).translate(_SPACES).translate(_INVISIBLE)
    text = _UNPRINTABLE.sub("", text)
    out: list[Line] = []
    pending = ""  # a glyph alone on its line marks the next line
    for raw in _dehyphenate(text.split("\n")):
        indent = len(raw) - len(raw.lstrip(" "))
        body = " ".join(raw.split())
        if len(body) == 1 and body in GLYPHS:
            pending = "•"
            continue
        if not _ALNUM.search(body):
            out.append(Line(""))  # blank, or a rule of dashes or stars: a break, never a row
            continue
        if len(body) > LONG_LINE:
            glued = _unglue(body)
            if len(glued) > 1:  # breaks lost without a space: "... from usThrough being ..."
                for piece in glued:
                    kind = Line(piece, indent, "", runon=True) if len(piece) > LONG_LINE else None
                    out += [kind] if kind else split_bullets(piece, indent)
            else:  # cut at its headings first (layout), then at its bullets
                out.append(Line(body, indent, pending, runon=True))
        else:
            out += split_bullets(body, indent, pending)
        pending = ""
    return out


# Where a line break was lost with no space: a word's end glued to the next line's capital
# ("from usThrough", "counts!)Familiar", "you will gain:experience"). Names written so
# ("JavaScript", "YouTube") are words the glue must not cut: one inner capital after a known
# start.
_GLUE = re.compile(
    r"(?<=[a-zäöüßéèàç]{2}[.!?)])(?=[A-ZÄÖÜ][a-zäöüß])"
    r"|(?<=[a-zäöüßéè][a-zäöüßéè])(?=[A-ZÄÖÜ][a-zäöüß]{2})"
    r"|(?<=[a-z]:)(?!innen\b|in\b)(?=[a-zA-Z])"  # but "Kund:innen" is one word
)
_CAMEL = _set(
    "java type coffee post my power word you linked git face whats pay mac dev fin in bit "
    "drop air hub net sales share work sound one cloud data code fire mongo smart home"
)


def _unglue(line: str) -> list[str]:
    """A line whose breaks were lost with no space, cut where they were."""
    pieces: list[str] = []
    start = 0
    for match in _GLUE.finditer(line):
        cut = match.start()
        word_start = line.rfind(" ", 0, cut) + 1
        head = line[word_start:cut].lower()
        if line[cut - 1 : cut].isalpha() and (head in _CAMEL or len(head) < 2):
            continue  # "JavaScript", "YouTube", "iPhone"
        pieces.append(line[start:cut].strip())
        start = cut
    pieces.append(line[start:].strip())
    return [p for p in pieces if p]


def split_bullets(body: str, indent: int = 0, pending: str = "", runon: bool = False) -> list[Line]:
    """One line's pieces: cut before each inline bullet glyph, each with its marker."""
    out: list[Line] = []
    pieces = _inline_bullets(body)
    if runon:  # a list whose breaks were lost: "... Python - SQL 2. Go"
        pieces = [cut for piece in pieces for cut in _RUNON_ITEM.split(piece) if cut]
    for piece in pieces:
        marker, rest = _marker(piece)
        if rest or marker:
            out.append(Line(rest.strip(), indent, marker or pending, runon))
        pending = ""
    return out


def _dehyphenate(raw: list[str]) -> list[str]:
    """Words a PDF hyphenated at a line's end joined again ("develop-" + "ment ...")."""
    out: list[str] = []
    for line in raw:
        stripped = line.lstrip()
        if (
            out
            and stripped[:1].islower()
            and len(out[-1]) >= 3
            and out[-1].endswith("-")
            and out[-1][-2].isalpha()
            and out[-1][-2].islower()
            and not out[-1].endswith(" -")
            and stripped.split(" ", 1)[0] not in _JOINING_WORDS
        ):
            head = out[-1][:-1]
            word, _, rest = stripped.partition(" ")
            out[-1] = head + word
            if rest:
                out.append(" " * (len(line) - len(stripped)) + rest)
            continue
        out.append(line)
    return out


# "Deutsch- und Englischkenntnisse": a hyphen before these words is no PDF break.
_JOINING_WORDS = _set("und oder sowie and or et ou y o en of")


def _inline_bullets(body: str) -> list[str]:
    """A line holding several bullet glyphs cut before each (one pass over the line)."""
    found = _INLINE_GLYPH.search(body, 1)
    if found is None:
        return [body]
    pieces: list[str] = []
    start = 0
    for index, char in enumerate(body):
        if char in _INLINE_GLYPHS and index > start:
            pieces.append(body[start:index].strip())
            start = index
    pieces.append(body[start:].strip())
    return [p for p in pieces if p]
