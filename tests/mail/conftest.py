"""Helpers for the mail tests: deliver the outbox, read links out of messages."""

import re

from sqlalchemy import select

from extensions import db
from mail.models import OutboxMessage
from mail.sender import deliver_pending

LINK = re.compile(r"https?://[^/\s]+(/mail/reset/[A-Za-z0-9_\-]+)")


def deliver(app, **kwargs):
    """Run one round of the sender, as `flask mail send` does; return how many went out."""
    with app.app_context():
        try:
            return deliver_pending(**kwargs)
        finally:
            db.session.remove()


def reset_path(mail):
    """The path of the reset link in a received message's plain-text part."""
    return LINK.search(mail.get_body(("plain",)).get_content()).group(1)


def outbox_rows(app):
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        result = [
            {
                "status": r.status,
                "attempts": r.attempts,
                "error": r.last_error,
                "to": r.to_addr,
                "text": r.text_body,
            }
            for r in rows
        ]
        db.session.remove()
        return result
