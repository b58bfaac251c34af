"""Findings of the outside probe on accounts and requests, each reproduced."""

import io
import re

from accounts import passwords
from tests.conftest import Actions


def _from(app, address):
    person = Actions(app.test_client())
    person.client.environ_base["REMOTE_ADDR"] = address
    return person


def test_a_locked_account_still_opens_for_its_owner_elsewhere(make_app):
    """Ten failures from one address lock that address out of the account, not its owner."""
    app = make_app()
    owner = _from(app, "10.0.0.1")
    owner.register()
    owner.logout()
    stranger = _from(app, "10.6.6.6")
    for _ in range(10):
        assert stranger.login(password="a wrong guess").status_code == 200
    assert stranger.login().status_code == 429
    assert owner.login().status_code == 302


def test_unknown_and_known_emails_cost_the_same_work(app, actions, monkeypatch):
    """A log-in for an unknown email checks a password hash too, so timing tells nothing."""
    actions.register()
    actions.logout()
    calls = []
    real = passwords.verify_password
    monkeypatch.setattr(
        passwords, "verify_password", lambda *a: calls.append(1) or real(*a)
    )
    import accounts.models

    monkeypatch.setattr(accounts.models, "verify_password", passwords.verify_password)
    actions.login(password="a wrong guess")
    known = len(calls)
    actions.login(email="nobody@example.com", password="a wrong guess")
    assert known == 1 and len(calls) - known == 1


def test_sign_ups_are_limited_per_address(make_app):
    """The 11th sign-up from one address within the hour is refused with a message."""
    app = make_app()
    codes = [
        _from(app, "10.1.1.1").register(email=f"p{i}@example.com").status_code
        for i in range(11)
    ]
    assert codes == [302] * 10 + [429]


def test_wrong_current_passwords_end_the_session(app, actions):
    """Five wrong passwords to delete the account sign the user out; the account stays."""
    actions.register()
    for _ in range(4):
        page = actions.post("/account/delete", {"password": "not my password"})
        assert "This is not your current password." in page.get_data(as_text=True)
    out = actions.post("/account/delete", {"password": "not my password"})
    assert out.status_code == 302 and "/account/login" in out.headers["Location"]
    assert "/account/login" in actions.client.get("/account/").headers["Location"]
    assert actions.login().status_code == 302  # the account is still there


def test_next_with_line_breaks_or_backslashes_stays_on_the_site(client, actions):
    """Log-in and the language switch ignore a `next` that could split a header or leave."""
    actions.register()
    actions.logout()
    for bad in ("/%0d%0aSet-Cookie:%20x=1", "/\\evil.example", "/%09/evil.example"):
        response = actions.post(
            f"/account/login?next={bad}",
            {"email": "trainee@example.com", "password": "correct horse"},
        )
        assert response.status_code == 302 and response.headers["Location"] == "/"
        actions.logout()
    for bad in ("/\r\nSet-Cookie: x=1", "/\\evil.example"):
        switched = actions.post("/account/language", {"locale": "en", "next": bad})
        assert switched.status_code == 302 and switched.headers["Location"] == "/"


def test_hsts_only_when_cookies_are_secure(make_app):
    """Strict-Transport-Security is sent once the app is configured for https."""
    plain = make_app().test_client().get("/")
    assert "Strict-Transport-Security" not in plain.headers
    secure = make_app(SESSION_COOKIE_SECURE=True).test_client().get("/")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_cacheable_assets_never_carry_a_cookie(client, actions):
    """A signed-in user's asset responses are public and immutable, with no Set-Cookie."""
    actions.register()
    html = client.get("/").get_data(as_text=True)
    url = re.search(r'href="(/assets/[^"]+\.css)"', html).group(1)
    response = client.get(url)
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_a_chunked_body_over_the_limit_is_refused_whole(client):
    """Without Content-Length, a body over 1 MiB gets 413 instead of being cut and used."""
    # As gunicorn passes a chunked body on: no length, the stream ends the body.
    chunked = {"CONTENT_LENGTH": "", "wsgi.input_terminated": True}
    body = b"email=a%40b.c&password=" + b"x" * (1024 * 1024 + 10)
    response = client.post(
        "/account/login",
        input_stream=io.BytesIO(body),
        headers={
            "Transfer-Encoding": "chunked",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        environ_overrides=chunked,
    )
    assert response.status_code == 413
    small = client.post(
        "/account/login",
        input_stream=io.BytesIO(b"email=a%40b.c&password=x"),
        headers={
            "Transfer-Encoding": "chunked",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        environ_overrides=chunked,
    )
    # read whole, then refused for its missing CSRF token
    assert small.status_code == 400


def test_build_files_are_not_served(client):
    """The plotly build's package files live outside static/ and answer 404."""
    for url in ("/static/build/package-lock.json", "/static/build/package.json"):
        assert client.get(url).status_code == 404
