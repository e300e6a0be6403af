"""``prep coverage``, ``prep stories`` and the coverage in ``prep check --json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prep_core.model import Profile, SkillRow, Story
from prep_core.stories import STORIES_FILE, StoryStore
from tests.test_cli import assert_one_line_error, run, snapshot

ML = (Path(__file__).parent / "postings" / "ml_engineer.md").read_text(encoding="utf-8")


def _saved(isolated_dir) -> Profile:
    from prep_core.store import Store

    profile = Profile(company="Streamly", role_title="ML Engineer", job_posting=ML)
    profile.prep.skill_map = [SkillRow(skill="Python and PyTorch", talking_point="5 years")]
    return Store(isolated_dir).create(profile)


def test_coverage_json_and_table(capsys, isolated):
    profile = _saved(isolated)
    code, out, _ = run(capsys, "coverage", profile.id, "--json")
    data = json.loads(out)
    assert code == 0 and (data["must_total"], data["must_covered"]) == (5, 1)
    python = next(r for r in data["requirements"] if r["text"].startswith("Strong Python"))
    assert python["skills"] == [profile.prep.skill_map[0].id]
    code, out, _ = run(capsys, "coverage", profile.id)
    assert code == 0
    assert "must-haves covered 1 of 5" in out
    assert "Uncovered must-haves" in out and "Experience with AWS or GCP" in out


def test_a_skills_row_without_a_talking_point_is_in_progress_not_covered(capsys, isolated):
    from prep_core.store import Store

    profile = _saved(isolated)
    profile.prep.skill_map[0].talking_point = ""  # what the Fit page's one-click fix adds
    Store(isolated).save(profile)
    _, out, _ = run(capsys, "coverage", profile.id, "--json")
    data = json.loads(out)
    assert (data["must_covered"], data["must_in_progress"], data["must_total"]) == (0, 1, 5)
    python = next(r for r in data["requirements"] if r["text"].startswith("Strong Python"))
    assert (python["state"], python["skills"]) == ("in progress", [])
    assert python["started"] == [
        {"kind": "skill", "id": profile.prep.skill_map[0].id, "missing": ["talking_point"]}
    ]
    _, out, _ = run(capsys, "coverage", profile.id)
    assert "must-haves covered 0 of 5 (1 in progress)" in out
    assert "Strong Python" in out and "started" in out
    assert "(in progress: its skills row has no talking point yet;" in out


def test_coverage_counts_the_story_bank(capsys, isolated):
    profile = _saved(isolated)
    StoryStore(isolated).add(
        [Story(title="Moved to GCP", action="Migrated 40 jobs to AWS", result="Cheaper")]
    )
    _, out, _ = run(capsys, "coverage", profile.id, "--json")
    cloud = next(r for r in json.loads(out)["requirements"] if "AWS" in r["text"])
    assert len(cloud["stories"]) == 1


def test_check_json_gains_coverage(capsys, isolated):
    profile = _saved(isolated)
    code, out, _ = run(capsys, "check", profile.id, "--json")
    assert code == 0
    assert json.loads(out)["coverage"]["must_total"] == 5
    code, out, _ = run(capsys, "check", profile.id)
    assert "Must-haves covered: 1 of 5" in out


def test_stories_import_list_export(capsys, isolated, tmp_path):
    story = Story(title="Cut training time by 40%", result="40% faster", tags=["PyTorch"])
    source = tmp_path / "stories.json"
    source.write_text(json.dumps([story.model_dump()]), encoding="utf-8")
    code, out, _ = run(capsys, "stories", "list")
    assert code == 0 and "empty" in out
    code, out, _ = run(capsys, "stories", "import", str(source))
    assert (code, out) == (0, "added 1 of 1 stories; the bank holds 1\n")
    code, out, _ = run(capsys, "stories", "import", str(source), "--json")
    assert json.loads(out) == {"added": 0, "stories": 1}
    code, out, _ = run(capsys, "stories", "list")
    assert story.id in out and "PyTorch" in out
    code, out, _ = run(capsys, "stories", "list", "--json")
    assert json.loads(out)[0]["title"] == story.title
    code, markdown, _ = run(capsys, "stories", "export")
    assert markdown.startswith("## Story Bank\n\n### Cut training time by 40%")
    again = tmp_path / "bank.md"
    again.write_text("# Company Profile: X\n\n" + markdown, encoding="utf-8")
    code, out, _ = run(capsys, "stories", "import", str(again))
    assert out.startswith("added 0 of 1")


def test_bad_story_files_change_nothing(capsys, isolated, tmp_path):
    StoryStore(isolated).add([Story(title="Kept")])
    before = snapshot(isolated)
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    code, out, err = run(capsys, "stories", "import", str(bad))
    assert code == 2 and out == "" and err.startswith("prep: error: bad.json: not a story bank")
    assert err.count("\n") == 1
    code, out, err = run(capsys, "stories", "import", str(tmp_path / "missing.json"))
    assert_one_line_error(code, out, err, f"{tmp_path / 'missing.json'}: no such file")
    (isolated / STORIES_FILE).write_text("[1]", encoding="utf-8")
    before = snapshot(isolated)
    code, out, err = run(capsys, "stories", "list")
    assert code == 2 and err.startswith("prep: error: stories.json")
    assert snapshot(isolated) == before


def test_coverage_of_an_unknown_profile_is_one_line(capsys, isolated):
    code, out, err = run(capsys, "coverage", "nobody")
    assert code == 2 and out == "" and err.startswith("prep: error: no profile 'nobody'")


def test_a_markdown_export_carries_the_stories_the_profile_uses(capsys, isolated, tmp_path):
    from prep_core.model import Question
    from prep_core.readers.markdown import read_stories
    from prep_core.store import Store

    told = Story(title="Cut training time", result="40% faster")
    proving = Story(title="Cloud move", action="Moved the jobs to AWS", result="Cheaper")
    unrelated = Story(title="Bake sale", result="Raised 300 EUR")
    StoryStore(isolated).add([told, proving, unrelated])
    profile = Profile(company="Streamly", job_posting=ML)
    profile.prep.questions = [Question(text="A win?", story_id=told.id)]
    profile = Store(isolated).create(profile)
    code, out, _ = run(capsys, "export", profile.id, "--to", "md", "-o", "-")
    assert code == 0
    assert [s.title for s in read_stories(out)] == ["Cut training time", "Cloud move"]
    (isolated / STORIES_FILE).write_text("{broken", encoding="utf-8")
    code, out, err = run(capsys, "export", profile.id, "--to", "md", "-o", "-")
    assert code == 0 and "## Story Bank" not in out
    assert err.startswith("prep: warning: the story bank was not read: stories.json")


@pytest.mark.parametrize(
    "argv",
    [
        ("coverage", "{id}"),
        ("coverage", "{id}", "--json"),
        ("check", "{id}"),
        ("check", "{id}", "--json"),
        ("plan", "{id}"),
        ("plan", "{id}", "--json"),
        ("export", "{id}", "--to", "md", "-o", "-"),
    ],
)
def test_a_broken_story_bank_is_one_warning_line_and_the_command_goes_on(isolated, argv):
    """Every command that uses the bank treats a broken one alike: a warning, then its work
    without stories (before, coverage and check failed, plan said nothing, export warned)."""
    from tests.test_cli import prep

    profile = _saved(isolated)
    (isolated / STORIES_FILE).write_text("{broken", encoding="utf-8")
    before = snapshot(isolated)
    result = prep(*(arg.format(id=profile.id) for arg in argv), data_dir=isolated)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("prep: warning: the story bank was not read: stories.json")
    assert result.stderr.endswith("; going on without stories\n")
    assert result.stderr.count("\n") == 1
    assert result.stdout.strip()
    if "--json" in argv or "md" in argv:
        assert "Traceback" not in result.stdout
    if "--json" in argv:
        json.loads(result.stdout)
    assert snapshot(isolated) == before
