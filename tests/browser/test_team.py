"""A coach invites a trainee, the trainee joins and answers, the coach reads the team page."""

import re

from playwright.sync_api import expect

from tests.browser.test_journey import _answer_round


def _sign_up(page, base, name, email):
    page.goto(base + "/account/register")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill("a long passphrase")
    page.get_by_label("Repeat password").fill("a long passphrase")
    page.get_by_role("button", name="Create account").click()


def test_invite_join_and_team_page(live_server, browser):
    """Coach makes a team and a code; a trainee opens the link, joins, answers; the coach sees them."""
    coach_ctx = browser.new_context(locale="en-US")
    coach = coach_ctx.new_page()
    _sign_up(coach, live_server, "Chen Coach", "chen@example.com")
    coach.get_by_role("link", name="Teams").click()
    coach.get_by_label("Team name").fill("华东大客户组")
    coach.get_by_role("button", name="Create team").click()
    expect(coach.get_by_role("heading", level=1)).to_have_text("华东大客户组")
    coach.get_by_role("button", name="Make an invitation code").click()
    link = coach.get_by_label("Link to share").first.input_value()
    assert re.search(r"/teams/join/[\w-]+$", link)

    trainee_ctx = browser.new_context(locale="zh-CN")
    trainee = trainee_ctx.new_page()
    trainee.goto(live_server + "/account/register")
    trainee.get_by_label("姓名").fill("王小明")
    trainee.get_by_label("电子邮箱").fill("wang@example.com")
    trainee.get_by_label("密码", exact=True).fill("a long passphrase")
    trainee.get_by_label("再次输入密码").fill("a long passphrase")
    trainee.get_by_role("button", name="创建账户").click()
    trainee.goto(link)
    expect(trainee.get_by_role("heading", level=1)).to_have_text("加入 华东大客户组？")
    expect(trainee.get_by_text("Chen Coach")).to_be_visible()
    trainee.get_by_role("button", name="加入团队").click()
    expect(trainee.get_by_text("欢迎加入 华东大客户组。")).to_be_visible()

    # Before the trainee answers, the coach sees who has not finished.
    coach.reload()
    row = coach.get_by_role("row", name=re.compile("王小明"))
    expect(row).to_contain_text("not finished yet")

    trainee.goto(live_server + "/")
    trainee.get_by_role("button", name="开始答题").click()
    for _ in range(3):
        _answer_round(trainee)
    trainee.get_by_role("button", name="完成并查看我的偏好图").click()
    code = trainee.locator(".code").inner_text()

    coach.reload()
    row = coach.get_by_role("row", name=re.compile("王小明"))
    expect(row).to_contain_text(code)
    expect(coach.get_by_text("1 of 1 members have a profile.")).to_be_visible()
    chart = coach.locator(".chart").first
    # average + the member
    expect(chart.locator(".scatterlayer .trace")).to_have_count(2)
    # Each trace has a checkbox below the chart that a keyboard reaches.
    member = coach.get_by_role("checkbox", name="王小明")
    expect(member).to_be_checked()
    member.focus()
    coach.keyboard.press("Space")
    expect(member).not_to_be_checked()
    expect(chart.locator(".scatterlayer .trace")).to_have_count(1)
    coach.keyboard.press("Space")
    expect(chart.locator(".scatterlayer .trace")).to_have_count(2)

    row.get_by_role("link", name="How to coach").click()
    expect(coach.get_by_role("heading", level=1)).to_have_text("How to coach 王小明")
    expect(coach.get_by_text("Praise that lands").first).to_be_visible()

    # The trainee's own view of the team: in a team of one, not even the
    # anonymous map (it needs five profiles: tests/coaching/test_member_view.py).
    trainee.goto(live_server + "/teams/")
    trainee.get_by_role("link", name="华东大客户组").click()
    expect(trainee.get_by_role("heading", level=1)).to_have_text("华东大客户组")
    expect(trainee.get_by_text("1 名成员中有 1 人已有偏好图。")).to_have_count(0)
    expect(trainee.locator(".chart")).to_have_count(0)
    expect(trainee.get_by_role("link", name="把我与 Chen Coach 对比")).to_be_visible()
    coach_ctx.close()
    trainee_ctx.close()
