"""Changing one's address: the new one is confirmed before it replaces the old,
and the old one is told."""

import re

import pytest
from sqlalchemy import select

from accounts.models import User
from extensions import db
from tests.conftest import Actions
from tests.mail.conftest import deliver

LINK = re.compile(r"https?://[^/\s]+(/mail/address/\S+)")


@pytest.fixture
def user(mail_app, smtp_server):
    actions = Actions(mail_app.test_client())
    actions.register(email="old@example.com", name="Li Lei")
    deliver(mail_app)
    smtp_server.messages.clear()
    return actions


def _email_of(app):
    with app.app_context():
        row = db.session.scalar(select(User).filter_by(name="Li Lei"))
        result = row.email, row.email_confirmed_at is not None
        db.session.remove()
        return result


def _ask(user, email="new@example.com", password="correct horse"):
    user.client.get("/mail/address")
    return user.post("/mail/address", {"email": email, "password": password})


def test_the_new_address_replaces_the_old_only_once_confirmed(
    mail_app, smtp_server, user
):
    """Link to the new address; the account changes on following it; the old hears."""
    assert _ask(user).headers["Location"] == "/account/"
    deliver(mail_app)
    [mail] = smtp_server.messages
    assert mail["To"].addresses[0].addr_spec == "new@example.com"
    assert mail["Subject"] == "Confirm your new email address"
    assert _email_of(mail_app) == ("old@example.com", False)

    path = LINK.search(mail.get_body(("plain",)).get_content()).group(1)
    assert user.client.get(path).status_code == 302
    assert _email_of(mail_app) == ("new@example.com", True)
    smtp_server.messages.clear()
    deliver(mail_app)
    [notice] = smtp_server.messages
    assert notice["To"].addresses[0].addr_spec == "old@example.com"
    assert notice["Subject"] == "Your email address was changed"
    assert "new@example.com" in notice.get_body(("plain",)).get_content()
    assert user.client.get(path).status_code == 410  # once only
    user.logout()
    assert user.login(email="new@example.com").status_code == 302


def test_a_wrong_password_changes_nothing_and_sends_nothing(mail_app, user):
    """The current password is checked beside its field; no link goes out."""
    response = _ask(user, password="not my password")
    assert response.status_code == 200
    assert "This is not your current password." in response.get_data(as_text=True)
    assert deliver(mail_app) == 0


def test_an_address_taken_meanwhile_is_not_taken_over(mail_app, smtp_server, user):
    """If another account signs up with it before the link is followed, nothing changes."""
    _ask(user)
    deliver(mail_app)
    path = LINK.search(smtp_server.messages[0].get_body(("plain",)).get_content())[1]
    Actions(mail_app.test_client()).register(email="new@example.com", name="Other")
    response = user.client.get(path, follow_redirects=True)
    assert "Another account uses this address now" in response.get_data(as_text=True)
    assert _email_of(mail_app) == ("old@example.com", False)
