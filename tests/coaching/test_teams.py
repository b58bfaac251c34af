"""Teams: create, invite, join, leave, and what the coach and members see."""

import csv
import io
import re
from datetime import timedelta

from sqlalchemy import select

from accounts.models import User
from coaching.models import Invite
from database import utcnow
from extensions import db
from tests.conftest import picks_for
from tests.helpers import shows as _shows


def _user_id(app, email):
    with app.app_context():
        return db.session.scalar(select(User.id).filter_by(email=email))


def test_coach_creates_a_team_and_an_invitation(people):
    """The creator becomes coach and gets a code and a link to share."""
    coach = people("coach")
    team_id = coach.create_team("华东大客户组")
    html = coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert "华东大客户组" in html
    assert "No members here yet" in html
    code = coach.invite(team_id)
    assert f"/teams/join/{code}" in coach.client.get(f"/teams/{team_id}").get_data(
        as_text=True
    )


def test_team_name_is_required(people):
    """An empty name gets a message beside the field and makes no team."""
    coach = people("coach")
    response = coach.post("/teams/", {"name": "  "})
    assert response.status_code == 200
    assert 'id="name-error">Please name the team.' in response.get_data(as_text=True)
    assert "Teams you coach" not in response.get_data(as_text=True)


def test_joining_shows_team_and_coach_first(people):
    """Before joining, a trainee sees which team and coach they will share with."""
    coach = people("coach")
    team_id = coach.create_team("North sales")
    code = coach.invite(team_id)
    ann = people("ann")
    page = ann.client.get(f"/teams/join/{code}", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Join North sales?" in page
    assert "Coach" in page  # the coach's name
    assert "The coaches will see the profiles you complete from now on" in page
    response = ann.join(code)
    assert response.headers["Location"] == f"/teams/{team_id}"
    assert "Welcome to North sales." in ann.client.get(f"/teams/{team_id}").get_data(
        as_text=True
    )


def test_joining_twice_is_harmless(app, people):
    """A second join says so and changes nothing."""
    coach = people("coach")
    team_id = coach.create_team()
    code = coach.invite(team_id)
    ann = people("ann")
    ann.join(code)
    ann.join(code)
    html = ann.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert "You are already in this team." in html
    assert "1 of 1 members" not in html  # not a coach's view
    coach_html = coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert (
        coach_html.count(f'href="/teams/{team_id}/members/') == 2
    )  # one row: name + link


def test_wrong_expired_and_revoked_codes_are_explained(app, people):
    """Each bad code gets its own message beside the field; nobody joins."""
    coach = people("coach")
    team_id = coach.create_team()
    expired = coach.invite(team_id)
    with app.app_context():
        invite = db.session.scalar(select(Invite).filter_by(code=expired))
        invite.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    revoked = coach.invite(team_id)
    with app.app_context():
        invite_id = db.session.scalar(select(Invite.id).filter_by(code=revoked))
    coach.post(f"/teams/{team_id}/invites/{invite_id}/revoke")
    ann = people("ann")
    for code, message in [
        ("nonsense", "There is no invitation with this code."),
        (expired, "This invitation has expired."),
        (revoked, "This invitation was withdrawn."),
    ]:
        html = ann.post("/teams/join", {"code": code}).get_data(as_text=True)
        assert 'id="code-error">' + message in html
        ann.join(code)
        assert ann.client.get(f"/teams/{team_id}").status_code == 404


def test_code_error_in_chinese(people):
    """The message follows the user's language."""
    ann = people("ann")
    ann.post("/account/language", {"locale": "zh_CN"})
    html = ann.post("/teams/join", {"code": "nonsense"}).get_data(as_text=True)
    assert "没有这个邀请码" in html


def test_coach_team_page_shows_members_profiles_and_blind_spots(team):
    """The coach sees each member's code and pattern, the distribution and blind spots."""
    html = team["coach"].client.get(f"/teams/{team['id']}").get_data(as_text=True)
    assert "Ann" in html and "Bo" in html
    assert "1-1-3-3" in html and "3-3-1-1" in html
    assert "2 of 2 members have a profile." in html
    assert "Every quadrant has at least one member who leads with it" in html
    assert "&#34;Team average&#34;" in html  # the average trace of the radar
    assert "AB: " in html and "CD: " in html  # pattern distribution names
    assert "Three common coaching traps" in html  # the course's three problems


def test_blind_spot_named_when_nobody_leads_there(people):
    """A team where nobody is coded 1 in D shows D as a blind spot and how to reach such buyers."""
    coach = people("coach")
    team_id = coach.create_team()
    code = coach.invite(team_id)
    ann = people("ann")
    ann.join(code)
    ann.take_assessment(picks_for({"A": 4, "B": 2, "C": 2}))
    html = coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    section = html[html.index("<h2>Blind spots</h2>") :]
    assert "No member leads with these quadrants" in section
    assert "D: imaginative" in section and "To reach such a buyer:" in section
    assert "The team leans to the left brain" in html


def test_member_table_sorts_filters_and_marks_who_has_not_finished(team, people):
    """The coach can filter by pattern and status and sort by any column."""
    carl = people("carl")
    carl.join(team["code"])
    client = team["coach"].client
    url = f"/teams/{team['id']}"
    waiting = client.get(url + "?status=waiting").get_data(as_text=True)
    table = waiting[waiting.index('id="members"') :]
    assert "Carl" in table and "not finished yet" in table and "Ann" not in table
    only_cd = client.get(url + "?pattern=CD").get_data(as_text=True)
    table = only_cd[only_cd.index('id="members"') :]
    assert "Bo" in table and "Ann" not in table
    by_code = client.get(url + "?sort=code&order=desc").get_data(as_text=True)
    table = by_code[by_code.index("<tbody>", by_code.index('id="members"')) :]
    assert table.index("Bo") < table.index("Ann") < table.index("Carl")
    by_name = client.get(url + "?sort=name&order=desc&q=a").get_data(as_text=True)
    table = by_name[by_name.index("<tbody>", by_name.index('id="members"')) :]
    assert table.index("Carl") < table.index("Ann") and "Bo<" not in table


def test_profiles_before_joining_stay_private(people):
    """A profile finished before joining is not shared; the next one is."""
    coach = people("coach")
    team_id = coach.create_team()
    ann = people("ann")
    ann.take_assessment(picks_for({"A": 8}))
    ann.join(coach.invite(team_id))
    html = coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert "0 of 1 members have a profile." in html
    ann.take_assessment(picks_for({"D": 8}))
    html = coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert "1 of 1 members have a profile." in html and "3-3-3-1" in html


def test_member_sees_only_the_anonymous_composite(team):
    """A member sees the team without names, and their coach's name; in a team this
    small, not even the map (tests/coaching/test_member_view.py)."""
    ann = team["members"][0]
    html = ann.client.get(f"/teams/{team['id']}").get_data(as_text=True)
    assert "2 of 2 members have a profile." not in html and "Still needed: 3." in html
    assert not _shows(html, "Bo") and "bo@example.com" not in html
    assert "3-3-1-1" not in html
    assert "Compare me with Coach" in html
    assert "Three common coaching traps" not in html  # written for coaches


def test_leaving_ends_sharing(app, team):
    """After a member leaves, the coach sees nothing more of them."""
    ann, bo = team["members"]
    ann_id = _user_id(app, "ann@example.com")
    response = ann.post(f"/teams/{team['id']}/leave")
    assert response.headers["Location"] == "/teams/"
    coach = team["coach"].client
    html = coach.get(f"/teams/{team['id']}").get_data(as_text=True)
    assert "Ann" not in html and "1 of 1 members have a profile." in html
    assert coach.get(f"/teams/{team['id']}/members/{ann_id}").status_code == 404
    assert "Ann" not in coach.get(f"/teams/{team['id']}/export.csv").get_data(
        as_text=True
    )
    assert ann.client.get(f"/teams/{team['id']}").status_code == 404


def test_rejoining_starts_a_new_sharing_period(app, team):
    """A former member who joins again shares only what they complete afterwards."""
    ann = team["members"][0]
    ann.post(f"/teams/{team['id']}/leave")
    ann.join(team["code"])
    html = team["coach"].client.get(f"/teams/{team['id']}").get_data(as_text=True)
    assert "1 of 2 members have a profile." in html


def test_second_coach_joins_with_a_coach_code(team, people):
    """A coach invitation makes its holder a coach who sees the members."""
    code = team["coach"].invite(team["id"], role="coach")
    dana = people("dana")
    dana.join(code)
    html = dana.client.get(f"/teams/{team['id']}").get_data(as_text=True)
    assert "1-1-3-3" in html and "Coach, Dana" in html


def test_member_page_guidance_and_private_notes(app, team):
    """The member page gives feedback advice, sales steps, exercises, and keeps notes for coaches."""
    ann_id = _user_id(app, "ann@example.com")
    coach = team["coach"]
    url = f"/teams/{team['id']}/members/{ann_id}"
    html = coach.client.get(url).get_data(as_text=True)
    assert "How to coach Ann" in html
    assert "Praise that lands" in html and "Correction that lands" in html
    assert "comes naturally" in html and "will be hard" in html
    assert "Development exercises" in html
    empty = coach.post(url, {"body": ""})
    assert 'id="body-error">Please write the note first.' in empty.get_data(
        as_text=True
    )
    coach.post(url, {"body": "Wants numbers first <b>always</b>"})
    html = coach.client.get(url).get_data(as_text=True)
    assert "Wants numbers first &lt;b&gt;always&lt;/b&gt;" in html
    # the member cannot read it, and no other page of theirs shows it
    ann = team["members"][0]
    assert ann.client.get(url).status_code == 404
    assert "Wants numbers" not in ann.client.get(f"/teams/{team['id']}").get_data(
        as_text=True
    )


def test_pair_view_for_coach_and_for_member(app, team):
    """Coach compares two members; a member compares themself with the coach only."""
    ann_id = _user_id(app, "ann@example.com")
    bo_id = _user_id(app, "bo@example.com")
    coach_id = _user_id(app, "coach@example.com")
    coach = team["coach"].client
    html = coach.get(f"/teams/{team['id']}/pair?a={ann_id}&b={bo_id}").get_data(
        as_text=True
    )
    assert "Where you differ most" in html
    assert "How Ann reaches Bo" in html and "How Bo reaches Ann" in html
    assert html.count("B: organised ↔ D: imaginative") == 1
    assert html.count("A: analytical ↔ C: interpersonal") == 1
    reach = html[html.index("How Ann reaches Bo") :]
    first_stop = re.search(r'<li class="q-([ABCD])"', reach).group(1)
    assert first_stop in "CD"  # start where Bo is strongest
    ann = team["members"][0].client
    assert ann.get(f"/teams/{team['id']}/pair?b={bo_id}").status_code == 404
    own = ann.get(f"/teams/{team['id']}/pair?b={coach_id}").get_data(as_text=True)
    assert "Coach has no profile to compare yet." in own


def test_csv_export_has_bom_chinese_names_and_safe_cells(app, team, people):
    """The CSV opens in Excel with Chinese intact and no cell can run as a formula."""
    wang = people("wang")
    with app.app_context():
        db.session.scalar(
            select(User).filter_by(email="wang@example.com")
        ).name = "=王小明"
        db.session.commit()
    wang.join(team["code"])
    response = team["coach"].client.get(f"/teams/{team['id']}/export.csv")
    assert response.mimetype == "text/csv"
    raw = response.data
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Email", "Joined", "Latest assessment"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Ann"][4:10] == ["9", "9", "3", "3", "1-1-3-3", "AB"]
    assert "'=王小明" in by_name


def test_printable_team_report(team):
    """The team report lists every member for printing."""
    html = (
        team["coach"].client.get(f"/teams/{team['id']}/report").get_data(as_text=True)
    )
    assert "Team report: North sales" in html
    assert "Ann" in html and "Bo" in html and "print-button" in html
