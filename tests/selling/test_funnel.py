"""The funnel's stages, the one-click move after an advance, and meeting outcomes."""

from datetime import date

import pytest

from coaching import content as coaching_content
from selling import funnel
from selling import outcomes
from selling.funnel import LoggedMeeting
from selling.outcomes import outcomes_for

SIX = [
    "analyse",
    "build_trust",
    "discover_needs",
    "present_value",
    "win_commitment",
    "collect_payment",
]


def _meeting(id=1, outcome="advance", at="build_trust", moved_to=None, day=1):
    return LoggedMeeting(id, date(2026, 11, day), outcome, at, moved_to)


def test_target_customer_comes_before_the_six_steps():
    """An account can stand at target customer, then at the six funnel steps in order."""
    stages = funnel.stages()
    assert [s.key for s in stages] == ["target", *SIX]
    assert (stages[0].name.zh, stages[0].name.en) == ("目标客户", "Target customer")
    assert [s.number for s in stages] == list(range(7))
    assert funnel.next_stage("target") == "analyse"
    assert funnel.next_stage("collect_payment") is None


def test_the_coaching_guidance_still_sees_only_the_six_steps():
    """The entry stage lives on the selling side: coaching's funnel has six steps."""
    assert [s.key for s in coaching_content.load().funnel_steps] == SIX


def test_an_advance_suggests_the_next_step_once():
    """An advance at the account's step suggests the next; once moved, nothing more."""
    move = funnel.suggest_move("build_trust", [_meeting()])
    assert (move.meeting_id, move.from_step, move.to_step) == (
        1,
        "build_trust",
        "discover_needs",
    )
    moved = _meeting(moved_to="discover_needs")
    assert funnel.suggest_move("discover_needs", [moved]) is None


@pytest.mark.parametrize(
    ("current", "meeting"),
    [
        ("build_trust", _meeting(outcome="continuation")),
        ("build_trust", _meeting(outcome="order")),
        ("present_value", _meeting()),  # the rep has moved the account since
        ("build_trust", _meeting(at=None)),  # logged before steps were kept
        ("collect_payment", _meeting(at="collect_payment")),  # nowhere further
    ],
)
def test_no_suggestion_without_an_advance_that_can_still_move(current, meeting):
    """Other outcomes, an account that moved on, old meetings and the last step: no offer."""
    assert funnel.suggest_move(current, [meeting]) is None


def test_the_newest_advance_is_offered():
    """Two advances at the same step: the newer one carries the suggestion."""
    older, newer = _meeting(id=1, day=1), _meeting(id=2, day=5)
    assert funnel.suggest_move("build_trust", [newer, older]).meeting_id == 2


def test_a_target_customer_moves_to_customer_analysis():
    """An advance with a target customer suggests customer analysis."""
    move = funnel.suggest_move("target", [_meeting(at="target")])
    assert move.to_step == "analyse"


def test_a_small_sale_has_two_outcomes_and_a_large_sale_four():
    """Order or no order for a small sale; order, advance, continuation, no-sale otherwise."""
    assert outcomes_for(small_sale=True) == ("order", "no_order")
    assert outcomes_for(small_sale=False) == (
        "order",
        "advance",
        "continuation",
        "no_sale",
    )
    names = outcomes.load().outcomes
    assert (names["no_order"][0].zh, names["no_order"][0].en) == ("失败", "No order")
    assert names["continuation"][0].en == "Continuation (no real progress)"
