"""The drill, with a fixed clock: FSRS over the Anki deck's cards, aimed at the next round."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from prep_core import drill
from prep_core.errors import InvalidProfile
from prep_core.formats import export
from prep_core.model import MAX_REVIEWS, Profile, Review, Round
from prep_core.readers.json import read
from prep_core.writers.anki import note_guid
from prep_core.writers.json import write

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def profile(sample_profile: Profile) -> Profile:
    """The sample with one round ten days from NOW, at 10:00 in Berlin."""
    sample_profile.rounds = [
        Round(day=date(2026, 12, 7), start_time=time(10, 0), timezone="Europe/Berlin")
    ]
    sample_profile.interview_date = date(2026, 12, 7)
    return sample_profile


def question_card(profile: Profile, index: int = 0) -> str:
    return f"question:{profile.prep.questions[index].id}"


def drilled(profile: Profile, card: str, ratings: list[int], start: datetime = NOW) -> Profile:
    """``card`` reviewed with ``ratings``, a day apart, from ``start``."""
    for n, rating in enumerate(ratings):
        when = start + timedelta(days=n)
        profile = drill.record(profile, card, rating, now=when)
    return profile


def recall(profile: Profile, card: str, now: datetime) -> float:
    [item] = [i for i in drill.session(profile, now=now).deck if i.id == card]
    return item.recall_at_round


def anki_guids(profile: Profile) -> set[str]:
    """The note GUIDs of the profile's exported Anki deck, read from the package itself."""
    package = zipfile.ZipFile(io.BytesIO(export(profile, "apkg", now=NOW)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "collection.anki2"
        path.write_bytes(package.read("collection.anki2"))
        with closing(sqlite3.connect(path)) as db:
            return {guid for (guid,) in db.execute("select guid from notes")}


def test_the_drill_cards_are_the_anki_deck_s_with_its_stable_ids(profile):
    cards = drill.deck(profile, now=NOW)
    assert {note_guid(profile, card) for card in cards} == anki_guids(profile)
    question = profile.prep.questions[0]
    card = next(c for c in cards if c.id == f"question:{question.id}")
    assert card.front == question.text
    # an edited answer is the same card, in the drill and in Anki
    edited = profile.model_copy(deep=True)
    edited.prep.questions[0].answer = "A new answer."
    again = next(c for c in drill.deck(edited, now=NOW) if c.id == card.id)
    assert again.back.startswith("A new answer.")
    assert note_guid(edited, again) == note_guid(profile, card)


def test_three_goods_recall_better_at_the_round_than_never_reviewed(profile):
    good, never = question_card(profile, 0), question_card(profile, 1)
    profile = drilled(profile, good, [3, 3, 3])
    later = NOW + timedelta(days=2, hours=1)
    assert recall(profile, never, later) == 0.0
    assert recall(profile, good, later) > 0.5


def test_again_lowers_the_recall_at_the_round(profile):
    card = question_card(profile)
    good = drilled(profile, card, [3, 3, 3])
    again = drilled(profile, card, [3, 3, 1])
    later = NOW + timedelta(days=2, hours=1)
    assert recall(again, card, later) < recall(good, card, later)


def test_an_edited_answer_keeps_its_history(profile):
    card = question_card(profile)
    profile = drilled(profile, card, [3, 3, 3])
    before = recall(profile, card, NOW + timedelta(days=3))
    profile.prep.questions[0].answer = "Rewritten from scratch."
    profile.prep.questions[0].text = "A reworded question?"
    assert recall(profile, card, NOW + timedelta(days=3)) == before > 0


def test_a_deleted_question_drops_its_card(profile):
    card = question_card(profile)
    profile = drilled(profile, card, [3])
    del profile.prep.questions[0]
    later = NOW + timedelta(days=1)
    session = drill.session(profile, now=later)
    assert card not in {item.id for item in session.deck}
    with pytest.raises(drill.UnknownCard, match="no card"):
        drill.record(profile, card, 3, now=later)


def test_no_round_falls_back_to_the_due_cards_and_says_so(profile):
    profile.rounds = []
    profile.interview_date = None
    card = question_card(profile)
    profile = drilled(profile, card, [4])
    session = drill.session(profile, now=NOW + timedelta(minutes=1))
    assert session.note == "No round ahead: the session is the cards due now."
    assert session.recall_at_round is None and session.round_start is None
    assert card not in {item.id for item in session.cards}  # not due: Easy sends it days away
    assert all(item.is_due(session.now) for item in session.cards)
    assert session.to_dict()["recall_at_round"] is None


def test_the_session_is_due_cards_first_then_lowest_recall_weak_and_gaps_first(profile):
    session = drill.session(profile, now=NOW)
    assert len(session.cards) == drill.SESSION_SIZE  # nothing drilled: every card is due
    # drill every card once, Good: nothing is due the next morning
    for item in session.deck:
        profile = drill.record(profile, item.id, 3, now=NOW)
    morning = NOW + timedelta(days=1)
    session = drill.session(profile, now=morning)
    recalls = [item.recall_at_round for item in session.cards]
    assert recalls == sorted(recalls)  # none due: lowest predicted recall first
    assert all(r < drill.TARGET for r in recalls)


def test_weak_cards_come_first(profile):
    from prep_core.model import Attempt

    profile.prep.questions[5].attempts = [Attempt(text="um", rating=1, time=NOW)]
    session = drill.session(profile, now=NOW)
    assert session.cards[0].id == question_card(profile, 5)


def test_the_eve_of_the_round_drills_what_would_be_forgotten_by_its_start(profile):
    card = question_card(profile)
    profile = drilled(profile, card, [3, 3])
    [item] = [i for i in drill.session(profile, now=NOW).deck if i.id == card]
    due = item.due  # the schedule brings it back then: a day before the round starts
    start = due + timedelta(days=1)
    profile.rounds = [Round(day=start.date(), start_time=start.time(), timezone="UTC")]
    every = len(profile.prep.questions) * 10  # no cut at 20: which cards, not how many
    days_before = drill.session(profile, now=due - timedelta(days=3), size=every)
    [item] = [i for i in days_before.deck if i.id == card]
    assert item.recall_at_round < drill.TARGET and not days_before.eve
    assert card not in {i.id for i in days_before.cards}  # left to its due day
    eve = drill.session(profile, now=due - timedelta(minutes=1), size=every)  # the day before
    assert eve.eve and eve.note.startswith("The round is close")
    assert card in {i.id for i in eve.cards}  # not due yet, but forgotten by the start


def test_the_figure_moves_today_and_per_section(profile):
    card = question_card(profile)
    session = drill.session(profile, now=NOW)
    assert session.recall_at_round == 0.0 and session.moved_today == 0.0
    profile = drill.record(profile, card, 3, now=NOW)
    session = drill.session(profile, now=NOW + timedelta(minutes=5))
    assert session.moved_today > 0 and session.reviewed_today == 1
    assert session.by_section["prep"] > 0 and session.by_section["overview"] == 0.0


def test_json_is_exactly_the_documented_shape(profile):
    data = json.loads(json.dumps(drill.session(profile, now=NOW).to_dict()))
    assert set(data) == {"recall_at_round", "round_start", "cards"}
    assert data["round_start"] == "2026-12-07T10:00:00+01:00"
    assert set(data["cards"][0]) == {"id", "front", "due", "recall_at_round"}


@pytest.mark.parametrize("rating", [0, 5, -1, True, "3"])
def test_a_rating_out_of_range_is_refused(profile, rating):
    with pytest.raises(drill.BadReview, match="a rating is one of 1 \\(Again\\)"):
        drill.record(profile, question_card(profile), rating, now=NOW)


def test_a_review_dated_in_the_future_is_refused(profile):
    card = question_card(profile)
    with pytest.raises(drill.BadReview, match="in the future"):
        drill.record(profile, card, 3, now=NOW, time=NOW + timedelta(minutes=1))
    profile = drill.record(profile, card, 3, now=NOW)
    # the clock went back an hour: the log's last review is now in the future
    with pytest.raises(drill.BadReview, match="is the clock right"):
        drill.record(profile, card, 3, now=NOW - timedelta(hours=1))
    assert len(profile.drill.reviews) == 1


def test_the_log_round_trips_through_json_and_migrates_from_schema_5(profile):
    profile = drilled(profile, question_card(profile), [3, 1])
    assert read(write(profile, now=NOW)).drill == profile.drill
    old = json.loads(write(profile, now=NOW))
    old["schema_version"] = 5
    del old["drill"]
    assert read(json.dumps(old)).drill.reviews == []


def test_a_log_of_100000_reviews_is_bounded_and_the_schedule_unchanged(profile):
    cards = [c.id for c in drill.deck(profile, now=NOW)]
    start = NOW - timedelta(days=400)
    reviews = [
        Review(card=cards[n % len(cards)], rating=1 + n % 4, time=start + timedelta(minutes=5 * n))
        for n in range(100_000)
    ]
    whole = drill.memories(drill.DrillLog.model_construct(reviews=reviews, memory=[]))
    log = drill.compact(reviews)
    assert len(log.reviews) == MAX_REVIEWS and log.reviews[-1] == reviews[-1]
    assert {c: m.to_dict() for c, m in drill.memories(log).items()} == {
        c: m.to_dict() for c, m in whole.items()
    }
    # saved and read back, the schedule is still the same
    profile.drill = log
    again = read(write(profile, now=NOW))
    assert {c: m.to_dict() for c, m in drill.memories(again.drill).items()} == {
        c: m.to_dict() for c, m in whole.items()
    }
    # one more review keeps the bound
    later = drill.record(again, cards[0], 3, now=NOW)
    assert len(later.drill.reviews) == MAX_REVIEWS


def test_the_plan_s_daily_drill_counts_and_is_ticked_off_by_drilling(profile):
    days = [NOW.date() + timedelta(days=n) for n in range(11)]
    [today, *later] = drill.forecast(profile, now=NOW, days=days)
    assert (today.day, today.cards, today.drilled) == (NOW.date(), drill.SESSION_SIZE, 0)
    assert today.text == "Drill 20 cards, 12 min" and not today.done
    assert [d.day for d in later] == days[1:]
    assert [d.day for d in later if d.eve] == [date(2026, 12, 6)]  # the round is on the 7th
    for item in drill.session(profile, now=NOW).cards[:14]:
        profile = drill.record(profile, item.id, 3, now=NOW)
    [today] = drill.forecast(profile, now=NOW + timedelta(minutes=1), days=days[:1])
    assert today.text == "Drill 6 cards, 4 min (14 done)"
    for item in drill.session(profile, now=NOW, skip=[r.card for r in profile.drill.reviews]).cards[
        :6
    ]:
        profile = drill.record(profile, item.id, 3, now=NOW + timedelta(minutes=2))
    [today] = drill.forecast(profile, now=NOW + timedelta(minutes=3), days=days[:1])
    assert today.done and today.text == "Drilled 20 cards today"


def test_the_eve_forecast_drills_what_would_be_forgotten_by_the_start(profile):
    card = question_card(profile)
    profile = drilled(profile, card, [3, 3])
    [item] = [i for i in drill.session(profile, now=NOW).deck if i.id == card]
    start = item.due + timedelta(days=1)  # due the day before the round: not drilled until then
    profile.rounds = [Round(day=start.date(), start_time=start.time(), timezone="UTC")]
    eve_day = start.date() - timedelta(days=1)
    ahead, eve = drill.forecast(
        profile, now=NOW + timedelta(days=1, hours=1), days=[eve_day - timedelta(days=2), eve_day]
    )
    assert not ahead.eve and eve.eve and eve.cards >= 1
    assert eve.text.endswith("min: what you would forget by the round's start")


def test_a_file_with_a_longer_log_is_read_compacted_with_the_same_schedule(profile):
    """A script may write more reviews than the model keeps: the reader folds the oldest."""
    cards = [c.id for c in drill.deck(profile, now=NOW)]
    start = NOW - timedelta(days=100)
    reviews = [
        {
            "card": cards[n % 7],
            "rating": 1 + n % 4,
            "time": (start + timedelta(hours=n)).isoformat(),
        }
        for n in range(2_000)
    ]
    data = json.loads(write(profile, now=NOW))
    data["drill"] = {"reviews": reviews, "memory": []}
    whole = drill.memories(
        drill.DrillLog.model_construct(reviews=[Review(**r) for r in reviews], memory=[])
    )
    again = read(json.dumps(data))
    assert len(again.drill.reviews) == MAX_REVIEWS
    assert {c: m.to_dict() for c, m in drill.memories(again.drill).items()} == {
        c: m.to_dict() for c, m in whole.items()
    }
    data["drill"]["reviews"][0]["rating"] = 9
    with pytest.raises(InvalidProfile, match="rating"):
        read(json.dumps(data))
