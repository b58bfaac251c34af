"""Trust: deny by default, headers, sessions, log-in limits, the user's own data, events."""

import json
import logging
import time

import pytest
from sqlalchemy import func
from sqlalchemy import select

from accounts.models import User
from assessment.models import Assessment
from extensions import db
from extensions import limiter
from security import PUBLIC
from tests.conftest import Actions


def _rows(app, model, **filters):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(model).filter_by(**filters)
        )


def test_every_route_has_a_policy(app, client):
    """Walk the URL map: every route is public by name, or sends a stranger to log in."""
    assert PUBLIC == {
        "index",
        "static",
        "assets.serve",
        "accounts.login",
        "accounts.register",
        "accounts.set_language",
        "accounts.logout",
        "mail.forgot",
        "mail.reset",
        "mail.confirm",
        "mail.change_address",
    }
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<id:{name}>", "1").replace(f"<int:{name}>", "1")
            url = url.replace(f"<{name}>", "x")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            # POSTs without a CSRF token may be refused before the log-in check.
            assert response.status_code in (302, 400), (
                method,
                url,
                response.status_code,
            )
            if response.status_code == 302:
                assert "/account/login" in response.headers["Location"], (method, url)


def test_security_headers_on_every_page(client, actions):
    """CSP without inline script, nosniff, referrer policy; signed-in pages are not cached."""
    page = client.get("/")
    csp = page.headers["Content-Security-Policy"]
    for part in [
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]:
        assert part in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "no-store" not in page.headers.get("Cache-Control", "")
    actions.register()
    assert client.get("/assessment/history").headers["Cache-Control"] == "no-store"


def test_session_cookie_flags(client, actions):
    """The session cookie is HttpOnly and SameSite=Lax."""
    response = actions.register()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookie_when_configured(make_app):
    """Behind https, FLASK_SESSION_COOKIE_SECURE=true marks the cookie Secure."""
    app = make_app(SESSION_COOKIE_SECURE=True)
    response = Actions(app.test_client()).register()
    assert "Secure" in response.headers["Set-Cookie"]


def _cookie(client):
    return client.get_cookie("session").value


def test_logout_ends_every_session_and_old_cookies_are_refused(app, client, actions):
    """A cookie saved before log-out no longer opens anything, on any browser."""
    actions.register()
    other = app.test_client()
    old = _cookie(client)
    other.set_cookie("session", old)
    assert other.get("/assessment/history").status_code == 200
    actions.logout()
    replay = app.test_client()
    replay.set_cookie("session", old)
    assert replay.get("/assessment/history").status_code == 302
    assert other.get("/assessment/history").status_code == 302


def test_password_change_ends_other_sessions_only(app, client, actions):
    """After a password change this browser stays in; every other session is out."""
    actions.register()
    other = app.test_client()
    other.set_cookie("session", _cookie(client))
    response = actions.post(
        "/account/password",
        {
            "current": "correct horse",
            "password": "a new long phrase",
            "confirm": "a new long phrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/assessment/history").status_code == 200
    assert other.get("/assessment/history").status_code == 302
    actions.logout()
    assert actions.login(password="a new long phrase").status_code == 302


def test_wrong_current_password_changes_nothing(actions):
    """The current password must be right."""
    actions.register()
    response = actions.post(
        "/account/password",
        {
            "current": "wrong one!",
            "password": "a new long phrase",
            "confirm": "a new long phrase",
        },
    )
    assert "This is not your current password." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("key", "age"), [("seen_at", 31 * 60), ("login_at", 12 * 3600 + 60)]
)
def test_idle_and_absolute_timeouts(client, actions, key, age):
    """30 minutes idle, or 12 hours since log-in, and the session is over."""
    actions.register()
    with client.session_transaction() as session:
        session[key] = int(time.time()) - age
    assert client.get("/assessment/history").status_code == 302


@pytest.mark.parametrize(
    "password", ["password1", "iloveyou", "Qwerty123", "  123456789  "]
)
def test_common_passwords_are_refused(actions, password):
    """Passwords from breach lists are refused beside the field."""
    response = actions.register(password=password)
    assert "appears in lists of leaked passwords" in response.get_data(as_text=True)


def test_long_unicode_passwords_are_welcome(actions):
    """No composition rules; a long Chinese passphrase works."""
    phrase = "我的密码是一句很长的中文句子,里面还有标点符号!" * 10
    assert actions.register(password=phrase).status_code == 302
    actions.logout()
    assert actions.login(password=phrase).status_code == 302


def test_failed_logins_are_limited_per_account(app, actions):
    """After 10 failures in 15 minutes the account is locked for a while; others are not."""
    actions.register()
    actions.logout()
    Actions(app.test_client()).register(email="other@example.com")
    for _ in range(10):
        assert actions.login(password="wrong password").status_code == 200
    locked = actions.login()  # even the right password waits now
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.get_data(as_text=True)
    zh = actions.login.__self__.client
    zh.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"
    assert "失败次数太多" in actions.login().get_data(as_text=True)
    other = Actions(app.test_client())
    other.client.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert other.login("other@example.com").status_code == 302


def test_failed_logins_are_limited_per_address(make_app):
    """Many accounts tried from one address hit the address limit."""
    app = make_app(LOGIN_LIMIT_PER_ADDRESS="5 per 15 minutes")
    person = Actions(app.test_client())
    codes = [
        person.login(f"u{i}@example.com", "nope nope").status_code for i in range(6)
    ]
    assert codes == [200] * 5 + [429]


def test_rate_limits_are_shared_through_redis(redis_server, make_app):
    """With a Redis URL, failed log-ins count in Redis, so every worker sees them."""
    first = make_app(
        RATELIMIT_STORAGE_URI=redis_server.url,
        LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes",
    )
    second = make_app(
        RATELIMIT_STORAGE_URI=redis_server.url,
        LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes",
    )
    with first.app_context():
        assert limiter.storage.check()  # the Redis server answers
    one, two = Actions(first.test_client()), Actions(second.test_client())
    assert [one.login("a@example.com", "nope nope").status_code for _ in range(2)] == [
        200,
        200,
    ]
    # another "worker" (a second app on the same Redis) continues the same count
    assert two.login("b@example.com", "nope nope").status_code == 200
    assert two.login("c@example.com", "nope nope").status_code == 429


def test_own_data_download(app, actions):
    """JSON and CSV hold the user's assessments and picks, and no password hash."""
    actions.register()
    actions.take_assessment()
    data = json.loads(actions.client.get("/account/data.json").data)
    assert data["user"]["email"] == "trainee@example.com"
    assert len(data["assessments"]) == 1 and data["assessments"][0]["pattern"] == "A"
    assert len(data["assessments"][0]["picks"]["1"]) == 8
    assert "password" not in json.dumps(data)
    csv_text = actions.client.get("/account/data.csv").data.decode("utf-8-sig")
    assert "assessments,0,pattern,A" in csv_text


def test_account_deletion_removes_every_row(app, people_factory):
    """Deleting an account removes its rows; coaches no longer see the member."""
    coach, member, team_id = people_factory()
    member_id = _rows(app, User)  # last registered has the highest id
    assert _rows(app, Assessment) == 1
    wrong = member.post("/account/delete", {"password": "not it at all"})
    assert "This is not your current password." in wrong.get_data(as_text=True)
    response = member.post("/account/delete", {"password": "correct horse"})
    assert response.status_code == 302
    assert _rows(app, Assessment) == 0
    with app.app_context():
        assert (
            db.session.scalar(select(User).filter_by(email="ann@example.com")) is None
        )
    assert "Ann" not in coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert member.client.get("/assessment/history").status_code == 302
    assert member_id


@pytest.fixture
def people_factory(app):
    def make():
        from tests.coaching.conftest import CoachActions

        coach = CoachActions(app.test_client())
        coach.register(email="coach@example.com", name="Coach")
        team_id = coach.create_team()
        member = CoachActions(app.test_client())
        member.register(email="ann@example.com", name="Ann")
        member.join(coach.invite(team_id))
        member.take_assessment()
        coach.post(f"/teams/{team_id}/members/2", {"body": "about Ann"})
        return coach, member, team_id

    return make


def test_security_events_are_logged_without_secrets(caplog, app, actions):
    """Log-ins, failures, denials, exports and deletions are logged, never the password."""
    caplog.set_level(logging.INFO, logger="wholebrain.security")
    actions.register()
    actions.logout()
    actions.login(password="wrong horse!")
    actions.login()
    actions.client.get("/assessment/99/report")
    actions.client.get("/account/data.json")
    actions.post("/account/delete", {"password": "correct horse"})
    text = caplog.text
    for event in [
        "register",
        "logout",
        "login_failed",
        "login ",
        "access_denied",
        "export",
        "account_deleted",
    ]:
        assert event in text, event
    assert "correct horse" not in text and "wrong horse" not in text
    assert "user=1" in text
