"""Delivering the outbox: claim a due row, send it, mark it; retry with backoff.

Any number of senders may run at once (the thread in each app process, `flask
mail send --loop`): a sender first claims a row with one UPDATE that only
succeeds while nobody else holds it, so no message goes out twice. A sender
that dies after claiming leaves the row to be taken again once its claim runs
out (MAIL_CLAIM_SECONDS): a message is never lost, and is sent twice only if a
sender dies between the server's "250 OK" and marking the row sent.
"""

import logging
import os
import smtplib
import socket
import ssl
import threading
from datetime import timedelta

from flask import current_app
from flask import g
from sqlalchemy import delete
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update

from database import utcnow
from extensions import db
from mail import message
from mail.errors import MailError
from mail.models import FAILED
from mail.models import PENDING
from mail.models import SENT
from mail.models import MailToken
from mail.models import OutboxMessage

log = logging.getLogger("wholebrain.mail")


class LogTransport:
    """No MAIL_SERVER: write the message to the log; operators also read it on
    the outbox page, so a fresh install can still reset a password."""

    keeps_copy = True

    def send(self, mime):
        body = mime.get_body(preferencelist=("plain",)).get_content()
        log.info(
            "mail (no MAIL_SERVER set, not sent)\nTo: %s\nSubject: %s\n\n%s",
            mime["To"],
            mime["Subject"],
            body,
        )


class SmtpTransport:
    """Send over SMTP with the MAIL_* settings, one connection per message."""

    keeps_copy = False  # once delivered, the link lives in the mailbox only

    def __init__(self, config):
        self.config = config

    def send(self, mime):
        c = self.config
        timeout = c["MAIL_TIMEOUT_SECONDS"]
        context = ssl.create_default_context()
        if c["MAIL_USE_SSL"]:
            smtp = smtplib.SMTP_SSL(
                c["MAIL_SERVER"], c["MAIL_PORT"], timeout=timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(c["MAIL_SERVER"], c["MAIL_PORT"], timeout=timeout)
        with smtp:
            if c["MAIL_USE_TLS"]:
                smtp.starttls(context=context)
            if c["MAIL_USERNAME"]:
                smtp.login(c["MAIL_USERNAME"], c["MAIL_PASSWORD"] or "")
            smtp.send_message(mime)


def transport_for(config):
    return SmtpTransport(config) if config["MAIL_SERVER"] else LogTransport()


def worker_name():
    """Who holds a claim: host, process and thread, for the operator's page."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{threading.get_ident()}"


def deliver_pending(transport=None, worker=None, batch=50):
    """Send every message that is due, each claimed first; return how many went out.

    Reads due rows `batch` at a time, in id order, and tries each at most once
    per call: a message that fails waits for its next try, even with no backoff.
    """
    config = current_app.config
    transport = transport or transport_for(config)
    worker = worker or worker_name()
    sent, after = 0, 0
    while True:
        now = utcnow()
        due = db.session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == PENDING, OutboxMessage.next_try_at <= now)
            .where(_unclaimed(now), OutboxMessage.id > after)
            .order_by(OutboxMessage.id)
            .limit(batch)
        ).all()
        db.session.commit()
        if not due:
            return sent
        for message_id in due:
            if _claim(message_id, worker, config["MAIL_CLAIM_SECONDS"]):
                sent += _deliver(message_id, worker, transport)
        after = due[-1]


def purge(now=None):
    """Forget what is no longer needed: link tokens a day after they expired, and
    the text of messages delivered MAIL_KEEP_BODY_DAYS ago (kept without a mail
    server so an operator can read them). Return how many rows changed."""
    now = now or utcnow()
    keep = timedelta(days=current_app.config["MAIL_KEEP_BODY_DAYS"])
    tokens = db.session.execute(
        delete(MailToken).where(MailToken.expires_at < now - timedelta(days=1))
    )
    bodies = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == SENT,
            OutboxMessage.sent_at < now - keep,
            OutboxMessage.text_body != "",
        )
        .values(text_body="", html_body="")
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return tokens.rowcount + bodies.rowcount


def _unclaimed(now):
    return or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)


def _claim(message_id, worker, seconds):
    """Take the row for this sender, in one statement: True if nobody else has it."""
    now = utcnow()
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == PENDING)
        .where(_unclaimed(now))
        .values(claimed_by=worker, claimed_until=now + timedelta(seconds=seconds))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _deliver(message_id, worker, transport):
    """Try one claimed message and record the outcome; 1 if it went out.

    No transaction stays open while the mail server is talking: the row is read,
    the transaction ends, the message is sent, then the outcome is written.
    """
    config = current_app.config
    row = db.session.get(OutboxMessage, message_id)
    attempts = row.attempts + 1
    try:
        mime = message.build(
            sender=config["MAIL_DEFAULT_SENDER"],
            to_name=row.to_name,
            to_addr=row.to_addr,
            subject=row.subject,
            text=row.text_body,
            html=row.html_body,
            message_id=row.message_id,
            lang=row.lang,
            date=row.created_at,
        )
        db.session.commit()
        transport.send(mime)
    except (smtplib.SMTPException, OSError, MailError, ValueError) as error:
        db.session.rollback()
        _record(message_id, worker, _failure(message_id, attempts, error, config))
        return 0
    outcome = {"status": SENT, "sent_at": utcnow(), "last_error": None}
    if not transport.keeps_copy:
        outcome |= {"text_body": "", "html_body": ""}
    _record(message_id, worker, {"attempts": attempts, **outcome})
    return 1


def _record(message_id, worker, values):
    """Write the outcome of a try and let go of the claim."""
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claimed_by == worker)
        .values(claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _failure(message_id, attempts, error, config):
    """Keep the server's words for the operator; try again later unless it is hopeless."""
    code = _smtp_code(error)
    text = f"{type(error).__name__}: {_words(error)}"[:500]
    log.warning("mail %s failed (try %d): %s", message_id, attempts, text)
    hopeless = message.is_permanent(code) or isinstance(error, MailError | ValueError)
    if hopeless or attempts >= config["MAIL_MAX_ATTEMPTS"]:
        return {"attempts": attempts, "last_error": text, "status": FAILED}
    wait = message.backoff_seconds(attempts, config["MAIL_RETRY_BASE_SECONDS"])
    return {
        "attempts": attempts,
        "last_error": text,
        "next_try_at": utcnow() + timedelta(seconds=wait),
    }


def _words(error):
    """What the server said (`550 5.1.1 no such user`), else the error itself."""
    if isinstance(error, smtplib.SMTPResponseException):
        said = error.smtp_error
        said = said.decode("utf-8", "replace") if isinstance(said, bytes) else said
        return f"{error.smtp_code} {said}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{addr}: {code} {said.decode('utf-8', 'replace')}"
            for addr, (code, said) in error.recipients.items()
        )
    return str(error)


def _smtp_code(error):
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return min(code for code, _ in error.recipients.values())
    return None


class BackgroundSender:
    """The sender thread inside an app process (MAIL_IN_PROCESS_SENDER).

    Started by the first request of each process, not by create_app: a CLI
    command needs none, and a thread does not survive gunicorn's fork.
    """

    def __init__(self, app):
        self.app = app
        self.wake = threading.Event()
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._pid = None

    def ensure_running(self):
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid != os.getpid():
                self._pid = os.getpid()
                threading.Thread(
                    target=self._run, name="mail-sender", daemon=True
                ).start()

    def stop(self):
        self.stopped.set()
        self.wake.set()

    def _run(self):
        interval = self.app.config["MAIL_SEND_INTERVAL_SECONDS"]
        while not self.stopped.is_set():
            self.wake.clear()
            with self.app.app_context():
                try:
                    deliver_pending()
                    purge()
                except Exception:  # a sender that dies delivers nothing more
                    log.exception("mail sender: delivery round failed")
                finally:
                    db.session.remove()
            self.wake.wait(interval)


def init_app(app):
    # Without MAIL_SERVER the log is where a message is read: it must show.
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    wanted = app.config["MAIL_IN_PROCESS_SENDER"]
    if not (wanted or (wanted is None and not app.testing)):
        return
    sender = app.extensions["mail_sender"] = BackgroundSender(app)

    @app.before_request
    def _start_sender():
        sender.ensure_running()

    @app.teardown_request
    def _wake_sender(_error=None):
        if g.pop("mail_waiting", False):
            sender.wake.set()
