"""The forgotten-password, new-password and confirmation-link forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms import HiddenField
from wtforms import PasswordField
from wtforms.validators import DataRequired
from wtforms.validators import Email
from wtforms.validators import EqualTo
from wtforms.validators import Length

from accounts.forms import new_password


class ForgotForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Email(_l("This is not a valid email address."), check_deliverability=False),
            Length(max=254, message=_l("At most 254 characters.")),
        ],
    )


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

    email = EmailField(
        _l("New email address"),
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Email(_l("This is not a valid email address."), check_deliverability=False),
            Length(max=254, message=_l("At most 254 characters.")),
        ],
    )
    password = PasswordField(
        _l("Your password, to confirm"),
        validators=[DataRequired(_l("Please enter your password."))],
    )
