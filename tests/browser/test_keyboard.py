"""A trainee who uses only the keyboard signs up, answers three rounds and reads
the report, in Chinese and in English; the first Tab stop skips to the content."""

import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext
from playwright.sync_api import expect

from tests.browser.test_axe import LANGUAGES

MOST_TABS = 80  # more presses than any page needs: past this, a control is unreachable


def _focused(page, selector):
    return page.evaluate(
        "s => document.activeElement && document.activeElement.matches(s)", selector
    )


def _tab_to(page, selector):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if _focused(page, selector):
            return
    pytest.fail(f"{selector} is not reachable with Tab on {page.url}")


def _enter(page):
    """Press Enter on a link or a form and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _type_into(page, selector, text):
    _tab_to(page, selector)
    page.keyboard.type(text)


def _answer_round_by_keyboard(page, counted):
    """Space on the first 8 elements Tab reaches, then Enter on the save button:
    once 8 are picked the rest are disabled, so the next Tab reaches the button."""
    _tab_to(page, ".elements input[type=checkbox]")
    for picked in range(1, 9):
        page.keyboard.press("Space")
        if picked < 8:
            page.keyboard.press("Tab")
    expect(page.locator(".elements input:checked")).to_have_count(8)
    expect(page.locator("#counter")).to_have_text(counted)
    _tab_to(page, ".round-form button[type=submit]")
    _enter(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sign_up_answer_and_read_the_report_by_keyboard(
    live_server, browser, make_app, lang
):
    """Only Tab, Space, Enter and typing, from the home page to the report."""
    with (
        make_app().test_request_context(),
        force_locale("zh_CN" if lang == "zh" else "en"),
    ):
        skip = gettext("Skip to the content")
        picked = gettext("%(picked)s of 8 picked", picked=8)
    context = browser.new_context(locale=LANGUAGES[lang])
    page = context.new_page()
    page.goto(live_server + "/")

    page.keyboard.press("Tab")
    first = page.locator(":focus")
    expect(first).to_have_text(skip)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    _tab_to(page, "main a[href$='/account/register']")
    _enter(page)
    _type_into(page, "#name", "Ann Lee")
    _type_into(page, "#email", f"ann-{lang}@example.com")
    _type_into(page, "#password", "a long passphrase")
    _type_into(page, "#confirm", "a long passphrase")
    _enter(page)

    _tab_to(page, "form[action$='/assessment/start'] button")
    _enter(page)
    for number in (1, 2, 3):
        expect(page).to_have_url(re.compile(rf"/round/{number}$"))
        _answer_round_by_keyboard(page, picked)
    _tab_to(page, "form[action$='/finish'] button")
    _enter(page)

    expect(page).to_have_url(re.compile(r"/report$"))
    expect(page.locator(".code")).to_have_text(re.compile(r"^\d-\d-\d-\d$"))
    expect(page.locator(".chart").first).to_be_visible()
    context.close()
