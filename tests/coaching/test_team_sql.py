"""The team page's SQL (aggregates and one page of the table) agrees with the
plain-Python rules it replaces, on every sort, filter and page."""

import itertools

import pytest
from sqlalchemy import select

from accounts.models import User
from coaching import queries
from coaching.composite import compose
from coaching.composite import compose_groups
from coaching.demo import gen_team
from coaching.table import browse
from extensions import db


@pytest.fixture
def team(app):
    """120 members, about a tenth without a profile, some names differing only in case."""
    with app.app_context():
        team_id, _coach = gen_team(120, seed=5)
        members = db.session.scalars(
            select(User).where(User.email.like(f"m{team_id}-%")).order_by(User.id)
        ).all()
        for person, name in zip(
            members, ["anna", "Anna", "ANNA", "bo", "张伟"], strict=False
        ):
            person.name = name
        db.session.commit()
        yield team_id


def _same(page, expected):
    assert (page.number, page.pages, page.total) == (
        expected.number,
        expected.pages,
        expected.total,
    )
    assert [r.user_id for r in page.rows] == [r.user_id for r in expected.rows]
    assert page.rows == expected.rows


@pytest.mark.parametrize(
    "sort,descending",
    list(itertools.product(["name", "code", "pattern", "date", "bad"], [False, True])),
)
def test_each_sort_and_page_matches_the_python_rules(team, sort, descending):
    """Pages 1, 2, 3 and past the end, sorted each way, as browse() orders them."""
    rows = queries.member_rows(team)
    for page in (1, 2, 3, 99, 0):
        query = {"sort": sort, "descending": descending, "page": page}
        _same(queries.member_page(team, **query), browse(rows, **query))
        _same(queries.member_page(team, **query, size=120), browse(rows, **query))


@pytest.mark.parametrize(
    "filters",
    [
        {"pattern": "A"},
        {"pattern": "none"},
        {"pattern": "ABCD", "sort": "code"},
        {"status": "done", "sort": "date", "descending": True},
        {"status": "waiting"},
        {"text": "ANN"},
        {"text": " an "},
        {"text": "张"},
        {"text": "%"},
        {"text": "_"},
    ],
)
def test_each_filter_matches_the_python_rules(team, filters):
    """Pattern, status and name filters keep the same members."""
    rows = queries.member_rows(team)
    _same(queries.member_page(team, **filters), browse(rows, **filters))
    # The team's size stands for the count only when nothing is filtered out.
    _same(queries.member_page(team, **filters, size=120), browse(rows, **filters))


def test_aggregates_match_the_python_rules(team):
    """Averages, pattern counts, primaries and blind spots from SQL equal the sums in Python."""
    rows = queries.member_rows(team)
    expected = compose(len(rows), ((r.counts, r.pattern) for r in rows if r.counts))
    found = compose_groups(*queries.team_groups(team))
    assert found.size == expected.size == 120
    assert found.profiled == expected.profiled
    assert found.average == pytest.approx(expected.average)
    assert found.patterns == expected.patterns
    assert found.primaries == expected.primaries
    assert found.blind_spots == expected.blind_spots
