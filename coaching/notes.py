"""A member's page for the team's coaches: how to coach them, and the coaches'
private notes about them. Thin views: parse, call, render."""

from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import ConfirmForm
from accounts.language import content_lang
from assessment import charts
from assessment.charts import PALETTE
from assessment.charts import Series
from coaching import access
from coaching import commands
from coaching import queries
from coaching.blueprint import bp
from coaching.blueprint import content_context
from coaching.forms import NoteForm
from coaching.guidance import advise


@bp.route("/<id:team_id>/members/<id:user_id>", methods=["GET", "POST"])
def member(team_id, user_id):
    team, _role = access.team_for(team_id, current_user.id, "coach")
    membership, assessments = access.member_for(team_id, user_id)
    form = NoteForm()
    if form.validate_on_submit():
        commands.add_note(team_id, user_id, current_user.id, form.body.data.strip())
        flash(_("Note saved. Only this team's coaches can read it."))
        return redirect(
            url_for(".member", team_id=team_id, user_id=user_id, _anchor="notes")
        )
    latest = assessments[0] if assessments else None
    return render_template(
        "coaching/member.html",
        **content_context(),
        team=team,
        person=membership.user,
        membership=membership,
        assessments=assessments,
        latest=latest,
        guidance=latest and advise(latest.counts),
        figure=latest and _radar(membership.user, latest),
        notes=queries.notes_about(team_id, user_id),
        form=form,
        confirm=ConfirmForm(),
        members=queries.member_rows(team_id),
    )


def _radar(person, assessment):
    series = [Series(person.name, assessment.counts, PALETTE[0], fill=True)]
    return charts.radar(series, content_lang(), _("Latest profile"))
