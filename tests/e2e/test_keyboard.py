"""Filling a profile by keyboard alone, as a person does at 1280 px and on a 390 px phone.

Tab goes from field to field in reading order (no help button in between), Shift+Tab goes
back, and a tag list takes what is typed into it: "Java, Scala, Python" are three items. Every
key is pressed through the keyboard (no ``fill()`` that bypasses focus), and every check ends in
the profile's saved JSON.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from prep_core.model import slugify
from prep_core.sections import SECTIONS, get_section
from tests.conftest import ROOT
from tests.e2e.conftest import (
    AppServer,
    expect_title,
    open_app,
    streamlit_server,
    wait_for_app,
    wait_for_file,
)
from tests.e2e.test_walk import PHONE, Mine, make_profile, open_mine, unique

pytestmark = pytest.mark.e2e

SIZES = {"1280": {"width": 1280, "height": 900}, "390": PHONE}
FOCUSED = """() => {
  const el = document.activeElement;
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    tag: el.tagName, type: el.type || "", role: el.getAttribute("role") || "",
    label: el.getAttribute("aria-label") || el.innerText || "",
    inMain: !!(main && main.contains(el)),
  };
}"""


@pytest.fixture(scope="module")
def server(chromium_path: str) -> Iterator[AppServer]:
    with tempfile.TemporaryDirectory(prefix="prep-keys-") as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        with streamlit_server(ROOT / "app.py", data_dir, Path(tmp)) as app:
            yield app


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, page: Page) -> Page:
    page.set_viewport_size(SIZES[request.param])
    return page


@pytest.fixture
def mine(server: AppServer) -> Mine:
    return make_profile(server, unique("Netflix"))


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def is_text_field(el: dict) -> bool:
    return el["tag"] == "TEXTAREA" or (
        el["tag"] == "INPUT" and el["type"] in ("text", "") and el["role"] != "combobox"
    )


def test_tag_list_typed_with_commas_and_tab_saves_each_item(sized: Page, mine: Mine) -> None:
    page = sized
    open_mine(page, mine, "tech_stack", "Technology Stack")
    box = page.get_by_label("Languages", exact=True)
    box.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Java, Scala; Python, TypeScript, java")
    page.keyboard.press("Tab")
    data = wait_for_file(
        mine.path,
        lambda d: d["tech_stack"]["languages"] == ["Java", "Scala", "Python", "TypeScript"],
        "four languages from one typed line",
    )
    assert data["tech_stack"]["languages"] == ["Java", "Scala", "Python", "TypeScript"]
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile(r"^4 items: .*Java.*TypeScript"))).to_be_visible()
    expect(
        main.get_by_text(re.compile(r"Kept once \(typed more than once\): .*Java"))
    ).to_be_visible()
    expect(page.get_by_label("Frameworks", exact=True)).to_be_focused()


def test_a_thousand_tags_pasted_at_once_and_separators_only(sized: Page, mine: Mine) -> None:
    page = sized
    open_mine(page, mine, "tech_stack", "Technology Stack")
    box = page.get_by_label("Data/ML tools", exact=True)
    box.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.insert_text(", ".join(f"tool{n}" for n in range(1000)) + "\n🐍 PyTorch; עברית")
    page.keyboard.press("Tab")
    data = wait_for_file(
        mine.path, lambda d: len(d["tech_stack"]["data_ml_tools"]) == 1002, "1,002 tools"
    )
    assert data["tech_stack"]["data_ml_tools"][-2:] == ["🐍 PyTorch", "עברית"]
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text(re.compile(r"^1002 items: .*… and 990 more"))).to_be_visible()

    box.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(", ; ,")
    page.keyboard.press("Tab")
    wait_for_app(page)
    expect(main.get_by_test_id("stAlert").filter(has_text="only separators")).to_be_visible()
    assert len(json.loads(mine.path.read_text())["tech_stack"]["data_ml_tools"]) == 1002


def test_enter_in_a_one_line_field_saves_and_moves_on(sized: Page, mine: Mine) -> None:
    page = sized
    open_mine(page, mine, "basics", get_section("basics").title)
    page.get_by_label("Company", exact=True).click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Acme Keys")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Role", exact=True)).to_be_focused()
    page.keyboard.type("Data Engineer")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Job reference", exact=True)).to_be_focused()
    wait_for_file(
        mine.path,
        lambda d: d["company"] == "Acme Keys" and d["role_title"].endswith("Data Engineer"),
        "company and role, each saved by Enter",
    )


def test_shift_tab_goes_back_and_no_help_button_sits_between_fields(
    sized: Page, mine: Mine
) -> None:
    page = sized
    open_mine(page, mine, "basics", get_section("basics").title)
    page.get_by_label("Job reference", exact=True).click()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Interview date", exact=True)).to_be_focused()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("2031-02-03")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_label("Job reference", exact=True)).to_be_focused()
    wait_for_file(mine.path, lambda d: d["interview_date"] == "2031-02-03", "the date typed")
    reference = page.get_by_label("Job reference", exact=True)
    reference.hover()  # the hint, a placeholder while empty, stays on hover once filled
    expect(reference).to_have_attribute("title", get_section("basics").field("job_ref").hint)


# Every section page, and each tab of Interview Preparation (opened by its URL).
PAGES = [
    f"{s.key}?tab={slugify(tab)}" if tab else s.key
    for s in SECTIONS
    for tab in (s.subsections() or [""])
]


@pytest.mark.parametrize("where", PAGES)
def test_every_section_page_is_filled_by_tab_alone(sized: Page, mine: Mine, where: str) -> None:
    """From the first field, Tab to the end of the page typing into each text field: every
    stop is a field or a button with a name (never a help icon), and all the text is saved."""
    page = sized
    section, _, tab = where.partition("?tab=")
    title = get_section(section).title
    open_app(page, f"{mine.url(section)}&tab={tab}" if tab else mine.url(section))
    expect_title(page, title)
    main = page.get_by_test_id("stMain")
    if tab:
        open = main.get_by_role("tab", selected=True)
        expect(open).to_have_text(
            next(h for h in get_section(section).subsections() if slugify(h) == tab)
        )
    first = main.locator("textarea, input[type=text]:not([role=combobox])").first
    first.click()
    typed: list[str] = []
    stops: list[str] = []
    for n in range(150):
        el = focused(page)
        if not el["inMain"] or re.search(r"\b(Previous|Next): ", el["label"]):
            break
        stops.append(f"{el['tag']} {el['label'][:40]!r}")
        assert not el["label"].startswith("Help"), f"Tab stopped on a help icon: {stops}"
        label = el["label"]
        if is_text_field(el) and label not in ("Link", "Date"):
            token = f"kb{n}x{len(typed)}"
            if label == "Interview date":
                token = "2031-02-03"
                page.keyboard.press("ControlOrMeta+A")
                page.keyboard.type(token)
            else:
                page.keyboard.press("ControlOrMeta+End")
                page.keyboard.type(f" {token}" if el["tag"] == "INPUT" else f"\n{token}")
            typed.append(token)
        page.keyboard.press("Tab")
        wait_for_app(page)
    else:
        pytest.fail(f"Tab never left the page's fields: {stops}")
    assert typed, f"no text field reached by Tab on {title}: {stops}"
    try:
        wait_for_file(
            mine.path,
            lambda d: all(t in json.dumps(d, ensure_ascii=False) for t in typed),
            f"every text typed on {title}",
        )
    except pytest.fail.Exception:
        text = json.dumps(mine.data(), ensure_ascii=False)
        missing = [t for t in typed if t not in text]
        alerts = main.get_by_test_id("stAlert").all_inner_texts()
        pytest.fail(
            f"not saved on {title}: {missing} of {typed}; Tab stops: {stops}; alerts: {alerts}"
        )
