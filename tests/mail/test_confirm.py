"""Confirming an address: the sign-up's mail, its link, and joining a team only after."""

import re

import pytest
from sqlalchemy import select

from accounts.models import User
from coaching.models import Membership
from extensions import db
from tests.coaching.conftest import CoachActions
from tests.mail.conftest import deliver

CONFIRM = re.compile(r"https?://[^/\s]+(/mail/confirm/[^\s]+)")


@pytest.fixture
def strict_app(make_app, smtp_server):
    """Joining a team needs a confirmed address, as in production."""
    return make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        REQUIRE_CONFIRMED_EMAIL=True,
    )


def _confirm_path(mail):
    return CONFIRM.search(mail.get_body(("plain",)).get_content()).group(1)


def _confirmed(app, email):
    with app.app_context():
        at = db.session.scalar(select(User.email_confirmed_at).filter_by(email=email))
        db.session.remove()
        return at is not None


def _team_and_code(app):
    coach = CoachActions(app.test_client())
    coach.register(email="coach@example.com", name="Coach")
    team_id = coach.create_team("North sales")
    return team_id, coach.invite(team_id)


@pytest.mark.parametrize(
    ("locale", "subject", "action"),
    [
        ("en", "Confirm your email address", "Confirm my address"),
        ("zh_CN", "确认你的电子邮箱", "确认邮箱"),
    ],
)
def test_sign_up_mails_a_confirmation_link_that_confirms(
    strict_app, smtp_server, locale, subject, action
):
    """The mail arrives in the sign-up's language; its link confirms the address once."""
    actions = CoachActions(strict_app.test_client())
    actions.post("/account/language", {"locale": locale, "next": "/"})
    actions.register(email="wang@example.com", name="王芳")
    assert deliver(strict_app) == 1
    [mail] = smtp_server.messages
    assert mail["Subject"] == subject
    assert mail["To"].addresses[0].display_name == "王芳"
    assert f">{action}</a>" in mail.get_body(("html",)).get_content()
    assert not _confirmed(strict_app, "wang@example.com")
    path = _confirm_path(mail)
    assert actions.client.get(path).status_code == 302
    assert _confirmed(strict_app, "wang@example.com")
    assert actions.client.get(path).status_code == 410


def test_an_unconfirmed_person_cannot_join_until_they_confirm(strict_app, smtp_server):
    """The invitation asks for the confirmation; a forced POST joins nobody."""
    team_id, code = _team_and_code(strict_app)
    trainee = CoachActions(strict_app.test_client())
    trainee.register(email="wang@example.com", name="Wang")
    page = trainee.client.get(f"/teams/join/{code}", follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Please confirm your email address first" in text
    assert "Join the team</button>" not in text
    trainee.join(code)
    with strict_app.app_context():
        assert db.session.scalar(select(Membership).filter_by(team_id=team_id)) is None
    deliver(strict_app)
    [mail] = [
        m for m in smtp_server.messages if m["To"].addresses[0].username == "wang"
    ]
    trainee.client.get(_confirm_path(mail))
    assert trainee.join(code).headers["Location"] == f"/teams/{team_id}"


def test_an_invitation_survives_sign_up_and_confirmation(strict_app, smtp_server):
    """Invitation → log in → sign up → mailed link → back at the invitation → joined."""
    team_id, code = _team_and_code(strict_app)
    deliver(strict_app)
    smtp_server.messages.clear()
    newcomer = CoachActions(strict_app.test_client())
    login_url = newcomer.client.get(f"/teams/join/{code}").headers["Location"]
    newcomer.client.get(login_url)
    target = login_url.split("next=", 1)[1]
    newcomer.post(
        f"/account/register?next={target}",
        {
            "name": "Wang",
            "email": "wang@example.com",
            "password": "correct horse",
            "confirm": "correct horse",
        },
    )
    newcomer.logout()  # the link may be opened in another browser, signed out
    deliver(strict_app)
    [mail] = smtp_server.messages
    response = newcomer.client.get(_confirm_path(mail))
    assert response.headers["Location"].startswith("/account/login?next=")
    login = newcomer.post(
        response.headers["Location"],
        {"email": "wang@example.com", "password": "correct horse"},
    )
    assert login.headers["Location"] == f"/teams/join/{code}"
    assert newcomer.join(code).headers["Location"] == f"/teams/{team_id}"


def test_a_new_link_can_be_asked_for_a_few_times_an_hour(strict_app, smtp_server):
    """*Send me a new confirmation link* sends one; past the hourly limit, none."""
    actions = CoachActions(strict_app.test_client())
    actions.register(email="wang@example.com", name="Wang")
    settings = actions.client.get("/account/").get_data(as_text=True)
    assert "Please confirm your email address first" in settings
    for _ in range(3):
        response = actions.post("/mail/confirm", {"next": "/account/"})
        assert response.headers["Location"] == "/account/"
    deliver(strict_app)
    assert len(smtp_server.messages) == 3  # the sign-up's and two more


def test_a_confirmed_address_shows_no_reminder(strict_app, smtp_server):
    """Once confirmed, *My account* no longer asks for it."""
    actions = CoachActions(strict_app.test_client())
    actions.register(email="wang@example.com", name="Wang")
    deliver(strict_app)
    actions.client.get(_confirm_path(smtp_server.messages[0]))
    settings = actions.client.get("/account/").get_data(as_text=True)
    assert "Please confirm your email address first" not in settings


def test_a_link_followed_while_another_writer_commits_still_works(tmp_path):
    """A GET that writes (the confirmation link) takes SQLite's write lock first,
    so a writer committing meanwhile makes it wait, never fail (503)."""
    import sqlite3
    import threading

    from app import create_app
    from tests.conftest import FAST_HASH
    from tests.conftest import close_database

    path = tmp_path / "lock.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "PASSWORD_HASH_METHOD": FAST_HASH,
            "AUTO_MIGRATE": True,
        },
        instance_path=str(tmp_path),
    )
    try:
        actions = CoachActions(app.test_client())
        actions.register(email="wang@example.com", name="Wang")
        with app.test_request_context("/"):
            from mail import recovery

            user = db.session.scalar(select(User))
            # A fresh link whose secret the test knows, as if read from the mail.
            recovery.send_confirmation(user, "en")
            db.session.commit()
            from mail.models import OutboxMessage

            text = db.session.scalars(select(OutboxMessage.text_body)).all()[-1]
            db.session.remove()
        path_in_mail = CONFIRM.search(text).group(1)
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE users SET name = name")
        commit = threading.Timer(0.5, holder.commit)
        commit.start()
        try:
            response = actions.client.get(path_in_mail)
        finally:
            commit.join()
            holder.close()
        assert response.status_code == 302
        assert _confirmed(app, "wang@example.com")
    finally:
        close_database(app)
