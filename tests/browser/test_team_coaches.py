"""Coach access can be withdrawn: a co-coach joins with a single-use code, the
first coach removes them (after confirming), and they are out for good."""

import re

from playwright.sync_api import expect

from tests.browser.test_team import _sign_up


def test_coach_removes_a_co_coach_who_cannot_come_back(live_server, browser):
    """A invites B as coach; B joins; A removes B; B gets 404 and cannot reuse the code."""
    a_ctx = browser.new_context(locale="en-US")
    a = a_ctx.new_page()
    _sign_up(a, live_server, "Chen Coach", "chen@example.com")
    a.get_by_role("link", name="Teams").click()
    a.get_by_label("Team name").fill("华东大客户组")
    a.get_by_role("button", name="Create team").click()
    team_url = a.url
    a.get_by_label("Joins as").select_option(label="Coach (sees the team)")
    a.get_by_role("button", name="Make an invitation code").click()
    invitation = a.locator("#invites").get_by_role("row", name=re.compile("single use"))
    link = invitation.get_by_label("Link to share").input_value()

    b_ctx = browser.new_context(locale="en-US")
    b = b_ctx.new_page()
    _sign_up(b, live_server, "Bea Li", "bea@example.com")
    b.goto(link)
    expect(b.get_by_text("You are invited as a coach")).to_be_visible()
    b.get_by_role("button", name="Join the team").click()
    expect(b.get_by_text("Welcome to 华东大客户组.")).to_be_visible()
    expect(b.get_by_text("Coaches: Bea Li, Chen Coach")).to_be_visible()

    a.reload()
    row = a.locator("#coaches").get_by_role("row", name=re.compile("Bea Li"))
    asked = []

    def answer(accept):
        def handle(dialog):
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handle

    a.once("dialog", answer(False))  # the confirmation: "cancel" changes nothing
    row.get_by_role("button", name="Remove as coach").click()
    a.reload()
    expect(row).to_be_visible()
    a.once("dialog", answer(True))
    row.get_by_role("button", name="Remove as coach").click()
    expect(a.get_by_text("Bea Li no longer coaches this team.")).to_be_visible()
    assert asked[0] == asked[1]
    assert asked[0].startswith("Remove Bea Li as a coach of 华东大客户组?")
    expect(
        a.locator("#coaches").get_by_role("row", name=re.compile("Bea Li"))
    ).to_have_count(0)

    assert b.goto(team_url).status == 404
    b.goto(link)  # the single-use code she joined with
    expect(b.get_by_text("This invitation has already been used.")).to_be_visible()
    expect(b.get_by_role("button", name="Join the team")).to_have_count(0)
    assert b.goto(team_url).status == 404
    a_ctx.close()
    b_ctx.close()
