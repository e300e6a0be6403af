"""A job posting's requirements: ``requirements(text) -> list[Requirement]``, pure.

The posting's requirement rows (``must``, ``nice``, ``responsibility``), each with its language
and key terms, feed the coverage matrix and the vocabulary. One job per module:

    cleanup.py     pasted text made plain lines: HTML, PDF hyphenation, bullet glyphs, numbers
    languages.py   the five languages' wording (``languages/<code>.toml``) and ``detect``
    layout.py      headings, list items and text; inline headings in lines that lost their breaks
    headings.py    what a heading means: the most specific wording wins
    kinds.py       nice-to-have qualifiers; duties and requirements by cue wording
    terms.py       key terms: the alias table ``terms.toml``, noun phrases, compounds, names
    reader.py      ``read(text) -> Reading``: the rows, the language, what to tell the person
    merge.py       ``merge_requirements``: re-extract without touching the person's edits

Measured on ``tests/postings/corpus/`` (real postings labelled line by line, a dev split the
rules were tuned on and a test split never looked at): ``tests/test_posting_corpus.py``.
"""

from __future__ import annotations

from functools import lru_cache

from prep_core.model import Requirement
from prep_core.posting.cleanup import MAX_POSTING, PostingTooLong
from prep_core.posting.headings import meaning as heading_kind
from prep_core.posting.languages import CODES as LANGUAGES
from prep_core.posting.languages import detect as detect_language
from prep_core.posting.merge import merge_requirements
from prep_core.posting.reader import NO_HEADINGS, NO_REQUIREMENT_HEADINGS, Reading, read
from prep_core.posting.terms import TERMS, terms_of

__all__ = [
    "LANGUAGES",
    "MAX_POSTING",
    "NO_HEADINGS",
    "NO_REQUIREMENT_HEADINGS",
    "TERMS",
    "PostingTooLong",
    "Reading",
    "detect_language",
    "heading_kind",
    "merge_requirements",
    "notes",
    "posting_terms",
    "read",
    "requirements",
    "terms_of",
]


def requirements(text: str) -> list[Requirement]:
    """The posting's requirement rows, in the posting's order, each with its key terms.

    >>> [(r.kind, r.text, r.terms) for r in requirements("Requirements:\\n- 3+ years of K8s")]
    [('must', '3+ years of K8s', ['3+ years', 'Kubernetes'])]
    """
    return read(text).requirements


@lru_cache(maxsize=8)
def notes(text: str) -> tuple[str, ...]:
    """What the person should know about how the posting was read ("no headings were found")."""
    return read(text).notes if text.strip() else ()


def posting_terms(text: str) -> list[str]:
    """The posting's key terms, must-haves' first, each once: the vocabulary's "posting" source."""
    rows = requirements(text) if text.strip() else []
    order = {"must": 0, "responsibility": 1, "nice": 2}
    out: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: order[r.kind]):
        for term in row.terms:
            if not term.endswith("+ years"):
                out.setdefault(term.lower(), term)
    return list(out.values())
