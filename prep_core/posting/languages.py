"""The five languages' wording, read from ``languages/<code>.toml``, and which one a posting is in.

Each file holds one language's section headings by kind, the qualifiers that make a line
nice-to-have, the cue wording of duties and requirements, the words after which a noun phrase is
a term, and its common words (what ``detect`` counts). Adding a language is adding a file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["CODES", "DEFAULT", "Language", "detect", "language", "languages"]

DEFAULT = "en"
# Every file of languages/ is a language: English first (the default), then by code.
CODES = tuple(
    sorted(
        (
            f.name.removesuffix(".toml")
            for f in resources.files("prep_core.posting").joinpath("languages").iterdir()
            if f.name.endswith(".toml")
        ),
        key=lambda code: (code != DEFAULT, code),
    )
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SAMPLE = 20_000  # characters looked at: a posting's language shows in its first pages


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    headings: dict[str, str]  # wording (lower case) -> kind of section
    qualifiers: tuple[str, ...]  # wordings that make a line nice-to-have
    responsibility_cues: tuple[str, ...]  # a sentence starting so is a duty
    responsibility_endings: tuple[str, ...]  # ... or whose first word ends so ("Supporting")
    must_cues: tuple[str, ...]  # a sentence holding one of these asks for something
    term_cues: tuple[str, ...]  # "experience with": a noun phrase follows
    stop: frozenset[str]  # words that end that noun phrase
    generic: frozenset[str]  # words never a term on their own
    compound_tails: tuple[str, ...]  # second halves of compounds ("kenntnisse")
    common: frozenset[str]  # the words that tell the language


def norm(text: str) -> str:
    """Lower case, straight apostrophes, single spaces: how wordings are compared."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").lower()
    return " ".join(text.split())


@cache
def language(code: str) -> Language:
    """The language ``code`` (one of ``CODES``); an unknown code is English."""
    code = code if code in CODES else DEFAULT
    raw = tomllib.loads(
        resources.files("prep_core.posting").joinpath(f"languages/{code}.toml").read_text("utf-8")
    )
    headings: dict[str, str] = {}
    for kind, wordings in raw["headings"].items():
        for wording in wordings:
            headings.setdefault(norm(wording), kind)
    terms = raw.get("terms", {})
    return Language(
        code=code,
        name=raw["name"],
        headings=headings,
        qualifiers=tuple(sorted({norm(q) for q in raw["qualifiers"]["nice"]}, key=len)),
        responsibility_cues=tuple(norm(c) for c in raw["cues"]["responsibility"]),
        responsibility_endings=tuple(raw["cues"].get("responsibility_endings", [])),
        must_cues=tuple(norm(c) for c in raw["cues"]["must"]),
        term_cues=tuple(sorted({norm(c) for c in terms.get("after", [])}, key=len, reverse=True)),
        stop=frozenset(norm(w) for w in terms.get("stop", [])),
        generic=frozenset(norm(w) for w in terms.get("generic", [])),
        compound_tails=tuple(norm(w) for w in terms.get("compound_tails", [])),
        common=frozenset(norm(w) for w in raw["detect"]["words"]),
    )


def languages() -> tuple[Language, ...]:
    return tuple(language(code) for code in CODES)


def detect(text: str) -> str:
    """The language of ``text``: the one whose common words it uses most (English on a tie or
    with no words at all)."""
    counts = dict.fromkeys(CODES, 0)
    common = [(lang.code, lang.common) for lang in languages()]
    for word in _WORD.findall(text[:_SAMPLE].lower()):
        for code, words in common:
            if word in words:
                counts[code] += 1
    best = max(CODES, key=lambda code: (counts[code], code == DEFAULT))
    return best if counts[best] else DEFAULT
