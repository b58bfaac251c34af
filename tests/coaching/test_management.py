"""Coach access can be withdrawn: removing members and coaches, stepping down,
archiving, single-use coach codes, and invitations that die with their maker."""

import logging

import pytest
from sqlalchemy import func
from sqlalchemy import select

from coaching.models import Invite
from coaching.models import InviteUse
from coaching.models import Membership
from coaching.models import Team
from extensions import db
from tests.coaching.conftest import user_id
from tests.helpers import shows as _shows

MARKER = "Marker-5be1"  # a private note; must never reach anyone but the coaches


@pytest.fixture
def events(caplog):
    """The security log, as text."""
    caplog.set_level(logging.INFO, logger="wholebrain.security")
    return caplog


def _co_coach(team, people, name="dana"):
    """Someone who joined the team with a coach invitation."""
    person = people(name)
    person.join(team["coach"].invite(team["id"], role="coach"))
    return person


def _refusal(person, code):
    """What the join page says about a code (the message beside the field)."""
    html = person.post("/teams/join", {"code": code}).get_data(as_text=True)
    return (
        html.split('id="code-error">')[1].split("<")[0] if "code-error" in html else ""
    )


def test_a_coach_invitation_lets_one_person_in(team, people):
    """Probe: one coach code made two people coaches. The second is now refused."""
    t = team["id"]
    code = team["coach"].invite(t, role="coach")
    dana, eve = people("dana"), people("eve")
    dana.join(code)
    assert dana.client.get(f"/teams/{t}/export.csv").status_code == 200
    eve.join(code)
    for url in (f"/teams/{t}", f"/teams/{t}/export.csv"):
        assert eve.client.get(url).status_code == 404, url
    assert _refusal(eve, code).startswith("This invitation has already been used.")


def test_member_invitations_let_many_people_in(team, people):
    """A member code works for everyone it is sent to: the team's two members and one more."""
    carl = people("carl")
    carl.join(team["code"])
    assert carl.client.get(f"/teams/{team['id']}").status_code == 200


def test_coach_removes_a_co_coach(app, team, people, events):
    """Probe: a co-coach could not be removed. Now the team page asks, then they see
    nothing of the team, the codes they made stop working, and the log says who did it."""
    t, coach = team["id"], team["coach"]
    dana = _co_coach(team, people)
    dana_code = dana.invite(t)
    dana_id, ann_id = user_id(app, "dana"), user_id(app, "ann")
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    assert f'action="/teams/{t}/coaches/{dana_id}/remove"' in page
    assert 'data-confirm="Remove Dana as a coach of North sales?' in page
    response = coach.post(f"/teams/{t}/coaches/{dana_id}/remove")
    assert response.headers["Location"] == f"/teams/{t}#coaches"
    for url in (
        f"/teams/{t}",
        f"/teams/{t}/export.csv",
        f"/teams/{t}/members/{ann_id}",
    ):
        assert dana.client.get(url).status_code == 404, url
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    assert "Dana no longer coaches this team." in page and "Coaches: Coach\n" in page
    nick = people("nick")
    assert _refusal(nick, dana_code).startswith("This invitation was withdrawn.")
    assert f"team_coach_removed user={user_id(app, 'coach')}" in events.text
    assert f"coach={dana_id}" in events.text


def test_a_removed_coach_cannot_come_back_with_an_older_code(app, team, people):
    """Coach codes made before a removal do not bring the removed coach back."""
    t, coach = team["id"], team["coach"]
    spare = coach.invite(t, role="coach")
    dana = _co_coach(team, people)
    coach.post(f"/teams/{t}/coaches/{user_id(app, 'dana')}/remove")
    dana.join(spare)
    assert dana.client.get(f"/teams/{t}").status_code == 404
    page = dana.client.get(f"/teams/join/{spare}", follow_redirects=True)
    assert "A coach removed you from this team" in page.get_data(as_text=True)


def test_a_coach_cannot_remove_themself_or_someone_who_is_no_coach(app, team):
    """Leaving oneself is stepping down; a member is removed from their own page."""
    t, coach = team["id"], team["coach"]
    for who in ("coach", "ann"):
        response = coach.post(f"/teams/{t}/coaches/{user_id(app, who)}/remove")
        assert response.status_code == 404, who
    assert coach.client.get(f"/teams/{t}").status_code == 200


def test_coach_removes_a_member(app, team, people, events):
    """The member page asks first; then the member is out, it is logged, and the
    code they joined with no longer brings them back (a new one does)."""
    t, coach = team["id"], team["coach"]
    ann = team["members"][0]
    ann_id = user_id(app, "ann")
    page = coach.client.get(f"/teams/{t}/members/{ann_id}").get_data(as_text=True)
    assert f'action="/teams/{t}/members/{ann_id}/remove"' in page
    assert 'data-confirm="Remove Ann from North sales?"' in page
    response = coach.post(f"/teams/{t}/members/{ann_id}/remove")
    assert response.headers["Location"] == f"/teams/{t}#members"
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    assert "Ann is no longer in the team." in page
    assert "1 of 1 members have a profile." in page
    assert ann.client.get(f"/teams/{t}").status_code == 404
    assert coach.client.get(f"/teams/{t}/members/{ann_id}").status_code == 404
    assert f"team_member_removed user={user_id(app, 'coach')}" in events.text
    ann.join(team["code"])
    assert ann.client.get(f"/teams/{t}").status_code == 404
    ann.join(coach.invite(t))
    assert ann.client.get(f"/teams/{t}").status_code == 200
    # a member who left on their own may come back with the code they had
    bo = team["members"][1]
    bo.post(f"/teams/{t}/leave")
    bo.join(team["code"])
    assert bo.client.get(f"/teams/{t}").status_code == 200


def test_a_coach_steps_down_and_the_other_coach_carries_on(app, team, people, events):
    """Stepping down ends the role and kills the codes the coach made; the team goes on."""
    t, coach = team["id"], team["coach"]
    dana = _co_coach(team, people)
    open_code = coach.invite(t)
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    assert 'data-confirm="Step down as a coach of North sales?"' in page
    response = coach.post(f"/teams/{t}/step-down")
    assert response.headers["Location"] == "/teams/"
    assert coach.client.get(f"/teams/{t}").status_code == 404
    assert "Coaches: Dana\n" in dana.client.get(f"/teams/{t}").get_data(as_text=True)
    nick = people("nick")
    for code in (open_code, team["code"]):
        assert _refusal(nick, code).startswith("This invitation was withdrawn.")
    assert "team_coach_stepped_down" in events.text
    # Dana is now the last coach, and may not simply leave
    dana.post(f"/teams/{t}/step-down")
    assert dana.client.get(f"/teams/{t}").status_code == 200


def test_the_last_coach_cannot_just_step_down(team):
    """A team never loses its last coach without a successor or being archived."""
    t, coach = team["id"], team["coach"]
    response = coach.post(f"/teams/{t}/step-down")
    assert response.headers["Location"] == f"/teams/{t}#coaches"
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    assert "Invite a coach to take over first, or archive the team." in page
    assert "Step down and archive the team" in page
    assert 'data-confirm="Archive North sales? Nobody will see the team' in page


def test_the_last_coach_archives_the_team(app, team, events):
    """Archiving ends every sharing period and invitation; members keep their profiles."""
    t, coach = team["id"], team["coach"]
    ann = team["members"][0]
    response = coach.post(f"/teams/{t}/archive")
    assert response.headers["Location"] == "/teams/"
    for person in (coach, ann, team["members"][1]):
        assert person.client.get(f"/teams/{t}").status_code == 404
        assert "North sales" not in person.client.get("/teams/").get_data(as_text=True)
    assert _refusal(ann, team["code"]).startswith("This invitation was withdrawn.")
    assert ann.client.get("/assessment/history").status_code == 200
    with app.app_context():
        assert db.session.get(Team, t).archived_at is not None
        active = select(func.count()).select_from(Membership)
        assert db.session.scalar(active.where(Membership.left_at.is_(None))) == 0
    assert f"team_archived user={user_id(app, 'coach')}" in events.text


def test_only_the_last_coach_archives(team, people):
    """While another coach stays, archiving is refused: step down instead."""
    t, coach = team["id"], team["coach"]
    _co_coach(team, people)
    coach.post(f"/teams/{t}/archive")
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    assert "Other coaches still run this team" in page
    assert team["members"][0].client.get(f"/teams/{t}").status_code == 200


def test_codes_die_with_their_makers_account(app, people):
    """Probe: after coach O deleted their account, a newcomer used O's coach code
    and read O's notes. Now the code is withdrawn and the notes stay closed."""
    olga, pat = people("olga"), people("pat")
    t = olga.create_team()
    pat.join(olga.invite(t, role="coach"))
    ann = people("ann")
    ann.join(olga.invite(t))
    ann.take_assessment()
    ann_id = user_id(app, "ann")
    olga.post(f"/teams/{t}/members/{ann_id}", {"body": MARKER})
    code = olga.invite(t, role="coach")
    olga.post("/account/delete", {"password": "correct horse"})
    nick = people("nick")
    assert _refusal(nick, code).startswith("This invitation was withdrawn.")
    nick.join(code)
    response = nick.client.get(f"/teams/{t}/members/{ann_id}")
    assert response.status_code == 404 and MARKER not in response.get_data(as_text=True)
    # the team goes on with its other coach, who still reads the note
    page = pat.client.get(f"/teams/{t}/members/{ann_id}").get_data(as_text=True)
    assert MARKER in page and "a former coach" in page


def test_deleting_the_last_coachs_account_archives_the_team(app, team, events):
    """A team is never left without a coach: its last coach's deletion archives it."""
    t, ann = team["id"], team["members"][0]
    team["coach"].post("/account/delete", {"password": "correct horse"})
    assert ann.client.get(f"/teams/{t}").status_code == 404
    assert _refusal(ann, team["code"]).startswith("This invitation was withdrawn.")
    with app.app_context():
        assert db.session.get(Team, t).archived_at is not None
    assert "team_archived" in events.text and "reason=last_coach_deleted" in events.text


def test_invitations_record_who_made_and_who_used_them(app, team, people):
    """The team page names each code's maker and counts its uses; the code's own
    page lists who joined with it and when, even after an account is deleted."""
    t, coach = team["id"], team["coach"]
    with app.app_context():
        member_code = db.session.scalar(select(Invite.id).filter_by(code=team["code"]))
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    invites = page[page.index('id="invites"') :]
    assert "Made by" in invites and "Coach · " in invites
    assert f'href="/teams/{t}/invites/{member_code}">2 joined<' in invites
    detail = coach.client.get(f"/teams/{t}/invites/{member_code}").get_data(
        as_text=True
    )
    assert "Ann" in detail and "Bo" in detail and "Who joined with it" in detail
    code = coach.invite(t, role="coach")
    people("dana").join(code)
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    past = page[page.index("Invitations that no longer work") :]
    assert f"<code>{code}</code>" in past and "used up" in past
    team["members"][0].post("/account/delete", {"password": "correct horse"})
    detail = coach.client.get(f"/teams/{t}/invites/{member_code}").get_data(
        as_text=True
    )
    assert (
        "a deleted account" in detail and "Bo" in detail and not _shows(detail, "Ann")
    )
    with app.app_context():
        uses = select(func.count()).select_from(InviteUse)
        assert db.session.scalar(uses.where(InviteUse.invite_id == member_code)) == 2


def test_revoking_asks_first_and_is_logged(app, team, events):
    """Probe: revoking took effect without a confirmation, unlike leaving and deleting."""
    t, coach = team["id"], team["coach"]
    page = coach.client.get(f"/teams/{t}").get_data(as_text=True)
    form = page[page.index(f'action="/teams/{t}/invites/') :].split(">")[0]
    assert f'data-confirm="Revoke the code {team["code"]}?' in form
    with app.app_context():
        invite_id = db.session.scalar(select(Invite.id).filter_by(code=team["code"]))
    coach.post(f"/teams/{t}/invites/{invite_id}/revoke")
    assert f"invite_revoked user={user_id(app, 'coach')}" in events.text


@pytest.mark.parametrize("who", ["outsider", "member", "other_coach", "former"])
def test_management_routes_answer_404_to_everyone_but_a_coach(app, team, people, who):
    """Removing, stepping down, archiving and reading an invitation are for the team's coaches."""
    t = team["id"]
    ann_id, coach_id = user_id(app, "ann"), user_id(app, "coach")
    with app.app_context():
        invite_id = db.session.scalar(select(Invite.id).filter_by(code=team["code"]))
    person = {"member": lambda: team["members"][1]}.get(who, lambda: people(who))()
    if who == "other_coach":
        person.create_team("Other team")
    if who == "former":
        person.join(team["code"])
        person.post(f"/teams/{t}/leave")
    for url in (
        f"/teams/{t}/members/{ann_id}/remove",
        f"/teams/{t}/coaches/{coach_id}/remove",
        f"/teams/{t}/step-down",
        f"/teams/{t}/archive",
    ):
        assert person.post(url).status_code == 404, url
    assert person.client.get(f"/teams/{t}/invites/{invite_id}").status_code == 404
    assert team["members"][0].client.get(f"/teams/{t}").status_code == 200


def test_management_needs_the_csrf_token(app, team):
    """Every removal, step-down and archive is a POST with the form's token."""
    t, client = team["id"], team["coach"].client
    for url in (
        f"/teams/{t}/members/{user_id(app, 'ann')}/remove",
        f"/teams/{t}/step-down",
        f"/teams/{t}/archive",
    ):
        assert client.post(url).status_code == 400, url
    assert team["members"][0].client.get(f"/teams/{t}").status_code == 200


def test_people_racing_for_a_coach_code_let_exactly_one_in(app, team, people):
    """Eight people accept one single-use code at the same moment: one gets in."""
    from concurrent.futures import ThreadPoolExecutor

    t = team["id"]
    code = team["coach"].invite(t, role="coach")
    racers = [people(f"racer{i}") for i in range(8)]
    with ThreadPoolExecutor(len(racers)) as pool:
        list(pool.map(lambda r: r.join(code), racers))
    inside = [r for r in racers if r.client.get(f"/teams/{t}").status_code == 200]
    assert len(inside) == 1
    with app.app_context():
        invite = db.session.scalar(select(Invite).filter_by(code=code))
        uses = select(func.count()).select_from(InviteUse)
        assert invite.use_count == 1
        assert db.session.scalar(uses.where(InviteUse.invite_id == invite.id)) == 1
