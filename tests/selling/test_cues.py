"""Estimating a buyer's profile from observed cues; negotiation types; factors."""

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import strategies as st

from assessment.vocabulary import QUADRANTS
from selling import cues
from selling import factors
from selling import negotiation
from selling.cues import estimate
from selling.tracking import BUYING_ROLES
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
    """Counts of about 24 with a code and a pattern: 6 D and 2 C ticks give 5-5-6-9, D."""
    result = estimate(_ids("D", 6) + _ids("C", 2))
    assert result.counts == {"A": 5, "B": 5, "C": 6, "D": 9}  # halves towards 6
    assert result.pattern == "D"
    assert result.codes == {"A": 2, "B": 2, "C": 2, "D": 1}
    assert result.ticks == {"A": 0, "B": 0, "C": 2, "D": 6}
    assert result.level == "medium" and result.firm


def test_confidence_rises_with_evidence():
    """More ticks, more confidence; a single tick is low and claims nothing."""
    one = estimate(_ids("A", 1))
    many = estimate(_ids("A", 6) + _ids("B", 6))
    assert one.confidence < many.confidence
    assert one.level == "low" and many.level == "high"
    assert one.counts == {"A": 7, "B": 6, "C": 6, "D": 6}
    assert one.leaning == ("A",) and one.unknown == ("B", "C", "D")


def test_three_a_ticks_no_longer_code_untouched_quadrants_apart():
    """The review's case: three A ticks leave B, C and D equal, none of them coded 3."""
    result = estimate(["cue-03", "cue-05", "cue-12"])
    assert result.counts == {"A": 8, "B": 5, "C": 5, "D": 5}
    assert result.codes["B"] == result.codes["C"] == result.codes["D"] == 2
    assert result.thin == ("few", "one_kind")  # three votes, all of them "asks"


def test_four_ticks_never_make_untouched_quadrants_low():
    """With four ticks of one quadrant the others are unknown, not low preference."""
    result = estimate(_ids("A", 4))
    assert 3 not in result.codes.values()
    assert result.unknown == ("B", "C", "D")
    assert result.thin == ("few",)


def test_a_firm_estimate_needs_two_kinds_and_five_votes():
    """Ten cues of one kind stay thin; five of two kinds are firm."""
    says = [c.id for c in cues.load() if c.kind == "says"][:10]
    assert estimate(says).thin == ("one_kind",)
    two_kinds = ["cue-03", "cue-14", "cue-20", "cue-26", "cue-31"]
    assert estimate(two_kinds).firm
    assert estimate(two_kinds[:4]).thin == ("few",)
    assert cues.FIRM_VOTES == 5


def test_many_ticks_elsewhere_make_a_quadrant_low():
    """Code 3 is a finding: 18 ticks for other quadrants and none for it."""
    result = estimate(_ids("C", 9) + _ids("D", 9))
    assert result.codes == {"A": 3, "B": 3, "C": 1, "D": 1}
    assert result.pattern == "CD" and result.unknown == ()


def test_the_jobs_explain_the_cues_the_review_named():
    """Approval, terms, support and item-by-item comparison come with purchasing."""
    by_id = {c.id: c for c in cues.load()}
    for cue_id in ("cue-05", "cue-07", "cue-10", "cue-12", "cue-23"):
        assert "purchaser" in by_id[cue_id].explained_by
    for cue in cues.load():
        assert set(cue.explained_by) <= set(BUYING_ROLES)


def test_role_explained_cues_count_half_for_that_role():
    """A purchaser comparing prices is half a vote; for a user it is a whole one."""
    ids = ["cue-12", "cue-07", "cue-26"]
    purchaser = estimate(ids, role="purchaser")
    user = estimate(ids, role="user")
    assert purchaser.votes == {"A": 1.5, "B": 0.5, "C": 0.0, "D": 0.0}
    assert user.votes == {"A": 2.0, "B": 1.0, "C": 0.0, "D": 0.0}
    assert purchaser.explained == 2 and user.explained == 0
    assert purchaser.personal_counts == estimate(["cue-26"]).counts
    assert purchaser.confidence < user.confidence


def test_cues_to_watch_suggest_untried_kinds_in_unknown_quadrants():
    """A thin A estimate of 'asks' suggests B, C and D cues, other kinds first."""
    result = estimate(["cue-03", "cue-05"])
    watch = cues.cues_to_watch(result, ["cue-03", "cue-05"])
    assert list(watch) == ["B", "C", "D"]
    for q, suggested in watch.items():
        assert len(suggested) == 2
        assert all(c.quadrant == q and c.kind != "asks" for c in suggested)


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
    [
        (True, True, "owl"),
        (True, False, "fox"),
        (False, True, "sheep"),
        (False, False, "donkey"),
        (None, True, None),
    ],
)
def test_negotiation_types(reads, integrity, kind):
    """The two axes place the buyer; an unanswered question places nobody."""
    assert negotiation.place(reads, integrity) == kind


def test_every_counterpart_has_tactics():
    """Owl, fox, sheep and donkey each come with three tactics in both languages."""
    table = negotiation.load()
    assert set(table.counterparts) == {"owl", "fox", "sheep", "donkey"}
    assert all(len(c.tactics) == 3 for c in table.counterparts.values())


def test_factors_do_not_count_the_job_twice():
    """For a purchaser, cues their job explains change no factor; for a user they do."""
    base = ["cue-26", "cue-27"]
    with_job = [*base, "cue-12", "cue-23"]
    assert factors.weigh_buyer(estimate(with_job, role="purchaser")) == (
        factors.weigh_buyer(estimate(base, role="purchaser"))
    )
    assert factors.weigh_buyer(estimate(["cue-12"], role="purchaser")) == (
        factors.weigh("purchaser", None)
    )
    assert factors.weigh_buyer(estimate(with_job, role="user")) != (
        factors.weigh_buyer(estimate(base, role="user"))
    )
    with pytest.raises(ValueError, match="role"):
        factors.weigh_buyer(estimate(base))


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
        Person("Ann", "decision_maker", "guide", "won_over", "senior"),
        Person("Bo", "user", "none", "won_over", "front_line"),
    ]
    tracking = track(people)
    assert tracking.guides == ("Ann",)
    assert tracking.won_roles == ("user", "decision_maker")
    assert tracking.gaps == ("missing_purchaser", "missing_gatekeeper")
    assert "no_guide" in track([]).gaps


@pytest.mark.parametrize(
    ("relationships", "gap"),
    [
        ((), "missing_decision_maker"),
        (("not_met",), "decision_maker_not_reached"),
        (("opposed",), "decision_maker_opposed"),
        (("opposed", "in_contact"), "decision_maker_opposed"),
        (("in_contact",), None),
        (("opposed", "won_over"), None),
    ],
)
def test_reaching_the_decision_maker_and_winning_them_are_different_gaps(
    relationships, gap
):
    """Not on the map, not reached and opposed are three gaps; one won over closes them."""
    people = [
        Person(f"P{i}", "decision_maker", "none", r, "senior")
        for i, r in enumerate(relationships)
    ]
    found = {g for g in track(people).gaps if "decision_maker" in g}
    assert found == ({gap} if gap else set())


def test_gap_between_rep_and_buyer():
    """An AB rep meeting a CD buyer leads with A; the buyer needs C first; C and D are blind spots."""
    gap = compare(
        {"A": 10, "B": 10, "C": 2, "D": 2}, {"A": 2, "B": 2, "C": 10, "D": 10}
    )
    assert (gap.rep_lead, gap.buyer_lead) == ("A", "C")
    assert gap.rep_blind_spots_buyer_needs == ("C", "D")


# --- Properties of the estimate, over any ticks and any role ---------------------

CUE_IDS = [c.id for c in cues.load()]
ANY_ROLE = st.sampled_from([None, *BUYING_ROLES])
SOME_CUES = st.lists(st.sampled_from(CUE_IDS), min_size=1, max_size=40, unique=True)


@given(ticked=SOME_CUES, extra=st.sampled_from(CUE_IDS), role=ANY_ROLE)
def test_another_tick_never_lowers_its_quadrant(ticked, extra, role):
    """Adding a tick for Q never lowers Q's count (and never raises another's)."""
    assume(extra not in ticked)
    before = estimate(ticked, role=role)
    after = estimate([*ticked, extra], role=role)
    q = cues_by_id()[extra].quadrant
    assert after.counts[q] >= before.counts[q]
    assert all(after.counts[r] <= before.counts[r] for r in QUADRANTS if r != q)


@pytest.mark.parametrize("role", [None, *BUYING_ROLES])
def test_one_tick_never_makes_a_primary(role):
    """Every single cue, for every role, leaves every quadrant coded 2."""
    for cue_id in CUE_IDS:
        result = estimate([cue_id], role=role)
        assert set(result.codes.values()) == {2}, cue_id
        assert not result.firm


@given(
    ticked=st.lists(st.sampled_from(CUE_IDS), min_size=1, max_size=2, unique=True),
    role=ANY_ROLE,
)
def test_fewer_than_three_ticks_never_code_1_or_3(ticked, role):
    """One or two ticks can make no quadrant primary and none low preference."""
    assert set(estimate(ticked, role=role).codes.values()) == {2}


@given(ticked=SOME_CUES, role=ANY_ROLE)
def test_equal_evidence_gets_equal_counts(ticked, role):
    """Quadrants with equal votes (equal ticks, without a role) get equal counts."""
    result = estimate(ticked, role=role)
    plain = estimate(ticked)
    for q in QUADRANTS:
        for r in QUADRANTS:
            if result.votes[q] == result.votes[r]:
                assert result.counts[q] == result.counts[r]
            if plain.ticks[q] == plain.ticks[r]:
                assert plain.counts[q] == plain.counts[r]
    assert abs(sum(result.counts.values()) - 24) <= 2


EXPLAINED = [(c.id, r) for c in cues.load() for r in c.explained_by]


@given(ticked=SOME_CUES, pick=st.sampled_from(EXPLAINED))
def test_role_explained_cues_weigh_less_for_that_role(ticked, pick):
    """A cue the role explains is half a vote for that role, a whole one without it."""
    cue_id, role = pick
    ticked = [i for i in ticked if i != cue_id] + [cue_id]
    q = cues_by_id()[cue_id].quadrant
    with_role, without = estimate(ticked, role=role), estimate(ticked)
    assert with_role.votes[q] < without.votes[q]
    assert with_role.counts[q] <= without.counts[q]
    assert with_role.confidence < without.confidence
    rest = [i for i in ticked if i != cue_id]
    if rest:
        gain = with_role.votes[q] - estimate(rest, role=role).votes[q]
        assert gain == 0.5


def cues_by_id():
    return {c.id: c for c in cues.load()}


@pytest.mark.parametrize(
    ("seniors", "gap"),
    [
        ((), True),  # nobody at the senior level
        (("not_met",), True),
        (("opposed",), True),  # met, but no way in at the top
        (("in_contact",), False),
        (("not_met", "won_over"), False),
    ],
)
def test_a_senior_contact_must_be_reached(seniors, gap):
    """'No senior contact reached' until a senior contact is in contact or won over."""
    people = [Person("Mid", "user", "guide", "won_over", "middle")] + [
        Person(f"S{i}", "decision_maker", "none", r, "senior")
        for i, r in enumerate(seniors)
    ]
    tracking = track(people)
    assert ("no_senior_reached" in tracking.gaps) is gap
    assert [p.name for p in tracking.seniors] == [f"S{i}" for i in range(len(seniors))]
