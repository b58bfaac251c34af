"""Sign-up, log-in, log-out, password, language, and the user's own data."""

from urllib.parse import urlsplit

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required
from flask_login import login_user
from flask_login import logout_user
from sqlalchemy import select

import privacy
from accounts.forms import DeleteAccountForm
from accounts.forms import LanguageForm
from accounts.forms import LoginForm
from accounts.forms import PasswordChangeForm
from accounts.forms import RegistrationForm
from accounts.models import User
from accounts.models import registered
from accounts.passwords import waste_time_like_a_check
from database import reads_only
from extensions import db
from extensions import limiter
from security import log_event
from security import start_session

bp = Blueprint("accounts", __name__, url_prefix="/account")


def sign_in(user):
    """A new session for this user: nothing of the anonymous one carries over but the language."""
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(user)
    start_session(user)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["REGISTER_LIMIT_PER_ADDRESS"], methods=["POST"]
)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("index"))
    form = RegistrationForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        # Hash first: the write lock (database.py) is taken at the first query.
        user = User(
            email=email, name=form.name.data.strip(), locale=session.get("locale")
        )
        user.set_password(form.password.data)
        if db.session.scalar(select(User.id).where(User.email == email)):
            form.email.errors.append(_("An account with this email already exists."))
        else:
            db.session.add(user)
            db.session.flush()
            registered.send(
                current_app._get_current_object(), user=user, next=kept_next()
            )
            db.session.commit()
            sign_in(user)
            log_event("register")
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.name))
            return redirect(safe_next(request.args.get("next")))
    return render_template("accounts/register.html", form=form, next=kept_next())


def _login_email():
    """Failures count per account *and* address: a stranger elsewhere who knows an
    email can use up that address's tries, never the owner's."""
    email = (request.form.get("email") or "").strip().lower()
    return f"login:{request.remote_addr}:{email}"


def _failed(response):
    """Only failed attempts count against the limits: a failure re-shows the form."""
    return response.status_code == 200


@bp.route("/login", methods=["GET", "POST"])
@reads_only
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_login_email,
    methods=["POST"],
    deduct_when=_failed,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_failed,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            method = current_app.config["PASSWORD_HASH_METHOD"]
            waste_time_like_a_check(form.password.data, method)
        if user is None or not user.check_password(form.password.data):
            log_event("login_failed", email=email)
            form.password.errors.append(_("Wrong email or password."))
        else:
            sign_in(user)
            log_event("login")
            return redirect(safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form, next=kept_next())


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        log_event("logout")
        current_user.end_all_sessions()
        db.session.commit()
    logout_user()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    flash(_("You are logged out."))
    return redirect(url_for("index"))


@bp.get("/")
@login_required
def settings():
    return render_template(
        "accounts/settings.html",
        password_form=PasswordChangeForm(),
        delete_form=DeleteAccountForm(),
    )


def _confirm_key():
    return f"confirm:{current_user.get_id()}"


def _wrong_confirmation():
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
    return redirect(url_for(".login"))


_confirm_limit = limiter.limit(
    lambda: current_app.config["CONFIRM_LIMIT_PER_ACCOUNT"],
    key_func=_confirm_key,
    methods=["POST"],
    deduct_when=_failed,
)


@bp.post("/password")
@login_required
@_confirm_limit
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
            signed_out = _wrong_confirmation()
            if signed_out:
                return signed_out
        else:
            current_user.set_password(form.password.data)
            current_user.end_all_sessions()
            db.session.commit()
            start_session(
                current_user
            )  # this browser stays signed in; all others are out
            log_event("password_changed")
            flash(_("Password changed. Every other session of yours has been ended."))
            return redirect(url_for(".settings"))
    return render_template(
        "accounts/settings.html", password_form=form, delete_form=DeleteAccountForm()
    )


@bp.get("/data.json")
@login_required
def data_json():
    log_event("export", format="json")
    return Response(
        privacy.as_json(current_user),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="my-data.json"'},
    )


@bp.get("/data.csv")
@login_required
def data_csv():
    log_event("export", format="csv")
    return Response(
        privacy.as_csv(current_user),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="my-data.csv"'},
    )


@bp.post("/delete")
@login_required
@_confirm_limit
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if current_user.check_password(form.password.data):
            log_event("account_deleted")
            privacy.erase(current_user)
            logout_user()
            session.clear()
            flash(_("Your account and everything it held are deleted."))
            return redirect(url_for("index"))
        form.password.errors.append(_("This is not your current password."))
        signed_out = _wrong_confirmation()
        if signed_out:
            return signed_out
    return render_template(
        "accounts/settings.html", password_form=PasswordChangeForm(), delete_form=form
    )


@bp.post("/language")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session.commit()
    return redirect(safe_next(form.next.data))


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
