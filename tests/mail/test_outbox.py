"""The outbox: retries, failures an operator can read, the log without a server,
and two senders at once never sending one message twice."""

import threading
from email.utils import make_msgid

import pytest
from sqlalchemy import select

from accounts.models import User
from extensions import db
from mail.models import OutboxMessage
from tests.conftest import Actions
from tests.mail.conftest import deliver
from tests.mail.conftest import outbox_rows


def _write(app, count=1, to="li@example.com"):
    """Put `count` messages in the outbox, as a request would."""
    with app.app_context():
        for n in range(count):
            db.session.add(
                OutboxMessage(
                    kind="reset",
                    lang="en",
                    to_addr=to,
                    to_name="Li",
                    subject=f"Message {n}",
                    text_body=f"Body {n}",
                    html_body=f"<p>Body {n}</p>",
                    message_id=make_msgid(domain="example.com"),
                )
            )
        db.session.commit()
        db.session.remove()


def test_a_server_refusing_twice_gets_the_message_on_the_third_try(
    mail_app, smtp_server
):
    """451 twice: the row stays pending with the error, then goes out once."""
    smtp_server.refuse_next = 2
    _write(mail_app)
    assert deliver(mail_app) == 0
    [row] = outbox_rows(mail_app)
    assert row["status"] == "pending" and row["attempts"] == 1
    assert "451" in row["error"]
    assert deliver(mail_app) == 0
    assert deliver(mail_app) == 1
    [row] = outbox_rows(mail_app)
    assert (row["status"], row["attempts"], row["error"]) == ("sent", 3, None)
    assert [m["Subject"] for m in smtp_server.messages] == ["Message 0"]
    assert smtp_server.attempts == 3


def test_a_retry_waits_for_its_backoff(make_app, smtp_server):
    """After a refusal the message is not tried again before its time."""
    app = make_app(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port, MAIL_RETRY_BASE_SECONDS=600
    )
    smtp_server.refuse_next = 1
    _write(app)
    deliver(app)
    assert deliver(app) == 0
    assert smtp_server.attempts == 1


def test_a_message_fails_for_good_after_the_last_try(make_app, smtp_server):
    """After MAIL_MAX_ATTEMPTS refusals it is marked failed and never tried again."""
    app = make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        MAIL_RETRY_BASE_SECONDS=0,
        MAIL_MAX_ATTEMPTS=2,
    )
    smtp_server.refuse_next = 5
    _write(app)
    deliver(app)
    deliver(app)
    deliver(app)
    [row] = outbox_rows(app)
    assert (row["status"], row["attempts"]) == ("failed", 2)
    assert smtp_server.attempts == 2


def test_a_server_that_is_down_keeps_the_message_for_later(make_app, smtp_server):
    """Nobody listening: the error is kept and the message waits, not lost."""
    from tests.conftest import free_port

    app = make_app(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_RETRY_BASE_SECONDS=0
    )
    _write(app)
    assert deliver(app) == 0
    [row] = outbox_rows(app)
    assert row["status"] == "pending"
    assert "ConnectionRefusedError" in row["error"]


def test_two_senders_at_once_send_each_message_exactly_once(mail_app, smtp_server):
    """Two senders started together on 40 messages: 40 arrive, no Message-ID twice."""
    _write(mail_app, 40)
    start = threading.Barrier(2)
    counts = []

    def run():
        start.wait()
        counts.append(deliver(mail_app, batch=100))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == 40 and len(set(ids)) == 40
    assert sum(counts) == 40
    assert {r["status"] for r in outbox_rows(mail_app)} == {"sent"}


def test_a_claimed_message_is_left_to_its_sender(mail_app, smtp_server):
    """A message another sender holds is skipped until that claim runs out."""
    from datetime import timedelta

    from database import utcnow

    _write(mail_app)
    with mail_app.app_context():
        row = db.session.scalar(select(OutboxMessage))
        row.claimed_by, row.claimed_until = "other", utcnow() + timedelta(minutes=5)
        db.session.commit()
    assert deliver(mail_app) == 0
    with mail_app.app_context():
        row = db.session.scalar(select(OutboxMessage))
        row.claimed_until = utcnow() - timedelta(seconds=1)  # that sender died
        db.session.commit()
    assert deliver(mail_app) == 1


def test_delivered_bodies_are_not_kept(mail_app, smtp_server):
    """Sent over SMTP, the text (and its link) lives only in the mailbox."""
    _write(mail_app)
    deliver(mail_app)
    assert outbox_rows(mail_app)[0]["text"] == ""


def test_without_a_mail_server_messages_go_to_the_log(app, caplog):
    """No MAIL_SERVER: the message is written to the log and kept for the operator."""
    _write(app)
    with caplog.at_level("INFO", logger="wholebrain.mail"):
        assert deliver(app) == 1
    assert "Subject: Message 0" in caplog.text and "Body 0" in caplog.text
    assert outbox_rows(app)[0] == {
        "status": "sent",
        "attempts": 1,
        "error": None,
        "to": "li@example.com",
        "text": "Body 0",
    }


def test_a_message_written_with_a_change_that_fails_is_never_sent(app):
    """Rolled back with its cause, the message leaves no row behind."""
    from mail import letters
    from mail import outbox

    with app.test_request_context("/"):
        outbox.enqueue(
            "reset",
            letters.compose("reset", "en", link="http://x/", name="Li", minutes="30"),
            to_addr="li@example.com",
            lang="en",
        )
        db.session.rollback()
    assert outbox_rows(app) == []


def test_the_cli_sends_what_is_due(mail_app, smtp_server):
    """`flask mail send` delivers the outbox once and says how many went out."""
    _write(mail_app, 2)
    result = mail_app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0 and "sent 2" in result.output
    assert len(smtp_server.messages) == 2


def test_the_in_process_sender_delivers_after_the_request(make_app, smtp_server):
    """With the sender thread on, a reset request's mail arrives with no other step."""
    app = make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        MAIL_IN_PROCESS_SENDER=True,
        MAIL_SEND_INTERVAL_SECONDS=30,  # woken by the request, not by the clock
    )
    try:
        actions = Actions(app.test_client())
        actions.register()
        actions.logout()
        actions.post("/mail/forgot", {"email": "trainee@example.com"})
        mails = smtp_server.wait_for(2)  # the sign-up's confirmation, then the reset
        assert [m["Subject"] for m in mails] == [
            "Confirm your email address",
            "Choose a new password",
        ]
    finally:
        app.extensions["mail_sender"].stop()


@pytest.fixture
def operator(app):
    actions = Actions(app.test_client())
    actions.register(email="op@example.com", name="Op")
    with app.app_context():
        db.session.scalar(select(User)).is_operator = True
        db.session.commit()
    return actions


def test_an_operator_reads_failed_messages_with_the_servers_words(app, operator):
    """The outbox page lists a failed message and its SMTP error; its text opens."""
    _write(app)
    with app.app_context():
        row = db.session.scalar(select(OutboxMessage).filter_by(subject="Message 0"))
        row.status, row.attempts = "failed", 6
        row.last_error = "SMTPRecipientsRefused: 550 5.1.1 no such user"
        db.session.commit()
        row_id = row.id
    page = operator.client.get("/mail/outbox?status=failed").get_data(as_text=True)
    assert "550 5.1.1 no such user" in page and "li@example.com" in page
    assert "op@example.com" not in page  # the operator's own confirmation is not failed
    assert "No mail server is set" in page
    detail = operator.client.get(f"/mail/outbox/{row_id}")
    assert detail.status_code == 200 and "Body 0" in detail.get_data(as_text=True)


def test_the_outbox_does_not_exist_for_anyone_else(app, actions):
    """A signed-in user who is not an operator gets 404, like a missing page."""
    _write(app)
    actions.register()
    assert actions.client.get("/mail/outbox").status_code == 404
    assert actions.client.get("/mail/outbox/1").status_code == 404


def test_a_deleted_account_takes_its_messages_and_links_along(mail_app, smtp_server):
    """Deleting an account deletes its waiting and sent messages and its tokens."""
    from mail.models import MailToken

    actions = Actions(mail_app.test_client())
    actions.register()
    actions.logout()
    actions.post("/mail/forgot", {"email": "trainee@example.com"})
    actions.login()
    with mail_app.app_context():
        assert db.session.query(OutboxMessage).count() == 2
        db.session.remove()
    actions.post("/account/delete", {"password": "correct horse"})
    with mail_app.app_context():
        assert db.session.query(OutboxMessage).count() == 0
        assert (
            db.session.query(MailToken).filter(MailToken.user_id.isnot(None)).count()
            == 0
        )
        db.session.remove()


def test_old_texts_and_expired_links_are_forgotten(app):
    """A week after delivery the text goes; a day after expiry a token goes."""
    from datetime import timedelta

    from database import utcnow
    from mail.models import MailToken
    from mail.sender import purge

    _write(app, 2)
    deliver(app)
    Actions(app.test_client()).register()
    with app.app_context():
        old, recent = db.session.scalars(
            select(OutboxMessage).filter(OutboxMessage.subject.like("Message%"))
        ).all()
        old.sent_at = utcnow() - timedelta(days=8)
        token = db.session.scalar(select(MailToken))
        token.expires_at = utcnow() - timedelta(days=2)
        db.session.commit()
        assert purge() == 2
        assert db.session.get(OutboxMessage, old.id).text_body == ""
        assert db.session.get(OutboxMessage, recent.id).text_body == "Body 1"
        assert db.session.scalar(select(MailToken)) is None
        db.session.remove()


def test_one_round_sends_more_than_one_batch(mail_app, smtp_server):
    """`flask mail send` once delivers everything due, however many batches it takes."""
    _write(mail_app, 7)
    assert deliver(mail_app, batch=3) == 7
    assert len(smtp_server.messages) == 7
