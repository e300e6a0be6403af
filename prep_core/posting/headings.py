"""What a heading means: ``meaning(heading, language) -> kind | None``.

The most specific wording wins: every run of words of the heading is looked up in the
languages' heading tables (``languages/<code>.toml``), and the longest wording found gives the
kind, so "What you'll bring" is a must-have section although it holds "you'll", and "Preferred
qualifications" is nice-to-have although it holds "qualifications". The posting's language is
asked first and English second (many postings mix them), then the others.
"""

from __future__ import annotations

import re

from prep_core.posting.languages import CODES, DEFAULT, language, norm

__all__ = ["NOT_ROWS", "REQUIREMENT_KINDS", "SECTION_KINDS", "coverage_of", "meaning"]

REQUIREMENT_KINDS = ("must", "nice", "responsibility")
# Sections that hold no requirement: their lines never become rows.
NOT_ROWS = ("intro", "benefits", "salary", "legal", "apply", "process", "stack", "contact")
# "role": duties and requirements mixed ("About the role"): its lines go by their cue wording.
SECTION_KINDS = (*REQUIREMENT_KINDS, "role", *NOT_ROWS)

_MAX_WORDS = 12
_EDGES = " :*_#-–—|•·.!?()[]\"'“”«»"
_TOKEN = re.compile(r"[^\s/&,;]+|&")


def _words(text: str) -> list[str]:
    return [w.strip(_EDGES) for w in _TOKEN.findall(norm(text)) if w.strip(_EDGES)]


def coverage_of(text: str, lang: str = DEFAULT) -> tuple[str | None, float]:
    """``(kind, share)``: the kind of the most specific wording in ``text`` and the share of the
    text's words that wording covers (1.0 for a heading that is only the wording)."""
    words = _words(text)
    if not words or len(words) > _MAX_WORDS:
        return None, 0.0
    order = [lang, DEFAULT, *(c for c in CODES if c not in (lang, DEFAULT))]
    tables = [language(code).headings for code in dict.fromkeys(order)]
    best: tuple[int, int, str, int] | None = None  # (characters, -table rank, kind, words)
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            for rank, table in enumerate(tables):
                kind = table.get(phrase)
                if kind is not None:
                    candidate = (len(phrase), -rank, kind, size)
                    if best is None or candidate[:2] > best[:2]:
                        best = candidate
                    break
    if best is None:
        return None, 0.0
    return best[2], best[3] / len(words)


def meaning(text: str, lang: str = DEFAULT) -> str | None:
    """The kind of section a heading names (one of ``SECTION_KINDS``), or None."""
    return coverage_of(text, lang)[0]
