"""Forms of the team pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf
from wtforms.validators import DataRequired
from wtforms.validators import Length

from coaching.rules import TEAM_ROLES


class TeamForm(FlaskForm):
    name = StringField(
        _l("Team name"),
        validators=[
            DataRequired(_l("Please name the team.")),
            Length(max=80, message=_l("At most 80 characters.")),
        ],
    )


class InviteForm(FlaskForm):
    role = SelectField(
        _l("Joins as"),
        choices=[
            SelectChoice("member", _l("Member (shares their profile)")),
            SelectChoice("coach", _l("Coach (sees the team)")),
        ],
        validate_choice=False,  # AnyOf says it in the user's language
        validators=[AnyOf(TEAM_ROLES, message=_l("Please pick one of the roles."))],
    )
    expires_in = SelectField(
        _l("Valid for"),
        choices=[
            SelectChoice("1", _l("1 day")),
            SelectChoice("7", _l("7 days")),
            SelectChoice("30", _l("30 days")),
            SelectChoice("0", _l("Until revoked")),
        ],
        default="7",
        validate_choice=False,
        validators=[
            AnyOf(["1", "7", "30", "0"], message=_l("Please pick one of the periods."))
        ],
    )


class JoinForm(FlaskForm):
    code = StringField(
        _l("Invitation code"),
        validators=[
            DataRequired(_l("Please enter the code you were given.")),
            Length(max=64, message=_l("This code is not valid.")),
        ],
    )


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Private note"),
        validators=[
            DataRequired(_l("Please write the note first.")),
            Length(max=2000, message=_l("At most 2,000 characters.")),
        ],
    )


class EmailInviteForm(FlaskForm):
    """Addresses to invite, pasted as a column, and the language of the mail."""

    addresses = TextAreaField(
        _l("Email addresses, one per line"),
        validators=[
            DataRequired(_l("Please enter at least one email address.")),
            Length(max=60_000, message=_l("Too long: at most 200 addresses.")),
        ],
    )
    lang = SelectField(
        _l("Language of the email"),
        choices=[SelectChoice("zh_CN", "中文"), SelectChoice("en", "English")],
        validate_choice=False,
        validators=[AnyOf(("zh_CN", "en"), message=_l("Unknown language."))],
    )
