"""A new trainee goes from the home page to a printed report, clicking as a person would."""

import re

from playwright.sync_api import expect


def _answer_round(page, picks_per_round=8):
    """Tick the first 8 elements shown and save the round."""
    counter = page.locator("#counter")
    boxes = page.get_by_role("checkbox")
    expect(boxes).to_have_count(32)
    for i in range(picks_per_round):
        boxes.nth(i).check()
    expect(counter).to_have_text(re.compile(r"8 of 8 picked|已选 8/8"))
    # a ninth pick is not possible once 8 are ticked
    expect(boxes.nth(31)).to_be_disabled()
    page.get_by_role("button", name=re.compile("Save and continue|保存并继续")).click()


def test_register_answer_three_rounds_resume_and_see_the_radar(
    live_server, browser, tmp_path
):
    """Sign up, answer round 1, come back in a new browser, finish, and read the report."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_role("link", name="Sign up and start").click()
    page.get_by_label("Name").fill("Ann Lee")
    page.get_by_label("Email").fill("ann@example.com")
    page.get_by_label("Password", exact=True).fill("a long passphrase")
    page.get_by_label("Repeat password").fill("a long passphrase")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("button", name="Start the questionnaire").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Round 1: what you like most"
    )
    # Submitting too few picks is caught by the server, beside the field.
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#picks-error")).to_have_text(
        "Please pick exactly 8 elements; you picked 1."
    )
    page.get_by_role("checkbox").first.uncheck()
    _answer_round(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Round 2: your long-term career"
    )
    context.close()

    # The browser was closed; log in again elsewhere and carry on at round 2.
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(live_server + "/account/login")
    page.get_by_label("Email").fill("ann@example.com")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("1 of 3 rounds answered")).to_be_visible()
    page.get_by_role("link", name="Continue the questionnaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Round 2: your long-term career"
    )
    _answer_round(page)
    _answer_round(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Review and finish")
    page.get_by_role("button", name="Finish and see my profile").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Whole-brain profile of Ann Lee"
    )
    code = page.locator(".code").inner_text()
    assert re.fullmatch(r"[123]-[123]-[123]-[123]", code)
    radar = page.locator(".chart").first
    expect(radar.locator(".main-svg").first).to_be_attached()
    # plotly drew the polar trace with the four quadrant labels
    expect(radar.locator(".scatterlayer .trace")).to_have_count(1)
    for label in [
        "A: analytical",
        "B: organised",
        "C: interpersonal",
        "D: imaginative",
    ]:
        expect(radar.get_by_text(label)).to_have_count(1)
    expect(page.locator(".chart").nth(1).locator(".scatterlayer .trace")).to_have_count(
        3
    )

    # The same report in Chinese, then printed.
    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ann Lee 的全脑偏好报告")
    expect(radar.get_by_text("A象限：理性分析")).to_have_count(1)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    (tmp_path / "report.pdf").write_bytes(pdf)
    assert 1 <= pages <= 2, f"the printed report has {pages} pages"
    context.close()
