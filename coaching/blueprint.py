"""The team pages' one blueprint, and what every one of its pages shares."""

from flask import Blueprint
from flask_login import login_required

from assessment.content import patterns
from assessment.content import quadrants
from coaching import content

bp = Blueprint("coaching", __name__, url_prefix="/teams")


@bp.before_request
@login_required
def _require_login():
    """Every team page belongs to a signed-in user."""


def content_context(composite=None):
    """The texts the team templates read, with the team's map when there is one."""
    return {
        "composite": composite,
        "quadrants": quadrants(),
        "patterns": patterns(),
        "coaching": content.load(),
    }
