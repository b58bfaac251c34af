"""No input produces a server error, and invalid input writes no row.

Every form and query parameter of the app is fed generated input (1,000
examples each under the `ci` Hypothesis profile, which CI uses).
"""

import io

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlalchemy import select

from extensions import db
from tests.conftest import picks_for
from tests.selling.conftest import RepActions

TEXT = st.text(max_size=200)
ANY = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999999999999",
            "yes",
            "member",
            "2026-01-01",
            "order",
            "advance",
            "analyse",
            "C",
        ]
    ),
)
ONCE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _rows(app):
    """Rows per table, in one query (it runs twice per example)."""
    tables = db.metadata.sorted_tables
    with app.app_context():
        counts = db.session.execute(
            select(
                *(select(func.count()).select_from(t).scalar_subquery() for t in tables)
            )
        ).one()
        db.session.rollback()
    return dict(zip((t.name for t in tables), counts, strict=True))


def _send(world, url, data, anonymous=False, **kwargs):
    app = world["app"]
    before = _rows(app)
    person = RepActions(app.test_client()) if anonymous else world["me"]
    response = person.post(url, data, **kwargs)
    assert response.status_code < 500, (url, data)
    if response.status_code != 302:  # refused: nothing may have been written
        assert _rows(app) == before, (url, data)
    return response


FORMS = {
    "register": ("/account/register", ["name", "email", "password", "confirm"], True),
    "login": ("/account/login", ["email", "password"], True),
    "language": ("/account/language", ["locale", "next"], True),
    "forgot": ("/mail/forgot", ["email"], True),
    "reset": ("/mail/reset/not-a-token", ["password", "confirm"], True),
    "confirmation": ("/mail/confirm", ["next"], False),
    "address": ("/mail/address", ["email", "password"], False),
    "email_invite": ("/teams/{team}/email", ["addresses", "lang"], False),
    "password": ("/account/password", ["current", "password", "confirm"], False),
    "delete": ("/account/delete", ["password"], False),
    "team": ("/teams/", ["name"], False),
    "invite": ("/teams/{team}/invites", ["role", "expires_in"], False),
    "join": ("/teams/join", ["code"], False),
    "note": ("/teams/{team}/members/{member}", ["body"], False),
    "account": ("/key-accounts/", ["name", "funnel_step", "notes"], False),
    "account_edit": (
        "/key-accounts/{account}",
        ["name", "funnel_step", "notes"],
        False,
    ),
    "contact": (
        "/key-accounts/{account}/contacts/new",
        [
            "name",
            "title",
            "level",
            "role",
            "guide",
            "relationship",
            "reads_situation",
            "integrity",
            "notes",
        ],
        False,
    ),
    "pitch": ("/key-accounts/contacts/{contact}/pitch", ["text"], False),
    "meeting": (
        "/key-accounts/contacts/{contact}/meetings/new",
        ["held_on", "outcome", "customer_action", "notes"],
        False,
    ),
}


@pytest.mark.parametrize("form", sorted(FORMS))
@ONCE
@given(data=st.data())
def test_forms_never_fail(world, form, data):
    """Any text in any field: a page or a redirect, never a 5xx, and no half-written rows."""
    url, fields, anonymous = FORMS[form]
    values = {f: data.draw(ANY, label=f) for f in fields}
    if (
        form in ("register", "account", "team", "contact")
        and values.get("name", "").strip()
    ):
        # keep the database small: creation stays refused
        values["name"] = values["name"][:0]
    _send(world, url.format(**world), values, anonymous=anonymous)


@ONCE
@given(picks=st.lists(ANY, max_size=40), number=st.integers(-3, 6))
def test_round_answers_never_fail(world, picks, number):
    """Any list of picks for any round number is refused cleanly unless it is valid."""
    _send(world, f"/assessment/{world['assessment']}/round/{number}", {"picks": picks})


@ONCE
@given(cues=st.lists(ANY, max_size=50))
def test_estimates_never_fail(world, cues):
    """Unknown or empty cue lists are refused; nothing half-saved."""
    if cues and all(c.startswith("cue-") for c in cues):
        return
    _send(world, f"/key-accounts/contacts/{world['contact']}/estimate", {"cues": cues})


@ONCE
@given(content=st.binary(max_size=2000))
def test_csv_import_never_fails(world, content):
    """Random bytes as a CSV upload: refused line by line, never imported half-way."""
    response = _send(
        world,
        "/key-accounts/import",
        {"file": (io.BytesIO(content), "x.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code in (200, 302)


QUERY_PAGES = [
    "/teams/{team}",
    "/teams/{team}/pair",
    "/key-accounts/",
    "/teams/join",
    "/assessment/history",
    "/",
    "/account/login",
]


@pytest.mark.parametrize("page", QUERY_PAGES)
@ONCE
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "sort",
                "order",
                "pattern",
                "status",
                "q",
                "page",
                "a",
                "b",
                "rep",
                "code",
                "next",
            ]
        ),
        ANY,
        max_size=5,
    )
)
def test_query_parameters_never_fail(world, page, params):
    """Sorting, filtering, paging and ids in the query string never crash a page."""
    response = world["me"].client.get(page.format(**world), query_string=params)
    assert response.status_code < 500, params


def test_a_valid_round_is_still_accepted(world):
    """The fuzzed forms still work for real input (the fuzzing did not lock anything)."""
    response = world["me"].answer(world["assessment"], 1, picks_for({"A": 8})[0])
    assert response.status_code == 302


def test_huge_body_is_refused(client):
    """A request body over 1 MiB is refused with 413 and a readable page."""
    response = client.post("/account/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
