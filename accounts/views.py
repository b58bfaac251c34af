"""Sign-up, log-in, log-out, the settings page, password and language."""

from flask import Blueprint
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
from flask_login import logout_user
from sqlalchemy import select

from accounts.confirmation import confirm_limit
from accounts.confirmation import failed
from accounts.confirmation import wrong_confirmation
from accounts.forms import DeleteAccountForm
from accounts.forms import LanguageForm
from accounts.forms import LoginForm
from accounts.forms import PasswordChangeForm
from accounts.forms import RegistrationForm
from accounts.models import User
from accounts.models import registered
from accounts.passwords import waste_time_like_a_check
from accounts.signin import kept_next
from accounts.signin import safe_next
from accounts.signin import sign_in
from database import reads_only
from extensions import db
from extensions import limiter
from security import log_event
from security import start_session

bp = Blueprint("accounts", __name__, url_prefix="/account")


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


@bp.route("/login", methods=["GET", "POST"])
@reads_only
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_login_email,
    methods=["POST"],
    deduct_when=failed,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=failed,
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


@bp.post("/password")
@login_required
@confirm_limit
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
            signed_out = wrong_confirmation()
            if signed_out:
                return signed_out
        else:
            current_user.set_password(form.password.data)
            current_user.end_all_sessions()
            db.session.commit()
            # This browser stays signed in; all others are out.
            start_session(current_user)
            log_event("password_changed")
            flash(_("Password changed. Every other session of yours has been ended."))
            return redirect(url_for(".settings"))
    return render_template(
        "accounts/settings.html", password_form=form, delete_form=DeleteAccountForm()
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
