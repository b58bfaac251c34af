"""What a member sees of the team: the map only from five profiles, and never a
count that points to one person."""

import re

import pytest

from coaching.rules import MIN_PROFILED
from tests.conftest import picks_for

AB = {"A": 3, "B": 3, "C": 1, "D": 1}  # 9-9-3-3: pattern AB
CD = {"A": 1, "B": 1, "C": 3, "D": 3}  # 3-3-9-9: pattern CD
A = {"A": 4, "B": 2, "C": 1, "D": 1}  # 12-6-3-3: pattern A


@pytest.fixture
def make_team(people):
    """A coach and members who each finished the questionnaire with the given picks."""

    def make(*profiles):
        coach = people("coach")
        team_id = coach.create_team()
        code = coach.invite(team_id)
        members = []
        for i, picks in enumerate(profiles):
            member = people(f"member{i}")
            member.join(code)
            member.take_assessment(picks_for(picks))
            members.append(member)
        return team_id, coach, members

    return make


def _primaries(html):
    """Quadrant -> the 'Coded 1 (primary)' cell of the composite table."""
    return dict(
        re.findall(
            r'<tr class="q-([ABCD])">.*?<td class="num">[^<]*</td>\s*'
            r'<td class="num">([^<]*)</td></tr>',
            html,
            re.S,
        )
    )


def test_a_small_team_tells_members_only_how_many_profiles_are_missing(make_team):
    """Probe: a member of a 3-person team saw the pattern table and per-quadrant counts,
    and knowing their own pattern could work out the others'. Below five profiles a
    member now sees how many more are needed, and nothing else of the map."""
    team_id, coach, members = make_team(AB, CD, AB)
    html = members[0].client.get(f"/teams/{team_id}").get_data(as_text=True)
    for leak in [
        "3 of 3",
        "Patterns in the team",
        "Coded 1",
        "data-chart",
        "Blind spots",
        "Average picks",
        "AB: ",
        "CD: ",
        "Balance",
    ]:
        assert leak not in html, leak
    assert MIN_PROFILED == 5
    assert "appears here once 5 members have a profile. Still needed: 2." in html
    assert "Compare me with Coach" in html and "Leave the team" in html
    coach_html = coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert "3 of 3 members have a profile." in coach_html
    assert _primaries(coach_html) == {"A": "2", "B": "2", "C": "1", "D": "1"}


def test_from_five_profiles_members_see_the_map_without_singling_anyone_out(make_team):
    """Counts of one person, or of all but one, are left out of the members' map."""
    team_id, coach, members = make_team(AB, AB, AB, AB, CD, A)
    html = members[0].client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert "6 of 6 members have a profile." in html and "data-chart" in html
    # A: 5 of 6 lead with it (all but one), B: 4, C and D: one each
    assert _primaries(html) == {"A": "–", "B": "4", "C": "–", "D": "–"}
    patterns = html[html.index("Patterns in the team") : html.index("Blind spots")]
    assert "AB: " in patterns and "CD: " not in patterns and "A: the" not in patterns
    assert "numbers that would point to one person" in html
    coach_html = coach.client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert _primaries(coach_html) == {"A": "5", "B": "4", "C": "1", "D": "1"}
    assert "numbers that would point to one person" not in coach_html


def test_a_blind_spot_is_shown_to_members(make_team):
    """Nobody leading with a quadrant points to nobody: members see the blind spots."""
    team_id, _coach, members = make_team(AB, AB, AB, AB, AB)
    html = members[0].client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert _primaries(html) == {"A": "–", "B": "–", "C": "0", "D": "0"}
    assert "No pattern can be shown without pointing to particular members." in html
    section = html[html.index("<h2>Blind spots</h2>") :]
    assert "C: interpersonal" in section and "D: imaginative" in section
