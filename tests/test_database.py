"""SQLite's write lock: taken only by requests that write, never during hashing."""

import sqlite3
import threading
import time

import pytest

from app import create_app
from tests.conftest import FAST_HASH
from tests.conftest import Actions
from tests.conftest import close_database


@pytest.fixture
def sqlite_app(tmp_path):
    """The app on a SQLite file, whatever database the rest of the suite uses."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'lock.sqlite'}",
            "PASSWORD_HASH_METHOD": FAST_HASH,
            "AUTO_MIGRATE": True,
        },
        instance_path=str(tmp_path),
    )
    yield app, tmp_path / "lock.sqlite"
    close_database(app)


def _hold_write_lock(path):
    """Another process's writer: holds SQLite's write lock until rolled back."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_log_in_is_not_held_up_by_a_writer(sqlite_app):
    """With the write lock held elsewhere, a log-in (which writes nothing) still succeeds at once."""
    app, path = sqlite_app
    actions = Actions(app.test_client())
    actions.register()
    actions.logout()
    holder = _hold_write_lock(path)
    try:
        started = time.monotonic()
        response = actions.login()
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert waited < 2  # the busy timeout is 5 s: a log-in that queued would show it


def test_signed_in_pages_read_beside_a_writer(sqlite_app):
    """A signed-in user's GET pages load while another request writes."""
    app, path = sqlite_app
    actions = Actions(app.test_client())
    actions.register()
    holder = _hold_write_lock(path)
    try:
        assert actions.client.get("/account/").status_code == 200
        assert actions.client.get("/assessment/history").status_code == 200
    finally:
        holder.rollback()
        holder.close()


def test_a_write_waits_for_the_lock_and_then_succeeds(sqlite_app):
    """A sign-up arriving while another writer holds the lock waits its turn, then is stored."""
    app, path = sqlite_app
    holder = _hold_write_lock(path)
    release = threading.Timer(0.5, holder.rollback)
    release.start()
    try:
        response = Actions(app.test_client()).register(email="late@example.com")
    finally:
        release.join()
        holder.close()
    assert response.status_code == 302
    check = sqlite3.connect(path)
    assert check.execute("SELECT count(*) FROM users").fetchone() == (1,)
    check.close()


def test_the_pitch_checker_reads_beside_a_writer(sqlite_app):
    """Checking a draft saves nothing, so it answers at once while another request writes."""
    from tests.selling.conftest import RepActions

    app, path = sqlite_app
    rep = RepActions(app.test_client())
    rep.register(email="rep@example.com")
    contact_id = rep.add_contact(rep.add_account())
    holder = _hold_write_lock(path)
    try:
        started = time.monotonic()
        response = rep.post(
            f"/key-accounts/contacts/{contact_id}/pitch",
            {"text": "1. First, the data: 30% less downtime by 2027-03-01."},
        )
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 200
    assert "30%" in response.get_data(as_text=True)
    assert waited < 2
