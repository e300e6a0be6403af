"""Days far away or out of range: the plan and the calendar stay bounded whatever the date, and a
file holding such a day loads with a note instead of crashing them (the CLI as a subprocess,
with its time, memory and output bounded)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from prep_core.model import Profile
from prep_core.plan import HORIZON_DAYS
from tests.conftest import ROOT

MEMORY = 1 << 30  # 1 GB of address space is far more than a plan needs
SECONDS = 20


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def prep(*argv: str, data_dir: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = dict(os.environ, PREP_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "prep_core", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=SECONDS,
        check=False,
        preexec_fn=_limit_memory,
    )
    return result, time.monotonic() - began


def _far_profiles() -> dict[str, dict]:
    acme = {"company": "Acme", "prep": {"questions": [{"text": "Why Acme?"}]}}
    return {
        "typo-2062": {**acme, "interview_date": "2062-01-10"},
        "round-9999": {**acme, "rounds": [{"day": "9999-12-31"}]},
        "round-9999-late": {
            **acme,
            "rounds": [
                {"day": "9999-12-31", "start_time": "23:30", "timezone": "Pacific/Kiritimati"}
            ],
        },
        "round-year-1": {**acme, "rounds": [{"day": "0001-01-01", "timezone": "Asia/Tokyo"}]},
    }


@pytest.fixture(params=sorted(_far_profiles()))
def far_file(request, tmp_path: Path) -> Path:
    data = Profile.model_validate(_far_profiles()[request.param]).model_dump(mode="json")
    path = tmp_path / f"{request.param}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_plan_of_a_far_or_impossible_day_is_a_few_weeks_and_a_note(far_file, tmp_path):
    result, seconds = prep("plan", str(far_file), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert seconds < 10 and len(result.stdout) < 50_000
    assert "Traceback" not in result.stderr
    if "year-1" not in far_file.name:
        assert "far away" in result.stdout
        days = [
            line
            for line in result.stdout.splitlines()
            if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        ]
        assert len(days) <= HORIZON_DAYS + 1
    if "9999" in far_file.name or "year-1" in far_file.name:  # said once, on standard error
        assert "check" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    data, _ = prep("plan", str(far_file), "--json", data_dir=tmp_path / "data")
    assert data.returncode == 0 and len(json.loads(data.stdout)["days"]) <= HORIZON_DAYS + 1


def test_the_calendar_of_a_far_or_impossible_day_is_bounded(far_file, tmp_path):
    out = tmp_path / "plan.ics"
    result, seconds = prep(
        "export", str(far_file), "--to", "ics", "-o", str(out), data_dir=tmp_path / "data"
    )
    assert result.returncode == 0, result.stderr
    assert seconds < 10
    calendar = out.read_text(encoding="utf-8")
    assert calendar.count("BEGIN:VEVENT") == 0  # a day to check is left out: the note says so
    assert "check the year" in result.stderr


def test_the_calendar_of_a_round_months_away_is_six_weeks_and_the_round(tmp_path):
    day = date.today() + timedelta(days=300)
    path = tmp_path / "p.json"
    path.write_text(Profile(company="Acme", interview_date=day).model_dump_json(), encoding="utf-8")
    out = tmp_path / "plan.ics"
    result, _ = prep("export", str(path), "--to", "ics", "-o", str(out), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    events = out.read_text(encoding="utf-8").count("BEGIN:VEVENT")
    assert events == HORIZON_DAYS + 2  # an evening block a day, the round and its debrief


def test_a_plan_a_month_away_is_cut_at_the_horizon_but_ends_on_the_round():
    from datetime import UTC, datetime

    from prep_core.insight import Insight

    now = datetime(2026, 12, 2, 9, tzinfo=UTC)
    day = date(2027, 3, 1)
    result = Insight.of(Profile(company="Acme", interview_date=day), now=now).plan
    assert result.status == "ok"
    assert result.days[0].date == now.date()
    assert result.days[-1].date == day
    assert len(result.days) == HORIZON_DAYS + 1
    assert result.days[-2].date == now.date() + timedelta(days=HORIZON_DAYS - 1)
    assert "far away" in result.message and "89 days" in result.message


def test_the_plan_page_of_an_interview_in_2062_draws_six_weeks_and_the_note(store) -> None:
    from tests.app_harness import start

    profile = store.create(Profile(company="Acme", interview_date=date(2062, 1, 10)))
    began = time.monotonic()
    at = start(profile.id, "pages/plan.py")
    assert time.monotonic() - began < 20
    shown = " ".join(m.value for m in [*at.info, *at.warning, *at.error]).replace("\\", "")
    assert "far away" in shown and "more than 5 years ahead" in shown
    assert len(at.subheader) == HORIZON_DAYS + 1


def test_the_library_notes_a_profile_holding_a_day_to_check(store) -> None:
    from tests.app_harness import start

    profile = store.create(Profile(company="Acme", interview_date=date(2062, 1, 10)))
    at = start(profile.id, "pages/library.py")
    notes = [
        c.value.replace("\\", "") for c in at.caption if "2062-01-10" in c.value.replace("\\", "")
    ]
    assert len(notes) == 1 and "more than 5 years ahead: check the year" in notes[0]


@pytest.mark.parametrize(
    ("day", "today", "problem"),
    [
        (date(1990, 1, 1), date(2026, 12, 2), ""),
        (date(1989, 12, 31), date(2026, 12, 2), "1989-12-31 is before 1990: check the year"),
        (date(2031, 12, 2), date(2026, 12, 2), ""),
        (date(2031, 12, 3), date(2026, 12, 2), "more than 5 years ahead"),
        (date(2029, 2, 28), date(2024, 2, 29), ""),  # five years after a 29 February
        (date(2029, 3, 1), date(2024, 2, 29), "more than 5 years ahead"),
    ],
)
def test_the_bounds_of_a_plausible_day(day, today, problem) -> None:
    from prep_core.model import day_problem

    found = day_problem(day, today)
    assert (problem in found) if problem else found == ""
