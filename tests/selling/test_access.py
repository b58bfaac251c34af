"""Who sees what on the rep's pages: every route as owner, their coach, and everyone else."""

import pytest

from tests.coaching.conftest import CoachActions
from tests.selling.conftest import RepActions

MARKER = "Marker-buyer-91c"


@pytest.fixture
def world(app, rep, account):
    """The rep's data with a marker, the rep's coach, another coach, an outsider, a former coach."""
    contact_id = account["contacts"]["decision_maker"]
    rep.post(
        f"/key-accounts/contacts/{contact_id}/edit",
        {
            "name": "张伟",
            "title": MARKER,
            "level": "senior",
            "role": "decision_maker",
            "guide": "none",
            "relationship": "in_contact",
            "reads_situation": "yes",
            "integrity": "no",
            "notes": MARKER,
        },
    )
    rep.estimate(contact_id, "AB")
    rep.post(
        f"/key-accounts/contacts/{contact_id}/meetings/new",
        {"held_on": "2026-01-01", "outcome": "advance", "advances": ["demo"]},
    )
    meeting_id = _meeting_id(app)

    def person(name):
        p = RepActions(app.test_client())
        p.register(email=f"{name}@example.com", name=name.title())
        return p

    coach = person("coach")
    team_id = CoachActions.create_team(coach)
    rep.post(f"/teams/join/{CoachActions.invite(coach, team_id)}")
    other_coach = person("otto")
    CoachActions.create_team(other_coach, "Other")
    former_coach_team = person("fiona")
    fiona_team = CoachActions.create_team(former_coach_team, "Left team")
    rep.post(f"/teams/join/{CoachActions.invite(former_coach_team, fiona_team)}")
    rep.post(f"/teams/{fiona_team}/leave")
    a, c = account["id"], contact_id
    reads = [
        f"/key-accounts/{a}",
        f"/key-accounts/contacts/{c}",
        f"/key-accounts/contacts/{c}/brief",
        f"/key-accounts/contacts/{c}/estimate",
        f"/key-accounts/contacts/{c}/pitch",
    ]
    writes = [
        (f"/key-accounts/{a}", {"name": "x", "funnel_step": "analyse"}),
        (f"/key-accounts/{a}/contacts/new", {"name": "x"}),
        (f"/key-accounts/contacts/{c}/edit", {"name": "x"}),
        (f"/key-accounts/contacts/{c}/estimate", {"cues": ["cue-01"]}),
        (
            f"/key-accounts/contacts/{c}/meetings/new",
            {"held_on": "2026-01-01", "outcome": "order"},
        ),
        (f"/key-accounts/meetings/{meeting_id}/move-on", {}),
        (f"/key-accounts/contacts/{c}/delete", {}),
        (f"/key-accounts/{a}/delete", {}),
    ]
    write_pages = [
        f"/key-accounts/{a}/contacts/new",
        f"/key-accounts/contacts/{c}/edit",
        f"/key-accounts/contacts/{c}/meetings/new",
    ]
    return {
        "rep": rep,
        "coach": coach,
        "otto": other_coach,
        "fiona": former_coach_team,
        "olga": person("olga"),
        "reads": reads,
        "writes": writes,
        "write_pages": write_pages,
        "rep_list": f"/key-accounts/?rep={rep_id(app)}",
    }


def _meeting_id(app):
    from sqlalchemy import select

    from extensions import db
    from selling.models import Meeting

    with app.app_context():
        return db.session.scalar(select(Meeting.id))


def rep_id(app):
    from sqlalchemy import select

    from accounts.models import User
    from extensions import db

    with app.app_context():
        return db.session.scalar(select(User.id).filter_by(email="rep@example.com"))


@pytest.mark.parametrize("who", ["otto", "fiona", "olga"])
def test_everyone_else_gets_404_everywhere(world, who):
    """Other coaches, a coach the rep has left, and outsiders see nothing and change nothing."""
    person = world[who]
    for url in [*world["reads"], *world["write_pages"], world["rep_list"]]:
        response = person.client.get(url)
        assert response.status_code == 404, (who, url)
        assert MARKER not in response.get_data(as_text=True)
    for url, data in world["writes"]:
        assert person.post(url, data).status_code == 404, (who, url)
    html = world["rep"].client.get(world["reads"][1]).get_data(as_text=True)
    assert MARKER in html  # nothing was changed or deleted


def test_the_reps_coach_reads_but_cannot_change(world):
    """The coach of the rep's team reads every page (without the move offer); changes answer 404."""
    coach = world["coach"]
    for url in [*world["reads"], world["rep_list"]]:
        response = coach.client.get(url)
        assert response.status_code == 200, url
    assert MARKER in coach.client.get(world["reads"][1]).get_data(as_text=True)
    account_page = world["reads"][0]
    assert "Move it on" not in coach.client.get(account_page).get_data(as_text=True)
    assert "Move it on" in world["rep"].client.get(account_page).get_data(as_text=True)
    for url in world["write_pages"]:
        assert coach.client.get(url).status_code == 404, url
    for url, data in world["writes"]:
        assert coach.post(url, data).status_code == 404, url
    assert MARKER in world["rep"].client.get(world["reads"][1]).get_data(as_text=True)


def test_owner_reaches_every_route(world):
    """The rep's own requests succeed (pages 200, changes redirect)."""
    rep = world["rep"]
    for url in [*world["reads"], *world["write_pages"]]:
        assert rep.client.get(url).status_code == 200, url
    for url, data in world["writes"]:
        assert rep.post(url, data).status_code in (200, 302), url


def test_logged_out_visitors_are_sent_to_log_in(client, world):
    """Without a session every page redirects to log in."""
    for url in [
        *world["reads"],
        "/key-accounts/",
        "/key-accounts/export.csv",
        "/key-accounts/import",
    ]:
        response = client.get(url)
        assert (
            response.status_code == 302
            and "/account/login" in response.headers["Location"]
        )


def test_export_holds_only_the_users_own_contacts(world):
    """Another user's export never includes the rep's buyers."""
    assert MARKER not in world["otto"].client.get("/key-accounts/export.csv").get_data(
        as_text=True
    )
    assert MARKER in world["rep"].client.get("/key-accounts/export.csv").get_data(
        as_text=True
    )
