"""Instrument versions: each assessment keeps the wording it was answered on."""

import flask_migrate
import pytest
from sqlalchemy import select
from sqlalchemy import text

from accounts.models import User
from assessment import questionnaire
from assessment.models import Assessment
from assessment.models import RoundAnswer
from extensions import db

OLDEST = questionnaire.versions()[0]


def _picks(version, per_round):
    """Ids giving `per_round[q]` picks of quadrant q in every round of `version`."""
    return [
        [
            e.id
            for q, n in per_round.items()
            for e in [e for e in r.elements if e.quadrant == q][:n]
        ]
        for r in questionnaire.load(version)
    ]


def _finished_on(app, email, version, per_round):
    """A finished assessment of the user `email`, answered on `version`."""
    with app.app_context():
        user = db.session.scalar(select(User).filter_by(email=email))
        assessment = Assessment(user_id=user.id, catalogue_version=version)
        for number, picks in enumerate(_picks(version, per_round), start=1):
            assessment.answers.append(RoundAnswer(round_number=number, picks=picks))
        db.session.add(assessment)
        assessment.finish()
        db.session.commit()
        return assessment.id


def test_versions_are_listed_oldest_first_and_the_newest_is_current():
    """2026.1 is kept; new assessments get the newest version."""
    versions = questionnaire.versions()
    assert versions[0] == "2026.1"
    assert questionnaire.version() == versions[-1]
    with pytest.raises(KeyError):
        questionnaire.load("1999.1")


def test_element_ids_are_never_reused_across_versions():
    """An id names one element for good: a new version brings new ids."""
    seen = {}
    for version in questionnaire.versions():
        for r in questionnaire.load(version):
            for e in r.elements:
                assert e.id not in seen, (e.id, seen.get(e.id), version)
                seen[e.id] = version


def test_an_old_assessment_keeps_its_wording_and_scores_the_same(app, client, actions):
    """Report and history of an assessment on the oldest version show that version's words."""
    actions.register()
    old = _finished_on(
        app, "trainee@example.com", OLDEST, {"A": 3, "B": 2, "C": 1, "D": 2}
    )
    new = actions.take_assessment()  # on the newest version, same shape of picks
    old_html = client.get(f"/assessment/{old}/report").get_data(as_text=True)
    new_html = client.get(f"/assessment/{new}/report").get_data(as_text=True)
    for html, version in ((old_html, OLDEST), (new_html, questionnaire.version())):
        assert "1-2-3-2" in html  # 9-6-3-6 on either version
        assert f"Questionnaire version {version}" in html
        picked = _picks(version, {"A": 3, "B": 2, "C": 1, "D": 2})[0]
        labels = {e.id: e.en for e in questionnaire.load(version)[0].elements}
        for element_id in picked:
            assert labels[element_id] in html
    history = client.get("/assessment/history").get_data(as_text=True)
    assert f"version {OLDEST}" in history
    assert f"version {questionnaire.version()}" in history
    with app.app_context():
        stored = db.session.get(Assessment, new)
        assert stored.catalogue_version == questionnaire.version()


def test_an_open_assessment_goes_on_in_its_own_version(app, client, actions):
    """A round of an assessment started on the oldest version offers that version's elements."""
    actions.register()
    with app.app_context():
        user = db.session.scalar(select(User))
        assessment = Assessment(user_id=user.id, catalogue_version=OLDEST)
        db.session.add(assessment)
        db.session.commit()
        assessment_id = assessment.id
    html = client.get(f"/assessment/{assessment_id}/round/1").get_data(as_text=True)
    for e in questionnaire.load(OLDEST)[0].elements:
        assert f'value="{e.id}"' in html
    picks = _picks(OLDEST, {"A": 2, "B": 2, "C": 2, "D": 2})
    for number, round_picks in enumerate(picks, start=1):
        assert actions.answer(assessment_id, number, round_picks).status_code == 302
    actions.post(f"/assessment/{assessment_id}/finish")
    report = client.get(f"/assessment/{assessment_id}/report")
    assert report.status_code == 200
    assert "2-2-2-2" in report.get_data(as_text=True)


def test_migration_relabels_stored_seven_seven_seven_three(app):
    """Upgrading turns a stored 'ABCD' with a quadrant at 3 into 'none', and only that."""
    with app.app_context():
        flask_migrate.downgrade(revision="c153e7bc5651")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO users (id, email, name, password_hash, session_epoch,"
                    " created_at) VALUES (1, 'a@example.com', 'A', 'x', 0, '2026-01-01')"
                )
            )
            for i, (counts, pattern) in enumerate(
                [((7, 7, 7, 3), "ABCD"), ((6, 6, 6, 6), "ABCD"), ((9, 6, 3, 6), "A")],
                start=1,
            ):
                conn.execute(
                    text(
                        "INSERT INTO assessments (id, user_id, catalogue_version, seed,"
                        " started_at, finished_at, count_a, count_b, count_c, count_d,"
                        " pattern) VALUES (:id, 1, '2026.1', 1, '2026-01-01',"
                        " '2026-01-01', :a, :b, :c, :d, :p)"
                    ),
                    dict(zip("abcd", counts, strict=True), id=i, p=pattern),
                )
        flask_migrate.upgrade()
        patterns = db.session.execute(
            text("SELECT id, pattern FROM assessments ORDER BY id")
        ).all()
        assert [tuple(row) for row in patterns] == [(1, "none"), (2, "ABCD"), (3, "A")]
        operator = db.session.execute(text("SELECT is_operator FROM users")).scalar()
        assert not operator  # nobody is an operator after the upgrade
        db.session.remove()
