"""The posting reader measured on real postings: ``tests/postings/corpus/`` (its README says how
they were collected and labelled, and how the figures are defined).

Run ``PYTHONPATH=. pytest tests/test_posting_corpus.py -q -s`` to print the figures per language
and per split. The rules were tuned on the ``dev`` split only; the ``test`` split was read once
at the end, and its floors below are a regression guard just under what it measured then, not
a target. Measured when the reader of ``prep_core/posting/`` was finished (all languages):

    dev  (31 postings): rows right 89.4 %, leaked 3.1 %, terms recall 55.8 %
    test (14 postings): rows right 69.1 %, leaked 3.2 %, terms recall 35.0 %

The targets (rows right >= 95 %, leaked <= 2 %, terms recall >= 85 %) are not reached, on
either split: what is left is mostly postings whose line breaks were lost without a trace
between items, and terms that a careful reader translates into an English skill the alias table
does not list ("Betreuung der Klienten" -> client support).

How a row is compared with a segment (the README's "nearly so"): both are folded (case, white
space, bullet glyphs, Markdown emphasis, final punctuation); they match when equal, when equal
once punctuation is dropped, or when one contains the other and the rest is short (at most
``NEAR`` characters and a third of the longer: a qualifier such as "(a plus)"); a row equal to a
segment outranks rows that nearly match it. A row "contains"
a non-requirement segment of four words or more (a shorter one, such as the heading "Experience",
would be found inside rows by chance).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from prep_core.model import Requirement
from prep_core.posting import read

CORPUS = Path(__file__).parent / "postings" / "corpus"
LANGUAGES = ("en", "de", "fr", "es", "nl")
REQUIREMENTS = ("must", "nice", "responsibility")
OTHER_LABELS = (
    "title",
    "heading",
    "intro",
    "benefits",
    "salary",
    "legal",
    "apply",
    "process",
    "stack",
    "other",
)
LAYOUTS = frozenset(
    str.split(
        "headings-colon headings-bare bold-headings caps-headings markdown-headings bullets "
        "glyph-own-line inline-bullets numbered lettered nested prose google-min-pref "
        "no-line-breaks hard-wrapped html pdf-hyphenation trailing-paragraph"
    )
)
NEAR = 40  # characters a near match may differ by

# The targets, on the dev split (all languages together).
ROWS_RIGHT, LEAKED, TERMS_RECALL = 0.95, 0.02, 0.85
# The dev split's floors while the targets are not reached: just under what it measures now.
DEV_FLOORS = {"rows_right": 0.88, "leaked": 0.035, "terms_recall": 0.54}
# The test split's floors: just under what it measured when it was first read (see the report
# in the commit that set them); a fall below is a regression.
TEST_FLOORS = {"rows_right": 0.67, "leaked": 0.04, "terms_recall": 0.33}


@dataclass
class Posting:
    path: Path  # the labels file
    text: str  # the posting as pasted
    labels: dict

    @property
    def language(self) -> str:
        return self.labels["language"]

    @property
    def split(self) -> str:
        return self.labels["split"]


def postings(split: str | None = None) -> list[Posting]:
    out = []
    for labels_path in sorted(CORPUS.glob("*/*.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        if split is not None and labels.get("split") != split:
            continue
        [text_path] = [
            p
            for p in labels_path.parent.glob(f"{labels_path.stem}.*")
            if p.suffix in (".txt", ".html")
        ]
        out.append(Posting(labels_path, text_path.read_text(encoding="utf-8"), labels))
    return out


# --- folding and matching -----------------------------------------------------------------------

_GLYPHS = "•▪●◦·‣⁃–—*+►▶▸➢➤→✓✔✅■□◆◇❖○◉-"


def fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("**", "").replace("__", "")
    text = " ".join(text.replace("`", "").lower().split())
    text = text.lstrip(_GLYPHS + " ")
    return text.rstrip(" .;:,!?")


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def same(row: str, segment: str) -> bool:
    a, b = fold(row), fold(segment)
    return bool(a) and (a == b or _bare(a) == _bare(b))


def matches(row: str, segment: str) -> bool:
    a, b = fold(row), fold(segment)
    if not a or not b:
        return False
    if a == b or _bare(a) == _bare(b):
        return True
    short, long = sorted((a, b), key=len)
    rest = len(long) - len(short)
    return short in long and rest <= NEAR and rest <= len(long) / 3


def contains(row: str, segment: str) -> bool:
    folded = fold(segment)
    return len(folded.split()) >= 4 and folded in fold(row)


def found_terms(wanted: list[str], row: Requirement | None) -> int:
    if row is None:
        return 0
    have = {t.lower() for t in row.terms}
    return sum(any(alt.strip().lower() in have for alt in term.split("|")) for term in wanted)


# --- the figures --------------------------------------------------------------------------------


@dataclass
class Figures:
    postings: int = 0
    requirement_segments: int = 0
    rows_right: int = 0
    other_segments: int = 0
    leaked: int = 0
    terms: int = 0
    terms_found: int = 0
    rows: int = 0
    stray_rows: int = 0  # rows that match no requirement segment
    misses: list[str] = field(default_factory=list)  # what went wrong, for the dev split only

    def add(self, other: Figures) -> None:
        for name in (
            "postings",
            "requirement_segments",
            "rows_right",
            "other_segments",
            "leaked",
            "terms",
            "terms_found",
            "rows",
            "stray_rows",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def shares(self) -> dict[str, float]:
        return {
            "rows_right": self.rows_right / max(self.requirement_segments, 1),
            "leaked": self.leaked / max(self.other_segments, 1),
            "terms_recall": self.terms_found / max(self.terms, 1),
        }

    def line(self, name: str) -> str:
        s = self.shares()
        return (
            f"{name:8} {self.postings:3} postings  rows right {s['rows_right']:6.1%} "
            f"({self.rows_right}/{self.requirement_segments})  leaked {s['leaked']:5.1%} "
            f"({self.leaked}/{self.other_segments})  terms recall {s['terms_recall']:6.1%} "
            f"({self.terms_found}/{self.terms})  rows matching no requirement "
            f"{self.stray_rows}/{self.rows}"
        )


def score(posting: Posting) -> Figures:
    rows = read(posting.text).requirements
    segments = posting.labels["segments"]
    figures = Figures(postings=1, rows=len(rows))
    matched_requirement = [False] * len(rows)
    for segment in segments:
        hits = [i for i, row in enumerate(rows) if matches(row.text, segment["text"])]
        exact = [i for i in hits if same(rows[i].text, segment["text"])]
        hits = exact or hits  # a row equal to the segment outranks one that nearly is
        if segment["label"] in REQUIREMENTS:
            figures.requirement_segments += 1
            for i in hits:
                matched_requirement[i] = True
            right = len(hits) == 1 and rows[hits[0]].kind == segment["label"]
            figures.rows_right += right
            wanted = segment.get("terms", [])
            row = rows[hits[0]] if hits else None
            got = found_terms(wanted, row)
            figures.terms += len(wanted)
            figures.terms_found += got
            if not right:
                kinds = [rows[i].kind for i in hits]
                figures.misses.append(f"  {segment['label']:14} {kinds} {segment['text'][:90]}")
            elif got < len(wanted):
                have = row.terms if row else []
                figures.misses.append(f"  terms {wanted} got {have}")
        else:
            figures.other_segments += 1
            leak = bool(hits) or any(contains(row.text, segment["text"]) for row in rows)
            figures.leaked += leak
            if leak:
                figures.misses.append(f"  leaked {segment['label']:8} {segment['text'][:90]}")
    figures.stray_rows = matched_requirement.count(False)
    return figures


def figures_of(split: str) -> dict[str, Figures]:
    """The split's figures per language and for all ("all")."""
    out = {lang: Figures() for lang in (*LANGUAGES, "all")}
    for posting in postings(split):
        figures = score(posting)
        out[posting.language].add(figures)
        out["all"].add(figures)
    return out


def _report(split: str, by_language: dict[str, Figures]) -> None:
    print(f"\n{split} split:")
    for name, figures in by_language.items():
        if figures.postings:
            print(figures.line(name))


# --- the tests ----------------------------------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    reason="the targets are not reached yet (see the printed figures and DEV_FLOORS); strict: "
    "once they are, this marker must go",
)
def test_the_dev_split_reaches_the_targets():
    by_language = figures_of("dev")
    _report("dev", by_language)
    shares = by_language["all"].shares()
    assert by_language["all"].postings >= 30
    assert shares["rows_right"] >= ROWS_RIGHT, shares
    assert shares["leaked"] <= LEAKED, shares
    assert shares["terms_recall"] >= TERMS_RECALL, shares


def test_the_dev_split_stays_above_its_floor():
    """A regression guard while the targets are not reached: just under today's figures."""
    shares = figures_of("dev")["all"].shares()
    assert shares["rows_right"] >= DEV_FLOORS["rows_right"], shares
    assert shares["leaked"] <= DEV_FLOORS["leaked"], shares
    assert shares["terms_recall"] >= DEV_FLOORS["terms_recall"], shares


def test_the_test_split_stays_above_its_floor():
    by_language = figures_of("test")
    _report("test", by_language)
    shares = by_language["all"].shares()
    assert by_language["all"].postings >= 10
    assert shares["rows_right"] >= TEST_FLOORS["rows_right"], shares
    assert shares["leaked"] <= TEST_FLOORS["leaked"], shares
    assert shares["terms_recall"] >= TEST_FLOORS["terms_recall"], shares


def test_the_scoring_can_fail():
    """A reader that takes every line as a must-have scores far below the targets."""
    posting = max(postings("dev"), key=lambda p: p.text.count("\n"))  # one with lines
    every_line = [
        Requirement(text=line.strip(), kind="must")
        for line in posting.text.splitlines()
        if line.strip()
    ]
    right = sum(
        sum(matches(r.text, s["text"]) for r in every_line) == 1 and s["label"] == "must"
        for s in posting.labels["segments"]
        if s["label"] in REQUIREMENTS
    )
    leaked = sum(
        any(matches(r.text, s["text"]) for r in every_line)
        for s in posting.labels["segments"]
        if s["label"] not in REQUIREMENTS
    )
    assert leaked > 0 and right < sum(
        s["label"] in REQUIREMENTS for s in posting.labels["segments"]
    )
    assert matches("Experience with Kafka (a plus)", "Experience with Kafka")
    assert not matches("Experience", "Experience with Kafka and a great many other tools")
    assert found_terms(["SQL databases | databases", "Go"], Requirement(terms=["databases"])) == 1


# --- the corpus files themselves ----------------------------------------------------------------


class _Text(HTMLParser):
    """The text a browser shows: no script, style or head; a block tag is a break, an inline
    tag (a link, bold) nothing."""

    INLINE = frozenset(
        ["a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "u"]
    )
    HIDDEN = frozenset(("script", "style", "head", "template", "noscript"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN and self.hidden > 0
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _folded_quotes(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def _visible(text: str, is_html: bool) -> str:
    if is_html:
        parser = _Text()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return _folded_quotes(text)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_corpus_files_are_well_formed_and_their_segments_are_found_in_order(split):
    problems: list[str] = []
    for labels_path in sorted(CORPUS.glob("*/*.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        if labels.get("split") != split:
            continue
        name = f"{labels_path.parent.name}/{labels_path.stem}"
        texts = [
            p
            for p in labels_path.parent.glob(f"{labels_path.stem}.*")
            if p.suffix in (".txt", ".html")
        ]
        if len(texts) != 1:
            problems.append(f"{name}: {len(texts)} posting files")
            continue
        for key in ("source", "retrieved", "language", "split", "field", "layout", "segments"):
            if key not in labels:
                problems.append(f"{name}: no {key!r}")
        if labels.get("language") != labels_path.parent.name:
            problems.append(f"{name}: language {labels.get('language')!r} in its folder")
        if labels.get("field") not in ("tech", "non-tech"):
            problems.append(f"{name}: field {labels.get('field')!r}")
        if not set(labels.get("layout", [])) <= LAYOUTS:
            problems.append(f"{name}: layouts {set(labels['layout']) - LAYOUTS}")
        text = _visible(texts[0].read_text(encoding="utf-8"), texts[0].suffix == ".html")
        position = 0
        for segment in labels.get("segments", []):
            label = segment.get("label")
            if label not in (*REQUIREMENTS, *OTHER_LABELS):
                problems.append(f"{name}: label {label!r}")
            if ("terms" in segment) != (label in REQUIREMENTS) or not all(
                isinstance(t, str) and t.strip() for t in segment.get("terms", [])
            ):
                problems.append(f"{name}: terms of a {label} segment")
            wanted = _folded_quotes(segment.get("text", ""))
            at = text.find(wanted, position)
            if not wanted or at < 0:
                problems.append(f"{name}: segment not found after the previous one")
                continue
            position = at + len(wanted)
    assert not problems, "\n".join(problems)
