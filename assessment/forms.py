"""The form of one questionnaire round, built from the catalogue."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput
from wtforms.widgets import ListWidget

from assessment.questionnaire import PICKS_PER_ROUND


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def round_form(elements, lang, picks=()):
    """A form whose choices are `elements`, in the order given, `picks` ticked."""

    class RoundForm(FlaskForm):
        picks = CheckboxesField(
            _l("Elements"),
            choices=[SelectChoice(e.id, e.label(lang)) for e in elements],
            validate_choice=False,  # checked below, with a message in the user's language
        )

        def validate_picks(self, field):
            known = {e.id for e in elements}
            if any(p not in known for p in field.data):
                raise ValidationError(_l("Some of the picks are not in this round."))
            if len(set(field.data)) != PICKS_PER_ROUND:
                raise ValidationError(
                    _l(
                        "Please pick exactly %(n)d elements; you picked %(picked)d.",
                        n=PICKS_PER_ROUND,
                        picked=len(set(field.data)),
                    )
                )

    return RoundForm(data={"picks": list(picks)})
