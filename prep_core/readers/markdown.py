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
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from pydantic import ValidationError

from prep_core.errors import InvalidProfile, describe_validation_error

# The model's own definitions of a line break and an unprintable character, applied to the whole
# document first, so raw source kept in extra sections is as clean as every other value.
from prep_core.model import _LINE_BREAKS, _UNPRINTABLE, QUESTION_CATEGORIES, Profile
from prep_core.sections import BASICS, SECTIONS, FieldSpec, Section

__all__ = ["read"]  # the other public names are the syntax the Markdown writer shares

NOT_A_PROFILE = (
    "does not look like a company profile: expected a '# Company Profile: <name>' title "
    "or '## Company Overview' and the template's other sections"
)
JOB_POSTING_TITLE = "Job Posting"  # the "##" section the writer puts the pasted posting in
QUOTED_LISTS = frozenset({"prep.questions_to_ask"})  # bare lists whose items are "quoted"
SKILL_COLUMNS = ("Your Skill/Experience", "Their Requirement", "Talking Point")

_PLACEHOLDER = re.compile(r"\[[^\[\]\n]*\]")
_LABELLED = re.compile(r"\*\*([^*\n]+?)(?::\*\*|\*\*[ \t]*:)\s*(.*)", re.S)
_TITLE = re.compile(r"company\s+profile\s*(?:[:\-–—]\s*(.*))?", re.S | re.I)
_CONFIDENCE = re.compile(r"([1-5])\s*(?:/\s*5)?")
_QUOTES = ('"', "“", "”")
_LISTS = ("bullet_list", "ordered_list")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    # "reference": a "[x]: url" line becomes a paragraph (kept) instead of vanishing.
    # "text_join": escapes stay visible as text_special tokens.
    md.disable(["reference", "text_join"])
    # Nothing is rendered to HTML here: keep link destinations exactly as written (the model
    # canonicalises URLs) and accept every scheme.
    md.validateLink = lambda url: True
    md.normalizeLink = md.normalizeLinkText = lambda url: url
    return md


_MD = _parser()


def read(text: str) -> Profile:
    """Parse a profile written in the company-profile template.

    >>> read("# Company Profile: Acme\\n\\n## Company Overview\\n- **Founded**: 1999").company
    'Acme'

    Raises ``InvalidProfile`` when the text is not a profile or a value is not valid.
    """
    text = _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff")))
    root = SyntaxTreeNode(_MD.parse(text))
    reader = _Reader(text.split("\n"))
    for node in root.children:
        reader.block(node)
    return reader.profile()


# --- raw source -> values ----------------------------------------------------------------------


def norm_key(text: str) -> str:
    """How titles and labels are compared: case, spacing, a trailing colon and numbering ignored."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(":").strip()
    return re.sub(r"^\d+[.)] ", "", text).casefold()


def is_placeholder(raw: str) -> bool:
    """Whether raw source is exactly one ``[bracketed hint]``: the template's "not filled in"."""
    return _PLACEHOLDER.fullmatch(raw.strip()) is not None


def value_text(raw: str) -> str:
    """A value's text from its raw source: empty when the source is a ``[placeholder]``."""
    return "" if is_placeholder(raw) else inline_text(raw)


def inline_text(raw: str) -> str:
    """The text a reader sees in inline Markdown: escapes resolved, other markup kept as written."""
    if not raw.strip():
        return ""
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


def split_commas(raw: str) -> list[str]:
    """Split an inline list on commas outside parentheses (and not backslash-escaped)."""
    parts: list[str] = []
    depth = start = i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            i += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(raw[start:i])
            start = i + 1
        i += 1
    parts.append(raw[start:])
    return [part.strip() for part in parts if part.strip()]


def unquote(raw: str) -> str:
    """Raw source without one pair of surrounding quotes (straight or curly)."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] in _QUOTES and raw[-1] in _QUOTES:
        return raw[1:-1]
    return raw


# --- the registry, indexed for reading ---------------------------------------------------------


def _labelled(section: Section) -> dict[str, FieldSpec]:
    return {norm_key(spec.label): spec for spec in section.fields if not spec.bare}


_SECTION_BY_TITLE = {norm_key(s.title): s for s in SECTIONS if s is not BASICS}
_LABELS = {s.key: _labelled(s) for s in SECTIONS}
_SUBSECTIONS = {
    s.key: {norm_key(spec.heading): spec for spec in s.fields if spec.heading} for s in SECTIONS
}
_BARE = {s.key: spec for s in SECTIONS for spec in s.fields if spec.bare and not spec.heading}
_JOB_POSTING = next(spec for spec in BASICS.fields if spec.path == "job_posting")
_JOB_SECTION = Section("basics", JOB_POSTING_TITLE, (_JOB_POSTING,))


# --- the walk ----------------------------------------------------------------------------------


@dataclass
class _Extra:
    """An extra section being collected: raw line ranges, or a body range still open."""

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
    section: Section = BASICS
    sub: FieldSpec | None = None  # the known "###" subsection we are in
    raw: _Extra | None = None  # the unknown "##"/"###" section whose body we are collecting
    loose: dict[str, _Extra] = field(default_factory=dict)  # unplaced source, per section
    found: bool = False  # saw a title or a known section

    # -- structure --

    def block(self, node: SyntaxTreeNode) -> None:
        # "##" always starts a section; "###" a subsection, except inside an unknown "##"
        # section, whose body is kept whole.
        if node.type == "heading" and (
            node.tag == "h2" or (node.tag == "h3" and (self.raw is None or self.raw.parent))
        ):
            self.heading(node)
            return
        if self.raw is not None:
            return  # inside an unknown section: its body is taken as raw source
        if node.type == "heading" and node.tag == "h1" and self.title(node):
            return
        self.content(node)

    def heading(self, node: SyntaxTreeNode) -> None:
        self.close_raw(node.map[0] if node.map else len(self.lines))
        title = inline_text(_inline(node).content)  # a title: never a placeholder
        key = norm_key(title)
        start = node.map[1] if node.map else len(self.lines)
        if node.tag == "h2":
            self.sub = None
            if key == norm_key(JOB_POSTING_TITLE):
                self.section, self.found = _JOB_SECTION, True
            elif key in _SECTION_BY_TITLE:
                self.section, self.found = _SECTION_BY_TITLE[key], True
            else:
                self.raw = _Extra("", title, start)
                self.extras.append(self.raw)
            return
        self.sub = _SUBSECTIONS[self.section.key].get(key)
        if self.sub is None:
            self.raw = _Extra(self.section.key, title, start)
            self.extras.append(self.raw)

    def close_raw(self, end: int) -> None:
        if self.raw is not None:
            self.raw.end = end
            self.raw = None

    def title(self, node: SyntaxTreeNode) -> bool:
        if self.section is not BASICS or "company" in self.data:
            return False
        match = _TITLE.fullmatch(_inline(node).content.strip())
        if match is None:
            return False
        self.data["company"] = value_text(match.group(1) or "")
        self.found = True
        return True

    def content(self, node: SyntaxTreeNode) -> None:
        """A block inside a known section (or subsection)."""
        spec = self.sub or _BARE.get(self.section.key)
        if self.section is _JOB_SECTION:
            self.job_posting(node)
        elif spec is not None:
            self.bare(spec, node)
        elif node.type in _LISTS and self.section.key != "prep":
            for item in node.children:
                self.labelled_item(item)
        else:
            self.leftover(node)

    def leftover(self, node: SyntaxTreeNode) -> None:
        """Source the reader cannot place: kept for the section it sits in."""
        if node.map is None or is_placeholder(self.source(node)):
            return
        key = self.section.key
        if key not in self.loose:
            self.loose[key] = _Extra(key, "")
            self.extras.append(self.loose[key])
        self.loose[key].chunks.append((node.map[0], node.map[1]))

    def source(self, node: SyntaxTreeNode) -> str:
        start, end = node.map or (0, 0)
        return "\n".join(self.lines[start:end])

    def set(self, path: str, value: Any) -> None:
        *parents, last = path.split(".")
        owner = self.data
        for part in parents:
            owner = owner.setdefault(part, {})
        owner[last] = value

    def append(self, path: str, value: Any) -> None:
        *parents, last = path.split(".")
        owner = self.data
        for part in parents:
            owner = owner.setdefault(part, {})
        owner.setdefault(last, []).append(value)

    # -- labelled fields: "- **Label**: value" --

    def labelled_item(self, item: SyntaxTreeNode) -> None:
        first = item.children[0] if item.children else None
        match = None
        if first is not None and first.type == "paragraph":
            match = _LABELLED.fullmatch(_inline(first).content)
        spec = _LABELS[self.section.key].get(norm_key(match.group(1))) if match else None
        if spec is None or match is None:
            self.leftover(item)
            return
        rest = item.children[1:]
        if spec.kind in ("list", "inline_list"):
            raw = match.group(2)
            values = [] if is_placeholder(raw) else [value_text(p) for p in split_commas(raw)]
            for child in rest:
                if child.type in _LISTS:
                    values += [self.item_line(sub) for sub in child.children]
                else:
                    self.leftover(child)
            self.set(spec.path, [value for value in values if value])
            return
        pieces = [match.group(2)] + [c.content for c in map(_inline, _paragraphs(rest))]
        text = "\n\n".join(filter(None, map(value_text, pieces)))
        value = _scalar(spec, text)
        if value is _INVALID:
            self.leftover(item)
            return
        self.set(spec.path, value)
        for child in rest:
            if child.type != "paragraph":
                self.leftover(child)

    def item_pieces(self, item: SyntaxTreeNode) -> list[str]:
        """Raw source of a list item's paragraphs; anything else in it is kept as leftover."""
        pieces = []
        for child in item.children:
            if child.type == "paragraph":
                pieces.append(_inline(child).content)
            elif child.type not in _LISTS:
                self.leftover(child)
        return pieces

    def item_line(self, item: SyntaxTreeNode) -> str:
        """A list item as one entry: its paragraphs' text; nested lists are leftovers."""
        for child in item.children:
            if child.type in _LISTS:
                self.leftover(child)
        return "\n\n".join(filter(None, map(value_text, self.item_pieces(item))))

    def sub_items(self, item: SyntaxTreeNode) -> list[tuple[str, str, SyntaxTreeNode]]:
        """The "- **Label**: value" bullets nested in a list item, as (label key, raw, node)."""
        found = []
        for child in item.children:
            if child.type not in _LISTS:
                continue
            for sub in child.children:
                first = sub.children[0] if sub.children else None
                match = None
                if first is not None and first.type == "paragraph":
                    match = _LABELLED.fullmatch(_inline(first).content)
                if match is None:
                    self.leftover(sub)
                    continue
                pieces = [match.group(2)]
                for rest in sub.children[1:]:
                    if rest.type == "paragraph":
                        pieces.append(_inline(rest).content)
                    else:
                        self.leftover(rest)
                found.append((norm_key(match.group(1)), "\n\n".join(pieces), sub))
        return found

    # -- bare (sub)sections --

    def bare(self, spec: FieldSpec, node: SyntaxTreeNode) -> None:
        if spec.kind == "skills":
            if node.type == "table" and self.skills_table(spec, node):
                return
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
        for child in item.children:
            if child.type in _LISTS:
                self.leftover(child)
        raw = "\n\n".join(self.item_pieces(item))
        text = value_text(unquote(raw) if spec.path in QUOTED_LISTS else raw)
        if text:
            self.append(spec.path, text)

    def news_item(self, spec: FieldSpec, item: SyntaxTreeNode) -> None:
        news = {"text": value_text("\n\n".join(self.item_pieces(item)))}
        for key, raw, sub in self.sub_items(item):
            if key == "date":
                news["date"] = value_text(raw)
            elif key == "link":
                news["url"] = _url(raw)
            else:
                self.leftover(sub)
        if any(news.values()):
            self.append(spec.path, news)

    def question_item(self, spec: FieldSpec, item: SyntaxTreeNode) -> None:
        question: dict[str, Any] = {
            "text": value_text(unquote("\n\n".join(self.item_pieces(item))))
        }
        for key, raw, sub in self.sub_items(item):
            value = value_text(raw)
            if key == "category" and value.lower() in QUESTION_CATEGORIES:
                question["category"] = value.lower()
            elif key == "confidence" and (not value or _CONFIDENCE.fullmatch(value)):
                question["confidence"] = int(value[0]) if value else None
            elif key == "answer":
                question["answer"] = "\n\n".join(
                    filter(None, map(value_text, raw.split("\n\n")))
                )
            else:
                self.leftover(sub)
        if any(v not in ("", None) for v in question.values()):
            self.append(spec.path, question)

    def source_item(self, spec: FieldSpec, item: SyntaxTreeNode) -> None:
        for child in item.children:
            if child.type in _LISTS:
                self.leftover(child)
        raw = "\n\n".join(self.item_pieces(item))
        link = link_parts(raw) if raw.strip() else None
        title, url = link if link is not None else (value_text(raw), "")
        if title or url:
            self.append(spec.path, {"title": title, "url": url})

    def skills_table(self, spec: FieldSpec, table: SyntaxTreeNode) -> bool:
        rows = [tr for part in table.children for tr in part.children]
        if not rows or any(len(tr.children) != 3 for tr in rows):
            return False
        for tr in rows[1:]:  # rows[0] is the header
            skill, requirement, talking_point = (_inline(cell).content for cell in tr.children)
            row = {
                "skill": value_text(skill),
                "requirement": value_text(unquote(requirement)),
                "talking_point": value_text(talking_point),
            }
            if any(row.values()):
                self.append(spec.path, row)
        return True

    def job_posting(self, node: SyntaxTreeNode) -> None:
        if node.type in ("fence", "code_block"):
            text = node.content
        elif node.type == "paragraph":
            text = value_text(_inline(node).content)
        else:
            self.leftover(node)
            return
        if text.strip():
            before = self.data.get("job_posting", "")
            self.data["job_posting"] = f"{before}\n\n{text}" if before else text

    # -- the result --

    def profile(self) -> Profile:
        self.close_raw(len(self.lines))
        if not self.found:
            raise InvalidProfile(NOT_A_PROFILE)
        self.data["extra_sections"] = [self.extra(extra) for extra in self.extras]
        try:
            return Profile.model_validate(self.data)
        except ValidationError as error:
            raise InvalidProfile(describe_validation_error(error)) from None

    def extra(self, extra: _Extra) -> dict[str, str]:
        if extra.chunks:
            body, last = "", None
            for start, end in extra.chunks:
                while end > start and not self.lines[end - 1].strip():
                    end -= 1
                text = textwrap.dedent("\n".join(self.lines[start:end]))
                body += ("" if last is None else "\n" if last == start else "\n\n") + text
                last = end
        else:
            body = "\n".join(self.lines[extra.start : extra.end])
        return {"parent": extra.parent, "title": extra.title, "body": body}


# --- helpers -----------------------------------------------------------------------------------

_INVALID = object()


def _inline(node: SyntaxTreeNode) -> SyntaxTreeNode:
    """The inline child of a paragraph, heading or table cell."""
    for child in node.children:
        if child.type == "inline":
            return child
    return SyntaxTreeNode()


def _paragraphs(nodes: list[SyntaxTreeNode]) -> list[SyntaxTreeNode]:
    return [node for node in nodes if node.type == "paragraph"]


def _scalar(spec: FieldSpec, text: str) -> Any:
    """A line/text/date/yesno value, or _INVALID when the text is not one."""
    if spec.kind == "yesno":
        word = text.strip().rstrip(".!").lower()
        return {"yes": "yes", "y": "yes", "no": "no", "n": "no", "": "unknown"}.get(word, _INVALID)
    if spec.kind == "date":
        if not text.strip():
            return None
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            return _INVALID
    return text


def _url(raw: str) -> str:
    link = link_parts(raw)
    return link[1] if link is not None else value_text(raw)
