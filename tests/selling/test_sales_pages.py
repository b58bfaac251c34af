"""Small sales, the funnel's entry stage and the one-click move after an advance."""

import re

from sqlalchemy import select

from extensions import db
from selling.models import KeyAccount
from selling.models import Meeting

FIELDS = {"name": "华东电力", "funnel_step": "build_trust", "notes": ""}


def _page(person, url):
    return person.client.get(url).get_data(as_text=True)


def _log(rep, contact_id, outcome, **extra):
    data = {"held_on": "2026-11-20", "outcome": outcome, **extra}
    return rep.post(f"/key-accounts/contacts/{contact_id}/meetings/new", data)


def _meeting(app, **where):
    with app.app_context():
        return db.session.scalar(select(Meeting).filter_by(**where))


def test_the_account_form_offers_target_customer_and_the_six_steps(rep):
    """The funnel step list starts with target customer, then the six funnel steps."""
    html = _page(rep, "/key-accounts/")
    select_html = html[html.index('id="funnel_step"') :]
    options = re.findall(r"<option[^>]*>([^<]+)</option>", select_html)[:7]
    assert options == [
        "Target customer",
        "Analyse the customer",
        "Build trust",
        "Discover needs",
        "Present value",
        "Win commitment",
        "Collect payment",
    ]
    account_id = rep.add_account("Prospect Ltd", step="target")
    page = _page(rep, f"/key-accounts/{account_id}")
    assert (
        "Funnel step: <strong>Target customer</strong> (before the six funnel steps)"
        in page
    )
    assert "Target customer" in _page(rep, "/key-accounts/")


def test_a_small_sale_offers_two_outcomes(app, rep, account):
    """Marked a small sale, the meeting form offers only order and no order."""
    contact_id = account["contacts"]["user"]
    form = _page(rep, f"/key-accounts/contacts/{contact_id}/meetings/new")
    assert "Continuation (no real progress)" in form and "No-sale" in form
    assert "No order" not in form
    rep.post(f"/key-accounts/{account['id']}", {**FIELDS, "small_sale": "y"})
    assert "small sale" in _page(rep, f"/key-accounts/{account['id']}")
    form = _page(rep, f"/key-accounts/contacts/{contact_id}/meetings/new")
    outcomes = re.findall(r'name="outcome"[^>]*value="(\w+)"', form)
    assert outcomes == ["order", "no_order"]
    assert "A small sale ends one of two ways" in form
    assert "Did the customer agree to any of these?" not in form
    with app.app_context():
        assert db.session.get(KeyAccount, account["id"]).small_sale is True


def test_a_small_sale_refuses_the_large_sale_outcomes(app, rep, account):
    """An advance on a small sale is refused beside the field; no order is logged."""
    rep.post(f"/key-accounts/{account['id']}", {**FIELDS, "small_sale": "y"})
    contact_id = account["contacts"]["user"]
    refused = _log(rep, contact_id, "advance", advances=["trial"]).get_data(
        as_text=True
    )
    assert (
        'id="outcome-error">This account is a small sale: a meeting ends in an order '
        "or no order." in refused
    )
    assert _meeting(app) is None
    _log(rep, contact_id, "no_order", notes="Liked it, will think")
    assert _meeting(app).outcome == "no_order"
    timeline = _page(rep, f"/key-accounts/{account['id']}")
    assert "No order" in timeline[timeline.index('id="timeline"') :]


def test_meetings_keep_their_outcome_when_the_account_becomes_a_small_sale(
    app, rep, account
):
    """A continuation logged before the switch still reads as a continuation."""
    contact_id = account["contacts"]["user"]
    _log(rep, contact_id, "continuation")
    rep.post(f"/key-accounts/{account['id']}", {**FIELDS, "small_sale": "y"})
    assert _meeting(app).outcome == "continuation"
    page = _page(rep, f"/key-accounts/{account['id']}")
    assert "Continuation (no real progress)" in page[page.index('id="timeline"') :]
    rep.post(f"/key-accounts/{account['id']}", FIELDS)  # unticked: a large sale again
    form = _page(rep, f"/key-accounts/contacts/{contact_id}/meetings/new")
    assert "Continuation (no real progress)" in form


def test_an_advance_suggests_moving_the_account_on_with_one_click(app, rep, account):
    """After an advance the pages offer the next step; one click moves it and marks the meeting."""
    contact_id = account["contacts"]["user"]
    _log(rep, contact_id, "advance", advances=["trial"])
    meeting = _meeting(app)
    assert (meeting.funnel_step, meeting.moved_to) == ("build_trust", None)
    offer = (
        "This advance may move 华东电力 from <strong>Build trust</strong> to "
        "<strong>Discover needs</strong>."
    )
    assert offer in _page(rep, f"/key-accounts/contacts/{contact_id}")
    assert offer in _page(rep, f"/key-accounts/{account['id']}")
    with app.app_context():  # never automatic
        assert db.session.get(KeyAccount, account["id"]).funnel_step == "build_trust"

    response = rep.post(f"/key-accounts/meetings/{meeting.id}/move-on")
    assert response.status_code == 302
    page = _page(rep, f"/key-accounts/{account['id']}")
    assert "华东电力 is now at Discover needs." in page
    assert "Funnel step: <strong>Discover needs</strong> (step 3 of 6)" in page
    assert "moved the account on" in page
    assert "This meeting moved the account from Build trust to Discover needs." in page
    assert "This advance may move" not in page
    assert _meeting(app).moved_to == "discover_needs"

    rep.post(f"/key-accounts/meetings/{meeting.id}/move-on")  # a second click
    page = _page(rep, f"/key-accounts/{account['id']}")
    assert "Nothing was moved" in page and "(step 3 of 6)" in page


def test_no_suggestion_once_the_rep_has_moved_the_account_by_hand(rep, account):
    """A step changed by hand after the advance takes the offer away."""
    contact_id = account["contacts"]["user"]
    _log(rep, contact_id, "advance", advances=["demo"])
    rep.post(
        f"/key-accounts/{account['id']}", {**FIELDS, "funnel_step": "present_value"}
    )
    page = _page(rep, f"/key-accounts/{account['id']}")
    assert "This advance may move" not in page
    assert "Funnel step at the time: Build trust" in page


def test_other_outcomes_suggest_nothing(rep, account):
    """An order or a continuation offers no move."""
    contact_id = account["contacts"]["user"]
    _log(rep, contact_id, "continuation")
    _log(rep, contact_id, "order", customer_action="Signed the contract")
    assert "This advance may move" not in _page(
        rep, f"/key-accounts/contacts/{contact_id}"
    )


def test_the_move_is_offered_in_chinese(rep, account):
    """A Chinese-speaking rep reads the offer and the button in Chinese."""
    rep.post("/account/language", {"locale": "zh_CN"})
    _log(rep, account["contacts"]["user"], "advance", advances=["trial"])
    page = _page(rep, f"/key-accounts/{account['id']}")
    assert (
        "这次进展也许能让华东电力从<strong>建立信任</strong>进入<strong>挖掘需求</strong>。"
        in page
    )
    assert ">推进到下一步</button>" in page


def test_no_senior_contact_reached_is_a_gap(rep):
    """Only middle-level contacts: the gap is named; a senior in contact closes it."""
    account_id = rep.add_account("Solo Ltd")
    rep.add_contact(
        account_id, name="Bob", role="user", level="middle", relationship="won_over"
    )
    rep.add_contact(
        account_id,
        name="Liu",
        role="decision_maker",
        level="senior",
        relationship="not_met",
    )
    url = f"/key-accounts/{account_id}"
    assert "No senior contact reached yet: nobody at senior level" in _page(rep, url)
    rep.post("/account/language", {"locale": "zh_CN"})
    assert "还没有打通高层" in _page(rep, url)
    rep.add_contact(
        account_id,
        name="Zhou",
        role="gatekeeper",
        level="senior",
        relationship="in_contact",
    )
    assert "还没有打通高层" not in _page(rep, url)
