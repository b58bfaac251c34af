"""Forms of the rep's pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField
from wtforms import DateField
from wtforms import RadioField
from wtforms import SelectField
from wtforms import SelectMultipleField
from wtforms import StringField
from wtforms import TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf
from wtforms.validators import DataRequired
from wtforms.validators import Length
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput
from wtforms.widgets import ListWidget

from selling.labels import LABELS
from selling.models import BUYING_ROLES
from selling.models import GUIDE_CHOICES
from selling.models import LEVELS
from selling.models import RELATIONSHIPS
from selling.outcomes import ACTED
from selling.outcomes import LARGE_SALE
from selling.outcomes import outcomes_for


def _choice_field(label, keys, default):
    return SelectField(
        label,
        choices=[SelectChoice(k, LABELS[k]) for k in keys],
        default=default,
        validate_choice=False,  # AnyOf answers in the user's language
        validators=[AnyOf(keys, message=_l("Please pick one of the options."))],
    )


class AccountForm(FlaskForm):
    name = StringField(
        _l("Company"),
        validators=[
            DataRequired(_l("Please enter the company's name.")),
            Length(max=120, message=_l("At most 120 characters.")),
        ],
    )
    funnel_step = SelectField(_l("Funnel step"), validate_choice=False)
    small_sale = BooleanField(_l("Small sale: a meeting ends in an order or no order"))
    notes = TextAreaField(
        _l("Notes"),
        validators=[Length(max=5000, message=_l("At most 5,000 characters."))],
    )

    def validate_funnel_step(self, field):
        if field.data not in [c.value for c in field.choices]:
            raise ValidationError(_l("Please pick one of the options."))


class ContactForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Please enter the contact's name.")),
            Length(max=120, message=_l("At most 120 characters.")),
        ],
    )
    title = StringField(
        _l("Job title"),
        validators=[Length(max=120, message=_l("At most 120 characters."))],
    )
    level = _choice_field(_l("Organisation level"), LEVELS, "middle")
    role = _choice_field(_l("Buying-centre role"), BUYING_ROLES, "user")
    guide = _choice_field(_l("Guide or insider"), GUIDE_CHOICES, "none")
    relationship = _choice_field(_l("Relationship"), RELATIONSHIPS, "not_met")
    reads_situation = _choice_field(
        _l("Reads the situation"), ("unknown", "yes", "no"), "unknown"
    )
    integrity = _choice_field(
        _l("Acts with integrity"), ("unknown", "yes", "no"), "unknown"
    )
    notes = TextAreaField(
        _l("Notes"),
        validators=[Length(max=5000, message=_l("At most 5,000 characters."))],
    )


def estimate_form(catalogue, lang, ticked=()):
    """Checkboxes for every cue; at least one must be ticked."""

    class EstimateForm(FlaskForm):
        cues = SelectMultipleField(
            _l("Cues you have observed"),
            choices=[SelectChoice(c.id, c.text.get(lang)) for c in catalogue],
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            validate_choice=False,
        )

        def validate_cues(self, field):
            known = {c.id for c in catalogue}
            if not field.data:
                raise ValidationError(_l("Tick at least one cue you have observed."))
            if any(i not in known for i in field.data):
                raise ValidationError(_l("Some of the cues are not in the catalogue."))

    return EstimateForm(data={"cues": list(ticked)})


class PitchForm(FlaskForm):
    text = TextAreaField(
        _l("Your draft"),
        validators=[
            DataRequired(_l("Paste the email or proposal you want to check.")),
            Length(max=20000, message=_l("At most 20,000 characters.")),
        ],
    )


class MeetingForm(FlaskForm):
    """A meeting of a large sale (four outcomes) or, with `small_sale`, a small one (two)."""

    held_on = DateField(
        _l("Date of the meeting"),
        validators=[DataRequired(_l("Please give the date as YYYY-MM-DD."))],
    )
    outcome = RadioField(_l("Outcome"), validate_choice=False)
    customer_action = TextAreaField(
        _l("What did the customer agree to do?"),
        validators=[Length(max=2000, message=_l("At most 2,000 characters."))],
    )
    advances = SelectMultipleField(
        _l("Advances"),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,
    )
    notes = TextAreaField(
        _l("Notes"),
        validators=[Length(max=5000, message=_l("At most 5,000 characters."))],
    )

    def __init__(self, *args, small_sale=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.small_sale = small_sale
        self.outcome.choices = [
            SelectChoice(k, LABELS[k]) for k in outcomes_for(small_sale)
        ]

    def validate_outcome(self, field):
        if field.data in outcomes_for(self.small_sale):
            return
        if self.small_sale and field.data in LARGE_SALE:
            raise ValidationError(
                _l(
                    "This account is a small sale: a meeting ends in an order or no order."
                )
            )
        raise ValidationError(_l("Please pick the outcome."))

    def validate_advances(self, field):
        if any(a not in [c.value for c in field.choices] for a in field.data):
            raise ValidationError(_l("Please pick from the examples."))

    def validate_customer_action(self, field):
        # Judge by what the customer does: an order or advance needs an action.
        acted = (field.data or "").strip() or self.advances.data
        if self.outcome.data not in ACTED or acted:
            return
        if self.small_sale:
            raise ValidationError(
                _l(
                    "An order needs something the customer agreed to do. "
                    "Friendly words without an order are no order."
                )
            )
        raise ValidationError(
            _l(
                "An order or an advance needs something the customer agreed to do. "
                "Friendly words without an action are a continuation (no real progress)."
            )
        )


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"))

    def validate_file(self, field):
        if not field.data or not field.data.filename:
            raise ValidationError(_l("Please choose a CSV file."))
