"""Team pages: create and join teams, the team map, pairs, members, export."""

import csv
import io
from datetime import timedelta

from flask import Blueprint
from flask import Response
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_login import login_required
from sqlalchemy import func
from sqlalchemy import select

from accounts.language import content_lang
from accounts.language import join_list
from accounts.models import User
from accounts.models import utcnow
from assessment import charts
from assessment.charts import PALETTE
from assessment.charts import Series
from assessment.content import patterns
from assessment.content import quadrants
from coaching import content
from coaching import queries
from coaching.forms import ConfirmForm
from coaching.forms import InviteForm
from coaching.forms import JoinForm
from coaching.forms import NoteForm
from coaching.forms import TeamForm
from coaching.models import CoachNote
from coaching.models import Invite
from coaching.models import Membership
from coaching.models import Team
from coaching.models import TeamCoach
from coaching.team import browse
from coaching.team import compose
from coaching.team import guide
from coaching.team import pair
from extensions import db
from security import row_id
from security import spreadsheet_safe

bp = Blueprint("coaching", __name__, url_prefix="/teams")

# Past this many profiles on one page, member traces start hidden (click the legend).
SHOWN_TRACES = 8


@bp.before_request
@login_required
def _require_login():
    """Every team page belongs to a signed-in user."""


@bp.get("/")
def teams():
    return _teams_page(TeamForm(), JoinForm())


@bp.post("/")
def create_team():
    form = TeamForm()
    if not form.validate_on_submit():
        return _teams_page(form, JoinForm())
    team = Team(name=form.name.data.strip())
    team.coaches.append(TeamCoach(user_id=current_user.id))
    db.session.add(team)
    db.session.commit()
    flash(_("Team created. Invite your trainees with a code below."))
    return redirect(url_for(".team", team_id=team.id))


def _teams_page(team_form, join_form):
    coached = db.session.scalars(
        select(Team)
        .join(TeamCoach)
        .where(TeamCoach.user_id == current_user.id)
        .order_by(Team.name)
    ).all()
    sizes = dict(
        db.session.execute(
            select(Membership.team_id, func.count())
            .where(
                Membership.team_id.in_([t.id for t in coached]),
                Membership.left_at.is_(None),
            )
            .group_by(Membership.team_id)
        ).all()
    )
    joined = db.session.scalars(
        select(Team)
        .join(Membership)
        .where(Membership.user_id == current_user.id, Membership.left_at.is_(None))
        .order_by(Team.name)
    ).all()
    return render_template(
        "coaching/teams.html", coached=coached, sizes=sizes, joined=joined,
        team_form=team_form, join_form=join_form,
    )  # fmt: skip


@bp.get("/<id:team_id>")
def team(team_id):
    team, role = queries.team_for(team_id, current_user.id, "coach", "member")
    rows = queries.member_rows(team_id)
    composite = compose(len(rows), ((r.counts, r.pattern) for r in rows if r.counts))
    lang = content_lang()
    average = Series(_("Team average"), composite.average, "#222222", fill=True)
    if role == "member":
        coaches = _coaches(team)
        figure = charts.radar([average], lang, _("The team's whole-brain map"))
        return render_template(
            "coaching/team_member.html", **_composite_context(composite), team=team,
            figure=figure, coaches=coaches, form=ConfirmForm(),
        )  # fmt: skip
    args = request.args
    page = browse(
        rows,
        sort=args.get("sort", "name"),
        descending=args.get("order") == "desc",
        pattern=args.get("pattern", ""),
        status=args.get("status", ""),
        text=args.get("q", ""),
        page=args.get("page", 1, type=int),
    )
    profiled = [r for r in page.rows if r.counts]
    series = [average] + [
        Series(
            r.name,
            r.counts,
            PALETTE[i % len(PALETTE)],
            shown=len(profiled) <= SHOWN_TRACES,
        )
        for i, r in enumerate(profiled)
    ]
    return render_template(
        "coaching/team.html",
        **_composite_context(composite),
        team=team,
        page=page,
        args=args,
        link=_table_link(team_id),
        figure=charts.radar(series, lang, _("The team's whole-brain map")),
        invites=_invites(team_id),
        now=utcnow(),
        invite_form=InviteForm(),
        form=ConfirmForm(),
        coaches=_coaches(team),
        members=rows,
    )


def _table_link(team_id):
    """Build the member table's links: the current filters with some changed."""

    def link(**changes):
        params = {**request.args.to_dict(), **changes}
        kept = {k: v for k, v in params.items() if v not in ("", None)}
        return url_for(".team", team_id=team_id, **kept, _anchor="members")

    return link


def _composite_context(composite):
    return {
        "composite": composite,
        "quadrants": quadrants(),
        "patterns": patterns(),
        "coaching": content.load(),
    }


def _coaches(team):
    return db.session.scalars(
        select(User)
        .join(TeamCoach)
        .where(TeamCoach.team_id == team.id)
        .order_by(User.name)
    ).all()


def _invites(team_id):
    return db.session.scalars(
        select(Invite)
        .where(Invite.team_id == team_id, Invite.revoked_at.is_(None))
        .order_by(Invite.created_at.desc())
    ).all()


@bp.post("/<id:team_id>/invites")
def create_invite(team_id):
    team, _role = queries.team_for(team_id, current_user.id, "coach")
    form = InviteForm()
    if form.validate_on_submit():
        days = int(form.expires_in.data)
        invite = Invite(
            team_id=team.id,
            role=form.role.data,
            created_by=current_user.id,
            expires_at=utcnow() + timedelta(days=days) if days else None,
        )
        db.session.add(invite)
        db.session.commit()
        flash(_("New invitation code: %(code)s", code=invite.code))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        flash(
            _(
                "The invitation could not be made: %(why)s",
                why=join_list(errors, sentence=True),
            )
        )
    return redirect(url_for(".team", team_id=team.id, _anchor="invites"))


@bp.post("/<id:team_id>/invites/<id:invite_id>/revoke")
def revoke_invite(team_id, invite_id):
    queries.team_for(team_id, current_user.id, "coach")
    invite = db.session.get(Invite, invite_id)
    if (
        invite is None
        or invite.team_id != team_id
        or not ConfirmForm().validate_on_submit()
    ):
        abort(404)
    invite.revoked_at = invite.revoked_at or utcnow()
    db.session.commit()
    flash(_("The code %(code)s no longer works.", code=invite.code))
    return redirect(url_for(".team", team_id=team_id, _anchor="invites"))


def _usable_invite(code):
    invite = db.session.scalar(select(Invite).where(Invite.code == code.strip()))
    if invite is None:
        return None, _(
            "There is no invitation with this code. Check it with your coach."
        )
    if invite.revoked_at is not None:
        return None, _("This invitation was withdrawn. Ask your coach for a new code.")
    if not invite.usable(utcnow()):
        return None, _("This invitation has expired. Ask your coach for a new code.")
    return invite, None


@bp.route("/join", methods=["GET", "POST"])
def join():
    """Paste a code: check it, then show what joining will share."""
    if request.method == "POST":
        form = JoinForm()
        submitted = form.validate_on_submit()
    else:  # a shared link: reading a code changes nothing, so no CSRF token is needed
        form = JoinForm(request.args, meta={"csrf": False})
        submitted = "code" in request.args and form.validate()
    invite = None
    if submitted:
        invite, error = _usable_invite(form.code.data)
        if error:
            form.code.errors.append(error)
    if invite is None:
        return render_template("coaching/join.html", form=form)
    return render_template(
        "coaching/join_confirm.html",
        invite=invite,
        coaches=_coaches(invite.team),
        role=queries.role_in(invite.team_id, current_user.id),
        form=ConfirmForm(),
    )


@bp.get("/join/<code>")
def join_link(code):
    return redirect(url_for(".join", code=code))


@bp.post("/join/<code>")
def accept(code):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    invite, error = _usable_invite(code)
    if error:
        flash(error)
        return redirect(url_for(".join"))
    role = queries.role_in(invite.team_id, current_user.id)
    if invite.role == "coach" and role != "coach":
        db.session.add(TeamCoach(team_id=invite.team_id, user_id=current_user.id))
    elif invite.role == "member" and role is None:
        membership = db.session.scalar(
            select(Membership).filter_by(
                team_id=invite.team_id, user_id=current_user.id
            )
        )
        if membership is None:
            db.session.add(Membership(team_id=invite.team_id, user_id=current_user.id))
        else:  # a former member: a new sharing period starts now
            membership.joined_at, membership.left_at = utcnow(), None
    else:
        flash(_("You are already in this team."))
        return redirect(url_for(".team", team_id=invite.team_id))
    db.session.commit()
    flash(_("Welcome to %(team)s.", team=invite.team.name))
    return redirect(url_for(".team", team_id=invite.team_id))


@bp.post("/<id:team_id>/leave")
def leave(team_id):
    queries.team_for(team_id, current_user.id, "member")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    membership = db.session.scalar(
        select(Membership).filter_by(team_id=team_id, user_id=current_user.id)
    )
    membership.left_at = utcnow()
    db.session.commit()
    flash(_("You have left the team. Its coaches no longer see your profiles."))
    return redirect(url_for(".teams"))


@bp.route("/<id:team_id>/members/<id:user_id>", methods=["GET", "POST"])
def member(team_id, user_id):
    team, _role = queries.team_for(team_id, current_user.id, "coach")
    membership, assessments = queries.member_history(team_id, user_id)
    form = NoteForm()
    if form.validate_on_submit():
        db.session.add(
            CoachNote(team_id=team_id, member_id=user_id, author_id=current_user.id,
                      body=form.body.data.strip())
        )  # fmt: skip
        db.session.commit()
        flash(_("Note saved. Only this team's coaches can read it."))
        return redirect(
            url_for(".member", team_id=team_id, user_id=user_id, _anchor="notes")
        )
    latest = assessments[0] if assessments else None
    notes = db.session.scalars(
        select(CoachNote)
        .where(CoachNote.team_id == team_id, CoachNote.member_id == user_id)
        .order_by(CoachNote.created_at.desc())
    ).all()
    lang = content_lang()
    figure = None
    if latest:
        figure = charts.radar(
            [Series(membership.user.name, latest.counts, PALETTE[0], fill=True)],
            lang, _("Latest profile"),
        )  # fmt: skip
    return render_template(
        "coaching/member.html", team=team, person=membership.user, membership=membership,
        assessments=assessments, latest=latest, guidance=latest and guide(latest.counts),
        figure=figure, notes=notes, form=form, members=queries.member_rows(team_id),
        **_composite_context(None),
    )  # fmt: skip


@bp.get("/<id:team_id>/pair")
def pair_view(team_id):
    """Two people side by side: coach picks any two; a member pairs themself with a coach."""
    team, role = queries.team_for(team_id, current_user.id, "coach", "member")
    coaches = _coaches(team)
    names = {c.id: c.name for c in coaches}
    visible = {}  # member id -> latest profile the coaches may see
    if role == "coach":
        for row in queries.member_rows(team_id):
            names[row.user_id], visible[row.user_id] = row.name, row.counts
        first_id = request.args.get("a", type=row_id)
    else:
        names[current_user.id] = current_user.name
        first_id = current_user.id
    second_id = request.args.get("b", type=row_id)
    if (
        role == "member"
        and second_id is not None
        and second_id not in {c.id for c in coaches}
    ):
        abort(404)
    context = {
        "team": team, "role": role, "first_id": first_id, "second_id": second_id,
        "choices": sorted(names.items(), key=lambda item: item[1].casefold()),
        "coach_ids": {c.id for c in coaches}, "quadrants": quadrants(),
        "coaching": content.load(),
    }  # fmt: skip
    if first_id is None or second_id is None:
        return render_template("coaching/pair.html", **context)
    if first_id not in names or second_id not in names or first_id == second_id:
        abort(404)
    ids = (first_id, second_id)
    profiles = [visible[i] if i in visible else _own_counts(i) for i in ids]
    lang = content_lang()
    context.update(names=[names[i] for i in ids], profiles=profiles,
                   missing=[names[i] for i, p in zip(ids, profiles, strict=True) if not p])  # fmt: skip
    if all(profiles):
        comparison = context["comparison"] = pair(*profiles)
        context["widest"] = join_list(
            quadrants()[q].name.get(lang) for q in comparison.widest
        )
        context["figure"] = charts.radar(
            [Series(names[i], p, c, fill=True) for i, p, c in zip(ids, profiles, PALETTE, strict=False)],
            lang, _("Both profiles"),
        )  # fmt: skip
    return render_template("coaching/pair.html", **context)


def _own_counts(user_id):
    latest = queries.latest_own(user_id)
    return latest.counts if latest else None


@bp.get("/<id:team_id>/export.csv")
def export(team_id):
    team, _role = queries.team_for(team_id, current_user.id, "coach")
    rows = queries.member_rows(team_id)
    out = io.StringIO()
    out.write("\ufeff")  # a BOM, so Excel reads the UTF-8 names correctly
    writer = csv.writer(out)
    writer.writerow([_("Name"), _("Email"), _("Joined"), _("Latest assessment"),
                     "A", "B", "C", "D", _("Preference code"), _("Pattern")])  # fmt: skip
    for r in rows:
        counts = r.counts or {}
        writer.writerow([
            spreadsheet_safe(r.name), spreadsheet_safe(r.email), r.joined_at.date().isoformat(),
            r.finished_at.date().isoformat() if r.finished_at else "",
            *(counts.get(q, "") for q in "ABCD"), r.code or "", r.pattern or "",
        ])  # fmt: skip
    filename = f"team-{team.id}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/<id:team_id>/report")
def report(team_id):
    team, _role = queries.team_for(team_id, current_user.id, "coach")
    rows = queries.member_rows(team_id)
    composite = compose(len(rows), ((r.counts, r.pattern) for r in rows if r.counts))
    figure = charts.radar(
        [Series(_("Team average"), composite.average, "#222222", fill=True)],
        content_lang(), _("The team's whole-brain map"),
    )  # fmt: skip
    return render_template(
        "coaching/report.html", team=team, rows=rows, figure=figure,
        coaches=_coaches(team), **_composite_context(composite),
    )  # fmt: skip
