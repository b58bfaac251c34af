"""Asking for the current password before a sensitive change, and what wrong answers cost.

Changing the password and deleting the account both ask for it; each wrong
answer counts against a per-account limit and, after a few, ends the session.
"""

from flask import current_app
from flask import flash
from flask import redirect
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import logout_user

from extensions import db
from extensions import limiter
from security import log_event


def failed(response):
    """Only failed attempts count against the limits: a failure re-shows the form."""
    return response.status_code == 200


def _confirm_key():
    return f"confirm:{current_user.get_id()}"


def wrong_confirmation():
    """Count a wrong current password; after CONFIRM_FAILURES_ALLOWED, sign out everywhere.

    :return: a redirect when the session has ended, else None.
    """
    failures = session.get("confirm_failures", 0) + 1
    session["confirm_failures"] = failures
    log_event("confirmation_failed", count=failures)
    if failures < current_app.config["CONFIRM_FAILURES_ALLOWED"]:
        return None
    current_user.end_all_sessions()
    db.session.commit()
    log_event("session_ended", reason="wrong_passwords")
    logout_user()
    session.clear()
    flash(_("You were logged out after several wrong passwords. Please log in again."))
    return redirect(url_for("accounts.login"))


confirm_limit = limiter.limit(
    lambda: current_app.config["CONFIRM_LIMIT_PER_ACCOUNT"],
    key_func=_confirm_key,
    methods=["POST"],
    deduct_when=failed,
)
