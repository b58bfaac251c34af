"""Every page answers hostile query keys without a 5xx.

Query keys that `url_for` also takes as arguments (`_anchor`, `_method`,
`_external`, `_scheme`, or a route's own argument such as `team_id`) used to
reach `url_for` through `**request.args` and crash it.
"""

import pytest

from app import create_app
from tests.coaching.conftest import CoachActions
from tests.conftest import FAST_HASH
from tests.conftest import close_database
from tests.conftest import database_url
from tests.selling.conftest import RepActions

HOSTILE = {"_anchor": "x", "_method": "POST", "_external": "1", "_scheme": "javascript"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A coach with a team and a member, an account with a contact, a finished assessment."""
    folder = tmp_path_factory.mktemp("keys")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "keys",
            "SQLALCHEMY_DATABASE_URI": database_url(folder),
            "PASSWORD_HASH_METHOD": FAST_HASH,
            "AUTO_MIGRATE": True,
        },
        instance_path=str(folder),
    )
    me = RepActions(app.test_client())
    me.register(email="me@example.com", name="Me")
    team_id = CoachActions.create_team(me)
    member = CoachActions(app.test_client())
    member.register(email="member@example.com", name="Member")
    member.join(CoachActions.invite(me, team_id))
    account_id = me.add_account()
    ids = {
        "team_id": team_id,
        "user_id": 2,
        "account_id": account_id,
        "contact_id": me.add_contact(account_id),
        "assessment_id": me.take_assessment(),
        "number": 1,
        "invite_id": 1,
        "code": "nope",
    }
    yield app, me, ids
    close_database(app)


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint not in ("static", "assets.serve"):
            yield rule


def test_every_page_survives_hostile_query_keys(world):
    """_anchor, _method, _external, _scheme and each route's own argument names: no 5xx."""
    app, me, ids = world
    checked = 0
    for rule in _get_rules(app):
        values = {arg: ids.get(arg, 1) for arg in rule.arguments}
        path = rule.build(values, append_unknown=False)[1]
        for key in (*HOSTILE, *rule.arguments, "next"):
            query = {key: HOSTILE.get(key, "2")}
            response = me.client.get(path, query_string=query)
            assert response.status_code < 500, (path, query, response.status_code)
        response = me.client.get(
            path, query_string={**HOSTILE, **dict.fromkeys(rule.arguments, "2")}
        )
        assert response.status_code < 500, (path, "all at once")
        checked += 1
    assert checked > 20  # every GET page of the app, not a handful
