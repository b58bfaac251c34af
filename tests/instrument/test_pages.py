"""The instrument health page, its CSV and CLI, and who may open them."""

import html
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from flask_babel import gettext
from sqlalchemy import insert
from sqlalchemy import select

from accounts.models import User
from assessment import questionnaire
from assessment.models import Assessment
from assessment.models import RoundAnswer
from assessment.questionnaire import QUADRANTS
from assessment.questionnaire import Element
from assessment.scoring import score
from assessment.text import Text
from database import utcnow
from extensions import db
from instrument import health
from instrument.views import write_csv
from tests.conftest import Actions
from tests.helpers import count_queries
from tests.instrument import gen_picks

BOM = "\ufeff"
# On a version with no catalogue file (say, one since withdrawn), picks of 2026.1.
WITHDRAWN = "2025.1"


def never_picked():
    """The element the seeded people never pick: the first of round 1, newest version."""
    return questionnaire.load()[0].elements[0]


def _rounds(version):
    known = version in questionnaire.versions()
    return questionnaire.load(version if known else "2026.1")


def seed(
    app,
    people,
    version=None,
    *,
    tag="p",
    retests=0,
    retest_version=None,
    gap_days=health.RETEST_MIN_DAYS,
    mix=None,
):
    """Bulk-insert `people` users with one finished assessment each on `version`
    (the newest by default), none picking `never_picked()`; the first `retests`
    answer again `gap_days` later, on `retest_version` (the same by default).
    `mix` fixes everyone's picks per quadrant in every round (see gen_picks)."""
    version = version or questionnaire.version()
    first_day = utcnow() - timedelta(days=90)
    later = first_day + timedelta(days=gap_days)
    users = [
        {"email": f"{tag}{k}@example.com", "name": f"Person {k}", "password_hash": "x"}
        for k in range(people)
    ]
    with app.app_context():
        user_ids = db.session.scalars(
            insert(User).returning(User.id, sort_by_parameter_order=True), users
        ).all()
        finished = []
        for k, user_id in enumerate(user_ids):
            finished.append(_finished(user_id, k, version, first_day, mix))
            if k < retests:
                again = retest_version or version
                finished.append(_finished(user_id, k, again, later, mix))
        ids = db.session.scalars(
            insert(Assessment).returning(Assessment.id, sort_by_parameter_order=True),
            [row for row, _ in finished],
        ).all()
        answers = [
            {"assessment_id": i, "round_number": n, "picks": picks[n - 1]}
            for i, (_, picks) in zip(ids, finished, strict=True)
            for n in (1, 2, 3)
        ]
        db.session.execute(insert(RoundAnswer), answers)
        db.session.commit()


def _finished(user_id, k, version, day, mix):
    """Person k's finished assessment row on `version`, and the picks behind its counts."""
    rounds = _rounds(version)
    picks = gen_picks(rounds, k, never=(never_picked().id,), mix=mix)
    profile = score(picks, rounds)
    row = {
        "user_id": user_id,
        "catalogue_version": version,
        "seed": 1,
        "started_at": day,
        "finished_at": day,
        "pattern": profile.pattern,
    }
    row.update({f"count_{q.lower()}": profile.counts[q] for q in QUADRANTS})
    return row, picks


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def operator(client, runner):
    """A signed-in client whose account was made operator with the CLI."""
    Actions(client).register(email="op@example.com", name="Olga")
    result = runner.invoke(args=["users", "grant-operator", "op@example.com"])
    assert result.exit_code == 0, result.output
    assert "op@example.com is now an operator" in result.output
    return client


def _flagged_rows(page):
    return re.findall(r'<tr class="flagged">(.*?)</tr>', page, re.S)


def test_page_flags_the_element_nobody_picks(app, operator):
    """40 answers that never pick one element: that element alone shows 'rarely picked'."""
    seed(app, 40)
    response = operator.get("/instrument/health")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "40 finished assessments" in page
    (row,) = _flagged_rows(page)
    assert html.escape(never_picked().en) in row
    assert "rarely picked" in row and "0.0%" in row
    assert "Round 1" in row
    assert "Demo data" not in page  # no seed-demo members here


def test_cli_report_flags_the_same_element(app, runner):
    """`flask instrument report` names the rarely picked element with its text."""
    seed(app, 40)
    result = runner.invoke(args=["instrument", "report"])
    assert result.exit_code == 0, result.output
    element = never_picked()
    assert f"[rarely picked] {element.id}" in result.output
    assert element.en in result.output
    assert "Flagged elements: 1" in result.output
    assert (
        "Consistency: 0 with 1 of 3 rounds sharing the top quadrant, 0 with 2, 40 with 3"
        in result.output
    )
    assert "40 finished assessments" in result.output


def test_cli_writes_the_csv_and_refuses_an_unknown_version(app, runner, tmp_path):
    """--csv writes UTF-8 with a BOM and the flagged element; --version must exist."""
    seed(app, 40)
    path = tmp_path / "health.csv"
    result = runner.invoke(args=["instrument", "report", "--csv", str(path)])
    assert result.exit_code == 0, result.output
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(BOM)
    assert f"{never_picked().id},{never_picked().en},0,0.0000" in text
    assert "rarely picked" in text
    wrong = runner.invoke(args=["instrument", "report", "--version", "1999.1"])
    assert wrong.exit_code != 0 and "No questionnaire version 1999.1" in wrong.output


def test_cli_report_shows_skewed_rounds_and_the_retest(app, runner):
    """A round that draws 4 A picks from everyone is named; 20 retests give the figures."""
    seed(app, 30, retests=20, mix={"A": 4, "B": 2, "C": 1, "D": 1})
    result = runner.invoke(args=["instrument", "report"])
    assert result.exit_code == 0, result.output
    assert "Mean picks per quadrant: Round 2, A 4.00, outside 1.5–2.5" in result.output
    assert "20 people answered twice at least 14 days apart." in result.output
    # Everyone gave the same counts twice: no spread, so no correlation to speak of.
    assert "A: correlation –, mean change 0.0 picks" in result.output
    assert "Published anchor (HBDI), quadrant A: 0.86" in result.output
    assert "Same pattern on retest: 100.0% of people." in result.output


def test_page_marks_a_skewed_round(app, operator):
    """Quadrant means outside 1.5–2.5 carry a warning on the page."""
    seed(app, 30, mix={"A": 4, "B": 2, "C": 1, "D": 1})
    page = operator.get("/instrument/health").get_data(as_text=True)
    assert page.count('4.00 <span class="tag warn">outside 1.5–2.5</span>') == 3
    assert page.count('1.00 <span class="tag warn">outside 1.5–2.5</span>') == 6


def test_29_assessments_show_no_figures(app, operator):
    """Below the privacy floor the page says how many there are and that 30 are needed."""
    seed(app, 29)
    page = operator.get("/instrument/health").get_data(as_text=True)
    assert "this version has 29 finished assessments and 30 are needed" in page
    assert "Pick rate of every element" not in page
    assert html.escape(never_picked().en) not in page
    assert "rarely picked" not in page
    csv_text = operator.get("/instrument/health.csv").get_data(as_text=True)
    assert "Pick rate" not in csv_text and "30 needed" in csv_text


@pytest.mark.parametrize(("pairs", "shown"), [(19, False), (20, True)])
def test_retest_part_needs_20_pairs(app, operator, pairs, shown):
    """The retest figures appear with 20 people who answered twice 14+ days apart, not 19."""
    seed(app, 40, retests=pairs)
    page = operator.get("/instrument/health").get_data(as_text=True)
    assert f"on any version: {pairs}." in page
    assert ("Correlation, test and retest" in page) is shown
    assert (
        "No retest figures yet: 20 people who answered twice are needed" in page
    ) is not shown
    if shown:  # the retest repeated the same picks
        assert "Same pattern on retest: 100.0% of people." in page
        assert "0.86" in page  # the published anchor beside it


def test_retakes_sooner_than_14_days_are_no_retest(app, operator):
    """20 people who answered again after 13 days make no pair."""
    seed(app, 40, retests=20, gap_days=13)
    page = operator.get("/instrument/health").get_data(as_text=True)
    assert "on any version: 0." in page and "Correlation, test and retest" not in page


def test_two_versions_and_retests_across_them(app, operator):
    """Answers on two versions: 200, a section for each, and pairs counted across them.

    The second version is the next one when its file exists (2026.2 is being
    written); until then it is a version without a catalogue file, answered
    with 2026.1's elements, which the page lists with its count only.
    """
    newest = questionnaire.version()
    other = next((v for v in questionnaire.versions() if v != newest), WITHDRAWN)
    seed(app, 35, version=other, tag="old", retests=20, retest_version=newest)
    seed(app, 31, version=newest, tag="new")
    response = operator.get("/instrument/health")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        f"Questionnaire version {newest}" in page
        and f"Questionnaire version {other}" in page
    )
    assert "on any version: 20." in page and "Correlation, test and retest" in page
    assert page.index(f"Questionnaire version {newest}") < page.index(
        f"Questionnaire version {other}"
    )
    csv_text = operator.get(f"/instrument/health.csv?version={newest}").get_data(
        as_text=True
    )
    assert f",{newest}," in csv_text and f",{other}," not in csv_text


def test_a_version_without_its_catalogue_shows_its_count_only(app, operator):
    """Answers stored on a version whose file is gone: listed with a note, never a 500."""
    seed(app, 31, version=WITHDRAWN)
    response = operator.get("/instrument/health")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        f"Questionnaire version {WITHDRAWN}" in page
        and "31 finished assessments" in page
    )
    assert "The element list of this version cannot be read" in page
    assert "Pick rate of every element" not in page


def test_signed_out_visitors_are_sent_to_log_in(client):
    """Signed out, the page and the CSV redirect to the log-in page like every private page."""
    for url in ("/instrument/health", "/instrument/health.csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/login" in response.headers["Location"]


def test_only_operators_see_it_and_the_cli_grants_and_revokes(app, client, runner):
    """A signed-in trainee gets 404 and no link; granted, 200 and the link; revoked, 404."""
    Actions(client).register(email="ann@example.com", name="Ann")
    seed(app, 40)
    assert client.get("/instrument/health").status_code == 404
    assert client.get("/instrument/health.csv").status_code == 404
    assert "Instrument health" not in client.get("/").get_data(as_text=True)

    granted = runner.invoke(args=["users", "grant-operator", "Ann@Example.com"])
    assert granted.exit_code == 0, granted.output
    assert client.get("/instrument/health").status_code == 200
    assert 'href="/instrument/health">Instrument health</a>' in client.get(
        "/"
    ).get_data(as_text=True)

    revoked = runner.invoke(args=["users", "revoke-operator", "ann@example.com"])
    assert revoked.exit_code == 0 and "no longer an operator" in revoked.output
    assert client.get("/instrument/health").status_code == 404
    with app.app_context():
        assert (
            db.session.scalar(
                select(User.is_operator).filter_by(email="ann@example.com")
            )
            is False
        )


def test_granting_an_unknown_email_says_so(runner):
    """No account, no operator: the command fails and names the email."""
    result = runner.invoke(args=["users", "grant-operator", "nobody@example.com"])
    assert result.exit_code != 0
    assert "No account with the email nobody@example.com" in result.output


def test_csv_download(app, operator):
    """The CSV opens in Excel (BOM, text/csv, a file name) and lists the flagged element."""
    seed(app, 40)
    version = questionnaire.version()
    response = operator.get(f"/instrument/health.csv?version={version}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert (
        f'filename="instrument-health-{version}.csv"'
        in response.headers["Content-Disposition"]
    )
    text = response.get_data(as_text=True)
    assert text.startswith(BOM)
    (line,) = [row for row in text.splitlines() if f",{never_picked().id}," in row]
    assert line.startswith(f"Pick rate,{version},1,{never_picked().quadrant},")
    assert line.endswith(",rarely picked")
    assert operator.get("/instrument/health.csv?version=nope").status_code == 404


def test_csv_cells_never_start_a_formula(app):
    """An element text starting with '=' is written with a leading apostrophe."""
    element = Element("x-01", "A", Text(zh="=HYPERLINK(1)", en="=HYPERLINK(1)"))
    rate = health.rate_element(element, 1, 0, 30)
    version = health.VersionHealth("2026.1", 30, elements=(rate,))
    report = health.Report((version,), health.Retest(0))
    with app.test_request_context():
        text = write_csv(report, "en")
    assert ",'=HYPERLINK(1)," in text and ",=HYPERLINK" not in text


def test_page_in_chinese(app, operator):
    """With a Chinese browser: zh page, the heading through gettext, element texts in Chinese."""
    seed(app, 40)
    operator.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN,zh;q=0.9"
    page = operator.get("/instrument/health").get_data(as_text=True)
    with app.test_request_context(), force_locale("zh_CN"):
        heading = gettext("Instrument health")
    assert '<html lang="zh-CN">' in page
    assert f"<h1>{html.escape(heading)}</h1>" in page
    (row,) = _flagged_rows(page)
    assert html.escape(never_picked().zh) in row
    assert html.escape(never_picked().en) not in page


def test_seed_demo_stores_picks_and_the_page_says_they_are_random(
    app, operator, runner
):
    """seed-demo stores three rounds of picks matching each stored count; the note appears."""
    result = runner.invoke(
        args=["seed-demo", "--members", "40", "--email", "demo@example.com"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assessments = db.session.scalars(
            select(Assessment).where(Assessment.finished_at.is_not(None))
        ).all()
        assert len(assessments) >= 30
        for a in assessments:
            assert a.catalogue_version == questionnaire.version()
            assert a.profile().counts == a.counts and a.profile().pattern == a.pattern
    page = operator.get("/instrument/health").get_data(as_text=True)
    assert "Demo data (from seed-demo) is answered at random" in page
    assert f"{len(assessments)} finished assessments" in page


def test_queries_do_not_grow_with_the_answers(app, operator):
    """The page and the CSV take as many SQL queries for 350 assessments as for 35."""
    used = {}
    for size, tag in ((35, "s"), (315, "l")):
        seed(app, size, tag=tag)
        with app.app_context():
            engine = db.engine
        for url in ("/instrument/health", "/instrument/health.csv"):
            with count_queries(engine) as statements:
                assert operator.get(url).status_code == 200
            used[size, url] = len(statements)
    assert used[35, "/instrument/health"] == used[315, "/instrument/health"], used
    assert used[35, "/instrument/health.csv"] == used[315, "/instrument/health.csv"], (
        used
    )
