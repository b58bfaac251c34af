"""The rep's pages: key accounts, contacts, estimates, briefs, pitch checks, meetings."""

from collections import Counter

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
from wtforms.fields.choices import SelectChoice

import pagecache
from accounts.forms import ConfirmForm
from accounts.language import content_lang
from accounts.models import User
from assessment import charts
from assessment.charts import PALETTE
from assessment.charts import Series
from assessment.content import patterns
from assessment.content import quadrants
from assessment.loop import walk
from coaching.queries import latest_own
from coaching.queries import latest_visible_to
from database import reads_only
from database import row_id
from extensions import db
from security import deny
from selling import access
from selling import capacity
from selling import commands
from selling import csvio
from selling import cues
from selling import factors
from selling import funnel
from selling import negotiation
from selling import outcomes
from selling import pitch
from selling import queries
from selling.forms import AccountForm
from selling.forms import ContactForm
from selling.forms import ImportForm
from selling.forms import MeetingForm
from selling.forms import PitchForm
from selling.forms import estimate_form
from selling.labels import GAPS
from selling.labels import LABELS
from selling.models import TRISTATE
from selling.models import Contact
from selling.models import KeyAccount
from selling.models import Meeting
from selling.tracking import Person
from selling.tracking import compare
from selling.tracking import track

bp = Blueprint("selling", __name__, url_prefix="/key-accounts")


@bp.before_request
@login_required
def _require_login():
    """Every page here belongs to a signed-in user."""


def _common():
    steps = {s.key: s for s in funnel.stages()}
    return {
        "labels": LABELS,
        "gaps": GAPS,
        "quadrants": quadrants(),
        "patterns": patterns(),
        "steps_by_key": steps,
        "meeting_advances": _advance_texts,
        "kinds": cues.kinds(),
        "firm_votes": cues.FIRM_VOTES,
    }


def _advance_texts(ids):
    lang = content_lang()
    texts = {a.id: a.text.get(lang) for a in outcomes.load().advances}
    return [texts[i] for i in ids if i in texts]


def _funnel_choices():
    """Target customer, then the six funnel steps."""
    lang = content_lang()
    return [SelectChoice(s.key, s.name.get(lang)) for s in funnel.stages()]


def _move_suggestion(account, meetings=None):
    """The move an advance suggests for the account, or None (never applied here).

    `meetings`: the account's meetings, when the page has read them already.
    """
    if meetings is None:
        meetings = queries.meetings_of(account.id)
    return funnel.suggest_move(account.funnel_step, (m.logged for m in meetings))


@bp.get("/")
def index():
    """The rep's accounts, or (for their coach) another rep's, with a search."""
    rep_id = request.args.get("rep", type=row_id) or current_user.id
    if not access.can_read(rep_id):
        deny("key_accounts", rep=rep_id)
    rep = db.session.get(User, rep_id)
    text = request.args.get("q", "").strip()
    accounts = queries.accounts_of(rep_id, text)
    form = AccountForm()
    form.funnel_step.choices = _funnel_choices()
    return render_template(
        "selling/index.html",
        accounts=accounts,
        rep=rep,
        mine=rep_id == current_user.id,
        form=form,
        text=text,
        **_common(),
    )


@bp.post("/")
def create_account():
    form = AccountForm()
    form.funnel_step.choices = _funnel_choices()
    if not form.validate_on_submit():
        return render_template(
            "selling/index.html",
            accounts=[],
            rep=current_user,
            mine=True,
            form=form,
            text="",
            **_common(),
        )
    account = KeyAccount(
        owner_id=current_user.id,
        name=form.name.data.strip(),
        funnel_step=form.funnel_step.data,
        small_sale=form.small_sale.data,
        notes=form.notes.data or "",
    )
    db.session.add(account)
    db.session.commit()
    return redirect(url_for(".account", account_id=account.id))


@bp.route("/<id:account_id>", methods=["GET", "POST"])
def account(account_id):
    account = access.account_for(account_id, write=request.method == "POST")
    mine = account.owner_id == current_user.id
    form = AccountForm(obj=account)
    form.funnel_step.choices = _funnel_choices()
    if form.validate_on_submit():
        account.name, account.funnel_step = (
            form.name.data.strip(),
            form.funnel_step.data,
        )
        account.small_sale = form.small_sale.data
        account.notes = form.notes.data or ""
        db.session.commit()
        flash(_("Saved."))
        return redirect(url_for(".account", account_id=account.id))
    contacts = queries.contacts_of(account.id)
    lang = content_lang()
    estimated = [(c, c.estimates[0]) for c in contacts if c.estimates]
    figure = (
        charts.radar(
            [
                Series(
                    f"{c.name} · {LABELS[c.role]}", e.counts, PALETTE[i % len(PALETTE)]
                )
                for i, (c, e) in enumerate(estimated)
            ],
            lang,
            _("The buying centre"),
        )
        if estimated
        else None
    )
    tracking = track(
        Person(c.name, c.role, c.guide, c.relationship, c.level) for c in contacts
    )
    meetings = sorted(
        (m for c in contacts for m in c.meetings), key=lambda m: m.held_on, reverse=True
    )
    table, page, pages = capacity.page_of(
        list(contacts), request.args.get("page", 1, type=int)
    )
    return render_template(
        "selling/account.html",
        account=account,
        contacts=table,
        page=page,
        pages=pages,
        figure=figure,
        tracking=tracking,
        meetings=meetings,
        form=form,
        mine=mine,
        owner=db.session.get(User, account.owner_id),
        steps=funnel.stages(),
        confirm=ConfirmForm(),
        move=_move_suggestion(account, meetings) if mine else None,
        **_common(),
    )


@bp.post("/<id:account_id>/delete")
def delete_account(account_id):
    account = access.account_for(account_id, write=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    db.session.delete(account)
    db.session.commit()
    flash(_("The account and all its contacts, estimates and meetings are deleted."))
    return redirect(url_for(".index"))


@bp.route("/<id:account_id>/contacts/new", methods=["GET", "POST"])
def new_contact(account_id):
    account = access.account_for(account_id, write=True)
    form = ContactForm()
    if len(account.contacts) >= capacity.MAX_CONTACTS_PER_ACCOUNT:
        flash(
            _(
                "This account already holds %(max)d contacts, the most an account can hold.",
                max=capacity.MAX_CONTACTS_PER_ACCOUNT,
            )
        )
        return redirect(url_for(".account", account_id=account.id))
    if form.validate_on_submit():
        contact = Contact(account_id=account.id)
        _fill_contact(contact, form)
        db.session.add(contact)
        db.session.commit()
        return redirect(url_for(".contact", contact_id=contact.id))
    return render_template(
        "selling/contact_form.html",
        account=account,
        form=form,
        contact=None,
        negotiation_q=negotiation.load().questions,
    )


def _fill_contact(contact, form):
    for field in ("name", "title", "level", "role", "guide", "relationship", "notes"):
        setattr(contact, field, (getattr(form, field).data or "").strip())
    contact.reads_situation = TRISTATE[form.reads_situation.data]
    contact.integrity = TRISTATE[form.integrity.data]


def _tristate_key(value):
    return {v: k for k, v in TRISTATE.items()}[value]


@bp.route("/contacts/<id:contact_id>/edit", methods=["GET", "POST"])
def edit_contact(contact_id):
    contact = access.contact_for(contact_id, write=True)
    form = ContactForm(obj=contact)
    if request.method == "GET":
        form.reads_situation.data = _tristate_key(contact.reads_situation)
        form.integrity.data = _tristate_key(contact.integrity)
    if form.validate_on_submit():
        _fill_contact(contact, form)
        db.session.commit()
        flash(_("Saved."))
        return redirect(url_for(".contact", contact_id=contact.id))
    return render_template(
        "selling/contact_form.html",
        account=contact.account,
        form=form,
        contact=contact,
        negotiation_q=negotiation.load().questions,
    )


@bp.post("/contacts/<id:contact_id>/delete")
def delete_contact(contact_id):
    contact = access.contact_for(contact_id, write=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    account_id = contact.account_id
    db.session.delete(contact)
    db.session.commit()
    flash(_("The contact and all their history are deleted."))
    return redirect(url_for(".account", account_id=account_id))


@bp.get("/contacts/<id:contact_id>")
def contact(contact_id):
    contact = access.contact_for(contact_id)
    latest = contact.estimates[0] if contact.estimates else None
    figure = None
    if latest:
        figure = charts.radar(
            [Series(contact.name, latest.counts, PALETTE[0], fill=True)],
            content_lang(),
            _("Estimated profile"),
        )
    mine = contact.account.owner_id == current_user.id
    return render_template(
        "selling/contact.html",
        contact=contact,
        latest=latest,
        figure=figure,
        mine=mine,
        confirm=ConfirmForm(),
        counterpart=negotiation.place(contact.reads_situation, contact.integrity),
        negotiation=negotiation.load(),
        move=_move_suggestion(contact.account) if mine else None,
        **_common(),
    )


@bp.route("/contacts/<id:contact_id>/estimate", methods=["GET", "POST"])
def estimate(contact_id):
    contact = access.contact_for(contact_id, write=request.method == "POST")
    catalogue = cues.load()
    latest = contact.estimates[0] if contact.estimates else None
    form = estimate_form(catalogue, content_lang(), latest.cues if latest else ())
    if form.validate_on_submit():
        commands.add_estimate(contact, dict.fromkeys(form.cues.data))
        db.session.commit()
        flash(_("Estimate saved. Revise it whenever you learn more."))
        return redirect(url_for(".contact", contact_id=contact.id))
    groups = {}
    for option, cue in zip(form.cues, catalogue, strict=True):
        groups.setdefault(cue.kind, []).append(option)
    explained = {c.id for c in catalogue if contact.role in c.explained_by}
    return render_template(
        "selling/estimate.html",
        contact=contact,
        form=form,
        groups=groups,
        latest=latest,
        explained=explained,
        **_common(),
    )


@bp.get("/contacts/<id:contact_id>/brief")
def brief(contact_id):
    contact = access.contact_for(contact_id)
    latest = contact.estimates[0] if contact.estimates else None
    owner_id = contact.account.owner_id
    mine = owner_id == current_user.id
    # A coach reading a rep's brief sees only a profile the rep shared with the team.
    own = latest_own(owner_id) if mine else latest_visible_to(current_user.id, owner_id)
    context = {
        "contact": contact,
        "latest": latest,
        "own": own,
        "mine": mine,
        # whose brief a coach is reading: "you" on the page means this rep
        "rep": None if mine else db.session.get(User, owner_id),
        **_common(),
    }
    if latest:
        reading = latest.reading
        context.update(
            reading=reading,
            gap=compare(own.counts, reading.counts) if own else None,
        )
    context["body"] = _brief_body(contact, latest)
    return render_template("selling/brief.html", **context)


def _brief_body(contact, latest):
    """The brief's sections that depend only on the estimate, the contact's role and
    negotiation answers, and the language: rendered once, then kept (pagecache.py).

    The estimate's id and time name it for good, even where a deleted row's id is
    reused; the rep's profile and name stay outside, in the uncached part.
    """
    lang = content_lang()
    counterpart = negotiation.place(contact.reads_situation, contact.integrity)
    stamp = f"{latest.id}:{latest.created_at.isoformat()}" if latest else "none"
    key = f"brief:{stamp}:{contact.role}:{counterpart}:{lang}"

    def render():
        context = {"latest": latest, "contact": contact, **_common()}
        context.update(counterpart=counterpart, negotiation=negotiation.load())
        if latest:
            reading = latest.reading
            context.update(
                reading=reading,
                stops=walk(reading.counts, reading.codes),
                factors=factors.weigh_buyer(reading),
                table=factors.load(),
                watch=cues.cues_to_watch(reading, latest.cues),
            )
        return {"body": render_template("selling/_brief_body.html", **context)}

    return pagecache.fetch(key, render)["body"]


@bp.route("/contacts/<id:contact_id>/pitch", methods=["GET", "POST"])
@reads_only
def pitch_check(contact_id):
    """Reading a draft saves nothing, so a reading coach may use it too."""
    contact = access.contact_for(contact_id)
    form = PitchForm()
    latest = contact.estimates[0] if contact.estimates else None
    result = stops = None
    if form.validate_on_submit():
        result = pitch.check(form.text.data)
        if latest:
            stops = walk(latest.reading.counts, latest.reading.codes)
    return render_template(
        "selling/pitch.html",
        contact=contact,
        form=form,
        result=result,
        latest=latest,
        stops=stops,
        **_common(),
    )


@bp.route("/contacts/<id:contact_id>/meetings/new", methods=["GET", "POST"])
def new_meeting(contact_id):
    contact = access.contact_for(contact_id, write=True)
    account = contact.account
    form = MeetingForm(small_sale=account.small_sale)
    form.advances.choices = [] if account.small_sale else _advance_choices()
    if form.validate_on_submit():
        db.session.add(
            Meeting(
                contact_id=contact.id,
                held_on=form.held_on.data,
                outcome=form.outcome.data,
                customer_action=(form.customer_action.data or "").strip(),
                advances=list(form.advances.data),
                notes=(form.notes.data or "").strip(),
                funnel_step=account.funnel_step,
            )
        )
        db.session.commit()
        flash(_("Meeting logged."))
        return redirect(url_for(".contact", contact_id=contact.id, _anchor="timeline"))
    return render_template(
        "selling/meeting_form.html",
        contact=contact,
        form=form,
        meetings_text=outcomes.load(),
        **_common(),
    )


@bp.post("/meetings/<id:meeting_id>/move-on")
def move_on(meeting_id):
    """Move the account one funnel step on: the rep's click on an advance's suggestion."""
    meeting = access.meeting_for(meeting_id, write=True)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    account = meeting.contact.account
    move = funnel.can_move(account.funnel_step, meeting.logged)
    if move is None:
        flash(
            _(
                "Nothing was moved: the account is no longer where this advance found it."
            )
        )
    else:
        account.funnel_step = meeting.moved_to = move.to_step
        db.session.commit()
        name = funnel.stage(move.to_step).name.get(content_lang())
        flash(_("%(account)s is now at %(step)s.", account=account.name, step=name))
    return redirect(url_for(".account", account_id=account.id))


def _advance_choices():
    lang = content_lang()
    return [SelectChoice(a.id, a.text.get(lang)) for a in outcomes.load().advances]


@bp.get("/export.csv")
def export():
    return Response(
        csvio.write(queries.all_contacts_of(current_user.id)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="contacts.csv"'},
    )


def _capacity_errors(rows):
    """Accounts this import would fill beyond MAX_CONTACTS_PER_ACCOUNT, as form errors."""
    existing = queries.contact_counts(current_user.id)
    adding = Counter(row["account"] for row in rows)
    return [
        (
            1,
            _(
                "%(account)s would hold %(n)d contacts; an account holds at most %(max)d.",
                account=name,
                n=total,
                max=capacity.MAX_CONTACTS_PER_ACCOUNT,
            ),
        )
        for name, total in capacity.over_capacity(existing, adding)
    ]


@bp.route("/import", methods=["GET", "POST"])
def import_contacts():
    form = ImportForm()
    errors = []
    if form.validate_on_submit():
        rows, errors = csvio.read(form.file.data.read())
        if not errors:
            errors = _capacity_errors(rows)
        if not errors:
            commands.import_rows(current_user.id, rows)
            flash(_("%(n)d contacts imported.", n=len(rows)))
            return redirect(url_for(".index"))
    return render_template("selling/import.html", form=form, errors=errors)
