"""A rep sets up an account with four contacts, estimates them and prints a brief."""

import re

from playwright.sync_api import expect

from tests.browser.test_team import _sign_up

CONTACTS = [
    ("张伟", "CFO", "Senior", "Decision maker"),
    ("Li Na", "Buyer", "Middle", "Purchasing"),
    ("Wang Fang", "Plant manager", "Front-line", "User"),
    ("Chen Jie", "IT lead", "Middle", "Technical or financial gatekeeper"),
]


def test_account_four_contacts_estimates_and_a_printed_brief(
    live_server, browser, tmp_path
):
    """Everything by clicking, then the brief in English and Chinese, printed to PDF."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    _sign_up(page, live_server, "Rep Li", "rep@example.com")
    page.get_by_role("link", name="Key accounts").click()
    page.get_by_label("Company").fill("华东电力")
    page.get_by_label("Funnel step").select_option(label="Build trust")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("华东电力")
    account_url = page.url

    for i, (name, title, level, role) in enumerate(CONTACTS):
        page.goto(account_url)
        page.get_by_role("link", name="Add a contact").click()
        page.get_by_label("Name").fill(name)
        page.get_by_label("Job title").fill(title)
        page.get_by_label("Organisation level").select_option(label=level)
        page.get_by_label("Buying-centre role").select_option(label=role)
        page.get_by_label("Reads the situation").select_option(label="Yes")
        page.get_by_label("Acts with integrity").select_option(
            label="Yes" if i % 2 else "No"
        )
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        page.get_by_role("link", name="Estimate the profile").click()
        boxes = page.get_by_role("checkbox")
        for k in range(i, 40, 4):  # a different mix of cues for each contact
            boxes.nth(k).check()
        page.get_by_role("button", name="Save the estimate").click()
        expect(page.get_by_text("Estimate saved.")).to_be_visible()

    page.goto(account_url)
    for name, *_ in CONTACTS:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    chart = page.locator(".chart").first
    expect(chart.locator(".scatterlayer .trace")).to_have_count(4)

    page.get_by_role("link", name="张伟", exact=True).click()
    page.get_by_role("link", name="Brief for this buyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brief: 张伟")
    expect(
        page.get_by_role("heading", name="The communication walk-around for this buyer")
    ).to_be_visible()
    expect(page.get_by_text("weighs most").first).to_be_visible()
    expect(
        page.get_by_role("heading", name="Fox")
    ).to_be_visible()  # reads it, plays games
    expect(
        page.get_by_text("This brief lacks the comparison with your own profile")
    ).to_be_visible()

    page.get_by_role("button", name="中文").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("简报：张伟")
    expect(
        page.get_by_role("heading", name="为这位客户做一次四象限沟通环走")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="狐狸")).to_be_visible()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    (tmp_path / "brief.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, f"the printed brief has {pages} pages"
    context.close()
