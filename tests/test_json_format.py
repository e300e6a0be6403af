"""The JSON storage format: lossless round trips, schema migrations, and its refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from prep_core.errors import InvalidProfile
from prep_core.model import SCHEMA_VERSION, ExtraSection, Profile
from prep_core.readers.json import MIGRATIONS, migrate, read
from prep_core.writers.json import write
from tests.builders import hostile_profile
from tests.test_markdown_roundtrip import profiles


def test_writes_indented_json_with_a_final_newline(sample_profile, fixed_now):
    text = write(sample_profile, now=fixed_now)
    assert text == sample_profile.model_dump_json(indent=2) + "\n"
    assert text.startswith(f'{{\n  "schema_version": {SCHEMA_VERSION},\n')


@pytest.mark.parametrize("make", [Profile, hostile_profile], ids=["blank", "hostile"])
def test_round_trip_is_exact(make):
    profile = make()
    profile.interview_date = date(2026, 12, 1)
    profile.extra_sections = [ExtraSection(parent="overview", title="Board", body="  - Ann\n")]
    assert read(write(profile)) == profile


def test_sample_round_trip_is_exact(sample_profile):
    assert read(write(sample_profile)) == sample_profile


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_generated_profiles_round_trip_exactly(profile):
    assert read(write(profile)) == profile


def test_a_byte_order_mark_is_ignored(sample_profile):
    assert read("\ufeff" + write(sample_profile)) == sample_profile


# --- migrations --------------------------------------------------------------------------------

SCHEMA_1 = {
    "id": "acme1",
    "company": "Acme",
    "news": ["Raised a round", "Opened Oslo office"],
    "sources": ["Company blog", "https://acme.test/about"],
    "prep": {
        "talking_points": ["Speed"],
        "questions": ["Why Acme?", "Tell me about a failure."],
        "skill_map": [{"skill": "SQL", "requirement": "Data", "talking_point": "I ran it"}],
    },
}


def test_schema_1_migrates_and_every_item_gets_a_fresh_id():
    profile = read(json.dumps(SCHEMA_1))
    assert profile.schema_version == SCHEMA_VERSION
    assert (profile.id, profile.company) == ("acme1", "Acme")
    assert [n.text for n in profile.news] == ["Raised a round", "Opened Oslo office"]
    assert [(s.title, s.url) for s in profile.sources] == [
        ("Company blog", ""),
        ("", "https://acme.test/about"),
    ]
    assert [q.text for q in profile.prep.questions] == ["Why Acme?", "Tell me about a failure."]
    assert [(r.skill, r.requirement) for r in profile.prep.skill_map] == [("SQL", "Data")]
    assert profile.prep.talking_points == ["Speed"]
    ids = [
        item.id
        for item in (
            *profile.news,
            *profile.sources,
            *profile.prep.questions,
            *profile.prep.skill_map,
        )
    ]
    assert len(set(ids)) == len(ids) == 7


def test_an_explicit_schema_1_file_migrates_the_same():
    profile = read(json.dumps({**SCHEMA_1, "schema_version": 1}))
    assert [q.text for q in profile.prep.questions] == ["Why Acme?", "Tell me about a failure."]


def test_migration_leaves_its_input_alone():
    data = json.loads(json.dumps(SCHEMA_1))
    migrate(data)
    assert data == SCHEMA_1


def test_schema_2_questions_gain_no_attempts():
    data = {
        "schema_version": 2,
        "id": "acme2",
        "company": "Acme",
        "prep": {"questions": [{"id": "q1", "text": "Why Acme?", "answer": "Data."}]},
    }
    profile = read(json.dumps(data))
    assert profile.schema_version == SCHEMA_VERSION
    assert [(q.id, q.answer, q.attempts) for q in profile.prep.questions] == [("q1", "Data.", [])]


def test_schema_3_gains_no_requirements_and_no_links():
    data = {
        "schema_version": 3,
        "id": "acme3",
        "company": "Acme",
        "prep": {
            "questions": [{"id": "q1", "text": "Why Acme?", "attempts": []}],
            "skill_map": [{"id": "s1", "skill": "SQL"}],
        },
    }
    migrated = migrate(data)
    assert migrated["schema_version"] == SCHEMA_VERSION
    assert migrated["requirements"] == []
    assert migrated["prep"]["questions"][0]["story_id"] == ""
    assert migrated["prep"]["skill_map"][0]["requirement_id"] == ""
    profile = read(json.dumps(data))
    assert profile.requirements == []
    assert (profile.prep.questions[0].story_id, profile.prep.skill_map[0].requirement_id) == (
        "",
        "",
    )


def test_links_and_requirements_round_trip_and_new_ids_keep_links(sample_profile):
    from prep_core.model import Requirement

    requirement = Requirement(text="5+ years of K8s", terms=["5+ years", "Kubernetes"])
    sample_profile.requirements = [requirement]
    sample_profile.prep.skill_map[0].requirement_id = requirement.id
    sample_profile.prep.questions[0].story_id = "story1"
    again = read(write(sample_profile))
    assert again == sample_profile
    copy = sample_profile.with_new_ids()
    assert copy.requirements[0].id != requirement.id
    assert copy.prep.skill_map[0].requirement_id == copy.requirements[0].id
    with pytest.raises(ValueError, match="requirement_id"):
        sample_profile.prep.skill_map[0].requirement_id = "../etc"


def test_schema_3_gains_no_rounds_and_its_date_is_one_all_day_round():
    from prep_core.rounds import effective_rounds

    data = {"schema_version": 3, "id": "acme3", "interview_date": "2026-12-01"}
    assert migrate(data)["rounds"] == [] and "rounds" not in data
    profile = read(json.dumps(data))
    assert (profile.schema_version, profile.rounds) == (SCHEMA_VERSION, [])
    [only] = effective_rounds(profile)
    assert (only.day, only.all_day, only.kind) == (date(2026, 12, 1), True, "interview")


def test_rounds_round_trip_exactly(fixed_now):
    profile = Profile(
        rounds=[
            {
                "kind": "technical",
                "day": "2026-12-03",
                "start_time": "14:30",
                "timezone": "America/New_York",
                "interviewers": [{"name": 'Ana, Bo; "Cy" 🎉', "role": "EM", "note": "ex-Google"}],
                "location": "https://meet.example/abc",
            },
            {"kind": "onsite", "day": "2026-12-10"},
        ]
    )
    assert read(write(profile, now=fixed_now)) == profile


def test_an_unknown_time_zone_is_one_clear_message():
    data = {"rounds": [{"day": "2026-12-03", "start_time": "10:00", "timezone": "Mars/Olympus"}]}
    with pytest.raises(InvalidProfile, match="unknown time zone 'Mars/Olympus'"):
        read(json.dumps(data))


def test_attempts_round_trip_and_only_the_last_20_are_kept(sample_profile, fixed_now):
    from prep_core.model import Attempt, Check

    question = sample_profile.prep.questions[0]
    checks = [Check(name="length", passed=False, message="took 30 s")]
    question.attempts = [
        Attempt(text=f"try {n}", seconds=n, checks=checks, rating=3, time=fixed_now)
        for n in range(25)
    ]
    assert [a.text for a in question.attempts] == [f"try {n}" for n in range(5, 25)]
    again = read(write(sample_profile))
    assert again.prep.questions[0].attempts == question.attempts


def test_every_older_schema_has_a_migration():
    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))


def test_a_current_file_is_not_migrated(sample_profile):
    data = json.loads(write(sample_profile))
    assert migrate(data) == data


# --- refusals ----------------------------------------------------------------------------------


def test_a_future_schema_is_refused(sample_profile):
    future = SCHEMA_VERSION + 1
    data = json.loads(write(sample_profile)) | {"schema_version": future}
    with pytest.raises(InvalidProfile, match=rf"written by a newer version .*\(schema {future}\)"):
        read(json.dumps(data))


@pytest.mark.parametrize("version", ["2", 0, -1, 1.5, True, None])
def test_a_nonsense_schema_version_is_refused(version):
    with pytest.raises(InvalidProfile, match="schema_version"):
        read(json.dumps({"schema_version": version}))


def test_truncated_json_names_the_position(sample_profile):
    text = write(sample_profile)
    with pytest.raises(InvalidProfile, match=r"^not valid JSON: .* at line \d+, column \d+$"):
        read(text[: len(text) // 2])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "expected a JSON object, found a list"),
        ('"profile"', "expected a JSON object, found a string"),
        ("null", "expected a JSON object, found null"),
        ('{"company": 42}', "company: Input should be a valid string"),
        ('{"schema_version": 2, "colour": "red"}', "colour: Extra inputs are not permitted"),
        ("[" * 20_000, "nested too deeply"),
        ("[" * 100_000, "more than 50,000 JSON lists and objects"),
    ],
)
def test_not_a_profile(text, message):
    with pytest.raises(InvalidProfile, match=message) as info:
        read(text)
    assert "\n" not in str(info.value)


def test_model_imports_nothing_but_pydantic_and_the_standard_library():
    code = (
        "import sys, prep_core.model\n"
        "heavy = {'markdown_it', 'streamlit', 'docx', 'genanki', 'anki', 'pandas'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_schema_5_requirements_gain_an_unknown_language_and_keep_everything_else():
    row = {"id": "r1", "text": "Kenntnisse in SQL", "kind": "must", "terms": ["SQL"]}
    data = {"schema_version": 5, "id": "acme5", "requirements": [row]}
    assert migrate(data)["requirements"][0]["language"] == "" and "language" not in row
    profile = read(json.dumps(data))
    assert profile.schema_version == SCHEMA_VERSION == 7
    assert (profile.requirements[0].text, profile.requirements[0].language) == (row["text"], "")
    assert (
        read(
            write(
                profile.model_copy(
                    update={
                        "requirements": [
                            profile.requirements[0].model_copy(update={"language": "de"})
                        ]
                    }
                )
            )
        )
        .requirements[0]
        .language
        == "de"
    )


def test_schema_5_gains_no_mock_rounds_and_mock_rounds_round_trip(fixed_now):
    data = {"schema_version": 5, "company": "Acme"}
    migrated = migrate(data)
    assert migrated["mock_rounds"] == [] and "mock_rounds" not in data
    assert migrated["schema_version"] == SCHEMA_VERSION == 7
    profile = Profile(
        company="Acme",
        mock_rounds=[
            {
                "kind": "technical",
                "seed": 7,
                "time": fixed_now,
                "items": [
                    {"question_id": "q1", "passed": 3, "checks": 5, "failed": ["star"]},
                    {"question_id": "q2", "follow_up_kind": "number", "follow_up": "By how much?"},
                ],
            }
        ],
    )
    again = read(profile.model_dump_json())
    assert again == profile and again.mock_rounds[0].passed_share == 0.6
    kept = Profile(mock_rounds=[{"seed": n} for n in range(25)]).mock_rounds
    assert [r.seed for r in kept] == list(range(5, 25))  # the last 20
