"""No input produces a server error, and invalid input stores nothing."""

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlalchemy import select

from accounts.models import User
from assessment.models import RoundAnswer
from extensions import db

ANY_TEXT = st.text(max_size=300)
FIXTURES_ONCE = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _rows(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@FIXTURES_ONCE
@given(name=ANY_TEXT, email=ANY_TEXT, password=ANY_TEXT, confirm=ANY_TEXT)
def test_registration_never_fails_with_a_server_error(
    app, actions, name, email, password, confirm
):
    """Whatever is typed into sign-up, the answer is a page or a redirect, never a 5xx."""
    users_before = _rows(app, User)
    response = actions.post(
        "/account/register",
        {"name": name, "email": email, "password": password, "confirm": confirm},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _rows(app, User) == users_before
    else:
        actions.logout()


@FIXTURES_ONCE
@given(picks=st.lists(ANY_TEXT, max_size=40), number=st.integers(-5, 10**12))
def test_round_answers_never_fail_with_a_server_error(app, actions, picks, number):
    """Any list of picks for any round number is refused cleanly unless it is valid."""
    if not _rows(app, User):
        actions.register()
    assessment_id = actions.start()
    response = actions.answer(assessment_id, number, picks)
    assert response.status_code in (200, 302, 404)
    assert _rows(app, RoundAnswer) == 0


@FIXTURES_ONCE
@given(path=st.text(alphabet="0123456789/abcdefxyz-_.%", max_size=40))
def test_any_assessment_address_is_found_or_not_found(app, actions, path):
    """Odd ids, huge numbers and stray characters give 404 or a redirect, never a 5xx."""
    if not _rows(app, User):
        actions.register()
    response = actions.client.get("/assessment/" + path)
    assert response.status_code in (200, 302, 308, 404, 405)


def test_huge_body_is_refused(actions):
    """A request body over 1 MiB is refused with 413 and a readable page."""
    response = actions.client.post(
        "/account/login", data={"email": "x" * (2 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
