"""Key terms of a requirement: ``terms_of(text, language=...) -> list[str]``, canonical.

Rules, in order; a later rule never takes words an earlier one took:
1. Years of experience: "5+ years", "3-5 years", "mindestens 3 Jahre", "5 ans", "3 años",
   "2 jaar" -> "N+ years".
2. The alias table ``TERMS`` (``terms.toml``): canonical English name -> the ways postings write
   it, in any of the five languages ("K8s" -> Kubernetes, "maschinelles Lernen" -> machine
   learning). Whole words, any case, the longest form at each word first; a few names that are
   also common words ("=Go", "=R", "=Ray") only as written. The parts of a word joined by a
   hyphen or a slash count too ("Python-Kenntnisse", "AWS/GCP").
3. German and Dutch compounds split against the table: "Pythonkenntnisse" -> Python,
   "Netzwerksicherheit" -> security.
4. "<word> pipeline(s)": a kind of pipeline ("feature pipelines").
5. The noun phrase after a cue of the language ("experience with X", "Kenntnisse in X",
   "maîtrise de X", "ervaring met X", "conocimientos de X"), up to a stop word or punctuation:
   skills no table lists ("state management", "Zollabwicklung").
6. Names the table does not know: a word with an inner capital or digit ("NeurIPS"), an
   acronym ("WCAG"), and, except in German (which capitalises every noun), a capitalised word
   that does not start the line or a sentence ("Stripe"); adjacent ones form one name.

The line is cut into words once; every rule looks words up in dictionaries, so a line is read
in time linear in its length (a line of 50,000 words included).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import NamedTuple

from prep_core.posting.languages import DEFAULT, language, norm

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

_LEAD = "([{\"'“‘«¿¡*_"
_TRAIL = ",;:.!?)]}\"'”’»*_"
_ELISION = re.compile(r"(?i)^(?:[ldjmnst]|qu)'(?=\w)")


class _Word(NamedTuple):
    start: int
    end: int
    text: str  # without surrounding punctuation
    joined: bool  # no punctuation between this word and the next
    lower: str  # the text in lower case


def _word(start: int, text: str, joined: bool) -> _Word:
    return _Word(start, start + len(text), text, joined, text.lower())


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    for match in re.finditer(r"\S+", text.replace("’", "'")):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip(_LEAD))
        body = raw[lead:].rstrip(_TRAIL)
        if not body:
            if out:
                out[-1] = out[-1]._replace(joined=False)
            continue
        start = match.start() + lead
        if lead and out:
            out[-1] = out[-1]._replace(joined=False)
        elision = _ELISION.match(body) if "'" in body else None
        if elision:  # "d'outils": "d'" and "outils"
            out.append(_word(start, body[: elision.end()], True))
            start, body = start + elision.end(), body[elision.end() :]
        trailing = len(raw) - lead - len(body) - (elision.end() if elision else 0)
        out.append(_word(start, body, trailing == 0))
    return out


def _key(form: str) -> tuple[str, ...]:
    return tuple(w.text for w in _words(form))


_FOLDED: dict[tuple[str, ...], str] = {}
_EXACT: dict[tuple[str, ...], str] = {}
for _name, _forms in TERMS.items():
    for _form in _forms:
        if _form.startswith("="):
            _EXACT.setdefault(_key(_form[1:]), _name)
        else:
            _FOLDED.setdefault(_key(_form.lower()), _name)
_LONGEST = max(len(k) for k in (*_FOLDED, *_EXACT))
_FIRST = frozenset(k[0] for k in _FOLDED) | frozenset(k[0].lower() for k in _EXACT)
# One-word forms in lower case, for compounds (exact forms such as "=Go" would split "Gothic").
_COMPOUND_FORMS = {k[0]: name for k, name in _FOLDED.items() if len(k) == 1}

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBERS = {w: i for i, w in enumerate((*_NUMBER_WORDS, "ten"))}
_YEAR_UNITS = ("year", "yr", "jahr", "ans", "année", "año", "jaar")
_YEARS = re.compile(
    r"(?i)(?<![\w.])(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s?\+?\s?"
    r"(?:(?:-|–|to|bis|à|a|tot)\s?\d{1,2}\s?\+?\s?)?"
    r"(?:years?|yrs?|jahre?n?|ans|années|años|jaar|jaren)\b"
)
_PIPELINE = re.compile(r"(?i)\b([a-z]{3,})[ -]pipelines?\b")
_STOP_PIPELINE = _set("the our your their and build building new robust scalable")
_SENTENCE_END = ".!?:;"
_DIGIT = re.compile(r"\d")
_NAME = re.compile(r"[A-Za-z][\w.+#/-]*[\w+#]")
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
_CONJUNCTIONS = _set("and or und oder sowie et ou y o e u en of")
_PHRASE_WORDS = 4
# Nouns that make the words before them a category ("cloud platforms", "CI tools"), which the
# line names by example, if at all.
_CATEGORY_NOUNS = _set(
    "tools frameworks systems technologies platforms environments environment solutions "
    "werkzeuge systeme technologien plattformen outils systèmes technologies plateformes "
    "herramientas sistemas tecnologías plataformas systemen technologieën platformen"
)


class _Taken:
    """The characters of the line already given to a term: a byte each."""

    def __init__(self, text: str) -> None:
        self.bytes = bytearray(len(text))
        self.found: list[tuple[int, str]] = []

    def free(self, start: int, end: int) -> bool:
        return self.bytes.find(1, start, end) < 0

    def take(self, start: int, end: int, term: str) -> None:
        if term and self.free(start, end):
            self.bytes[start:end] = b"\x01" * (end - start)
            self.found.append((start, term))


def terms_of(text: str, *, language: str = DEFAULT, german: bool = False) -> list[str]:
    """Key terms of one requirement, canonical, in the order they appear, each once (at most
    ``MAX_TERMS``). ``german=True`` is the older spelling of ``language="de"``."""
    lang = "de" if german else language
    taken = _Taken(text)
    lower = text.lower()
    if any(unit in lower for unit in _YEAR_UNITS):
        for match in _YEARS.finditer(text):
            number = match.group(1).lower()
            count = _NUMBERS.get(number)
            years = count if count is not None else int(number)
            taken.take(match.start(), match.end(), f"{years}+ years")
    words = _words(text)
    for start, end, term in _table(words):
        taken.take(start, end, term)
    if lang in ("de", "nl"):
        for start, end, term in _compounds(words, lang):
            taken.take(start, end, term)
    if "pipeline" in lower:
        for match in _PIPELINE.finditer(text):
            if match.group(1).lower() not in _STOP_PIPELINE:
                taken.take(match.start(), match.end(), f"{match.group(1).lower()} pipelines")
    for start, end, phrase in _after_cues(text, words, lang):
        taken.take(start, end, phrase)
    for start, end, name in _names(text, words, german=lang == "de"):
        taken.take(start, end, name)
    out: dict[str, str] = {}
    for _, term in sorted(taken.found):
        out.setdefault(term.lower(), term)
        if len(out) >= MAX_TERMS:
            break
    return list(out.values())


def _runs(words: list[_Word], index: int, size: int) -> bool:
    """Whether words ``index`` .. ``index + size - 1`` stand together (no punctuation between)."""
    return all(words[i].joined for i in range(index, index + size - 1))


def _table(words: list[_Word]) -> Iterator[tuple[int, int, str]]:
    """Table forms, the longest at each word first; then the parts of hyphen/slash words."""
    index = 0
    while index < len(words):
        longest = min(_LONGEST, len(words) - index) if words[index].lower in _FIRST else 0
        for size in range(longest, 0, -1):
            if size > 1 and not _runs(words, index, size):
                continue
            chunk = words[index : index + size]
            exact = tuple(w.text for w in chunk)
            name = _FOLDED.get(tuple(w.lower for w in chunk)) or _EXACT.get(exact)
            if name is not None:
                yield chunk[0].start, chunk[-1].end, name
                index += size
                break
        else:
            word = words[index]
            spelled = tuple(word.lower.split("-"))  # "Infrastructure-as-Code"
            if len(spelled) > 1 and spelled in _FOLDED:
                yield word.start, word.end, _FOLDED[spelled]
            elif "-" in word.text or "/" in word.text:
                for part in re.finditer(r"[^-/]+", word.text):
                    name = _FOLDED.get((part.group().lower(),)) or _EXACT.get((part.group(),))
                    if name is not None:
                        yield word.start + part.start(), word.start + part.end(), name
            elif (name := _inflected(word.lower)) is not None:
                yield word.start, word.end, name
            index += 1


def _inflected(word: str) -> str | None:
    """The table's name for a plural or singular of a one-word form ("Buchhaltungen",
    "Dokumentationen", "microservice"), or None."""
    if len(word) < 5:
        return None
    for variant in (word[:-1], word[:-2], f"{word}s") if word[-1] in "sn" else (f"{word}s",):
        name = _FOLDED.get((variant,))
        if name is not None:
            return name
    return None


def _compounds(words: list[_Word], lang: str) -> Iterator[tuple[int, int, str]]:
    """Compounds whose first half is a table form and second half a known tail or form
    ("Pythonkenntnisse", "Datenbankentwicklung"), or whose second half is a form
    ("Netzwerksicherheit")."""
    tails = language(lang).compound_tails
    for word in words:
        lower = word.text.lower()
        if len(lower) < 8 or "-" in lower:
            continue
        for cut in range(len(lower) - 3, 2, -1):
            head, tail = lower[:cut], lower[cut:]
            if head in _COMPOUND_FORMS and (tail in tails or tail in _COMPOUND_FORMS):
                yield word.start, word.end, _COMPOUND_FORMS[head]
                break
            if len(tail) >= 5 and tail in _COMPOUND_FORMS:
                yield word.start, word.end, _COMPOUND_FORMS[tail]
                break


@cache
def _cues(lang: str) -> tuple[dict[tuple[str, ...], int], frozenset[str], frozenset[str], int]:
    """The language's (and English's) term cues as word tuples, its stop and generic words."""
    codes = tuple(dict.fromkeys((lang, DEFAULT)))
    cues = {_key(cue): 1 for code in codes for cue in language(code).term_cues}
    stop = frozenset().union(*(language(c).stop for c in codes))
    generic = frozenset().union(*(language(c).generic for c in codes))
    return cues, stop, generic, max((len(k) for k in cues), default=0)


@cache
def _cue_starts(lang: str) -> frozenset[str]:
    return frozenset(key[0] for key in _cues(lang)[0])


def _after_cues(text: str, words: list[_Word], lang: str) -> Iterator[tuple[int, int, str]]:
    """Noun phrases after "experience with", "Kenntnisse in", "maîtrise de" ...: each part of
    the phrase ("X, Y and Z") up to a stop word or punctuation, at most four words, no generic
    word alone."""
    cues, stop, generic, longest = _cues(lang)
    if not cues:
        return
    folded = [norm(w.text) for w in words]
    first = _cue_starts(lang)
    index = 0
    while index < len(words):
        if folded[index] not in first:
            index += 1
            continue
        size = next(
            (
                s
                for s in range(min(longest, len(words) - index), 0, -1)
                if tuple(folded[index : index + s]) in cues and _runs(words, index, s)
            ),
            0,
        )
        if not size or not words[index + size - 1].joined:
            index += 1
            continue
        phrase: list[_Word] = []
        skipped = 0
        position = index + size
        while position < len(words) and len(phrase) < _PHRASE_WORDS:
            word, key = words[position], folded[position]
            position += 1
            if key in stop or key[:1].isdigit():
                if phrase and key in _CATEGORY_NOUNS:
                    phrase = []  # "cloud platforms such as AWS": a kind of thing, named after
                    break
                if phrase:
                    yield _phrase(text, phrase, generic)
                    phrase = []
                    if key not in _CONJUNCTIONS:
                        break
                    continue
                skipped += 1
                if skipped > 2:
                    break
                continue
            phrase.append(word)
            if not word.joined:
                break
        if phrase:
            yield _phrase(text, phrase, generic)
        index += size  # a cue may stand inside the phrase ("React y conocimientos de X")


def _phrase(text: str, phrase: list[_Word], generic: frozenset[str]) -> tuple[int, int, str]:
    start, end = phrase[0].start, phrase[-1].end
    if len(phrase) == 1 and norm(phrase[0].text) in generic:
        return start, start, ""
    if text[end - 1 : end] == "-":  # "Grafik-, Kommunikations- oder Mediendesign": a part
        return start, start, ""
    return start, end, text[start:end]


def _names(text: str, words: list[_Word], *, german: bool) -> Iterable[tuple[int, int, str]]:
    """Names the table does not know: inner capitals, acronyms, capitalised words mid-sentence."""
    run: list[_Word] = []
    for index, word in enumerate(words):
        name = word.text
        previous = words[index - 1] if index else None
        starts = previous is None or (
            not previous.joined and text[previous.end : word.start].lstrip()[:1] in _SENTENCE_END
        )
        is_name = (
            (
                name != word.lower  # a capital somewhere, or a digit (checked below)
                or _DIGIT.search(name) is not None
            )
            and (
                _NAME.fullmatch(name) is not None
                and name not in _NOT_NAMES
                and (
                    name[1:] != name[1:].lower()
                    or _DIGIT.search(name) is not None
                    or (name.isupper() and len(name) >= 2)
                    or (name[0].isupper() and not starts and not german)
                )
            )
        )
        if is_name and run and previous is not None and previous.joined:
            run.append(word)
            continue
        if run:
            yield run[0].start, run[-1].end, text[run[0].start : run[-1].end]
        run = [word] if is_name else []
    if run:
        yield run[0].start, run[-1].end, text[run[0].start : run[-1].end]
