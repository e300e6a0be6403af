"""The Drill page under AppTest: a session of five cards, rated one by one, the figure moving."""

from __future__ import annotations

from datetime import datetime, timedelta

import pages._ui.state as ui
from prep_core.model import Profile, Question
from prep_core.store import Store
from tests.app_harness import on_disk, start


def _today():
    return datetime.now().astimezone().date()


def five_cards(store: Store, *, round_ahead: bool = True) -> Profile:
    profile = Profile(company="Acme")
    if round_ahead:
        profile.interview_date = _today() + timedelta(days=10)
    profile.overview.founded = "1999"
    profile.overview.headquarters = "Berlin"
    profile.prep.questions = [
        Question(id=f"q{n}", text=f"Question {n}?", answer=f"Answer {n}.") for n in range(3)
    ]
    return store.create(profile)


def figure(at) -> str:
    return at.metric[0].value


def test_a_session_of_five_cards_rated_one_by_one_moves_the_figure(store: Store) -> None:
    profile = five_cards(store)
    at = start(profile.id, ui.DRILL)
    assert at.title[0].value == "Drill"
    assert figure(at) == "0%"
    seen = []
    for n in range(5):
        front = at.markdown[0].value
        seen.append(front)
        assert at.caption[1].value.startswith(f"Card {n + 1} of up to 5")
        assert [b.label for b in at.button if b.key and b.key.startswith("drill.rate")] == []
        at.button(key="drill.show").click().run()
        assert [b.label for b in at.button if b.key and b.key.startswith("drill.rate")] == [
            "Again",
            "Hard",
            "Good",
            "Easy",
        ]
        at.button(key="drill.rate.3").click().run()
        assert not at.exception
    assert len(set(seen)) == 5  # each card once
    assert "Session done: 5 cards drilled." in at.success[0].value
    moved = figure(at)
    assert moved != "0%" and at.metric[0].delta.startswith("+")
    reviews = on_disk(store, profile.id)["drill"]["reviews"]
    assert [r["rating"] for r in reviews] == [3] * 5
    assert len({r["card"] for r in reviews}) == 5


def test_without_a_round_the_page_says_the_session_is_the_due_cards(store: Store) -> None:
    profile = five_cards(store, round_ahead=False)
    at = start(profile.id, ui.DRILL)
    assert at.info[0].value == "No round ahead: the session is the cards due now."
    assert not at.metric
    at.button(key="drill.show").click().run()
    at.button(key="drill.rate.1").click().run()
    assert not at.exception
    assert on_disk(store, profile.id)["drill"]["reviews"][0]["rating"] == 1


def test_readiness_shows_the_recall_at_the_round_and_it_rises_with_drilling(store: Store) -> None:
    profile = five_cards(store)
    at = start(profile.id, ui.READINESS)
    assert next(m for m in at.metric if m.label == "Recall at the round").value == "0%"
    at.switch_page(ui.DRILL).run()
    at.button(key="drill.show").click().run()
    at.button(key="drill.rate.4").click().run()
    at.switch_page(ui.READINESS).run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Recall at the round").value != "0%"


def test_the_plan_s_drill_item_is_ticked_off_by_drilling(store: Store) -> None:
    profile = five_cards(store)
    at = start(profile.id, ui.PLAN)
    today = f"plan.{_today().isoformat()}."
    [item] = [
        b for b in at.button if (b.key or "").startswith(today) and b.label.startswith("Drill")
    ]
    assert item.label == "Drill 5 cards, 3 min"
    at.switch_page(ui.DRILL).run()
    for _ in range(5):
        at.button(key="drill.show").click().run()
        at.button(key="drill.rate.3").click().run()
    at.switch_page(ui.PLAN).run()
    assert not at.exception
    [item] = [
        b for b in at.button if (b.key or "").startswith(today) and b.label.startswith("Drill")
    ]
    assert item.label == "Drilled 5 cards today"
    assert item.proto.icon == ":material/check_circle:"
