"""Delivery of a spoken answer, measured from the audio: the pauses and the pace over time.

Pauses come from the decoded samples, not from Whisper's word timestamps (which stretch a word
over the silence after it): the signal's energy in 20 ms frames, a frame being silent when it is
nearer the recording's quiet floor than its speech, a pause being a silent stretch of more than
``LONG_PAUSE`` seconds between two stretches of speech. Short noises inside a silence (a click,
a breath) do not split it. Pure numpy; deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is imported where samples are read: the feedback itself needs none
    import numpy as np

LONG_PAUSE = 1.0  # seconds of silence inside the answer worth pointing out
FRAME = 0.02  # seconds a frame
SPEECH_SHARE = 0.3  # a frame is speech above floor + this share of (speech level - floor)
MIN_CONTRAST_DB = 15.0  # without this much between speech and floor, nothing is silent
BRIDGE = 0.1  # seconds of sound inside a silence that do not end it
QUARTERS = 4


@dataclass(frozen=True)
class Pause:
    at: float  # seconds from the start of the recording
    seconds: float

    def to_dict(self) -> dict[str, float]:
        return {"at": self.at, "seconds": self.seconds}


@dataclass(frozen=True)
class Delivery:
    """Pauses over ``LONG_PAUSE`` and words a minute in each quarter of the speaking time."""

    pauses: list[Pause]
    quarters: list[float]  # words a minute, first quarter first (empty: no word timings)

    @property
    def longest(self) -> Pause | None:
        return max(self.pauses, key=lambda p: p.seconds, default=None)

    @property
    def slowest(self) -> int | None:
        """The slowest quarter, 1 to 4."""
        return 1 + self.quarters.index(min(self.quarters)) if self.quarters else None

    @property
    def fastest(self) -> int | None:
        return 1 + self.quarters.index(max(self.quarters)) if self.quarters else None

    def to_dict(self) -> dict[str, Any]:
        longest = self.longest
        return {
            "pauses": [p.to_dict() for p in self.pauses],
            "longest_pause": longest.to_dict() if longest else None,
            "wpm_by_quarter": self.quarters,
            "slowest_quarter": self.slowest,
            "fastest_quarter": self.fastest,
        }

    def summary(self) -> list[str]:
        """The delivery in a few plain lines, for the page and the CLI."""
        lines = []
        if self.pauses:
            where = ", ".join(f"{p.seconds:.1f} s at {p.at:.0f} s" for p in self.pauses[:8])
            longest = self.longest
            assert longest is not None
            lines.append(
                f"{len(self.pauses)} pause{'s' * (len(self.pauses) != 1)} over "
                f"{LONG_PAUSE:g} s ({where}); the longest {longest.seconds:.1f} s at "
                f"{longest.at:.0f} s"
            )
        else:
            lines.append(f"no pause over {LONG_PAUSE:g} s")
        if self.quarters:
            pace = " · ".join(f"{w:.0f}" for w in self.quarters)
            lines.append(
                f"words a minute by quarter: {pace} (slowest: quarter {self.slowest}, "
                f"fastest: quarter {self.fastest})"
            )
        return lines


def pauses(samples: np.ndarray, rate: int, *, longer_than: float = LONG_PAUSE) -> list[Pause]:
    """The silences longer than ``longer_than`` seconds between speech, from the samples
    (mono; any scale)."""
    import numpy as np

    speech = _speech_frames(samples, rate)
    if not speech.any():
        return []
    found = []
    spoken = np.flatnonzero(speech)
    # runs of silence between the first and the last spoken frame
    gaps = np.flatnonzero(np.diff(spoken) > 1)
    for gap in gaps:
        start, end = spoken[gap] + 1, spoken[gap + 1]  # silent frames [start, end)
        seconds = (end - start) * FRAME
        if seconds > longer_than:
            found.append(Pause(at=round(float(start * FRAME), 2), seconds=round(float(seconds), 2)))
    return found


def pace_by_quarter(word_starts: list[float], start: float, end: float) -> list[float]:
    """Words a minute in each quarter of [start, end] (the speaking time), from when each word
    starts; empty when there is too little to split."""
    span = end - start
    if span <= 0 or len(word_starts) < QUARTERS:
        return []
    quarter = span / QUARTERS
    counts = [0] * QUARTERS
    for at in word_starts:
        counts[min(QUARTERS - 1, max(0, int((at - start) / quarter)))] += 1
    return [round(n / (quarter / 60), 1) for n in counts]


def measure(
    samples: np.ndarray, rate: int, word_starts: list[float], start: float, end: float
) -> Delivery:
    return Delivery(pauses(samples, rate), pace_by_quarter(word_starts, start, end))


def _speech_frames(samples: np.ndarray, rate: int) -> np.ndarray:
    """One bool a frame: speech (or any sound) or not. Short sounds inside silence are dropped
    and short silences inside speech are kept as speech."""
    import numpy as np

    size = max(1, int(rate * FRAME))
    count = len(samples) // size
    if count == 0:
        return np.zeros(0, dtype=bool)
    frames = np.asarray(samples[: count * size], dtype=np.float64).reshape(count, size)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    floor, loud = np.percentile(level, 5), np.percentile(level, 95)
    if loud - floor < MIN_CONTRAST_DB:
        return np.ones(count, dtype=bool)  # no clear silence: all of it is speech
    speech = level > floor + SPEECH_SHARE * (loud - floor)
    return _drop_short_sounds(speech, int(BRIDGE / FRAME))


def _drop_short_sounds(speech: np.ndarray, frames: int) -> np.ndarray:
    """Runs of sound of at most ``frames`` frames, with silence on both sides, become silence."""
    import numpy as np

    out = speech.copy()
    edges = np.flatnonzero(np.diff(np.concatenate(([0], speech.astype(np.int8), [0]))))
    for begin, stop in zip(edges[::2], edges[1::2], strict=True):
        if stop - begin <= frames and begin > 0 and stop < len(speech):
            out[begin:stop] = False
    return out
