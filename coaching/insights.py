"""What a team adds up to: the team page (the coaches' and the members'), the
pair view, the printable report and the CSV export. Thin views: parse, call
`queries` and the pure core, render."""

from flask import Response
from flask import abort
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import ConfirmForm
from accounts.language import content_lang
from accounts.language import join_list
from assessment import charts
from assessment.charts import PALETTE
from assessment.charts import Series
from assessment.content import quadrants
from coaching import access
from coaching import content
from coaching import queries
from coaching import rules
from coaching.blueprint import bp
from coaching.blueprint import content_context
from coaching.composite import compose
from coaching.composite import compose_groups
from coaching.forms import InviteForm
from coaching.pairs import pair
from database import row_id
from database import utcnow
from security import log_event
from spreadsheets import csv_text

# Past this many profiles on one page, member traces start hidden (click the legend).
SHOWN_TRACES = 8
# The latest mailed invitations on the team page; the email page lists 200.
MAILED_SHOWN = 20


@bp.get("/<id:team_id>")
def team(team_id):
    team, role = access.team_for(team_id, current_user.id, "coach", "member")
    size, groups = queries.team_groups(team_id)
    composite = compose_groups(size, groups)
    coaches = queries.coaches_of(team_id)
    if role == "member":
        return _members_view(team, composite, coaches)
    page = queries.member_page(team_id, **_table_query(request.args), size=size)
    active, past = queries.invite_rows(team_id, {c.id for c in coaches}, utcnow())
    return render_template(
        "coaching/team.html",
        **content_context(composite),
        team=team,
        page=page,
        args=request.args,
        link=_table_link(team_id),
        figure=_team_radar(composite, page.rows),
        invites=active,
        past_invites=past,
        sent=queries.mailed_invites(team_id, listed=MAILED_SHOWN),
        invite_form=InviteForm(),
        form=ConfirmForm(),
        coaches=coaches,
    )


def _members_view(team, composite, coaches):
    """The team as a member sees it: the map without names, once the team is big enough."""
    shown = rules.for_members(composite)
    return render_template(
        "coaching/team_member.html",
        **content_context(shown),
        team=team,
        figure=shown and _team_radar(shown, []),
        coaches=coaches,
        form=ConfirmForm(),
        still_needed=rules.still_needed(composite.profiled),
        min_profiled=rules.MIN_PROFILED,
    )


def _compose(rows):
    return compose(len(rows), ((r.counts, r.pattern) for r in rows if r.counts))


def _table_query(args):
    """The member table's sort, filters and page, from the query string."""
    return {
        "sort": args.get("sort", "name"),
        "descending": args.get("order") == "desc",
        "pattern": args.get("pattern", ""),
        "status": args.get("status", ""),
        "text": args.get("q", ""),
        "page": args.get("page", 1, type=int),
    }


def _team_radar(composite, rows):
    """The team average, plus the profiled members among `rows`."""
    average = Series(_("Team average"), composite.average, "#222222", fill=True)
    profiled = [r for r in rows if r.counts]
    series = [average] + [
        Series(
            r.name,
            r.counts,
            PALETTE[i % len(PALETTE)],
            shown=len(profiled) <= SHOWN_TRACES,
        )
        for i, r in enumerate(profiled)
    ]
    return charts.radar(series, content_lang(), _("The team's whole-brain map"))


# The query keys of the member table. Only these go back into its links: any
# other key (`_anchor`, `team_id`...) would reach url_for as an argument.
TABLE_KEYS = ("q", "pattern", "status", "sort", "order", "page")


def _table_link(team_id):
    """Build the member table's links: the current filters with some changed."""

    def link(**changes):
        params = {**request.args.to_dict(), **changes}
        kept = {k: params[k] for k in TABLE_KEYS if params.get(k) not in ("", None)}
        return url_for(".team", team_id=team_id, **kept, _anchor="members")

    return link


@bp.get("/<id:team_id>/pair")
def pair_view(team_id):
    """Two people side by side: coach picks any two; a member pairs themself with a coach."""
    team, role = access.team_for(team_id, current_user.id, "coach", "member")
    names, coach_ids, visible = _pair_people(team_id, role)
    me = current_user.id
    first_id = me if role == "member" else request.args.get("a", type=row_id)
    second_id = request.args.get("b", type=row_id)
    choice = rules.pair_choice(role, first_id, second_id, coach_ids, set(visible))
    if choice == "refuse":
        abort(404)
    context = {
        "team": team,
        "role": role,
        "first_id": first_id,
        "second_id": second_id,
        "choices": sorted(names.items(), key=lambda item: item[1].casefold()),
        "coach_ids": coach_ids,
        "quadrants": quadrants(),
        "coaching": content.load(),
    }
    if choice == "compare":
        context.update(_comparison((first_id, second_id), names, visible))
    return render_template("coaching/pair.html", **context)


def _pair_people(team_id, role):
    """Who the pair page may name (id -> name), the coaches' ids, and the members'
    latest profiles the coaches may see (for a coach; a member sees only themself)."""
    coaches = queries.coaches_of(team_id)
    names = {c.id: c.name for c in coaches}
    coach_ids = {c.id for c in coaches}
    if role == "member":
        return names | {current_user.id: current_user.name}, coach_ids, {}
    members = queries.member_rows(team_id)
    names |= {r.user_id: r.name for r in members}
    return names, coach_ids, {r.user_id: r.counts for r in members}


def _comparison(ids, names, visible):
    """What the pair page shows for two people: their profiles, gap and radar.

    A member's profile is the latest the coaches may see; a coach's is their own.
    """
    profiles = [visible[i] if i in visible else _own_counts(i) for i in ids]
    context = {
        "names": [names[i] for i in ids],
        "profiles": profiles,
        "missing": [names[i] for i, p in zip(ids, profiles, strict=True) if not p],
    }
    if all(profiles):
        lang = content_lang()
        comparison = context["comparison"] = pair(*profiles)
        context["widest"] = join_list(
            quadrants()[q].name.get(lang) for q in comparison.widest
        )
        series = [
            Series(names[i], p, c, fill=True)
            for i, p, c in zip(ids, profiles, PALETTE, strict=False)
        ]
        context["figure"] = charts.radar(series, lang, _("Both profiles"))
    return context


def _own_counts(user_id):
    latest = queries.latest_own(user_id)
    return latest.counts if latest else None


@bp.get("/<id:team_id>/export.csv")
def export(team_id):
    team, _role = access.team_for(team_id, current_user.id, "coach")
    log_event("export", format="team_csv", team=team_id)
    return Response(
        _team_csv(queries.member_rows(team_id)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="team-{team.id}.csv"'},
    )


def _team_csv(rows):
    header = [
        _("Name"),
        _("Email"),
        _("Joined"),
        _("Latest assessment"),
        "A",
        "B",
        "C",
        "D",
        _("Preference code"),
        _("Pattern"),
    ]  # fmt: skip - the columns as the file shows them
    return csv_text(
        header,
        (
            [
                r.name,
                r.email,
                r.joined_at.date().isoformat(),
                r.finished_at.date().isoformat() if r.finished_at else "",
                *((r.counts or {}).get(q, "") for q in "ABCD"),
                r.code or "",
                r.pattern or "",
            ]  # fmt: skip - one row as the header reads
            for r in rows
        ),
    )


@bp.get("/<id:team_id>/report")
def report(team_id):
    team, _role = access.team_for(team_id, current_user.id, "coach")
    rows = queries.member_rows(team_id)
    composite = _compose(rows)
    return render_template(
        "coaching/report.html",
        **content_context(composite),
        team=team,
        rows=rows,
        figure=_team_radar(composite, []),
        coaches=queries.coaches_of(team_id),
    )
