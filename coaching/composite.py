"""What a team's profiles add up to: averages, patterns, primaries, blind spots and
balance. Pure: plain counts in, plain values out; names never enter it."""

from collections.abc import Iterable
from dataclasses import dataclass

from assessment.vocabulary import PRIMARY_MIN
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import Counts


@dataclass(frozen=True)
class Composite:
    """The team as a whole; names never enter it, so members may see it."""

    size: int  # members, with or without a profile
    profiled: int  # members with a profile the coaches may see
    average: dict[str, float]
    patterns: dict[str, int]  # pattern -> members, most common first
    # quadrant -> members coded 1 there (None: withheld)
    primaries: dict[str, int | None]
    blind_spots: tuple[str, ...]  # quadrants where no member is coded 1
    left: float  # average picks on each side, out of 24
    right: float
    cerebral: float
    limbic: float
    # True in the members' view, where counts that would point to one person are
    # left out (coaching.rules.for_members).
    redacted: bool = False

    @property
    def left_right(self) -> str:
        """'left', 'right' or 'balanced' (sides within `BALANCE_BAND`)."""
        return _lean(self.left, self.right, "left", "right")

    @property
    def cerebral_limbic(self) -> str:
        """'cerebral', 'limbic' or 'balanced'."""
        return _lean(self.cerebral, self.limbic, "cerebral", "limbic")


# Two sides whose averages lie within one point of each other (of the 24 picks)
# read as balanced: a team at 12.0 vs 12.0, or 12.4 vs 11.6, leans nowhere.
BALANCE_BAND = 1.0


def _lean(first: float, second: float, first_name: str, second_name: str) -> str:
    if abs(first - second) <= BALANCE_BAND:
        return "balanced"
    return first_name if first > second else second_name


@dataclass(frozen=True)
class Group:
    """The members who share a pattern, summed: what a `GROUP BY pattern` returns."""

    pattern: str
    members: int
    totals: Counts  # picks per quadrant, summed over the members
    primaries: Counts  # members coded 1 in each quadrant


def group(profiles: Iterable[tuple[Counts, str]]) -> list[Group]:
    """Sum profiles by pattern, in Python (what coaching.queries does in SQL)."""
    groups: dict[str, tuple[int, dict[str, int], dict[str, int]]] = {}
    for counts, pattern in profiles:
        n, totals, primaries = groups.setdefault(
            pattern, (0, dict.fromkeys(QUADRANTS, 0), dict.fromkeys(QUADRANTS, 0))
        )
        for q in QUADRANTS:
            totals[q] += counts[q]
            primaries[q] += counts[q] >= PRIMARY_MIN
        groups[pattern] = (n + 1, totals, primaries)
    return [Group(p, n, t, c) for p, (n, t, c) in groups.items()]


def compose(size: int, profiles: Iterable[tuple[Counts, str]]) -> Composite:
    """Sum up the members' latest profiles.

    :param size: how many members the team has, profiled or not.
    :param profiles: each profiled member's counts and pattern.
    """
    return compose_groups(size, group(profiles))


def compose_groups(size: int, groups: Iterable[Group]) -> Composite:
    """The team as a whole, from its profiles summed by pattern.

    :param size: how many members the team has, profiled or not.
    :param groups: one per pattern present; patterns are listed most common
        first, then in the order given.
    """
    groups = sorted(groups, key=lambda g: -g.members)
    profiled = sum(g.members for g in groups)
    totals = {q: sum(g.totals[q] for g in groups) for q in QUADRANTS}
    primaries = {q: sum(g.primaries[q] for g in groups) for q in QUADRANTS}
    average = {q: (totals[q] / profiled if profiled else 0.0) for q in QUADRANTS}
    return Composite(
        size=size,
        profiled=profiled,
        average=average,
        patterns={g.pattern: g.members for g in groups},
        primaries=primaries,
        blind_spots=tuple(q for q in QUADRANTS if profiled and not primaries[q]),
        left=average["A"] + average["B"],
        right=average["C"] + average["D"],
        cerebral=average["A"] + average["D"],
        limbic=average["B"] + average["C"],
    )
