"""The profile vocabulary: codes, patterns and the circle, over every profile."""

from itertools import product

import pytest

from assessment.vocabulary import NO_PRIMARY
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import WHOLE_BRAIN
from assessment.vocabulary import code_string
from assessment.vocabulary import codes_for
from assessment.vocabulary import pattern_of

# Every way 24 picks can fall on four quadrants: 2,925 count profiles.
ALL_PROFILES = [
    dict(zip(QUADRANTS, (a, b, c, 24 - a - b - c), strict=True))
    for a, b, c in product(range(25), repeat=3)
    if a + b + c <= 24
]


def test_there_are_2925_count_profiles():
    """The exhaustive tests below really cover every profile."""
    assert len(ALL_PROFILES) == 2925


@pytest.mark.parametrize(
    ("counts", "code", "pattern"),
    [
        ((24, 0, 0, 0), "1-3-3-3", "A"),
        ((8, 8, 8, 0), "1-1-1-3", "ABC"),
        ((6, 6, 6, 6), "2-2-2-2", "ABCD"),
        ((7, 7, 6, 4), "2-2-2-2", "ABCD"),
        ((7, 7, 7, 3), "2-2-2-3", NO_PRIMARY),
        ((3, 7, 7, 7), "3-2-2-2", NO_PRIMARY),
    ],
)
def test_pattern_examples(counts, code, pattern):
    """Thresholds 8+ / 4-7 / 0-3 and the pattern rule, on known profiles."""
    profile = dict(zip(QUADRANTS, counts, strict=True))
    assert code_string(profile) == code
    assert pattern_of(profile) == pattern


def test_whole_brain_only_without_primary_and_without_low():
    """ABCD is given exactly when no quadrant is coded 1 and none is coded 3."""
    for counts in ALL_PROFILES:
        codes = set(codes_for(counts).values())
        assert (pattern_of(counts) == WHOLE_BRAIN) == (codes == {2})


def test_no_primary_is_always_three_at_seven_and_one_at_three():
    """The honest label covers exactly the four 7-7-7-3 profiles."""
    found = [c for c in ALL_PROFILES if pattern_of(c) == NO_PRIMARY]
    assert sorted(sorted(c.values()) for c in found) == [[3, 7, 7, 7]] * 4


def test_pattern_lists_exactly_the_primaries():
    """Any other pattern names the quadrants with 8 or more picks."""
    for counts in ALL_PROFILES:
        pattern = pattern_of(counts)
        if pattern not in (WHOLE_BRAIN, NO_PRIMARY):
            assert pattern == "".join(q for q in QUADRANTS if counts[q] >= 8)
