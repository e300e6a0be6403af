"""A row's kind: from its section's heading first, from its own wording when that is not enough.

- Under a must-have heading, a line whose wording makes it optional ("would be a plus", "von
  Vorteil", "un plus", "een pré", "se valorará": the language's qualifiers) is nice-to-have.
- Under a "role" heading (duties and requirements mixed) and in a posting without any requirement
  heading, the cue wording decides: a sentence starting as a duty ("you will", "du entwickelst",
  "vous participerez", a verb) is a responsibility, one naming what is asked ("experience",
  "Kenntnisse", "maîtrise") a must-have, a qualified one nice-to-have; a sentence with no cue
  (the company's pitch) is no row.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from prep_core.posting.languages import CODES, DEFAULT, language, norm

__all__ = ["by_cues", "is_optional"]


@cache
def _pattern(phrases: tuple[str, ...], anchored: bool) -> re.Pattern[str]:
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    start = r"^(?:[\W\d_]*)" if anchored else r"(?<!\w)"
    return re.compile(rf"{start}(?:{body})(?!\w)")


def _languages(lang: str) -> tuple[str, ...]:
    return (lang,) if lang == DEFAULT else (lang, DEFAULT)


@lru_cache(maxsize=4096)  # a pasted list repeats its lines
def is_optional(text: str, lang: str) -> bool:
    """Whether the line's own wording makes the whole line nice-to-have: a qualifier that
    starts it ("Ideally, ...") or ends its only clause ("Kafka is a plus"). One after a comma,
    a semicolon, a sentence's end or in brackets qualifies only that part ("German, English
    von Vorteil" asks for German): the line stays a must-have."""
    key = norm(text)
    for code in CODES:  # postings mix languages ("Kenntnisse in Terraform" under "Requirements")
        for match in _pattern(language(code).qualifiers, False).finditer(key):
            if match.start() == 0 or not _CLAUSE.search(key, 0, match.start()):
                return True
            predicate = key[match.start() :].startswith(_VERBS)
            if predicate and not _CLAUSE.search(key.replace(",", " "), 0, match.start()):
                return True  # "Kennis van Azure, Xamarin en lowcode is een pré": all of it
    return False


_CLAUSE = re.compile(r"[,;(]|[.!?:]\s")
_VERB_WORDS = "is are ist sind wäre wären would est sont serait sera es son sería será zijn zou"
_VERBS = tuple(f"{verb} " for verb in _VERB_WORDS.split(" "))


@lru_cache(maxsize=4096)
def by_cues(text: str, lang: str, *, leading: bool = False, endings: bool = True) -> str | None:
    """``"nice"``, ``"responsibility"`` or ``"must"`` by the sentence's wording, or None.
    ``leading``: a must cue counts only where the sentence starts ("You have ...", not "...
    experts with years of experience"): under a "role" heading, most prose is the pitch.
    ``endings``: a first word's ending ("Supporting ...") counts as a duty's cue."""
    key = norm(text)
    codes = _languages(lang)
    if any(_pattern(language(c).responsibility_cues, True).search(key) for c in codes):
        return "responsibility"
    first = key.split(" ", 1)[0]
    if (
        endings
        and len(first) > 5
        and any(first.endswith(language(c).responsibility_endings or "\0") for c in codes)
    ):
        return "responsibility"
    if any(_pattern(language(c).must_cues, leading).search(key) for c in codes):
        return "nice" if is_optional(text, lang) else "must"
    if is_optional(text, lang):
        return "nice"
    return None
