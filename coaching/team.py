"""What a team's profiles add up to, what two people need from each other, and
how to coach one person. Pure: plain counts in, plain values out."""

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass

from assessment.loop import Stop
from assessment.loop import walk
from assessment.vocabulary import PRIMARY_MIN
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import codes_for
from assessment.vocabulary import opposite
from coaching.content import FunnelStep
from coaching.content import load

Counts = Mapping[str, int]


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


@dataclass(frozen=True)
class Pair:
    differences: dict[str, int]  # first minus second, per quadrant
    widest: tuple[str, ...]  # the quadrant(s) where they differ most
    # "AC" / "BD" where one is coded 1 in a quadrant and the other in its opposite
    frictions: tuple[str, ...]
    # how their primaries meet: see `pair`
    kind: str
    first_reaches_second: list[Stop]  # the loop the first should walk for the second
    second_reaches_first: list[Stop]


def pair(first: Counts, second: Counts) -> Pair:
    """Compare two profiles: where they part, where opposite quadrants grate, how each reaches the other.

    `kind` says how their primaries (code 1) meet: "opposite" when one leads
    where the other's lead faces (the friction cards), else "same" when they
    share a lead, "adjacent" when their leads are neighbours, and "no_primary"
    when either has no quadrant coded 1.
    """
    differences = {q: first[q] - second[q] for q in QUADRANTS}
    gap = max(abs(d) for d in differences.values())
    first_codes, second_codes = codes_for(first), codes_for(second)
    first_leads = {q for q in QUADRANTS if first_codes[q] == 1}
    second_leads = {q for q in QUADRANTS if second_codes[q] == 1}
    frictions = tuple(
        "".join(sorted((q, opposite(q))))
        for q in ("A", "B")
        if (q in first_leads and opposite(q) in second_leads)
        or (opposite(q) in first_leads and q in second_leads)
    )
    if not first_leads or not second_leads:
        kind = "no_primary"
    elif frictions:
        kind = "opposite"
    elif first_leads & second_leads:
        kind = "same"
    else:
        kind = "adjacent"
    return Pair(
        differences=differences,
        widest=tuple(q for q in QUADRANTS if gap and abs(differences[q]) == gap),
        frictions=frictions,
        kind=kind,
        first_reaches_second=walk(second, second_codes),
        second_reaches_first=walk(first, first_codes),
    )


@dataclass(frozen=True)
class Guidance:
    # quadrants coded 1 (or the strongest, for whole-brain profiles)
    leads: tuple[str, ...]
    weak: tuple[str, ...]  # quadrants coded 3
    natural_steps: tuple[FunnelStep, ...]
    hard_steps: tuple[FunnelStep, ...]


def advise(counts: Counts) -> Guidance:
    """How to coach one person: what to lean on and what to develop.

    A funnel step comes naturally when one of its quadrants is coded 1 for the
    person, and will be hard when all of its quadrants are coded 3.
    """
    codes = codes_for(counts)
    top = max(counts.values())
    leads = tuple(q for q in QUADRANTS if codes[q] == 1) or tuple(
        q for q in QUADRANTS if counts[q] == top
    )
    weak = tuple(q for q in QUADRANTS if codes[q] == 3)
    steps = load().funnel_steps
    return Guidance(
        leads=leads,
        weak=weak,
        natural_steps=tuple(s for s in steps if any(q in leads for q in s.quadrants)),
        hard_steps=tuple(s for s in steps if all(codes[q] == 3 for q in s.quadrants)),
    )


SORT_KEYS = ("name", "code", "pattern", "date")
PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    rows: list
    number: int
    pages: int
    total: int  # rows after filtering


def browse(rows, sort="name", descending=False, pattern="", status="", text="", page=1):
    """Filter, sort and page a team's member rows for the member table.

    :param rows: objects with `name`, `code`, `pattern` and `finished_at`.
    :param status: 'done' (has a profile), 'waiting' (has none) or '' for all.
    :param text: part of a name, any case.
    """
    text = text.strip().casefold()
    kept = [
        r
        for r in rows
        if (not pattern or r.pattern == pattern)
        and (status != "done" or r.finished_at is not None)
        and (status != "waiting" or r.finished_at is None)
        and (not text or text in r.name.casefold())
    ]
    sort = sort if sort in SORT_KEYS else "name"
    # Members without a profile go last whichever way the column is sorted.
    present, missing = kept, []
    if sort != "name":
        present = [r for r in kept if r.finished_at is not None]
        missing = [r for r in kept if r.finished_at is None]
    key = {
        "name": lambda r: (r.name.casefold(), r.name),
        "code": lambda r: r.code,
        "pattern": lambda r: (len(r.pattern), r.pattern),
        "date": lambda r: r.finished_at,
    }[sort]
    ordered = sorted(present, key=key, reverse=descending) + missing
    pages = max(1, -(-len(ordered) // PER_PAGE))
    number = min(max(1, page), pages)
    start = (number - 1) * PER_PAGE
    return Page(ordered[start : start + PER_PAGE], number, pages, len(ordered))
