"""``prep drill``: the session as text and JSON, a review recorded, bad input refused, as a
subprocess (the way a script uses it)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from prep_core.model import Profile, Question
from prep_core.store import Store
from tests.test_cli import prep

ROOT = Path(__file__).resolve().parents[1]
SLUG = "acme-data-engineer"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    profile = Profile(company="Acme", role_title="Data Engineer")
    profile.interview_date = date.today() + timedelta(days=10)
    profile.overview.founded = "1999"
    profile.prep.questions = [Question(id="q1", text="Why Acme?", answer="Pipelines.")]
    Store(tmp_path / "data").create(profile)
    return tmp_path / "data"


def files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.json")}


def test_the_session_as_json_has_exactly_the_documented_keys(data_dir):
    result = prep("drill", SLUG, "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"recall_at_round", "round_start", "cards"}
    assert data["recall_at_round"] == 0.0  # nothing drilled yet
    assert data["round_start"].startswith(str(date.today() + timedelta(days=10)))
    ids = [card["id"] for card in data["cards"]]
    assert "question:q1" in ids and "field:overview.founded" in ids
    for card in data["cards"]:
        assert set(card) == {"id", "front", "due", "recall_at_round"}


def test_a_review_is_recorded_and_the_figure_moves(data_dir):
    result = prep("drill", SLUG, "--review", "question:q1", "--rating", "3", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "prep: recorded Good for question:q1\n"
    data = json.loads(prep("drill", SLUG, "--json", data_dir=data_dir).stdout)
    assert data["recall_at_round"] > 0
    assert "question:q1" not in [card["id"] for card in data["cards"]]  # not due for a while
    text = prep("drill", SLUG, data_dir=data_dir).stdout
    assert "Predicted recall at the round" in text and "today)" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--review", "question:nope", "--rating", "3"], "no card 'question:nope'"),
        (["--review", "question:q1", "--rating", "5"], "--rating is 1 (Again)"),
        (["--review", "question:q1", "--rating", "0"], "--rating is 1 (Again)"),
        (["--review", "question:q1", "--rating", "good"], "--rating is 1 (Again)"),
        (["--review", "question:q1"], "go together"),
        (["--rating", "3"], "go together"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(data_dir, argv, message):
    before = files(data_dir)
    result = prep("drill", SLUG, *argv, data_dir=data_dir)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert files(data_dir) == before
