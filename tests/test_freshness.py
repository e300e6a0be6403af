"""Fresh facts: as-of dates, the threshold, and what the dossier, Anki and the plan do with them."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from docx import Document
from pydantic import ValidationError

from prep_core.freshness import as_of_date, dated_facts, marked, stale_facts, without_stale
from prep_core.insight import Insight
from prep_core.model import NewsItem, Profile
from tests.builders import cards_of, write_docx

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("$33.7 billion (2023)", date(2023, 12, 31)),
        ("FY2024 revenue", date(2024, 12, 31)),
        ("2024-05-01", date(2024, 5, 1)),
        ("2024-05", date(2024, 5, 31)),
        ("May 2024", date(2024, 5, 31)),
        ("Q3 2024", date(2024, 9, 30)),
        ("12,000+ employees globally", None),
        ("1,999 people", None),
        ("", None),
    ],
)
def test_as_of_date_from_text(text, day):
    assert as_of_date(text) == day


def _profile(**kw) -> Profile:
    profile = Profile(company="Acme", **kw)
    profile.overview.revenue = "$2 billion (2023)"
    profile.overview.size = "1,200 people"
    profile.news = [
        NewsItem(id="old", text="Opened Oslo office", date="March 2025"),
        NewsItem(id="new", text="Launched Acme AI", date="2026-10-02"),
        NewsItem(id="undated", text="Hired a CTO"),
    ]
    return profile


def test_stale_facts_are_older_than_the_threshold_oldest_first():
    profile = _profile()
    assert [f.key for f in stale_facts(profile, now=NOW)] == ["overview.revenue", "news:old"]
    profile.stale_after_days = 30
    assert "news:new" in [f.key for f in stale_facts(profile, now=NOW)]
    profile.stale_after_days = 3650
    assert stale_facts(profile, now=NOW) == []


def test_an_as_of_date_and_source_override_the_text():
    profile = _profile(fact_dates={"overview.size": {"as_of": "2024-01-15", "source": "10-K"}})
    size = next(f for f in dated_facts(profile) if f.key == "overview.size")
    assert (size.as_of, size.source) == (date(2024, 1, 15), "10-K")
    assert "overview.size" in [f.key for f in stale_facts(profile, now=NOW)]


def test_an_as_of_date_for_a_fact_that_does_not_age_is_refused():
    with pytest.raises(ValidationError, match=r"dated facts are overview\.size, overview\.revenue"):
        Profile(fact_dates={"overview.founded": {"as_of": "2024-01-15"}})


def test_marked_and_without_stale_change_copies_only():
    profile = _profile()
    shown = marked(profile, now=NOW)
    assert shown.overview.revenue == "$2 billion (2023) (check before quoting: as of 2023-12-31)"
    assert shown.news[1].text == "Launched Acme AI"
    assert profile.overview.revenue == "$2 billion (2023)"
    kept = without_stale(profile, now=NOW)
    assert (kept.overview.revenue, [n.id for n in kept.news]) == ("", ["new", "undated"])
    assert len(profile.news) == 3


def test_the_dossier_and_cheat_sheet_mark_stale_facts():
    for variant in ("dossier", "cheatsheet"):
        data = write_docx(_profile(), now=NOW, variant=variant)
        document = Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert "$2 billion (2023) (check before quoting: as of 2023-12-31)" in text, variant


def test_new_anki_cards_leave_stale_facts_out(tmp_path):
    collection = pytest.importorskip("anki.collection")
    from tests.test_anki_export import import_apkg, write_apkg

    col = collection.Collection(str(tmp_path / "c.anki2"))
    try:
        import_apkg(col, write_apkg(_profile(), tmp_path / "deck.apkg", NOW))
        backs = [col.get_note(n)["Back"] for n in col.find_notes("")]
    finally:
        col.close()
    text = "\n".join(backs)
    assert "Launched Acme AI" in text and "1,200 people" in text
    assert "$2 billion" not in text and "Oslo" not in text
    fresh = _profile(stale_after_days=3650)
    assert "overview.revenue" in {c.item_id for c in cards_of(fresh)}


def test_the_plan_counts_them_the_day_before():
    profile = _profile(interview_date=date(2026, 12, 4))
    eve = Insight.of(profile, now=NOW).plan.days[-2]
    assert "Re-check these 2 facts before quoting them" in [i.text for i in eve.items]


def test_facts_by_source_match_links_and_titles_and_list_the_facts_with_none():
    from prep_core.freshness import facts_by_source

    profile = _profile(fact_dates={"overview.revenue": {"source": "annual REPORT"}})
    profile.news[0].url = "https://acme.test/oslo"
    profile.sources = [
        {"title": "Annual report", "url": "https://acme.test/ar"},
        {"title": "Blog", "url": "https://acme.test/oslo"},
        {"title": "Unused"},
    ]
    by_source, none = facts_by_source(profile)
    assert {k: [f.key for f in v] for k, v in by_source.items()} == {
        "Annual report": ["overview.revenue"],
        "Blog": ["news:old"],
        "Unused": [],
    }
    assert [f.key for f in none] == ["overview.size", "news:new", "news:undated"]
