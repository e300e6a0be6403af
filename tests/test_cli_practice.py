"""``prep practice``: the checklist, the JSON, --save through the store, and bad input."""

from __future__ import annotations

import io
import json
import sys

import pytest

from prep_core import model
from prep_core.cli import practice as cli_practice
from prep_core.model import Profile, Question
from prep_core.store import Store
from tests.test_cli import assert_one_line_error, run, snapshot
from tests.test_voice import SPOKEN, speak

ANSWER = """When I was at my last job, our team had a slow recommendation pipeline.
I was responsible for fixing it. I moved training to PyTorch on Kubernetes and used Kafka
and Spark to build scalable systems. As a result, training time dropped by 40 percent."""


pytestmark = pytest.mark.usefixtures("isolated")  # every test: its own data folder


@pytest.fixture
def store(isolated) -> Store:
    return Store(isolated)


@pytest.fixture
def acme(store) -> Profile:
    profile = Profile(company="Acme", role_title="Data Engineer")
    profile.tech_stack.frameworks = ["PyTorch", "Spark"]
    profile.tech_stack.data_ml_tools = ["Kafka"]
    profile.prep.questions = [
        Question(id="why", text="Why Acme?", answer="Pipelines."),
        Question(
            id="story",
            text="Tell me about a time you fixed a slow system.",
            answer="- We moved training to PyTorch.\n- Training time dropped by 40%.",
        ),
    ]
    return store.create(profile)


@pytest.fixture
def answer_file(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    return path


def test_the_checklist(capsys, acme, answer_file):
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", "2", "--answer-file", str(answer_file),
        "--seconds", "80",
    )  # fmt: skip
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Question 2: Tell me about a time you fixed a slow system."
    assert "✓ terms: 3 company terms used (PyTorch; Spark; Kafka)" in lines
    assert "✓ points: 2 of 2 drafted points covered" in lines
    assert "✓ star: situation, task, action and result are all there" in lines
    # typed: measured by its words at speaking pace; the clock's 80 s is thinking and typing
    assert "✗ length: 45 words, about 19 s to say (target 60–120 s); say more" in lines
    # a story question is offered the values and keywords (none here), not the company's name
    assert not any(line.startswith("Terms missed") for line in lines)
    assert "STAR: situation ✓ task ✓ action ✓ result ✓" in lines
    assert (
        "Length: 45 words, about 19 s said aloud; 80 s on the clock (thinking and typing)" in lines
    )
    assert lines[-1] == "This attempt: not weak (1 check failed)"


def test_the_json_from_stdin_by_question_id(capsys, acme, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ANSWER.encode())))
    code, out, _ = run(
        capsys, "practice", acme.id, "--question", "story", "--answer-file", "-", "--json",
        "--rating", "2",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0
    assert data["terms_used"] == ["PyTorch", "Spark", "Kafka"]
    assert data["star"] == dict.fromkeys(("situation", "task", "action", "result"), True)
    assert data["result_has_number"] is True
    assert data["rating"] == 2 and data["weak"] is True  # a self-rating of 2 is weak
    assert data["seconds"] == 19.3 and data["wpm"] is None and data["follow_up"] is None
    assert [c["name"] for c in data["checks"]] == [
        "terms", "points", "star", "result_number", "length", "fillers"
    ]  # fmt: skip


def test_save_keeps_the_attempt_and_check_counts_it(capsys, acme, answer_file, store):
    args = ("practice", acme.slug, "--question", "2", "--answer-file", str(answer_file))
    code, _, err = run(capsys, *args, "--seconds", "80", "--rating", "4", "--save")
    assert code == 0 and err == "prep: saved the attempt on question 2\n"
    saved = store.load(acme.id)
    assert saved.revision == acme.revision + 1
    (attempt,) = saved.prep.questions[1].attempts
    assert (attempt.text, attempt.seconds, attempt.rating) == (ANSWER, 19.3, 4)
    assert not attempt.weak and attempt.checks[0].name == "terms"

    run(capsys, *args, "--rating", "1", "--save")
    code, out, _ = run(capsys, "check", acme.slug, "--json")
    assert json.loads(out)["practice"] == {
        "questions": 2,
        "practised": 1,
        "weak": 1,
        "rehearsed": 0,
        "attempts": 2,
    }
    _, out, _ = run(capsys, "check", acme.slug)
    assert out.splitlines()[2] == "Rehearsed answers: 0 of 2 questions (1 weak, 2 attempts)"


def test_a_profile_file_works_but_is_not_saved_into(capsys, tmp_path, answer_file, acme):
    path = tmp_path / "acme.json"
    path.write_text(acme.model_dump_json(), encoding="utf-8")
    args = ("practice", str(path), "--question", "1", "--answer-file", str(answer_file))
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.startswith("Question 1: Why Acme?")
    before = path.read_bytes()
    code, out, err = run(capsys, *args, "--save")
    assert_one_line_error(
        code, out, err,
        f"--save keeps the attempt in a profile of the data folder; import {path} first "
        f"(prep import {path})",
    )  # fmt: skip
    assert path.read_bytes() == before


# --- bad input: one line, exit 2, nothing saved ------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfeAn answer in UTF-16", "is not UTF-8 text (byte 1): save it as UTF-8"),
        ("Café".encode("latin-1"), "is not UTF-8 text (byte 4): save it as UTF-8"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "is a binary file, not text: give the answer as UTF-8 text",
        ),
        (b"x" * (4 * model.MAX_TEXT + 1), "is too long for an answer (over 100,000 characters)"),
        (b"x" * (model.MAX_TEXT + 1), "is too long for an answer (over 100,000 characters)"),
    ],
    ids=["utf-16", "latin-1", "png", "huge-bytes", "huge-text"],
)
def test_bad_answer_files(capsys, acme, isolated, tmp_path, data, message):
    path = tmp_path / "answer.txt"
    path.write_bytes(data)
    before = snapshot(isolated)
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", "1", "--answer-file", str(path), "--save"
    )
    assert_one_line_error(code, out, err, f"{path} {message}")
    assert snapshot(isolated) == before


NO_SUCH = "no question {!r} in Acme — Data Engineer: give a number from 1 to 2 or a question's id"


@pytest.mark.parametrize("question", ["3", "0", "nope"])
def test_unknown_question(capsys, acme, answer_file, isolated, question):
    before = snapshot(isolated)
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", question, "--answer-file", str(answer_file),
        "--save",
    )  # fmt: skip
    assert_one_line_error(code, out, err, NO_SUCH.format(question))
    assert snapshot(isolated) == before


def test_a_profile_without_questions(capsys, store, answer_file):
    empty = store.create(Profile(company="Blank"))
    code, out, err = run(
        capsys, "practice", empty.id, "--question", "1", "--answer-file", str(answer_file)
    )
    assert code == 2 and out == ""
    assert err.startswith("prep: error: Blank has no questions yet: add one under Interview")
    assert err.count("\n") == 1


def test_an_empty_answer_gets_feedback_but_is_not_saved(capsys, acme, tmp_path, isolated):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    code, out, _ = run(capsys, "practice", acme.slug, "--question", "1", "--answer-file", str(path))
    assert code == 0 and out.splitlines()[-1] == (
        "Nothing to check: the answer has no words (type or say an answer first)"
    )
    code, out, _ = run(
        capsys, "practice", acme.slug, "--question", "1", "--answer-file", str(path), "--json"
    )
    assert json.loads(out)["follow_up"] is None and json.loads(out)["checks"] == []
    before = snapshot(isolated)
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", "1", "--answer-file", str(path), "--save"
    )
    assert_one_line_error(code, out, err, "the answer is empty: nothing to save")
    assert snapshot(isolated) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--rating", "6"], "argument --rating: invalid choice"),
        (["--seconds", "-3"], "argument --seconds: seconds must be from 0 to 86400"),
        (["--seconds", "nan"], "argument --seconds: seconds must be from 0 to 86400"),
        (["--seconds", "soon"], "argument --seconds: not a number of seconds: 'soon'"),
    ],
)
def test_bad_options(capsys, acme, answer_file, extra, message):
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", "1", "--answer-file", str(answer_file), *extra
    )
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_an_answer_file_or_audio_is_required(capsys, acme):
    code, _, err = run(capsys, "practice", acme.slug, "--question", "1")
    assert code == 2 and "one of the arguments --answer-file --audio is required" in err


def test_audio_that_is_not_audio(capsys, acme, tmp_path, isolated):
    path = tmp_path / "answer.wav"
    path.write_bytes(b"RIFF but not really")
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", "1", "--audio", str(path), "--save"
    )
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "answer.wav is not audio that can be read" in err or "voice extra" in err


def test_audio_without_the_voice_extra_says_how_to_enable_it(capsys, acme, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "av", None)
    path = tmp_path / "answer.wav"
    path.write_bytes(b"RIFF")
    code, out, err = run(capsys, "practice", acme.slug, "--question", "1", "--audio", str(path))
    assert_one_line_error(
        code, out, err, 'voice practice needs the voice extra: pip install -e ".[voice]"'
    )


def test_the_answer_limit_matches_the_model():
    assert cli_practice.MAX_TEXT == model.MAX_TEXT


def test_a_spoken_answer(capsys, acme, tmp_path, with_voice):
    wav = speak(SPOKEN, tmp_path / "answer.wav")
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", "2", "--audio", str(wav), "--json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["spoken"] is True and "kafka" in data["transcript"].lower()
    assert {"PyTorch", "Kafka"} <= set(data["terms_used"])
    assert 100 <= data["wpm"] <= 200 and "pace" in [c["name"] for c in data["checks"]]


def test_the_follow_up_and_a_reply_to_it(capsys, acme, tmp_path, store):
    vague = ANSWER.replace("dropped by 40 percent", "got a lot faster")
    answer = tmp_path / "vague.txt"
    answer.write_text(vague, encoding="utf-8")
    args = ("practice", acme.slug, "--question", "2", "--answer-file", str(answer))
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.splitlines()[-1] == (
        "Follow-up (number): You said training time got a lot faster: by how much, in numbers?"
    )
    code, out, _ = run(capsys, *args, "--json")
    assert json.loads(out)["follow_up"] == {
        "kind": "number",
        "text": "You said training time got a lot faster: by how much, in numbers?",
    }
    reply = tmp_path / "reply.txt"
    reply.write_text("From ten hours to six.", encoding="utf-8")
    code, out, _ = run(capsys, *args, "--reply-file", str(reply), "--json", "--save")
    data = json.loads(out)
    assert code == 0 and data["follow_up"] is None  # one follow-up per answer
    assert data["checks"][0] == {
        "name": "follow_up",
        "passed": True,
        "message": "the reply gives a number",
    }
    (attempt,) = store.load(acme.id).prep.questions[1].attempts
    assert attempt.text == (
        f"{vague}\n\nFollow-up: You said training time got a lot faster: by how much, in "
        "numbers?\nFrom ten hours to six."
    )


def test_a_reply_without_a_follow_up_is_refused(capsys, acme, answer_file, tmp_path, isolated):
    before = snapshot(isolated)
    code, out, err = run(
        capsys, "practice", acme.slug, "--question", "2", "--answer-file", str(answer_file),
        "--reply-file", str(answer_file), "--save",
    )  # fmt: skip
    assert_one_line_error(code, out, err, "this answer has no follow-up question to reply to")
    assert snapshot(isolated) == before


def test_a_german_answer_says_which_checks_do_not_apply(capsys, acme, tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        "In meinem letzten Job war die Pipeline zu langsam. Ich habe sie auf Spark umgestellt.",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "practice", acme.slug, "--question", "2", "--answer-file", str(path))
    assert code == 0
    assert (
        "Note: STAR, the result's number, fillers and the follow-up read English answers only: "
        "not checked here"
    ) in out.splitlines()
    assert "Follow-up" not in out and "✗ star" not in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--question", "²"], "no question '²' in Acme — Data Engineer: give a number from 1 to 2"),
        (
            ["--question", "9" * 5000],
            "no question '" + "9" * 39 + "…' in Acme — Data Engineer",
        ),
        (["--seconds", "5e-324"], "argument --seconds: seconds must be 0 (not timed) or from 1"),
        (
            ["--seconds", "1e-310", "--json"],
            "argument --seconds: seconds must be 0 (not timed) or from 1",
        ),
        (["--seconds", "0.5", "--json"], "argument --seconds: seconds must be 0 (not timed) or"),
    ],
    ids=["superscript-two", "5000-digits", "denormal-seconds", "tiny-seconds-json", "half-second"],
)
def test_hostile_question_and_seconds_are_one_line_and_exit_2(
    acme, answer_file, isolated, extra, message
):
    """Before: tracebacks (str.isdigit takes '²', int() refuses 4,301+ digits, 5e-324 / 60 is
    0.0) and, for 1e-310 with --json, a pace of Infinity, which is not JSON."""
    from tests.test_cli import prep

    args = ("practice", acme.slug, "--question", "1", "--answer-file", str(answer_file))
    if extra[0] == "--question":
        args = ("practice", acme.slug, "--answer-file", str(answer_file))
    result = prep(*args, *extra, data_dir=isolated)
    assert (result.returncode, result.stdout) == (2, ""), result.stdout[-300:]
    assert result.stderr.startswith("prep: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 400


def test_the_json_is_valid_json_for_every_accepted_number_of_seconds(capsys, acme, answer_file):
    for seconds in ("0", "1", "86400"):
        code, out, err = run(
            capsys, "practice", acme.slug, "--question", "1", "--answer-file", str(answer_file),
            "--seconds", seconds, "--json",
        )  # fmt: skip
        assert code == 0, err
        json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))


def test_the_shortest_timed_answer_matches_the_feedback():
    from prep_core import practice

    assert cli_practice.MIN_SECONDS == practice.MIN_SECONDS
