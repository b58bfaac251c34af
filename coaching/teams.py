"""Teams, invitations and who is in them: create, invite, join, leave, remove,
step down, archive. Thin views: parse, call `commands`/`queries`, render."""

from flask import abort
from flask import current_app
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import ConfirmForm
from accounts.language import join_list
from coaching import access
from coaching import commands
from coaching import mailing
from coaching import queries
from coaching.blueprint import bp
from coaching.forms import InviteForm
from coaching.forms import JoinForm
from coaching.forms import TeamForm
from database import utcnow
from security import deny
from security import log_event


@bp.get("/")
def teams():
    return _teams_page(TeamForm(), JoinForm())


@bp.post("/")
def create_team():
    form = TeamForm()
    if not form.validate_on_submit():
        return _teams_page(form, JoinForm())
    team = commands.create_team(form.name.data.strip(), current_user.id)
    flash(_("Team created. Invite your trainees with a code below."))
    return redirect(url_for(".team", team_id=team.id))


def _teams_page(team_form, join_form):
    coached, sizes, joined = queries.teams_of(current_user.id)
    return render_template(
        "coaching/teams.html",
        coached=coached,
        sizes=sizes,
        joined=joined,
        team_form=team_form,
        join_form=join_form,
    )


@bp.post("/<id:team_id>/invites")
def create_invite(team_id):
    access.team_for(team_id, current_user.id, "coach")
    form = InviteForm()
    if form.validate_on_submit():
        role, days = form.role.data, int(form.expires_in.data)
        invite = commands.create_invite(team_id, role, days, current_user.id)
        log_event("invite_created", team=team_id, invite=invite.id, role=role)
        flash(_("New invitation code: %(code)s", code=invite.code))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        why = join_list(errors, sentence=True)
        flash(_("The invitation could not be made: %(why)s", why=why))
    return redirect(url_for(".team", team_id=team_id, _anchor="invites"))


@bp.get("/<id:team_id>/invites/<id:invite_id>")
def invite(team_id, invite_id):
    """One invitation: who made it, whether it still works, who joined with it."""
    team, _role = access.team_for(team_id, current_user.id, "coach")
    coach_ids = {c.id for c in queries.coaches_of(team_id)}
    invite, uses = access.invite_for(team_id, invite_id, coach_ids, utcnow())
    return render_template(
        "coaching/invite.html", team=team, invite=invite, uses=uses, form=ConfirmForm()
    )


@bp.post("/<id:team_id>/invites/<id:invite_id>/revoke")
def revoke_invite(team_id, invite_id):
    access.team_for(team_id, current_user.id, "coach")
    invite = ConfirmForm().validate_on_submit() and commands.revoke_invite(
        team_id, invite_id
    )
    if not invite:
        abort(404)
    log_event("invite_revoked", team=team_id, invite=invite_id)
    flash(_("The code %(code)s no longer works.", code=invite.code))
    return redirect(url_for(".team", team_id=team_id, _anchor="invites"))


def _invite_problem(state):
    """Why a code does not let anyone in, in the user's language."""
    return {
        None: _("There is no invitation with this code. Check it with your coach."),
        "revoked": _("This invitation was withdrawn. Ask your coach for a new code."),
        "used": _(
            "This invitation has already been used. Ask your coach for a new code."
        ),
        "expired": _("This invitation has expired. Ask your coach for a new code."),
    }[state]


def _usable_invite(code, errors):
    """The invitation if it still works; else None, with the reason in `errors`."""
    invite, state = queries.find_invite(code, utcnow())
    if state != "active":
        errors.append(_invite_problem(state))
        return None
    return invite


@bp.route("/join", methods=["GET", "POST"])
def join():
    """Paste a code: check it, then show what joining will share."""
    if request.method == "POST":
        form = JoinForm()
        submitted = form.validate_on_submit()
    else:  # a shared link: reading a code changes nothing, so no CSRF token is needed
        form = JoinForm(request.args, meta={"csrf": False})
        submitted = "code" in request.args and form.validate()
    invite = submitted and _usable_invite(form.code.data, form.code.errors)
    if not invite:
        return render_template("coaching/join.html", form=form)
    return render_template(
        "coaching/join_confirm.html",
        invite=invite,
        form=ConfirmForm(),
        coaches=queries.coaches_of(invite.team_id),
        outcome=queries.join_outcome(invite, current_user.id),
        unconfirmed=_unconfirmed(),
        next=url_for(".join_link", code=invite.code),
    )


def _unconfirmed():
    """Joining a team needs an address the person has shown to be theirs."""
    return current_app.config["REQUIRE_CONFIRMED_EMAIL"] and not (
        current_user.email_confirmed_at
    )


@bp.get("/join/<code>")
def join_link(code):
    mailing.mark_opened(request.args.get("m"))  # a link from an invitation email
    return redirect(url_for(".join", code=code))


@bp.post("/join/<code>")
def accept(code):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if _unconfirmed():
        flash(
            _("Please confirm your email address first: follow the link we sent you.")
        )
        return redirect(url_for(".join_link", code=code))
    errors = []
    invite = _usable_invite(code, errors)
    outcome = invite and commands.accept(invite, current_user.id)
    if outcome in ("coach", "member"):
        log_event("team_joined", team=invite.team_id, role=outcome, invite=invite.id)
        flash(_("Welcome to %(team)s.", team=invite.team.name))
    elif outcome == "already":
        flash(_("You are already in this team."))
    else:
        flash(errors[0] if errors else _join_refused(outcome))
        return redirect(url_for(".join"))
    return redirect(url_for(".team", team_id=invite.team_id))


def _join_refused(outcome):
    if outcome == "removed":
        return _(
            "A coach removed you from this team, so this invitation no longer lets you in. Ask a coach for a new one."
        )
    return _invite_problem("used")


@bp.post("/<id:team_id>/leave")
def leave(team_id):
    access.team_for(team_id, current_user.id, "member")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    commands.leave(team_id, current_user.id)
    flash(_("You have left the team. Its coaches no longer see your profiles."))
    return redirect(url_for(".teams"))


@bp.post("/<id:team_id>/members/<id:user_id>/remove")
def remove_member(team_id, user_id):
    """A coach removes a member (after confirming on the member's page)."""
    access.team_for(team_id, current_user.id, "coach")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    membership = commands.remove_member(team_id, user_id)
    if membership is None:
        deny("team_member", team=team_id, id=user_id)
    log_event("team_member_removed", team=team_id, member=user_id)
    flash(
        _(
            "%(name)s is no longer in the team. Its coaches no longer see their profiles.",
            name=membership.user.name,
        )
    )
    return redirect(url_for(".team", team_id=team_id, _anchor="members"))


@bp.post("/<id:team_id>/coaches/<id:user_id>/remove")
def remove_coach(team_id, user_id):
    """A coach removes another coach (after confirming on the team page)."""
    access.team_for(team_id, current_user.id, "coach")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    removed = commands.remove_coach(team_id, current_user.id, user_id)
    if removed is None:
        deny("team_coach", team=team_id, id=user_id)
    log_event("team_coach_removed", team=team_id, coach=user_id)
    flash(
        _(
            "%(name)s no longer coaches this team. Their open invitations no longer work.",
            name=removed.name,
        )
    )
    return redirect(url_for(".team", team_id=team_id, _anchor="coaches"))


@bp.post("/<id:team_id>/step-down")
def step_down(team_id):
    """A coach gives up the role, while another coach stays with the team."""
    team, _role = access.team_for(team_id, current_user.id, "coach")
    name = team.name
    if not ConfirmForm().validate_on_submit():
        abort(400)
    outcome = commands.step_down(team_id, current_user.id)
    if outcome == "last_coach":
        flash(
            _(
                "You are this team's only coach. Invite a coach to take over first, or archive the team."
            )
        )
        return redirect(url_for(".team", team_id=team_id, _anchor="coaches"))
    if outcome == "not_coach":
        deny("team", id=team_id)
    log_event("team_coach_stepped_down", team=team_id)
    flash(
        _(
            "You no longer coach %(team)s. Your open invitations no longer work.",
            team=name,
        )
    )
    return redirect(url_for(".teams"))


@bp.post("/<id:team_id>/archive")
def archive(team_id):
    """The last coach steps down and archives the team."""
    team, _role = access.team_for(team_id, current_user.id, "coach")
    name = team.name
    if not ConfirmForm().validate_on_submit():
        abort(400)
    outcome = commands.archive(team_id, current_user.id)
    if outcome == "other_coaches":
        flash(
            _(
                "Other coaches still run this team: step down instead, and they carry on."
            )
        )
        return redirect(url_for(".team", team_id=team_id, _anchor="coaches"))
    if outcome == "not_coach":
        deny("team", id=team_id)
    log_event("team_archived", team=team_id)
    flash(
        _(
            "%(team)s is archived. Its members no longer share anything with it.",
            team=name,
        )
    )
    return redirect(url_for(".teams"))
