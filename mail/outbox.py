"""Putting a message into the outbox, inside the caller's transaction."""

import secrets
from email.utils import parseaddr

from flask import current_app
from flask import g
from flask import request
from flask import url_for

from extensions import db
from mail import letters
from mail import message
from mail.models import OutboxMessage


def link(endpoint, **values):
    """An absolute link for a message: PUBLIC_URL if set, else this request's host."""
    path = url_for(endpoint, **values)
    base = current_app.config["PUBLIC_URL"] or request.host_url
    return base.rstrip("/") + path


def enqueue(kind, letter: letters.Letter, *, to_addr, to_name="", lang, user_id=None):
    """Add a message to the session; it is sent only if the caller commits.

    Every header value is checked here, so a message that could never be built
    (a line break in a name) is refused before anything is written.

    :raises mail.errors.UnsafeHeader: for a line break in a header value.
    """
    to_name = message.one_line(to_name)
    message.address(to_name, to_addr)
    message.check_header(letter.subject)
    row = OutboxMessage(
        kind=kind,
        user_id=user_id,
        lang=lang,
        to_addr=to_addr,
        to_name=to_name,
        subject=letter.subject,
        text_body=letter.text,
        html_body=letter.html,
        message_id=_message_id(),
    )
    db.session.add(row)
    g.mail_waiting = True  # wake the in-process sender after this request
    return row


def _message_id():
    """A Message-ID in the sender's domain, kept with the row for every retry."""
    domain = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2]
    return f"<{secrets.token_hex(16)}@{domain or 'localhost'}>"
