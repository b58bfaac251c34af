"""What two people need from each other: where they differ, where opposite
quadrants rub, and the loop each should walk for the other. Pure."""

from dataclasses import dataclass

from assessment.loop import Stop
from assessment.loop import walk
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import Counts
from assessment.vocabulary import codes_for
from assessment.vocabulary import opposite


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
