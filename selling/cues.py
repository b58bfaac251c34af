"""Estimate a buyer's whole-brain profile from cues the rep has observed.

The rule (also in docs/reps.md):

- **Votes.** Each ticked cue is one vote for its quadrant, or half a vote
  (`EXPLAINED_WEIGHT`) when the contact's buying-centre role explains it
  (`explained_by` in content/cues.toml): a purchaser who compares prices item by
  item is doing the job, which says less about how they think.
- **Prior.** Every quadrant starts with `PRIOR` = 6 votes, the even profile
  6-6-6-6, so an estimate is the even profile (worth 24 cues) blended with what
  was observed. Fewer than 3 ticks can never give code 1 or code 3: two ticks for
  one quadrant reach 24 x 8/26 = 7.4, and an untouched quadrant stays at 6. A
  quadrant needs 3 ticks and nothing else to reach 8, and falls to 3 only after
  18 ticks for the other quadrants and none for it.
- **Counts.** Each quadrant's share of 24 is rounded on its own, a half towards 6
  (the even share), so quadrants with equal votes always get equal counts and no
  rounding makes a claim the votes do not make. The four counts may add up to a
  little more or less than 24 (e.g. 9-6-5-5 = 25); codes and the pattern follow
  `assessment.vocabulary`, exactly as for an assessment.
- **Confidence** is votes / (votes + 5). The level is "low" below 0.5 (fewer
  than 5 votes) or when every tick is of one kind (what they ask for, say, how
  they run meetings, how colleagues describe them); "high" from 0.7 (12 votes);
  "medium" in between. Only a medium or high estimate is *firm*: below that the
  pages give the buyer's leaning in words instead of a code and a pattern.
- **Purchase factors** use `personal_counts`, the profile without the cues the
  role explains, because the role's own weights already stand for the job
  (`selling.factors.weigh_buyer`).

A saved estimate keeps its ticked cues; pages recompute it from them and the
contact's current role (`selling.models.Estimate.reading`), so estimates saved
under an earlier rule read under this one.
"""

import math
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from assessment.scoring import TOTAL
from assessment.text import Text
from assessment.text import read_toml
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import codes_for
from assessment.vocabulary import pattern_for
from selling.exc import InvalidCues
from selling.tracking import BUYING_ROLES

PRIOR = 6  # votes per quadrant before any cue is ticked: the even profile 6-6-6-6
EVEN = Fraction(TOTAL, len(QUADRANTS))  # 6 of 24: halves are rounded towards it
EXPLAINED_WEIGHT = Fraction(1, 2)  # a cue the contact's role explains
HALF_CONFIDENCE = 5  # votes at which confidence reaches one half
MEDIUM = 0.5  # confidence from which an estimate may be firm
HIGH = 0.7
MIN_KINDS = 2  # a firm estimate rests on cues of at least two kinds
# The votes at which confidence reaches MEDIUM (5): what a firm estimate needs.
FIRM_VOTES = math.ceil(HALF_CONFIDENCE * MEDIUM / (1 - MEDIUM))


@dataclass(frozen=True)
class Cue:
    id: str
    quadrant: str
    kind: str
    text: Text
    explained_by: tuple[str, ...] = ()  # roles whose job alone explains the cue

    def weight(self, role: str | None) -> Fraction:
        """The cue's vote for a contact in `role`: half when the role explains it."""
        return EXPLAINED_WEIGHT if role in self.explained_by else Fraction(1)


@cache
def load() -> tuple[Cue, ...]:
    """Every cue of the catalogue, in file order.

    :raises ValueError: a cue names a role that is not a buying-centre role.
    """
    cues = tuple(
        Cue(
            c["id"],
            c["quadrant"],
            c["kind"],
            Text.of(c["text"]),
            tuple(c.get("explained_by", ())),
        )
        for c in read_toml("selling", "cues.toml")["cues"]
    )
    for cue in cues:
        if not set(cue.explained_by) <= set(BUYING_ROLES):
            raise ValueError(f"{cue.id}: explained_by {cue.explained_by!r}")
    return cues


@cache
def kinds() -> dict[str, Text]:
    """The headings cues are grouped under (what they ask for, say, ...)."""
    return {
        key: Text.of(text)
        for key, text in read_toml("selling", "cues.toml")["kinds"].items()
    }


@dataclass(frozen=True)
class BuyerEstimate:
    counts: dict[str, int]  # shares of 24, like an assessment (sum 24 +/- 2)
    codes: dict[str, int]
    pattern: str
    confidence: float  # 0 to 1
    ticks: dict[str, int]  # cues ticked per quadrant
    votes: dict[str, float]  # ticks weighted for the role, before the prior
    kinds: tuple[str, ...]  # the kinds of the ticked cues, sorted
    role: str | None = None
    # The profile from the cues the role does not explain (None: there are none).
    personal_counts: dict[str, int] | None = None
    explained: int = 0  # ticked cues the role explains, each half a vote

    @property
    def thin(self) -> tuple[str, ...]:
        """Why the estimate is not firm: 'few' votes and/or 'one_kind' of cue."""
        reasons = ("few",) if self.confidence < MEDIUM else ()
        return reasons + (("one_kind",) if len(self.kinds) < MIN_KINDS else ())

    @property
    def level(self) -> str:
        """'low', 'medium' or 'high', for people."""
        return confidence_level(self.confidence, len(self.kinds))

    @property
    def firm(self) -> bool:
        """Enough evidence, of enough kinds, to show a code and a pattern."""
        return not self.thin

    @property
    def leaning(self) -> tuple[str, ...]:
        """The quadrants with the most votes; none while every quadrant has as many."""
        top = max(self.votes.values())
        if top == min(self.votes.values()):
            return ()
        return tuple(q for q in QUADRANTS if self.votes[q] == top)

    @property
    def unknown(self) -> tuple[str, ...]:
        """Quadrants the evidence says too little about.

        While the estimate is not firm: every quadrant but the leaning. Once it
        is: the quadrants without a tick that are still coded 2, the code of the
        even starting point. (Coded 3 without a tick is a finding: it takes 18
        ticks elsewhere.)
        """
        if not self.firm:
            return tuple(q for q in QUADRANTS if q not in self.leaning)
        return tuple(q for q in QUADRANTS if not self.ticks[q] and self.codes[q] == 2)


def confidence_level(confidence: float, kinds: int) -> str:
    """'low', 'medium' or 'high': low below MEDIUM or with cues of one kind only."""
    if confidence < MEDIUM or kinds < MIN_KINDS:
        return "low"
    return "medium" if confidence < HIGH else "high"


def estimate(
    cue_ids: Iterable[str],
    role: str | None = None,
    catalogue: Iterable[Cue] | None = None,
) -> BuyerEstimate:
    """Turn ticked cue ids into an estimated profile.

    :param cue_ids: the cues the rep has observed.
    :param role: the contact's buying-centre role; the cues it explains weigh half.
    :param catalogue: the cues to read ids against (default: the content file).
    :raises InvalidCues: no cue ticked, an unknown id, the same cue twice, or an
        unknown role.
    """
    cues = _cues(cue_ids, catalogue)
    if role is not None and role not in BUYING_ROLES:
        raise InvalidCues(f"unknown role {role!r}")
    votes = _votes(cues, role)
    total = sum(votes.values())
    personal = [c for c in cues if role not in c.explained_by]
    counts = _counts(votes)
    codes = codes_for(counts)
    return BuyerEstimate(
        counts=counts,
        codes=codes,
        pattern=pattern_for(codes),
        confidence=float(total / (total + HALF_CONFIDENCE)),
        ticks={q: sum(c.quadrant == q for c in cues) for q in QUADRANTS},
        votes={q: float(v) for q, v in votes.items()},
        kinds=tuple(sorted({c.kind for c in cues})),
        role=role,
        personal_counts=_counts(_votes(personal, None)) if personal else None,
        explained=len(cues) - len(personal),
    )


def _cues(cue_ids: Iterable[str], catalogue: Iterable[Cue] | None) -> list[Cue]:
    by_id = {c.id: c for c in (catalogue if catalogue is not None else load())}
    ids = list(cue_ids)
    if not ids:
        raise InvalidCues("tick at least one cue")
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise InvalidCues(f"unknown cue {unknown[0]!r}")
    if len(set(ids)) != len(ids):
        raise InvalidCues("a cue is ticked twice")
    return [by_id[i] for i in ids]


def _votes(cues: Iterable[Cue], role: str | None) -> dict[str, Fraction]:
    votes = dict.fromkeys(QUADRANTS, Fraction(0))
    for cue in cues:
        votes[cue.quadrant] += cue.weight(role)
    return votes


def _counts(votes: Mapping[str, Fraction]) -> dict[str, int]:
    """Each quadrant's share of 24 after the prior, rounded on its own."""
    all_votes = sum(votes.values()) + PRIOR * len(QUADRANTS)
    return {q: _round((votes[q] + PRIOR) * TOTAL / all_votes) for q in QUADRANTS}


def _round(share: Fraction) -> int:
    """The nearest whole number; a half goes towards the even share, 6."""
    whole = math.floor(share)
    rest = share - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and share < EVEN):
        return whole + 1
    return whole


def cues_to_watch(
    result: BuyerEstimate,
    ticked: Iterable[str],
    per_quadrant: int = 2,
    catalogue: Iterable[Cue] | None = None,
) -> dict[str, tuple[Cue, ...]]:
    """Cues to look out for in each quadrant the estimate knows too little about.

    Untried kinds come first (a second kind of evidence firms the estimate up),
    then cues the contact's role does not explain, then catalogue order.

    :param result: the estimate; its `unknown` quadrants are the ones listed.
    :param ticked: the cue ids already ticked, never suggested again.
    :return: quadrant -> up to `per_quadrant` cues, in `result.unknown` order.
    """
    seen = set(ticked)
    pool = list(catalogue if catalogue is not None else load())
    watch = {}
    for q in result.unknown:
        candidates = [c for c in pool if c.quadrant == q and c.id not in seen]
        candidates.sort(
            key=lambda c: (c.kind in result.kinds, result.role in c.explained_by)
        )
        watch[q] = tuple(candidates[:per_quadrant])
    return watch
