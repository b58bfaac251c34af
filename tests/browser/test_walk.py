"""A 10-7-2-5 profile walks the loop round the circle, A -> B -> C -> D, wherever it is shown."""

import re

from playwright.sync_api import expect

from assessment import questionnaire
from selling import cues
from tests.browser.test_journey import _answer_round
from tests.browser.test_team import _sign_up

# Picks per round by quadrant: 4+3+3 A, 2+3+2 B, 1+0+1 C, 1+2+2 D = 10-7-2-5.
PER_ROUND = [
    {"A": 4, "B": 2, "C": 1, "D": 1},
    {"A": 3, "B": 3, "C": 0, "D": 2},
    {"A": 3, "B": 2, "C": 1, "D": 2},
]


def _labels(round_, wanted):
    """The English labels of `wanted[q]` elements of each quadrant q."""
    return [
        e.en
        for q, n in wanted.items()
        for e in [e for e in round_.elements if e.quadrant == q][:n]
    ]


def _loop_order(loop):
    """The quadrants of a loop's stops (an `ol.loop`), top to bottom, as shown."""
    stops = loop.locator(":scope > li")
    expect(stops).to_have_count(4)
    classes = [stops.nth(i).get_attribute("class") for i in range(4)]
    return [re.search(r"q-([ABCD])", c).group(1) for c in classes]


def test_ten_seven_two_five_walks_round_the_circle(live_server, browser):
    """Report, pair view and buyer brief all walk A, B, C, D, never across the circle."""
    coach_ctx = browser.new_context(locale="en-US")
    coach = coach_ctx.new_page()
    _sign_up(coach, live_server, "Chen Coach", "chen@example.com")
    coach.get_by_role("link", name="Teams").click()
    coach.get_by_label("Team name").fill("East")
    coach.get_by_role("button", name="Create team").click()
    coach.get_by_role("button", name="Make an invitation code").click()
    link = coach.get_by_label("Link to share").first.input_value()
    coach.goto(live_server + "/")
    coach.get_by_role("button", name="Start the questionnaire").click()
    for _ in range(3):
        _answer_round(coach)
    coach.get_by_role("button", name="Finish and see my profile").click()

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    _sign_up(page, live_server, "Ann Lee", "ann@example.com")
    page.goto(link)
    page.get_by_role("button", name="Join the team").click()
    page.goto(live_server + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    for round_, wanted in zip(questionnaire.load(), PER_ROUND, strict=True):
        for label in _labels(round_, wanted):
            page.get_by_role("checkbox", name=label, exact=True).check()
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Finish and see my profile").click()
    expect(page.locator(".code")).to_have_text("1-2-3-2")
    assert _loop_order(page.locator("ol.loop")) == ["A", "B", "C", "D"]

    coach.goto(link.split("/teams/")[0] + "/teams/")
    coach.get_by_role("link", name="East").click()
    coach.get_by_role("link", name="Compare two people").click()
    coach.get_by_label("First").select_option(label="Chen Coach (coach)")
    coach.get_by_label("Second").select_option(label="Ann Lee")
    coach.get_by_role("button", name="Compare").click()
    expect(
        coach.get_by_role("heading", name="How Chen Coach reaches Ann Lee")
    ).to_be_visible()
    # The first loop on the page is how the first person reaches the second.
    assert _loop_order(coach.locator("ol.loop").first) == ["A", "B", "C", "D"]

    # A buyer whose cues lean A first, then B over D, with nothing for C.
    page.get_by_role("link", name="Key accounts").click()
    page.get_by_label("Company").fill("East Power")
    page.get_by_role("button", name="Add account").click()
    page.get_by_role("link", name="Add a contact").click()
    page.get_by_label("Name").fill("Zhang Wei")
    page.get_by_label("Buying-centre role").select_option(label="User")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Estimate the profile").click()
    wanted = {"A": 4, "B": 2, "D": 1}
    for q, n in wanted.items():
        plain = [
            c
            for c in cues.load()
            if c.quadrant == q and not getattr(c, "explained_by", ())
        ]
        for cue in plain[:n]:
            page.get_by_role("checkbox", name=cue.text.en, exact=True).check()
    page.get_by_role("button", name="Save the estimate").click()
    page.get_by_role("link", name="Brief for this buyer").click()
    assert _loop_order(page.locator("ol.loop")) == ["A", "B", "C", "D"]
    coach_ctx.close()
    context.close()
