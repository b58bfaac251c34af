"""The brief's cached sections follow the estimate, the contact and the language."""

from tests.conftest import picks_for
from tests.selling.conftest import CONTACT


def _brief(rep, contact_id):
    return rep.client.get(f"/key-accounts/contacts/{contact_id}/brief").get_data(
        as_text=True
    )


def test_a_new_estimate_reorders_a_cached_brief(rep, account):
    """Re-estimating the buyer gives the new walk-around, not the cached one."""
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "D")
    loop = _brief(rep, contact_id).split('class="loop"')[1]
    assert loop.index("D: imaginative") < loop.index("A: analytical")
    rep.estimate(contact_id, "A")
    loop = _brief(rep, contact_id).split('class="loop"')[1]
    assert loop.index("A: analytical") < loop.index("D: imaginative")


def test_changed_negotiation_answers_change_a_cached_brief(rep, account):
    """The tactics follow the contact's negotiation answers after the brief was cached."""
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "D")
    assert "Owl" in _brief(rep, contact_id)
    edited = rep.post(
        f"/key-accounts/contacts/{contact_id}/edit",
        {**CONTACT, "name": "张伟", "integrity": "no"},
    )
    assert edited.status_code == 302
    assert "Owl" not in _brief(rep, contact_id)


def test_the_own_profile_part_is_not_cached(rep, account):
    """Taking the questionnaire after reading a brief adds the comparison at once."""
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "CD")
    assert "This brief lacks the comparison" in _brief(rep, contact_id)
    rep.take_assessment(picks_for({"A": 4, "B": 4}))
    page = _brief(rep, contact_id)
    assert "This brief lacks the comparison" not in page
    assert "Your habits will get in the way at" in page


def test_a_cached_brief_switches_language(rep, account):
    """English, then Chinese, then English again, from a warm cache."""
    contact_id = account["contacts"]["decision_maker"]
    rep.estimate(contact_id, "B")
    assert "The logic technique" in _brief(rep, contact_id)
    rep.post("/account/language", {"locale": "zh_CN"})
    page = _brief(rep, contact_id)
    assert "猫头鹰" in page and "The logic technique" not in page
    rep.post("/account/language", {"locale": "en"})
    assert "The logic technique" in _brief(rep, contact_id)
