"""Scoring rules: counts, codes, pattern, balances, consistency and bad input."""

import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment import questionnaire
from assessment.scoring import InvalidPicks
from assessment.scoring import code_for
from assessment.scoring import score
from tests.conftest import picks_for


@pytest.mark.parametrize(
    ("per_round", "counts", "code", "pattern"),
    [
        ({"A": 8}, {"A": 24, "B": 0, "C": 0, "D": 0}, "1-3-3-3", "A"),
        (
            {"A": 3, "B": 2, "C": 1, "D": 2},
            {"A": 9, "B": 6, "C": 3, "D": 6},
            "1-2-3-2",
            "A",
        ),
        (
            {"A": 3, "D": 3, "B": 1, "C": 1},
            {"A": 9, "B": 3, "C": 3, "D": 9},
            "1-3-3-1",
            "AD",
        ),
        ({"B": 3, "C": 3, "D": 2}, {"A": 0, "B": 9, "C": 9, "D": 6}, "3-1-1-2", "BC"),
        (
            {"A": 2, "B": 2, "C": 2, "D": 2},
            {"A": 6, "B": 6, "C": 6, "D": 6},
            "2-2-2-2",
            "ABCD",
        ),
        (
            {"B": 3, "C": 3, "D": 2, "A": 0},
            {"A": 0, "B": 9, "C": 9, "D": 6},
            "3-1-1-2",
            "BC",
        ),
        (  # no primary, but D low: not whole-brain
            [
                {"A": 3, "B": 3, "C": 2},
                {"A": 2, "B": 2, "C": 3, "D": 1},
                {"A": 2, "B": 2, "C": 2, "D": 2},
            ],
            {"A": 7, "B": 7, "C": 7, "D": 3},
            "2-2-2-3",
            "none",
        ),
    ],
)
def test_score_examples(per_round, counts, code, pattern):
    """Known picks give the documented counts, code and pattern."""
    profile = score(picks_for(per_round))
    assert profile.counts == counts
    assert profile.code == code
    assert profile.pattern == pattern
    assert profile["counts"] == counts  # the profile also reads as a mapping


def test_triple_pattern_and_balances():
    """Three quadrants with 8 picks each make a triple; balances add the halves."""
    profile = score(picks_for([{"B": 8}, {"C": 8}, {"D": 8}]))
    assert profile.pattern == "BCD"
    assert profile.codes == {"A": 3, "B": 1, "C": 1, "D": 1}
    assert profile.balance == {"left": 8, "right": 16, "cerebral": 8, "limbic": 16}
    assert profile.round_counts[0] == {"A": 0, "B": 8, "C": 0, "D": 0}


@pytest.mark.parametrize(
    ("count", "code"), [(0, 3), (3, 3), (4, 2), (7, 2), (8, 1), (24, 1)]
)
def test_code_thresholds(count, code):
    """1 for 8 or more picks, 2 for 4 to 7, 3 for 3 or fewer."""
    assert code_for(count) == code


def test_percent_sums_to_100():
    """Percent is each quadrant's share of the 24 picks."""
    profile = score(picks_for({"A": 3, "B": 2, "C": 1, "D": 2}))
    assert profile.percent["A"] == pytest.approx(37.5)
    assert math.isclose(sum(profile.percent.values()), 100)


def test_consistency_counts_rounds_sharing_the_top():
    """All rounds led by D is 3 of 3; three different leaders is 1 of 3."""
    same = score(picks_for([{"D": 5, "A": 3}, {"D": 6, "B": 2}, {"D": 4, "C": 4}]))
    assert same.consistency == 3
    assert same.consistent_quadrants == ("D",)
    apart = score(picks_for([{"B": 5, "A": 3}, {"C": 5, "A": 3}, {"D": 5, "A": 3}]))
    assert apart.counts["A"] == 9  # A leads overall, yet tops no single round
    assert apart.consistency == 1


def _valid():
    return picks_for({"A": 2, "B": 2, "C": 2, "D": 2})


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p[:2], "expected 3 rounds"),
        (lambda p: [*p, p[0]], "expected 3 rounds"),
        (lambda p: "r1-01", "expected 3 rounds"),
        (lambda p: [p[0][:7], p[1], p[2]], "round 1 has 7 picks"),
        (lambda p: [p[0], [*p[1], "r2-99"], p[2]], "round 2 has 9 picks"),
        (lambda p: [p[0], p[1], [*p[2][:7], p[2][0]]], "round 3: duplicate pick"),
        (
            lambda p: [[*p[0][:7], "nope"], p[1], p[2]],
            "round 1: unknown element id 'nope'",
        ),
        (lambda p: [[*p[0][:7], p[1][7]], p[1], p[2]], "belongs to round 2"),
        (lambda p: [[*p[0][:7], 7], p[1], p[2]], "round 1: unknown element id 7"),
        (lambda p: ["r1-01r1-02", p[1], p[2]], "got a string"),
    ],
)
def test_bad_input_names_the_problem(mutate, message):
    """Each kind of bad input raises a ValueError that says what is wrong."""
    with pytest.raises(ValueError, match=message):
        score(mutate(_valid()))


def test_invalid_picks_is_a_value_error():
    """Callers may catch ValueError, as the contract says."""
    assert issubclass(InvalidPicks, ValueError)


@st.composite
def any_picks(draw):
    """Any valid set of picks: 8 distinct elements of each round."""
    return [
        draw(st.permutations([e.id for e in r.elements]))[:8]
        for r in questionnaire.load()
    ]


@given(any_picks())
def test_counts_always_sum_to_24(picks):
    """Every valid answer spreads exactly 24 picks and 100 percent."""
    profile = score(picks)
    assert sum(profile.counts.values()) == 24
    assert math.isclose(sum(profile.percent.values()), 100)
    assert 1 <= profile.consistency <= 3
    assert profile.pattern


@given(any_picks(), st.randoms(use_true_random=False))
def test_order_within_a_round_never_matters(picks, rng):
    """Shuffling the picks inside each round leaves the profile unchanged."""
    shuffled = [rng.sample(round_picks, len(round_picks)) for round_picks in picks]
    assert score(shuffled) == score(picks)


@given(any_picks(), st.permutations("ABCD"))
def test_renaming_quadrants_permutes_the_result(picks, new_names):
    """Relabelling the quadrants in the catalogue relabels counts, codes and pattern."""
    rename = dict(zip("ABCD", new_names, strict=True))
    renamed_catalogue = [
        replace(
            r,
            elements=tuple(replace(e, quadrant=rename[e.quadrant]) for e in r.elements),
        )
        for r in questionnaire.load()
    ]
    before, after = score(picks), score(picks, renamed_catalogue)
    assert {rename[q]: n for q, n in before.counts.items()} == after.counts
    assert {rename[q]: c for q, c in before.codes.items()} == after.codes
    if before.pattern in ("ABCD", "none"):
        assert after.pattern == before.pattern
    else:
        assert after.pattern == "".join(sorted(rename[q] for q in before.pattern))
