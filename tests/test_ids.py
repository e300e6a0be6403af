"""Ids and the links between them, walked by one helper (``model.renamed_ids``) for new ids,
content keys and the Markdown view; ``prep import`` of a Markdown file with every part."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from prep_core.model import (
    Interviewer,
    NewsItem,
    Profile,
    Question,
    Requirement,
    Round,
    SkillRow,
    Source,
    Story,
    id_fields,
)
from prep_core.stories import StoryStore
from prep_core.writers.markdown import write
from tests.test_cli import prep, snapshot


def every_part() -> Profile:
    """A profile with an item of every kind that has an id, and every link between them."""
    must = Requirement(text="Own data products end to end", kind="must", terms=["data products"])
    screen = Round(
        day=date(2026, 12, 3),
        start_time=time(10),
        timezone="Europe/London",
        interviewers=[Interviewer(name="Ana Lee", role="EM")],
    )
    onsite = Round(day=date(2026, 12, 10), kind="onsite")
    profile = Profile(company="Acme", role_title="Data Engineer", rounds=[screen, onsite])
    profile.requirements = [must, Requirement(text="Kafka", kind="nice")]
    profile.news = [NewsItem(text="Raised a Series B", date="2026")]
    profile.sources = [Source(title="Careers", url="https://acme.example/jobs")]
    profile.prep.skill_map = [SkillRow(skill="dbt", requirement=must.text)]
    profile.prep.questions = [
        Question(text="Why Acme?", answer="Pipelines.", asked_in=onsite.id, story_id="win"),
        Question(text="A failure?", asked_in=screen.id),
    ]
    return profile


def test_the_model_declares_every_id_and_link():
    """One declaration: a new part with an id or a link is walked without a second list."""
    ids, links = id_fields()
    assert set(ids) >= {
        "Profile",
        "NewsItem",
        "Source",
        "Requirement",
        "SkillRow",
        "Question",
        "Round",
        "Interviewer",
        "MockRound",
    }
    assert links == {
        ("SkillRow", "requirement_id"): "Requirement",
        ("Question", "story_id"): "Story",
        ("Question", "asked_in"): "Round",
        ("MockItem", "question_id"): "Question",
    }


def test_a_copy_keeps_its_mock_rounds_pointing_at_its_own_questions():
    profile = Profile(prep={"questions": [{"text": "Why?"}]})
    asked = profile.prep.questions[0].id
    profile.mock_rounds = [{"items": [{"question_id": asked}, {"question_id": "gone"}]}]
    copy = profile.with_new_ids()
    new_question = copy.prep.questions[0].id
    assert new_question != asked and copy.mock_rounds[0].id != profile.mock_rounds[0].id
    assert [i.question_id for i in copy.mock_rounds[0].items] == [new_question, ""]


def test_new_ids_everywhere_and_links_follow():
    profile = every_part()
    profile.prep.skill_map[0].requirement_id = profile.requirements[0].id
    copy = profile.with_new_ids()
    old = set(_ids(profile.model_dump()))
    assert not old & set(_ids(copy.model_dump()))
    assert copy.prep.skill_map[0].requirement_id == copy.requirements[0].id
    assert [q.asked_in for q in copy.prep.questions] == [copy.rounds[1].id, copy.rounds[0].id]
    assert copy.prep.questions[0].story_id == "win"  # a story of the bank keeps its id


def _ids(data: object) -> list[str]:
    if isinstance(data, dict):
        own = [data["id"]] if "id" in data else []
        return own + [i for v in data.values() for i in _ids(v)]
    if isinstance(data, list):
        return [i for v in data for i in _ids(v)]
    return []


def test_re_importing_the_same_markdown_is_recognised_with_rounds_and_requirements(tmp_path):
    """Before: the content key dropped the ids of news, sources, skills rows and questions
    only, so the fresh ids the reader gives rounds, interviewers and requirements (and a
    question's round tag) made the same file look new, and it was imported twice."""
    source = tmp_path / "acme.md"
    source.write_text(write(every_part()), encoding="utf-8")
    data_dir = tmp_path / "data"
    first = prep("import", str(source), data_dir=data_dir)
    assert first.returncode == 0, first.stderr
    before = snapshot(data_dir)
    again = prep("import", str(source), data_dir=data_dir)
    profile_id = first.stdout.split()[0]
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == (
        f"prep: error: {source}: already imported as Acme — Data Engineer (id {profile_id}); "
        "--copy imports it again\n"
    )
    assert snapshot(data_dir) == before


def test_importing_an_exported_markdown_file_brings_its_story_bank(tmp_path):
    """Before: the profile came in, its questions pointing at stories that were not in the
    bank; the '## Story Bank' section was read by nothing but `prep stories import`."""
    win = Story(id="win", title="Cut training time", result="40% faster", tags=["PyTorch"])
    source = tmp_path / "acme.md"
    source.write_text(write(every_part(), stories=[win]), encoding="utf-8")
    data_dir = tmp_path / "data"
    result = prep("import", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "prep: added 1 of 1 stories to the story bank (prep stories list)\n"
    (story,) = StoryStore(data_dir).load().stories
    assert story == win
    copy = prep("import", str(source), "--copy", data_dir=data_dir)
    assert copy.returncode == 0
    assert copy.stderr == "prep: the story bank has its 1 story already\n"
    assert len(StoryStore(data_dir).load().stories) == 1
    listed = prep("list", data_dir=data_dir)
    assert listed.stdout.count("Acme") == 2


def test_a_story_bank_that_cannot_take_the_stories_leaves_the_import_whole(tmp_path):
    win = Story(id="win", title="Cut training time", result="40% faster")
    source = tmp_path / "acme.md"
    source.write_text(write(every_part(), stories=[win]), encoding="utf-8")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "stories.json").write_text("{broken", encoding="utf-8")
    result = prep("import", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("prep: warning: the stories were not added to the story bank")
    assert result.stderr.count("\n") == 1
    assert (data_dir / "stories.json").read_text(encoding="utf-8") == "{broken"
    assert prep("list", data_dir=data_dir).returncode == 0


def test_markdown_view_and_content_key_use_the_same_walk():
    from prep_core.store import content_key
    from prep_core.writers.markdown import markdown_view

    profile = every_part()
    again = profile.with_new_ids()
    assert content_key(again) == content_key(profile)
    assert markdown_view(again) == markdown_view(profile)


def test_a_markdown_import_reads_what_the_json_holds(tmp_path):
    profile = every_part()
    path = Path(tmp_path / "acme.md")
    path.write_text(write(profile), encoding="utf-8")
    from prep_core.readers.markdown import read
    from prep_core.writers.markdown import markdown_view

    assert markdown_view(read(path.read_text(encoding="utf-8"))) == markdown_view(profile)
