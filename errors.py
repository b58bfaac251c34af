"""Error pages in the user's language, never a traceback, and never a database call.

A page that reports a failure must not fail itself: when the database is down
or locked, rendering `base.html` for a signed-in user would load that user
from the database again. Every 5xx page is therefore rendered for an anonymous
visitor, in the language of the session or the browser.
"""

from flask import current_app
from flask import g
from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import ServiceUnavailable

from extensions import db
from extensions import login_manager

RETRY_AFTER_SECONDS = 5


def init_app(app):
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(ServiceUnavailable, _busy)
    app.register_error_handler(Exception, _unexpected)


def _http_error(error, message=None):
    if error.code >= 500:
        _forget_user()
    return render_template(
        "errors/error.html", error=error, message=message
    ), error.code


def _csrf_error(error):
    message = _("This form has expired. Please go back, reload the page and try again.")
    return _http_error(error, message)


def _database_unavailable(error):
    """A lock or statement timeout, or a database that does not answer: retryable."""
    current_app.logger.warning("Database unavailable: %s", error.orig)
    return _busy(error)


def _busy(error):
    """A moment of overload (the database, or every password-hashing slot): retryable."""
    _roll_back()
    _forget_user()  # before any text: the language choice reads the user too
    message = _(
        "The service is busy for a moment. Nothing you entered was half-saved; please try again in a few seconds."
    )
    body, code = _http_error(ServiceUnavailable(), message)
    return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def _unexpected(error):
    """Log the cause for us; show the user a page without it."""
    current_app.logger.exception("Unhandled error")
    _roll_back()
    _forget_user()
    return _http_error(InternalServerError())


def _roll_back():
    try:
        db.session.rollback()
    except OperationalError:  # the database is gone: nothing to roll back
        db.session.close()


def _forget_user():
    """Render as an anonymous visitor, so the page needs no database."""
    g._login_user = login_manager.anonymous_user()
