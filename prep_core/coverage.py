"""The coverage matrix: each requirement of the posting against what the person has prepared.

``coverage(profile, stories) -> Coverage``: one row per requirement (the kept rows of
``Profile.requirements``, or the posting's extraction while there are none) with the skills
rows, stories and drafted answers that prove it, whether its terms are in the talking points or
keywords, and its gaps. Gaps drive what comes next (ARCHITECTURE.md, "The analysis layer"), so
``uncovered_musts`` and ``gap_questions`` feed practice order.

Matching a requirement to a text (rules, in order):
1. An explicit link: a skills row's ``requirement_id``; a story linked (``Question.story_id``)
   from an answer that matches the requirement.
2. Its key terms (years left out) and their aliases from ``posting.TERMS`` ("K8s" for
   Kubernetes), through the shared vocabulary matcher (``TextIndex.uses``: whole words, light
   stemming, fuzzy multi-word terms); a requirement without terms uses its own key chunks.
3. A skills row whose *requirement* column is the requirement reworded: rapidfuzz
   ``token_sort_ratio`` of at least ``REWORDED`` (measured on the test postings: two different
   requirements of one posting score at most 68; see ``tests/test_coverage.py``).

Covered means evidence: a matched item proves the requirement only once it says something.
- a skills row: its talking point is real (``sections.skill_rows_with_a_point``);
- a story: its action and its result are written (``story_proves``);
- an answer: the drafted answer itself uses the terms (the question's wording does not count).
A matched item without that is *started*: the requirement is then *in progress* (``state``),
which is not covered, so every count of covered must-haves, the gaps, the plan, the cheat
sheet and practice order treat it as a gap until the missing words are written. A one-click fix
that creates an empty row (``fixes.add_skill_row``) therefore never covers a requirement.
``gaps`` names each of the four kinds of proof still missing (``GAP_LABELS``; for a started one
``STARTED_LABELS``, with what is still to write).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from prep_core.model import Profile, Question, Requirement, SkillRow, Story
from prep_core.sections import get_section, skill_rows_with_a_point
from prep_core.template import is_placeholder
from prep_core.vocabulary import TextIndex, _chunks
from prep_core.wording import content_words, stem, words

__all__ = [
    "GAP_LABELS",
    "KIND_ORDER",
    "REWORDED",
    "STARTED_LABELS",
    "Coverage",
    "RequirementCoverage",
    "Started",
    "coverage",
    "effective_requirements",
    "gap_questions",
    "linked_stories",
    "proven_by",
    "story_proves",
]

REWORDED = 72  # rapidfuzz token_sort_ratio: a skills row's requirement column reworded
GAP_LABELS: dict[str, str] = {
    "skill": "no skills row answers it",
    "story": "no story proves it",
    "answer": "no drafted answer mentions it",
    "keyword": "its terms are not in the talking points or keywords",
}
# A gap whose proof is started: what is still to write.
STARTED_LABELS: dict[str, str] = {
    "skill": "its skills row has no talking point yet",
    "story": "its story has no action or no result yet",
}
KIND_ORDER = {"must": 0, "responsibility": 1, "nice": 2}  # the order gaps are listed in
STORY_PROOF = ("action", "result")  # what a story needs written to prove anything


@dataclass(frozen=True)
class Started:
    """Proof begun but not there yet: a skills row without a talking point, a story without
    its action or its result. (A question about the requirement is not proof begun: questions
    are drafted before anything is proven.)"""

    kind: str  # "skill" or "story" (the gap it would close)
    id: str  # the skills row's or the story's id
    missing: tuple[str, ...]  # the fields still to write: ("talking_point",), ("result",), ...


@dataclass
class RequirementCoverage:
    id: str
    text: str
    kind: str
    terms: list[str]
    skills: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    in_talking_points: bool = False
    gaps: list[str] = field(default_factory=list)
    started: list[Started] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.skills or self.stories or self.answers)

    @property
    def state(self) -> str:
        """``covered`` (proven), ``in progress`` (only started proof) or ``gap``."""
        if self.covered:
            return "covered"
        return "in progress" if self.started else "gap"

    def started_of(self, kind: str) -> list[Started]:
        """The started proof of one kind ("skill" or "story")."""
        return [s for s in self.started if s.kind == kind]

    def gap_texts(self) -> list[str]:
        """Each gap in words; a started one says what is still to write."""
        return [
            STARTED_LABELS[gap]
            if gap in STARTED_LABELS and self.started_of(gap)
            else GAP_LABELS[gap]
            for gap in self.gaps
        ]

    def to_dict(self) -> dict[str, object]:
        return asdict(self) | {"state": self.state}


@dataclass
class Coverage:
    requirements: list[RequirementCoverage]

    @property
    def must_total(self) -> int:
        return sum(r.kind == "must" for r in self.requirements)

    @property
    def must_covered(self) -> int:
        return sum(r.kind == "must" and r.covered for r in self.requirements)

    @property
    def must_in_progress(self) -> int:
        return sum(r.kind == "must" and r.state == "in progress" for r in self.requirements)

    def uncovered_musts(self) -> list[RequirementCoverage]:
        """The must-haves not proven yet, in progress ones included."""
        return [r for r in self.requirements if r.kind == "must" and not r.covered]

    def todo(self) -> list[RequirementCoverage]:
        """The requirements with a gap: must-haves first, then responsibilities, then
        nice-to-haves; within a kind the unproven ones first, in the posting's order."""
        rows = [r for r in self.requirements if r.gaps]
        return sorted(rows, key=lambda r: (KIND_ORDER[r.kind], r.covered))

    def to_dict(self) -> dict[str, object]:
        return {
            "requirements": [r.to_dict() for r in self.requirements],
            "must_covered": self.must_covered,
            "must_in_progress": self.must_in_progress,
            "must_total": self.must_total,
        }


def effective_requirements(profile: Profile) -> list[Requirement]:
    """The rows coverage works on: the profile's kept requirements, or, while it has none, the
    posting's extraction (so a pasted posting is alive at once)."""
    if profile.requirements:
        return [r for r in profile.requirements if r.text and not r.dropped]
    if not profile.job_posting.strip():
        return []
    return list(_extracted(profile.job_posting))


@lru_cache(maxsize=16)
def _extracted(text: str) -> tuple[Requirement, ...]:
    from prep_core.posting import requirements

    return tuple(requirements(text))


@lru_cache(maxsize=4096)
def match_terms(requirement_text: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """What to look for: the terms (years left out) and their aliases, or the text's chunks."""
    from prep_core.posting import TERMS

    kept = [t for t in terms if not t.endswith("+ years")]
    if not kept:
        kept = _chunks(requirement_text, drop_leading_verb=True) if not terms else []
    out: list[str] = []
    for term in kept:
        out.append(term)
        out += [form.lstrip("=") for form in TERMS.get(term, ())]
    return tuple(dict.fromkeys(out))


class _Texts:
    """Items' texts indexed once: a word -> the items using it, then an exact check.

    Only items holding every content word of a form (stemmed; from four words on, all but
    one) are checked with ``TextIndex.uses``, so a spelling variant ("personalised" for
    "personalized") counts only next to the form's other words as written. Each form is
    looked up once per matrix.
    """

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.index: dict[str, TextIndex] = {}
        self.by_word: dict[str, set[str]] = {}
        self.found: dict[str, set[str]] = {}
        for item_id, text in items:
            if not text.strip():
                continue
            self.index[item_id] = TextIndex(text)
            tokens = words(text)
            for word in {*tokens, *map(_stem, tokens)}:
                self.by_word.setdefault(word, set()).add(item_id)

    def using(self, forms: tuple[str, ...]) -> list[str]:
        """Ids of the items that use any of ``forms``, in the items' order."""
        found: set[str] = set()
        for form in forms:
            found |= self._using(form)
        return [item_id for item_id in self.index if item_id in found]

    def _using(self, form: str) -> set[str]:
        if form not in self.found:
            self.found[form] = {i for i in self._candidates(form) if self.index[i].uses(form)}
        return self.found[form]

    def _candidates(self, form: str) -> set[str]:
        tokens = words(form)
        keys = list(dict.fromkeys(content_words(tokens) or [_stem(t) for t in tokens]))
        if not keys:
            return set()
        if len(keys) == 1:  # also written as two words ("Tensor Flow"): any item with a part
            return self.by_word.get(keys[0], set()) | self.by_word.get(tokens[0], set())
        sets = sorted((self.by_word.get(key, set()) for key in keys), key=len)
        need = len(keys) - (len(keys) >= 4)
        counts: dict[str, int] = {}
        for found in sets:
            for item_id in found:
                counts[item_id] = counts.get(item_id, 0) + 1
        joined = self.by_word.get("".join(keys), set())  # written as one word ("springboot")
        return {i for i, n in counts.items() if n >= need} | joined


_stem = stem  # cached in wording.py


def _skill_text(row: SkillRow) -> str:
    return f"{row.skill}\n{row.requirement}\n{row.talking_point}"


def _story_text(story: Story) -> str:
    parts = (story.title, story.situation, story.task, story.action, story.result, *story.tags)
    return "\n".join(parts)


def _real(text: str) -> str:
    return "" if is_placeholder(text) else text


def story_missing(story: Story) -> tuple[str, ...]:
    """What a story still needs written before it proves anything (its action, its result)."""
    return tuple(name for name in STORY_PROOF if not _real(getattr(story, name)).strip())


def story_proves(story: Story) -> bool:
    return not story_missing(story)


def _answer_text(question: Question) -> str:
    """The drafted answer alone: a question that names a requirement proves nothing."""
    return _real(question.answer) if question.text else ""


def coverage(profile: Profile, stories: Iterable[Story] = ()) -> Coverage:
    """The coverage matrix of ``profile``'s requirements; ``stories`` is the story bank."""
    from rapidfuzz import fuzz, process, utils

    stories = list(stories)
    prep = get_section("prep")
    skill_rows = prep.field("skill_map").present(profile.prep.skill_map) or []
    with_point = {row.id for row in skill_rows_with_a_point(skill_rows)}
    story_gaps = {story.id: story_missing(story) for story in stories}
    by_requirement: dict[str, set[str]] = {}
    for row in skill_rows:
        by_requirement.setdefault(row.requirement_id, set()).add(row.id)
    quoted = {row.id: row.requirement for row in skill_rows if row.requirement}
    skills = _Texts((row.id, _skill_text(row)) for row in skill_rows)
    bank = _Texts((story.id, _story_text(story)) for story in stories)
    answers = _Texts((q.id, _answer_text(q)) for q in profile.prep.questions)
    said = [
        *(prep.field(name).present_in(profile) or [] for name in ("talking_points", "keywords"))
    ]
    points = TextIndex("\n".join(line for lines in said for line in lines))
    story_ids = {story.id for story in stories}
    told = {q.id: q.story_id for q in profile.prep.questions if q.story_id in story_ids}
    tellers = _Texts((q.id, q.text) for q in profile.prep.questions if q.id in told)
    rows = []
    for requirement in effective_requirements(profile):
        forms = match_terms(requirement.text, tuple(requirement.terms))
        reworded = process.extract(
            requirement.text,
            quoted,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=REWORDED,
            limit=None,
        )
        linked = by_requirement.get(requirement.id, set()) | {key for *_, key in reworded}
        found_skills = linked | set(skills.using(forms))
        answer_ids = answers.using(forms)
        # a story told by a question about it (or by an answer naming it) is matched too
        telling = {*answer_ids, *tellers.using(forms)}
        story_hits = set(bank.using(forms)) | {told[q] for q in telling if q in told}
        found_rows = [r.id for r in skill_rows if r.id in found_skills]
        unsaid = [r for r in found_rows if r not in with_point]
        found_stories = [s.id for s in stories if s.id in story_hits]
        row = RequirementCoverage(
            id=requirement.id,
            text=requirement.text,
            kind=requirement.kind,
            terms=list(requirement.terms),
            skills=[r for r in found_rows if r in with_point],
            stories=[s for s in found_stories if not story_gaps[s]],
            answers=answer_ids,
            in_talking_points=any(points.uses(form) for form in forms),
            started=[
                *(Started("skill", r, ("talking_point",)) for r in unsaid),
                *(Started("story", s, story_gaps[s]) for s in found_stories if story_gaps[s]),
            ],
        )
        row.gaps = [
            gap
            for gap, missing in (
                ("skill", not row.skills),
                ("story", not row.stories),
                ("answer", not row.answers),
                ("keyword", not row.in_talking_points),
            )
            if missing
        ]
        rows.append(row)
    return Coverage(rows)


def gap_questions(
    profile: Profile, stories: Iterable[Story] = (), report: Coverage | None = None
) -> set[str]:
    """Ids of questions about a must-have not covered yet, in progress ones included (their
    text uses one of its terms): practice order puts them first. ``report``: the profile's
    matrix, if known."""
    missing = (report or coverage(profile, stories)).uncovered_musts()
    if not missing:
        return set()
    asked = _Texts((q.id, q.text) for q in profile.prep.questions if q.text)
    found: set[str] = set()
    for row in missing:
        found |= set(asked.using(match_terms(row.text, tuple(row.terms))))
    return found


def linked_stories(
    profile: Profile, stories: Iterable[Story], report: Coverage | None = None
) -> list[Story]:
    """The stories a profile uses, in the bank's order: told by one of its questions
    (``story_id``) or proving one of its requirements, or on the way to (``report``: its
    matrix, if known). Exported with the profile."""
    stories = list(stories)
    used = {q.story_id for q in profile.prep.questions if q.story_id}
    for row in (report or coverage(profile, stories)).requirements:
        used.update(row.stories)
        used.update(s.id for s in row.started_of("story"))
    return [s for s in stories if s.id in used]


_KIND_ORDER = {"must": 0, "responsibility": 1, "nice": 2}


def proven_by(report: Coverage, stories: Iterable[Story]) -> dict[str, str]:
    """Story id -> the text of the requirement the story proves, for its card: the one it is
    linked to (the Stories tab's *Link* makes the requirement's terms the story's tags), else
    the first must-have, then responsibility, then nice-to-have its text proves."""
    rows = sorted(report.requirements, key=lambda r: _KIND_ORDER[r.kind])
    found: dict[str, str] = {}
    for story in stories:
        tags = {tag.casefold() for tag in story.tags}
        proving = [row for row in rows if story.id in row.stories]
        linked = [row for row in proving if tags and _link_terms(row) <= tags]
        if linked or proving:
            found[story.id] = (linked or proving)[0].text
    return found


def _link_terms(row: RequirementCoverage) -> set[str]:
    """What linking a story to ``row`` adds to its tags (``fixes.tag_story``)."""
    kept = [t for t in row.terms or [row.text] if not t.endswith("+ years")]
    return {term.casefold() for term in kept} or {row.text.casefold()}
