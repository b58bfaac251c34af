"""The user's own data, from the settings page: download it, or delete the account."""

from flask import Blueprint
from flask import Response
from flask import flash
from flask import redirect
from flask import render_template
from flask import session
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required
from flask_login import logout_user

from accounts.confirmation import confirm_limit
from accounts.confirmation import wrong_confirmation
from accounts.forms import DeleteAccountForm
from accounts.forms import PasswordChangeForm
from privacy import data
from security import log_event

bp = Blueprint("privacy", __name__, url_prefix="/account")


def _download(text, mimetype, filename):
    return Response(
        text,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/data.json")
@login_required
def data_json():
    log_event("export", format="json")
    return _download(data.as_json(current_user), "application/json", "my-data.json")


@bp.get("/data.csv")
@login_required
def data_csv():
    log_event("export", format="csv")
    return _download(data.as_csv(current_user), "text/csv", "my-data.csv")


@bp.post("/delete")
@login_required
@confirm_limit
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if current_user.check_password(form.password.data):
            log_event("account_deleted")
            data.erase(current_user)
            logout_user()
            session.clear()
            flash(_("Your account and everything it held are deleted."))
            return redirect(url_for("index"))
        form.password.errors.append(_("This is not your current password."))
        signed_out = wrong_confirmation()
        if signed_out:
            return signed_out
    return render_template(
        "accounts/settings.html", password_form=PasswordChangeForm(), delete_form=form
    )
