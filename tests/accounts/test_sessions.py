"""A session cookie names one person for good: never another account, never after log-out."""

from sqlalchemy import select
from sqlalchemy import text

from accounts.models import User
from extensions import db
from tests.conftest import Actions


def _user_id(app, email):
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def test_a_deleted_accounts_cookie_never_opens_the_next_account(app):
    """M keeps a cookie, deletes the account; a victim signs up; the cookie gets the log-in page."""
    mallory = app.test_client()
    m = Actions(mallory)
    m.register(email="m@example.com", name="M")
    old_id = _user_id(app, "m@example.com")
    with mallory.session_transaction() as kept:
        cookie = dict(kept)
    m.post("/account/delete", {"password": "correct horse"})

    victim = Actions(app.test_client())
    victim.register(email="victim@example.com", name="Victim")
    new_id = _user_id(app, "victim@example.com")
    assert new_id != old_id  # ids are never handed out again

    replay = app.test_client()
    with replay.session_transaction() as session:
        session.update(cookie)
        session["_user_id"] = str(new_id)  # even naming the victim's id outright
    for url in ("/account/", "/account/data.json"):
        response = replay.get(url)
        assert response.status_code == 302, url
        assert "/account/login" in response.headers["Location"]


def test_ids_are_not_reused_after_the_newest_account_is_deleted(app, actions):
    """Deleting the newest account does not free its id for the next sign-up."""
    actions.register(email="first@example.com")
    first = _user_id(app, "first@example.com")
    actions.post("/account/delete", {"password": "correct horse"})
    actions.register(email="second@example.com")
    assert _user_id(app, "second@example.com") > first


def test_log_out_ends_every_session_of_that_user(app):
    """A second browser of the same user is signed out by a log-out in the first."""
    one, two = Actions(app.test_client()), Actions(app.test_client())
    one.register()
    two.login()
    assert two.client.get("/account/").status_code == 200
    one.logout()
    response = two.client.get("/account/")
    assert (
        response.status_code == 302 and "/account/login" in response.headers["Location"]
    )


def test_every_user_gets_a_different_token(app):
    """Tokens are random per user, so no two accounts can ever share a session."""
    for i in range(3):
        Actions(app.test_client()).register(email=f"u{i}@example.com")
    with app.app_context():
        tokens = (
            db.session.execute(text("SELECT session_token FROM users")).scalars().all()
        )
    assert len(set(tokens)) == 3 and all(len(t) >= 40 for t in tokens)
