"""``prep check`` and ``prep plan``: how complete and rehearsed a profile is, and the days to its
next interview round."""

from __future__ import annotations

import argparse

from prep_core.cli._common import load_profile, profile_argument, story_bank, table


def run_check(args: argparse.Namespace) -> int:
    """Print how complete a profile is, section by section."""
    from datetime import datetime

    from prep_core.insight import Insight
    from prep_core.progress import practice_stats

    profile = load_profile(args)
    insight = Insight.of(profile, story_bank(args), now=datetime.now().astimezone())
    report, fit = insight.completeness, insight.coverage
    practice = practice_stats(profile)
    if args.json:
        import json

        data = report.to_dict() | {"practice": practice.to_dict(), "coverage": fit.to_dict()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    rows = [("SECTION", "FILLED", "MISSING")]
    for section in report.sections:
        missing = ", ".join(spec.label for spec in section.missing) or "-"
        rows.append((section.section.title, f"{len(section.filled)}/{section.total}", missing))
    print(f"{profile.title}: {report.percent}% complete ({report.filled}/{report.total} fields)")
    print(f"Drafted answers: {report.answered} of {report.questions} questions")
    print(
        f"Rehearsed answers: {practice.rehearsed} of {practice.questions} questions "
        f"({practice.weak} weak, {practice.attempts} attempts)"
    )
    if fit.requirements:
        print(f"Must-haves covered: {fit.must_covered} of {fit.must_total} (prep coverage)")
    print()
    print(table(rows, right_aligned={1}))
    return 0


def run_plan(args: argparse.Namespace) -> int:
    """Print the day-by-day plan to the next interview round."""
    from datetime import datetime

    from prep_core.insight import Insight

    profile = load_profile(args)
    stories = story_bank(args)  # a story can prove a must-have
    now = datetime.now().astimezone()  # the local day
    result = Insight.of(profile, stories, now=now).plan
    if args.json:
        import json

        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"{profile.title}: {result.message}")
    for day in result.days:
        print()
        print(f"{day.date:%a %Y-%m-%d}")
        for item in day.items:
            print(f"  [{item.kind}] {item.text}  ({item.page})")
    return 0


def configure(parser: argparse.ArgumentParser) -> None:
    """Both commands: PROFILE|FILE and ``--json``."""
    profile_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
