"""Walking the dashboard as a person does: type, then leave without pressing Enter (issue 8).

Each test is one thing a person did in Chromium that lost data or misled them before the state
rule (``pages/_ui/bind.py``): type and click the sidebar, come back, press Next; reload with text
typed; enter a table row with Tab; delete and Undo; delete the open profile; import a file twice;
use the app on a phone. A test that changes data checks what a person sees *and* what is in the
profile's file.

One Streamlit server for the module on its own empty data folder; each test works on a profile of
its own (a copy of the shipped sample under a unique company name, written through the store
before the browser opens it by its ``?profile=`` URL), so tests never see each other's edits.
The helpers express the person's action, not the widget: a sidebar entry is clicked by its name
whether the menu is Streamlit's links or the app's buttons, so the tests also run (and fail) on
the dashboard before the fix.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Locator, Page, expect

from prep_core import load_file
from prep_core.sections import SECTIONS, get_section
from prep_core.store import Store
from tests.conftest import ROOT, SAMPLE_PATH
from tests.e2e.conftest import (
    AppServer,
    arrive,
    expect_title,
    go_to,
    menu_entry,
    no_exception,
    open_app,
    read_json,
    streamlit_server,
    wait_for_app,
    wait_for_file,
)

pytestmark = pytest.mark.e2e

META = ("revision", "updated_at")  # what every save changes by itself
QUESTIONS_TAB = "Potential Questions to Prepare For"
SKILLS_TAB = "Skills-to-Requirements Mapping"
PHONE = {"width": 390, "height": 844}


# --- a server and a profile per test ----------------------------------------------------------


@pytest.fixture(scope="module")
def server(chromium_path: str) -> Iterator[AppServer]:
    """The real app.py on a data folder of this module's own."""
    with tempfile.TemporaryDirectory(prefix="prep-walk-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as app:
            yield app


@dataclass(frozen=True)
class Mine:
    """A profile made for one test: the shipped sample under a unique company name."""

    server: AppServer
    id: str
    company: str

    @property
    def path(self) -> Path:
        return self.server.data_dir / "profiles" / f"{self.id}.json"

    def url(self, page_path: str = "") -> str:
        return f"{self.server.url}/{page_path}?profile={self.id}"

    def data(self) -> dict[str, Any]:
        data = read_json(self.path)
        assert data is not None, f"{self.path} is missing or unreadable"
        return data


def make_profile(server: AppServer, company: str) -> Mine:
    profile = load_file(SAMPLE_PATH).with_new_ids()
    profile.company = company
    saved = Store(server.data_dir).create(profile)
    return Mine(server, saved.id, company)


@pytest.fixture
def mine(server: AppServer) -> Mine:
    return make_profile(server, unique("Netflix"))


# --- helpers ---------------------------------------------------------------------------------


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def content(data: dict[str, Any]) -> dict[str, Any]:
    """A profile's JSON without what every save changes (revision, time)."""
    return {k: v for k, v in data.items() if k not in META}


def at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def put(data: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    data[last] = value


def shown(kind: str, value: Any) -> str:
    """How a text field shows a saved value: a list is one entry per line."""
    return "\n".join(value) if kind == "list" else value


def type_over(page: Page, box: Locator, text: str) -> None:
    """Click into a field, select what it holds and type ``text``: no Enter, nothing else."""
    box.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)
    expect(box).to_have_value(text)


def type_at_end(page: Page, box: Locator, text: str) -> None:
    """Click into a text area and type ``text`` after what it holds (a new line is Enter)."""
    box.click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type(text)


def open_tab(page: Page, name: str) -> None:
    tab = page.get_by_role("tab", name=name)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(page.get_by_test_id("stMain").get_by_role("heading", name=name, level=3)).to_be_visible()
    wait_for_app(page)
    if name == QUESTIONS_TAB:  # the question bank: open the first question's answer
        answer = page.get_by_label("Drafted answer", exact=True)
        if not answer.count():
            page.get_by_role("button", name="Edit answer").first.click()
            expect(answer).to_be_visible()
            wait_for_app(page)


def open_mine(page: Page, mine: Mine, page_path: str, title: str) -> None:
    open_app(page, mine.url(page_path))
    expect_title(page, title)


def wait_for_content(page: Page, mine: Mine, expected: dict[str, Any], what: str) -> dict[str, Any]:
    """Wait until the file holds ``expected``; on failure say what the page shows."""
    try:
        return wait_for_file(mine.path, lambda d: content(d) == content(expected), what)
    except pytest.fail.Exception as error:
        said = page.get_by_test_id("stMain").inner_text()[:1500]
        pytest.fail(f"{error}\nThe page shows:\n{said}")


def assert_content(mine: Mine, expected: dict[str, Any], when: str) -> None:
    """The file holds exactly ``expected`` (but for revision and time): nothing else changed."""
    data = mine.data()
    assert content(data) == content(expected), f"{when}: the file differs:\n" + diff(
        content(expected), content(data)
    )


def diff(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    keys = sorted(set(expected) | set(actual))
    return "\n".join(
        f"  {k}: expected {expected.get(k)!r:.400}\n  {k}:   actual {actual.get(k)!r:.400}"
        for k in keys
        if expected.get(k) != actual.get(k)
    )


def title_after(key: str) -> str:
    """The page Next leads to from the section ``key``."""
    i = SECTIONS.index(get_section(key))
    return SECTIONS[i + 1].title if i + 1 < len(SECTIONS) else "Readiness"


# --- 1. type, then leave by the sidebar; come back; press Next -------------------------------


@dataclass(frozen=True)
class Walk:
    page: str  # the section key: its URL path
    label: str  # the field typed in
    leave_to: str  # the sidebar entry clicked while the text is typed and not committed
    append: bool = False  # type a new entry on a new line after the list (a list area)
    tab: str = ""  # Interview Preparation: the tab the field is on

    @property
    def section(self):
        return get_section(self.page)

    @property
    def next_title(self) -> str:
        return title_after(self.page)


WALKS = {
    "text area": Walk("mission", "Company culture", "Recent News and Developments"),
    "text input": Walk("overview", "Founded", "Competitors"),
    "list area": Walk("role", "Key responsibilities", "Technology Stack", append=True),
    "drafted answer": Walk("prep", "Drafted answer", "Readiness", tab=QUESTIONS_TAB),
}


def text_fields(walk: Walk) -> list[tuple[str, str, str]]:
    """(label, kind, path) of every text field drawn with the typed one."""
    if walk.tab:  # the question editor: the picked question is the first one
        return [
            ("Question 1", "line", "prep.questions.0.text"),
            ("Drafted answer", "text", "prep.questions.0.answer"),
        ]
    return [
        (f.label, f.kind, f.path) for f in walk.section.fields if f.kind in ("line", "text", "list")
    ]


def expect_fields(page: Page, walk: Walk, data: dict[str, Any]) -> None:
    """Every text field of the page shows what the file holds."""
    for label, kind, path in text_fields(walk):
        value = at(data, path)
        expect(
            page.get_by_label(label, exact=True), f"{label} shows the saved value"
        ).to_have_value(shown(kind, value))


@pytest.mark.parametrize("name", list(WALKS))
def test_typed_text_survives_the_sidebar_coming_back_and_next(
    page: Page, mine: Mine, name: str
) -> None:
    walk = WALKS[name]
    title = walk.section.title
    open_mine(page, mine, walk.page, title)
    if walk.tab:
        open_tab(page, walk.tab)
    before = mine.data()
    _, kind, path = next(f for f in text_fields(walk) if f[0] == walk.label)
    typed = unique(f"Typed into {walk.label}")
    expected = copy.deepcopy(before)
    box = page.get_by_label(walk.label, exact=True)
    if walk.append:
        type_at_end(page, box, "\n" + typed)
        put(expected, path, [*at(before, path), typed])
    else:
        type_over(page, box, typed)
        put(expected, path, typed)

    # Leave by the sidebar without pressing Enter: the page clicked is the page shown.
    menu_entry(page, walk.leave_to).click()
    arrive(page, walk.leave_to)
    wait_for_file(mine.path, lambda d: at(d, path) == at(expected, path), walk.label)
    assert_content(mine, expected, f"after typing in {walk.label} and clicking {walk.leave_to}")

    # Come back by the sidebar: every field shows what was saved, the typed text included.
    go_to(page, title)
    if walk.tab:
        open_tab(page, walk.tab)
    expect_fields(page, walk, expected)
    expect(page.get_by_label(walk.label, exact=True)).to_have_value(shown(kind, at(expected, path)))

    # Next: nothing on disk changes (the fields shown are sent back as they are).
    page.get_by_role("button", name=f"Next: {walk.next_title}").click()
    arrive(page, walk.next_title)
    assert_content(mine, expected, f"after Next from {title}")

    # And back once more, by Previous: the saved values again.
    page.get_by_role("button", name=f"Previous: {title}").click()
    arrive(page, title)
    if walk.tab:
        open_tab(page, walk.tab)
    expect_fields(page, walk, expected)
    assert_content(mine, expected, f"after Previous back to {title}")


# --- 2. reload with uncommitted text ---------------------------------------------------------


def test_reload_with_typed_text_asks_first_and_a_saved_value_survives(
    page: Page, mine: Mine
) -> None:
    open_mine(page, mine, "mission", "Company Mission and Values")
    box = page.get_by_label("Company culture", exact=True)
    typed = unique("Culture typed, not yet saved")
    type_over(page, box, typed)

    dialogs: list[str] = []

    def stay(dialog: Dialog) -> None:  # "Leave site?" -> Cancel
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    with page.expect_event("dialog", timeout=10_000):
        # what F5 does; not awaited: the browser asks first, and the person stays
        page.evaluate("() => { setTimeout(() => location.reload(), 0); }")
    page.remove_listener("dialog", stay)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Company culture", exact=True)).to_have_value(typed)
    assert mine.data()["mission"]["culture"] != typed  # not saved yet: the guard had a reason

    # Commit it (Ctrl+Enter), and a reload now asks nothing and shows the saved value.
    box.press("Control+Enter")
    wait_for_file(mine.path, lambda d: d["mission"]["culture"] == typed, "the culture")
    wait_for_app(page)
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.type), d.accept()))
    page.reload()
    arrive(page, "Company Mission and Values")
    expect(page.get_by_label("Company culture", exact=True)).to_have_value(typed)
    assert asked == []


# --- the interview date, typed -----------------------------------------------------------------


def test_a_typed_interview_date_saves_on_tab_and_on_enter(page: Page, mine: Mine) -> None:
    open_mine(page, mine, "basics", "Company Profile")
    box = page.get_by_label("Interview date", exact=True)
    type_over(page, box, "20261212")
    page.keyboard.press("Tab")
    wait_for_file(mine.path, lambda d: d["interview_date"] == "2026-12-12", "20261212, then Tab")
    wait_for_app(page)
    no_exception(page)
    expect(page.get_by_label("Interview date", exact=True)).to_have_value("2026-12-12")

    type_over(page, box, "2027-01-05")
    page.keyboard.press("Enter")
    wait_for_file(mine.path, lambda d: d["interview_date"] == "2027-01-05", "a date, then Enter")
    wait_for_app(page)
    no_exception(page)
    go_to(page, "Company Overview")
    go_to(page, "Company Profile")
    expect(page.get_by_label("Interview date", exact=True)).to_have_value("2027-01-05")


# --- 3. tables: Add a row, then type, Tab, type, Tab, type, Enter ----------------------------


@dataclass(frozen=True)
class Table:
    page: str
    path: str  # the field path in the profile
    columns: tuple[tuple[str, str], ...]  # (column header, attribute)
    tab: str = ""


TABLES = {
    "news": Table("news", "news", (("Development", "text"), ("Date", "date"), ("Link", "url"))),
    "skills": Table(
        "prep",
        "prep.skill_map",
        (("Skill", "skill"), ("Requirement", "requirement"), ("Talking point", "talking_point")),
        tab=SKILLS_TAB,
    ),
    "sources": Table("sources", "sources", (("Source", "title"), ("Link", "url"))),
}


def cell(page: Page, header: str, row: int) -> Locator:
    """A table cell being edited: labelled by its column (and row, where every row is fields).

    Only the cells of the latest run count: a row left behind while Streamlit redraws is stale.
    """
    live = page.locator("[data-testid='stElementContainer']:not([data-stale='true'])")
    return live.get_by_label(header, exact=True).or_(
        live.get_by_label(f"{header}, row {row}", exact=True)
    )


def values_for(table: Table) -> list[str]:
    tag = uuid.uuid4().hex[:8]
    return [
        f"https://example.com/{table.page}/{tag}"
        if attr == "url"
        else "Q3 2026"
        if attr == "date"
        else f"{header} {tag}"
        for header, attr in table.columns
    ]


def is_blank(item: dict[str, Any], table: Table) -> bool:
    return not any(str(item.get(attr) or "").strip() for _, attr in table.columns)


@pytest.mark.parametrize("name", list(TABLES))
def test_table_row_entered_with_tab_is_saved_whole(page: Page, mine: Mine, name: str) -> None:
    table = TABLES[name]
    title = get_section(table.page).title
    open_mine(page, mine, table.page, title)
    if table.tab:
        open_tab(page, table.tab)
    before = at(mine.data(), table.path)
    n = len(before) + 1
    values = values_for(table)

    page.get_by_role("button", name="Add a row", exact=True).click()
    first = cell(page, table.columns[0][0], n)
    expect(first, "Add a row puts the cursor in the new row").to_be_focused()
    for i, value in enumerate(values):  # typed where the cursor is: no click on a cell
        page.keyboard.type(value)
        page.keyboard.press("Enter" if i == len(values) - 1 else "Tab")

    want = {attr: value for (_, attr), value in zip(table.columns, values, strict=True)}
    data = wait_for_file(
        mine.path,
        lambda d: (
            len(at(d, table.path)) == n and {a: at(d, table.path)[-1].get(a) for a in want} == want
        ),
        f"every cell of the new {name} row: {want}",
    )
    assert [i["id"] for i in at(data, table.path)[:-1]] == [i["id"] for i in before]
    wait_for_app(page)
    no_exception(page)
    for (header, _), value in zip(table.columns, values, strict=True):
        expect(cell(page, header, n)).to_have_value(value)

    # A row added and left blank is never saved, not even by leaving the page with Next.
    page.get_by_role("button", name="Add a row", exact=True).click()
    wait_for_app(page)
    next_title = title_after(table.page)
    page.get_by_role("button", name=f"Next: {next_title}").click()
    arrive(page, next_title)
    items = at(mine.data(), table.path)
    assert len(items) == n, f"a blank row was saved: {items[n:]}"
    assert not [i for i in items if is_blank(i, table)], "blank rows on disk"


# --- 4. Undo of each delete ------------------------------------------------------------------


def test_undo_brings_back_a_deleted_table_row(page: Page, mine: Mine) -> None:
    open_mine(page, mine, "news", "Recent News and Developments")
    before = mine.data()
    first = before["news"][0]
    expect(cell(page, "Development", 1)).to_have_value(first["text"])
    row = page.locator('[class*="st-key-row-"]').first
    row.get_by_role("button").click()  # the row's delete icon
    wait_for_file(
        mine.path,
        lambda d: [i["id"] for i in d["news"]] == [i["id"] for i in before["news"][1:]],
        "row 1 deleted",
    )
    undo = page.get_by_role("button", name="Undo", exact=True)
    expect(undo).to_be_visible()
    expect(page.get_by_test_id("stMain")).to_contain_text(first["text"][:40])  # what was deleted
    wait_for_app(page)
    undo.click()
    wait_for_content(page, mine, before, "the deleted row back in its place")
    wait_for_app(page)
    no_exception(page)
    expect(cell(page, "Development", 1)).to_have_value(first["text"])


def test_undo_brings_back_a_deleted_question(page: Page, mine: Mine) -> None:
    open_mine(page, mine, "prep", "Interview Preparation")
    open_tab(page, QUESTIONS_TAB)
    before = mine.data()
    first = before["prep"]["questions"][0]
    expect(page.get_by_label("Question 1", exact=True)).to_have_value(first["text"])
    page.get_by_role("button", name="Delete", exact=True).click()
    wait_for_file(
        mine.path,
        lambda d: (
            [q["id"] for q in d["prep"]["questions"]]
            == [q["id"] for q in before["prep"]["questions"][1:]]
        ),
        "question 1 deleted",
    )
    undo = page.get_by_role("button", name="Undo", exact=True)
    expect(undo, "a deleted question can be brought back").to_be_visible()
    wait_for_app(page)
    undo.click()
    wait_for_content(page, mine, before, "the deleted question back in its place")
    wait_for_app(page)
    no_exception(page)
    expect(page.get_by_label("Question 1", exact=True)).to_have_value(first["text"])
    open_tab(page, QUESTIONS_TAB)
    expect(page.get_by_label("Drafted answer", exact=True)).to_have_value(first["answer"])


def library_row(page: Page, company: str) -> Locator:
    """The Library's row of a profile: the innermost block holding its name and its buttons."""
    main = page.get_by_test_id("stMain")
    return (
        main.get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_text(company, exact=True))
        .filter(has=page.get_by_role("button", name="Delete", exact=True))
        .last
    )


def delete_in_library(page: Page, company: str) -> None:
    library_row(page, company).get_by_role("button", name="Delete", exact=True).click()
    library_row(page, company).get_by_role("button", name="Yes, delete").click()


def test_undo_brings_back_a_deleted_profile(page: Page, server: AppServer) -> None:
    kept = make_profile(server, unique("Kept Co"))
    gone = make_profile(server, unique("Deleted Co"))
    saved = gone.data()
    open_mine(page, kept, "", "Library")
    expect(library_row(page, gone.company)).to_be_visible()
    delete_in_library(page, gone.company)
    expect(library_row(page, gone.company)).to_have_count(0)
    assert not gone.path.exists(), "deleted, but the file is still in the profiles folder"
    expect(page.get_by_test_id("stMain")).to_contain_text(f"Deleted {gone.company}")
    undo = page.get_by_role("button", name="Undo", exact=True)
    expect(undo, "a deleted profile can be brought back").to_be_visible()
    wait_for_app(page)
    undo.click()
    wait_for_app(page)
    no_exception(page)
    wait_for_content(page, gone, saved, "the deleted profile restored as it was")
    expect(library_row(page, gone.company)).to_be_visible()
    expect(library_row(page, kept.company)).to_be_visible()


# --- 5. deleting the open profile ------------------------------------------------------------


def test_deleting_the_open_profile_opens_no_other(page: Page, server: AppServer) -> None:
    other = make_profile(server, unique("Other Co"))
    opened = make_profile(server, unique("Open Co"))
    open_mine(page, opened, "", "Library")
    expect(page.get_by_test_id("stSidebar")).to_contain_text(opened.company)
    badge = page.locator(".stMarkdownBadge", has_text="Open")  # the open profile is marked
    expect(library_row(page, opened.company).locator(badge)).to_be_visible()
    expect(library_row(page, other.company).locator(badge)).to_have_count(0)
    delete_in_library(page, opened.company)
    expect(library_row(page, opened.company)).to_have_count(0)  # the delete's run is over
    arrive(page, "Library")
    assert not opened.path.exists()
    expect(page.get_by_test_id("stMain").get_by_text("No profile open")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_contain_text("No profile open")
    expect(sidebar).not_to_contain_text(other.company)
    expect(page).not_to_have_url(re.compile(r"profile="))
    # every profile left can be opened: none is open behind the person's back
    opens = library_row(page, other.company).get_by_role("button", name="Open", exact=True)
    expect(opens).to_be_enabled()
    # and a section page says so rather than showing another profile
    menu_entry(page, "Company Overview").click()
    expect(page).to_have_url(re.compile(r"/overview"))
    expect(page.get_by_test_id("stMain")).to_contain_text("No profile is open")
    wait_for_app(page)
    no_exception(page)
    expect(page.get_by_test_id("stSidebar")).not_to_contain_text(other.company)


# --- 6. the same file imported twice ---------------------------------------------------------


def profiles_named(server: AppServer, company: str) -> list[dict[str, Any]]:
    found = []
    for path in server.profile_files():
        data = read_json(path)
        if data is not None and data.get("company") == company:
            found.append(data)
    return found


def upload(page: Page, path: Path) -> None:
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(path)


def test_importing_the_same_file_twice_says_so_and_offers_a_copy(
    page: Page, server: AppServer, tmp_path: Path
) -> None:
    company = unique("Imported Co")
    md = tmp_path / "imported-co.md"
    text = SAMPLE_PATH.read_text(encoding="utf-8")
    md.write_text(text.replace("# Company Profile: Netflix", f"# Company Profile: {company}", 1))
    home = make_profile(server, unique("Home Co"))
    open_mine(page, home, "", "Library")

    upload(page, md)
    expect(page.get_by_test_id("stMain")).to_contain_text(f"Imported {company}")
    wait_for_app(page)
    assert len(profiles_named(server, company)) == 1

    upload(page, md)  # the same file again
    main = page.get_by_test_id("stMain")
    expect(main, "the second import says it is there already").to_contain_text(
        f"already imported as {company}"
    )
    copy_button = page.get_by_role("button", name="Import as a copy")
    expect(copy_button).to_be_visible()
    wait_for_app(page)
    no_exception(page)
    assert len(profiles_named(server, company)) == 1, "the same file was imported twice"

    copy_button.click()
    wait_for_app(page)
    no_exception(page)
    copies = [
        p
        for p in (read_json(f) for f in server.profile_files())
        if p is not None and p.get("company") == f"{company} (copy)"
    ]
    assert len(copies) == 1, "Import as a copy made no '(copy)' profile"


def test_a_profile_file_over_2_mb_is_refused_in_the_library(
    page: Page, server: AppServer, tmp_path: Path
) -> None:
    """The server takes uploads up to 25 MB (a 10-minute spoken answer); a profile file keeps
    its own 2 MB limit, said by the uploader, and nothing is imported."""
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"company": unique("Big Co"), "culture_fit": ["x" * 1000] * 3000}))
    assert big.stat().st_size > 2 << 20
    home = make_profile(server, unique("Home Co"))
    open_mine(page, home, "", "Library")
    before = sorted(server.profile_files())
    upload(page, big)
    expect(page.get_by_test_id("stFileUploader")).to_contain_text(re.compile(r"2(\.0)? ?MB"))
    wait_for_app(page)
    no_exception(page)
    assert sorted(server.profile_files()) == before


# --- 7. a phone --------------------------------------------------------------------------------


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def overflows(locator: Locator) -> dict[str, Any]:
    return locator.evaluate("el => ({scroll: el.scrollWidth, client: el.clientWidth})")


def test_phone_width(phone: Page, mine: Mine, results_dir: Path) -> None:
    page = phone
    # The profile's name on a section page (the sidebar is folded away on a phone).
    open_mine(page, mine, "overview", "Company Overview")
    main = page.get_by_test_id("stMain")
    name = main.get_by_text(mine.company)
    expect(name, "the profile's name on the page").to_be_visible()
    expect(name).to_be_in_viewport()
    page.screenshot(path=str(results_dir / "phone-overview.png"))

    # Every tab of Interview Preparation can be reached.
    open_mine(page, mine, "prep", "Interview Preparation")
    page.screenshot(path=str(results_dir / "phone-prep-tabs.png"))
    for heading in get_section("prep").subsections():  # wrapped, or scrolled into view
        open_tab(page, heading)
        tab = page.get_by_role("tab", name=heading)
        expect(tab).to_be_in_viewport()

    # A table scrolls sideways inside its frame; the page itself does not.
    open_mine(page, mine, "news", "Recent News and Developments")
    frame = page.locator('[class*="st-key-table-"]').first
    expect(frame).to_be_visible()
    inside = overflows(frame)
    assert inside["scroll"] > inside["client"], f"the table does not scroll in its frame: {inside}"
    whole = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: window.innerWidth})"
    )
    assert whole["scroll"] <= whole["client"], f"the page scrolls sideways: {whole}"
    assert overflows(main)["scroll"] <= overflows(main)["client"], "the page scrolls sideways"
    frame.scroll_into_view_if_needed()
    page.screenshot(path=str(results_dir / "phone-news-table.png"))
    frame.evaluate("el => { el.scrollLeft = el.scrollWidth - el.clientWidth; }")
    assert frame.evaluate("el => el.scrollLeft") > 0, "the table frame does not scroll sideways"
    page.screenshot(path=str(results_dir / "phone-news-table-scrolled.png"))

    # The sidebar menu: no entry cut off.
    page.get_by_test_id("stExpandSidebarButton").or_(
        page.get_by_test_id("stSidebarCollapsedControl").get_by_role("button")
    ).first.click()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_be_in_viewport()
    for title in ["Library", *(s.title for s in SECTIONS), "Readiness", "Export"]:
        entry = menu_entry(page, title)
        expect(entry).to_be_visible()
        cut = entry.evaluate(
            """el => [el, ...el.querySelectorAll('*')]
                .filter((n) => n.scrollWidth > n.clientWidth + 1
                               && getComputedStyle(n).overflowX !== 'visible')
                .map((n) => n.tagName + ' ' + n.scrollWidth + '>' + n.clientWidth)"""
        )
        assert not cut, f"sidebar entry {title!r} is cut off: {cut}"
        right = entry.evaluate(  # the text itself, which can spill out of a box that fits
            "el => Math.max(...[...el.querySelectorAll('p, span')].map("
            "(n) => n.getBoundingClientRect().right))"
        )
        edge = sidebar.evaluate("el => el.getBoundingClientRect().right")
        assert right <= edge, f"sidebar entry {title!r} runs past the sidebar ({right} > {edge})"
    page.screenshot(path=str(results_dir / "phone-sidebar.png"))
    # picking a page folds the sidebar away: on a phone it would cover the page
    menu_entry(page, "Competitors").click()
    arrive(page, "Competitors")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
