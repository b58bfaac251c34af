"""The communication walk-around loop (四象限沟通环走), ordered for a person."""

from dataclasses import dataclass

from assessment.questionnaire import QUADRANTS

# Quadrants in circle order: each touches the next, and D touches A.
_CIRCLE = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Stop:
    quadrant: str
    count: int
    code: int

    @property
    def needs_effort(self) -> bool:
        """A stop this person tends to skip: not one of their strong quadrants."""
        return self.code == 3


def neighbours(quadrant: str) -> tuple[str, str]:
    """The two quadrants that share an edge with `quadrant`."""
    i = _CIRCLE.index(quadrant)
    return _CIRCLE[i - 1], _CIRCLE[(i + 1) % 4]


def opposite(quadrant: str) -> str:
    """A faces C and B faces D."""
    return _CIRCLE[(_CIRCLE.index(quadrant) + 2) % 4]


def walk(counts: dict[str, int], codes: dict[str, int]) -> list[Stop]:
    """Order the four stops of the loop for a profile.

    Start at the strongest quadrant, go on to the stronger of its two
    neighbours, then visit the other two from stronger to weaker, so the walk
    ends where the person is weakest and no stop is left out. Ties go to
    A-B-C-D order.

    :param counts: picks per quadrant.
    :param codes: preference code per quadrant.
    :return: the four stops in walking order.
    """

    def strength(q: str) -> tuple[int, int]:
        return counts[q], -QUADRANTS.index(q)

    start = max(QUADRANTS, key=strength)
    after = max(neighbours(start), key=strength)
    rest = sorted(
        (q for q in QUADRANTS if q not in (start, after)), key=strength, reverse=True
    )
    return [
        Stop(quadrant=q, count=counts[q], code=codes[q]) for q in (start, after, *rest)
    ]
