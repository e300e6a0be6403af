"""The company's vocabulary, computed in one place, and where its terms occur in a text.

ARCHITECTURE.md ("The analysis layer"): the vocabulary is shared by practice feedback, coverage,
voice transcription hints and the "don't ask what you already know" check, so every one of them
calls ``vocabulary(profile)`` and ``TextIndex.uses(term)`` rather than matching words itself.

Matching, measured on ``tests/test_vocabulary.py``'s labelled pairs:
- a one-word term matches a whole word, case-insensitively, after light stemming (plurals and
  possessives), or two adjacent words written apart ("Tensor Flow" for "TensorFlow");
- a term of one or two characters ("Go", "R", "C") matches only as that exact word, case kept,
  so "go" the verb and "good" never count;
- a multi-word term matches its stemmed words in order, or written as one word ("springboot"),
  or fuzzily: each of its content words (stop words left out) side by side among the text's
  content words, in any order, a word of six letters or more also when spelt alike (rapidfuzz
  ``ratio`` at least ``FUZZY_THRESHOLD``); from four content words on, one may be missing.
  "micro-services architecture", "personalised recommendation" and "loosely coupled, highly
  aligned" count; "good cloud services" for "Google Cloud services", "computer science
  vision" for "computer vision" and "continuous discovery" for "Continuous Delivery" do not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pydantic import BaseModel

from prep_core.model import Profile
from prep_core.wording import STOP_WORDS, content_words, raw_words, stem, words

FUZZY_THRESHOLD = 90  # rapidfuzz ratio of two words: "personalised" ~ "personalized" (92),
# not "contented" ~ "content" (88), "production" ~ "product" (82), "discovery" ~ "delivery" (70)
FUZZY_MIN_LENGTH = 6  # shorter words must match exactly: "mail" is not "ML", "good" not "Google"
SHORT_TERM = 2  # characters: shorter terms only match as the exact word
MAX_TERM_WORDS = 6  # a longer list entry is a sentence, not a term: it is cut into chunks

# Where terms come from, in order of relevance: the first source of a term names it.
SOURCE_LABELS: dict[str, str] = {
    "company": "the company's name",
    "core_values": "core values",
    "products": "products and services",
    "tech_stack": "technology stack",
    "keywords": "keywords to emphasise",
    "competitors": "competitors",
    "responsibilities": "role responsibilities",
    "posting": "the job posting",
    "names": "names the profile repeats",
}


@dataclass(frozen=True)
class Term:
    """One term of the company's vocabulary and where it comes from (a key of SOURCE_LABELS)."""

    text: str
    source: str

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    def to_dict(self) -> dict[str, str]:
        return {"term": self.text, "source": self.source}


# --- the vocabulary ---------------------------------------------------------------------------

_PARENTHESES = re.compile(r"\(([^()]*)\)")
_SLASH = re.compile(r"(?<=\w\w)/(?=\w\w)")  # "PyTorch/TensorFlow" splits, "A/B" does not
# Names written with a slash that are one thing, not two: never split.
SLASH_NAMES = frozenset({"pub/sub", "ci/cd", "a/b", "tcp/ip", "i/o", "ui/ux", "ux/ui", "r&d"})
_SLASH_WORD = re.compile(r"[\w.+#-]+/[\w.+#/-]+")
# "end to end", "day to day": an idiom, not the end of a term ("data products end").
_IDIOM = re.compile(r"\b(\w+)[\s-]+(?:to|by|on|for)[\s-]+\1\b", re.I)
COMMON_ZIPF = 4.3  # wordfreq: a single word this common ("features", "build") is no term
# 2 to 4 capitalised words in a row ("Studio Media Algorithms", "Data & Insights").
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’]*(?:[ \t]+(?:&[ \t]+|of[ \t]+|and[ \t]+)?[A-Z][\w'’]*){1,3}\b"
)
_WORD_AS_WRITTEN = re.compile(r"(?<![\w'’])([A-Za-z][a-z]{3,})(?![\w'’])")
_CHUNK_BREAK = re.compile(r"[,;:.!?&\"“”()\[\]]|\s[-–—]\s|\n")
_LEADING_FILL = re.compile(r"^(?:(?:some|other|the|a|an|our|their|its)\s+)+", re.I)


def _split_slashes(text: str, by: str) -> str:
    """ "PyTorch/TensorFlow" -> two names, but "Pub/Sub" and "CI/CD" stay one."""
    return _SLASH_WORD.sub(
        lambda m: m.group(0) if m.group(0).lower() in SLASH_NAMES else _SLASH.sub(by, m.group(0)),
        text,
    )


def _names(items: Iterable[str]) -> list[str]:
    """Names from a list of names: "AWS (primary)" -> "AWS", "PyTorch/TensorFlow" -> both."""
    out = []
    for item in items:
        item = _PARENTHESES.sub(" ", item)
        for part in _split_slashes(item, "\n").split("\n"):
            part = _LEADING_FILL.sub("", " ".join(part.split())).strip(" ,;:.")
            out.append(part)
    return out


def _chunks(text: str, *, drop_leading_verb: bool = False) -> list[str]:
    """Key terms of a phrase or sentence: its runs of words between stop words and punctuation.

    "Building infrastructure for ML model training, deployment" -> "infrastructure",
    "ML model training", "deployment" (with ``drop_leading_verb``, as responsibilities start
    with one). A parenthesis is a chunk of its own.
    """
    out = []
    text = _IDIOM.sub(",", text)
    for piece in _CHUNK_BREAK.split(_split_slashes(text, ",")):
        run: list[str] = []
        for word in [*piece.split(), ""]:
            if word and word.lower().strip("'’") not in STOP_WORDS:
                run.append(word)
                continue
            if run and drop_leading_verb and _leading_verb(run[0]):
                run = run[1:]
            if run:
                out.append(" ".join(run))
            run = []
    return out


# Verbs a responsibility starts with ("Build features", "Own the roadmap"): not part of a term.
_LEADING_VERBS = frozenset(
    re.findall(
        r"\w+",
        """build design develop own drive lead create deliver maintain implement manage work
        partner collaborate support improve help ensure write ship define mentor run scale
        optimize optimise deploy architect establish shape contribute identify translate make""",
    )
)


def _leading_verb(word: str) -> bool:
    lowered = word.lower()
    return (len(lowered) > 4 and lowered.endswith("ing")) or lowered in _LEADING_VERBS


def _company(profile: Profile) -> list[str]:
    return [profile.company]


def _core_values(profile: Profile) -> list[str]:
    return _names(profile.mission.core_values)


def _products(profile: Profile) -> list[str]:
    texts = (
        profile.overview.key_products,
        profile.products.product_lines,
        profile.products.key_services,
    )
    return [chunk for text in texts for chunk in _chunks(text)]


def _tech_stack(profile: Profile) -> list[str]:
    stack = profile.tech_stack
    lists = (stack.languages, stack.frameworks, stack.cloud, stack.data_ml_tools, stack.practices)
    return _names(item for items in lists for item in items)


def _repeated(profile: Profile) -> list[str]:
    """Names the profile repeats: runs of capitalised words ("Studio Media Algorithms"), a
    capitalised word inside a sentence that is no everyday word ("Wrapped"), and coined words no
    dictionary knows ("daylist"), each written at least twice."""
    return list(_repeated_names(tuple(_texts(profile))))


# Fields that hold no prose to find names in (ids, links, dates, practice history, sources).
_NOT_TEXT = frozenset({"id", "url", "attempts", "mock_rounds", "fact_dates", "sources", "time"})


def _texts(value: object) -> Iterable[str]:
    """Every string of a profile, walked by attribute (a dump of a large profile costs more)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_TEXT:
                yield from _texts(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@lru_cache(maxsize=16)
def _repeated_names(texts: tuple[str, ...]) -> tuple[str, ...]:
    from wordfreq import zipf_frequency

    runs: Counter[str] = Counter()
    coined: Counter[str] = Counter()
    for text in texts:
        for match in _NAME_RUN.finditer(text):
            run = match.group(0).split()
            while run and run[0].lower() in STOP_WORDS:  # "The", "Our", "How"
                run = run[1:]
            if len(run) >= 2 and run[-1] not in ("&", "of", "and"):
                runs[" ".join(run)] += 1
        for word in _WORD_AS_WRITTEN.findall(text):
            if zipf_frequency(word.lower(), "en") == 0:
                coined[word] += 1
        tokens = text.split()
        for i, token in enumerate(tokens):
            word = token.strip(".,;:!?\"'()“”‘’")
            before = tokens[i - 1] if i else "."
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            # a capitalised word inside a sentence, alone ("the annual Wrapped campaign")
            alone = before.islower() and before[-1].isalpha() and not after[:1].isupper()
            if alone and len(word) > 2 and word[0].isupper() and word[1:].islower():
                coined[word] += zipf_frequency(word.lower(), "en") < COMMON_ZIPF
    names = [name for name, n in runs.items() if n >= 2]
    return tuple(names + [word for word, n in coined.items() if n >= 2])


def _keywords(profile: Profile) -> list[str]:
    return [chunk for keyword in profile.prep.keywords for chunk in _chunks(keyword)]


def _competitors(profile: Profile) -> list[str]:
    return _names(profile.competitors.direct)


def _responsibilities(profile: Profile) -> list[str]:
    items = profile.role.responsibilities
    return [chunk for item in items for chunk in _chunks(item, drop_leading_verb=True)]


def _posting(profile: Profile) -> list[str]:
    """The posting's key terms: of the person's requirement rows, or extracted from the text."""
    if profile.requirements:
        kept = [r for r in profile.requirements if r.text and not r.dropped]
        order = {"must": 0, "responsibility": 1, "nice": 2}
        kept.sort(key=lambda r: order[r.kind])
        return [t for r in kept for t in r.terms if not t.endswith("+ years")]
    return list(_posting_terms(profile.job_posting)) if profile.job_posting.strip() else []


@lru_cache(maxsize=16)
def _posting_terms(text: str) -> tuple[str, ...]:
    from prep_core.posting import posting_terms

    return tuple(posting_terms(text))


# The one list of sources, most relevant first.
SOURCES: tuple[tuple[str, Callable[[Profile], list[str]]], ...] = (
    ("company", _company),
    ("core_values", _core_values),
    ("products", _products),
    ("tech_stack", _tech_stack),
    ("keywords", _keywords),
    ("competitors", _competitors),
    ("responsibilities", _responsibilities),
    ("posting", _posting),
    ("names", _repeated),  # last: a name another source has keeps that source
)


# Sources of running text: a single common word from them ("features", "Build") is no term. Lists
# of names (values, the stack, competitors) keep every entry.
PROSE_SOURCES = frozenset({"products", "keywords", "responsibilities", "posting"})


def vocabulary(profile: Profile) -> list[Term]:
    """The company's terms, most relevant source first, each once (compared by stemmed words)."""
    seen: set[tuple[str, ...]] = set()
    terms = []
    for source, extract in SOURCES:
        for text in extract(profile):
            text = " ".join(text.split()).strip(" ,;:.-")
            key = tuple(stem(w) for w in words(text))
            if not key or key in seen or all(w in STOP_WORDS for w in key):
                continue
            if source in PROSE_SOURCES and _common_word(text):
                continue
            if len(key) > MAX_TERM_WORDS:  # a sentence in a list of names: use its key terms
                for chunk in _chunks(text):
                    chunk_key = tuple(stem(w) for w in words(chunk))
                    if chunk_key and chunk_key not in seen and len(chunk_key) <= MAX_TERM_WORDS:
                        seen.add(chunk_key)
                        terms.append(Term(chunk, source))
                continue
            seen.add(key)
            terms.append(Term(text, source))
    return terms


def _common_word(text: str) -> bool:
    """One everyday word ("features", "Build", "research"), not a name such as "GPU" or "Spark"."""
    if " " in text or not text.isalpha() or (text.isupper() and len(text) > 1):
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(text.lower(), "en") >= COMMON_ZIPF


# --- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    """A term prepared for matching (cached per term text)."""

    exact: str  # the exact word for a short term, else ""
    stems: tuple[str, ...]
    content: tuple[str, ...]

    @property
    def phrase(self) -> str:
        return f" {' '.join(self.stems)} "


@lru_cache(maxsize=4096)
def _pattern(text: str) -> _Pattern:
    raw = raw_words(text)
    if len(raw) == 1 and len(raw[0]) <= SHORT_TERM:
        return _Pattern(raw[0], (), ())
    stems = tuple(stem(w) for w in words(text))
    return _Pattern("", stems, tuple(content_words(words(text))) or stems)


@dataclass
class TextIndex:
    """One text (an answer, a transcript) indexed once, to test many terms against it."""

    text: str
    _near: dict[str, list[int]] = field(default_factory=dict, repr=False)

    @cached_property
    def _raw(self) -> frozenset[str]:
        return frozenset(raw_words(self.text))

    @cached_property
    def _stems(self) -> list[str]:
        return [stem(w) for w in words(self.text)]

    @cached_property
    def _stem_set(self) -> frozenset[str]:
        joined = {a + b for a, b in zip(self._stems, self._stems[1:], strict=False)}
        return frozenset(self._stems) | joined

    @cached_property
    def _joined(self) -> str:
        return f" {' '.join(self._stems)} "

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        """Content words (and adjacent pairs written as one) -> their positions."""
        content = content_words(words(self.text))
        positions: dict[str, list[int]] = {}
        for i, word in enumerate(content):
            positions.setdefault(word, []).append(i)
            if i + 1 < len(content):
                positions.setdefault(word + content[i + 1], []).extend((i, i + 1))
        return positions

    def uses(self, term: Term | str) -> bool:
        """Whether the text uses ``term`` (whole words, stemmed; fuzzy for multi-word terms)."""
        pattern = _pattern(term.text if isinstance(term, Term) else term)
        if pattern.exact:
            return pattern.exact in self._raw
        if not pattern.stems:
            return False
        if len(pattern.stems) == 1:
            return pattern.stems[0] in self._stem_set
        if pattern.phrase in self._joined or "".join(pattern.stems) in self._stem_set:
            return True  # in order, or written as one word ("springboot")
        return self._fuzzy(pattern.content)

    def _fuzzy(self, content: tuple[str, ...]) -> bool:
        """Every content word of the term (all but one from four words on) side by side among
        the text's content words, in any order, each spelt alike (``FUZZY_THRESHOLD``)."""
        if len(content) < 2:
            return False  # a single content word is matched exactly above
        allowed_missing = 1 if len(content) >= 4 else 0
        found = [self._near_word(word) for word in content]
        if sum(not spots for spots in found) > allowed_missing:
            return False
        events = sorted((spot, n) for n, spots in enumerate(found) for spot in spots)
        # Two or three words must be adjacent once stop words are left out ("computer science
        # vision" is not "computer vision"); longer terms may have one word between.
        span = len(content) - 1 + (len(content) >= 4)
        need = len(content) - allowed_missing
        inside: dict[int, int] = {}
        start = 0
        for spot, n in events:  # a sliding window over positions, counting distinct words
            inside[n] = inside.get(n, 0) + 1
            while spot - events[start][0] > span:
                first = events[start][1]
                inside[first] -= 1
                if not inside[first]:
                    del inside[first]
                start += 1
            if len(inside) >= need:
                return True
        return False

    def _near_word(self, word: str) -> list[int]:
        """Positions of ``word`` in the text's content words; a long word also spelt alike."""
        if word not in self._near:
            spots = list(self._positions.get(word, ()))
            if len(word) >= FUZZY_MIN_LENGTH:
                from rapidfuzz import fuzz, process

                for other, _, _ in process.extract(
                    word,
                    list(self._positions),
                    scorer=fuzz.ratio,
                    score_cutoff=FUZZY_THRESHOLD,
                    limit=None,
                ):
                    if other != word:
                        spots += self._positions[other]
            self._near[word] = spots
        return self._near[word]


def terms_used(terms: Iterable[Term], text: str) -> list[Term]:
    """The terms ``text`` uses, in the order given."""
    index = TextIndex(text)
    return [term for term in terms if index.uses(term)]


def hotwords(profile: Profile, limit: int = 40) -> str:
    """The vocabulary as a transcription hint: the most relevant terms, comma-separated."""
    return ", ".join(term.text for term in vocabulary(profile)[:limit])


__all__ = [
    "FUZZY_THRESHOLD",
    "SOURCES",
    "SOURCE_LABELS",
    "Term",
    "TextIndex",
    "hotwords",
    "terms_used",
    "vocabulary",
]
