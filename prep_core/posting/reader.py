"""A posting read: ``read(text) -> Reading``, its requirement rows, language and notes.

The steps, each its own module: ``cleanup`` (plain lines), ``languages.detect``, ``layout``
(headings, items, text), ``headings`` (what a heading means), ``kinds`` (a row's kind when the
heading does not say), ``terms``. Which lines become rows:
- an item or a line under a must-have, nice-to-have or responsibility heading; under a "role"
  heading, a line by its cue wording; under a heading of no known meaning ("Additional
  information"), only list items that open as duties do ("Write and test code"); under any
  other heading (intro, benefits, salary, legal, how to apply, hiring process, tech stack,
  contact), none;
- none of: text before the first heading (the title, the company), a paragraph after a list
  (it ends the list), the paragraphs that lead into a list (its pitch), a lead-in ending in a
  colon (whose wording may give its list's kind: "Ideally you have:"), a line with an e-mail
  address or a bare link (how to apply);
- a posting with no requirement heading at all: every sentence by its cue wording (and the
  reading says so in its ``notes``, so the Fit page can tell the person to check the kinds).
A line that lost its breaks is cut into sentences; any other line is one row, never longer than
itself.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from prep_core.model import MAX_TEXT, Requirement
from prep_core.posting import cleanup, kinds, layout
from prep_core.posting.headings import NOT_ROWS, REQUIREMENT_KINDS
from prep_core.posting.languages import detect
from prep_core.posting.terms import MAX_TERMS, terms_of

__all__ = ["MAX_ROWS", "NO_HEADINGS", "NO_REQUIREMENT_HEADINGS", "Reading", "read"]

MAX_ROWS = 500  # requirement rows: more than any posting has (a profile holds MAX_ITEMS)
NO_HEADINGS = (
    "no headings were found in the posting, so each sentence was read by its wording alone: "
    "check the kinds on the Requirements tab"
)
NO_REQUIREMENT_HEADINGS = (
    "no heading of the posting names its requirements or duties, so each sentence was read by "
    "its wording alone: check the kinds on the Requirements tab"
)

_SENTENCE = re.compile(r"(?<=[.!?])\s(?=[A-ZÄÖÜÉÈÀÁÍÓÚÑ0-9(\"“¿¡])")
# In a line that lost its breaks, "you" written with a capital inside a sentence starts a new
# line: "... visuelle Konzepte Du entwickelst ...".
_YOU = re.compile(r"(?<=[\w)])\s(?=(?:Du|You|Vous|Tu|Jij|Je|Tú)\s[a-zäöüéèêàçñ])")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}|^<?(?:https?://|www\.)\S+$")
_MD_MARKS = re.compile(r"\*\*|__|`|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


@dataclass(frozen=True)
class Reading:
    requirements: list[Requirement]
    language: str  # "en", "de", "fr", "es" or "nl"
    headings: int  # how many headings were found
    notes: tuple[str, ...] = ()  # what the person should know about how it was read


def read(text: str) -> Reading:
    """The posting's requirement rows, in its order, each with its kind, language and terms."""
    lines = cleanup.lines(text)
    lang = detect(" ".join(line.text for line in lines[:2_000]))
    blocks = layout.blocks(lines, lang)
    headings = [b for b in blocks if b.kind == "heading"]
    notes: list[str] = []
    if any(b.known in (*REQUIREMENT_KINDS, "role") for b in headings):
        rows = _by_headings(blocks, lang)
    else:
        rows = _by_cues(blocks, lang)
        if any(b.kind != "heading" for b in blocks):
            notes.append(NO_REQUIREMENT_HEADINGS if headings else NO_HEADINGS)
    rows = [(kind, row) for kind, row in rows if any(ch.isalnum() for ch in row)]
    if len(rows) > MAX_ROWS:
        notes.append(
            f"the posting has {len(rows):,} requirement lines; the first {MAX_ROWS:,} were kept"
        )
        rows = rows[:MAX_ROWS]
    out: list[Requirement] = []
    seen: dict[str, int] = {}
    many_terms = False
    for kind, row in rows:
        if len(row) > MAX_TEXT:
            notes.append(f"a line of {len(row):,} characters was cut to {MAX_TEXT:,}")
            row = row[:MAX_TEXT]
        key = f"{kind}\n{row.lower()}"
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha1(f"{key}\n{seen[key]}".encode()).hexdigest()[:16]
        terms = terms_of(row, language=lang)
        many_terms = many_terms or len(terms) >= MAX_TERMS
        out.append(Requirement(id=f"req-{digest}", text=row, kind=kind, terms=terms, language=lang))
    if many_terms:
        notes.append(f"a line names more than {MAX_TERMS} terms; its first {MAX_TERMS} were kept")
    return Reading(out, lang, len(headings), tuple(dict.fromkeys(notes)))


def _row_text(text: str) -> str:
    """A row as the model keeps it (the line is clean already: no controls, one space), without
    Markdown emphasis or a leading emoji."""
    if "*" in text or "_" in text or "`" in text:
        text = " ".join(_MD_MARKS.sub("", text).split())
    while text[:1] and unicodedata.category(text[0]) in ("So", "Sk", "Mn", "Cf"):
        text = text[1:].lstrip()
    return text.strip(" ;,#")


def _pieces(block: layout.Block) -> list[str]:
    """A block's rows: a run-on block's sentences, else the block as it stands."""
    if block.runon:
        parts = [p for sentence in _SENTENCE.split(block.text) for p in _YOU.split(sentence)]
        return [s for s in (_row_text(p) for p in parts) if s]
    row = _row_text(block.text)
    return [row] if row else []


def _by_headings(blocks: list[layout.Block], lang: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    kind: str | None = None  # before the first heading: the title and the company
    items = False  # the section has had list items
    pitches = _pitches(blocks)
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            if block.known is not None:
                kind = block.known
            elif block.strong or items or kind not in (*REQUIREMENT_KINDS, "role"):
                kind = "unknown"  # a heading of no known meaning ("Additional information")
            # else: a lead-in ("In this role you will:") keeps its section's kind
            items = False
            continue
        if block.kind == "text" and block.text.endswith(":"):
            # A lead-in ("Ideally you have experience in:") is no row; its wording may give the
            # kind of the list it introduces, else it keeps its section's (or, after a list,
            # ends it).
            lead = kinds.by_cues(block.text, lang) if kind not in NOT_ROWS else None
            if lead is not None:
                kind, items = lead, False
            elif block.after_list:
                kind = "other"
            continue
        if block.kind == "text" and block.after_list:
            kind = "other"  # a paragraph after a list ends that list
        items = items or block.kind == "item"
        if block.kind == "item" and block.text.endswith(":"):
            continue  # "- Cloud:" over its own list of AWS, GCP
        if block.kind == "text" and pitches[index] and not block.runon:
            continue  # the prose of a section that lists its rows: its pitch ("You'll join ...")
        for piece in _pieces(block):
            if _CONTACT.search(piece):
                continue  # "Send your CV to jobs@acme.org", a bare link: how to apply
            if kind == "unknown":  # only a list of duties, each opening with one
                duty = block.kind == "item" and kinds.by_cues(
                    piece, lang, leading=True, endings=False
                )
                found = "responsibility" if duty == "responsibility" else None
            else:
                found = _kind(kind, piece, lang)
            if found is not None:
                rows.append((found, piece))
    return rows


def _pitches(blocks: list[layout.Block]) -> list[bool]:
    """For each block, whether it is a paragraph that leads into a list of its section (at
    most ``_PITCH`` paragraphs before its first item): the section's pitch, not a row."""
    out = [False] * len(blocks)
    for index, block in enumerate(blocks):
        if block.kind != "item":
            continue
        before = index - 1
        while before >= 0 and index - before <= _PITCH and blocks[before].kind == "text":
            out[before] = True
            before -= 1
    return out


_PITCH = 2


def _kind(section: str | None, row: str, lang: str) -> str | None:
    if section == "must":
        return "nice" if kinds.is_optional(row, lang) else "must"
    if section in ("nice", "responsibility"):
        return section
    if section == "role":
        return kinds.by_cues(row, lang, leading=True)
    return None


def _by_cues(blocks: list[layout.Block], lang: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            continue
        if index == 0 and len(block.text.split()) <= 8 and block.text[-1:] not in ".!?":
            continue  # the title
        for piece in _pieces(block) if block.kind == "item" else _sentences(block):
            found = kinds.by_cues(piece, lang)
            if found is not None:
                rows.append((found, piece))
    return rows


def _sentences(block: layout.Block) -> list[str]:
    return [s for s in (_row_text(p) for p in _SENTENCE.split(block.text)) if s]
