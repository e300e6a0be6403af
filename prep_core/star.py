"""Which parts of a story an answer tells: situation, task, action, result (STAR).

Rules over clauses, standard library only, shared by practice feedback and the follow-up. A
clause that hedges ("we kind of talked about it", "it sort of worked out", "I guess") does not
count as an action or a result: the person has not said what they did or what came of it. A
result "has a number" when a result sentence states a quantity, in digits or in words ("fell by
half", "two of the four", "tenfold", "no errors"); a year is not a quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from prep_core.model import Question
from prep_core.wording import has_number, hedged, normalise, sentences

PARTS = ("situation", "task", "action", "result")

# A behavioral question asks about the past: "Tell me about a time...", "Give an example of...".
_STORY_QUESTION = re.compile(
    r"\b(tell (me|us) about a (time|situation|project)|describe a (time|situation)|"
    r"give (me |us )?an example|a time (when|you)|have you ever|how have you|"
    r"walk (me|us) through a (time|situation)|what did you do when)\b"
)

# Cues, matched on lower-cased clauses. They are deliberately broad: a missing part is reported
# with its cue words, so the person learns what the check listens for.
_SITUATION = re.compile(
    r"\b(when i was|at my (previous|last|current|old|first|former) (job|company|role|team|"
    r"employer|workplace)|in my (previous|last|current|first|former) (job|role|position|team)|"
    r"at (a|an) (\w+ ){0,2}(startup|company|firm|bank|agency|retailer|scale-?up|studio)|"
    r"we were|there (was|were)|our team|the (situation|context|problem|issue) (was|is)|back in|"
    r"last (year|month|quarter|spring|summer|autumn|fall|winter)|years? ago|"
    r"(in|during) (19|20)\d\d|while (i was )?working|one time|at the time)\b"
)
_TASK = re.compile(
    r"\b(my (task|job|role|goal|responsibility|mission|brief) (was|is)|"
    r"i was (responsible|asked|tasked|supposed|expected|hired|in charge)|(i|we) had to|"
    r"(i|we) (needed|wanted) (to|it|them|this|that)\b|"
    r"the (goal|task|challenge|objective|aim|ask) (was|is)|"
    r"our (goal|task|aim) (was|is)|responsible for|in charge of|tasked with|my part|"
    r"(they|management|(the|our|my) (team|business|company|manager|client|users?)) "
    r"(needed|wanted|asked))\b"
)
# An action: "I" or "we" and a verb in the past. Verbs that state a result ("we delivered"), a
# need or a feeling ("I needed", "I disagreed") are not what the person did.
_NOT_ACTIONS = (
    "needed|wanted|liked|loved|hated|hoped|disagreed|agreed|noticed|realised|realized|"
    "delivered|launched|shipped|reduced|increased|improved|saved|dropped|doubled|halved|"
    "achieved|learned|learnt|succeeded|failed|missed|joined|had|was|were|got|saw|felt"
)
_ACTION = re.compile(
    r"\b(i|we) (first |then |also |quickly |personally |finally |immediately )?"
    rf"(?!(?:{_NOT_ACTIONS})\b)(?!did (not|n't)\b)"
    r"(\w{3,}ed|built|led|wrote|ran|set up|took|made|chose|drove|brought|broke|met|spoke|began|"
    r"gave|put|split|cut|found|went through|did|taught|kept|held|"
    r"sent|spent|rewrote|overcame|sat down|sat with|dug|fixed|paired|moved)\b"
    r"|\bmy approach was\b|\bi started by\b"
)
_RESULT = re.compile(
    r"\b(as a result|the result|results? (was|were|is)|resulted|resulting|outcome|in the end|"
    r"ultimately|eventually|(which|this|that) (led|meant)|led to|since then|after that|"
    r"by the end|reduced|increased|improved|saved|grew|dropped|fell|fallen|rose|risen|doubled|"
    r"tripled|halved|shipped|launched|delivered|achieved|went live|went (up|from)|"
    r"went down (by|to)|down to|rise|rising|(we|i|they) lost|adopted|switched|"
    r"(cut|brought|got) (\w+ ){1,3}(down )?(from|by|to)|"
    r"faster|slower|quicker|cheaper|fewer|earlier|higher|lower|now (takes?|finishes|runs|"
    r"loads)|loaded in|finished in|caught within|instead of|lessons?|learned|"
    r"the (team|company|director|manager|board|client) (chose|adopted|kept|agreed|approved))\b"
)
_CUES = {"situation": _SITUATION, "task": _TASK, "action": _ACTION, "result": _RESULT}
# Where a sentence divides into clauses that can hedge on their own.
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|although|though|while|so|whereas)\s")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class StoryParts:
    """The parts an answer tells, and the first clause that told each (for a follow-up's
    wording); ``result_has_number``: a result sentence states a quantity."""

    found: dict[str, str]  # part -> the clause that tells it (absent: not told)
    result_has_number: bool
    result_clause: str = ""  # the first result clause of a sentence without a number

    def has(self, part: str) -> bool:
        return part in self.found

    def as_dict(self) -> dict[str, bool]:
        return {part: part in self.found for part in PARTS}


def asks_for_story(question: Question) -> bool:
    """Whether STAR applies: the category says so, or an uncategorised question asks for a story."""
    if question.category:
        return question.category == "behavioral"
    return bool(_STORY_QUESTION.search(normalise(question.text)))


def is_result(text: str) -> bool:
    """Whether ``text`` states a result (and does not hedge it)."""
    lowered = normalise(text)
    return bool(_RESULT.search(lowered)) and not hedged(lowered)


def clauses(sentence: str) -> list[str]:
    """A sentence cut where a clause can hedge on its own: "…, and I think the rest is fine"."""
    return [c.strip() for c in _CLAUSE_BREAK.split(sentence) if c.strip()]


@lru_cache(maxsize=32)  # the checks and each follow-up rule read the same answer
def story_parts(text: str) -> StoryParts:
    """Which of situation, task, action and result ``text`` tells (hedged clauses left out of
    action and result); each part's clause starts where its cue does ("I rewrote the...")."""
    found: dict[str, str] = {}
    number = False
    vague_result = ""
    for sentence in sentences(text):
        results = []
        for clause in clauses(sentence):
            lowered = normalise(clause)
            for part, cue in _CUES.items():
                if part in ("action", "result") and hedged(lowered):
                    continue
                if part == "result" and _TASK.search(lowered):
                    continue  # "the team needed it faster" is the goal, not what came of it
                if match := cue.search(lowered):
                    start = match.start() if part in ("action", "task") else 0
                    found.setdefault(part, clause[start:])
                    if part == "result":
                        results.append(clause)
        if results and has_number(_YEAR.sub(" ", sentence)):
            number = True
        elif results and not vague_result:
            vague_result = results[0]
    return StoryParts(found=found, result_has_number=number, result_clause=vague_result)


__all__ = ["PARTS", "StoryParts", "asks_for_story", "clauses", "is_result", "story_parts"]
