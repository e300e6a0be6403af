"""The Plan page under AppTest: the days to the next round, each item a button to its page."""

from __future__ import annotations

from datetime import datetime, timedelta

from streamlit.testing.v1 import AppTest

import pages._ui.state as ui
from prep_core.model import Profile
from prep_core.store import Store
from tests.app_harness import follow_app_navigation
from tests.app_harness import start as start_app
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def start(profile_id: str, page: str = ui.PLAN) -> AppTest:
    return start_app(profile_id, page)


def _today():
    return datetime.now().astimezone().date()  # the page's "today": the local day


def test_the_plan_lists_the_days_and_an_item_opens_its_page(store: Store) -> None:
    profile = store.create(
        Profile(
            company="Acme",
            interview_date=_today() + timedelta(days=3),
            prep={"questions": [{"text": "Why Acme?"}]},
        )
    )
    at = start(profile.id)
    assert "in 3 days" in at.info[0].value
    assert [s.value.split(",")[0] for s in at.subheader][:2] == ["Today", "Tomorrow"]
    assert [s.value for s in at.subheader][4:] == ["Brief"]  # four days, then the brief
    labels = [b.label for b in at.button if b.key and b.key.startswith("plan.")]
    assert any(label.startswith("Research Company Overview") for label in labels)
    rehearse = ui.plain(
        "Draft and rehearse: question 1, “Why Acme?”", 300
    )  # labels are Markdown-escaped
    assert rehearse in labels
    key = next(b.key for b in at.button if b.label == rehearse)
    at.button(key=key).click().run()
    follow_app_navigation(at).run()
    assert not at.exception
    assert at.title[0].value == "Practice"


def test_no_date_says_what_to_do_and_links_to_the_company_profile(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id)
    assert "No interview date yet" in at.warning[0].value
    [button] = [b for b in at.button if b.key and b.key.startswith("plan.")]
    button.click().run()
    follow_app_navigation(at).run()
    assert at.title[0].value == "Company Profile"


def test_the_plan_is_in_the_menu_and_opens(store: Store) -> None:
    from pages._ui.frame import PAGES

    assert ("Plan", "plan", "Prepare") in {(p.title, p.url_path, p.group) for p in PAGES}
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.READINESS)
    at.switch_page("pages/plan.py").run()
    assert at.title[0].value == "Plan"


# --- the rounds on the Company Profile page ----------------------------------------------------


def on_disk(store: Store, profile_id: str) -> dict:
    import json

    return json.loads((store.folder / f"{profile_id}.json").read_text(encoding="utf-8"))


def test_rounds_are_added_and_edited_through_bound_widgets(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("basics"))
    at.button(key=f"{profile.id}.rounds.add").click().run()
    [saved] = on_disk(store, profile.id)["rounds"]
    rid = saved["id"]
    day = (_today() + timedelta(days=5)).isoformat()
    at.text_input(key=f"{profile.id}.rounds.{rid}.day").input(day).run()
    at.text_input(key=f"{profile.id}.rounds.{rid}.start_time").input("14:30").run()
    at.text_input(key=f"{profile.id}.rounds.{rid}.timezone").input("Europe/Berlin").run()
    at.selectbox(key=f"{profile.id}.rounds.{rid}.kind").set_value("system_design").run()
    people = at.text_area(key=f"{profile.id}.rounds.{rid}.interviewers")
    people.input("Ana, Bo; Cy 🎉 | Staff engineer | ex-Google\nDee").run()
    assert not at.exception, [e.value for e in at.exception]
    data = on_disk(store, profile.id)
    [saved] = data["rounds"]
    when = (saved["day"], saved["start_time"], saved["timezone"])
    assert when == (day, "14:30:00", "Europe/Berlin")
    assert saved["kind"] == "system_design"
    assert [(p["name"], p["role"]) for p in saved["interviewers"]] == [
        ("Ana, Bo; Cy 🎉", "Staff engineer"),
        ("Dee", ""),
    ]
    assert data["interview_date"] == day  # the headline follows the next round


def test_an_unknown_time_zone_is_refused_in_one_line_and_changes_nothing(store: Store) -> None:
    profile = store.create(Profile(company="Acme", rounds=[{"day": "2030-01-02"}]))
    rid = profile.rounds[0].id
    at = start(profile.id, ui.section_page("basics"))
    before = on_disk(store, profile.id)
    at.text_input(key=f"{profile.id}.rounds.{rid}.timezone").input("Mars/Olympus").run()
    assert "unknown time zone 'Mars/Olympus'" in at.error[0].value
    assert "\n" not in at.error[0].value
    assert on_disk(store, profile.id)["rounds"] == before["rounds"]
    assert at.text_input(key=f"{profile.id}.rounds.{rid}.timezone").value == "Mars/Olympus"


def test_a_round_is_deleted(store: Store) -> None:
    profile = store.create(Profile(company="Acme", rounds=[{"day": "2030-01-02"}]))
    at = start(profile.id, ui.section_page("basics"))
    at.button(key=f"{profile.id}.rounds.{profile.rounds[0].id}.delete").click().run()
    assert on_disk(store, profile.id)["rounds"] == []


# --- the facts' as-of dates on Company Overview -------------------------------------------------


def test_a_facts_as_of_date_and_source_are_saved_and_a_stale_one_is_named(store: Store) -> None:
    profile = store.create(Profile(company="Acme", overview={"revenue": "$2 billion"}))
    at = start(profile.id, ui.section_page("overview"))
    at.text_input(key=f"{profile.id}.fact_dates.overview.revenue.as_of").input("2020-03-31").run()
    at.text_input(key=f"{profile.id}.fact_dates.overview.revenue.source").input("10-K").run()
    assert on_disk(store, profile.id)["fact_dates"] == {
        "overview.revenue": {"as_of": "2020-03-31", "source": "10-K"}
    }
    assert "Revenue (as of 2020-03-31)" in at.warning[0].value
    at.number_input(key=f"{profile.id}.stale_after_days").set_value(3000).run()
    assert on_disk(store, profile.id)["stale_after_days"] == 3000
    assert not at.warning  # 2020-03-31 is not older than 3000 days


def test_a_bad_as_of_date_is_refused_in_one_line(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("overview"))
    at.text_input(key=f"{profile.id}.fact_dates.overview.size.as_of").input("last spring").run()
    assert "'last spring' is not a date" in at.error[0].value
    assert on_disk(store, profile.id)["fact_dates"] == {}


def test_the_sources_page_shows_the_facts_each_source_supports(store: Store) -> None:
    profile = store.create(
        Profile(
            company="Acme",
            overview={"revenue": "$2 billion (2020)", "size": "900"},
            fact_dates={"overview.revenue": {"source": "Annual report"}},
            sources=[{"title": "Annual report"}],
        )
    )
    at = start(profile.id, ui.section_page("sources"))
    shown = "\n".join(m.value for m in at.markdown)
    assert "**Annual report**" in shown
    assert "- Revenue (as of 2020-12-31) — :orange[check before quoting]" in shown
    assert "- Size" in shown.split("Facts with no source")[1]


def test_the_news_page_flags_old_news(store: Store) -> None:
    profile = store.create(
        Profile(
            company="Acme",
            news=[{"text": "Opened Oslo", "date": "2019-05-01"}, {"text": "Undated news"}],
        )
    )
    at = start(profile.id, ui.section_page("news"))
    [warning] = at.warning
    assert ui.plain("News: Opened Oslo") + " (as of 2019-05-01)" in warning.value
    assert "Undated" not in warning.value


def test_the_plan_and_practice_pages_agree_with_the_calendar(store: Store, sample_profile) -> None:
    """One Insight for the open profile: the Plan page's items, the Practice order and the
    calendar's prep blocks come from it, all with the story bank (a story proves the AWS
    must-have, so the question about AWS is not a gap; Practice once ordered without the bank)."""
    from icalendar import Calendar

    from prep_core.formats import export
    from prep_core.insight import Insight
    from prep_core.model import Question
    from prep_core.stories import StoryStore
    from tests.test_insight import cloud_story

    sample_profile.interview_date = _today() + timedelta(days=5)
    sample_profile.prep.questions.append(Question(text="How have you used AWS?"))
    profile = store.create(sample_profile)
    StoryStore(store.data_dir).add([cloud_story()])
    bank = StoryStore(store.data_dir).load().stories
    insight = Insight.of(profile, bank, now=datetime.now().astimezone())
    aws = profile.prep.questions[-1].id
    assert (
        aws not in insight.gap_questions
        and aws in Insight.of(profile, now=insight.now).gap_questions
    )

    at = start(profile.id)
    labels = [b.label for b in at.button if b.key and b.key.startswith("plan.")]
    planned = [i for d in insight.plan.days for i in d.items]
    assert labels == [ui.plain(i.text, 300) for i in planned]

    at.switch_page(ui.PRACTICE).run()
    picker = at.selectbox(key="practice.pick")
    assert (
        list(picker.options)[:3] == [picker.format_func(q.id) for q in insight.practice_order][:3]
    )

    calendar = Calendar.from_ical(export(profile, "ics", now=insight.now, stories=bank))
    described = [
        line.removeprefix("- ")
        for event in calendar.walk("VEVENT")
        if str(event["uid"]).startswith("prep-")
        for line in str(event["description"]).splitlines()
    ]
    assert described == [
        i.text for d in insight.plan.days[:-1] for i in d.items if i.kind != "facts"
    ]
