"""Error pages in the user's language, never a traceback."""

from flask import current_app
from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError

from extensions import db


def init_app(app):
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(error):
    return render_template("errors/error.html", error=error), error.code


def _csrf_error(error):
    message = _("This form has expired. Please go back, reload the page and try again.")
    return render_template("errors/error.html", error=error, message=message), 400


def _unexpected(error):
    """Log the cause for us; show the user a page without it."""
    current_app.logger.exception("Unhandled error")
    db.session.rollback()
    return _http_error(InternalServerError())
