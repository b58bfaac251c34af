"""Invitations by email and reminders, checked on what a real SMTP server receives."""

import re

import pytest
from sqlalchemy import select

from coaching.models import Membership
from extensions import db
from tests.coaching.conftest import CoachActions
from tests.mail.conftest import deliver

JOIN = re.compile(r"https?://[^/\s]+(/teams/join/\S+)")


@pytest.fixture
def coach(mail_app, smtp_server):
    """A coach of "North sales" whose own sign-up mail is already out."""
    actions = CoachActions(mail_app.test_client())
    actions.register(email="coach@example.com", name="Coach Wu")
    actions.team_id = actions.create_team("North sales")
    deliver(mail_app)
    smtp_server.messages.clear()
    return actions


def _email(coach, addresses, lang="en", team_id=None, **kwargs):
    return coach.post(
        f"/teams/{team_id or coach.team_id}/email",
        {"addresses": addresses, "lang": lang},
        **kwargs,
    )


@pytest.mark.parametrize(
    ("lang", "subject", "phrase"),
    [
        ("en", "Coach Wu invites you to join North sales", "coaches the team"),
        ("zh_CN", "Coach Wu 邀请你加入「North sales」", "团队的教练"),
    ],
)
def test_pasted_addresses_each_get_an_invitation_in_the_chosen_language(
    mail_app, smtp_server, coach, lang, subject, phrase
):
    """A pasted column: each address gets its own mail with the team, coach and link."""
    response = _email(coach, "ann@example.com\r\nBo <bo@example.com>\r\n\r\n", lang)
    assert response.status_code == 302
    assert deliver(mail_app) == 2
    by_address = {m["To"].addresses[0].addr_spec: m for m in smtp_server.messages}
    assert set(by_address) == {"ann@example.com", "bo@example.com"}
    for mail in by_address.values():
        assert mail["Subject"] == subject
        assert phrase in mail.get_body(("plain",)).get_content()
    links = {
        JOIN.search(m.get_body(("plain",)).get_content()).group(1)
        for m in by_address.values()
    }
    assert len(links) == 2  # one link each, so the page can tell who opened it


def test_a_mailed_invitation_is_followed_into_the_team_and_listed(
    mail_app, smtp_server, coach
):
    """Sent → opened → joined, as the coach's email page and team page show it."""
    _email(coach, "ann@example.com")
    page = coach.client.get(f"/teams/{coach.team_id}/email").get_data(as_text=True)
    assert "ann@example.com" in page and "Waiting" in page
    deliver(mail_app)
    page = coach.client.get(f"/teams/{coach.team_id}/email").get_data(as_text=True)
    assert re.search(r"ann@example.com</td>\s*<td>[\d-]+</td>\s*<td>Sent", page)

    ann = CoachActions(mail_app.test_client())
    ann.register(email="ann@example.com", name="Ann")
    with mail_app.app_context():  # confirmed, as by the link of her sign-up mail
        from accounts.models import User

        db.session.scalar(
            select(User).filter_by(email="ann@example.com")
        ).email_confirmed_at = db.func.now()
        db.session.commit()
    link = JOIN.search(
        smtp_server.messages[0].get_body(("plain",)).get_content()
    ).group(1)
    confirm_page = ann.client.get(link, follow_redirects=True).get_data(as_text=True)
    assert "Join North sales?" in confirm_page
    page = coach.client.get(f"/teams/{coach.team_id}/email").get_data(as_text=True)
    assert re.search(r"ann@example.com</td>\s*<td>[\d-]+</td>\s*<td>Opened", page)
    code = link.split("/teams/join/")[1].split("?")[0]
    assert ann.join(code).status_code == 302
    for path in (f"/teams/{coach.team_id}/email", f"/teams/{coach.team_id}"):
        page = coach.client.get(path).get_data(as_text=True)
        assert re.search(
            r"ann@example.com</td>\s*<td>[\d-]+</td>\s*<td>Joined", page
        ), path


def test_a_refused_address_is_listed_as_failed_with_the_servers_words(
    make_app, smtp_server
):
    """A server that refuses the message for good: the page says failed, and why."""
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    coach = CoachActions(app.test_client())
    coach.register(email="coach@example.com", name="Coach Wu")
    coach.team_id = coach.create_team("North sales")
    deliver(app)

    async def refuse(server, session, envelope):
        return "550 5.1.1 mailbox unavailable"

    smtp_server.handle_DATA = refuse
    _email(coach, "gone@example.com")
    deliver(app)
    page = coach.client.get(f"/teams/{coach.team_id}/email").get_data(as_text=True)
    assert "Failed" in page and "550 5.1.1 mailbox unavailable" in page


def test_invalid_addresses_are_reported_one_by_one_and_nothing_is_sent(
    mail_app, smtp_server, coach
):
    """Each bad entry is named by position; the good ones wait for a clean list."""
    response = _email(coach, "ann@example.com\nnot-an-address\nbo@\nbo@example.com")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Entry 2, “not-an-address”, is not an email address." in text
    assert "Entry 3, “bo@”, is not an email address." in text
    assert deliver(mail_app) == 0
    assert "No invitations sent by email yet." in text


def test_more_than_200_addresses_are_refused(mail_app, coach):
    """201 addresses: a clear message, nothing written."""
    many = "\n".join(f"p{i}@example.com" for i in range(201))
    response = _email(coach, many)
    assert "At most 200 addresses at a time" in response.get_data(as_text=True)
    assert deliver(mail_app) == 0


def test_a_team_name_with_a_line_break_stays_in_the_subject(mail_app, smtp_server):
    """CR/LF in a team or coach name never makes a header of its own."""
    coach = CoachActions(mail_app.test_client())
    coach.register(email="coach@example.com", name="Coach")
    coach.team_id = coach.create_team("North")
    with mail_app.app_context():
        from accounts.models import User
        from coaching.models import Team

        db.session.get(Team, coach.team_id).name = "North\r\nBcc: evil@example.com"
        db.session.scalar(select(User)).name = "Wu\nX-Evil: 1"
        db.session.commit()
    deliver(mail_app)
    smtp_server.messages.clear()
    assert _email(coach, "ann@example.com").status_code == 302
    deliver(mail_app)
    [mail] = smtp_server.messages
    assert mail["Bcc"] is None and mail["X-Evil"] is None
    assert (
        mail["Subject"]
        == "Wu X-Evil: 1 invites you to join North Bcc: evil@example.com"
    )


def test_only_the_teams_coaches_may_mail(mail_app, coach):
    """A member or stranger gets 404 for the page and for sending."""
    other = CoachActions(mail_app.test_client())
    other.register(email="other@example.com", name="Other")
    assert other.client.get(f"/teams/{coach.team_id}/email").status_code == 404
    assert _email(other, "x@example.com", team_id=coach.team_id).status_code == 404
    assert other.post(f"/teams/{coach.team_id}/remind").status_code == 404


def test_reminders_reach_unfinished_members_once_a_day_and_never_after_leaving(
    mail_app, smtp_server, coach
):
    """Two members, one finished: one reminder; none again that day; none after leaving."""
    code = coach.invite(coach.team_id)
    done = CoachActions(mail_app.test_client())
    done.register(email="done@example.com", name="Done")
    done.join(code)
    done.take_assessment()
    late = CoachActions(mail_app.test_client())
    late.register(email="late@example.com", name="Late")
    late.join(code)
    deliver(mail_app)
    smtp_server.messages.clear()

    coach.post(f"/teams/{coach.team_id}/remind")
    coach.post(f"/teams/{coach.team_id}/remind")  # the same day: nobody again
    deliver(mail_app)
    assert [m["To"].addresses[0].addr_spec for m in smtp_server.messages] == [
        "late@example.com"
    ]
    assert (
        smtp_server.messages[0]["Subject"]
        == "North sales: your questionnaire is waiting"
    )

    with mail_app.app_context():
        from coaching.models import Reminder

        for reminder in db.session.scalars(select(Reminder)):
            reminder.sent_at = reminder.sent_at.replace(year=2000)  # a day later
        membership = db.session.scalar(
            select(Membership)
            .where(Membership.left_at.is_(None))
            .order_by(Membership.id.desc())
        )
        membership.left_at = db.func.now()  # Late leaves
        db.session.commit()
    smtp_server.messages.clear()
    coach.post(f"/teams/{coach.team_id}/remind")
    deliver(mail_app)
    assert smtp_server.messages == []
