"""The Fit page under AppTest: the matrix, a gap fixed with one click, requirements edited."""

from __future__ import annotations

import pages._ui.state as ui
from prep_core.coverage import coverage
from prep_core.model import Profile, Story
from prep_core.stories import StoryStore
from tests.app_harness import on_disk, start
from tests.test_app_pages import open_profile


def _metric(at, label: str) -> str:
    return next(m for m in at.metric if m.label == label).value


def test_the_sample_shows_its_matrix_and_one_click_adds_a_linked_row(store, sample_profile):
    profile = store.create(sample_profile)
    at = start(profile.id, ui.FIT)
    assert _metric(at, "Must-haves covered") == "5 of 6"
    assert len(at.table) == 1 and len(at.table[0].value) == 15
    aws = next(r for r in coverage(profile).requirements if r.text.endswith("such as AWS"))
    at.session_state["fit.tab"] = "Gaps"
    at.run()
    at.button(key=f"fit.skill.{aws.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = on_disk(store, profile.id)
    row = saved["prep"]["skill_map"][-1]
    assert (row["skill"], row["requirement_id"]) == ("AWS", aws.id)
    assert len(saved["requirements"]) == 15  # the first fix made the posting's rows its own


def test_the_question_and_keyword_fixes(store, sample_profile):
    profile = store.create(sample_profile)
    aws = next(r for r in coverage(profile).requirements if r.text.endswith("such as AWS"))
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Gaps"
    at.run()
    at.button(key=f"fit.question.{aws.id}").click().run()
    at.button(key=f"fit.keyword.{aws.id}").click().run()
    assert not at.exception
    at.button(key=f"fit.question.{aws.id}").click().run()  # twice: said, not added again
    assert not at.exception and "already" in at.error[0].value
    prep = open_profile(at).prep
    assert prep.questions[-1].text == "Tell me about your experience with AWS."
    assert prep.keywords[-1] == "AWS"
    report = coverage(open_profile(at))
    assert next(r for r in report.requirements if r.id == aws.id).in_talking_points


def test_link_a_story_from_the_bank(store, sample_profile):
    profile = store.create(sample_profile)
    story = Story(title="Migrated the feature store", action="Moved 40 jobs to a new cluster")
    StoryStore(store.data_dir).add([story])
    aws = next(r for r in coverage(profile).requirements if r.text.endswith("such as AWS"))
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Gaps"
    at.run()
    at.button(key=f"fit.story.{aws.id}").click().run()
    assert not at.exception
    assert StoryStore(store.data_dir).load().stories[0].tags == ["AWS"]
    row = next(
        r
        for r in coverage(profile, StoryStore(store.data_dir).load().stories).requirements
        if r.id == aws.id
    )
    assert row.stories == [] and row.state == "in progress"  # no result: it proves nothing yet
    assert [(s.kind, s.id, s.missing) for s in row.started] == [("story", story.id, ("result",))]
    at.run()
    said = " ".join(i.value for i in at.info).replace("\\", "")
    assert "write the result of the story “Migrated the feature store”" in said


def test_requirements_are_edited_dropped_and_added(store, sample_profile):
    profile = store.create(sample_profile)
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Requirements"
    at.run()
    first = coverage(profile).requirements[0]
    at.text_input(key=f"{profile.id}.fit.{first.id}.text").input("Design ML systems in Rust").run()
    assert not at.exception, [e.value for e in at.exception]
    saved = open_profile(at).requirements[0]
    assert (saved.text, saved.terms, saved.edited) == (
        "Design ML systems in Rust",
        ["machine learning", "Rust"],
        True,
    )
    at.button(key=f"fit.drop.{first.id}").click().run()
    assert open_profile(at).requirements[0].dropped
    at.button(key="fit.reextract").click().run()
    kept = open_profile(at).requirements
    assert kept[0].dropped and kept[0].text == "Design ML systems in Rust"  # not brought back
    at.button(key="fit.add").click().run()
    assert open_profile(at).requirements[-1].text == ""


def test_without_a_posting_the_page_says_where_to_paste_it(store):
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.FIT)
    assert "No job posting yet" in at.info[0].value
    at.button(key="stories.add").click().run()  # stories need no posting: the bank is shared
    assert not at.exception, [e.value for e in at.exception]
    assert len(StoryStore(store.data_dir).load().stories) == 1


def test_readiness_shows_the_coverage(store, sample_profile):
    profile = store.create(sample_profile)
    at = start(profile.id, ui.READINESS)
    assert _metric(at, "Must-haves covered") == "5 of 6"


def test_a_question_already_answered_is_flagged_and_can_be_dismissed(store, sample_profile):
    profile = store.create(sample_profile)
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Questions to ask"
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert "Ask instead" in text and "Data & Insights" in text.replace("\\", "")
    at.button(key="fit.dismiss.0").click().run()
    assert not at.exception
    assert open_profile(at).prep.dismissed_flags == [sample_profile.prep.questions_to_ask[0]]
    assert "research" in at.success[0].value


def test_dropping_a_requirement_says_which_skills_rows_lost_the_link(store, sample_profile):
    profile = store.create(sample_profile)
    aws = next(r for r in coverage(profile).requirements if r.text.endswith("such as AWS"))
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Gaps"
    at.run()
    at.button(key=f"fit.skill.{aws.id}").click().run()
    at.session_state["fit.tab"] = "Requirements"
    at.run()
    at.selectbox(key=f"{profile.id}.fit.pick").select(aws.id).run()
    at.button(key=f"fit.drop.{aws.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = on_disk(store, profile.id)
    assert next(r for r in saved["requirements"] if r["id"] == aws.id)["dropped"]
    assert saved["prep"]["skill_map"][-1]["skill"] == "AWS"
    assert saved["prep"]["skill_map"][-1]["requirement_id"] == ""
    said = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "1 skills row keeps its words, no longer linked to it" in said


def test_an_empty_skills_row_leaves_the_must_have_in_progress_until_its_talking_point(
    store, sample_profile
):
    """*Add a skills row* adds a row with no talking point: that proves nothing yet. The
    must-have stays uncovered, shown in progress with the talking point to write; written,
    it counts."""
    profile = store.create(sample_profile)
    aws = next(r for r in coverage(profile).requirements if r.text.endswith("such as AWS"))
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Gaps"
    at.run()
    at.button(key=f"fit.skill.{aws.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _metric(at, "Must-haves covered") == "5 of 6"
    added = open_profile(at).prep.skill_map[-1]
    assert (added.requirement_id, added.talking_point) == (aws.id, "")
    said = " ".join(i.value for i in at.info)
    assert "in progress" in said.lower() and "talking point" in said
    point = at.text_input(key=f"{profile.id}.fit.point.{added.id}")
    assert f"fit.skill.{aws.id}" not in [b.key for b in at.button]  # no second empty row
    at.session_state["fit.tab"] = "Matrix"
    at.run()
    matrix = at.table[0].value
    states = dict(zip(matrix["Requirement"], matrix["State"], strict=True))
    assert states[aws.text] == "In progress"
    assert _metric(start(profile.id, ui.READINESS), "Must-haves covered") == "5 of 6"
    at.session_state["fit.tab"] = "Gaps"
    at.run()
    point = at.text_input(key=f"{profile.id}.fit.point.{added.id}")
    point.input("Moved 40 training jobs to AWS spot GPUs, a third cheaper").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _metric(at, "Must-haves covered") == "6 of 6"
    saved = on_disk(store, profile.id)["prep"]["skill_map"][-1]
    assert saved["talking_point"].startswith("Moved 40 training jobs")


def test_several_requirements_change_kind_at_once(store, sample_profile):
    """Pick several rows, one click: each is that kind, the counts follow, the pick clears."""
    profile = store.create(sample_profile)
    rows = coverage(profile).requirements
    wrong = [r for r in rows if r.kind != "must"][:3]
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Requirements"
    at.run()
    several = at.multiselect(key=f"{profile.id}.fit.several")
    assert at.button(key="fit.kinds.must").disabled  # nothing picked yet
    for row in wrong:
        several.select(row.id)
    at.run()
    at.button(key="fit.kinds.must").click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = {r["id"]: r for r in on_disk(store, profile.id)["requirements"]}
    assert [(saved[r.id]["kind"], saved[r.id]["edited"]) for r in wrong] == [("must", True)] * 3
    assert sum(r["kind"] == "must" for r in saved.values()) == 6 + 3
    assert _metric(at, "Must-haves covered").endswith("of 9")
    assert at.multiselect(key=f"{profile.id}.fit.several").value == []
    assert at.button(key="fit.kinds.must").disabled
    said = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Made 3 requirements must-haves" in said
    picker = at.selectbox(key=f"{profile.id}.fit.pick")
    assert picker.options[rows.index(wrong[0])].startswith("Must-have: ")


def test_the_requirement_picker_shows_the_kind_just_chosen(store, sample_profile):
    profile = store.create(sample_profile)
    first = coverage(profile).requirements[0]
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Requirements"
    at.run()
    picker = at.selectbox(key=f"{profile.id}.fit.pick")
    assert picker.options[0].startswith("Responsibility: ") and picker.value == first.id
    at.selectbox(key=f"{profile.id}.fit.{first.id}.kind").select("nice").run()
    assert not at.exception, [e.value for e in at.exception]
    picker = at.selectbox(key=f"{profile.id}.fit.pick")
    assert picker.options[0].startswith("Nice to have: ") and picker.value == first.id
    assert open_profile(at).requirements[0].kind == "nice"


GERMAN_POSTING = """Data Engineer (m/w/d)

Was du mitbringst
* Mindestens 3 Jahre Berufserfahrung als Data Engineer
* Sehr gute Kenntnisse in SQL und Python
"""


def test_an_edited_german_row_is_termed_as_german(store):
    """Editing a row keeps its language: "Kenntnisse" and "Datenbanken" are no names."""
    profile = store.create(Profile(company="Acme", job_posting=GERMAN_POSTING))
    at = start(profile.id, ui.FIT)
    at.session_state["fit.tab"] = "Requirements"
    at.run()
    first = coverage(profile).requirements[0]
    text = "Sehr gute Kenntnisse in Datenbanken und Erfahrung mit Kafka"
    at.text_input(key=f"{profile.id}.fit.{first.id}.text").input(text).run()
    assert not at.exception, [e.value for e in at.exception]
    saved = open_profile(at).requirements[0]
    assert (saved.text, saved.language) == (text, "de")
    assert saved.terms == ["databases", "Kafka"]


BRING_POSTING = """Backend Engineer, Payments

We move money for millions of listeners and the artists they love.

What you'll do
- Build and run payment APIs in Java
- Keep our services observable and calm on call

What you'll bring
- 4+ years of backend development
- Strong Java or Kotlin
- Experience with Kafka
- Experience with Google Cloud
- Understanding of distributed systems
- Clear written communication
- A degree in Computer Science or equivalent experience

Why you'll love working here
- Flexible hours and a learning budget
"""


def test_a_new_users_what_youll_bring_posting_shows_its_seven_must_haves(store):
    profile = store.create(Profile(company="Acme", job_posting=BRING_POSTING))
    at = start(profile.id, ui.FIT)
    assert not at.exception, [e.value for e in at.exception]
    assert _metric(at, "Must-haves covered") == "0 of 7"
    assert _metric(at, "Requirements") == "9"  # 2 duties, 7 must-haves, no perk
    assert not at.info  # headings were found: nothing to check


def test_a_posting_without_headings_says_so_on_the_fit_page(store):
    prose = (
        "Acme makes rockets for everyone. You will build telemetry APIs in Go. "
        "Experience with K8s is required. Kafka is a plus."
    )
    profile = store.create(Profile(company="Acme", job_posting=prose))
    at = start(profile.id, ui.FIT)
    assert not at.exception, [e.value for e in at.exception]
    assert _metric(at, "Requirements") == "3"
    assert "No headings were found" in at.info[0].value
