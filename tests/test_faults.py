"""When the database or Redis fails: a clear, retryable page, never a bare 500."""

import os
import sqlite3
import time

from sqlalchemy import create_engine
from sqlalchemy import text

from app import create_app
from tests.conftest import FAST_HASH
from tests.conftest import Actions
from tests.conftest import close_database
from tests.conftest import database_url

BUSY = "The service is busy for a moment"


def _app(tmp_path, **config):
    settings = {
        "TESTING": True,
        "SECRET_KEY": "faults",
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
        "PASSWORD_HASH_METHOD": FAST_HASH,
        "AUTO_MIGRATE": True,
        "DB_LOCK_TIMEOUT_MS": 300,
    }
    settings.update(config)
    return create_app(settings, instance_path=str(tmp_path))


def _dead_url():
    """A database of the same kind as the suite's, that does not answer."""
    if os.environ.get("TEST_DATABASE_URL"):
        return "postgresql+psycopg://postgres@127.0.0.1:1/gone?connect_timeout=1"
    return "sqlite:////nonexistent-folder/gone.sqlite"


def test_a_signed_in_user_gets_the_apps_page_when_the_database_is_down(tmp_path):
    """With the database gone, a signed-in user's page is the app's own, and says retry."""
    app = _app(tmp_path)
    client = app.test_client()
    Actions(client).register()
    dead = _app(
        tmp_path / "dead", SQLALCHEMY_DATABASE_URI=_dead_url(), AUTO_MIGRATE=False
    )
    try:
        dead_client = dead.test_client()
        dead_client.set_cookie(
            "session", client.get_cookie("session").value, domain="localhost"
        )
        response = dead_client.get("/account/", headers={"Accept-Language": "zh-CN"})
        body = response.get_data(as_text=True)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "5"
        assert "503" in body and "全脑销售" in body  # the app's page, in Chinese
    finally:
        close_database(app)


def _hold_lock(app):
    """Another connection holding the lock every sign-up needs; returns its release."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        return lambda: (holder.rollback(), holder.close())
    engine = create_engine(url)
    conn = engine.connect()
    conn.execute(text("LOCK TABLE users IN ACCESS EXCLUSIVE MODE"))
    return lambda: (conn.rollback(), conn.close(), engine.dispose())


def test_a_held_lock_gives_a_retryable_page_within_the_lock_timeout(tmp_path):
    """A sign-up behind a long-held lock stops after the lock timeout with a 503, not a hang."""
    app = _app(tmp_path)
    release = _hold_lock(app)
    try:
        started = time.monotonic()
        response = Actions(app.test_client()).register(email="late@example.com")
        waited = time.monotonic() - started
    finally:
        release()
        close_database(app)
    assert response.status_code == 503
    assert BUSY in response.get_data(as_text=True)
    assert waited < 3  # 0.3 s lock timeout, not the 45 s the probe held


def test_log_in_works_when_redis_stops(tmp_path, redis_server):
    """Redis stopped mid-run: log-ins go on, limited per process, with no 500."""
    app = _app(tmp_path, RATELIMIT_STORAGE_URI=redis_server.url)
    try:
        person = Actions(app.test_client())
        person.register()
        person.logout()
        assert person.login().status_code == 302  # limits kept in Redis
        person.logout()
        redis_server.stop()
        wrong = person.login(password="not the password")
        assert wrong.status_code == 200  # the form again, with its message
        assert "Wrong email or password." in wrong.get_data(as_text=True)
        assert person.login().status_code == 302
    finally:
        redis_server.start()  # back again, so the limits can be cleared
        close_database(app)
