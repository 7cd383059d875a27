"""The app a teacher expects, in a real headless Chromium: nothing typed is lost (page changes,
reloads, a reload mid-generation), a model connected from Settings by address, the start page's
sample, a short paste, and NOT APPLIED said on screen in the app's words.

Debian's Chromium driven by Playwright with executable_path (see app_server.chromium); every
server is a real `streamlit run` on loopback, every model the loopback stub.
"""

from __future__ import annotations

import re

import pytest
from app_server import CHROMIUM_ARGS, ROOT, chromium, serving
from samples import sample
from stub_openai import StubServer
from worksheet_stub import worksheet_responder

SHORT = (
    "Bees live in hives. They make honey from the nectar of flowers. Worker bees fly out each "
    "day and carry pollen back to the hive to feed the young bees."
)  # 30 words
CHOICES = """Fractions check

1. Which fraction is equal to 1/2?
   a) 2/3  b) 2/4  c) 3/5  d) 4/5
2. Which fraction is the largest?
   a) 1/8  b) 1/4  c) 1/2  d) 1/3
3. Which fraction is equal to 3/6?
   a) 1/3  b) 2/3  c) 1/2  d) 3/4
"""
FLAG = re.compile(r"(?<![\w|-])--[a-z]")
ZIP3 = "Download all 3 documents (ZIP)"
SLOW = 60_000
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def offline_url(tmp_path_factory):
    """One offline app for the tests that need no model (each test opens its own session)."""
    with serving(tmp_path_factory.mktemp("offline-app"), {}) as url:
        yield url


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def open_tab(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1500})
    page.goto(url)
    return page


def settle(page) -> None:
    """Wait until the rerun a change caused has finished (a widget redrawn mid-typing loses
    what was typed into it)."""
    page.wait_for_timeout(200)
    page.locator('[data-test-script-state="notRunning"]').first.wait_for(timeout=30_000)


def paste(page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Tab")  # Streamlit keeps a text area's value when it loses focus
    settle(page)


def test_a_filled_form_survives_another_page_and_a_reload(browser, offline_url):
    from playwright.sync_api import expect

    page = open_tab(browser, f"{offline_url}/worksheet")
    topic = page.get_by_role("textbox", name="Topic")
    expect(topic).to_be_visible(timeout=30_000)
    topic.fill("Honeybees")
    topic.press("Tab")
    settle(page)
    paste(page, "...or paste the passage here", SHORT)
    page.get_by_role("link", name="Students").click()
    expect(page.get_by_role("heading", name="Students")).to_be_visible()
    page.get_by_role("link", name="Leveled worksheet").click()
    box = page.get_by_role("textbox", name="...or paste the passage here")
    expect(box).to_have_value(SHORT)
    expect(page.get_by_role("textbox", name="Topic")).to_have_value("Honeybees")
    page.reload()
    expect(page.get_by_role("textbox", name="...or paste the passage here")).to_have_value(
        SHORT, timeout=30_000
    )
    expect(page.get_by_role("textbox", name="Topic")).to_have_value("Honeybees")


def test_a_link_clicked_while_typing_keeps_what_was_typed(browser, offline_url):
    """No Tab before the click: the field commits on blur while the link asks for another
    page. Streamlit may then stay on this page (a second click goes); the field must not be
    drawn empty, nor the number fields reset to their minimum."""
    from playwright.sync_api import expect

    page = open_tab(browser, f"{offline_url}/worksheet")
    topic = page.get_by_role("textbox", name="Topic")
    expect(topic).to_be_visible(timeout=30_000)
    topic.click()
    page.keyboard.press("Control+A")  # the module's other tests leave a draft in this field
    page.keyboard.type("Honeybees in spring", delay=20)
    page.get_by_role("link", name="Students", exact=True).click()
    page.wait_for_timeout(2_000)
    settle(page)
    if page.get_by_role("heading", name="Leveled worksheet").count():
        expect(topic).to_have_value("Honeybees in spring")
        expect(page.get_by_role("spinbutton", name="Questions")).to_have_value("6")
        page.get_by_role("link", name="Students", exact=True).click()
    expect(page.get_by_role("heading", name="Students")).to_be_visible()
    page.get_by_role("link", name="Leveled worksheet").click()
    expect(page.get_by_role("textbox", name="Topic")).to_have_value("Honeybees in spring")
    expect(page.get_by_role("spinbutton", name="Questions")).to_have_value("6")


def test_an_uploaded_passage_is_still_used_after_another_page_and_a_reload(
    browser, offline_url, tmp_path
):
    from playwright.sync_api import expect

    passage = tmp_path / "bees.txt"
    passage.write_text(sample("honeybees.txt").read_text())
    page = open_tab(browser, f"{offline_url}/quiz")
    expect(page.get_by_role("heading", name="Leveled quiz")).to_be_visible(timeout=30_000)
    page.locator("input[type=file]").first.set_input_files(str(passage))
    expect(page.get_by_text("bees.txt").first).to_be_visible()
    settle(page)
    page.get_by_role("link", name="Students").click()
    expect(page.get_by_role("heading", name="Students")).to_be_visible()
    page.get_by_role("link", name="Leveled quiz").click()
    expect(page.get_by_text(re.compile(r"Using bees\.txt \(\d+ KB\), uploaded earlier"))
           ).to_be_visible(timeout=30_000)  # fmt: skip
    page.reload()
    kept = page.get_by_text(re.compile(r"Using bees\.txt"))
    expect(kept).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Remove", exact=True).click()
    expect(kept).to_have_count(0)


def test_the_start_page_sample_makes_a_worksheet(browser, offline_url):
    from playwright.sync_api import expect

    page = open_tab(browser, offline_url)
    expect(page.get_by_role("heading", name="ParaPrep")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Students' names stay on this computer")).to_be_visible()
    page.get_by_role("button", name="Try it with a sample passage").click()
    expect(page.get_by_role("heading", name="Leveled worksheet")).to_be_visible()
    expect(page.get_by_role("button", name=ZIP3)).to_be_visible(timeout=SLOW)
    expect(page.get_by_text("The Long Trip of the Monarch Butterfly").first).to_be_visible()


def test_a_30_word_paste_makes_a_worksheet(browser, offline_url):
    from playwright.sync_api import expect

    page = open_tab(browser, f"{offline_url}/worksheet")
    expect(page.get_by_role("heading", name="Leveled worksheet")).to_be_visible(timeout=30_000)
    paste(page, "...or paste the passage here", SHORT)
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_role("button", name=ZIP3)).to_be_visible(timeout=SLOW)
    expect(page.get_by_text("Something went wrong")).to_have_count(0)


def test_reduced_choices_without_a_key_shows_not_applied_without_flags(browser, offline_url):
    from playwright.sync_api import expect

    page = open_tab(browser, f"{offline_url}/modify")
    expect(page.get_by_role("heading", name="Modified assignment")).to_be_visible(timeout=30_000)
    paste(page, "...or paste the assignment here", CHOICES)
    page.get_by_role("combobox", name="Accommodations").click()
    page.keyboard.type("Reduced")
    page.get_by_role("option", name="Reduced answer choices (MODIFICATION)").click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Remove Reduced answer choices")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Large print")).to_have_count(0)
    page.get_by_role("button", name="Generate").click()
    alert = page.get_by_text("NOT APPLIED: 1 accommodation.")
    expect(alert).to_be_visible(timeout=SLOW)
    expect(page.get_by_text('Give it in the answer key, e.g. "1:<letter>".').first).to_be_visible()
    shown = page.locator("body").inner_text()
    assert not FLAG.search(shown), FLAG.search(shown)


def test_settings_connect_a_server_by_address(browser, tmp_path):
    from playwright.sync_api import expect

    with StubServer() as stub, serving(tmp_path, {}) as url:
        page = open_tab(browser, f"{url}/settings")
        expect(page.get_by_text("In use: ParaPrep offline engine")).to_be_visible(timeout=30_000)
        page.get_by_text("A local or school server (its address)").click()
        address = page.get_by_role("textbox", name="Server address")
        address.fill(stub.base_url)
        address.press("Enter")
        settle(page)
        page.get_by_role("button", name="List the server's models").click()
        settle(page)
        page.get_by_role("combobox", name="Model").click()
        page.get_by_role("option", name="stub-model").click()
        settle(page)
        page.get_by_role("button", name="Save and use this model").click()
        expect(
            page.get_by_text("Saved: A local or school server, model stub-model")
        ).to_be_visible()
        expect(page.get_by_text("In use: AI model stub-model at 127.0.0.1")).to_be_visible()
        settle(page)  # Save reruns the page: a click during that run may be dropped
        page.get_by_role("button", name="Test connection").click()
        expect(page.get_by_text("It works. Connected to 127.0.0.1:")).to_be_visible()
        assert stub.requests == []  # only /v1/models was asked: no chat, no student data


def test_a_reload_during_generation_shows_the_job_then_its_result(browser, stub, tmp_path):
    from playwright.sync_api import expect

    stub.set_responder(worksheet_responder)
    stub.set_latency(ttft=1.0)  # every reply takes a second: time to reload
    env = {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": stub.base_url, "PARAPREP_MODEL": "stub-model"}
    with serving(tmp_path, env) as url:
        page = open_tab(browser, f"{url}/worksheet")
        expect(page.get_by_text("Engine: AI model stub-model")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("With the model: about")).to_be_visible()  # cost up front
        text = sample("water_cycle.txt").read_text()
        paste(page, "...or paste the passage here", text)
        page.get_by_role("button", name="Generate").click()
        expect(page.get_by_text("Starting with the AI model stub-model")).to_be_visible(
            timeout=10_000
        )
        page.reload()
        expect(page.get_by_text(re.compile(r"Still making the worksheet you started at \d\d:\d\d"))
               ).to_be_visible(timeout=30_000)  # fmt: skip
        expect(page.get_by_text(re.compile(r"of 2 levels done")).first).to_be_visible()
        expect(page.get_by_role("button", name=ZIP3)).to_be_visible(timeout=SLOW)
        box = page.get_by_role("textbox", name="...or paste the passage here")
        expect(box).to_have_value(text)  # the form it was made from, back beside it
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "app-reloaded-job.png"), full_page=True)
