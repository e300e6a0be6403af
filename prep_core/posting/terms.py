"""Key terms of a requirement: ``terms_of(text, language=...) -> list[str]``, canonical.

Rules, in order; a later rule never takes words an earlier one took:
1. Years of experience: "5+ years", "3-5 years", "mindestens 3 Jahre", "5 ans", "3 años",
   "2 jaar" -> "N+ years".
2. The alias table ``TERMS`` (``terms.toml``): canonical English name -> the ways postings write
   it, in any of the five languages ("K8s" -> Kubernetes, "maschinelles Lernen" -> machine
   learning). Whole words, any case, longest first; a few names that are also common words
   ("=Go", "=R", "=Ray") only as written.
3. German and Dutch compounds split against the table: "Pythonkenntnisse" -> Python,
   "Netzwerksicherheit" -> security.
4. "<word> pipeline(s)": a kind of pipeline ("feature pipelines").
5. The noun phrase after a cue of the language ("experience with X", "Kenntnisse in X",
   "maîtrise de X", "ervaring met X", "conocimientos de X"), up to a stop word or punctuation:
   lower-case skills no table lists ("state management", "Lagerverwaltung").
6. Names the table does not know: a word with an inner capital or digit ("NeurIPS"), an
   acronym ("WCAG"), and, except in German (which capitalises every noun), a capitalised word
   that does not start the line or a sentence ("Stripe"); adjacent ones form one name.

Every pass is linear in the line's length: what is taken is a byte per character.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources

from prep_core.posting.languages import DEFAULT, language

__all__ = ["MAX_TERMS", "TERMS", "terms_of"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_TERMS = 200  # terms of one row: a line naming more is a list pasted by mistake

TERMS: dict[str, tuple[str, ...]] = {
    name: tuple(forms)
    for name, forms in tomllib.loads(
        resources.files("prep_core.posting").joinpath("terms.toml").read_text("utf-8")
    ).items()
}


def _compile(exact: bool) -> re.Pattern[str]:
    variants = [
        (v[1:] if exact else v, name)
        for name, forms in TERMS.items()
        for v in forms
        if v.startswith("=") == exact
    ]
    variants.sort(key=lambda pair: len(pair[0]), reverse=True)
    body = "|".join(re.escape(v) for v in dict(variants))
    flags = 0 if exact else re.IGNORECASE
    return re.compile(rf"(?<![\w+#/&.])(?:{body})(?![\w+#&]|/\w|\.\w)", flags)


_BY_FORM = {
    (v[1:] if v.startswith("=") else v.lower()): name
    for name, forms in TERMS.items()
    for v in forms
}
# One-word forms in lower case, for compounds (exact forms such as "=Go" would split "Gothic").
_COMPOUND_FORMS = {
    v: name for name, forms in TERMS.items() for v in forms if " " not in v and v[:1] != "="
}
_TABLE_FOLDED = _compile(False)
_TABLE_EXACT = _compile(True)
_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)
_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS)}
_YEARS = re.compile(
    r"(?i)(?<![\w.])(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s?\+?\s?"
    r"(?:(?:-|–|to|bis|à|a|tot)\s?\d{1,2}\s?\+?\s?)?"
    r"(?:years?|yrs?|jahre?n?|ans|années|años|jaar|jaren)\b"
)
_PIPELINE = re.compile(r"(?i)\b([a-z]{3,})[ -]pipelines?\b")
_NAME = re.compile(r"[A-Za-z][\w.+#/-]*[\w+#]")
_WORD = re.compile(r"[^\W_][\w+#./'’-]*[\w+#]|[^\W_]")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_STOP_PIPELINE = _set("the our your their and build building new robust scalable")
# Capitalised words that are never names: pronouns, degrees, words of a title.
_NOT_NAMES = _set(
    """You Your We Our They Their It This That These The A An And Or Of In On For With To At By
    As If Is Are Be Bachelor Bachelors Master Masters MS BS BA MA MSc BSc PhD MBA Degree US USA
    EU UK CV HR PTO CEO CTO VP OK ID TBD I IT Senior Junior Lead Staff Principal Engineer
    Engineers Team Teams Remote Hybrid Must Nice Bonus Plus Strong Experience Knowledge
    Vous Nous Tu Le La Les Un Une Des Et Ou Avec Pour Votre Notre Vos Nos De Du En Tes Ton
    Je Jij Wij Het Een En Of Met Voor Jouw Onze Van Bij Als
    Tú Tu Su Sus El Los Las Con Para Por Y Nuestro Nuestra Del Al Se"""
)
_EDGE = " ,;:.()[]\"'“”«»!?-–—/"


def terms_of(text: str, *, language: str = DEFAULT, german: bool = False) -> list[str]:
    """Key terms of one requirement, canonical, in the order they appear, each once (at most
    ``MAX_TERMS``). ``german=True`` is the older spelling of ``language="de"``."""
    lang = "de" if german else language
    taken = bytearray(len(text))
    found: list[tuple[int, str]] = []

    def free(start: int, end: int) -> bool:
        return taken.find(1, start, end) < 0

    def take(start: int, end: int, term: str) -> None:
        taken[start:end] = b"\x01" * (end - start)
        found.append((start, term))

    for match in _YEARS.finditer(text):
        number = match.group(1).lower()
        count = _NUMBERS.get(number)
        take(match.start(), match.end(), f"{count if count is not None else int(number)}+ years")
    for match in _TABLE_FOLDED.finditer(text):
        if free(match.start(), match.end()):
            take(match.start(), match.end(), _BY_FORM[match.group().lower()])
    for match in _TABLE_EXACT.finditer(text):
        if free(match.start(), match.end()):
            take(match.start(), match.end(), _BY_FORM[match.group()])
    if lang in ("de", "nl"):
        for start, end, term in _compounds(text, lang):
            if free(start, end):
                take(start, end, term)
    for match in _PIPELINE.finditer(text):
        if free(match.start(), match.end()) and match.group(1).lower() not in _STOP_PIPELINE:
            take(match.start(), match.end(), f"{match.group(1).lower()} pipelines")
    for start, end, phrase in _after_cues(text, lang):
        if phrase and free(start, end):
            take(start, end, phrase)
    for start, end, name in _names(text, german=lang == "de"):
        if free(start, end):
            take(start, end, name)
    out: dict[str, str] = {}
    for _, term in sorted(found):
        out.setdefault(term.lower(), term)
        if len(out) >= MAX_TERMS:
            break
    return list(out.values())


def _compounds(text: str, lang: str) -> Iterable[tuple[int, int, str]]:
    """Compounds whose first half is a table form and second half a known tail or form
    ("Pythonkenntnisse", "Datenbankentwicklung"), or whose second half is a form
    ("Netzwerksicherheit")."""
    tails = language(lang).compound_tails
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) < 8 or "-" in word:
            continue
        for cut in range(len(word) - 3, 2, -1):
            head, tail = word[:cut], word[cut:]
            if head in _COMPOUND_FORMS and (tail in tails or tail in _COMPOUND_FORMS):
                yield match.start(), match.end(), _COMPOUND_FORMS[head]
                break
            if len(tail) >= 5 and tail in _COMPOUND_FORMS and cut >= 3:
                yield match.start(), match.end(), _COMPOUND_FORMS[tail]
                break


@cache
def _cue_pattern(lang: str) -> re.Pattern[str] | None:
    cues = {c for code in dict.fromkeys((lang, DEFAULT)) for c in language(code).term_cues}
    if not cues:
        return None
    body = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{body})(?!\w)'?")


def _after_cues(text: str, lang: str) -> Iterable[tuple[int, int, str]]:
    """Noun phrases after "experience with", "Kenntnisse in", "maîtrise de" ...: each part of
    the phrase ("X, Y and Z") up to a stop word, at most four words, no generic word alone."""
    pattern = _cue_pattern(lang)
    if pattern is None:
        return
    codes = tuple(dict.fromkeys((lang, DEFAULT)))
    stop = frozenset().union(*(language(c).stop for c in codes))
    generic = frozenset().union(*(language(c).generic for c in codes))
    for cue in pattern.finditer(text):
        words: list[re.Match[str]] = []
        position, skipped = cue.end(), 0
        for match in _WORD.finditer(text, position):
            if text[position : match.start()].strip() or len(words) >= _PHRASE_WORDS:
                break  # punctuation, or enough words, ends the phrase
            word = match.group().lower()
            position = match.end()
            if word in stop or word[:1].isdigit():
                if words:
                    yield _phrase(text, words, generic)
                    words = []
                    if word in _CONJUNCTIONS:
                        continue  # "X and Y": Y is a term too
                    break
                skipped += 1
                if skipped > 2:
                    break
                continue  # "knowledge of the": leading stop words
            words.append(match)
        if words:
            yield _phrase(text, words, generic)


_PHRASE_WORDS = 4
_CONJUNCTIONS = _set("and or und oder sowie et ou y o e u en of")


def _phrase(text: str, words: list[re.Match[str]], generic: frozenset[str]) -> tuple[int, int, str]:
    start, end = words[0].start(), words[-1].end()
    phrase = text[start:end].strip(_EDGE)
    if len(words) == 1 and phrase.lower() in generic:
        return start, start, ""
    return start, end, phrase


def _names(text: str, *, german: bool) -> Iterable[tuple[int, int, str]]:
    """Names the table does not know: inner capitals, acronyms, capitalised words mid-sentence."""
    run: list[re.Match[str]] = []
    previous_end = 0

    def close() -> Iterable[tuple[int, int, str]]:
        if run:
            yield run[0].start(), run[-1].end(), " ".join(m.group() for m in run)

    for match in _NAME.finditer(text):
        word = match.group()
        before = text[previous_end : match.start()]
        starts = match.start() == 0 or bool(
            _SENTENCE_END.search(text[max(0, match.start() - 3) : match.start()])
        )
        inner = any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)
        acronym = word.isupper() and len(word) >= 2
        capital = word[0].isupper() and not starts and not german
        is_name = word not in _NOT_NAMES and (inner or acronym or capital)
        if is_name and run and before.strip() == "":
            run.append(match)
        else:
            yield from close()
            run = [match] if is_name else []
        previous_end = match.end()
    yield from close()
