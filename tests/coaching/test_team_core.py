"""The pure team core: composite, pair comparison, coaching guidance, the member table."""

from dataclasses import dataclass
from datetime import datetime

import pytest

from coaching.composite import compose
from coaching.content import load
from coaching.guidance import advise
from coaching.pairs import pair
from coaching.table import browse

AB = {"A": 9, "B": 9, "C": 3, "D": 3}
CD = {"A": 3, "B": 3, "C": 9, "D": 9}
A_ONLY = {"A": 12, "B": 6, "C": 3, "D": 3}


def test_compose_averages_patterns_and_blind_spots():
    """The composite averages the members, counts patterns and finds who leads where."""
    composite = compose(3, [(AB, "AB"), (A_ONLY, "A")])
    assert composite.size == 3 and composite.profiled == 2
    assert composite.average == {"A": 10.5, "B": 7.5, "C": 3.0, "D": 3.0}
    assert composite.patterns == {"AB": 1, "A": 1}
    assert composite.primaries == {"A": 2, "B": 1, "C": 0, "D": 0}
    assert composite.blind_spots == ("C", "D")
    assert composite.left_right == "left" and composite.left == 18.0


@pytest.mark.parametrize(
    ("left", "right", "reading"),
    [
        (12, 12, "balanced"),
        (12.5, 11.5, "balanced"),
        (13, 11, "left"),
        (11, 13, "right"),
    ],
)
def test_team_balance_has_a_neutral_band(left, right, reading):
    """Within one point of each other the two halves read as balanced, not as a lean."""
    a, c = left / 2, right / 2
    member = {"A": a, "B": left - a, "C": c, "D": right - c}
    assert compose(1, [(member, "ABCD")]).left_right == reading


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        (A_ONLY, {"A": 10, "B": 4, "C": 4, "D": 6}, "same"),
        (A_ONLY, {"A": 4, "B": 12, "C": 4, "D": 4}, "adjacent"),
        (AB, CD, "opposite"),
        (A_ONLY, {"A": 6, "B": 6, "C": 6, "D": 6}, "no_primary"),
    ],
)
def test_pair_kind_follows_the_primaries(first, second, kind):
    """Same, adjacent and opposite leads, and no primary, are told apart by code 1."""
    assert pair(first, second).kind == kind
    assert bool(pair(first, second).frictions) == (kind == "opposite")


def test_compose_of_nobody_has_no_blind_spots():
    """A team without profiles claims nothing about blind spots."""
    composite = compose(4, [])
    assert composite.profiled == 0 and composite.blind_spots == ()


def test_pair_finds_gap_friction_and_loops():
    """AB against CD differ everywhere by 6, grate on A-C and B-D, and each starts where the other is strong."""
    comparison = pair(AB, CD)
    assert comparison.differences == {"A": 6, "B": 6, "C": -6, "D": -6}
    assert comparison.widest == ("A", "B", "C", "D")
    assert comparison.frictions == ("AC", "BD")
    assert comparison.first_reaches_second[0].quadrant == "C"
    assert comparison.second_reaches_first[0].quadrant == "A"
    assert pair(AB, AB).frictions == () and pair(AB, AB).widest == ()


def test_guidance_names_natural_and_hard_steps():
    """Steps fed by a lead quadrant come naturally; steps whose quadrants are all avoided are hard."""
    guidance = advise(CD)
    assert guidance.leads == ("C", "D") and guidance.weak == ("A", "B")
    natural = {s.key for s in guidance.natural_steps}
    hard = {s.key for s in guidance.hard_steps}
    for step in load().funnel_steps:
        assert (step.key in natural) == any(q in "CD" for q in step.quadrants)
        assert (step.key in hard) == all(q in "AB" for q in step.quadrants)
    assert hard  # with this content, A+B steps exist (e.g. collecting payment)


def test_whole_brain_guidance_leads_with_the_strongest():
    """Without a code-1 quadrant, the strongest ones count as leads."""
    assert advise({"A": 7, "B": 7, "C": 5, "D": 5}).leads == ("A", "B")


def test_coaching_content_is_complete():
    """Feedback, per-quadrant advice, six funnel steps covering all quadrants, two frictions."""
    content = load()
    assert content.feedback_rule.zh and content.feedback_rule.en
    assert [s.key for s in content.funnel_steps] == [
        "analyse",
        "build_trust",
        "discover_needs",
        "present_value",
        "win_commitment",
        "collect_payment",
    ]
    assert {q for s in content.funnel_steps for q in s.quadrants} == set("ABCD")
    for step in content.funnel_steps:
        assert step.why.zh and step.why.en, step.key
    for advice in content.quadrants.values():
        assert len(advice.exercises) == 3
    assert set(content.friction) == {"AC", "BD"}


def test_every_quadrant_draws_on_at_least_two_funnel_steps():
    """No quadrant is left with a single step, so a D-led rep is not told only one."""
    steps = load().funnel_steps
    for q in "ABCD":
        assert sum(q in s.quadrants for s in steps) >= 2, q
    d_led = advise({"A": 4, "B": 4, "C": 4, "D": 12})
    assert len(d_led.natural_steps) >= 2


@dataclass
class Row:
    name: str
    code: str | None
    pattern: str | None
    finished_at: datetime | None


ROWS = [
    Row("bo", "3-3-1-1", "CD", datetime(2026, 3, 1)),
    Row("Ann", "1-1-3-3", "AB", datetime(2026, 1, 1)),
    Row("carl", None, None, None),
    Row("Dee", "1-2-2-2", "A", datetime(2026, 2, 1)),
]


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({}, ["Ann", "bo", "carl", "Dee"]),
        ({"descending": True}, ["Dee", "carl", "bo", "Ann"]),
        ({"sort": "date"}, ["Ann", "Dee", "bo", "carl"]),
        ({"sort": "date", "descending": True}, ["bo", "Dee", "Ann", "carl"]),
        ({"sort": "code"}, ["Ann", "Dee", "bo", "carl"]),
        ({"sort": "pattern"}, ["Dee", "Ann", "bo", "carl"]),
        ({"status": "waiting"}, ["carl"]),
        ({"status": "done", "text": "N"}, ["Ann"]),
        ({"pattern": "CD"}, ["bo"]),
        ({"sort": "nonsense"}, ["Ann", "bo", "carl", "Dee"]),
    ],
)
def test_browse_filters_and_sorts(kwargs, names):
    """Sorting ignores case; members without a profile stay last; filters combine."""
    assert [r.name for r in browse(ROWS, **kwargs).rows] == names


def test_browse_pages():
    """Pages hold 50 rows; a page past the end shows the last one."""
    rows = [Row(f"m{i:03d}", None, None, None) for i in range(120)]
    page = browse(rows, page=9)
    assert (page.number, page.pages, page.total, len(page.rows)) == (3, 3, 120, 20)
    assert browse(rows, page=-4).number == 1
