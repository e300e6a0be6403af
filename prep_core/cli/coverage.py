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
    from prep_core.coverage import GAP_LABELS, coverage

    profile = load_profile(args)
    report = coverage(profile, story_bank(args))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    if not report.requirements:
        print(f"{profile.title}: no requirements yet; paste the job posting (Job Posting) first")
        return 0
    print(f"{profile.title}: must-haves covered {report.must_covered} of {report.must_total}")
    rows = [("KIND", "REQUIREMENT", "SKILL", "STORY", "ANSWER", "WORDS")]
    mark = {True: "yes", False: "-"}
    for row in report.requirements:
        text = row.text if len(row.text) <= 60 else row.text[:59] + "…"
        rows.append(
            (
                row.kind,
                text,
                mark[bool(row.skills)],
                mark[bool(row.stories)],
                mark[bool(row.answers)],
                mark[row.in_talking_points],
            )
        )
    print(table(rows))
    missing = report.uncovered_musts()
    if missing:
        print()
        print("Uncovered must-haves (nothing proves them yet):")
        for row in missing:
            print(f"- {row.text} ({'; '.join(GAP_LABELS[g] for g in row.gaps)})")
    return 0
