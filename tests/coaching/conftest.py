"""Fixtures for team tests: a coach, trainees, a team and its invitation codes."""

import re

import pytest

from tests.conftest import Actions


class CoachActions(Actions):
    """What a coach does: make a team, make codes; and what a trainee does to join."""

    def create_team(self, name="North sales"):
        response = self.post("/teams/", {"name": name})
        return int(re.search(r"/teams/(\d+)", response.headers["Location"]).group(1))

    def invite(self, team_id, role="member", expires_in="7"):
        self.post(f"/teams/{team_id}/invites", {"role": role, "expires_in": expires_in})
        html = self.client.get(f"/teams/{team_id}").get_data(as_text=True)
        return re.findall(r'<code class="invite-code">([^<]+)</code>', html)[0]

    def join(self, code):
        return self.post(f"/teams/join/{code}")


def user_id(app, name):
    """The id of the person `people(name)` made."""
    from sqlalchemy import select

    from accounts.models import User
    from extensions import db

    with app.app_context():
        return db.session.scalar(select(User.id).filter_by(email=f"{name}@example.com"))


@pytest.fixture
def people(app):
    """Make signed-in users on their own clients: people('coach'), people('ann')..."""

    def make(name):
        person = CoachActions(app.test_client())
        person.register(email=f"{name}@example.com", name=name.title())
        return person

    return make


@pytest.fixture
def team(people):
    """A team with a coach and two members who took the questionnaire after joining."""
    from tests.conftest import picks_for

    coach = people("coach")
    team_id = coach.create_team()
    code = coach.invite(team_id)
    members = []
    for name, picks in [
        ("ann", {"A": 3, "B": 3, "C": 1, "D": 1}),
        ("bo", {"C": 3, "D": 3, "A": 1, "B": 1}),
    ]:
        member = people(name)
        member.join(code)
        member.take_assessment(picks_for(picks))
        members.append(member)
    return {"id": team_id, "coach": coach, "members": members, "code": code}
