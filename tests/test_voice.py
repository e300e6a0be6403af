"""Voice practice: a WAV spoken by Debian's espeak-ng, transcribed locally with faster-whisper.

Without the voice extra these tests skip locally; under CI=true they fail, never skip.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from prep_core import voice
from prep_core.vocabulary import hotwords
from tests.conftest import require_executable

VOICE_EXTRA = 'pip install -e ".[voice]"'
SPOKEN = (
    "At my last job our recommendation pipeline was too slow. I was responsible for fixing it. "
    "I moved the training to PyTorch and used Kafka and Spark for the features. "
    "As a result, training time dropped by forty percent."
)


def speak(text: str, path: Path, *, ssml: bool = False) -> Path:
    """``text`` spoken into a WAV file by espeak-ng (150 words a minute)."""
    espeak = require_executable("espeak-ng")
    flags = ["-m"] if ssml else []
    subprocess.run([espeak, "-s", "150", *flags, "-w", str(path), text], check=True)
    return path


@pytest.fixture(scope="module")
def story_wav(tmp_path_factory) -> Path:
    return speak(SPOKEN, tmp_path_factory.mktemp("voice") / "story.wav")


def test_a_spoken_answer_is_transcribed_with_the_company_terms(
    with_voice, story_wav, sample_profile
):
    heard = voice.transcribe(story_wav, hotwords=hotwords(sample_profile))
    lowered = heard.text.lower()
    for word in ("pytorch", "kafka", "training", "responsible", "pipeline"):
        assert word in lowered, heard.text
    assert 35 <= heard.words <= 45
    assert 10 <= heard.seconds <= heard.duration <= 25
    assert 100 <= heard.wpm <= 200
    assert heard.pauses == []
    # deterministic: temperature 0, the same model
    assert voice.transcribe(story_wav, hotwords=hotwords(sample_profile)) == heard


def test_bytes_are_transcribed_like_a_file(with_voice, story_wav, sample_profile):
    hint = hotwords(sample_profile)
    assert voice.transcribe(story_wav.read_bytes(), hotwords=hint).text == (
        voice.transcribe(story_wav, hotwords=hint).text
    )


def test_long_pauses_come_from_the_audio(with_voice, tmp_path):
    wav = speak(
        '<speak>I built the pipeline. <break time="3500ms"/> Then we shipped it.</speak>',
        tmp_path / "pause.wav",
        ssml=True,
    )
    heard = voice.transcribe(wav)
    assert len(heard.pauses) == 1
    at, length = heard.pauses[0]
    assert 1 <= at <= 3 and 2.5 <= length <= 4.5


def test_not_audio_is_refused_in_one_line(with_voice, tmp_path):
    for name, data in (("notes.wav", b"just some text\n"), ("empty.wav", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(voice.VoiceError, match=rf"^{name} is not audio that can be read"):
            voice.transcribe(path)


def test_audio_over_the_limit_is_refused_before_transcribing(with_voice, story_wav, monkeypatch):
    monkeypatch.setattr(voice, "MAX_AUDIO_SECONDS", 5)
    monkeypatch.setattr(voice, "load_model", lambda: pytest.fail("the model was loaded"))
    with pytest.raises(voice.VoiceError, match="answers up to 5 seconds are transcribed"):
        voice.transcribe(story_wav)


def test_a_two_hour_recording_is_refused(with_voice, tmp_path):
    sox = require_executable("sox")
    path = tmp_path / "long.flac"  # two hours of silence: 0.4 MB as FLAC
    subprocess.run(
        [sox, "-n", "-r", "16000", "-c", "1", str(path), "trim", "0", "7200"], check=True
    )
    with pytest.raises(voice.VoiceError, match="the recording is longer than 10 minutes"):
        voice.transcribe(path)


def lying_webm(path: Path, seconds: int, header_seconds: float) -> Path:
    """A WebM/Opus file of ``seconds`` of silence whose header says ``header_seconds`` (the
    Segment's Duration element, in milliseconds, rewritten after muxing)."""
    import av

    with av.open(str(path), "w", format="webm") as out:
        stream = out.add_stream("libopus", rate=48000)
        stream.layout, stream.bit_rate = "mono", 6000
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 48000), np.int16), layout="mono")
        frame.sample_rate, frame.pts = 48000, 0
        packet = list(stream.encode(frame))[1]  # one 20 ms packet of silence, sent again
        for n in range(seconds * 50):
            copy = av.Packet(bytes(packet))
            copy.stream, copy.time_base = stream, packet.time_base
            copy.pts = copy.dts = n * 960
            copy.duration = 960
            out.mux(copy)
    data = path.read_bytes()
    at = data.index(b"\x44\x89\x88") + 3  # EBML Duration, an 8-byte float
    path.write_bytes(data[:at] + struct.pack(">d", header_seconds * 1000) + data[at + 8 :])
    with av.open(str(path)) as check:  # the header does lie
        assert round(check.duration / av.time_base) == header_seconds
    return path


def test_the_limit_is_checked_on_the_decoded_length_not_the_header(
    with_voice, tmp_path, monkeypatch
):
    # A WebM whose header says 7 s and holds two hours was transcribed for 200 s at 7 GB.
    path = lying_webm(tmp_path / "lying.webm", seconds=2 * 3600, header_seconds=7)
    monkeypatch.setattr(voice, "load_model", lambda: pytest.fail("the model was loaded"))
    began = time.monotonic()
    for source in (path, path.read_bytes()):
        with pytest.raises(voice.VoiceError, match="longer than 10 minutes"):
            voice.transcribe(source)
    assert time.monotonic() - began < 30  # stopped at ten minutes, twice (two hours: 200 s)


def test_a_short_webm_with_an_honest_header_is_decoded_whole(with_voice, tmp_path):
    audio = voice.decode(lying_webm(tmp_path / "short.webm", seconds=30, header_seconds=30))
    assert abs(audio.size / voice.SAMPLE_RATE - 30) < 0.1


# --- the model: pinned, checked, or the user's own ----------------------------------------------


def test_the_shipped_model_is_checked(with_voice):
    folder = voice.model_folder()
    voice.verify_model(folder)  # the pinned file
    with pytest.raises(voice.VoiceError, match="not the expected file"):
        voice.verify_model(folder, expected="0" * 64)


def test_a_changed_model_file_is_refused(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"not the model")
    with pytest.raises(voice.VoiceError, match="reinstall the voice extra"):
        voice.verify_model(tmp_path)


def test_a_model_folder_of_ones_own(tmp_path, monkeypatch):
    monkeypatch.setenv(voice.MODEL_ENV, str(tmp_path))
    with pytest.raises(voice.VoiceError, match=r"no model\.bin in that folder"):
        voice.model_folder()
    (tmp_path / "model.bin").write_bytes(b"x")
    assert voice.model_folder() == tmp_path


def test_without_the_extra_the_message_says_how_to_enable_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # import fails as if not installed
    monkeypatch.setitem(sys.modules, "av", None)
    monkeypatch.delenv(voice.MODEL_ENV, raising=False)
    voice._model.cache_clear()
    assert not voice.available()
    with pytest.raises(voice.VoiceError, match=r'pip install -e "\.\[voice\]"'):
        voice.transcribe(tmp_path / "answer.wav")
    voice._model.cache_clear()
