"""Sign-up, log-in, password, language and account-deletion forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms import HiddenField
from wtforms import PasswordField
from wtforms import StringField
from wtforms.validators import DataRequired
from wtforms.validators import Email
from wtforms.validators import EqualTo
from wtforms.validators import Length
from wtforms.validators import ValidationError

from accounts.language import LOCALES
from accounts.passwords import MAX_LENGTH
from accounts.passwords import MIN_LENGTH
from accounts.passwords import is_common


def _not_common(form, field):
    if field.data and is_common(field.data):
        raise ValidationError(
            _l(
                "This password appears in lists of leaked passwords. Please choose another."
            )
        )


def email_address(label):
    """An email address field: given, well formed, and no longer than an address can be."""
    return EmailField(
        label,
        validators=[
            DataRequired(_l("Please enter your email address.")),
            Email(_l("This is not a valid email address."), check_deliverability=False),
            Length(max=254, message=_l("At most 254 characters.")),
        ],
    )


def new_password(label):
    """A new password field: long enough, not too long, not a leaked one."""
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Please choose a password.")),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=_l("Between 8 and 1,000 characters, please."),
            ),
            _not_common,
        ],
    )


class RegistrationForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Please enter your name.")),
            Length(max=80, message=_l("At most 80 characters.")),
        ],
    )
    email = email_address(_l("Email"))
    password = new_password(_l("Password"))
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[EqualTo("password", _l("The two passwords differ."))],
    )


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"), validators=[DataRequired(_l("Please enter your email address."))]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Please enter your password."))]
    )


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Please enter your password."))],
    )
    password = new_password(_l("New password"))
    confirm = PasswordField(
        _l("Repeat new password"),
        validators=[EqualTo("password", _l("The two passwords differ."))],
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password, to confirm"),
        validators=[DataRequired(_l("Please enter your password."))],
    )


class LanguageForm(FlaskForm):
    locale = HiddenField()
    next = HiddenField()

    def validate_locale(self, field):
        if field.data not in LOCALES:
            raise ValidationError(_l("Unknown language."))


class ConfirmForm(FlaskForm):
    """Only the CSRF token: the one form behind every button that starts or
    confirms an action (start, finish, join, leave, revoke, remove, delete...)."""
