"""The pair page says how two people's primaries meet, exactly as pair() decides."""

import pytest

from tests.coaching.conftest import user_id
from tests.conftest import picks_for

SENTENCES = {
    "same": "You share a leading quadrant",
    "adjacent": "Your leading quadrants are neighbours on the circle",
    "opposite": "One of you leads with a quadrant that faces the other's lead",
    "no_primary": "At least one of you has no primary quadrant",
}
# Picks per round: A-led (9-6-3-6) for the first person; the second by kind.
SECOND = {
    "same": {"A": 3, "B": 1, "C": 2, "D": 2},  # A 9: both lead with A
    "adjacent": {"B": 3, "A": 1, "C": 2, "D": 2},  # B 9 against A 9
    "opposite": {"C": 3, "A": 1, "B": 2, "D": 2},  # C 9 against A 9
    "no_primary": {"A": 2, "B": 2, "C": 2, "D": 2},  # 6-6-6-6
}


@pytest.mark.parametrize("kind", SENTENCES)
def test_pair_page_names_how_the_primaries_meet(app, people, kind):
    """Same lead, adjacent leads, opposite leads and no primary each get their sentence."""
    coach = people("coach")
    team_id = coach.create_team()
    code = coach.invite(team_id)
    for name, picks in (
        ("ann", {"A": 3, "B": 2, "C": 1, "D": 2}),
        ("bo", SECOND[kind]),
    ):
        member = people(name)
        member.join(code)
        member.take_assessment(picks_for(picks))
    ann, bo = user_id(app, "ann"), user_id(app, "bo")
    html = coach.client.get(f"/teams/{team_id}/pair?a={ann}&b={bo}").get_data(
        as_text=True
    )
    assert SENTENCES[kind] in html
    assert all(text not in html for other, text in SENTENCES.items() if other != kind)
    friction_card = "A: analytical ↔ C: interpersonal"
    assert (friction_card in html) == (kind == "opposite")
