"""A brand-new person opens an invitation link, signs up, and ends up in the team."""

from playwright.sync_api import expect

from tests.coaching.conftest import CoachActions


def test_an_invitation_survives_signing_up(live_server, browser):
    """Invitation link → log-in page → Sign up → the team's invitation → joined."""
    import requests

    # The coach makes the team and its code over HTTP, as any browser would.
    coach = CoachActions(_HttpClient(requests.Session(), live_server))
    coach.register(email="coach@example.com", name="Coach Wu")
    team_id = coach.create_team("North sales")
    code = coach.invite(team_id)

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server}/teams/join/{code}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    page.get_by_role("link", name="Sign up", exact=True).last.click()
    page.get_by_label("Name").fill("Wang Fang")
    page.get_by_label("Email").fill("wang@example.com")
    page.get_by_label("Password", exact=True).fill("a long passphrase")
    page.get_by_label("Repeat password").fill("a long passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join North sales?")
    page.get_by_role("button", name="Join the team").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome to North sales.")
    assert page.url == f"{live_server}/teams/{team_id}"
    context.close()


class _HttpClient:
    """Just enough of Flask's test client over real HTTP for CoachActions."""

    def __init__(self, session, base):
        self.session, self.base = session, base

    def get(self, path, **kwargs):
        return _Response(self.session.get(self.base + path, allow_redirects=False))

    def post(self, path, data=None, **kwargs):
        return _Response(
            self.session.post(self.base + path, data=data, allow_redirects=False)
        )


class _Response:
    def __init__(self, response):
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers

    def get_data(self, as_text=False):
        return self.response.text if as_text else self.response.content
