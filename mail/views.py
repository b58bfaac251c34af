"""Forgotten passwords and address confirmation (links from mail), and the
outbox (operators only)."""

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import select

from accounts.confirmation import confirm_limit
from accounts.confirmation import wrong_confirmation
from accounts.language import content_lang
from accounts.signin import kept_next
from accounts.signin import safe_next
from accounts.signin import sign_in
from database import utcnow
from database import writes
from extensions import db
from extensions import limiter
from mail import recovery
from mail.forms import AddressForm
from mail.forms import ForgotForm
from mail.forms import ResendForm
from mail.forms import ResetForm
from mail.models import OutboxMessage
from security import deny
from security import log_event

bp = Blueprint("mail", __name__, url_prefix="/mail")

OUTBOX_ROWS = 200


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["PASSWORD_RESET_LIMIT_PER_ADDRESS"], methods=["POST"]
)
def forgot():
    form = ForgotForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        written = recovery.request_reset(email, content_lang())
        log_event("password_reset_requested", known=written)
        # The same words whether or not the address has an account.
        flash(
            _(
                "If an account uses %(email)s, a link to choose a new password is on "
                "its way there. It works once, for %(minutes)d minutes.",
                email=email,
                minutes=current_app.config["PASSWORD_RESET_MINUTES"],
            )
        )
        return redirect(url_for(".forgot"))
    return render_template("mail/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token):
    if recovery.holder(token) is None:
        return render_template("mail/reset_invalid.html"), 410
    form = ResetForm()
    if form.validate_on_submit():
        user = recovery.use(token)
        if user is None:  # another tab used it a moment ago
            db.session.rollback()
            return render_template("mail/reset_invalid.html"), 410
        user.set_password(form.password.data)
        user.end_all_sessions()
        # The link reached the mailbox: that confirms the address too.
        user.email_confirmed_at = user.email_confirmed_at or utcnow()
        db.session.commit()
        sign_in(user)
        log_event("password_reset")
        flash(_("Your new password is set. Every other session of yours has ended."))
        return redirect(url_for("index"))
    return render_template("mail/reset.html", form=form)


@bp.get("/confirm/<token>")
@writes
def confirm(token):
    """Following the mailed link confirms the address, then goes on (an invitation)."""
    user = recovery.confirm(token)
    if user is None:
        db.session.rollback()
        return render_template("mail/confirm_invalid.html", form=ResendForm()), 410
    db.session.commit()
    log_event("email_confirmed", account=user.id)
    flash(_("Your email address %(email)s is confirmed.", email=user.email))
    target = kept_next()
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(safe_next(target))
    return redirect(url_for("accounts.login", next=target))


@bp.post("/confirm")
@login_required
def send_confirmation():
    """A new confirmation link for the signed-in user's address."""
    form = ResendForm()
    if not form.validate_on_submit():
        abort(400)
    target = kept_next(form.next.data or "")
    if current_user.email_confirmed_at:
        flash(_("Your email address is already confirmed."))
    elif recovery.send_confirmation(current_user, content_lang(), target):
        db.session.commit()
        log_event("confirmation_sent")
        flash(
            _(
                "A confirmation link is on its way to %(email)s.",
                email=current_user.email,
            )
        )
    else:
        flash(_("Several links went out within the hour: please use the latest one."))
    return redirect(safe_next(target or url_for("accounts.settings")))


@bp.route("/address", methods=["GET", "POST"])
@login_required
@confirm_limit
def address():
    """Ask to use another address: it replaces the old one once its link is followed."""
    form = AddressForm()
    if form.validate_on_submit():
        new_email = form.email.data.strip().lower()
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("This is not your current password."))
            signed_out = wrong_confirmation()
            if signed_out:
                return signed_out
        elif new_email == current_user.email:
            form.email.errors.append(_("This is already your address."))
        elif recovery.request_address_change(current_user, new_email, content_lang()):
            db.session.commit()
            log_event("address_change_requested")
            flash(
                _(
                    "A link is on its way to %(email)s. Your address changes when you "
                    "follow it; until then it stays %(old)s.",
                    email=new_email,
                    old=current_user.email,
                )
            )
            return redirect(url_for("accounts.settings"))
        else:
            flash(
                _("Several links went out within the hour: please use the latest one.")
            )
    return render_template("mail/address.html", form=form)


@bp.get("/address/<token>")
@writes
def change_address(token):
    outcome, user = recovery.change_address(token)
    if outcome == "invalid":
        return render_template("mail/confirm_invalid.html", form=ResendForm()), 410
    if outcome == "taken":
        flash(_("Another account uses this address now, so yours stays as it was."))
    else:
        log_event("address_changed", account=user.id)
        flash(_("Your email address is now %(email)s.", email=user.email))
    if current_user.is_authenticated:
        return redirect(url_for("accounts.settings"))
    return redirect(url_for("accounts.login"))


@bp.get("/outbox")
def outbox():
    _operators_only()
    status = request.args.get("status")
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(OUTBOX_ROWS)
    if status in ("pending", "sent", "failed"):
        query = query.where(OutboxMessage.status == status)
    return render_template(
        "mail/outbox.html", messages=db.session.scalars(query).all(), status=status
    )


@bp.get("/outbox/<id:message_id>")
def outbox_message(message_id):
    _operators_only()
    row = db.session.get(OutboxMessage, message_id) or abort(404)
    return render_template("mail/outbox_message.html", message=row)


def _operators_only():
    """The outbox holds other people's links: to anyone but an operator it does not exist."""
    if not current_user.is_operator:
        deny("mail_outbox")
