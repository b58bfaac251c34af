"""Forgot password → a mail through a real SMTP server → its link → a new password."""

import pytest
from sqlalchemy import select

from accounts.models import User
from extensions import db
from mail.models import MailToken
from tests.conftest import Actions
from tests.mail.conftest import deliver
from tests.mail.conftest import outbox_rows
from tests.mail.conftest import reset_path

NEW = "a brand new passphrase"


def _forgot(actions, email="trainee@example.com", **kwargs):
    return actions.post("/mail/forgot", {"email": email}, **kwargs)


@pytest.fixture
def trainee(mail_app, smtp_server):
    """A signed-out trainee whose sign-up mail (the confirmation) is already out."""
    actions = Actions(mail_app.test_client())
    actions.register()
    actions.logout()
    deliver(mail_app)
    smtp_server.messages.clear()
    return actions


@pytest.mark.parametrize(
    ("locale", "subject", "greeting", "button"),
    [
        ("en", "Choose a new password", "Hello Li Lei,", "Choose a new password"),
        ("zh_CN", "设置新密码", "Li Lei，你好：", "设置新密码"),
    ],
)
def test_the_reset_mail_arrives_in_the_users_language_and_its_link_works(
    mail_app, smtp_server, trainee, locale, subject, greeting, button
):
    """The mail comes over SMTP in the account's language; its link sets a new password."""
    trainee.post("/account/language", {"locale": locale, "next": "/"})
    response = _forgot(trainee, follow_redirects=True)
    assert response.status_code == 200
    assert deliver(mail_app) == 1
    [mail] = smtp_server.messages
    assert mail["Subject"] == subject
    assert mail["To"].addresses[0].addr_spec == "trainee@example.com"
    assert mail["To"].addresses[0].display_name == "Li Lei"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert text.startswith(greeting)
    assert f">{button}</a>" in html
    path = reset_path(mail)
    assert path in html

    page = trainee.client.get(path)
    assert page.status_code == 200
    response = trainee.post(path, {"password": NEW, "confirm": NEW})
    assert response.status_code == 302
    home = trainee.client.get("/").get_data(as_text=True)
    assert "Li Lei" in home  # signed in, by name in the header
    trainee.logout()
    assert trainee.login(password="correct horse").status_code == 200  # old one
    assert trainee.login(password=NEW).status_code == 302


def test_a_reset_link_works_once(mail_app, smtp_server, trainee):
    """Used once, the same link shows that it no longer works and changes nothing."""
    _forgot(trainee)
    deliver(mail_app)
    path = reset_path(smtp_server.messages[0])
    assert trainee.post(path, {"password": NEW, "confirm": NEW}).status_code == 302
    stranger = Actions(mail_app.test_client())
    again = stranger.post(
        path, {"password": "another passphrase", "confirm": "another passphrase"}
    )
    assert again.status_code == 410
    assert "This link no longer works" in again.get_data(as_text=True)
    assert stranger.login(password=NEW).status_code == 302


def test_a_reset_link_expires(mail_app, smtp_server, trainee):
    """After PASSWORD_RESET_MINUTES the link is refused."""
    _forgot(trainee)
    deliver(mail_app)
    path = reset_path(smtp_server.messages[0])
    with mail_app.app_context():
        token = db.session.scalar(select(MailToken).filter_by(purpose="reset"))
        token.expires_at = token.created_at  # as if 30 minutes had passed
        db.session.commit()
    assert trainee.client.get(path).status_code == 410


def test_the_token_is_stored_only_as_a_digest(mail_app, smtp_server, trainee):
    """The secret in the link is not in the tokens table; its SHA-256 is."""
    import hashlib

    _forgot(trainee)
    deliver(mail_app)
    secret = reset_path(smtp_server.messages[0]).rsplit("/", 1)[1]
    with mail_app.app_context():
        token = db.session.scalar(select(MailToken).filter_by(purpose="reset"))
        assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in token.digest


def test_a_reset_ends_every_other_session(mail_app, smtp_server, trainee):
    """A browser still signed in elsewhere is signed out by the reset."""
    elsewhere = Actions(mail_app.test_client())
    elsewhere.login()
    assert "Li Lei" in elsewhere.client.get("/").get_data(as_text=True)
    _forgot(trainee)
    deliver(mail_app)
    path = reset_path(smtp_server.messages[0])
    trainee.post(path, {"password": NEW, "confirm": NEW})
    assert elsewhere.client.get("/teams/").status_code == 302


def test_unknown_and_known_addresses_get_the_same_page(mail_app, smtp_server, trainee):
    """A stranger cannot tell from the answer whether an address has an account."""
    known = _forgot(trainee, "trainee@example.com", follow_redirects=True)
    unknown = _forgot(trainee, "nobody@example.com", follow_redirects=True)
    assert known.status_code == unknown.status_code == 200

    def said(response):
        return (
            response.get_data(as_text=True)
            .replace("trainee@", "X@")
            .replace("nobody@", "X@")
        )

    assert (
        said(known).split('name="csrf_token"')[0]
        == said(unknown).split('name="csrf_token"')[0]
    )
    assert "a link to choose a new password is on its way" in said(known)
    deliver(mail_app)
    assert [m["To"].addresses[0].addr_spec for m in smtp_server.messages] == [
        "trainee@example.com"
    ]


def test_resets_per_account_are_limited(mail_app, smtp_server, trainee):
    """The fourth request within an hour shows the same page but sends nothing."""
    for _ in range(4):
        assert _forgot(trainee).status_code == 302
    deliver(mail_app)
    assert len(smtp_server.messages) == 3


def test_resets_per_address_are_limited(make_app):
    """One address asking for links again and again is refused (429)."""
    app = make_app(PASSWORD_RESET_LIMIT_PER_ADDRESS="2 per hour")
    actions = Actions(app.test_client())
    codes = [_forgot(actions, f"p{i}@example.com").status_code for i in range(3)]
    assert codes == [302, 302, 429]


def test_a_locked_out_owner_gets_back_in_by_a_reset(make_app, smtp_server):
    """Too many wrong passwords lock the log-in; the reset link signs the owner in."""
    app = make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes",
    )
    owner = Actions(app.test_client())
    owner.register()
    owner.logout()
    deliver(app)
    smtp_server.messages.clear()
    codes = [owner.login(password="wrong guess!").status_code for _ in range(4)]
    assert codes[-1] == 429
    _forgot(owner)
    deliver(app)
    path = reset_path(smtp_server.messages[0])
    owner.post(path, {"password": NEW, "confirm": NEW})
    assert "Li Lei" in owner.client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"password": "short", "confirm": "short"}, "Between 8 and 1,000 characters"),
        ({"password": NEW, "confirm": "something else"}, "The two passwords differ."),
    ],
)
def test_a_bad_new_password_is_explained_and_keeps_the_link(
    mail_app, smtp_server, trainee, form, error
):
    """A refused password says why beside the field; the link still works afterwards."""
    _forgot(trainee)
    deliver(mail_app)
    path = reset_path(smtp_server.messages[0])
    response = trainee.post(path, form)
    assert response.status_code == 200
    assert error in response.get_data(as_text=True)
    assert trainee.post(path, {"password": NEW, "confirm": NEW}).status_code == 302


def test_an_invalid_address_is_explained(mail_app, trainee):
    """A malformed address is reported beside the field and nothing is written."""
    before = outbox_rows(mail_app)
    response = _forgot(trainee, "not an address")
    assert response.status_code == 200
    assert "This is not a valid email address." in response.get_data(as_text=True)
    assert outbox_rows(mail_app) == before


def test_a_name_with_a_line_break_cannot_reach_a_header(mail_app, smtp_server):
    """A name holding CR/LF arrives as one line in To:, and adds no Bcc header."""
    actions = Actions(mail_app.test_client())
    actions.register()
    deliver(mail_app)
    smtp_server.messages.clear()
    with mail_app.app_context():
        user = db.session.scalar(select(User))
        user.name = "Li\r\nBcc: evil@example.com\nX: y"  # as if written by another path
        db.session.commit()
    actions.logout()
    assert _forgot(actions).status_code == 302
    assert deliver(mail_app) == 1
    [mail] = smtp_server.messages
    assert mail["Bcc"] is None and mail["X"] is None
    [to] = mail["To"].addresses
    assert (to.display_name, to.addr_spec) == (
        "Li Bcc: evil@example.com X: y",
        "trainee@example.com",
    )
