"""Delivery from the audio: pauses found on espeak-ng speech with SSML breaks, where they are.

The truth is independent of the detector: each break starts where the speech before it ends,
read from that speech synthesised alone (its last sample that is not silent), and lasts as
long as the SSML says.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from prep_core.delivery import Delivery, Pause, pace_by_quarter, pauses
from tests.conftest import require_module
from tests.test_voice import VOICE_EXTRA, speak

TOLERANCE = 0.3  # seconds
PARTS = (
    "When I was at my last job, our team had a slow training pipeline.",
    "I rebuilt it in PyTorch on Kubernetes.",
    "As a result, training time dropped by forty percent.",
)
BREAKS = (2.0, 1.5)


def samples(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as handle:
        data = np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16)
        return data, handle.getframerate()


def speech_end(text: str, path: Path) -> float:
    """Where ``text``, spoken alone, stops: its last sample that is not silent."""
    data, rate = samples(speak(f"<speak>{text}</speak>", path, ssml=True))
    return float(np.flatnonzero(np.abs(data) > 0)[-1] / rate)


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> tuple[Path, list[tuple[float, float]]]:
    """The three parts with the two breaks, and where each break truly starts and its length."""
    folder = tmp_path_factory.mktemp("delivery")
    a, b, c = PARTS
    ssml = (
        f'<speak>{a} <break time="{BREAKS[0] * 1000:.0f}ms"/> {b} '
        f'<break time="{BREAKS[1] * 1000:.0f}ms"/> {c}</speak>'
    )
    path = speak(ssml, folder / "answer.wav", ssml=True)
    first = speech_end(a, folder / "a.wav")
    head = f'<speak>{a} <break time="{BREAKS[0] * 1000:.0f}ms"/> {b}</speak>'
    data, rate = samples(speak(head, folder / "ab.wav", ssml=True))
    second = float(np.flatnonzero(np.abs(data) > 0)[-1] / rate)
    return path, [(first, BREAKS[0]), (second, BREAKS[1])]


def test_pauses_are_found_where_the_breaks_are(spoken):
    path, truth = spoken
    data, rate = samples(path)
    found = pauses(data, rate)
    assert len(found) == len(truth), found
    for pause, (at, length) in zip(found, truth, strict=True):
        assert abs(pause.at - at) <= TOLERANCE, (pause, at)
        assert abs(pause.seconds - length) <= TOLERANCE, (pause, length)


def test_the_same_through_the_decoder_the_app_uses(spoken):
    """At 16 kHz, as faster-whisper decodes a recording for the transcript."""
    require_module("faster_whisper", VOICE_EXTRA)
    from faster_whisper import decode_audio

    path, truth = spoken
    found = pauses(decode_audio(str(path), sampling_rate=16_000), 16_000)
    assert [round(p.at, 1) for p in found] == pytest.approx([t for t, _ in truth], abs=TOLERANCE)


def test_background_noise_does_not_hide_the_pauses(spoken):
    path, truth = spoken
    data, rate = samples(path)
    noise = np.random.default_rng(1).normal(0, 100, len(data))  # about -50 dB below full scale
    found = pauses(data.astype(np.float64) + noise, rate)
    assert [p.at for p in found] == pytest.approx([t for t, _ in truth], abs=TOLERANCE)


def test_no_pause_in_speech_without_breaks(tmp_path):
    data, rate = samples(speak(" ".join(PARTS), tmp_path / "flow.wav"))
    assert pauses(data, rate) == []
    assert pauses(np.zeros(16_000 * 3), 16_000) == []  # silence alone: no answer, no pause
    assert pauses(np.zeros(0), 16_000) == []


def test_pace_by_quarter_and_the_summary():
    starts = [0.5 * n for n in range(40)]  # 2 words a second for 20 s
    starts[30:] = [15 + 1.0 * n for n in range(5)]  # then slower: 1 a second
    quarters = pace_by_quarter(starts, 0.0, 20.0)
    assert quarters == [120.0, 120.0, 120.0, 60.0]
    shown = Delivery([Pause(3.1, 2.04), Pause(9.0, 1.2)], quarters)
    assert shown.longest == Pause(3.1, 2.04) and (shown.slowest, shown.fastest) == (4, 1)
    assert shown.to_dict()["pauses"] == [{"at": 3.1, "seconds": 2.04}, {"at": 9.0, "seconds": 1.2}]
    assert shown.summary() == [
        "2 pauses over 1 s (2.0 s at 3 s, 1.2 s at 9 s); the longest 2.0 s at 3 s",
        "words a minute by quarter: 120 · 120 · 120 · 60 (slowest: quarter 4, fastest: quarter 1)",
    ]
    assert pace_by_quarter([1.0, 2.0], 0.0, 3.0) == []  # too few words to split
