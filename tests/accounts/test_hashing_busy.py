"""A burst of sign-ups and log-ins cannot take every thread of a worker: past two
hashing and one waiting, a request is told to retry, and nothing is half-written."""

import threading

import pytest
from sqlalchemy import func
from sqlalchemy import select

from accounts import passwords
from accounts.models import User
from extensions import db


@pytest.fixture
def slots_taken():
    """Every admission of this process taken, as by three requests mid-hash."""
    for _ in range(3):
        assert passwords._ADMITTED.acquire(blocking=False)
    yield
    for _ in range(3):
        passwords._ADMITTED.release()


def test_a_third_request_waits_and_a_fourth_is_turned_away():
    """Two hash, one waits for a slot, the next is refused at once."""
    release = threading.Event()
    inside = threading.Barrier(3)

    def hold():
        with passwords._hashing_slot():
            inside.wait(timeout=5)
            release.wait(timeout=5)

    holders = [threading.Thread(target=hold) for _ in range(2)]
    for t in holders:
        t.start()
    inside.wait(timeout=5)  # both slots are held now
    waited = []

    def wait_for_slot():
        with passwords._hashing_slot():
            waited.append(True)

    waiter = threading.Thread(target=wait_for_slot)
    waiter.start()
    try:
        for _ in range(100):  # until the waiter holds its admission
            if passwords._ADMITTED._value == 0:
                break
            threading.Event().wait(0.01)
        with pytest.raises(passwords.HashingBusy), passwords._hashing_slot():
            pass
    finally:
        release.set()
        for t in [*holders, waiter]:
            t.join(timeout=5)
    assert waited == [True]
    with passwords._hashing_slot():  # free again
        pass


def test_sign_up_when_busy_is_a_retryable_page_and_writes_nothing(
    app, actions, slots_taken
):
    """503 with Retry-After and the busy message in the user's language; no account."""
    response = actions.register()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "The service is busy for a moment" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_log_in_when_busy_in_chinese(app, actions):
    """The busy page follows the visitor's language, and the log-in works once slots free up."""
    actions.register()
    actions.logout()
    actions.post("/account/language", {"locale": "zh_CN"})
    for _ in range(3):
        passwords._ADMITTED.acquire(blocking=False)
    try:
        response = actions.login()
    finally:
        for _ in range(3):
            passwords._ADMITTED.release()
    assert response.status_code == 503
    assert "服务暂时繁忙" in response.get_data(as_text=True)
    assert actions.login().status_code == 302
