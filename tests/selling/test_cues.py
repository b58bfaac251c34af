"""Estimating a buyer's profile from observed cues; negotiation types; factors."""

import pytest

from assessment.questionnaire import QUADRANTS
from selling import cues
from selling import factors
from selling import negotiation
from selling.cues import estimate
from selling.tracking import Person
from selling.tracking import compare
from selling.tracking import track


def test_catalogue_has_ten_bilingual_cues_per_quadrant():
    """At least 8 cues per quadrant (we have 10), each in both languages."""
    catalogue = cues.load()
    assert len({c.id for c in catalogue}) == len(catalogue)
    for q in QUADRANTS:
        assert sum(c.quadrant == q for c in catalogue) >= 8
    assert {c.kind for c in catalogue} == set(cues.kinds())


def _ids(quadrant, n):
    return [c.id for c in cues.load() if c.quadrant == quadrant][:n]


def test_estimate_reads_like_an_assessment():
    """Counts sum to 24 and carry a code and a pattern."""
    result = estimate(_ids("D", 6) + _ids("C", 2))
    assert sum(result.counts.values()) == 24
    assert result.pattern == "D"
    assert result.codes["D"] == 1
    assert result.ticks == {"A": 0, "B": 0, "C": 2, "D": 6}


def test_confidence_rises_with_evidence():
    """More ticks, more confidence; a single tick is low and not extreme."""
    one = estimate(_ids("A", 1))
    many = estimate(_ids("A", 6) + _ids("B", 6))
    assert one.confidence < many.confidence
    assert one.level == "low" and many.level == "high"
    assert one.counts["A"] < 24  # the prior keeps one tick from claiming everything


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ([], "tick at least one"),
        (["nope"], "unknown cue"),
        (["cue-01", "cue-01"], "twice"),
    ],
)
def test_bad_cues_are_refused(ids, message):
    """Empty, unknown and repeated cues raise a ValueError that says why."""
    with pytest.raises(ValueError, match=message):
        estimate(ids)


@pytest.mark.parametrize(
    ("reads", "integrity", "kind"),
    [(True, True, "owl"), (True, False, "fox"), (False, True, "sheep"), (False, False, "donkey"),
     (None, True, None)],
)  # fmt: skip
def test_negotiation_types(reads, integrity, kind):
    """The two axes place the buyer; an unanswered question places nobody."""
    assert negotiation.place(reads, integrity) == kind


def test_every_counterpart_has_tactics():
    """Owl, fox, sheep and donkey each come with three tactics in both languages."""
    table = negotiation.load()
    assert set(table.counterparts) == {"owl", "fox", "sheep", "donkey"}
    assert all(len(c.tactics) == 3 for c in table.counterparts.values())


def test_factors_follow_role_and_profile():
    """Purchasing leans to price; a C-led user leans to trust and experience."""
    assert factors.weigh("purchaser", None)[0][0] == "price"
    top_two = [
        f for f, _ in factors.weigh("user", {"A": 0, "B": 0, "C": 24, "D": 0})[:2]
    ]
    assert set(top_two) <= {"experience", "trust", "need"}


def test_one_two_one_tracking():
    """A guide and two won roles close the gaps; missing roles are named."""
    people = [
        Person("Ann", "decision_maker", "guide", "won_over"),
        Person("Bo", "user", "none", "won_over"),
    ]
    tracking = track(people)
    assert tracking.guides == ("Ann",)
    assert tracking.won_roles == ("user", "decision_maker")
    assert tracking.gaps == ("missing_purchaser", "missing_gatekeeper")
    assert "no_guide" in track([]).gaps


def test_gap_between_rep_and_buyer():
    """An AB rep meeting a CD buyer leads with A; the buyer needs C first; C and D are blind spots."""
    gap = compare(
        {"A": 10, "B": 10, "C": 2, "D": 2}, {"A": 2, "B": 2, "C": 10, "D": 10}
    )
    assert (gap.rep_lead, gap.buyer_lead) == ("A", "C")
    assert gap.rep_blind_spots_buyer_needs == ("C", "D")
