"""The instrument health page and its CSV, for operators only."""

import itertools

from flask import Blueprint
from flask import Response
from flask import abort
from flask import render_template
from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_login import login_required

from accounts.language import content_lang
from assessment import questionnaire
from assessment.content import quadrants
from assessment.vocabulary import QUADRANTS
from instrument import health
from instrument import queries
from security import deny
from spreadsheets import csv_text

bp = Blueprint("instrument", __name__, url_prefix="/instrument")

FLAGS = {health.RARE: _l("rarely picked"), health.OFTEN: _l("very often picked")}
ROUNDS = {1: _l("Round 1"), 2: _l("Round 2"), 3: _l("Round 3")}
DEMO_NOTE = _l(
    "Demo data (from seed-demo) is answered at random, so its pick rates are flat "
    "and say nothing about the elements."
)
UNREADABLE = _l(
    "The element list of this version cannot be read, so it shows no figures."
)


def below_floor(assessments):
    """What a version below the privacy floor shows instead of figures."""
    return _(
        "No figures yet: this version has %(n)d finished assessments and %(needed)d "
        "are needed. Below that, figures could point at individual people and are "
        "too uncertain to act on.",
        n=assessments,
        needed=health.MIN_ASSESSMENTS,
    )


def retest_below_floor():
    """What the retest part shows with too few pairs."""
    return _(
        "No retest figures yet: %(needed)d people who answered twice are needed.",
        needed=health.MIN_RETEST_PAIRS,
    )


@bp.before_request
@login_required
def _operators_only():
    """Only the people who run the installation read this; to anyone else it does not exist."""
    if not current_user.is_operator:
        deny("instrument_health")


def _version_asked():
    """The ?version= asked for, or None for all; an unknown version is not found."""
    version = request.args.get("version") or None
    if version is not None and version not in questionnaire.versions():
        abort(404)
    return version


@bp.get("/health")
def page():
    report = queries.report(_version_asked())
    return render_template(
        "instrument/health.html",
        report=report,
        demo=queries.demo_present(),
        flags=FLAGS,
        round_names=ROUNDS,
        notes={"demo": DEMO_NOTE, "unreadable": UNREADABLE},
        below_floor=below_floor,
        retest_below_floor=retest_below_floor,
        quadrants=quadrants(),
        health=health,
        confidence=_level(),
    )


@bp.get("/health.csv")
def export():
    version = _version_asked()
    filename = f"instrument-health-{version or 'all'}.csv"
    return Response(
        write_csv(queries.report(version), content_lang()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def write_csv(report: health.Report, lang: str) -> str:
    """The report's figures as CSV text with a BOM (for Excel).

    Labels follow the current locale, element texts `lang`; a version below the
    privacy floor gives its count only, as on the page.
    """
    header = [
        _("Figure"),
        _("Version"),
        _("Round"),
        _("Quadrant"),
        _("Element"),
        _("Text"),
        _("Count"),
        _("Value"),
        _("Lower bound, %(level)s", level=_level()),
        _("Upper bound, %(level)s", level=_level()),
        _("Flag"),
    ]
    versions = (row for v in report.versions for row in _version_rows(v, lang))
    return csv_text(header, itertools.chain(versions, _retest_rows(report.retest)))


def _level():
    """The confidence of the intervals, e.g. '95%'."""
    return f"{health.CONFIDENCE:.0%}"


def _row(
    figure,
    version="",
    *,
    round_="",
    quadrant="",
    element="",
    text="",
    count="",
    value=None,
    low=None,
    high=None,
    flag="",
):
    """One CSV line, numbers with four decimals (csv_text makes texts safe)."""

    def number(x):
        return "" if x is None else f"{x:.4f}"

    return [
        figure,
        version,
        round_,
        quadrant,
        element,
        text,
        count,
        number(value),
        number(low),
        number(high),
        flag,
    ]


def _version_rows(v, lang):
    needed = _("%(needed)d needed", needed=health.MIN_ASSESSMENTS)
    yield _row(
        _("Finished assessments"),
        v.version,
        count=v.assessments,
        flag="" if v.shown else needed,
    )
    for r in v.elements:
        yield _row(
            _("Pick rate"),
            v.version,
            round_=r.round_number,
            quadrant=r.element.quadrant,
            element=r.element.id,
            text=r.element.label(lang),
            count=r.picks,
            value=r.rate,
            low=r.low,
            high=r.high,
            flag=FLAGS[r.flag] if r.flag else "",
        )
    outside = _("outside %(low)s–%(high)s", low=health.MEAN_LOW, high=health.MEAN_HIGH)
    for m in v.means:
        yield _row(
            _("Mean picks per quadrant"),
            v.version,
            round_=m.round_number,
            quadrant=m.quadrant,
            value=m.mean,
            flag=outside if m.flagged else "",
        )
    for level, count in v.consistency.items():
        yield _row(
            _("Consistency"),
            v.version,
            text=_("%(n)d of 3 rounds share the top quadrant", n=level),
            count=count,
            value=count / v.assessments,
        )


def _retest_rows(retest):
    needed = _("%(needed)d needed", needed=health.MIN_RETEST_PAIRS)
    yield _row(
        _("Retest pairs"), count=retest.pairs, flag="" if retest.shown else needed
    )
    if not retest.shown:
        return
    for q in QUADRANTS:
        yield _row(
            _("Retest correlation"),
            quadrant=q,
            count=retest.pairs,
            value=retest.correlation[q],
        )
        yield _row(
            _("Mean absolute change on retest"),
            quadrant=q,
            count=retest.pairs,
            value=retest.mean_change[q],
        )
    yield _row(
        _("Same pattern on retest"), count=retest.pairs, value=retest.same_pattern
    )
    yield _row(
        _("Published anchor: HBDI retest correlation"),
        quadrant="A",
        value=health.HBDI_RETEST_A,
    )
