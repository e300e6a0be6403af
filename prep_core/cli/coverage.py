"""``prep coverage``: the posting's requirements against what is prepared.

Thin: the matrix is ``prep_core.coverage``. ``--json`` prints it as data.
"""

from __future__ import annotations

import argparse
import json

from prep_core.cli._common import load_profile, profile_argument, story_bank, table


def configure_coverage(parser: argparse.ArgumentParser) -> None:
    profile_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the matrix as JSON")


def run_coverage(args: argparse.Namespace) -> int:
    """Print the coverage matrix: one row per requirement, its proof and its gaps."""
    from prep_core.coverage import coverage

    profile = load_profile(args)
    report = coverage(profile, story_bank(args))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    if not report.requirements:
        print(f"{profile.title}: no requirements yet; paste the job posting (Job Posting) first")
        return 0
    started = f" ({report.must_in_progress} in progress)" if report.must_in_progress else ""
    print(
        f"{profile.title}: must-haves covered {report.must_covered} of {report.must_total}"
        + started
    )
    rows = [("KIND", "REQUIREMENT", "SKILL", "STORY", "ANSWER", "WORDS")]

    def mark(proof: list[str], kind: str = "") -> str:  # "started": begun, not proof yet
        return "yes" if proof else "started" if kind and row.started_of(kind) else "-"

    for row in report.requirements:
        text = row.text if len(row.text) <= 60 else row.text[:59] + "…"
        rows.append(
            (
                row.kind,
                text,
                mark(row.skills, "skill"),
                mark(row.stories, "story"),
                mark(row.answers),
                "yes" if row.in_talking_points else "-",
            )
        )
    print(table(rows))
    missing = report.uncovered_musts()
    if missing:
        print()
        print("Uncovered must-haves (nothing proves them yet):")
        for row in missing:
            state = "in progress: " if row.state == "in progress" else ""
            print(f"- {row.text} ({state}{'; '.join(row.gap_texts())})")
    return 0
