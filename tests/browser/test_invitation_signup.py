"""A brand-new person follows an emailed invitation and ends up in the team."""

import re

from playwright.sync_api import expect

from tests.coaching.conftest import CoachActions

CONFIRM = re.compile(r"https?://[^/\s]+(/mail/confirm/\S+)")
JOIN = re.compile(r"https?://[^/\s]+(/teams/join/\S+)")


def test_an_invitation_survives_sign_up_confirmation_and_log_in(
    mail_server_app, smtp_server, browser
):
    """Invitation mail → its link → Sign up → confirmation mail → its link → log in → joined."""
    app, base = mail_server_app
    coach = CoachActions(app.test_client())
    coach.register(email="coach@example.com", name="Coach Wu")
    team_id = coach.create_team("North sales")
    smtp_server.wait_for(1)  # the coach's own confirmation
    smtp_server.messages.clear()
    coach.post(
        f"/teams/{team_id}/email", {"addresses": "wang@example.com", "lang": "en"}
    )
    [invitation] = smtp_server.wait_for(1)
    assert invitation["Subject"] == "Coach Wu invites you to join North sales"
    link = JOIN.search(invitation.get_body(("plain",)).get_content()).group(1)
    smtp_server.messages.clear()

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(base + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    page.get_by_role("main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Name").fill("Wang Fang")
    page.get_by_label("Email").fill("wang@example.com")
    page.get_by_label("Password", exact=True).fill("a long passphrase")
    page.get_by_label("Repeat password").fill("a long passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join North sales?")
    expect(page.get_by_text("Please confirm your email address first")).to_be_visible()
    expect(page.get_by_role("button", name="Join the team")).to_have_count(0)
    context.close()

    # The mail is read later, in another browser that is not signed in.
    [mail] = smtp_server.wait_for(1)
    path = CONFIRM.search(mail.get_body(("plain",)).get_content()).group(1)
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(base + path)
    expect(page.get_by_role("status")).to_contain_text("is confirmed")
    page.get_by_label("Email").fill("wang@example.com")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join North sales?")
    page.get_by_role("button", name="Join the team").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome to North sales.")
    assert page.url == f"{base}/teams/{team_id}"
    listing = coach.client.get(f"/teams/{team_id}/email").get_data(as_text=True)
    assert re.search(r"wang@example.com</td>\s*<td>[\d-]+</td>\s*<td>Joined", listing)
    context.close()
