"""Starting a session, and where to go after: shared by log-in, sign-up and the
links that arrive by mail (mail/views.py)."""

from urllib.parse import urlsplit

from flask import request
from flask import session
from flask import url_for
from flask_login import login_user

from security import start_session


def sign_in(user):
    """A new session for this user: nothing of the anonymous one carries over but the language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(user)
    start_session(user)


def kept_next(target=None):
    """`target` (by default this page's `next`) if it is safe to carry on, else None.

    The links between log-in and sign-up, and the confirmation link, carry it:
    an invitation opened while signed out survives whichever the person needs.
    """
    target = request.args.get("next") if target is None else target
    return target if target and safe_next(target) == target else None


def safe_next(target):
    """Follow `next` only within this site, so a link cannot send users elsewhere.

    Browsers read a backslash as a slash ("/\\evil.example" is another site),
    and a control character has no place in a header.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(ord(c) < 32 or ord(c) == 127 for c in target)
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("index")
