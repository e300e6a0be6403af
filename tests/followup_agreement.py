"""Agreement of the follow-up rules with the labelled answers of ``tests/followup_labels.json``.

Shared by ``tests/test_followup.py`` (which holds the targets) and
``benchmarks/bench_practice.py`` (which prints the figures).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from prep_core.followup import follow_up
from prep_core.model import Profile, Question

LABELS = Path(__file__).with_name("followup_labels.json")
SPLITS = ("tune", "held_out")


@dataclass(frozen=True)
class Agreement:
    split: str
    answers: int
    agreed: int
    complete: int  # answers labelled with no follow-up
    needless: int  # of those, how many got one
    misses: list[tuple[str, str | None, str | None]]  # (id, labelled, chosen)

    @property
    def agreement(self) -> float:
        return self.agreed / self.answers

    @property
    def needless_rate(self) -> float:
        return self.needless / self.complete if self.complete else 0.0


def labelled() -> tuple[Profile, list[dict]]:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    return Profile.model_validate(data["profile"]), data["answers"]


def agreement(split: str) -> Agreement:
    profile, answers = labelled()
    rows = [a for a in answers if a["split"] == split]
    misses = []
    needless = 0
    for row in rows:
        question = Question(text=row["question"], category=row["category"])
        asked = follow_up(profile, question, row["answer"])
        chosen = asked.kind if asked else None
        if chosen != row["follow_up"]:
            misses.append((row["id"], row["follow_up"], chosen))
            needless += row["follow_up"] is None
    complete = sum(row["follow_up"] is None for row in rows)
    return Agreement(split, len(rows), len(rows) - len(misses), complete, needless, misses)
