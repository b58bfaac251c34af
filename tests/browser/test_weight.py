"""How much a browser downloads for the profile report, first visit and repeat visit."""

from tests.browser.test_journey import _answer_round
from tests.browser.test_team import _sign_up


def _transferred(page, action):
    """Bytes that came over the network (compressed, headers included) during `action`."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes = {}
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    action()
    page.wait_for_load_state("networkidle")
    cdp.detach()
    return sum(sizes.values())


def test_profile_page_weight(live_server, browser):
    """First visit under 700 KB (the polar-only plotly bundle, gzipped); a repeat under 40 KB."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    _sign_up(page, live_server, "Ann Lee", "ann@example.com")
    page.get_by_role("button", name="Start the questionnaire").click()
    for _ in range(3):
        _answer_round(page)
    page.get_by_role("button", name="Finish and see my profile").click()
    report = page.url
    context.close()

    # A browser that has never seen the app's files: log in again, then open the report.
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(live_server + "/account/login")
    page.get_by_label("Email").fill("ann@example.com")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Log in").click()
    first = _transferred(page, lambda: page.goto(report))
    assert page.locator(".chart .main-svg").first.is_visible()
    repeat = _transferred(page, lambda: page.goto(report))
    print(
        f"profile report: first visit {first / 1024:.0f} KiB, repeat visit {repeat / 1024:.1f} KiB"
    )
    assert first < 700 * 1024, first
    assert repeat < 40 * 1024, repeat
    context.close()
