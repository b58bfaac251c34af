"""The team rules, without an app: invitations, joining, the coach role, pairs,
and what members may see."""

from datetime import datetime
from datetime import timedelta

import pytest

from coaching import rules
from coaching.composite import compose

NOW = datetime(2026, 12, 1, 12, 0)
AB = {"A": 9, "B": 9, "C": 3, "D": 3}
CD = {"A": 3, "B": 3, "C": 9, "D": 9}


def _facts(**changes):
    facts = {
        "revoked_at": None,
        "expires_at": None,
        "max_uses": None,
        "use_count": 0,
        "creator_coaches": True,
    } | changes
    return rules.InviteFacts(**facts)


@pytest.mark.parametrize(
    ("facts", "state"),
    [
        (_facts(), "active"),
        (_facts(expires_at=NOW + timedelta(seconds=1)), "active"),
        (_facts(expires_at=NOW), "expired"),
        (_facts(revoked_at=NOW), "revoked"),
        (_facts(creator_coaches=False), "revoked"),
        (_facts(max_uses=1, use_count=0), "active"),
        (_facts(max_uses=1, use_count=1), "used"),
        (_facts(max_uses=None, use_count=500), "active"),
        # what it was when it stopped: a used code stays 'used' after its maker left
        (_facts(max_uses=1, use_count=1, creator_coaches=False), "used"),
        (_facts(revoked_at=NOW, max_uses=1, use_count=1), "revoked"),
    ],
)
def test_invite_state(facts, state):
    """An invitation works until revoked, used up, expired, or its maker stops coaching."""
    assert rules.invite_state(facts, NOW) == state


def test_coach_invitations_are_single_use_and_member_ones_are_not():
    """One person per coach code; a member code goes round the team."""
    assert rules.max_uses_for("coach") == 1
    assert rules.max_uses_for("member") is None
    assert rules.expiry(NOW, 7) == NOW + timedelta(days=7)
    assert rules.expiry(NOW, 0) is None


@pytest.mark.parametrize(
    ("invite_role", "current", "removed", "outcome"),
    [
        ("member", None, False, "member"),
        ("member", None, True, "removed"),
        ("member", "member", False, "already"),
        ("member", "coach", False, "already"),
        ("coach", None, False, "coach"),
        ("coach", "member", False, "coach"),
        ("coach", "member", True, "removed"),
        ("coach", "coach", False, "already"),
        ("coach", "coach", True, "already"),
    ],
)
def test_join_outcome(invite_role, current, removed, outcome):
    """A code offers a role; those who hold it stay; the removed need a newer code."""
    assert rules.join_outcome(invite_role, current, removed) == outcome


def test_the_coach_role_never_leaves_a_team_without_a_coach():
    """Step down while another coach stays; the last coach archives instead."""
    assert rules.coach_may_leave(2) and not rules.coach_may_leave(1)
    assert rules.may_archive(1) and not rules.may_archive(2)
    assert rules.may_remove_coach(1, 2, {1, 2})
    assert not rules.may_remove_coach(1, 1, {1, 2})  # that is stepping down
    assert not rules.may_remove_coach(1, 3, {1, 2})  # not a coach


COACHES, MEMBERS = {1, 2}, {10, 11}


@pytest.mark.parametrize(
    ("role", "first", "second", "choice"),
    [
        ("coach", None, None, "choose"),
        ("coach", 10, None, "choose"),
        ("coach", None, 999, "choose"),
        ("coach", 10, 11, "compare"),
        ("coach", 10, 2, "compare"),
        ("coach", 1, 2, "compare"),
        ("coach", 10, 10, "refuse"),
        ("coach", 10, 999, "refuse"),
        ("member", 10, None, "choose"),
        ("member", 10, 1, "compare"),
        ("member", 10, 11, "refuse"),  # never another member
        ("member", 10, 999, "refuse"),
    ],
)
def test_pair_choice(role, first, second, choice):
    """Coaches compare any two people of the team; a member only themself with a coach."""
    assert rules.pair_choice(role, first, second, COACHES, MEMBERS) == choice


def test_members_see_no_map_below_five_profiles():
    """Below the threshold there is no map, only how many more profiles are needed."""
    four = compose(6, [(AB, "AB")] * 3 + [(CD, "CD")])
    assert rules.for_members(four) is None
    assert rules.still_needed(4) == 1 and rules.still_needed(0) == 5
    assert rules.still_needed(9) == 0


@pytest.mark.parametrize(
    ("count", "profiled", "shown"),
    [
        (0, 5, True),
        (1, 5, False),
        (2, 5, True),
        (3, 5, True),
        (4, 5, False),
        (5, 5, False),
        (2, 4, True),
        (1, 9, False),
        (7, 9, True),
        (8, 9, False),
    ],
)
def test_a_count_is_shown_to_members_only_when_it_points_to_nobody(
    count, profiled, shown
):
    """Zero, or at least two people on each side of the count."""
    assert rules.disclosed(count, profiled) is shown


def test_for_members_leaves_out_counts_that_single_someone_out():
    """Patterns held by one member drop out; a quadrant led by all but one reads None."""
    composite = compose(6, [(AB, "AB")] * 4 + [(CD, "CD")] * 2)
    shown = rules.for_members(composite)
    assert shown.redacted and not composite.redacted
    assert shown.patterns == {"AB": 4, "CD": 2}
    assert shown.primaries == {"A": 4, "B": 4, "C": 2, "D": 2}
    lone = rules.for_members(compose(5, [(AB, "AB")] * 4 + [(CD, "CD")]))
    assert lone.patterns == {} and lone.primaries == dict.fromkeys("ABCD")
    assert lone.average == compose(5, [(AB, "AB")] * 4 + [(CD, "CD")]).average
