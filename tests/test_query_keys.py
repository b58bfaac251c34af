"""Every page answers hostile query keys without a 5xx.

Query keys that `url_for` also takes as arguments (`_anchor`, `_method`,
`_external`, `_scheme`, or a route's own argument such as `team_id`) used to
reach `url_for` through `**request.args` and crash it.
"""

import pytest

HOSTILE = {"_anchor": "x", "_method": "POST", "_external": "1", "_scheme": "javascript"}


@pytest.fixture(scope="module")
def walked(world):
    """The shared world plus a finished assessment, with ids named as routes name them."""
    me = world["me"]
    ids = {
        "team_id": world["team"],
        "user_id": world["member"],
        "account_id": world["account"],
        "contact_id": world["contact"],
        "assessment_id": me.take_assessment(),
        "number": 1,
        "invite_id": 1,
        "code": "nope",
    }  # fmt: skip - one route argument a pair
    return world["app"], me, ids


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint not in ("static", "assets.serve"):
            yield rule


def test_every_page_survives_hostile_query_keys(walked):
    """_anchor, _method, _external, _scheme and each route's own argument names: no 5xx."""
    app, me, ids = walked
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
