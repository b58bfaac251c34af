"""Turn the 24 picks of an assessment into a whole-brain profile.

Rules (also in docs/scoring.md): each pick counts one point for its element's
quadrant; codes and patterns follow `assessment.vocabulary`.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import fields
from typing import Any

from assessment.exc import InvalidPicks
from assessment.questionnaire import PICKS_PER_ROUND
from assessment.questionnaire import Round
from assessment.questionnaire import load
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import code_for
from assessment.vocabulary import code_string
from assessment.vocabulary import codes_for
from assessment.vocabulary import pattern_for

__all__ = ["TOTAL", "InvalidPicks", "Profile", "code_for", "score"]

ROUNDS = 3
TOTAL = ROUNDS * PICKS_PER_ROUND


@dataclass(frozen=True)
class Profile:
    """A scored assessment. Also readable as a mapping: `profile["counts"]`."""

    counts: dict[str, int]
    percent: dict[str, float]
    codes: dict[str, int]
    pattern: str
    round_counts: tuple[dict[str, int], ...]
    consistency: int  # how many rounds share a top quadrant, 1 to 3
    consistent_quadrants: tuple[str, ...]  # the quadrant(s) those rounds share

    @property
    def code(self) -> str:
        """The preference code in A-B-C-D order, e.g. '1-2-2-1'."""
        return code_string(self.counts)

    @property
    def left(self) -> int:
        return self.counts["A"] + self.counts["B"]

    @property
    def right(self) -> int:
        return self.counts["C"] + self.counts["D"]

    @property
    def cerebral(self) -> int:
        return self.counts["A"] + self.counts["D"]

    @property
    def limbic(self) -> int:
        return self.counts["B"] + self.counts["C"]

    @property
    def balance(self) -> dict[str, int]:
        """Points on each side of the two splits of the brain, out of 24."""
        return {
            "left": self.left,
            "right": self.right,
            "cerebral": self.cerebral,
            "limbic": self.limbic,
        }

    def __getitem__(self, key: str) -> Any:
        if key not in {f.name for f in fields(self)} | {"code", "balance"}:
            raise KeyError(key)
        return getattr(self, key)


def score(
    picks: Sequence[Sequence[str]], catalogue: Sequence[Round] | None = None
) -> Profile:
    """Score three rounds of picks.

    :param picks: three lists of element ids, in round order.
    :param catalogue: the rounds to score against; the current catalogue by default.
    :return: the profile.
    :raises InvalidPicks: (a ValueError) naming what is wrong with the picks.
    """
    rounds = tuple(catalogue if catalogue is not None else load())
    if isinstance(picks, str | bytes) or len(picks) != ROUNDS:
        got = "a string" if isinstance(picks, str | bytes) else f"{len(picks)} rounds"
        raise InvalidPicks(f"expected {ROUNDS} rounds of picks, got {got}")
    round_of = {e.id: r.number for r in rounds for e in r.elements}
    quadrant_of = {e.id: e.quadrant for r in rounds for e in r.elements}
    round_counts = []
    for number, round_picks in enumerate(picks, start=1):
        _check_round(number, round_picks, round_of)
        tally = Counter(quadrant_of[element_id] for element_id in round_picks)
        round_counts.append({q: tally[q] for q in QUADRANTS})
    counts = {q: sum(rc[q] for rc in round_counts) for q in QUADRANTS}
    codes = codes_for(counts)
    consistency, shared = _consistency(round_counts)
    return Profile(
        counts=counts,
        percent={q: counts[q] * 100 / TOTAL for q in QUADRANTS},
        codes=codes,
        pattern=pattern_for(codes),
        round_counts=tuple(round_counts),
        consistency=consistency,
        consistent_quadrants=shared,
    )


def _check_round(
    number: int, round_picks: Sequence[str], round_of: dict[str, int]
) -> None:
    if isinstance(round_picks, str | bytes):
        raise InvalidPicks(
            f"round {number}: expected a list of element ids, got a string"
        )
    if len(round_picks) != PICKS_PER_ROUND:
        raise InvalidPicks(
            f"round {number} has {len(round_picks)} picks; exactly {PICKS_PER_ROUND} are needed"
        )
    seen = set()
    for element_id in round_picks:
        if not isinstance(element_id, str) or element_id not in round_of:
            raise InvalidPicks(f"round {number}: unknown element id {element_id!r}")
        if round_of[element_id] != number:
            raise InvalidPicks(
                f"round {number}: element {element_id!r} belongs to round {round_of[element_id]}"
            )
        if element_id in seen:
            raise InvalidPicks(f"round {number}: duplicate pick {element_id!r}")
        seen.add(element_id)


def _consistency(round_counts: list[dict[str, int]]) -> tuple[int, tuple[str, ...]]:
    """How many rounds agree on a top quadrant (ties count for each tied quadrant)."""
    tops = [{q for q in QUADRANTS if rc[q] == max(rc.values())} for rc in round_counts]
    agreement = {q: sum(q in top for top in tops) for q in QUADRANTS}
    best = max(agreement.values())
    return best, tuple(q for q in QUADRANTS if agreement[q] == best)
