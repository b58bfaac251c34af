"""Every page a trainee, coach and rep reaches, checked by axe-core (WCAG 2.1 A/AA)
in Chinese and English, on a desktop and on a 390 px phone: no critical or serious
violation, and on the phone no page wider than the screen."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy import update

from accounts.models import User
from extensions import db
from mail.models import OutboxMessage
from tests.browser.conftest import serve
from tests.coaching.conftest import CoachActions
from tests.coaching.conftest import user_id
from tests.conftest import close_database
from tests.conftest import picks_for
from tests.selling.conftest import RepActions

LANGUAGES = {"zh": "zh-CN", "en": "en-US"}
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 3,
    },
}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
# Long names in a Latin script are what widen tables and headers on a phone.
MEMBERS = [
    ("Maximilian Featherstonehaugh", {"A": 3, "B": 3, "C": 1, "D": 1}),
    ("欧阳诗雯", {"C": 3, "D": 3, "A": 1, "B": 1}),
    ("Anastasia Wolkenstein-Trostburg", {"A": 1, "B": 2, "C": 3, "D": 2}),
    ("司马光明", {"A": 2, "B": 2, "C": 2, "D": 2}),
    ("Bartholomew Okonkwo-Adeyemi", {"D": 4, "A": 2, "B": 1, "C": 1}),
]
PITCH = (
    "Dear Mr Zhang, our proposal cuts your maintenance cost by 18% within a year, "
    "with a clear schedule, a named team and a pilot your engineers can try first."
)


def _seed(app):
    """A coach who also sells and trains: a finished profile, a questionnaire in
    progress, a team of five profiled members, an account with an estimated contact
    and a logged meeting. Returns the session cookies and the pages' addresses."""
    me = RepActions(app.test_client())
    me.register(email="coach@example.com", name="Konstantina Papadopoulou-Whitfield")
    report = me.take_assessment(picks_for({"A": 3, "B": 2, "C": 1, "D": 2}))
    team = CoachActions.create_team(me, "East China key accounts")
    code = CoachActions.invite(me, team)
    members = []
    for number, (name, picks) in enumerate(MEMBERS):
        person = CoachActions(app.test_client())
        person.register(email=f"m{number}@example.com", name=name)
        person.join(code)
        person.take_assessment(picks_for(picks))
        members.append(user_id(app, f"m{number}"))
    account = me.add_account("华东电力集团有限公司")
    contact = me.add_contact(
        account, name="Zhang Weiguo", title="Chief Financial Officer"
    )
    me.estimate(contact, "AB")
    me.post(
        f"/key-accounts/contacts/{contact}/meetings/new",
        {"held_on": "2026-01-01", "outcome": "advance", "advances": ["demo"]},
    )
    progress = me.start()
    for number, picks in enumerate(picks_for({"A": 2, "B": 2, "C": 2, "D": 2}), 1):
        me.answer(progress, number, picks)
    # A reset link, as the mail in the outbox holds it; the coach also operates.
    RepActions(app.test_client()).post("/mail/forgot", {"email": "coach@example.com"})
    with app.app_context():
        reset = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "reset")
        ).one()
        reset_path = re.search(r"/mail/reset/[\w-]+", reset.text_body).group(0)
        reset_id = reset.id
        db.session.execute(
            update(User)
            .where(User.email == "coach@example.com")
            .values(is_operator=True)
        )
        db.session.commit()
    c = f"/key-accounts/contacts/{contact}"
    pages = {
        "signed out": {
            "home": "/",
            "sign-up": "/account/register",
            "log-in": "/account/login",
            "forgot password": "/mail/forgot",
            "new password": reset_path,
            "404": "/no-such-page",
        },
        "coach": {
            "home": "/",
            **{f"round {n}": f"/assessment/{progress}/round/{n}" for n in (1, 2, 3)},
            "review": f"/assessment/{progress}/review",
            "report": f"/assessment/{report}/report",
            "history": "/assessment/history",
            "settings": "/account/",
            "change address": "/mail/address",
            "outbox": "/mail/outbox",
            "outbox message": f"/mail/outbox/{reset_id}",
            "teams": "/teams/",
            "team": f"/teams/{team}",
            "team report": f"/teams/{team}/report",
            "invite by email": f"/teams/{team}/email",
            "member": f"/teams/{team}/members/{members[0]}",
            "pair": f"/teams/{team}/pair?a={members[0]}&b={members[2]}",
            "accounts": "/key-accounts/",
            "account": f"/key-accounts/{account}",
            "contact": c,
            "contact form": f"/key-accounts/{account}/contacts/new",
            "estimate": f"{c}/estimate",
            "brief": f"{c}/brief",
            "pitch checker": f"{c}/pitch",
            "meeting form": f"{c}/meetings/new",
            "404": "/no-such-page",
        },
        "member": {
            "team": f"/teams/{team}",
            "pair": f"/teams/{team}/pair?b={user_id(app, 'coach')}",
        },
    }
    cookies = {
        "signed out": None,
        "coach": me.client.get_cookie("session").value,
        "member": person.client.get_cookie("session").value,
    }
    return pages, cookies


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seeded app, served on a free loopback port for the whole module."""
    folder = tmp_path_factory.mktemp("axe")
    with serve(folder, REGISTER_LIMIT_PER_ADDRESS="1000 per hour") as (app, url):
        pages, cookies = _seed(app)
        yield {"url": url, "pages": pages, "cookies": cookies}
        close_database(app)


def _open(page, url, name):
    """Open a page as a user would reach it (the pitch checker with a result),
    and make sure it is that page, not a log-in form or an error."""
    response = page.goto(url)
    assert response.status == (404 if name == "404" else 200), (name, response.status)
    assert response.url == url, (name, response.url)
    if name == "pitch checker":
        page.locator("main textarea").first.fill(PITCH)
        page.locator("main form button[type=submit]").first.click()
        expect(page.locator("mark").first).to_be_visible()
    page.wait_for_load_state("networkidle")


def _unstick(page):
    """Lay a round's counter and save button in the flow for axe. While the list
    scrolls they lie over a row, and axe would count the checkbox under them as a
    small target wherever the page happens to stop; their staying in view is
    test_a_round_on_a_phone_keeps_the_count_and_save_in_view's job."""
    page.add_style_tag(
        content=".counter, .round-form > button { position: static !important; }"
    )


def _serious(results):
    """The critical and serious violations, one line each with where they are."""
    return [
        f"{v['impact']} {v['id']}: "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:4])
        for v in results.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def _overflow(page):
    """How far the page is wider than the phone's screen (0 when it fits)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_passes_axe_and_fits_the_screen(site, browser, lang, viewport):
    """0 critical/serious WCAG 2.1 A/AA violations on every page; on a phone none overflows."""
    axe = Axe()
    problems = []
    for who, pages in site["pages"].items():
        context = browser.new_context(locale=LANGUAGES[lang], **VIEWPORTS[viewport])
        if site["cookies"][who]:
            context.add_cookies(
                [
                    {
                        "name": "session",
                        "value": site["cookies"][who],
                        "url": site["url"],
                    }
                ]
            )
        page = context.new_page()
        for name, path in pages.items():
            _open(page, site["url"] + path, name)
            if name.startswith("round"):
                _unstick(page)
            for line in _serious(axe.run(page, options=AXE_OPTIONS)):
                problems.append(f"{who} {name}: {line}")
            if viewport == "phone" and (wider := _overflow(page)) > 0:
                problems.append(f"{who} {name}: {wider} px wider than the screen")
        context.close()
    assert not problems, "\n".join(problems)


def _signed_in(browser, site, lang, viewport, who="coach"):
    """A page of a new browser context signed in as `who`."""
    context = browser.new_context(locale=LANGUAGES[lang], **VIEWPORTS[viewport])
    context.add_cookies(
        [{"name": "session", "value": site["cookies"][who], "url": site["url"]}]
    )
    return context, context.new_page()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_phone_radar_is_300_px_with_a_checkbox_per_trace_below(site, browser, lang):
    """On a 390 px phone the radars keep 300 px and more; each trace has a checkbox
    below the chart that the keyboard reaches and that shows and hides it."""
    context, page = _signed_in(browser, site, lang, "phone")
    for name in ("team", "report", "pair", "member", "account", "contact"):
        _open(page, site["url"] + site["pages"]["coach"][name], name)
        for chart in page.locator(".chart").all():
            circle = chart.locator(".angular-line").first.bounding_box()
            assert circle["width"] >= 300, (name, circle)
        chart = page.locator(".chart").last
        traces = chart.locator(".scatterlayer .trace")
        shown = traces.count()
        toggles = page.locator(".chart-toggles").last
        if name in ("team", "report", "pair"):
            below = chart.bounding_box()
            assert toggles.bounding_box()["y"] >= below["y"] + below["height"], name
            boxes = toggles.get_by_role("checkbox")
            assert boxes.count() == shown, name
            boxes.first.focus()
            page.keyboard.press("Space")
            expect(boxes.first).not_to_be_checked()
            expect(traces).to_have_count(shown - 1)
            page.keyboard.press("Space")
            expect(traces).to_have_count(shown)
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_round_on_a_phone_keeps_the_count_and_save_in_view(site, browser, lang):
    """Elements sit two to a row, and the counter and the save button stay on the
    screen down to the last element."""
    context, page = _signed_in(browser, site, lang, "phone")
    _open(page, site["url"] + site["pages"]["coach"]["round 1"], "round 1")
    items = page.locator(".elements > li")
    assert items.nth(0).bounding_box()["y"] == items.nth(1).bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollHeight") < 2600
    items.last.scroll_into_view_if_needed()
    for sticky in (page.locator("#counter"), page.locator(".round-form button")):
        box = sticky.bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844, box
    expect(page.locator("#counter")).to_have_attribute("aria-live", "polite")
    context.close()


def test_after_logging_a_meeting_focus_is_on_the_page_heading(site, browser):
    """The contact page opens at the meetings, with focus on its heading: the next
    Tab is not 'Delete this contact'. A filter within the page keeps its place."""
    context, page = _signed_in(browser, site, "en", "desktop")
    page.goto(site["url"] + site["pages"]["coach"]["meeting form"])
    page.get_by_label("Date of the meeting").fill("2026-02-03")
    page.locator("input[name=outcome]").first.check()
    page.get_by_label("What did the customer agree to do?").fill("Sign the order")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile("#timeline$"))
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Delete" not in focused
    expect(page.get_by_role("button", name=re.compile("^Delete"))).not_to_be_focused()

    # Filtering a team's members stays at the members: the next Tab is the filter's.
    page.goto(site["url"] + site["pages"]["coach"]["team"])
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile("#members$"))
    expect(page.get_by_role("heading", level=1)).not_to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name="Name")).to_be_focused()
    context.close()
