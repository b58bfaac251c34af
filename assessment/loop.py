"""The communication walk-around loop (四象限沟通环走), ordered for a person."""

from collections.abc import Mapping
from dataclasses import dataclass

from assessment.vocabulary import CIRCLE
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import neighbours
from assessment.vocabulary import opposite

__all__ = ["Stop", "neighbours", "opposite", "walk"]


@dataclass(frozen=True)
class Stop:
    quadrant: str
    count: int
    code: int

    @property
    def needs_effort(self) -> bool:
        """A stop this person tends to skip: a low-preference quadrant."""
        return self.code == 3


def walk(counts: Mapping[str, int], codes: Mapping[str, int]) -> list[Stop]:
    """Order the four stops of the loop for a profile: a walk round the circle.

    Start at the strongest quadrant (ties: the one whose neighbours are
    stronger, then A-B-C-D order), step to the stronger of its two neighbours
    (ties: onwards in A-B-C-D-A order) and keep going the same way, so every
    step crosses one edge of the circle and no stop is left out.

    :param counts: picks per quadrant.
    :param codes: preference code per quadrant.
    :return: the four stops in walking order.
    """

    def start_rank(q: str) -> tuple[int, int, int]:
        return counts[q], sum(counts[n] for n in neighbours(q)), -QUADRANTS.index(q)

    start = max(QUADRANTS, key=start_rank)
    i = CIRCLE.index(start)
    before, after = CIRCLE[i - 1], CIRCLE[(i + 1) % 4]
    step = -1 if counts[before] > counts[after] else 1
    order = [CIRCLE[(i + step * k) % 4] for k in range(4)]
    return [Stop(quadrant=q, count=counts[q], code=codes[q]) for q in order]
