"""A rep logs an advance and moves the account one funnel step on with one click."""

import re

from playwright.sync_api import expect

from tests.browser.test_team import _sign_up


def test_an_advance_moves_the_account_on_when_the_rep_says_so(live_server, browser):
    """Log an advance, see the offer, click it: the account is at the next step and the meeting says so."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    _sign_up(page, live_server, "Rep Li", "rep@example.com")
    page.get_by_role("link", name="Key accounts").click()
    page.get_by_label("Company").fill("华东电力")
    page.get_by_label("Funnel step").select_option(label="Build trust")
    page.get_by_role("button", name="Add account").click()
    account_url = page.url

    page.get_by_role("link", name="Add a contact").click()
    page.get_by_label("Name").fill("Wang Fang")
    page.get_by_label("Buying-centre role").select_option(label="User")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Log a meeting").click()
    page.get_by_label("Date of the meeting").fill("2026-11-20")
    page.get_by_role("radio", name=re.compile(r"^Advance")).check()
    page.get_by_label("The customer agrees to a small trial").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Meeting logged.")).to_be_visible()

    offer = page.locator("form.move-on")
    expect(offer).to_contain_text(
        "This advance may move 华东电力 from Build trust to Discover needs."
    )
    page.goto(account_url)  # nothing moved by itself
    expect(page.locator("[aria-current=step]")).to_have_text("Build trust")
    page.get_by_role("button", name="Move it on").click()

    expect(page.get_by_text("华东电力 is now at Discover needs.")).to_be_visible()
    expect(page.locator("[aria-current=step]")).to_have_text("Discover needs")
    expect(
        page.get_by_text("Funnel step: Discover needs (step 3 of 6)")
    ).to_be_visible()
    meeting = page.locator("#timeline li").first
    expect(meeting.get_by_text("moved the account on")).to_be_visible()
    expect(meeting).to_contain_text(
        "This meeting moved the account from Build trust to Discover needs."
    )
    expect(page.get_by_role("button", name="Move it on")).to_have_count(0)

    page.get_by_role("button", name="中文").click()
    expect(page.locator("[aria-current=step]")).to_have_text("挖掘需求")
    expect(page.locator("#timeline li").first.get_by_text("推进了一步")).to_be_visible()
    context.close()
