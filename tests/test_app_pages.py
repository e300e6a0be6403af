"""The dashboard under AppTest: every page renders, widgets edit the model and the file on disk.

Each test gets its own data folder (``PREP_DATA_DIR``) and exports folder, so nothing in the
checkout's ``data/`` or ``exports/`` is touched.
"""

from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

import pages._ui.export as export_ui
import pages._ui.rows as rows
import pages._ui.state as ui
from prep_core.errors import StoreError
from prep_core.formats import FORMATS, export_filename
from prep_core.model import MAX_TEXT, Attempt, Profile, Question
from prep_core.sections import SECTIONS
from prep_core.store import Store
from tests.app_harness import follow_app_navigation, on_disk, start
from tests.builders import hostile_profile
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
SECTION_PAGES = [ui.section_page(s.key) for s in SECTIONS]
ALL_PAGES = [
    ui.LIBRARY,
    *SECTION_PAGES,
    ui.READINESS,
    ui.FIT,
    ui.PRACTICE,
    ui.DRILL,
    ui.PLAN,
    ui.DEBRIEF,
    ui.EXPORT,
]
PREP_TABS = SECTIONS[[s.key for s in SECTIONS].index("prep")].subsections()


def shown(element) -> str:
    """An alert's text as the reader sees it (user text in it is Markdown-escaped)."""
    return element.value.replace("\\", "")


def open_profile(at: AppTest) -> Profile:
    return at.session_state[ui.PROFILE]


@pytest.fixture(params=["sample", "blank", "hostile"])
def any_profile(request: pytest.FixtureRequest, store: Store) -> Profile:
    if request.param == "sample":
        return store.create(request.getfixturevalue("sample_profile"))
    return store.create(hostile_profile() if request.param == "hostile" else Profile())


# --- every page renders --------------------------------------------------------------------


@pytest.mark.parametrize("page", ALL_PAGES)
def test_page_renders_without_exception(page: str, any_profile: Profile) -> None:
    at = start(any_profile.id, page)
    assert at.title, "every page has a title"
    assert not at.error, [e.value for e in at.error]
    if page == ui.section_page("prep"):
        for tab in PREP_TABS:  # only the open tab is drawn, so open each one
            at.session_state["prep.tab"] = tab
            at.run()
            assert not at.exception, (tab, [e.value for e in at.exception])
            assert at.subheader[0].value == tab


def test_section_pages_use_registry_titles_and_show_their_completeness(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id)
    for section in SECTIONS:
        at.switch_page(ui.section_page(section.key)).run()
        assert at.title[0].value == section.title
        assert f"Section {section.number} of {len(SECTIONS)}" in [c.value for c in at.caption]
        total = sum(spec.counts for spec in section.fields)
        filled = 1 if section.key == "basics" else 0
        assert at.main.get("progress")[0].proto.text == f"{filled} of {total} filled"


def test_hostile_text_is_escaped_in_the_sidebar(store: Store) -> None:
    at = start(store.create(hostile_profile()).id)
    shown = " ".join(m.value for m in at.sidebar.markdown)
    assert "<script>" not in shown and "\\<script\\>" in shown


def test_no_page_or_part_lets_html_through() -> None:
    """Text reaches the screen as Markdown, never as HTML: no ``unsafe_allow_html`` in the app,
    its pages or their parts (pages/_ui), and ``st.html`` only for the frame's own assets."""
    sources = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]
    assert ROOT / "pages" / "_ui" / "frame.py" in sources
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html" not in text, path
        if path.name != "frame.py":
            assert "st.html(" not in text, path


def test_a_page_opened_first_still_runs_inside_the_frame(isolated) -> None:
    """Without ``v2_pages``: Streamlit's legacy mode runs the page alone; it reruns via app.py."""
    profile = Store(isolated).create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("overview"))
    assert at.title[0].value == "Company Overview"
    assert "Acme" in at.sidebar.markdown[0].value
    assert len(at.main.get("progress")) == 1


# --- first run and reload ------------------------------------------------------------------


def test_first_run_imports_the_sample_and_puts_its_id_in_the_url(store: Store) -> None:
    at = start()
    profile = open_profile(at)
    assert profile.company == "Netflix"
    assert at.query_params["profile"] == profile.id
    assert (store.folder / f"{profile.id}.json").is_file()
    assert "Readiness" in at.sidebar.get("progress")[0].proto.text


def test_a_reload_reopens_the_profile_in_the_url(store: Store) -> None:
    store.create(Profile(company="Newest"))
    older = store.create(Profile(company="Wanted"))
    store.save(older.model_copy(update={"company": "Wanted"}))  # now the newest; open the other
    first = store.profiles()[-1]
    at = start(first.id, ui.section_page("basics"))
    assert open_profile(at).id == first.id
    assert at.text_input(key=f"{first.id}.company").value == first.company


def test_an_unknown_profile_in_the_url_opens_the_newest_and_says_so(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start("no-such-profile")
    assert open_profile(at).id == profile.id
    assert at.query_params["profile"] == profile.id
    assert "no-such-profile" in shown(at.error[0])


# --- editing -------------------------------------------------------------------------------


def test_editing_a_line_saves_the_model_and_the_file(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("overview"))
    at.text_input(key=f"{profile.id}.overview.founded").input("  1997 ").run()
    assert open_profile(at).overview.founded == "1997"
    saved = on_disk(store, profile.id)
    assert saved["overview"]["founded"] == "1997"
    assert saved["revision"] == profile.revision + 1
    assert at.sidebar.caption[0].value.startswith("Saved ")


def test_values_survive_a_page_switch_and_a_new_session(store: Store) -> None:
    profile = store.create(Profile())
    at = start(profile.id, ui.section_page("mission"))
    key = f"{profile.id}.mission.statement"
    at.text_area(key=key).input("Entertain the world").run()
    at.switch_page(ui.section_page("overview")).run()
    at.switch_page(ui.section_page("mission")).run()
    assert at.text_area(key=key).value == "Entertain the world"
    assert start(profile.id, ui.section_page("mission")).text_area(key=key).value == (
        "Entertain the world"
    )


def test_yes_no_and_date_widgets_write_the_model(store: Store) -> None:
    profile = store.create(Profile())
    at = start(profile.id, ui.section_page("experience"))
    at.radio(key=f"{profile.id}.experience.has_used").set_value("yes").run()
    assert on_disk(store, profile.id)["experience"]["has_used"] == "yes"
    at.switch_page(ui.section_page("basics")).run()
    when = at.text_input(key=f"{profile.id}.interview_date")
    when.input("2030-01-02").run()
    assert on_disk(store, profile.id)["interview_date"] == "2030-01-02"
    at.text_input(key=f"{profile.id}.interview_date").input("20300103").run()  # ISO basic
    assert on_disk(store, profile.id)["interview_date"] == "2030-01-03"
    assert at.text_input(key=f"{profile.id}.interview_date").value == "2030-01-03"
    at.text_input(key=f"{profile.id}.interview_date").input("2030-13-45").run()
    assert on_disk(store, profile.id)["interview_date"] == "2030-01-03", "a bad date saves nothing"
    assert "YYYY-MM-DD" in shown(at.error[0])
    assert at.text_input(key=f"{profile.id}.interview_date").value == "2030-13-45", "text kept"
    at.text_input(key=f"{profile.id}.interview_date").input("").run()
    assert on_disk(store, profile.id)["interview_date"] is None
    assert at.text_input(key=f"{profile.id}.interview_date").value == ""


def test_a_tag_list_is_typed_as_text_with_commas_semicolons_and_lines(store: Store) -> None:
    profile = store.create(Profile(tech_stack={"languages": ["Python", "a, b"]}))
    at = start(profile.id, ui.section_page("tech_stack"))
    key = f"{profile.id}.tech_stack.languages"
    assert at.text_area(key=key).value == 'Python, "a, b"', "an item with a comma is quoted"
    at.text_area(key=key).input('Python, "a, b"; Java, Scala\nGo, java').run()
    saved = ["Python", "a, b", "Java", "Scala", "Go"]
    assert on_disk(store, profile.id)["tech_stack"]["languages"] == saved
    said = " ".join(shown(c) for c in at.caption)
    assert "5 items" in said and "Kept once (typed more than once): \u2068Java\u2069" in said
    assert at.text_area(key=key).value == 'Python, "a, b", Java, Scala, Go'


def test_separators_only_in_a_tag_list_change_nothing(store: Store) -> None:
    profile = store.create(Profile(tech_stack={"languages": ["Python"]}))
    before = on_disk(store, profile.id)
    at = start(profile.id, ui.section_page("tech_stack"))
    key = f"{profile.id}.tech_stack.languages"
    at.text_area(key=key).input(", ; ,").run()
    assert on_disk(store, profile.id) == before
    assert "only separators" in shown(at.error[0])
    assert at.text_area(key=key).value == ", ; ,", "the typed text stays on screen"


def test_a_pasted_tag_list_of_any_size_and_script_is_saved_whole(store: Store) -> None:
    profile = store.create(Profile())
    at = start(profile.id, ui.section_page("tech_stack"))
    key = f"{profile.id}.tech_stack.frameworks"
    long_item = "ü" * 5000
    pasted = ", ".join(f"lib{n}" for n in range(1000)) + f"; {long_item}\n🐍 PyTorch, עברית, lib7"
    at.text_area(key=key).input(pasted).run()
    saved = on_disk(store, profile.id)["tech_stack"]["frameworks"]
    assert len(saved) == 1003 and saved[1000:] == [long_item, "🐍 PyTorch", "עברית"]
    said = " ".join(shown(c) for c in at.caption)
    assert "1003 items" in said and "… and 991 more" in said
    assert "Kept once (typed more than once): \u2068lib7\u2069" in said
    assert not at.exception and not at.error


def test_a_list_is_edited_one_entry_per_line(store: Store) -> None:
    profile = store.create(Profile(mission={"core_values": ["Candour", "Courage"]}))
    at = start(profile.id, ui.section_page("mission"))
    key = f"{profile.id}.mission.core_values"
    assert at.text_area(key=key).value == "Candour\nCourage"
    at.text_area(key=key).input("Curiosity\n\n  Candor \nCourage").run()
    assert on_disk(store, profile.id)["mission"]["core_values"] == [
        "Curiosity",
        "Candor",
        "Courage",
    ]


def test_table_cells_save_one_by_one_and_keep_row_ids(store: Store) -> None:
    profile = store.create(Profile(news=[{"text": "Launched games"}, {"text": "Old"}]))
    first, second = (n.id for n in profile.news)
    at = start(profile.id, ui.section_page("news"))
    at.text_input(key=f"{profile.id}.news.{first}.date").input("Q3 2024").run()
    at.text_input(key=f"{profile.id}.news.{first}.url").input("https://example.com/a").run()
    news = on_disk(store, profile.id)["news"]
    assert [(n["id"], n["text"], n["date"], n["url"]) for n in news] == [
        (first, "Launched games", "Q3 2024", "https://example.com/a"),
        (second, "Old", "", ""),
    ]


def test_a_blank_row_is_never_saved(store: Store) -> None:
    profile = store.create(Profile(prep={"skill_map": [{"skill": "Python"}]}))
    at = start(profile.id, ui.section_page("prep"))
    at.session_state["prep.tab"] = "Skills-to-Requirements Mapping"
    at.run()
    revision = on_disk(store, profile.id)["revision"]
    at.button(key=f"addrow-{profile.id}.prep.skill_map").click().run()
    assert on_disk(store, profile.id)["revision"] == revision, "adding a row saves nothing yet"
    draft = at.session_state[rows.DRAFTS][f"{profile.id}.prep.skill_map"][0]
    at.text_input(key=f"{profile.id}.prep.skill_map.{draft}.skill").input("Kafka").run()
    saved = on_disk(store, profile.id)["prep"]["skill_map"]
    assert [(r["id"], r["skill"]) for r in saved][1:] == [(draft, "Kafka")]
    at.text_input(key=f"{profile.id}.prep.skill_map.{draft}.skill").input("").run()
    assert len(on_disk(store, profile.id)["prep"]["skill_map"]) == 1, "a cleared row is dropped"
    assert at.text_input(key=f"{profile.id}.prep.skill_map.{draft}.skill").value == ""


def test_question_bank_is_a_list_edited_in_place_reordered_filtered_added_deleted(
    store: Store,
) -> None:
    questions = [Question(text="Why us?"), Question(text="A hard bug?", answer="The cache.\nMore")]
    profile = store.create(Profile(prep={"questions": questions}))
    at = start(profile.id, ui.section_page("prep"))
    at.session_state["prep.tab"] = "Potential Questions to Prepare For"
    at.run()
    pid, (q1, q2) = profile.id, (q.id for q in profile.prep.questions)
    bank = f"{pid}.prep.questions"

    def saved() -> list[dict]:
        return on_disk(store, pid)["prep"]["questions"]

    def captions() -> str:
        return " | ".join(shown(c) for c in at.caption)

    assert "2 questions, 1 with a drafted answer" in captions()
    assert "No category · not drafted yet" in captions()
    assert "No category · The cache." in captions(), "the first line of the drafted answer"
    assert [at.text_input(key=f"{bank}.{q}.text").label for q in (q1, q2)] == [
        "Question 1",
        "Question 2",
    ]
    at.text_input(key=f"{bank}.{q2}.text").input("The hardest bug?").run()
    assert saved()[1]["text"] == "The hardest bug?", "edited in place, no picking first"
    at.button(key=f"{bank}.{q1}.open").click().run()
    at.text_area(key=f"{bank}.{q1}.answer").input("Because").run()
    at.selectbox(key=f"{bank}.{q1}.category").select("motivation").run()
    at.button_group(key=f"{bank}.{q1}.confidence").set_value(4).run()
    assert (saved()[0]["answer"], saved()[0]["category"], saved()[0]["confidence"]) == (
        "Because",
        "motivation",
        4,
    )
    assert "Motivation · confidence 4 of 5 · Because" in captions()
    at.button(key=f"{bank}.{q2}.up").click().run()
    assert [q["id"] for q in saved()] == [q2, q1]
    assert at.text_input(key=f"{bank}.{q2}.text").label == "Question 1"

    at.selectbox(key=f"{bank}.filter.category").select("motivation").run()
    assert [t.key for t in at.text_input if t.key.endswith(".text")] == [f"{bank}.{q1}.text"]
    assert at.text_input(key=f"{bank}.{q1}.text").label == "Question 2", "the bank's number"
    at.selectbox(key=f"{bank}.filter.category").select("*").run()
    at.checkbox(key=f"{bank}.filter.undrafted").check().run()
    assert "No question matches these filters." in captions()
    at.checkbox(key=f"{bank}.filter.undrafted").uncheck().run()

    at.button(key=f"{bank}.{q1}.delete").click().run()
    at.button(key=f"addrow-{bank}").click().run()
    assert [q["text"] for q in saved()] == ["The hardest bug?", ""]
    new_id = saved()[1]["id"]
    assert at.text_input(key=f"{bank}.{new_id}.text").value == ""
    assert at.text_area(key=f"{bank}.{new_id}.answer").value == "", "the new one is open"
    assert "2 questions, 1 with a drafted answer" in captions()
    at.button(key=f"{bank}.{q2}.down").click().run()
    assert [q["id"] for q in saved()] == [new_id, q2]


def test_one_question_is_counted_in_the_singular(store: Store) -> None:
    profile = store.create(Profile(prep={"questions": [Question(text="Why us?")]}))
    at = start(profile.id, ui.section_page("prep"))
    at.session_state["prep.tab"] = "Potential Questions to Prepare For"
    at.run()
    assert "1 question, 0 with a drafted answer" in [shown(c) for c in at.caption]


def test_an_invalid_value_is_reported_and_the_text_kept(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("overview"))
    too_long = "x" * (MAX_TEXT + 1)
    key = f"{profile.id}.overview.revenue"
    at.text_input(key=key).input(too_long).run()
    assert not at.exception
    assert "at most" in shown(at.error[0])
    assert at.text_input(key=key).value == too_long
    assert on_disk(store, profile.id)["overview"]["revenue"] == ""


def test_a_save_from_a_stale_tab_is_refused_and_can_reload(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("basics"))
    other_program = Store(store.data_dir)  # not through the app: "outside the app"
    other_program.save(other_program.load(profile.id).model_copy(update={"company": "Other tab"}))

    at.text_input(key=f"{profile.id}.company").input("This tab").run()
    assert "changed outside the app" in shown(at.error[0])
    assert on_disk(store, profile.id)["company"] == "Other tab"
    at.button(key="reload_latest").click().run()
    assert not at.error
    assert at.text_input(key=f"{profile.id}.company").value == "Other tab"
    at.text_input(key=f"{profile.id}.company").input("After reload").run()
    assert on_disk(store, profile.id)["company"] == "After reload"


def test_user_text_quoted_in_an_error_is_not_markdown(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = store.create(hostile_profile())
    at = start(profile.id, ui.section_page("overview"))

    def refuse(self, saved):
        raise StoreError(f"{saved.title} cannot be saved")  # a message quoting user text

    monkeypatch.setattr(Store, "save", refuse)
    at.text_input(key=f"{profile.id}.overview.size").input("12,000").run()
    assert "cannot be saved" in shown(at.error[0])
    assert "<script>" not in at.error[0].value and "\\<script\\>" in at.error[0].value


# --- walking through the sections ----------------------------------------------------------


def test_previous_and_next_walk_the_sections_in_template_order(store: Store) -> None:
    at = follow_app_navigation(start(store.create(Profile()).id, ui.section_page(SECTIONS[0].key)))
    titles = []
    for _ in SECTIONS:
        titles.append(at.title[0].value)
        at.button(key="nav.next").click().run()
    assert titles == [s.title for s in SECTIONS]
    assert at.title[0].value == "Readiness"
    follow_app_navigation(at.switch_page(ui.section_page(SECTIONS[-1].key)).run())
    for section in reversed(SECTIONS[:-1]):
        at.button(key="nav.previous").click().run()
        assert at.title[0].value == section.title
    at.button(key="nav.previous").click().run()
    assert at.title[0].value == "Library"


# --- library -------------------------------------------------------------------------------


def test_library_lists_profiles_and_reports_a_corrupt_file(store: Store) -> None:
    good = store.create(Profile(company="Acme", role_title="Engineer"))
    (store.folder / "broken.json").write_text("{not json", encoding="utf-8")
    at = start(good.id)
    assert "broken.json" in shown(at.warning[0])
    assert any("Acme" in m.value for m in at.markdown)
    assert at.button(key=f"library.open.{good.id}").proto.label == "Continue"  # already open


def test_the_primary_button_is_on_the_open_profile_only(store: Store) -> None:
    first = store.create(Profile(company="First"))
    second = store.create(Profile(company="Second"))
    at = start(first.id)
    primary = [b.key for b in at.button if b.proto.type == "primary"]
    assert primary == [f"library.open.{first.id}"]
    assert at.button(key=f"library.open.{second.id}").proto.label == "Open"
    at.button(key=f"library.open.{first.id}").click().run()
    assert at.title[0].value == SECTIONS[0].title, "Continue goes back to the profile's pages"


def test_import_of_a_bad_file_shows_an_error_and_saves_nothing(store: Store) -> None:
    profile = store.create(Profile())
    at = start(profile.id)
    at.file_uploader(key="library.import.0").set_value(("bad.json", b'{"revision": -3', "x")).run()
    assert not at.exception
    assert "bad.json" in shown(at.error[0])
    assert [p.name for p in store.folder.glob("*.json")] == [f"{profile.id}.json"]


def test_import_of_a_profile_json_opens_it(store: Store) -> None:
    at = start(store.create(Profile()).id)
    data = Profile(company="Imported").model_dump_json().encode()
    at.file_uploader(key="library.import.0").set_value(("p.json", data, "application/json")).run()
    assert open_profile(at).company == "Imported"
    assert len(store.profiles()) == 2


def test_import_of_an_exported_markdown_file_adds_its_stories_to_the_bank(store: Store) -> None:
    from prep_core.model import Question, Story
    from prep_core.stories import StoryStore
    from prep_core.writers.markdown import write

    at = start(store.create(Profile()).id)
    win = Story(id="win", title="Cut training time", result="40% faster")
    profile = Profile(company="Imported")
    profile.prep.questions = [Question(text="A win?", story_id="win")]
    data = write(profile, stories=[win]).encode()
    at.file_uploader(key="library.import.0").set_value(("p.md", data, "text/markdown")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert open_profile(at).prep.questions[0].story_id == "win"
    assert StoryStore(store.data_dir).load().stories == [win]
    assert "1 of its 1 stories added to the story bank" in shown(at.success[0])


def test_create_duplicate_and_delete_with_confirmation(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id)
    at.button(key="library.new_blank").click().run()
    blank = open_profile(at)
    assert blank.company == "" and len(store.profiles()) == 2
    assert at.title[0].value == SECTIONS[0].title, "a new profile opens on its first page"
    assert at.query_params["profile"] == blank.id
    at.switch_page(ui.LIBRARY).run()
    at.button(key=f"library.duplicate.{profile.id}").click().run()
    assert open_profile(at).company == "Acme (copy)" and open_profile(at).id != profile.id
    at.button(key=f"library.delete.{profile.id}").click().run()
    assert (store.folder / f"{profile.id}.json").exists(), "nothing happens before confirming"
    at.button(key=f"library.confirm.{profile.id}").click().run()
    assert not (store.folder / f"{profile.id}.json").exists()
    assert list((store.folder / ".trash").glob(f"{profile.id}-*.json"))
    assert any("trash folder" in shown(m) for m in at.markdown)
    at.button(key="undo").click().run()  # Undo brings the file back from the trash folder
    assert (store.folder / f"{profile.id}.json").exists()


def test_open_switches_profile_and_url_and_goes_to_the_first_section(store: Store) -> None:
    first = store.create(Profile(company="First"))
    second = store.create(Profile(company="Second"))
    at = start(first.id)
    at.button(key=f"library.open.{second.id}").click().run()
    assert open_profile(at).id == second.id
    assert at.query_params["profile"] == second.id
    assert at.title[0].value == SECTIONS[0].title
    assert at.text_input(key=f"{second.id}.company").value == "Second"


def test_pages_without_an_open_profile_point_to_the_library(store: Store) -> None:
    profile = store.create(Profile(company="Only"))
    at = start(profile.id)
    at.button(key=f"library.delete.{profile.id}").click().run()
    at.button(key=f"library.confirm.{profile.id}").click().run()
    for page in [*SECTION_PAGES, ui.READINESS, ui.EXPORT]:
        at.switch_page(page).run()
        assert not at.exception
        assert "No profile is open" in at.info[0].value
    assert "profile" not in at.query_params


# --- readiness and export ------------------------------------------------------------------


def test_readiness_links_every_empty_field_to_its_section(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.READINESS)
    links = at.get("page_link")
    overview = [link for link in links if link.proto.label.startswith("Company Overview:")]
    assert len(overview) == 7
    assert overview[0].proto.page.endswith("overview")
    assert any(link.proto.label == "Set the interview date" for link in links)


def test_readiness_counts_drafted_answers(store: Store) -> None:
    profile = Profile(company="Acme")
    profile.prep.questions = [Question(text="Why Acme?", answer="Data."), Question(text="Why you?")]
    at = start(store.create(profile).id, ui.READINESS)
    drafted = next(m for m in at.metric if m.label == "Drafted answers")
    assert drafted.value == "1 of 2"


def test_export_page_has_one_download_per_registered_format(store: Store, fixed_now) -> None:
    profile = store.create(Profile(company="Netflix", role_title="ML Engineer"))
    at = start(profile.id, ui.EXPORT)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [f"Download {f.label}" for f in FORMATS]
    names = " ".join(c.value for c in at.caption)
    for fmt in FORMATS:
        assert f"File name: {export_filename(profile, fmt.name)}" in names
    at.button(key="export.json.save").click().run()
    saved = list(export_ui.EXPORTS_DIR.glob("netflix-ml-engineer-*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text(encoding="utf-8"))["id"] == profile.id
    assert str(saved[0]) in shown(at.success[0])


def test_export_page_tells_how_to_drill_weak_questions_in_anki(store: Store) -> None:
    profile = Profile(company="Netflix", role_title="ML Engineer")
    profile.prep.questions = [
        Question(text="Why Netflix?", attempts=[Attempt(text="Um.", rating=1)]),
        Question(text="Why you?", attempts=[Attempt(text="Because.", rating=5)]),
    ]
    at = start(store.create(profile).id, ui.EXPORT)
    (hint,) = [c.value for c in at.caption if "filtered deck" in c.value]
    assert hint.startswith("1 weak question ")
    assert "search `tag:prep::netflix::weak`" in hint
    assert "cannot move a card Anki already has (in review" in hint


# --- user text never becomes markup (issue 9.12), a poisoned file (issue 9.5) ---------------

FETCH = "http://198.51.100.7"  # TEST-NET-2: nothing answers there
MARKUP = (
    f"![ZQXimg]({FETCH}/p.png) [ZQXlink]({FETCH}/) *ZQXem* **ZQXstrong** ~~ZQXdel~~ "
    f"<img src={FETCH}/q.png> {FETCH}/ZQXauto :red[ZQXred]"
)
MARKDOWN_FIELDS = ("body", "label", "text", "help")  # proto fields Streamlit shows as Markdown
_RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markup_profile() -> Profile:
    profile = Profile(company=f"Co {MARKUP}", role_title=f"Role {MARKUP}", job_ref=MARKUP)
    profile.overview.founded = profile.overview.headquarters = MARKUP
    profile.mission.statement = MARKUP
    profile.mission.core_values = [MARKUP]
    profile.prep.questions = [Question(text=f"Q {MARKUP}", answer=MARKUP, confidence=2)]
    profile.culture_fit = [MARKUP]
    return profile


def shown_markdown(at: AppTest) -> list[str]:
    """Every string the page shows as Markdown that holds user text (it carries "ZQX")."""
    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            for field, value in proto.ListFields():
                if field.name in MARKDOWN_FIELDS and isinstance(value, str) and "ZQX" in value:
                    found.append(value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def assert_no_markup_from_user_text(at: AppTest, where: str) -> None:
    texts = shown_markdown(at)
    assert texts, f"{where}: no user text shown at all?"
    for text in texts:
        html = _RENDER.render(text)
        assert "<img" not in html, (where, text)
        # the app's own bold around a name is fine; the user's *ZQXem* must not become <em>
        assert not re.search(r"<(a|em|strong|del|s)\b[^>]*>ZQX[a-z]+</", html), (where, text)
        assert FETCH not in text, (where, text)  # a bare URL would be autolinked (GFM)
        assert ":red[ZQX" not in text, (where, text)


def test_no_page_turns_user_text_into_images_links_or_emphasis(store: Store) -> None:
    profile = store.create(markup_profile())
    at = start(profile.id)
    assert_no_markup_from_user_text(at, "library")
    at.button(key=f"library.duplicate.{profile.id}").click().run()  # "Created a copy: <title>"
    assert open_profile(at).company.endswith("(copy)")
    assert_no_markup_from_user_text(at, "library after duplicate")
    for page in ALL_PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert_no_markup_from_user_text(at, page)


def test_one_poisoned_file_is_a_warning_and_every_page_works(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    (store.folder / "poison.json").write_text('{"id": "poison", "revision": ' + "9" * 5000 + "}")
    at = start(profile.id)
    assert any("poison.json" in shown(w) for w in at.warning)
    for page in ALL_PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_the_open_tab_is_in_the_url_and_comes_back_after_a_reload(store: Store) -> None:
    profile = store.create(Profile(prep={"questions": [Question(text="Why us?")]}))
    at = start(profile.id, ui.section_page("prep"))
    assert at.query_params["tab"] == "key-talking-points"
    at.session_state["prep.tab"] = "Potential Questions to Prepare For"
    at.run()
    assert at.query_params["tab"] == "potential-questions-to-prepare-for"

    reloaded = AppTest.from_file(APP, default_timeout=30)  # a new session, the same URL
    reloaded.query_params.update(profile=profile.id, tab="potential-questions-to-prepare-for")
    reloaded.run()
    reloaded.switch_page(ui.section_page("prep")).run()
    assert reloaded.text_input(
        key=f"{profile.id}.prep.questions.{profile.prep.questions[0].id}.text"
    )
    assert reloaded.session_state["prep.tab"] == "Potential Questions to Prepare For"
