"""Reads of assessments that pages outside this package need."""

from sqlalchemy import select

from assessment.models import Assessment
from extensions import db


def summary_for(user):
    """The user's open assessment and latest finished one, for the home page."""
    if not user.is_authenticated:
        return None, None
    mine = select(Assessment).filter_by(user_id=user.id)
    open_one = db.session.scalar(mine.filter_by(finished_at=None))
    latest = db.session.scalar(
        mine.where(Assessment.finished_at.is_not(None)).order_by(
            Assessment.finished_at.desc()
        )
    )
    return open_one, latest
