"""The coverage matrix: requirements against skills rows, stories, answers and talking points."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx
from rapidfuzz import fuzz, utils

from prep_core.coverage import REWORDED, coverage, effective_requirements, gap_questions
from prep_core.fixes import add_skill_row, materialise
from prep_core.formats import export
from prep_core.insight import Insight
from prep_core.model import Profile, Question, Requirement, SkillRow, Story
from prep_core.posting import merge_requirements, requirements
from prep_core.progress import practice_order
from prep_core.vocabulary import vocabulary
from tests.builders import cards_of

POSTINGS = Path(__file__).parent / "postings"
ML = (POSTINGS / "ml_engineer.md").read_text(encoding="utf-8")
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _postings() -> list[list[str]]:
    return [
        [r.text for r in requirements(p.read_text(encoding="utf-8"))]
        for p in sorted(POSTINGS.iterdir())
        if p.suffix in (".md", ".html")
    ]


def _score(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b, processor=utils.default_process)  # as coverage does


def test_the_reworded_threshold_is_measured_on_the_postings():
    """Two different requirements of one posting never reach REWORDED; the same requirement
    copied with a word or its final stop dropped, upper-cased or with '&' for 'and' mostly does
    (the rest is matched by its terms)."""
    different, reworded = [], []
    for texts in _postings():
        for a in texts:
            different += [_score(a, b) for b in texts if b != a]
            w = a.rstrip(".").split()
            for edit in (" ".join(w[1:]), " ".join(w[:-1]), a.upper(), a.replace(" and ", " & ")):
                reworded.append(_score(a, edit))
    assert max(different) < REWORDED - 3
    assert sum(score >= REWORDED for score in reworded) / len(reworded) >= 0.9


def _profile() -> Profile:
    profile = Profile(company="Streamly", job_posting=ML)
    profile.prep.skill_map = [
        SkillRow(skill="Kubernetes", requirement="Model serving", talking_point="Ran 40 models"),
        SkillRow(
            skill="Python",
            requirement="Strong Python; working knowledge of PyTorch",
            talking_point="Eight years of Python, PyTorch since 1.0",
        ),
    ]
    profile.prep.questions = [
        Question(text="How do you serve models?", answer="On K8s, with canaries."),
        Question(text="Tell me about your experience with Ray or Kubeflow"),
    ]
    profile.prep.talking_points = ["Cut GPU cost by a third with distributed training"]
    return profile


def _row(report, start: str):
    return next(r for r in report.requirements if r.text.startswith(start))


def test_the_matrix_and_its_json():
    story = Story(
        title="Moved training to GCP",
        action="Set up distributed training on GPUs",
        result="Training took a day, not a week",
    )
    report = coverage(_profile(), [story])
    data = report.to_dict()
    assert set(data) == {"requirements", "must_covered", "must_in_progress", "must_total"}
    assert set(data["requirements"][0]) == {
        "id", "text", "kind", "terms", "skills", "stories", "answers", "in_talking_points", "gaps",
        "started", "state",
    }  # fmt: skip
    serving = _row(report, "Own model serving")
    assert serving.skills and serving.answers  # "K8s" in the answer is Kubernetes
    assert serving.gaps == ["story", "keyword"]
    gpus = _row(report, "Experience with distributed training")
    assert gpus.stories == [story.id] and gpus.in_talking_points
    python = _row(report, "Strong Python")
    assert len(python.skills) == 1
    cloud = _row(report, "Experience with AWS or GCP")
    assert cloud.stories == [story.id]  # GCP is Google Cloud, written either way
    years = _row(report, "5+ years")
    assert years.gaps == ["skill", "story", "answer", "keyword"]
    assert data["must_total"] == 5
    assert data["must_covered"] == 3  # Python, GPUs, cloud; not the years, not statistics


def test_links_count_and_dangling_links_are_ignored():
    profile = Profile(job_posting=ML)
    profile.requirements = [Requirement(text="Statistics", terms=["statistics"])]
    stats = profile.requirements[0]
    profile.prep.skill_map = [
        SkillRow(skill="Econometrics course", talking_point="A+", requirement_id=stats.id),
        SkillRow(skill="Spark", requirement_id="deleted-requirement"),
    ]
    story = Story(title="A win", action="Built it", result="Shipped")
    profile.prep.questions = [
        Question(text="Why statistics?", answer="I love statistics.", story_id=story.id),
        Question(text="Other", answer="x", story_id="not-in-the-bank"),
    ]
    row = coverage(profile, [story]).requirements[0]
    assert row.skills == [profile.prep.skill_map[0].id]
    assert row.stories == [story.id]  # told by the answer that mentions it
    assert row.answers == [profile.prep.questions[0].id]


def test_the_persons_rows_win_over_the_posting_and_dropped_rows_do_not_count():
    profile = Profile(job_posting=ML)
    assert len(effective_requirements(profile)) == 12
    profile.requirements = merge_requirements([], ML)
    profile.requirements[0] = profile.requirements[0].model_copy(update={"dropped": True})
    assert len(coverage(profile).requirements) == 11
    empty = {"requirements": [], "must_covered": 0, "must_in_progress": 0, "must_total": 0}
    assert coverage(Profile()).to_dict() == empty


def test_re_extracting_keeps_edits_and_never_brings_a_dropped_row_back():
    rows = merge_requirements([], "Requirements:\n- Python\n- Go\n- SQL")
    assert [r.source for r in rows] == ["Python", "Go", "SQL"]
    rows[0] = rows[0].model_copy(update={"text": "Python 3.11", "edited": True})
    rows[1] = rows[1].model_copy(update={"dropped": True})
    mine = Requirement(text="Kindness", kind="nice")
    again = merge_requirements([*rows, mine], "Requirements:\n- Python\n- Go\n- Rust")
    assert [(r.text, r.dropped) for r in again] == [
        ("Python 3.11", False),
        ("Go", True),
        ("Rust", False),
        ("Kindness", False),
    ]  # SQL left the posting and was untouched: gone
    assert again[0].id == rows[0].id


def test_uncovered_must_haves_come_first_in_practice_order():
    profile = _profile()
    profile.prep.questions.append(Question(text="How strong is your statistics?"))
    order = [q.text for q in practice_order(profile)]
    assert order[0] == "How strong is your statistics?"
    assert gap_questions(profile) == {profile.prep.questions[-1].id}
    assert gap_questions(Profile()) == set()


def test_the_posting_terms_join_the_vocabulary():
    terms = vocabulary(Profile(company="Streamly", job_posting=ML))
    posting = [t.text for t in terms if t.source == "posting"]
    assert {"Kubernetes", "PyTorch", "machine learning"} <= set(posting)
    assert not any(t.endswith("+ years") for t in posting)


# --- covered means evidence -------------------------------------------------------------------

K8S = Requirement(text="Run services on Kubernetes", kind="must", terms=["Kubernetes"])


def _one(profile: Profile, stories=()):
    profile.requirements = [K8S]
    return coverage(profile, stories).requirements[0]


def test_a_skills_row_proves_only_with_a_real_talking_point():
    profile = Profile()
    row = SkillRow(skill="Kubernetes", requirement_id=K8S.id)
    profile.prep.skill_map = [row]
    empty = _one(profile)
    assert (empty.state, empty.skills) == ("in progress", [])
    assert [(s.kind, s.id, s.missing) for s in empty.started] == [
        ("skill", row.id, ("talking_point",))
    ]
    assert empty.gap_texts()[0] == "its skills row has no talking point yet"
    row.talking_point = "[What you will say]"  # the template's placeholder is not a point
    assert _one(profile).state == "in progress"
    row.talking_point = "Ran 40 services on K8s"
    proven = _one(profile)
    assert (proven.state, proven.skills, proven.started) == ("covered", [row.id], [])


def test_a_story_proves_only_with_an_action_and_a_result():
    story = Story(title="Moved to Kubernetes", action="Moved 40 services")
    started = _one(Profile(), [story])
    assert started.state == "in progress" and started.stories == []
    assert [(s.kind, s.missing) for s in started.started] == [("story", ("result",))]
    no_action = story.model_copy(update={"action": "", "result": "Deploys took minutes"})
    assert [s.missing for s in _one(Profile(), [no_action]).started] == [("action",)]
    placeholder = story.model_copy(update={"result": "[TBD]"})
    assert _one(Profile(), [placeholder]).state == "in progress"
    done = story.model_copy(update={"result": "Deploys took minutes, not hours"})
    assert _one(Profile(), [done]).stories == [story.id]


def test_an_answer_proves_only_when_it_names_the_requirement():
    profile = Profile()
    question = Question(text="Tell me about Kubernetes.", answer="I like containers.")
    profile.prep.questions = [question]
    asked = _one(profile)
    assert (asked.state, asked.answers) == ("gap", [])  # a question about it proves nothing
    question.answer = "[Draft]"
    assert _one(profile).answers == []
    question.answer = "I ran our K8s clusters for three years."  # an alias names it too
    assert _one(profile).answers == [question.id] and _one(profile).state == "covered"
    question.text = "What did you run in production?"  # the answer alone proves it
    assert _one(profile).answers == [question.id]


def test_placeholders_in_the_talking_points_are_not_its_words():
    profile = Profile()
    profile.prep.talking_points = ["[Kubernetes]"]
    profile.prep.keywords = ["[Kubernetes]"]
    assert not _one(profile).in_talking_points
    profile.prep.keywords = ["Kubernetes"]
    assert _one(profile).in_talking_points


def test_in_progress_counts_as_not_covered_everywhere():
    """The must-have with only an empty skills row: not covered in the counts, first in the
    gaps, its question first in practice, in the plan, and the row reaches no card or sheet."""
    profile = Profile(company="Acme", job_posting="Requirements:\n- Kubernetes\n- Python")
    profile.interview_date = NOW.date() + timedelta(days=5)
    python = SkillRow(skill="Python", talking_point="Ten years of Python")
    profile.prep.skill_map = [python]
    materialise(profile)
    k8s = next(r for r in profile.requirements if r.text == "Kubernetes")
    nice = Requirement(text="Go", kind="nice", terms=["Go"])
    profile.requirements = [nice, *profile.requirements]
    empty = add_skill_row(profile, requirement_id=k8s.id)
    asked = Question(text="How do you run Kubernetes?")
    profile.prep.questions = [Question(text="Why us?"), asked]
    report = coverage(profile)
    assert (report.must_covered, report.must_in_progress, report.must_total) == (1, 1, 2)
    assert [r.text for r in report.uncovered_musts()] == ["Kubernetes"]
    assert [r.text for r in report.todo()][:2] == ["Kubernetes", "Python"]  # must-haves first
    assert report.todo()[-1].text == "Go"
    assert report.to_dict()["requirements"][1]["state"] == "in progress"
    assert gap_questions(profile) == {asked.id}
    assert practice_order(profile)[0].id == asked.id
    planned = [
        i.ref for d in Insight.of(profile, now=NOW).plan.days for i in d.items if i.kind == "fit"
    ]
    assert planned == [k8s.id]
    cards = {c.item_id for c in cards_of(profile)}
    assert python.id in cards and empty.id not in cards  # an empty row is no card
    assert [c.item_id for c in cards_of(profile) if c.gap] == [asked.id]  # Anki gap order
    sheet = docx.Document(io.BytesIO(export(profile, "docx", now=NOW, variant="cheatsheet")))
    cells = {cell.text for table in sheet.tables for row in table.rows for cell in row.cells}
    assert "Ten years of Python" in cells and "Kubernetes" not in cells  # nor a sheet row
    assert "Kubernetes" in [p.text for p in sheet.paragraphs]  # a must-have to prove
