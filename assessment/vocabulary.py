"""The profile vocabulary: quadrants, preference codes, patterns and the circle.

Every rule a report, a team page or a buyer brief states about a profile is
written here once (see docs/scoring.md), so they can never disagree.
"""

from collections.abc import Mapping

QUADRANTS = ("A", "B", "C", "D")
# Picks (or estimated votes) per quadrant: {"A": 10, "B": 7, "C": 2, "D": 5}.
Counts = Mapping[str, int]
# Quadrants in circle order: each touches the next, and D touches A.
CIRCLE = QUADRANTS

PRIMARY_MIN = 8  # of 24 picks: code 1 (primary)
SECONDARY_MIN = 4  # 4 to 7: code 2 (secondary); 3 or fewer: code 3 (low preference)

WHOLE_BRAIN = "ABCD"
# No quadrant leads, yet one or more is coded 3: not whole-brain.
NO_PRIMARY = "none"

PATTERNS = (
    "A",
    "B",
    "C",
    "D",
    "AB",
    "AC",
    "AD",
    "BC",
    "BD",
    "CD",
    "ABC",
    "ABD",
    "ACD",
    "BCD",
    WHOLE_BRAIN,
    NO_PRIMARY,
)  # fmt: skip - one line per number of primaries reads as the model is taught


def code_for(count: int) -> int:
    """The preference code (1, 2 or 3) of a quadrant's share of 24 picks."""
    if count >= PRIMARY_MIN:
        return 1
    if count >= SECONDARY_MIN:
        return 2
    return 3


def codes_for(counts: Mapping[str, int]) -> dict[str, int]:
    """The preference code of each quadrant."""
    return {q: code_for(counts[q]) for q in QUADRANTS}


def code_string(counts: Mapping[str, int]) -> str:
    """The preference code in A-B-C-D order, e.g. '1-2-2-1'."""
    return "-".join(str(code_for(counts[q])) for q in QUADRANTS)


def pattern_for(codes: Mapping[str, int]) -> str:
    """Name a profile by its codes.

    The quadrants coded 1, in A-B-C-D order; with none coded 1, 'ABCD'
    (whole-brain) only when none is coded 3 either, else `NO_PRIMARY`.
    """
    primaries = "".join(q for q in QUADRANTS if codes[q] == 1)
    if primaries:
        return primaries
    return NO_PRIMARY if 3 in codes.values() else WHOLE_BRAIN


def pattern_of(counts: Mapping[str, int]) -> str:
    """The pattern of a profile given as counts per quadrant."""
    return pattern_for(codes_for(counts))


def neighbours(quadrant: str) -> tuple[str, str]:
    """The two quadrants that share an edge with `quadrant`."""
    i = CIRCLE.index(quadrant)
    return CIRCLE[i - 1], CIRCLE[(i + 1) % 4]


def opposite(quadrant: str) -> str:
    """A faces C and B faces D."""
    return CIRCLE[(CIRCLE.index(quadrant) + 2) % 4]
