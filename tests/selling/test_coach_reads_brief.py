"""A coach reading a rep's brief sees only the profile the rep shared with the team."""

from tests.coaching.conftest import CoachActions
from tests.selling.conftest import RepActions

NO_COMPARISON = "This brief lacks the comparison with your own profile"


def test_a_profile_from_before_joining_stays_out_of_the_coachs_brief(app):
    """The rep's pre-team profile shapes the rep's brief, never the coach's view of it."""
    coach = CoachActions(app.test_client())
    coach.register(email="coach@example.com", name="Coach")
    team_id = coach.create_team()
    rep = RepActions(app.test_client())
    rep.register(email="rep@example.com", name="Rep")
    rep.take_assessment()  # before joining: private
    contact_id = rep.add_contact(rep.add_account())
    rep.estimate(contact_id, "AB")
    CoachActions.join(rep, CoachActions.invite(coach, team_id))
    url = f"/key-accounts/contacts/{contact_id}/brief"

    assert NO_COMPARISON not in rep.client.get(url).get_data(as_text=True)
    coach_view = coach.client.get(url)
    assert coach_view.status_code == 200
    assert NO_COMPARISON in coach_view.get_data(as_text=True)
    assert "You are reading Rep's brief" in coach_view.get_data(as_text=True)
    assert "You are reading" not in rep.client.get(url).get_data(as_text=True)

    rep.take_assessment()  # made while a member: shared with the coaches
    assert NO_COMPARISON not in coach.client.get(url).get_data(as_text=True)
