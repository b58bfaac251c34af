"""Sign-up, log-in, log-out, passwords, CSRF and the language choice."""

import pytest
from sqlalchemy import select

from accounts.models import User
from extensions import db
from tests.conftest import Actions
from tests.conftest import csrf_token


def _user(app, email="trainee@example.com"):
    with app.app_context():
        return db.session.scalar(select(User).filter_by(email=email))


def test_register_logs_in_and_hashes_the_password(app, client, actions):
    """A new account is signed in at once; the password is stored only as a hash."""
    response = actions.register(email="Li.Lei@Example.com")
    assert response.status_code == 302
    assert "Li Lei" in client.get("/").get_data(as_text=True)
    user = _user(app, "li.lei@example.com")
    assert user.password_hash.startswith("pbkdf2:sha256:")
    assert "correct horse" not in user.password_hash


def test_production_hash_is_strong(tmp_path):
    """Outside tests, passwords are hashed with scrypt at N = 2**17."""
    from app import create_app

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"}, str(tmp_path)
    )
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt:131072:8:1"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Please enter your name."),
        ("email", "not-an-email", "This is not a valid email address."),
        ("password", "short", "Between 8 and 1,000 characters, please."),
        ("confirm", "something else", "The two passwords differ."),
    ],
)
def test_register_errors_beside_the_field_and_nothing_saved(
    app, actions, field, value, message
):
    """Each bad field gets its own message next to it, and no account is created."""
    data = {
        "name": "Li Lei",
        "email": "a@example.com",
        "password": "long enough",
        "confirm": "long enough",
    }
    data[field] = value
    if field == "password":
        data["confirm"] = value
    response = actions.post("/account/register", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error">{message}' in html.replace("&#39;", "'")
    assert _user(app, "a@example.com") is None


def test_register_error_in_chinese(actions):
    """A Chinese-speaking user sees the error in Chinese."""
    actions.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN,zh;q=0.9"
    response = actions.post(
        "/account/register", {"name": "", "email": "", "password": "", "confirm": ""}
    )
    html = response.get_data(as_text=True)
    assert "请填写姓名。" in html
    assert "请填写电子邮箱。" in html


def test_duplicate_email_is_refused(actions):
    """The same address, in any case, cannot register twice."""
    actions.register()
    actions.logout()
    response = actions.register(email="TRAINEE@example.com")
    assert "An account with this email already exists." in response.get_data(
        as_text=True
    )


def test_login_and_logout(client, actions):
    """A registered user can log out and back in; a wrong password is refused."""
    actions.register()
    actions.logout()
    assert "Log in" in client.get("/").get_data(as_text=True)
    wrong = actions.login(password="wrong password")
    assert "Wrong email or password." in wrong.get_data(as_text=True)
    assert actions.login().status_code == 302
    assert "Hello, Li Lei" in client.get("/").get_data(as_text=True)


def test_login_follows_only_local_next(actions):
    """After log-in the user returns to the page they asked for, never to another site."""
    actions.register()
    actions.logout()
    token = csrf_token(actions.client)
    data = {
        "email": "trainee@example.com",
        "password": "correct horse",
        "csrf_token": token,
    }
    local = actions.client.post("/account/login?next=/assessment/history", data=data)
    assert local.headers["Location"] == "/assessment/history"
    actions.logout()
    data["csrf_token"] = csrf_token(actions.client)
    away = actions.client.post("/account/login?next=//evil.example/x", data=data)
    assert away.headers["Location"] == "/"


def test_post_without_csrf_token_is_refused(app, client):
    """A form posted without the session's CSRF token is rejected and saves nothing."""
    response = client.post(
        "/account/register",
        data={
            "name": "X",
            "email": "x@example.com",
            "password": "long enough",
            "confirm": "long enough",
        },
    )
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert _user(app, "x@example.com") is None


def test_language_from_accept_language_then_saved_choice(app, client, actions):
    """The browser's language applies until the user picks one; the pick is saved to the account."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN,zh;q=0.9,en;q=0.8"
    assert "<title>首页" in client.get("/").get_data(as_text=True)
    actions.register()
    actions.post("/account/language", {"locale": "en", "next": "/assessment/history"})
    assert "<title>My assessments" in client.get("/assessment/history").get_data(
        as_text=True
    )
    assert _user(app).locale == "en"
    actions.logout()
    # this browser's choice stays
    assert "<title>Home" in client.get("/").get_data(as_text=True)

    other_browser = Actions(app.test_client())
    other_browser.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"
    assert "<title>首页" in other_browser.client.get("/").get_data(as_text=True)
    other_browser.login()
    assert "<title>Home" in other_browser.client.get("/").get_data(as_text=True)


def test_language_switch_rejects_unknown_locale_and_foreign_next(client, actions):
    """An unknown language changes nothing; `next` cannot lead off the site."""
    response = actions.post(
        "/account/language", {"locale": "xx", "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/"
    assert "<title>Home" in client.get("/").get_data(as_text=True)


def test_switcher_on_every_page(client, actions):
    """Every page offers both languages."""
    pages = ["/", "/account/login", "/account/register"]
    for page in pages:
        html = client.get(page).get_data(as_text=True)
        assert 'value="zh_CN"' in html and 'value="en"' in html, page
