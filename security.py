"""Response headers, session lifetime and security events, app-wide."""

import hmac
import io
import logging
import time

from flask import abort
from flask import current_app
from flask import request
from flask import session
from flask_login import current_user
from flask_login import logout_user

from extensions import login_manager

# No inline script anywhere; Plotly sets inline styles, hence 'unsafe-inline' for style.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

# The only endpoints open without signing in; every other route needs a session
# (and then its own owner or coach check). tests/test_security.py walks the URL map.
PUBLIC = frozenset(
    {
        "index",
        "static",
        "assets.serve",
        "accounts.login",
        "accounts.register",
        "accounts.set_language",
        "accounts.logout",
        "mail.forgot",
        "mail.reset",
        "mail.confirm",
        "mail.change_address",
    }
)

events = logging.getLogger("wholebrain.security")


def log_event(what, **details):
    """Record a security event: who, what, when (UTC). Never a password or an answer."""
    who = (
        current_user.get_id() if current_user and current_user.is_authenticated else "-"
    )
    fields = " ".join(f"{k}={v}" for k, v in sorted(details.items()))
    events.info(
        "%s user=%s ip=%s %s",
        what,
        who,
        request.remote_addr if request else "-",
        fields,
        extra={"utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
    )


def init_app(app):
    if not events.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(utc)s security %(message)s"))
        events.addHandler(handler)
        events.setLevel(logging.INFO)
    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])
    app.before_request(_refuse_nul_characters)
    app.before_request(_enforce_session_limits)
    app.before_request(_deny_by_default)
    app.after_request(_headers)


def _refuse_nul_characters():
    """No person types a NUL character, and PostgreSQL cannot store one: refuse it."""
    for values in (request.args, request.form):
        for value in values.listvalues():
            if any("\x00" in item for item in value):
                abort(400)


def start_session(user):
    """Mark a fresh log-in: the session carries the user's session token and its times."""
    now = int(time.time())
    session["token"] = user.session_token
    session["login_at"] = now
    session["seen_at"] = now
    session.permanent = False


class ChunkedBodyLimit:
    """Answer 413 to a chunked body over the size limit instead of cutting it.

    With no Content-Length, Werkzeug reads at most MAX_CONTENT_LENGTH bytes and
    silently drops the rest, so a form would be processed half-read. This reads
    the body once, up to one byte more than allowed, and passes on a body whose
    length is known.
    """

    def __init__(self, wsgi_app, limit):
        self.wsgi_app = wsgi_app
        self.limit = limit

    def __call__(self, environ, start_response):
        if (
            environ.get("CONTENT_LENGTH")
            or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        ):
            return self.wsgi_app(environ, start_response)
        body = environ["wsgi.input"].read(self.limit + 1)
        if len(body) > self.limit:
            start_response(
                "413 Request Entity Too Large", [("Content-Type", "text/plain")]
            )
            return [b"Request Entity Too Large"]
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.wsgi_app(environ, start_response)


STATIC_ENDPOINTS = ("assets.serve", "static")


def _enforce_session_limits():
    """End sessions that went idle, grew too old, or were ended elsewhere (new token).

    The token, not the user id, says whose session this is: a cookie kept from a
    deleted account never opens another person's, whatever id they are given.
    """
    if request.endpoint in STATIC_ENDPOINTS:
        return  # shared, cacheable files: never read or refresh the session
    if not current_user.is_authenticated:
        return
    now = int(time.time())
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    absolute = current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600
    expired = (
        not hmac.compare_digest(
            str(session.get("token", "")), current_user.session_token
        )
        or now - session.get("seen_at", 0) > idle
        or now - session.get("login_at", 0) > absolute
    )
    if expired:
        log_event("session_ended", reason="expired_or_revoked")
        logout_user()
        session.clear()
        return
    session["seen_at"] = now


def _deny_by_default():
    if request.endpoint is None or request.endpoint in PUBLIC:
        return None  # unknown addresses fall through to 404
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def deny(what, **details):
    """Log a refused access and answer 404, exactly as for a missing object."""
    log_event("access_denied", target=what, path=request.path, **details)
    abort(404)


def _headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if current_app.config["SESSION_COOKIE_SECURE"]:  # served over https only
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CSP)
    if request.endpoint in STATIC_ENDPOINTS:
        return response  # the same bytes for everyone: may be cached, never personal
    # Personal pages and downloads are never stored.
    if current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response
