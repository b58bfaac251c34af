"""`flask instrument report` and `flask users grant-operator / revoke-operator`."""

import functools
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from accounts.language import LOCALES
from accounts.language import content_lang
from accounts.models import User
from assessment import questionnaire
from assessment.vocabulary import QUADRANTS
from extensions import db
from instrument import health
from instrument import queries
from instrument.views import DEMO_NOTE
from instrument.views import FLAGS
from instrument.views import ROUNDS
from instrument.views import UNREADABLE
from instrument.views import below_floor
from instrument.views import retest_below_floor
from instrument.views import write_csv
from security import log_event

instrument_cli = AppGroup("instrument", help="Instrument health (item analysis).")
users_cli = AppGroup("users", help="User accounts and roles.")


def _in_language(command):
    """Add --lang and run the command in that locale (the app's default otherwise):
    outside a request there is no browser or account to choose one."""

    @click.option(
        "--lang",
        type=click.Choice(sorted(LOCALES)),
        default=None,
        help="Language of the output.",
    )
    @functools.wraps(command)
    def run(*args, lang, **kwargs):
        with force_locale(lang or current_app.config["BABEL_DEFAULT_LOCALE"]):
            return command(*args, **kwargs)

    return run


def _percent(x):
    return f"{x * 100:.1f}%"


@instrument_cli.command("report")
@click.option("--version", default=None, help="Only this instrument version.")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write every figure to this CSV file (UTF-8 with BOM).",
)
@_in_language
def report_command(version, csv_path):
    """Flagged elements, quadrant means, consistency and retest, as on the page."""
    if version is not None and version not in questionnaire.versions():
        raise click.ClickException(
            _("No questionnaire version %(version)s.", version=version)
        )
    report = queries.report(version)
    lang = content_lang()
    click.echo(_("Instrument health"))
    if queries.demo_present():
        click.echo(DEMO_NOTE)
    if not report.versions:
        click.echo(_("No finished assessments yet."))
    for v in report.versions:
        click.echo("")
        click.echo(_("Questionnaire version %(version)s", version=v.version))
        click.echo(_("%(n)d finished assessments", n=v.assessments))
        for line in _version_lines(v, lang):
            click.echo("  " + line)
    click.echo("")
    for line in _retest_lines(report.retest):
        click.echo(line)
    if csv_path:
        Path(csv_path).write_text(write_csv(report, lang), encoding="utf-8", newline="")
        click.echo(_("Wrote %(path)s.", path=csv_path))


def _version_lines(v, lang):
    if not v.readable:
        yield str(UNREADABLE)
        return
    if not v.shown:
        yield below_floor(v.assessments)
        return
    if v.flagged:
        yield _("Flagged elements: %(n)d", n=len(v.flagged))
    else:
        yield _("No element is flagged.")
    for r in v.flagged:
        yield "  " + _(
            "[%(flag)s] %(id)s · %(round)s · %(quadrant)s · %(rate)s (%(low)s–%(high)s) · %(text)s",
            flag=FLAGS[r.flag],
            id=r.element.id,
            round=ROUNDS[r.round_number],
            quadrant=r.element.quadrant,
            rate=_percent(r.rate),
            low=_percent(r.low),
            high=_percent(r.high),
            text=r.element.label(lang),
        )
    band = {"low": health.MEAN_LOW, "high": health.MEAN_HIGH}
    outside = [m for m in v.means if m.flagged]
    if not outside:
        yield _("Mean picks per quadrant: all within %(low)s–%(high)s", **band)
    for m in outside:
        yield _(
            "Mean picks per quadrant: %(round)s, %(quadrant)s %(mean).2f, outside %(low)s–%(high)s",
            round=ROUNDS[m.round_number],
            quadrant=m.quadrant,
            mean=m.mean,
            **band,
        )
    yield _(
        "Consistency: %(one)d with 1 of 3 rounds sharing the top quadrant, %(two)d with 2, %(three)d with 3",
        one=v.consistency[1],
        two=v.consistency[2],
        three=v.consistency[3],
    )


def _retest_lines(retest):
    yield _("Retest stability")
    yield "  " + _(
        "%(n)d people answered twice at least %(days)d days apart.",
        n=retest.pairs,
        days=health.RETEST_MIN_DAYS,
    )
    if not retest.shown:
        yield "  " + retest_below_floor()
        return
    for q in QUADRANTS:
        r = retest.correlation[q]
        yield "  " + _(
            "%(quadrant)s: correlation %(r)s, mean change %(change).1f picks",
            quadrant=q,
            r="–" if r is None else format(r, ".2f"),
            change=retest.mean_change[q],
        )
    yield "  " + _(
        "Published anchor (HBDI), quadrant A: %(r).2f", r=health.HBDI_RETEST_A
    )
    yield "  " + _(
        "Same pattern on retest: %(share)s of people.",
        share=_percent(retest.same_pattern),
    )


def _set_operator(email, value):
    email = email.strip().lower()
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        raise click.ClickException(
            _("No account with the email %(email)s.", email=email)
        )
    user.is_operator = value
    db.session.commit()
    log_event("operator_granted" if value else "operator_revoked", email=email)
    return email


@users_cli.command("grant-operator")
@click.argument("email")
@_in_language
def grant_operator_command(email):
    """Let EMAIL read instrument health across all users (the operator role)."""
    email = _set_operator(email, True)
    click.echo(
        _("%(email)s is now an operator and can open instrument health.", email=email)
    )


@users_cli.command("revoke-operator")
@click.argument("email")
@_in_language
def revoke_operator_command(email):
    """Take the operator role from EMAIL."""
    email = _set_operator(email, False)
    click.echo(_("%(email)s is no longer an operator.", email=email))


def init_app(app):
    app.cli.add_command(instrument_cli)
    app.cli.add_command(users_cli)
