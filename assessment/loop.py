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
    """Order the four stops around the circle for a profile.

    Start at the strongest quadrant, go on to its stronger neighbour and keep
    going round in that direction, so the walk visits every quadrant once and
    the opposite, least natural side is never left out. Ties go to A-B-C-D order.

    :param counts: picks per quadrant.
    :param codes: preference code per quadrant.
    :return: the four stops in walking order.
    """
    start = max(QUADRANTS, key=lambda q: (counts[q], -QUADRANTS.index(q)))
    before, after = neighbours(start)
    step = -1 if counts[before] > counts[after] else 1
    i = _CIRCLE.index(start)
    order = [_CIRCLE[(i + step * k) % 4] for k in range(4)]
    return [Stop(quadrant=q, count=counts[q], code=codes[q]) for q in order]
