"""Forgot password → the mail arrives over SMTP → its link → a new password → signed in."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import Actions
from tests.mail.conftest import reset_path

WORDS = {
    "en-US": {
        "forgot": "Forgot your password?",
        "email": "Email",
        "send": "Send me a link",
        "sent": "a link to choose a new password is on its way",
        "subject": "Choose a new password",
        "new": "New password",
        "repeat": "Repeat new password",
        "set": "Set the new password",
        "done": "Your new password is set.",
    },
    "zh-CN": {
        "forgot": "忘记密码？",
        "email": "电子邮箱",
        "send": "发送链接",
        "sent": "设置新密码的链接已经发往这个邮箱",
        "subject": "设置新密码",
        "new": "新密码",
        "repeat": "再次输入新密码",
        "set": "保存新密码",
        "done": "新密码已设置。",
    },
}


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_forgot_password_mail_link_new_password_signed_in(
    mail_server_app, smtp_server, browser, locale
):
    """A person who forgot their password gets back in from the mail, in their language."""
    app, base = mail_server_app
    Actions(app.test_client()).register(email="ann@example.com", name="Ann Lee")
    smtp_server.wait_for(1)  # the sign-up's confirmation
    smtp_server.messages.clear()
    words = WORDS[locale]
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(base + "/account/login")
    page.get_by_role("link", name=words["forgot"]).click()
    page.get_by_label(words["email"]).fill("ann@example.com")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["sent"])

    [mail] = smtp_server.wait_for(1)
    assert mail["Subject"] == words["subject"]
    page.goto(base + reset_path(mail))
    page.get_by_label(words["new"], exact=True).fill("a fresh passphrase")
    page.get_by_label(words["repeat"]).fill("a fresh passphrase")
    page.get_by_role("button", name=words["set"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["done"])
    expect(page.get_by_role("link", name="Ann Lee")).to_be_visible()
    assert re.fullmatch(re.escape(base) + "/", page.url)
    context.close()
