"""An invitation opened while signed out survives signing up or logging in."""

from urllib.parse import quote

from tests.coaching.conftest import CoachActions


def _invitation(app):
    coach = CoachActions(app.test_client())
    coach.register(email="coach@example.com", name="Coach")
    team_id = coach.create_team("North sales")
    return team_id, coach.invite(team_id)


def test_the_sign_up_link_keeps_the_invitation_and_sign_up_follows_it(app):
    """Log-in page → Sign up → account made → back at the invitation, then in the team."""
    team_id, code = _invitation(app)
    newcomer = CoachActions(app.test_client())
    to_login = newcomer.client.get(f"/teams/join/{code}")
    login_url = to_login.headers["Location"]
    assert login_url.startswith("/account/login?next=")
    login_page = newcomer.client.get(login_url).get_data(as_text=True)
    target = quote(f"/teams/join/{code}", safe="")
    assert f'href="/account/register?next=/teams/join/{code}"' in login_page

    newcomer.client.get(f"/account/register?next={target}")
    response = newcomer.post(
        f"/account/register?next={target}",
        {
            "name": "Wang Fang",
            "email": "wang@example.com",
            "password": "correct horse",
            "confirm": "correct horse",
        },
    )
    assert response.headers["Location"] == f"/teams/join/{code}"
    confirm = newcomer.client.get(f"/teams/join/{code}", follow_redirects=True)
    assert "Join North sales?" in confirm.get_data(as_text=True)
    assert newcomer.join(code).headers["Location"] == f"/teams/{team_id}"


def test_the_log_in_link_of_the_sign_up_page_keeps_it_too(app):
    """Sign-up page → Log in keeps `next`, and logging in follows it."""
    team_id, code = _invitation(app)
    target = quote(f"/teams/join/{code}", safe="")
    page = app.test_client().get(f"/account/register?next={target}")
    assert f'href="/account/login?next=/teams/join/{code}"' in page.get_data(
        as_text=True
    )


def test_a_foreign_next_is_not_carried(app):
    """`next` pointing at another site is dropped from the sign-up link and not followed."""
    client = app.test_client()
    page = client.get("/account/login?next=//evil.example/x").get_data(as_text=True)
    assert 'href="/account/register"' in page
    assert "register?next" not in page
    actions = CoachActions(client)
    client.get("/account/register?next=//evil.example/x")
    response = actions.post(
        "/account/register?next=//evil.example/x",
        {
            "name": "W",
            "email": "w@example.com",
            "password": "correct horse",
            "confirm": "correct horse",
        },
    )
    assert response.headers["Location"] == "/"
