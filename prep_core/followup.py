"""The follow-up: the one question a careful interviewer would ask next about an answer.

Pure rules over the answer and the profile, in the order an interviewer probes: a missing action
("What exactly did you do?"), a missing result, a result without a number (words count: "half",
"two of the four", "tenfold"), "we" far more than "I", a tool or system with no name, a missing
situation or task, and, for a culture question, no link to one of the company's values. The
question is worded from the answer's own words where it can ("You said the pipeline got a lot
faster: by how much?"). ``reply_check`` says whether a reply gave what was asked.

Measured on ``tests/followup_labels.json`` (answers labelled before these rules were written):
``python -m benchmarks.followup_agreement`` prints agreement per split.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from prep_core.model import Check, Profile, Question
from prep_core.star import asks_for_story, is_result, story_parts
from prep_core.vocabulary import TextIndex
from prep_core.wording import STOP_WORDS, has_number, language, raw_words, stem, words

Kind = Literal["action", "result", "number", "ownership", "specifics", "situation", "task", "value"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

OWNERSHIP_MIN_WE = 3  # "we" said at least this often, and more than twice as often as "I"
QUOTE_WORDS = 10  # at most this many of the answer's words are quoted back

_CULTURE_QUESTION = re.compile(
    r"\b(values?|culture|mission|why (do you want to |would you )?(work|join)|why us|"
    r"why this company|why here|why are you interested|what do you \w* ?value|"
    r"motivat\w+)\b",
    re.I,
)
# A tool or system with no name: "a caching tool", "some scripts", "a message queue". The words
# between are lower-case, so "an Airflow scheduler" names its tool.
_VAGUE_TOOL = re.compile(
    r"\b(?:[Aa]n?|[Ss]ome|[Aa]nother)\s+((?:[a-z][\w-]*\s+){0,3}?"
    r"(?:tools?|frameworks?|database|queue|library|warehouse|scheduler|scripts|"
    r"system|solution|software|vendor|cache|engine))\b"
)
_NAMED_AFTER = re.compile(r"^\s*(?:,|\(|called|named|-|–|—|:)?\s*(?:called |named )?[A-Z]\w")
_WE = frozenset({"we", "we're", "we've", "we'd", "we'll"})
_I = frozenset({"i", "i'm", "i've", "i'd", "i'll"})
_LEADS = re.compile(
    r"^(as a result,?|the result was( that)?|in the end,?|ultimately,?|eventually,?|"
    r"and|but|so|then|since then,?|after that,?)\s+",
    re.I,
)
_PERSON = {"i": "you", "my": "your", "me": "you", "we": "you", "our": "your", "us": "you"}
_PERSON |= {"i'm": "you're", "i've": "you've", "we're": "you're", "mine": "yours", "am": "were"}


@dataclass(frozen=True)
class FollowUp:
    kind: Kind
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


def is_culture(question: Question) -> bool:
    """A question about the company's values or why this company: a value should be named."""
    return question.category in ("motivation", "company") or bool(
        _CULTURE_QUESTION.search(question.text)
    )


def follow_up(profile: Profile, question: Question, answer: str) -> FollowUp | None:
    """The first follow-up a careful interviewer would ask, or None (nothing to probe, nothing
    said, or not an English answer: the rules read English)."""
    if language(answer) != "en":
        return None
    for rule in _rules(question):
        asked = rule(profile, answer)
        if asked is not None:
            return asked
    return None


def reply_check(profile: Profile, asked: FollowUp, reply: str) -> Check:
    """Whether the reply to a follow-up gives what it asked for."""
    gave = {
        "action": lambda: story_parts(reply).has("action"),
        "result": lambda: story_parts(reply).has("result") or _quantity(reply),
        "number": lambda: _quantity(reply),
        "ownership": lambda: bool(_I & set(words(reply))),
        "specifics": lambda: bool(_names(reply)),
        "situation": lambda: story_parts(reply).has("situation") or bool(_names(reply)),
        "task": lambda: story_parts(reply).has("task"),
        "value": lambda: bool(_values_named(profile, reply)),
    }[asked.kind]()
    wanted = {
        "action": "what you did",
        "result": "what came of it",
        "number": "a number",
        "ownership": "your own part, with I",
        "specifics": "a name",
        "situation": "where and when",
        "task": "your goal",
        "value": "one of the company's values",
    }[asked.kind]
    if not reply.strip():
        return Check(name="follow_up", passed=False, message="no reply to the follow-up yet")
    return Check(
        name="follow_up",
        passed=gave,
        message=f"the reply gives {wanted}" if gave else f"the reply does not give {wanted} yet",
    )


# --- the rules, in the order they are asked ---------------------------------------------------


def _rules(question: Question) -> list[Callable[[Profile, str], FollowUp | None]]:
    story = [_action, _result, _number, _ownership, _specifics, _situation, _task]
    rules = story if asks_for_story(question) else [_specifics]
    return [*rules, _value] if is_culture(question) else rules


def _action(profile: Profile, answer: str) -> FollowUp | None:
    parts = story_parts(answer)
    if parts.has("action"):
        return None
    goal = parts.found.get("task")
    if goal:
        return FollowUp("action", f"You said {_quote(goal)}: what exactly did you do?")
    return FollowUp("action", "What exactly did you do, step by step?")


def _result(profile: Profile, answer: str) -> FollowUp | None:
    parts = story_parts(answer)
    if parts.has("result"):
        return None
    did = parts.found.get("action")
    if did:
        return FollowUp("result", f"You said {_quote(did)}: what came of it?")
    return FollowUp("result", "What was the result?")


def _number(profile: Profile, answer: str) -> FollowUp | None:
    parts = story_parts(answer)
    if parts.result_has_number or not parts.result_clause:
        return None
    pieces = re.split(r"\band\b", parts.result_clause)
    said = _quote(_LEADS.sub("", next((p for p in pieces if is_result(p)), pieces[0]).strip()))
    return FollowUp("number", f"You said {said}: by how much, in numbers?")


def _ownership(profile: Profile, answer: str) -> FollowUp | None:
    said = words(answer)
    we = sum(w in _WE for w in said)
    i = sum(w in _I for w in said)
    if we >= OWNERSHIP_MIN_WE and we > 2 * i:
        return FollowUp("ownership", f'You said "we" {we} times: which part was yours?')
    return None


def _specifics(profile: Profile, answer: str) -> FollowUp | None:
    for match in _VAGUE_TOOL.finditer(answer):
        if _NAMED_AFTER.match(answer[match.end() :]):
            continue  # "a message queue, Kafka," names it
        thing = match.group(0)
        which = "which were they" if thing.lower().startswith("some") else "which one was it"
        return FollowUp("specifics", f"You mentioned {_quote(thing)}: {which}, by name?")
    return None


def _situation(profile: Profile, answer: str) -> FollowUp | None:
    if story_parts(answer).has("situation"):
        return None
    return FollowUp("situation", "Where and when was this, and what was going on at the time?")


def _task(profile: Profile, answer: str) -> FollowUp | None:
    parts = story_parts(answer)
    if parts.has("task"):
        return None
    did = parts.found.get("action")
    lead = f"Before {_quote(did)}, " if did else ""
    ask = "what were you asked to do, or what was your goal?"
    return FollowUp("task", f"{lead}{ask}" if lead else ask[0].upper() + ask[1:])


def _value(profile: Profile, answer: str) -> FollowUp | None:
    values = [v for v in profile.mission.core_values if v.strip()]
    if not values or _values_named(profile, answer):
        return None
    company = profile.company or "the company"
    listed = "; ".join(values[:3])
    return FollowUp("value", f"How does that connect to one of {company}'s values ({listed})?")


# --- helpers ----------------------------------------------------------------------------------


def _quote(clause: str) -> str:
    """The answer's own words, turned to the second person and cut to a few words."""
    out = []
    for n, word in enumerate(clause.strip().rstrip(".!?;:,").split()):
        if n >= QUOTE_WORDS or (n >= 3 and word.lower() in ("and", "but", "so")):
            break
        bare = word.strip(",").lower()
        swapped = _PERSON.get(bare) or ("were" if bare == "was" and out[-1:] == ["you"] else "")
        if swapped:
            word = word.lower().replace(bare, swapped)
        elif n == 0 and bare in STOP_WORDS:
            word = word.lower()
        out.append(word)
        if n >= 2 and word.endswith(","):
            break
    return " ".join(out).rstrip(",")


def _quantity(text: str) -> bool:
    return has_number(re.sub(r"\b(19|20)\d\d\b", " ", text))


def _names(text: str) -> list[str]:
    """Words that name something: a capital other than "I" and other than a function word."""
    return [w for w in raw_words(text) if w[0].isupper() and w.lower() not in STOP_WORDS | {"i'm"}]


def _verb_stem(word: str) -> str:
    """ "shipping" -> "ship", "learned" -> "learn": values are often said as verbs."""
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            word = word[: -len(ending)]
            if len(word) > 2 and word[-1] == word[-2]:
                word = word[:-1]
            break
    return stem(word)


def _values_named(profile: Profile, text: str) -> list[str]:
    """The company's values the text names, word for word or with each of its words."""
    index = TextIndex(text)
    said = {_verb_stem(w) for w in words(text)}
    named = []
    for value in profile.mission.core_values:
        own = {_verb_stem(w) for w in words(value) if w not in STOP_WORDS}
        if own and (index.uses(value) or own <= said):
            named.append(value)
    return named


__all__ = ["KINDS", "FollowUp", "asks_for_story", "follow_up", "is_culture", "reply_check"]
