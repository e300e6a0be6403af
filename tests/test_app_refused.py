"""A refused value never stays in the model (the state rule, pages/_ui/bind.py, under AppTest).

An edit is applied to a copy of the open profile and the copy is checked; only a copy that
passes becomes the open profile and is saved. So a value refused with a message (or one that
would have failed further on, such as a day too far ahead to count to) can never be written to
the file by the next, unrelated edit.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from prep_core.model import Profile
from prep_core.store import Store
from tests.app_harness import on_disk, start

BASICS = "pages/basics.py"


def _today() -> date:
    return date.today()


def _error(at) -> str:
    """The error shown, its Markdown escapes removed."""
    assert not at.exception, [e.value for e in at.exception]
    return " ".join(e.value for e in at.error).replace("\\", "")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("9999-12-31", "more than 5 years ahead"),
        (f"{_today().year + 6}-01-01", "more than 5 years ahead"),
        ("1985-06-01", "before 1990"),
    ],
)
def test_a_refused_round_day_is_never_saved_by_the_next_edit(
    store: Store, typed: str, reason: str
) -> None:
    day = _today() + timedelta(days=10)
    profile = store.create(Profile(company="Acme", interview_date=day, rounds=[{"day": day}]))
    rid = profile.rounds[0].id
    at = start(profile.id, BASICS)
    at.text_input(key=f"{profile.id}.rounds.{rid}.day").input(typed).run()
    assert "Not saved: Round 1's day" in _error(at) and reason in _error(at)
    # said as a toast too, once: the field may be far below the top of the page (a phone)
    assert [t.value.replace("\\", "") for t in at.toast] == [_error(at)]
    assert not at.run().toast
    at.text_input(key=f"{profile.id}.company").input("Acme Ltd").run()
    assert not at.exception
    saved = on_disk(store, profile.id)
    assert saved["company"] == "Acme Ltd"
    assert saved["rounds"][0]["day"] == day.isoformat()
    assert saved["interview_date"] == day.isoformat()
    at.switch_page("pages/plan.py").run()  # and the plan still draws
    assert not at.exception


@pytest.mark.parametrize("typed", ["2062-01-10", "1900-01-01"])
def test_an_interview_date_out_of_range_is_refused_with_a_reason(store: Store, typed) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, BASICS)
    at.text_input(key=f"{profile.id}.interview_date").input(typed).run()
    assert "Not saved" in _error(at) and typed in _error(at)
    at.text_input(key=f"{profile.id}.company").input("Acme Ltd").run()
    assert on_disk(store, profile.id)["interview_date"] is None


def test_a_fact_date_out_of_range_is_refused(store: Store) -> None:
    profile = store.create(Profile(company="Acme", overview={"size": "900 people"}))
    at = start(profile.id, "pages/overview.py")
    at.text_input(key=f"{profile.id}.fact_dates.overview.size.as_of").input("3020-01-01").run()
    assert "Not saved" in _error(at) and "3020-01-01" in _error(at)
    at.text_input(key=f"{profile.id}.overview.revenue").input("$1m").run()
    assert on_disk(store, profile.id)["overview"]["revenue"] == "$1m"
    assert "overview.size" not in on_disk(store, profile.id)["fact_dates"]


def test_adding_a_round_after_one_kept_at_the_calendars_end_is_refused_in_one_line(
    store: Store,
) -> None:
    # A file may hold 9999-12-31 (read with a note); "Add a round" counts a week from it.
    profile = store.create(Profile(company="Acme", rounds=[{"day": date(9999, 12, 31)}]))
    at = start(profile.id, BASICS)
    at.button(key=f"{profile.id}.rounds.add").click().run()
    assert "Not saved" in _error(at) and "check the year" in _error(at)
    assert len(on_disk(store, profile.id)["rounds"]) == 1
