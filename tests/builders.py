"""Profiles made for tests and benchmarks: hostile text, and a profile many times larger."""

from __future__ import annotations

from prep_core.model import NewsItem, Profile, Question, SkillRow, Source

HOSTILE = (
    "<script>alert('x')</script> & <b>bold</b> | pipe * star _under_ [link](http://x) "
    "# hash \\ backslash \"quotes\" 'single' 🙂 مرحبا 你好 Ωμέγα \x00NUL\x07BEL\x1bESC"
)


def hostile_profile() -> Profile:
    """Every text field holds markup, control characters and many scripts; one field is huge."""
    profile = Profile(company=HOSTILE, role_title=HOSTILE, job_ref="<JR&1>")
    profile.overview.founded = HOSTILE
    profile.overview.headquarters = "x" * 50_000
    profile.mission.statement = HOSTILE + "\n\n# not a heading\n- not a bullet"
    profile.mission.core_values = [HOSTILE, "- dash", "1. number"]
    profile.tech_stack.languages = [HOSTILE, "a, b"]
    profile.news = [NewsItem(text=HOSTILE, date="<2024>", url="https://example.com/?a=<b>&c")]
    profile.prep.questions = [
        Question(text=HOSTILE, answer=HOSTILE + "\nline two", category="technical", confidence=3)
    ]
    profile.prep.skill_map = [SkillRow(skill=HOSTILE, requirement=HOSTILE, talking_point="|")]
    profile.prep.talking_points = [HOSTILE]
    profile.culture_fit = [HOSTILE]
    profile.sources = [Source(title=HOSTILE, url="https://example.com/a_(b)")]
    return profile


def scaled_profile(base: Profile, factor: int = 10) -> Profile:
    """``base`` with its item lists repeated ``factor`` times (fresh ids), for growth figures.

    From the sample at factor 10: 100 questions, 50 skills rows and 40 news items; the
    dashboard's benchmark asks for 200 / 100 / 100, so ``large_profile`` tops those up.
    """
    data = base.model_dump()
    for key in ("news", "sources"):
        data[key] = [_renew(item, i) for i in range(factor) for item in data[key]]
    for key in ("skill_map", "questions"):
        data["prep"][key] = [_renew(item, i) for i in range(factor) for item in data["prep"][key]]
    for key in ("talking_points", "keywords", "questions_to_ask"):
        data["prep"][key] = [f"{text} ({i})" for i in range(factor) for text in data["prep"][key]]
    data["culture_fit"] = [f"{text} ({i})" for i in range(factor) for text in data["culture_fit"]]
    return Profile.model_validate(data)


def large_profile(base: Profile) -> Profile:
    """The profile 'ten times larger': 200 questions, 100 skills rows, 100 news items."""
    profile = scaled_profile(base, 10)
    profile.prep.questions = _stretch(profile.prep.questions, 200)
    profile.prep.skill_map = _stretch(profile.prep.skill_map, 100)
    profile.news = _stretch(profile.news, 100)
    return profile


def _renew(item: dict, copy: int) -> dict:
    from prep_core.model import new_id

    item = dict(item, id=new_id())
    for key in ("text", "title", "skill"):
        if item.get(key) and copy:
            item[key] = f"{item[key]} ({copy})"
    return item


def _stretch(items: list, count: int) -> list:
    if not items:
        return items
    out = []
    while len(out) < count:
        for item in items:
            out.append(item.model_copy(update={"id": f"{item.id[:20]}x{len(out)}"}))
            if len(out) == count:
                break
    return out


def cards_of(profile: Profile, sections=None, stories=()) -> list:
    """The Anki cards of ``profile`` (``stories``: the story bank), as the writer builds them
    from the profile's ``Insight``."""
    from datetime import UTC, datetime

    from prep_core.insight import Insight
    from prep_core.writers.anki import build_cards

    insight = Insight.of(profile, stories, now=datetime.now(UTC))
    return build_cards(profile, sections, insight=insight)


def write_docx(profile: Profile, *, now, variant: str = "dossier", stories=()) -> bytes:
    """The Word writer on ``profile``, through ``export`` (which computes its ``Insight``)."""
    from prep_core.formats import export

    return export(profile, "docx", now=now, variant=variant, stories=stories)
