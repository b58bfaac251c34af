"""Questionnaire, report and history pages of the signed-in user."""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from accounts.forms import ConfirmForm
from accounts.language import content_lang
from assessment import questionnaire
from assessment.forms import round_form
from assessment.models import Assessment
from assessment.models import RoundAnswer
from assessment.questionnaire import QUADRANTS
from assessment.reports import report_parts
from assessment.resolved import quadrant_texts
from assessment.vocabulary import NO_PRIMARY
from extensions import db
from security import deny

bp = Blueprint("assessment", __name__, url_prefix="/assessment")


@bp.app_template_filter("pattern_label")
def pattern_label(pattern):
    """A pattern as tables show it: its letters, or a short name for one without."""
    if pattern == NO_PRIMARY:
        return _("three-way balance")
    return pattern or "–"


@bp.app_template_filter("quadrant_name")
def quadrant_name(quadrant):
    """'A' as the reader's language names it: 'A: analytical', 'A象限：理性分析'."""
    return quadrant_texts(content_lang())[quadrant].name


@bp.before_request
@login_required
def _require_login():
    """Every page here belongs to the signed-in user."""


def _own(assessment_id, *options):
    """The signed-in user's assessment; anyone else's answers 404 like a missing one."""
    assessment = db.session.get(Assessment, assessment_id, options=options)
    if assessment is None or assessment.user_id != current_user.id:
        deny("assessment", id=assessment_id)
    return assessment


def _round(assessment, number):
    if number not in (1, 2, 3):
        abort(404)
    return assessment.rounds[number - 1]


@bp.post("/start")
def start():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    open_one = db.session.scalar(
        select(Assessment).filter_by(user_id=current_user.id, finished_at=None)
    )
    if open_one is None:
        open_one = Assessment(user_id=current_user.id)
        db.session.add(open_one)
        db.session.commit()
    return redirect(url_for(".resume", assessment_id=open_one.id))


@bp.get("/<id:assessment_id>")
def resume(assessment_id):
    """Go wherever this assessment stands: next round, review or report."""
    assessment = _own(assessment_id)
    if assessment.finished:
        return redirect(url_for(".report", assessment_id=assessment.id))
    number = assessment.next_round()
    if number is None:
        return redirect(url_for(".review", assessment_id=assessment.id))
    return redirect(
        url_for(".answer_round", assessment_id=assessment.id, number=number)
    )


@bp.route("/<id:assessment_id>/round/<int:number>", methods=["GET", "POST"])
def answer_round(assessment_id, number):
    assessment = _own(assessment_id)
    round_ = _round(assessment, number)
    if assessment.finished:
        flash(_("This assessment is finished and can no longer change."))
        return redirect(url_for(".report", assessment_id=assessment.id))
    if number > (assessment.next_round() or 3):
        return redirect(url_for(".resume", assessment_id=assessment.id))
    elements = questionnaire.shuffled(round_, assessment.seed)
    form = round_form(elements, content_lang(), assessment.picks_for(number))
    if form.validate_on_submit():
        _save_round(assessment, number, sorted(set(form.picks.data)))
        return redirect(url_for(".resume", assessment_id=assessment.id))
    return render_template(
        "assessment/round.html",
        assessment=assessment,
        round=round_,
        rounds=assessment.rounds,
        form=form,
    )


def _save_round(assessment, number, picks):
    """Store a round once, however often it is sent (double click, retry)."""
    answer = next((a for a in assessment.answers if a.round_number == number), None)
    if answer is not None:
        answer.picks = picks
        db.session.commit()
        return
    db.session.add(RoundAnswer(assessment=assessment, round_number=number, picks=picks))
    try:
        db.session.commit()
    except (
        IntegrityError
    ):  # the same round arrived at the same time from another request
        db.session.rollback()
        db.session.execute(
            update(RoundAnswer)
            .where(
                RoundAnswer.assessment_id == assessment.id,
                RoundAnswer.round_number == number,
            )
            .values(picks=picks)
        )
        db.session.commit()


@bp.get("/<id:assessment_id>/review")
def review(assessment_id):
    assessment = _own(assessment_id)
    if assessment.finished or assessment.next_round() is not None:
        return redirect(url_for(".resume", assessment_id=assessment.id))
    labels = {e.id: e for r in assessment.rounds for e in r.elements}
    return render_template(
        "assessment/review.html",
        assessment=assessment,
        rounds=assessment.rounds,
        labels=labels,
        form=ConfirmForm(),
    )


@bp.post("/<id:assessment_id>/finish")
def finish(assessment_id):
    assessment = _own(assessment_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not assessment.finished and assessment.next_round() is None:
        assessment.finish()
        db.session.commit()
    return redirect(url_for(".resume", assessment_id=assessment.id))


@bp.get("/<id:assessment_id>/report")
def report(assessment_id):
    # Only the row: the cached parts need no answers (loaded on a cache miss).
    assessment = _own(assessment_id, lazyload(Assessment.answers))
    if not assessment.finished:
        return redirect(url_for(".resume", assessment_id=assessment.id))
    return render_template(
        "assessment/report.html", **report_parts(assessment, content_lang())
    )


@bp.get("/history")
def history():
    assessments = db.session.scalars(
        select(Assessment)
        .filter_by(user_id=current_user.id)
        .order_by(Assessment.started_at, Assessment.id)
    ).all()
    rows, previous = [], None
    for a in assessments:
        counts = a.counts
        change = (
            {q: counts[q] - previous[q] for q in QUADRANTS}
            if counts and previous
            else None
        )
        rows.append({"assessment": a, "counts": counts, "change": change})
        previous = counts or previous
    return render_template(
        "assessment/history.html", rows=list(reversed(rows)), form=ConfirmForm()
    )
