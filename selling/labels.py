"""Names of the fixed choices (levels, roles, outcomes...) in the user's language."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "senior": _l("Senior"),
    "middle": _l("Middle"),
    "front_line": _l("Front-line"),
    "purchaser": _l("Purchasing"),
    "user": _l("User"),
    "gatekeeper": _l("Technical or financial gatekeeper"),
    "decision_maker": _l("Decision maker"),
    "none": _l("Neither"),
    "insider": _l("Insider (passes information)"),
    "guide": _l("Guide (wants you to win)"),
    "not_met": _l("Not met yet"),
    "in_contact": _l("In contact"),
    "won_over": _l("Won over"),
    "opposed": _l("Opposed"),
    "order": _l("Order"),
    "advance": _l("Advance"),
    "continuation": _l("Continuation (no real progress)"),
    "no_sale": _l("No-sale"),
    "no_order": _l("No order"),
    "unknown": _l("Cannot tell yet"),
    "yes": _l("Yes"),
    "no": _l("No"),
    "low": _l("low"),
    "medium": _l("medium"),
    "high": _l("high"),
}

GAPS = {
    "no_guide": _l(
        "No guide yet: an insider only passes information; look for someone who wants you to win."
    ),
    "fewer_than_two_won": _l("Fewer than two of the four roles are won over."),
    "decision_maker_not_reached": _l(
        "Decision maker not reached yet: find a way to meet them, through your guide if you have one."
    ),
    "decision_maker_opposed": _l(
        "Decision maker is opposed: find out what they object to, and whom they listen to."
    ),
    "no_senior_reached": _l(
        "No senior contact reached yet: nobody at senior level is in contact with you or won over. Find a way in at the top, through your guide if you have one."
    ),
    "missing_purchaser": _l("Nobody from purchasing is on the map."),
    "missing_user": _l("No user is on the map."),
    "missing_gatekeeper": _l("No technical or financial gatekeeper is on the map."),
    "missing_decision_maker": _l(
        "No decision maker is on the map yet: find out who makes the final call."
    ),
}
