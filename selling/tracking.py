"""The 1+2+1 tracking of a key account, and the gap between rep and buyer."""

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass

from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import code_for

BUYING_ROLES = ("purchaser", "user", "gatekeeper", "decision_maker")
LEVELS = ("senior", "middle", "front_line")
# Met at least once; "opposed" is reached too, just not won over.
REACHED = ("in_contact", "won_over", "opposed")
# A senior contact counts as reached when they talk to you or back you: as for
# the decision maker, someone opposed is no way in at the top.
SENIOR_REACHED = ("in_contact", "won_over")


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    guide: str  # none, insider, guide
    relationship: str  # not_met, in_contact, won_over, opposed
    level: str  # senior, middle, front_line


@dataclass(frozen=True)
class Tracking:
    guides: tuple[str, ...]
    insiders: tuple[str, ...]
    by_role: dict[str, tuple[Person, ...]]
    won_roles: tuple[str, ...]
    seniors: tuple[Person, ...]  # contacts at the senior level (高层)
    gaps: tuple[str, ...]  # stable keys, named in the page


def track(people: Iterable[Person]) -> Tracking:
    """Fill the 1+2+1 table: 1 guide, 2 of the 4 buying-centre roles won over, 1 rep.

    Gaps, in this order: no guide; fewer than two roles won over; the decision
    maker opposed, or on the map but not reached; no senior contact reached (in
    contact or won over); each role nobody is in.
    """
    people = list(people)
    by_role = {r: tuple(p for p in people if p.role == r) for r in BUYING_ROLES}
    won = tuple(
        r for r in BUYING_ROLES if any(p.relationship == "won_over" for p in by_role[r])
    )
    guides = tuple(p.name for p in people if p.guide == "guide")
    gaps = []
    if not guides:
        gaps.append("no_guide")
    if len(won) < 2:
        gaps.append("fewer_than_two_won")
    gaps += _decision_maker_gaps(by_role["decision_maker"])
    seniors = tuple(p for p in people if p.level == "senior")
    if not any(p.relationship in SENIOR_REACHED for p in seniors):
        gaps.append("no_senior_reached")
    gaps += [f"missing_{r}" for r in BUYING_ROLES if not by_role[r]]
    return Tracking(
        guides=guides,
        insiders=tuple(p.name for p in people if p.guide == "insider"),
        by_role=by_role,
        won_roles=won,
        seniors=seniors,
        gaps=tuple(gaps),
    )


def _decision_maker_gaps(deciders: tuple[Person, ...]) -> list[str]:
    """Reaching the decision maker and winning them over are different gaps.

    Opposed: one is against you and none is won over. Not reached: they are on
    the map but nobody has met them. Nobody on the map is `missing_decision_maker`.
    """
    if any(p.relationship == "won_over" for p in deciders):
        return []
    if any(p.relationship == "opposed" for p in deciders):
        return ["decision_maker_opposed"]
    if deciders and not any(p.relationship in REACHED for p in deciders):
        return ["decision_maker_not_reached"]
    return []


def _lead(counts: Mapping[str, int]) -> str:
    return max(QUADRANTS, key=lambda q: (counts[q], -QUADRANTS.index(q)))


@dataclass(frozen=True)
class Gap:
    rep_lead: str
    buyer_lead: str
    # coded 3 for the rep, 1 or 2 for the buyer
    rep_blind_spots_buyer_needs: tuple[str, ...]


def compare(rep: Mapping[str, int], buyer: Mapping[str, int]) -> Gap:
    """Where the rep's own habits meet this buyer: 'you lead with X; they need Y first'."""
    return Gap(
        rep_lead=_lead(rep),
        buyer_lead=_lead(buyer),
        rep_blind_spots_buyer_needs=tuple(
            q for q in QUADRANTS if code_for(rep[q]) == 3 and code_for(buyer[q]) < 3
        ),
    )
