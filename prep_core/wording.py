"""Words in an answer: tokens, light stemming, stop words, fillers and numbers.

Pure functions over plain text, standard library only, shared by the vocabulary, practice
feedback and voice. Everything is deterministic: no model, no corpus, no network.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# A word: letters or digits, with inner apostrophes, dots and a trailing "+"/"#" kept, so
# "Node.js", "C++", "C#" and "don't" stay whole while "end." and "A/B" split. Hyphens split:
# "human-in-the-loop" and "human in the loop" must compare equal.
_WORD = re.compile(r"[^\W_](?:[\w'’.]*[^\W_])?[+#]*")
# A whole term: words joined by "/" or "-" stay one ("Pub/Sub", "A/B", "on-call"), for counting
# words as a person would (top words, fillers); ``words`` splits them, for matching terms.
_TERM_WORD = re.compile(rf"{_WORD.pattern}(?:[/-]{_WORD.pattern})*")
# The same, plus the punctuation a filler rule looks at (a comma around "like").
_WORD_OR_MARK = re.compile(rf"{_TERM_WORD.pattern}|[,.;:!?…—–]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A small English stop-word list (no NLTK): function words that say nothing about the content.
STOP_WORDS = _word_set(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each either else etc even ever every few for from further
    get gets getting got had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is
    isn't it it's its itself just let's lot lots made make makes many may me might more most
    much must mustn't my myself need no nor not now of off on once one only or other ought our
    ours ourselves out over own per quite rather really same say said shall shan't she she'd
    she'll she's should shouldn't since so some still such than that that's the their theirs
    them themselves then there there's these they they'd they'll they're they've thing things
    this those though through thus to too under until up upon us use used using very via was
    wasn't way we we'd we'll we're we've well were weren't what what's when when's where
    where's whether which while who who's whom whose why why's will with within without won't
    would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves
    """
)

# Fillers counted as whole phrases. "like", "you know", "kind of" and "sort of" are also
# ordinary words, so ``fillers`` counts them only where they are used as fillers.
FILLERS: tuple[str, ...] = (
    "um",
    "uh",
    "er",
    "erm",
    "hmm",
    "like",
    "you know",
    "i mean",
    "sort of",
    "kind of",
    "basically",
    "literally",
)
_FILLER_SPELLINGS = {"umm": "um", "ummm": "um", "uhh": "uh", "uhm": "um", "ehm": "erm", "hm": "hmm"}
_FILLER_WORDS = frozenset(f for f in FILLERS if " " not in f) | set(_FILLER_SPELLINGS)
# Before "like": a word that makes it a filler ("it was like, ...", "and like the ...").
_LIKE_FILLER_BEFORE = frozenset({"was", "were", "is", "are", "it's", "and", "but", "so", "just"})
# After "like" in that position: what a filler "like" is followed by, rather than a noun.
_LIKE_FILLER_AFTER = frozenset({"really", "totally", "super", "very", "so", "just", "um", "uh"})
# Before "kind of"/"sort of": a determiner makes it a noun ("what kind of problem").
_KIND_DETERMINERS = _word_set(
    "a an the this that what which any some each every one same other another no"
)
# Around "you know": an ordinary question or clause ("do you know", "you know how to").
_KNOW_NOT_FILLER_BEFORE = _word_set("do did don't didn't if as would could let")
_KNOW_NOT_FILLER_AFTER = _word_set("how that whether if why where who when about")
_NUMBER_WORDS = _word_set(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions percent zero half
    halved double doubled triple tripled quadrupled twice thrice third thirds quarter quarters
    dozen dozens tenfold
    """
)
# Quantities said in phrases: "tenfold", "by a factor of", "no errors" (none is a number).
_NUMBER_PHRASE = re.compile(r"\b(\w+fold|a factor of|(no|zero) \w+s|none of)\b")
# Hedges: a clause with one has not said what was done or what came of it. "kind of" and
# "sort of" after a determiner are nouns ("what kind of problem").
_HEDGE = re.compile(
    r"\b(i guess|i suppose|i think|i believe|somehow|maybe|perhaps|probably|more or less|"
    r"something like that)\b"
)
# Function words of German, to tell a German answer from an English one.
_GERMAN_WORDS = _word_set(
    """
    der die das den dem des und ich nicht ist ein eine einen einem zu mit auf für von sie es
    wir war habe hat haben mein meine meinem meiner unser unsere unseren bei weil als auch
    noch wie aber oder dass sich wurde wurden sind bin nach aus vor über unter zum zur im ins
    """
)


def normalise(text: str) -> str:
    """Unicode-normalised, lower-case text with curly apostrophes made straight."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()


def words(text: str) -> list[str]:
    """The words of ``text`` in order, lower-case: whole words only, so "Go" is not in "good"."""
    return _WORD.findall(normalise(text))


def raw_words(text: str) -> list[str]:
    """The words of ``text`` as written (case kept), for terms matched exactly ("Go", "R")."""
    return _WORD.findall(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65_536)  # pure, and called for every word of every text compared
def stem(word: str) -> str:
    """A light stem that folds plurals and possessives: "pipelines" and "pipeline's" -> "pipeline".

    Deliberately light (no suffix stripping beyond plurals): both sides of every comparison
    go through it, so it only needs to be consistent, and it must never merge unrelated words.
    """
    if word.endswith(("'s", "s'")):
        word = word[:-2] if word.endswith("'s") else word[:-1]
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "is")) or (word.endswith("us") and len(word) > 4):
        return word  # "class", "analysis", "status"; but "gpus" is a plural
    if word.endswith("s"):
        return word[:-1]
    return word


def content_words(tokens: list[str]) -> list[str]:
    """Stems of the words that carry meaning: stop words and fillers left out."""
    return [stem(t) for t in tokens if t not in STOP_WORDS and t not in _FILLER_WORDS]


def sentences(text: str) -> list[str]:
    """Bullets and sentences of ``text``: each bullet or line item, each sentence of a paragraph."""
    points: list[str] = []
    for line in text.split("\n"):
        line = _BULLET.sub("", line).strip()
        points += [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
    return points


def has_number(text: str) -> bool:
    """Whether ``text`` states a quantity: a digit, a number word ("forty", "half", "a third",
    "doubled") or phrase ("tenfold", "no errors")."""
    if any(ch.isdigit() for ch in text) or not _NUMBER_WORDS.isdisjoint(words(text)):
        return True
    return bool(_NUMBER_PHRASE.search(normalise(text)))


def hedged(text: str) -> bool:
    """Whether ``text`` hedges: "kind of", "sort of", "I guess", "somehow", "maybe"..."""
    if _HEDGE.search(normalise(text)):
        return True
    tokens = words(text)
    return any(
        token in ("kind", "sort") and after == "of" and before not in _KIND_DETERMINERS
        for before, token, after in zip(["", *tokens], tokens, [*tokens[1:], ""], strict=False)
    )


def language(text: str) -> str:
    """ "en", "de" or "other" by the share of function words; "" when there are no words.

    A short text ("Redis.", a list of names) counts as English: the rules that read English run.
    """
    tokens = [t for t in words(text) if any(c.isalpha() for c in t)]
    if not tokens:
        return ""
    german = sum(t in _GERMAN_WORDS for t in tokens)
    english = sum(t in STOP_WORDS for t in tokens)
    if german > english:
        return "de"
    return "other" if len(tokens) >= 12 and english * 10 < len(tokens) else "en"


def top_words(text: str, limit: int = 10) -> list[tuple[str, int]]:
    """The most-used words, stop words and fillers left out; plurals count with the singular.

    Each stem is shown as its most frequent spelling; ties are broken alphabetically, so the
    result is the same on every run.
    """
    stems: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for token in _words_without_fillers(text):
        if token in STOP_WORDS or token in _FILLER_WORDS or len(token) < 2:
            continue
        if not any(c.isalpha() for c in token):
            continue
        key = stem(token)
        stems[key] += 1
        spellings.setdefault(key, Counter())[token] += 1
    ranked = sorted(stems.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(_most_common(spellings[key]), count) for key, count in ranked]


def _words_without_fillers(text: str) -> list[str]:
    """The whole words of ``text`` ("a/b", "on-call"), leaving out fillers said as fillers
    ("you know" gives no "know")."""
    tokens = _filler_tokens(text)
    skip: set[int] = set()
    for _phrase, start, length in _filler_spans(tokens):
        skip.update(range(start, start + length))
    return [t for i, t in enumerate(tokens) if i not in skip and t[0].isalnum()]


def _most_common(counter: Counter[str]) -> str:
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def fillers(text: str) -> dict[str, int]:
    """How often each filler of ``FILLERS`` is used as a filler, in ``FILLERS`` order.

    Phrases are matched across line breaks ("you\\nknow"). "like" counts only between commas,
    at the start of a sentence before a comma, or after "was"/"and"/"so"... when an adverb,
    a number or another filler follows; "I like Python" and "tools like Kafka" do not count.
    """
    counts = Counter(phrase for phrase, _, _ in _filler_spans(_filler_tokens(text)))
    return {phrase: counts[phrase] for phrase in FILLERS if counts[phrase]}


def _filler_tokens(text: str) -> list[str]:
    return [_FILLER_SPELLINGS.get(t, t) for t in _WORD_OR_MARK.findall(normalise(text))]


def _filler_spans(tokens: list[str]) -> list[tuple[str, int, int]]:
    """(filler, first token, number of tokens) of each filler said as a filler."""
    spans = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else "."
        after = tokens[i + 1] if i + 1 < len(tokens) else "."
        pair = f"{token} {after}"
        if token in ("um", "uh", "er", "erm", "hmm", "basically", "literally"):
            spans.append((token, i, 1))
        elif token == "like" and _is_filler_like(before, after, tokens[i + 2 : i + 3]):
            spans.append(("like", i, 1))
        elif pair == "you know" and _is_filler_you_know(before, tokens[i + 2 : i + 3]):
            spans.append(("you know", i, 2))
        elif pair == "i mean" and (before in ",.;:!?" or tokens[i + 2 : i + 3] == [","]):
            spans.append(("i mean", i, 2))
        elif pair in ("sort of", "kind of") and before not in _KIND_DETERMINERS:
            spans.append((pair, i, 2))
    return spans


def _is_filler_like(before: str, after: str, next_next: list[str]) -> bool:
    if before == "," and after == ",":
        return True
    if before in ".;:!?" and after == ",":
        return True
    if before in _LIKE_FILLER_BEFORE or before == ",":
        return after in _LIKE_FILLER_AFTER or after[:1].isdigit() or after in _NUMBER_WORDS
    return False


def _is_filler_you_know(before: str, next_next: list[str]) -> bool:
    after = next_next[0] if next_next else "."
    return before not in _KNOW_NOT_FILLER_BEFORE and after not in _KNOW_NOT_FILLER_AFTER
