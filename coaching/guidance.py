"""How to coach one person: what to lean on, what to develop, and which funnel
steps will come naturally or be hard. Pure."""

from dataclasses import dataclass

from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import Counts
from assessment.vocabulary import codes_for
from coaching.content import FunnelStep
from coaching.content import load


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
