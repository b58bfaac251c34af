"""The communication loop's order for a person: a walk round the circle."""

import pytest

from assessment.loop import walk
from assessment.vocabulary import codes_for
from assessment.vocabulary import neighbours
from assessment.vocabulary import opposite
from tests.assessment.test_vocabulary import ALL_PROFILES


def _walk(a, b, c, d):
    counts = {"A": a, "B": b, "C": c, "D": d}
    return [s.quadrant for s in walk(counts, codes_for(counts))]


@pytest.mark.parametrize(
    ("counts", "order"),
    [
        ((10, 7, 2, 5), ["A", "B", "C", "D"]),  # the review's case: never B -> D
        ((10, 7, 3, 4), ["A", "B", "C", "D"]),
        ((10, 3, 5, 6), ["A", "D", "C", "B"]),  # the other way round
        ((3, 4, 7, 10), ["D", "C", "B", "A"]),
        ((6, 6, 6, 6), ["A", "B", "C", "D"]),  # all tied: A, then onwards
        ((8, 0, 8, 8), ["D", "A", "B", "C"]),  # tied top: D has the stronger neighbours
        ((9, 5, 1, 9), ["A", "D", "C", "B"]),  # A and D tie; A first by order
    ],
)
def test_walk_examples(counts, order):
    """Strongest first, then its stronger neighbour, and on round the circle."""
    assert _walk(*counts) == order


def test_every_profile_walks_round_the_circle():
    """For all 2,925 count profiles: four stops, each step to a neighbour, top first."""
    for counts in ALL_PROFILES:
        stops = [s.quadrant for s in walk(counts, codes_for(counts))]
        assert sorted(stops) == ["A", "B", "C", "D"], counts
        for here, there in zip(stops, stops[1:], strict=False):
            assert there in neighbours(here), (counts, stops)
        assert counts[stops[0]] == max(counts.values()), counts
        assert counts[stops[1]] >= counts[stops[3]], counts  # the stronger neighbour


def test_low_preference_stops_need_effort():
    """Stops coded 3 are flagged for a second check."""
    stops = walk({"A": 14, "B": 6, "C": 1, "D": 3}, {"A": 1, "B": 2, "C": 3, "D": 3})
    assert [s.quadrant for s in stops if s.needs_effort] == ["C", "D"]


def test_circle_geometry():
    """A touches B and D and faces C; B faces D."""
    assert set(neighbours("A")) == {"B", "D"}
    assert opposite("A") == "C" and opposite("B") == "D"
