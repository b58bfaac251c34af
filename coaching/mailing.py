"""Invitations by email and reminders: a coach mails the team's people.

Each message is written to the outbox in the same transaction as the row that
records it (`InviteEmail`, `Reminder`); the sender delivers it (docs/EMAIL.md).
"""

from datetime import timedelta

from flask import flash
from flask import redirect
from flask import render_template
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import and_
from sqlalchemy import exists
from sqlalchemy import select
from sqlalchemy import update

from accounts.forms import ConfirmForm
from accounts.language import content_lang
from accounts.models import User
from assessment.models import Assessment
from coaching import access
from coaching import queries
from coaching import rules
from coaching.blueprint import bp
from coaching.forms import EmailInviteForm
from coaching.models import Invite
from coaching.models import InviteEmail
from coaching.models import Membership
from coaching.models import Reminder
from database import utcnow
from extensions import db
from mail import letters
from mail import outbox
from mail.addresses import MAX_ADDRESSES
from mail.addresses import read_addresses
from security import log_event

INVITE_DAYS = 30
REMIND_EVERY = timedelta(days=1)


@bp.route("/<id:team_id>/email", methods=["GET", "POST"])
def email_page(team_id):
    """Mail invitations to pasted addresses; list what was mailed and what came of it."""
    team, _role = access.team_for(team_id, current_user.id, "coach")
    form = EmailInviteForm(lang="zh_CN" if content_lang() == "zh" else "en")
    if form.validate_on_submit():
        found = read_addresses(form.addresses.data)
        if found.too_many:
            form.addresses.errors.append(
                _("At most %(n)d addresses at a time, please.", n=MAX_ADDRESSES)
            )
        for entry in found.refused:
            form.addresses.errors.append(
                _(
                    "Entry %(n)d, “%(text)s”, is not an email address.",
                    n=entry.position,
                    text=entry.text,
                )
            )
        if not form.addresses.errors:
            count = _send_invitations(team, found.valid, form.lang.data)
            log_event("invite_emailed", team=team_id, count=count)
            flash(_("Invitations on their way: %(n)d.", n=count))
            return redirect(url_for(".email_page", team_id=team_id))
    return render_template(
        "coaching/email.html",
        team=team,
        form=form,
        sent=queries.mailed_invites(team_id),
        waiting=len(_not_finished(team_id)),
        remind_form=ConfirmForm(),
    )


def _send_invitations(team, addresses, locale):
    """One member invitation for the batch, one message per address, one commit."""
    invite = Invite(
        team_id=team.id,
        role="member",
        created_by=current_user.id,
        expires_at=rules.expiry(utcnow(), INVITE_DAYS),
        max_uses=rules.max_uses_for("member"),
    )
    db.session.add(invite)
    db.session.flush()
    lang = "zh" if locale == "zh_CN" else "en"
    for address in addresses:
        mailed = InviteEmail(
            invite_id=invite.id, address=address, lang=lang, sent_by=current_user.id
        )
        db.session.add(mailed)
        db.session.flush()
        letter = letters.compose(
            "invite",
            lang,
            link=outbox.link(".join_link", code=invite.code, m=mailed.token),
            coach=current_user.name,
            team=team.name,
            days=str(INVITE_DAYS),
        )
        # Tied to the coach's account: their name is in it, and their codes die
        # with the account (so do its unsent messages).
        row = outbox.enqueue(
            "invite", letter, to_addr=address, lang=lang, user_id=current_user.id
        )
        db.session.flush()
        mailed.outbox_id = row.id
    db.session.commit()
    return len(addresses)


def mark_opened(token):
    """Record that a mailed invitation's link was followed (the first time only).

    One UPDATE and nothing read before it: this runs in a GET, without the
    write lock, and a write is safe there only as the transaction's first step.
    """
    if not token:
        return
    db.session.execute(
        update(InviteEmail)
        .where(InviteEmail.token == token, InviteEmail.opened_at.is_(None))
        .values(opened_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _not_finished(team_id):
    """Current members with no questionnaire finished since they joined."""
    finished = exists().where(
        Assessment.user_id == Membership.user_id,
        Assessment.finished_at >= Membership.joined_at,
    )
    return db.session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.team_id == team_id,
            Membership.left_at.is_(None),
            ~finished,
        )
        .order_by(User.id)
    ).all()


@bp.post("/<id:team_id>/remind")
def remind(team_id):
    """Remind every current member who has not finished; each at most once a day."""
    team, _role = access.team_for(team_id, current_user.id, "coach")
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".email_page", team_id=team_id))
    since = utcnow() - REMIND_EVERY
    recent = set(
        db.session.scalars(
            select(Reminder.user_id).where(
                and_(Reminder.team_id == team_id, Reminder.sent_at > since)
            )
        )
    )
    people = [u for u in _not_finished(team_id) if u.id not in recent]
    for person in people:
        lang = (person.locale or content_lang())[:2]
        letter = letters.compose(
            "reminder",
            lang,
            link=outbox.link("index"),
            name=person.name,
            coach=current_user.name,
            team=team.name,
        )
        outbox.enqueue(
            "reminder",
            letter,
            to_addr=person.email,
            to_name=person.name,
            lang=lang,
            user_id=person.id,
        )
        db.session.add(
            Reminder(team_id=team_id, user_id=person.id, sent_by=current_user.id)
        )
    db.session.commit()
    log_event("members_reminded", team=team_id, count=len(people))
    flash(_("Members reminded: %(n)d.", n=len(people)))
    if recent:
        flash(_("Members reminded within the last day were left out."))
    return redirect(url_for(".email_page", team_id=team_id))
