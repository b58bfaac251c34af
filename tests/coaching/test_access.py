"""Who sees what on the team pages: every coach route, walked as every kind of outsider."""

import pytest
from sqlalchemy import select

from accounts.models import User
from coaching.models import Invite
from extensions import db
from tests.helpers import shows as _shows

MARKER = "Marker-7f3a"  # planted in the team's private data; must never leak


@pytest.fixture
def world(app, team, people):
    """The team plus a former member, a coach of another team, and a plain outsider."""
    coach = team["coach"]
    ids = {}
    with app.app_context():
        for name in ("ann", "bo", "coach"):
            ids[name] = db.session.scalar(
                select(User.id).filter_by(email=f"{name}@example.com")
            )
        invite_id = db.session.scalar(select(Invite.id).filter_by(code=team["code"]))
    coach.post(f"/teams/{team['id']}/members/{ids['ann']}", {"body": MARKER})
    former = people("fay")
    former.join(team["code"])
    former.post(f"/teams/{team['id']}/leave")
    other_coach = people("otto")
    other_coach.create_team("Other team")
    outsider = people("olga")
    t = team["id"]
    coach_routes = [
        ("get", f"/teams/{t}/members/{ids['ann']}"),
        ("post", f"/teams/{t}/members/{ids['ann']}"),
        ("get", f"/teams/{t}/pair?a={ids['ann']}&b={ids['bo']}"),
        ("get", f"/teams/{t}/export.csv"),
        ("get", f"/teams/{t}/report"),
        ("post", f"/teams/{t}/invites"),
        ("post", f"/teams/{t}/invites/{invite_id}/revoke"),
    ]
    shared_routes = [("get", f"/teams/{t}"), ("get", f"/teams/{t}/pair")]
    return {
        "team": team,
        "ids": ids,
        "coach_routes": coach_routes,
        "shared_routes": shared_routes,
        "former": former,
        "other_coach": other_coach,
        "outsider": outsider,
    }


def _call(person, method, url):
    if method == "get":
        return person.client.get(url)
    return person.post(url, {"body": "x", "role": "member", "expires_in": "7"})


@pytest.mark.parametrize("who", ["outsider", "former", "other_coach", "member"])
def test_coach_routes_answer_404_to_everyone_but_the_coach(world, who):
    """Members, former members, other coaches and outsiders get 404 on every coach route."""
    person = world["team"]["members"][0] if who == "member" else world[who]
    for method, url in world["coach_routes"]:
        response = _call(person, method, url)
        assert response.status_code == 404, (who, method, url)
        assert MARKER not in response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["outsider", "former", "other_coach"])
def test_team_page_and_pairs_are_404_outside_the_team(world, who):
    """Someone not in the team cannot see even the anonymous composite."""
    for method, url in world["shared_routes"]:
        response = _call(world[who], method, url)
        assert response.status_code == 404, (who, url)


def test_coach_reaches_every_route(world):
    """The coach gets a page (or a redirect after a POST) on each route."""
    coach = world["team"]["coach"]
    for method, url in world["coach_routes"] + world["shared_routes"]:
        response = _call(coach, method, url)
        assert response.status_code in (200, 302), (method, url)
    html = coach.client.get(
        f"/teams/{world['team']['id']}/members/{world['ids']['ann']}"
    )
    assert MARKER in html.get_data(as_text=True)


def test_logged_out_visitors_are_sent_to_log_in(client, world):
    """Without a session every team route redirects to the log-in page."""
    for method, url in world["coach_routes"] + world["shared_routes"]:
        response = client.get(url) if method == "get" else client.post(url)
        if method == "post":
            assert response.status_code in (302, 400), url  # CSRF may refuse first
        else:
            assert (
                response.status_code == 302
                and "/account/login" in response.headers["Location"]
            )


def test_members_never_see_other_members_data(world):
    """No page a member can open names another member or shows the marker."""
    ann = world["team"]["members"][0]
    t = world["team"]["id"]
    for url in [
        f"/teams/{t}",
        f"/teams/{t}/pair",
        f"/teams/{t}/pair?b={world['ids']['coach']}",
        "/teams/",
    ]:
        html = ann.client.get(url).get_data(as_text=True)
        assert not _shows(html, "Bo") and MARKER not in html, url


def test_coaches_see_profiles_only_through_the_team_pages(app, world):
    """A member's own assessment pages stay the member's: their coach gets 404 there too."""
    from assessment.models import Assessment

    with app.app_context():
        ann_assessment = db.session.scalar(
            select(Assessment.id).filter_by(user_id=world["ids"]["ann"])
        )
    for who in (
        world["team"]["coach"],
        world["other_coach"],
        world["former"],
        world["outsider"],
    ):
        for url in [
            f"/assessment/{ann_assessment}",
            f"/assessment/{ann_assessment}/report",
            f"/assessment/{ann_assessment}/review",
        ]:
            assert who.client.get(url).status_code == 404, url
