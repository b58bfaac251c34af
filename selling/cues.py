"""Estimate a buyer's whole-brain profile from cues the rep has observed.

Each ticked cue is a vote for its quadrant. One extra vote per quadrant (a
prior) keeps a handful of ticks from producing an extreme profile; the votes
are then scaled to 24 picks, so an estimate reads like an assessment: counts,
preference code and pattern. Confidence grows with the number of ticks.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from assessment.questionnaire import QUADRANTS
from assessment.scoring import TOTAL
from assessment.scoring import code_for
from assessment.text import Text
from assessment.text import read_toml
from selling.exc import InvalidCues

PRIOR = 1  # extra votes per quadrant before any cue is ticked
HALF_CONFIDENCE = 5  # ticks at which confidence reaches one half


@dataclass(frozen=True)
class Cue:
    id: str
    quadrant: str
    kind: str
    text: Text


@cache
def load() -> tuple[Cue, ...]:
    """Every cue of the catalogue, in file order."""
    data = read_toml("selling", "cues.toml")
    return tuple(
        Cue(c["id"], c["quadrant"], c["kind"], Text.of(c["text"])) for c in data["cues"]
    )


@cache
def kinds() -> dict[str, Text]:
    """The headings cues are grouped under (what they ask for, say, ...)."""
    return {
        key: Text.of(text)
        for key, text in read_toml("selling", "cues.toml")["kinds"].items()
    }


@dataclass(frozen=True)
class BuyerEstimate:
    counts: dict[str, int]  # scaled to 24, like an assessment
    codes: dict[str, int]
    pattern: str
    confidence: float  # 0 to 1
    ticks: dict[str, int]  # cues ticked per quadrant

    @property
    def level(self) -> str:
        """'low', 'medium' or 'high', for people."""
        return confidence_level(self.confidence)


def confidence_level(confidence: float) -> str:
    if confidence < 0.5:
        return "low"
    return "medium" if confidence < 0.7 else "high"


def estimate(
    cue_ids: Iterable[str], catalogue: Iterable[Cue] | None = None
) -> BuyerEstimate:
    """Turn ticked cue ids into an estimated profile.

    :raises InvalidCues: no cue ticked, an unknown id, or the same cue twice.
    """
    by_id = {c.id: c for c in (catalogue if catalogue is not None else load())}
    ids = list(cue_ids)
    if not ids:
        raise InvalidCues("tick at least one cue")
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise InvalidCues(f"unknown cue {unknown[0]!r}")
    if len(set(ids)) != len(ids):
        raise InvalidCues("a cue is ticked twice")
    ticks = {q: sum(by_id[i].quadrant == q for i in ids) for q in QUADRANTS}
    votes = {q: ticks[q] + PRIOR for q in QUADRANTS}
    counts = _scale(votes, TOTAL)
    codes = {q: code_for(counts[q]) for q in QUADRANTS}
    return BuyerEstimate(
        counts=counts,
        codes=codes,
        pattern="".join(q for q in QUADRANTS if codes[q] == 1) or "ABCD",
        confidence=len(ids) / (len(ids) + HALF_CONFIDENCE),
        ticks=ticks,
    )


def _scale(votes: dict[str, int], total: int) -> dict[str, int]:
    """Whole numbers proportional to `votes` that add up to `total` (largest remainder)."""
    all_votes = sum(votes.values())
    exact = {q: votes[q] * total / all_votes for q in QUADRANTS}
    counts = {q: int(exact[q]) for q in QUADRANTS}
    by_remainder = sorted(QUADRANTS, key=lambda q: (-(exact[q] - counts[q]), q))
    for q in by_remainder[: total - sum(counts.values())]:
        counts[q] += 1
    return counts
