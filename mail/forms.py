"""The forgotten-password, new-password and confirmation-link forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms import PasswordField
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo

from accounts.forms import email_address
from accounts.forms import new_password


class ForgotForm(FlaskForm):
    email = email_address(_l("Email"))


class ResetForm(FlaskForm):
    password = new_password(_l("New password"))
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[EqualTo("password", _l("The two passwords differ."))],
    )


class ResendForm(FlaskForm):
    """Ask for a new confirmation link; `next` is where to go on once confirmed."""

    next = HiddenField()


class AddressForm(FlaskForm):
    """A new email address, confirmed with the current password."""

    email = email_address(_l("New email address"))
    password = PasswordField(
        _l("Your password, to confirm"),
        validators=[DataRequired(_l("Please enter your password."))],
    )
