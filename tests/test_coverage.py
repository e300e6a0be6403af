"""The coverage matrix: requirements against skills rows, stories, answers and talking points."""

from __future__ import annotations

from pathlib import Path

from rapidfuzz import fuzz, utils

from prep_core.coverage import REWORDED, coverage, effective_requirements, gap_questions
from prep_core.model import Profile, Question, Requirement, SkillRow, Story
from prep_core.posting import merge_requirements, requirements
from prep_core.progress import practice_order
from prep_core.vocabulary import vocabulary

POSTINGS = Path(__file__).parent / "postings"
ML = (POSTINGS / "ml_engineer.md").read_text(encoding="utf-8")


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
        SkillRow(skill="Python", requirement="Strong Python; working knowledge of PyTorch"),
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
    story = Story(title="Moved training to GCP", action="Set up distributed training on GPUs")
    report = coverage(_profile(), [story])
    data = report.to_dict()
    assert set(data) == {"requirements", "must_covered", "must_total"}
    assert set(data["requirements"][0]) == {
        "id", "text", "kind", "terms", "skills", "stories", "answers", "in_talking_points", "gaps"
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
        SkillRow(skill="Econometrics course", requirement_id=stats.id),
        SkillRow(skill="Spark", requirement_id="deleted-requirement"),
    ]
    story = Story(title="A win", result="Shipped")
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
    assert coverage(Profile()).to_dict() == {"requirements": [], "must_covered": 0, "must_total": 0}


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
