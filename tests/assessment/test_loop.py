"""The communication loop's order for a person."""

import pytest

from assessment.loop import neighbours
from assessment.loop import opposite
from assessment.loop import walk
from assessment.scoring import code_for


def _walk(a, b, c, d):
    counts = {"A": a, "B": b, "C": c, "D": d}
    return [
        s.quadrant for s in walk(counts, {q: code_for(n) for q, n in counts.items()})
    ]


@pytest.mark.parametrize(
    ("counts", "order"),
    [
        (
            (10, 7, 3, 4),
            ["A", "B", "D", "C"],
        ),  # A, its stronger neighbour B, weakest C last
        ((10, 3, 5, 6), ["A", "D", "C", "B"]),  # A, then D; round the circle, B weakest
        ((3, 4, 7, 10), ["D", "C", "B", "A"]),
        ((6, 6, 6, 6), ["A", "B", "C", "D"]),  # ties go to A-B-C-D order
    ],
)
def test_walk_starts_strong_and_ends_weakest(counts, order):
    """Strongest first, then its stronger neighbour, and the weakest quadrant last."""
    assert _walk(*counts) == order


def test_tertiary_stops_need_effort():
    """Stops coded 3 are flagged for a second check."""
    stops = walk({"A": 14, "B": 6, "C": 1, "D": 3}, {"A": 1, "B": 2, "C": 3, "D": 3})
    assert [s.quadrant for s in stops if s.needs_effort] == ["D", "C"]  # weakest last


def test_circle_geometry():
    """A touches B and D and faces C; B faces D."""
    assert set(neighbours("A")) == {"B", "D"}
    assert opposite("A") == "C" and opposite("B") == "D"
