"""Reader for the company-profile Markdown template: ``read(text) -> Profile``.

The document is parsed by markdown-it-py into a block tree; ``##`` headings pick a section of
the registry (``prep_core.sections``), ``###`` headings a subsection, and within a section the
reader takes labelled bullets (``- **Founded**: 1997``), bare bullets, the skills table and the
questions. Everything it cannot place is kept as an ``ExtraSection`` holding the raw source, so
nothing a person wrote is ever dropped.

Values are the text a reader sees: backslash escapes and entities are resolved, any other
formatting (``**bold**``, links, code) is kept as its Markdown. Decisions about the *shape* of a
value (its ``**Label**:`` prefix, surrounding quotes, whether it is a ``[placeholder]``, where an
inline list splits) are made on the raw source, so text the writer escaped (``\\[TBD\\]``) is
never mistaken for a placeholder.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import escapedSplit
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from pydantic import ValidationError

from prep_core.errors import InvalidProfile, describe_validation_error

# The model's own definitions of a line break and an unprintable character, applied to the whole
# document first, so raw source kept in extra sections is as clean as every other value.
from prep_core.model import (
    _LINE_BREAKS,
    _UNPRINTABLE,
    DATED_FACTS,
    MAX_TEXT,
    QUESTION_CATEGORIES,
    YES_NO_WORDS,
    Profile,
    Story,
    new_id,
)
from prep_core.sections import BASICS, SECTIONS, FieldSpec, Section
from prep_core.template import (
    AS_OF_LABEL,
    ASKED_IN_ROUND,
    INTERVIEWER_LABELS,
    JOB_POSTING_TITLE,
    NEWS_LABELS,
    QUESTION_LABELS,
    REQUIREMENT_LABELS,
    REQUIREMENTS_TITLE,
    ROUND_LABELS,
    ROUNDS_LABEL,
    SOURCE_LABEL,
    STALE_LABEL,
    STORY_BANK_TITLE,
    STORY_LABELS,
    TERMS_LABEL,
    is_placeholder,
    norm_key,
    split_commas,
    unquote,
)

__all__ = ["read", "read_stories"]

NOT_A_PROFILE = (
    "does not look like a company profile: expected a '# Company Profile: <name>' title "
    "or '## Company Overview' and the template's other sections"
)

_LABELLED = re.compile(
    r"(?P<m>\*\*|__)(?P<label>[^*_\n]+?)(?::(?P=m)|(?P=m)[ \t]*:)\s*(?P<value>.*)", re.S
)
_PLAIN_LABELLED = re.compile(r"(?P<label>[^*_`\[\]<:\n]{1,80}?)[ \t]*:\s*(?P<value>.*)", re.S)
_TITLE = re.compile(r"company\s+profile\s*(?:[:\-–—]\s*(.*))?", re.S | re.I)
_CONFIDENCE = re.compile(r"([1-5])\s*(?:/\s*5)?")
_LISTS = ("bullet_list", "ordered_list")


# markdown-it stops parsing at its nesting limit and silently skips the rest of the document
# (every later section vanished under a list ten levels deep). The reader's own rule runs
# first and, just below that limit, takes the too-deep block whole, as source: kept as text of
# the section it sits in, and the sections after it are parsed as usual.
MAX_NESTING = 40  # markdown-it levels: a list level takes two, so lists 19 deep parse normally
_DEEP_LEVEL = MAX_NESTING - 2


def _too_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Block rule: at ``_DEEP_LEVEL``, the rest of the current container as one raw block."""
    if state.level < _DEEP_LEVEL:
        return False
    line = start + 1
    while line < end and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
        line += 1
    while line > start + 1 and state.isEmpty(line - 1):
        line -= 1
    if silent:
        return True
    token = state.push("too_deep", "", 0)
    token.map = [start, line]
    token.content = state.getLines(start, line, state.blkIndent, False)
    token.block = True
    state.line = line
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    md.block.ruler.before("table", "too_deep", _too_deep)
    # "reference": a "[x]: url" line becomes a paragraph (kept) instead of vanishing.
    # "text_join": escapes stay visible as text_special tokens.
    md.disable(["reference", "text_join"])
    # Nothing is rendered to HTML here: keep link destinations exactly as written (the model
    # canonicalises URLs) and accept every scheme.
    md.validateLink = lambda url: True
    md.normalizeLink = md.normalizeLinkText = lambda url: url
    return md


_MD = _parser()
# The document's block structure: each value's inline Markdown is parsed once, on its own, later.
_BLOCKS = _parser().disable("inline")


def read(text: str) -> Profile:
    """Parse a profile written in the company-profile template.

    >>> read("# Company Profile: Acme\\n\\n## Company Overview\\n- **Founded**: 1999").company
    'Acme'

    Raises ``InvalidProfile`` when the text is not a profile or a value is not valid.
    """
    text = _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff")))
    _check_budget(text)
    root = SyntaxTreeNode(_BLOCKS.parse(text))
    reader = _Reader(text.split("\n"))
    for node in root.children:
        reader.block(node)
    return reader.profile()


# markdown-it keeps a few kilobytes of tokens per block and per table cell, so what a document
# may hold is bounded by count as well as by size: far above any profile (the sample has 110
# lines; one with 200 questions has 811 lines and 400 cells), far below what costs seconds.
MAX_LINES = 10_000
MAX_TABLE_CELLS = 20_000  # counted as "|" characters


def _check_budget(text: str) -> None:
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise InvalidProfile(f"{lines:,} lines, more than a profile can have ({MAX_LINES:,})")
    pipes = text.count("|")
    if pipes > MAX_TABLE_CELLS:
        line = text[: _nth(text, "|", MAX_TABLE_CELLS)].count("\n") + 1
        raise InvalidProfile(
            f"line {line}: more than {MAX_TABLE_CELLS:,} table cells ('|'), more than a "
            "profile can have"
        )


def _nth(text: str, char: str, n: int) -> int:
    """The index of the ``n``-th ``char`` in ``text`` (there are at least ``n``)."""
    index = -1
    for _ in range(n):
        index = text.index(char, index + 1)
    return index


# --- raw source -> values ----------------------------------------------------------------------


def value_text(raw: str) -> str:
    """A value's text from its raw source: empty when the source is a ``[placeholder]``."""
    return "" if is_placeholder(raw) else inline_text(raw)


def inline_text(raw: str) -> str:
    """The text a reader sees in inline Markdown: escapes resolved, other markup kept as written."""
    if not raw.strip():
        return ""
    if len(raw) > MAX_TEXT:  # too long for any field: refused as such, without parsing it
        return raw
    parts: list[str] = []
    links: list[Token] = []
    for token in _MD.parseInline(raw)[0].children or []:
        parts.append(_token_source(token, links))
    return "".join(parts)


def _token_source(token: Token, links: list[Token]) -> str:
    kind = token.type
    if kind in ("softbreak", "hardbreak"):
        return "\n"
    if kind == "code_inline":
        pad = " " if token.content.startswith("`") or token.content.endswith("`") else ""
        return f"{token.markup}{pad}{token.content}{pad}{token.markup}"
    if kind.endswith(("_open", "_close")) and kind not in ("link_open", "link_close"):
        return token.markup
    if kind == "link_open":
        links.append(token)
        return "<" if token.markup == "autolink" else "["
    if kind == "link_close":
        opener = links.pop() if links else token
        if opener.markup == "autolink":
            return ">"
        return f"]({_destination(opener)})"
    if kind == "image":
        return f"![{token.content}]({_destination(token)})"
    return token.content


def _destination(token: Token) -> str:
    url = str(token.attrGet("href") or token.attrGet("src") or "")
    url = f"<{url}>" if not url or re.search(r"[\s()]", url) else url
    title = token.attrGet("title")
    return f'{url} "{title}"' if title else url


def link_parts(raw: str) -> tuple[str, str] | None:
    """``(text, url)`` when raw inline Markdown is exactly one link or autolink, else None."""
    if len(raw) > MAX_TEXT:
        return None
    tokens = _MD.parseInline(raw.strip())[0].children or []
    if len(tokens) < 2 or tokens[0].type != "link_open" or tokens[-1].type != "link_close":
        return None
    if any(t.type in ("link_open", "link_close") for t in tokens[1:-1]):
        return None
    url = str(tokens[0].attrGet("href") or "")
    if tokens[0].markup == "autolink":
        return "", url
    links: list[Token] = []
    return "".join(_token_source(t, links) for t in tokens[1:-1]), url


# --- the registry, indexed for reading ---------------------------------------------------------


def _labelled(section: Section) -> dict[str, FieldSpec]:
    return {norm_key(spec.label): spec for spec in section.fields if not spec.bare}


_SECTION_BY_TITLE = {norm_key(s.title): s for s in SECTIONS if s is not BASICS}
_LABELS = {s.key: _labelled(s) for s in SECTIONS}
_SUBSECTIONS = {
    s.key: {norm_key(spec.heading): spec for spec in s.fields if spec.heading} for s in SECTIONS
}
_TITLE_FIELD = next(spec for spec in BASICS.fields if spec.place == "title")
_POSTING_FIELD = next(spec for spec in BASICS.fields if spec.place == "own_section")
_BARE = {s.key: spec for s in SECTIONS for spec in s.fields if spec.bare and not spec.heading}


def _fields(labels: dict[str, str]) -> dict[str, str]:
    """A template label table turned round: the label as compared (``norm_key``) -> field."""
    return {norm_key(label): field for field, label in labels.items()}


_NEWS_LABELS = _fields(NEWS_LABELS)
_LINK = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_REQUIREMENT_KINDS = {norm_key(label): kind for kind, label in REQUIREMENT_LABELS.items()}
_STORY_FIELDS = {norm_key(label): key for key, label in STORY_LABELS.items()}
_QUESTION_LABELS = _fields(QUESTION_LABELS)
_ASKED_IN = re.compile(rf"{re.escape(ASKED_IN_ROUND)}\s+(\d{{1,4}})", re.I)
# free-text sub-fields: lists and paragraphs belong to them
_WHOLE = {norm_key(QUESTION_LABELS[field]) for field in ("answer", "how_it_went")}
_TERMS_KEY = norm_key(TERMS_LABEL)
_ROUNDS_KEY = norm_key(ROUNDS_LABEL)
_STALE_KEY = norm_key(STALE_LABEL)
_STALE_DAYS = re.compile(r"(\d{1,4})\s*(?:days?)?\.?", re.I)
_FACT_LABELS = {norm_key(AS_OF_LABEL): "as_of", norm_key(SOURCE_LABEL): "source"}
_ROUND_LABELS = _fields(ROUND_LABELS)
_INTERVIEWER_LABELS = _fields(INTERVIEWER_LABELS)
_ROUND_WHEN = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s+(\d{1,2}:\d{2}))?(?:\s+(\S+))?")
_MINUTES = re.compile(r"(\d{1,4})\s*(?:min|minutes?)?\.?", re.I)


# --- the walk ----------------------------------------------------------------------------------


@dataclass
class _Extra:
    """Source being collected: line ranges (``chunks``), or a body from ``start`` to ``end``."""

    parent: str
    title: str
    start: int = 0
    end: int | None = None
    chunks: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Reader:
    lines: list[str]
    data: dict[str, Any] = field(default_factory=dict)
    extras: list[_Extra] = field(default_factory=list)
    jobs: list[_Extra] = field(default_factory=list)
    fit: dict[str, list[_Extra]] = field(default_factory=dict)  # requirements, story bank
    section: Section = BASICS
    sub: FieldSpec | None = None  # the known "###" subsection we are in
    raw: _Extra | None = None  # the section whose body is being taken whole, as source
    loose: dict[str, _Extra] = field(default_factory=dict)  # unplaced source, per section
    seen: set[str] = field(default_factory=set)  # labelled fields already filled
    found: bool = False  # saw a title or a known section

    # -- structure --

    def block(self, node: SyntaxTreeNode) -> None:
        # "##" always starts a section; "###" a subsection, except inside an unknown "##"
        # section (or the job posting), whose body is kept whole.
        if node.type == "heading" and (
            node.tag == "h2" or (node.tag == "h3" and (self.raw is None or self.raw.parent))
        ):
            self.heading(node)
        elif self.raw is not None:
            pass  # part of a body taken whole
        elif not (node.type == "heading" and node.tag == "h1" and self.title(node)):
            self.content(node)

    def heading(self, node: SyntaxTreeNode) -> None:
        assert node.map is not None  # block-level tokens always have one
        self.close_raw(node.map[0])
        title = inline_text(_inline(node).content)  # a title: never a placeholder
        key = norm_key(title)
        if node.tag == "h2":
            self.sub = None
            if key == norm_key(JOB_POSTING_TITLE):
                self.raw = _Extra("", title, node.map[1])  # taken whole, as the posting
                self.jobs.append(self.raw)
                self.found = True
            elif key in _SECTION_BY_TITLE:
                self.section, self.found = _SECTION_BY_TITLE[key], True
            else:
                self.raw = _Extra("", title, node.map[1])
                self.extras.append(self.raw)
                if key in (norm_key(REQUIREMENTS_TITLE), norm_key(STORY_BANK_TITLE)):
                    self.fit.setdefault(key, []).append(self.raw)  # an extra unless it parses
            return
        self.sub = _SUBSECTIONS[self.section.key].get(key)
        if self.sub is None:
            self.raw = _Extra(self.section.key, title, node.map[1])
            if title:
                self.extras.append(self.raw)

    def close_raw(self, end: int) -> None:
        raw, self.raw = self.raw, None
        if raw is None:
            return
        raw.end = end
        if raw.parent and not raw.title:  # an untitled "###": loose source of its section
            self.loose_extra().chunks.append((raw.start, end))

    def title(self, node: SyntaxTreeNode) -> bool:
        if self.section is not BASICS or _TITLE_FIELD.path in self.seen:
            return False
        match = _TITLE.fullmatch(_inline(node).content.strip())
        if match is None:
            return False
        self.set(_TITLE_FIELD.path, value_text(match.group(1) or ""))
        self.found = True
        return True

    def content(self, node: SyntaxTreeNode) -> None:
        """A block inside a known section (or subsection)."""
        spec = self.sub or _BARE.get(self.section.key)
        if spec is not None:
            self.bare(spec, node)
        elif node.type in _LISTS and _LABELS[self.section.key]:
            for item in node.children:
                self.labelled_item(item)
        else:
            self.leftover(node)

    def leftover(self, node: SyntaxTreeNode) -> None:
        """Source the reader cannot place: kept for the section it sits in."""
        if node.map is None or is_placeholder(self.source(node)):
            return
        self.loose_extra().chunks.append((node.map[0], node.map[1]))

    def loose_extra(self) -> _Extra:
        """The one untitled extra section of the current section."""
        key = self.section.key
        if key not in self.loose:
            self.loose[key] = _Extra(key, "")
            self.extras.append(self.loose[key])
        return self.loose[key]

    def source(self, node: SyntaxTreeNode) -> str:
        """A block's source lines, dedented."""
        start, end = node.map or (0, 0)
        return textwrap.dedent("\n".join(self.lines[start:end])).strip("\n")

    def set(self, path: str, value: Any) -> None:
        owner, name = self.owner(path)
        owner[name] = value
        self.seen.add(path)

    def append(self, path: str, value: Any) -> None:
        owner, name = self.owner(path)
        owner.setdefault(name, []).append(value)

    def owner(self, path: str) -> tuple[dict[str, Any], str]:
        """The dict in ``data`` holding the field at a dotted path, and the field's name."""
        *parents, name = path.split(".")
        owner = self.data
        for part in parents:
            owner = owner.setdefault(part, {})
        return owner, name

    # -- labelled fields: "- **Label**: value" --

    def labelled_item(self, item: SyntaxTreeNode) -> None:
        labels = _LABELS[self.section.key]
        found = _label(item, labels)
        if self.section is BASICS and found and found[0] == _STALE_KEY:
            days = _STALE_DAYS.fullmatch(value_text(found[1]).strip())
            if days is None or "stale_after_days" in self.seen or len(item.children) > 1:
                self.leftover(item)
            else:
                self.set("stale_after_days", int(days[1]))
            return
        if self.section is BASICS and found and found[0] == _ROUNDS_KEY:
            if "rounds" in self.seen:
                self.leftover(item)
            else:
                self.rounds(item)
            return
        spec = labels.get(found[0]) if found else None
        if spec is None or found is None or spec.path in self.seen:
            self.leftover(item)  # not ours, or a second value for a field already filled
            return
        raw, rest = found[1], item.children[1:]
        if spec.path in DATED_FACTS:
            rest = self.fact_date(spec.path, rest)
        if spec.kind in ("list", "inline_list"):
            values = [] if is_placeholder(raw) else [value_text(p) for p in split_commas(raw)]
            for child in rest:
                if child.type in _LISTS:
                    values += [self.item_line(sub) for sub in child.children]
                else:
                    self.leftover(child)
            self.set(spec.path, [value for value in values if value])
            return
        value = _scalar(spec, self.field_text(raw, rest, whole=spec.kind == "text"))
        if value is _INVALID:
            self.leftover(item)
        else:
            self.set(spec.path, value)

    def fact_date(self, path: str, rest: list[SyntaxTreeNode]) -> list[SyntaxTreeNode]:
        """A dated fact's nested "As of" and "Source" bullets; the other blocks are returned."""
        kept = []
        for child in rest:
            labels = [_label(sub, _FACT_LABELS) for sub in child.children]
            keys = [label[0] if label else "" for label in labels]
            if child.type not in _LISTS or not all(k in _FACT_LABELS for k in keys):
                kept.append(child)
                continue
            stamp: dict[str, Any] = {}
            for sub, key, label in zip(child.children, keys, labels, strict=True):
                name = _FACT_LABELS[key]
                text = self.field_text(label[1], sub.children[1:], whole=False) if label else ""
                value = _scalar(_DATE_SPEC, text) if name == "as_of" else text
                if name in stamp or value is _INVALID:
                    self.leftover(sub)
                else:
                    stamp[name] = value
            if stamp:
                self.data.setdefault("fact_dates", {}).setdefault(path, {}).update(stamp)
        return kept

    def rounds(self, item: SyntaxTreeNode) -> None:
        """The title block's "- **Interview rounds**:" item, one nested bullet per round."""
        self.seen.add("rounds")
        rounds = self.data.setdefault("rounds", [])
        for child in item.children[1:]:
            if child.type not in _LISTS:
                self.leftover(child)
                continue
            for sub in child.children:
                found = self.round_item(sub)
                if found is None:
                    self.leftover(sub)
                else:
                    rounds.append(found)

    def round_item(self, item: SyntaxTreeNode) -> dict[str, Any] | None:
        first = item.children[0] if item.children else None
        if first is None or first.type != "paragraph":
            return None
        when = _ROUND_WHEN.fullmatch(value_text(_inline(first).content).strip())
        if when is None:
            return None
        found: dict[str, Any] = {"day": when[1], "interviewers": []}
        if when[2]:
            found["start_time"] = when[2]
        if when[3]:
            found["timezone"] = when[3]
        for child in item.children[1:]:
            if child.type not in _LISTS:
                self.leftover(child)
                continue
            for sub in child.children:
                label = _label(sub, _ROUND_LABELS)
                key = _ROUND_LABELS.get(label[0], "") if label else ""
                if label is None or not key:
                    self.leftover(sub)
                elif key == "interviewer":
                    person = {"name": self.field_text(label[1], [], whole=False)}
                    for name, (_, text, _) in self.sub_fields(sub, _INTERVIEWER_LABELS).items():
                        person[_INTERVIEWER_LABELS[name]] = text
                    found["interviewers"].append(person)
                elif key == "minutes" and (minutes := _MINUTES.fullmatch(value_text(label[1]))):
                    found["minutes"] = int(minutes[1])
                elif key in ("kind", "location"):
                    found[key] = self.field_text(label[1], sub.children[1:], whole=False)
                elif key in ("notes", "thank_you"):
                    debrief = found.setdefault("debrief", {})
                    if key in debrief:
                        self.leftover(sub)
                    else:
                        debrief[key] = self.field_text(label[1], sub.children[1:], whole=True)
                elif key == "follow_ups":
                    text = self.field_text(label[1], sub.children[1:], whole=False)
                    found.setdefault("debrief", {}).setdefault("follow_ups", []).append(text)
                else:
                    self.leftover(sub)
        return found

    def field_text(self, raw: str, rest: list[SyntaxTreeNode], *, whole: bool) -> str:
        """A labelled value: the label line's text and the item's further paragraphs.

        With ``whole`` (free-text fields) nested lists and other blocks belong to the text too:
        a list as one "- item" line per entry, anything else as its source. Otherwise only
        paragraphs do, and the rest is leftover.
        """
        parts = [value_text(raw)]
        for child in rest:
            if child.type == "paragraph":
                parts.append(value_text(_inline(child).content))
            elif whole and child.type in _LISTS:
                parts.append(
                    "\n".join(f"{_marker(sub)} {self.item_line(sub)}" for sub in child.children)
                )
            elif whole:
                parts.append(self.source(child))
            else:
                self.leftover(child)
        return "\n\n".join(filter(None, parts))

    def item_line(self, item: SyntaxTreeNode) -> str:
        """A list item as one entry: its paragraphs' text; anything nested is leftover."""
        return value_text(self.item_raw(item))

    def item_raw(self, item: SyntaxTreeNode, *, sub_fields: bool = False) -> str:
        """Raw source of a list item's paragraphs; anything else in it is leftover, except
        nested lists when the caller reads them as ``sub_fields``."""
        parts = []
        for child in item.children:
            if child.type == "paragraph":
                parts.append(_inline(child).content)
            elif not (sub_fields and child.type in _LISTS):
                self.leftover(child)
        return "\n\n".join(parts)

    def sub_fields(
        self, item: SyntaxTreeNode, labels: Container[str]
    ) -> dict[str, tuple[str, str, SyntaxTreeNode]]:
        """Nested "- **Label**: value" bullets: label key -> (raw label line, text, bullet).

        Answers may hold paragraphs and lists; an unknown label, or a second bullet for the
        same label, is leftover.
        """
        found: dict[str, tuple[str, str, SyntaxTreeNode]] = {}
        for child in item.children:
            if child.type not in _LISTS:
                continue
            for sub in child.children:
                label = _label(sub, labels)
                if label is None or label[0] not in labels or label[0] in found:
                    self.leftover(sub)
                    continue
                key, raw = label
                text = self.field_text(raw, sub.children[1:], whole=key in _WHOLE)
                found[key] = (raw, text, sub)
        return found

    # -- bare (sub)sections --

    def bare(self, spec: FieldSpec, node: SyntaxTreeNode) -> None:
        if spec.kind == "skills":
            if node.type != "table" or not self.skills_table(spec, node):
                self.leftover(node)
            return
        if node.type not in _LISTS:
            self.leftover(node)
            return
        handler = {
            "news": self.news_item,
            "questions": self.question_item,
            "sources": self.source_item,
        }.get(spec.kind, self.list_item)
        for item in node.children:
            handler(spec, item)

    def list_item(self, spec: FieldSpec, item: SyntaxTreeNode) -> None:
        raw = self.item_raw(item)
        text = value_text(unquote(raw) if spec.quoted else raw)
        if text:
            self.append(spec.path, text)

    def news_item(self, spec: FieldSpec, item: SyntaxTreeNode) -> None:
        news = {"text": value_text(self.item_raw(item, sub_fields=True))}
        for key, (raw, value, _) in self.sub_fields(item, _NEWS_LABELS).items():
            name = _NEWS_LABELS[key]
            link = link_parts(raw) if name == "url" else None
            news[name] = link[1] if link else value
        if any(news.values()):
            self.append(spec.path, news)

    def question_item(self, spec: FieldSpec, item: SyntaxTreeNode) -> None:
        raw = self.item_raw(item, sub_fields=True)
        question: dict[str, Any] = {"text": value_text(unquote(raw))}
        for key, (_, value, sub) in self.sub_fields(item, _QUESTION_LABELS).items():
            name = _QUESTION_LABELS[key]
            if name == "category" and value.lower() in QUESTION_CATEGORIES:
                question["category"] = value.lower()
            elif name == "confidence" and (not value or _CONFIDENCE.fullmatch(value)):
                question["confidence"] = int(value[0]) if value else None
            elif name in ("answer", "how_it_went"):
                question[name] = value
            elif name == "story_id" and _LINK.fullmatch(value):
                question["story_id"] = value
            elif name == "asked_in" and (number := _ASKED_IN.fullmatch(value.strip())):
                question["asked_in"] = int(number[1])  # a round's number: its id in profile()
            else:  # a category or confidence the model has no place for: kept as written
                self.leftover(sub)
        if any(v not in ("", None) for v in question.values()):
            self.append(spec.path, question)

    def source_item(self, spec: FieldSpec, item: SyntaxTreeNode) -> None:
        raw = self.item_raw(item)
        link = link_parts(raw) if raw.strip() else None
        title, url = link if link is not None else (value_text(raw), "")
        if title or url:
            self.append(spec.path, {"title": title, "url": url})

    def skills_table(self, spec: FieldSpec, table: SyntaxTreeNode) -> bool:
        rows = [tr for part in table.children for tr in part.children]
        if not rows or any(
            len(tr.children) != 3 or _cell_count(self.source(tr)) > 3 for tr in rows
        ):
            return False  # not the 3-column table: kept as it is
        for tr in rows[1:]:  # rows[0] is the header
            cells = (_inline(cell).content for cell in tr.children)
            row = {
                column.name: value_text(unquote(raw) if column.quoted else raw)
                for column, raw in zip(spec.columns, cells, strict=True)
            }
            if any(row.values()):
                self.append(spec.path, row)
        return True

    # -- the result --

    def profile(self) -> Profile:
        self.close_raw(len(self.lines))
        if not self.found:
            raise InvalidProfile(NOT_A_PROFILE)
        owner, name = self.owner(_POSTING_FIELD.path)  # a labelled line, then "## Job Posting"
        postings = [owner.get(name, ""), *(_job_posting(self.body(job)) for job in self.jobs)]
        owner[name] = "\n\n".join(filter(None, postings))
        for extra in self.fit.get(norm_key(REQUIREMENTS_TITLE), []):
            rows = _requirement_rows(self.body(extra))
            if rows is not None:
                self.data.setdefault("requirements", []).extend(rows)
                self.extras.remove(extra)
        for extra in self.fit.get(norm_key(STORY_BANK_TITLE), []):
            if _story_rows(self.body(extra)) is not None:
                self.extras.remove(extra)  # read by read_stories, not part of the profile
        self.round_tags()
        self.data["extra_sections"] = [
            {"parent": extra.parent, "title": extra.title, "body": _close_fence(self.body(extra))}
            for extra in self.extras
        ]
        try:
            return Profile.model_validate(self.data)
        except ValidationError as error:
            raise InvalidProfile(describe_validation_error(error)) from None

    def round_tags(self) -> None:
        """Give the rounds their ids, and questions' "Asked in: round N" the Nth one's."""
        rounds = self.data.get("rounds", [])
        for item in rounds:
            item["id"] = new_id()
        for question in self.data.get("prep", {}).get("questions", []):
            number = question.get("asked_in")
            if isinstance(number, int):
                ok = 1 <= number <= len(rounds)
                question["asked_in"] = rounds[number - 1]["id"] if ok else ""

    def body(self, extra: _Extra) -> str:
        if not extra.chunks:
            return "\n".join(self.lines[extra.start : extra.end])
        body, last = "", None
        for start, end in sorted(extra.chunks):  # in source order, however they were found
            while end > start and not self.lines[end - 1].strip():
                end -= 1
            while start < end and not self.lines[start].strip():
                start += 1
            text = textwrap.dedent("\n".join(self.lines[start:end]))
            body += ("" if last is None else "\n" if last == start else "\n\n") + text
            last = end
        return body


# --- helpers -----------------------------------------------------------------------------------

_INVALID = object()
_DATE_SPEC = FieldSpec("fact_dates", "As of", "YYYY-MM-DD", "date")


def _inline(node: SyntaxTreeNode) -> SyntaxTreeNode:
    """The inline child of a paragraph, heading or table cell."""
    for child in node.children:
        if child.type == "inline":
            return child
    return SyntaxTreeNode()


def _label(item: SyntaxTreeNode, labels: Container[str]) -> tuple[str, str] | None:
    """``(label key, raw value)`` of a "- **Label**: value" item.

    A plain "- Label: value" counts too when the label is one of ``labels``.
    """
    first = item.children[0] if item.children else None
    if first is None or first.type != "paragraph":
        return None
    raw = _inline(first).content
    match = _LABELLED.fullmatch(raw) or _PLAIN_LABELLED.fullmatch(raw)
    if match is None:
        return None
    key = norm_key(match.group("label"))
    if match.re is _PLAIN_LABELLED and key not in labels:
        return None
    return key, match.group("value")


def _marker(item: SyntaxTreeNode) -> str:
    """How a list item is marked, for a list kept inside free text: "-", "1." or "2)"."""
    return f"{item.info}{item.markup}" if item.info else "-"


def _cell_count(row: str) -> int:
    cells = escapedSplit(row.strip())
    return len(cells) - (cells[:1] == [""]) - (cells[-1:] == [""])


def _scalar(spec: FieldSpec, text: str) -> Any:
    """A line/text/date/yesno value, or _INVALID when the text is not one."""
    if spec.kind == "yesno":
        word = text.strip().rstrip(".!").lower()
        return YES_NO_WORDS.get(word, _INVALID)
    if spec.kind == "date":
        if not text.strip():
            return None
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            return _INVALID
    return text


def read_stories(text: str) -> list[Story]:
    """The stories under a document's ``## Story Bank`` heading(s) (none when there is none)."""
    text = _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff")))
    _check_budget(text)
    reader = _Reader(text.split("\n"))
    for node in SyntaxTreeNode(_BLOCKS.parse(text)).children:
        reader.block(node)
    reader.close_raw(len(reader.lines))
    stories: list[Story] = []
    for extra in reader.fit.get(norm_key(STORY_BANK_TITLE), []):
        rows = _story_rows(reader.body(extra))
        try:
            stories += [Story.model_validate(row) for row in rows or []]
        except ValidationError as error:
            raise InvalidProfile(describe_validation_error(error, source="Story Bank")) from None
    return stories


def _requirement_rows(body: str) -> list[dict[str, Any]] | None:
    """``- **Must**: text`` items (with ``- **Terms**: a, b``), or None when the body holds
    anything else (then it stays an extra section, as written)."""
    reader = _Reader(body.split("\n"))
    rows: list[dict[str, Any]] = []
    for node in SyntaxTreeNode(_BLOCKS.parse(body)).children:
        if node.type != "bullet_list":
            return None
        for item in node.children:
            found = _label(item, _REQUIREMENT_KINDS)
            if found is None or found[0] not in _REQUIREMENT_KINDS:
                return None
            if any(child.type not in _LISTS for child in item.children[1:]):
                return None
            row: dict[str, Any] = {
                "kind": _REQUIREMENT_KINDS[found[0]],
                "text": value_text(found[1]),
                "edited": True,
            }
            for _, (raw, _, _) in reader.sub_fields(item, (_TERMS_KEY,)).items():
                row["terms"] = [value_text(part) for part in split_commas(raw)]
            rows.append(row)
    return None if reader.extras else rows


def _story_rows(body: str) -> list[dict[str, Any]] | None:
    """``### title`` and its labelled STAR bullets per story, or None when the body holds
    anything else."""
    reader = _Reader(body.split("\n"))
    rows: list[dict[str, Any]] = []
    for node in SyntaxTreeNode(_BLOCKS.parse(body)).children:
        if node.type == "heading" and node.tag == "h3":
            rows.append({"title": inline_text(_inline(node).content)})
            if is_placeholder(_inline(node).content):
                rows[-1]["title"] = ""
            continue
        if node.type != "bullet_list" or not rows:
            return None
        for item in node.children:
            found = _label(item, _STORY_FIELDS)
            if found is None or found[0] not in _STORY_FIELDS:
                return None
            key, raw = _STORY_FIELDS[found[0]], found[1]
            if key in rows[-1]:
                return None
            if key == "tags":
                rows[-1][key] = [value_text(part) for part in split_commas(raw)]
            else:
                text = reader.field_text(raw, item.children[1:], whole=key != "id")
                rows[-1][key] = text
    return None if reader.extras else rows


def _job_posting(body: str) -> str:
    """The posting in a "## Job Posting" section: a lone fenced block's content, else the body
    as it is written."""
    nodes = SyntaxTreeNode(_BLOCKS.parse(body)).children
    if len(nodes) == 1 and nodes[0].type == "fence":
        return nodes[0].content
    return "" if is_placeholder(body) else body


def _close_fence(body: str) -> str:
    """``body`` with a code fence left open at its end closed, so that written back in the
    middle of a document it cannot swallow what follows."""
    nodes = SyntaxTreeNode(_BLOCKS.parse(body)).children if "`" in body or "~" in body else []
    last = nodes[-1] if nodes else None
    if last is None or last.type != "fence" or last.map is None:
        return body
    lines = body.split("\n")[last.map[0] : last.map[1]]
    closing = lines[-1].strip() if len(lines) > 1 else ""
    fence = last.markup
    if closing.startswith(fence) and not closing.strip(fence[0]):
        return body
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    return f"{body.rstrip()}\n{' ' * indent}{fence}"
