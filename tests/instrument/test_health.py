"""The health figures from plain values: no app, no database."""

from datetime import datetime
from datetime import timedelta

import pytest

from assessment.questionnaire import load
from instrument import health
from tests.instrument import gen_picks

ROUNDS = load("2026.1")
NEVER = ROUNDS[0].elements[0].id
DAY0 = datetime(2026, 1, 5, 9, 0)


@pytest.mark.parametrize(
    ("picked", "of", "low", "high"),
    [
        (0, 40, 0.0, 0.0876),
        (10, 40, 0.1419, 0.4019),
        (40, 40, 0.9124, 1.0),
        (7, 30, 0.1179, 0.4093),
    ],
)
def test_wilson_interval_matches_published_values(picked, of, low, high):
    """The 95% Wilson score interval, checked against hand-computed bounds."""
    got = health.wilson(picked, of)
    assert got == (pytest.approx(low, abs=5e-5), pytest.approx(high, abs=5e-5))


def test_wilson_bounds_are_exact_at_none_and_all():
    """0 of n starts at exactly 0 and n of n ends at exactly 1, inside the unit range."""
    assert health.wilson(0, 40)[0] == 0.0
    assert health.wilson(40, 40)[1] == 1.0


@pytest.mark.parametrize(("picked", "of"), [(1, 0), (-1, 10), (11, 10)])
def test_wilson_refuses_what_is_not_a_proportion(picked, of):
    """No interval for zero trials or a count outside 0..trials."""
    with pytest.raises(ValueError, match="not a proportion"):
        health.wilson(picked, of)


@pytest.mark.parametrize(
    ("rate", "flag"),
    [
        (0.0, health.RARE),
        (0.049, health.RARE),
        (0.05, None),
        (0.25, None),
        (0.50, None),
        (0.51, health.OFTEN),
        (1.0, health.OFTEN),
    ],
)
def test_pick_rate_flags_below_5_and_above_50_percent(rate, flag):
    """Rarely picked below 5%, very often picked above 50%; the bounds themselves pass."""
    assert health.flag_rate(rate) == flag


@pytest.mark.parametrize(
    ("mean", "flagged"),
    [(1.49, True), (1.5, False), (2.0, False), (2.5, False), (2.51, True)],
)
def test_quadrant_mean_flagged_outside_the_band(mean, flagged):
    """A quadrant's mean picks per round is flagged outside 1.5–2.5."""
    assert health.flag_mean(mean) is flagged


def test_pick_rates_count_every_element_and_flag_the_unpicked_one():
    """40 answers that never pick one element: rate 0 and 'rare' for it, near 25% for the rest."""
    answers = [gen_picks(ROUNDS, k, never=(NEVER,)) for k in range(40)]
    version = health.examine_version("2026.1", ROUNDS, answers)
    assert version.shown and version.assessments == 40
    assert len(version.elements) == 96
    (flagged,) = version.flagged
    assert flagged.element.id == NEVER and flagged.round_number == 1
    assert (flagged.picks, flagged.rate, flagged.flag) == (0, 0.0, health.RARE)
    assert flagged.low == 0.0 and flagged.high == pytest.approx(0.0876, abs=1e-4)
    others = [r.rate for r in version.elements if r.element.id != NEVER]
    assert 0.15 < min(others) and max(others) < 0.35
    total = sum(r.picks for r in version.elements)
    assert total == 40 * 24


def test_quadrant_means_per_round():
    """Mixes balanced over A–D give 2.00 per quadrant; always 4 A and no D flags both."""
    balanced = health.examine_version(
        "2026.1", ROUNDS, [gen_picks(ROUNDS, k) for k in range(40)]
    )
    assert [m.mean for m in balanced.means] == [2.0] * 12
    assert not any(m.flagged for m in balanced.means)
    skewed_mix = {"A": 4, "B": 2, "C": 2, "D": 0}
    skewed = health.examine_version(
        "2026.1", ROUNDS, [gen_picks(ROUNDS, k, mix=skewed_mix) for k in range(30)]
    )
    assert skewed.mean(2, "A").mean == 4.0 and skewed.mean(2, "A").flagged
    assert skewed.mean(3, "D").mean == 0.0 and skewed.mean(3, "D").flagged
    assert not skewed.mean(1, "B").flagged


def test_consistency_distribution():
    """Rounds that all lead with A count as 3; rounds leading A, B, C count as 1."""
    same = gen_picks(ROUNDS, 0, mix={"A": 3, "B": 2, "C": 2, "D": 1})
    parted = [
        gen_picks(ROUNDS, 0, mix=m)[n]
        for n, m in enumerate(
            [
                {"A": 3, "B": 2, "C": 2, "D": 1},
                {"A": 2, "B": 3, "C": 2, "D": 1},
                {"A": 2, "B": 2, "C": 3, "D": 1},
            ]
        )
    ]
    version = health.examine_version("2026.1", ROUNDS, [same] * 25 + [parted] * 5)
    assert version.consistency == {1: 5, 2: 0, 3: 25}


def test_nothing_below_the_privacy_floor():
    """29 finished assessments: the count and nothing else."""
    answers = [gen_picks(ROUNDS, k, never=(NEVER,)) for k in range(29)]
    version = health.examine_version("2026.1", ROUNDS, answers)
    assert version.assessments == 29 and not version.shown
    assert version.elements == () and version.means == () and version.consistency == {}
    assert health.MIN_ASSESSMENTS == 30


def test_unscorable_picks_are_left_out():
    """Picks of another version's elements are not counted (nor guessed at)."""
    good = [gen_picks(ROUNDS, k) for k in range(30)]
    bad = [[["nope"] * 8] * 3]
    version = health.examine_version("2026.1", ROUNDS, good + bad)
    assert version.assessments == 30


def _take(person, day, counts):
    return health.Take(
        person, DAY0 + timedelta(days=day), dict(zip("ABCD", counts, strict=True))
    )


def test_retest_pairs_take_the_first_qualifying_pair():
    """First assessment and the first one 14+ days later; 13 days apart is no retest."""
    takes = [
        _take(1, 0, (6, 6, 6, 6)),
        _take(1, 10, (7, 5, 6, 6)),
        _take(1, 20, (8, 4, 6, 6)),
        _take(1, 60, (9, 3, 6, 6)),
        _take(2, 0, (6, 6, 6, 6)),
        _take(2, 13, (6, 6, 6, 6)),
        _take(3, 5, (6, 6, 6, 6)),
        _take(4, 30, (5, 7, 6, 6)),
        _take(4, 16, (6, 6, 6, 6)),
    ]
    pairs = health.pair_retests(takes)
    assert [(a.person, a.counts["A"], b.counts["A"]) for a, b in pairs] == [
        (1, 6, 8),
        (4, 6, 5),
    ]
    assert health.RETEST_MIN_DAYS == 14


def test_retest_correlation_change_and_pattern_on_hand_made_data():
    """Per quadrant r = 1, -1, 0 and 0.8 with the mean absolute change; 20 pairs shown."""
    test = {
        "A": [6, 7, 8, 9, 10],
        "B": [4, 5, 6, 7, 8],
        "C": [4, 5, 6, 7, 8],
        "D": [1, 2, 3, 4, 5],
    }
    retest = {
        "A": [6, 7, 8, 9, 10],
        "B": [8, 7, 6, 5, 4],
        "C": [5, 7, 6, 7, 5],
        "D": [2, 1, 4, 3, 5],
    }
    pairs = [
        (
            _take(i, 0, [test[q][i % 5] for q in "ABCD"]),
            _take(i, 30, [retest[q][i % 5] for q in "ABCD"]),
        )
        for i in range(20)
    ]
    result = health.measure_retest(pairs)
    assert result.shown and result.pairs == 20
    assert result.correlation == {
        "A": pytest.approx(1.0),
        "B": pytest.approx(-1.0),
        "C": pytest.approx(0.0, abs=1e-12),
        "D": pytest.approx(0.8),
    }
    assert result.mean_change == {"A": 0.0, "B": 2.4, "C": pytest.approx(1.2), "D": 0.8}


def test_same_pattern_share_and_undefined_correlation():
    """15 of 20 keep their pattern (75%); a quadrant that never varies has no correlation."""
    keep = [(_take(i, 0, (9, 5, 5, 5)), _take(i, 20, (10, 4, 5, 5))) for i in range(15)]
    move = [
        (_take(i, 0, (9, 5, 5, 5)), _take(i, 20, (5, 9, 5, 5))) for i in range(15, 20)
    ]
    result = health.measure_retest(keep + move)
    assert result.same_pattern == 0.75
    assert result.correlation["C"] is None


def test_retest_floor_is_20_pairs():
    """19 pairs give the count only; the 20th shows the figures."""
    pairs = [(_take(i, 0, (6, 6, 6, 6)), _take(i, 14, (7, 5, 6, 6))) for i in range(20)]
    assert not health.measure_retest(pairs[:19]).shown
    assert health.measure_retest(pairs[:19]).correlation == {}
    assert health.measure_retest(pairs).shown
    assert health.MIN_RETEST_PAIRS == 20


def test_report_lists_versions_newest_first_and_survives_an_unreadable_one():
    """Versions with answers, newest first; one whose catalogue cannot be read shows its count."""
    answers = {
        "2026.1": [gen_picks(ROUNDS, k) for k in range(30)],
        "2026.10": [gen_picks(ROUNDS, k) for k in range(3)],
        "2026.9": [gen_picks(ROUNDS, k) for k in range(31)],
    }

    def catalogue(version):
        if version == "2026.10":
            raise KeyError(version)
        return ROUNDS

    report = health.examine(answers, [], catalogue=catalogue)
    assert [
        (v.version, v.assessments, v.readable, v.shown) for v in report.versions
    ] == [
        ("2026.10", 3, False, False),
        ("2026.9", 31, True, True),
        ("2026.1", 30, True, True),
    ]
    assert report.retest.pairs == 0 and not report.retest.shown
