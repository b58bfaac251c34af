"""The database reads of instrument health: three queries, however many assessments."""

from collections import defaultdict

from sqlalchemy import select

from accounts.models import User
from accounts.passwords import UNUSABLE
from assessment.models import Assessment
from assessment.models import RoundAnswer
from assessment.questionnaire import QUADRANTS
from extensions import db
from instrument import health


def finished_answers(version: str | None = None) -> dict[str, list[list[list[str]]]]:
    """The picks of every finished assessment with its three rounds stored, by version.

    One query. Finished assessments without stored picks (demo data seeded
    before seed-demo stored them) have nothing to analyse and are left out.

    :param version: only this instrument version; every version by default.
    """
    query = (
        select(
            Assessment.id,
            Assessment.catalogue_version,
            RoundAnswer.round_number,
            RoundAnswer.picks,
        )
        .join(RoundAnswer, RoundAnswer.assessment_id == Assessment.id)
        .where(Assessment.finished_at.is_not(None))
        .order_by(Assessment.id, RoundAnswer.round_number)
    )
    if version is not None:
        query = query.where(Assessment.catalogue_version == version)
    rounds: dict[int, dict[int, list[str]]] = defaultdict(dict)
    version_of = {}
    for assessment_id, catalogue_version, number, picks in db.session.execute(query):
        rounds[assessment_id][number] = list(picks)
        version_of[assessment_id] = catalogue_version
    answers: dict[str, list[list[list[str]]]] = defaultdict(list)
    for assessment_id, stored in rounds.items():
        if set(stored) == {1, 2, 3}:
            answers[version_of[assessment_id]].append([stored[n] for n in (1, 2, 3)])
    return dict(answers)


def finished_takes() -> list[health.Take]:
    """Every finished assessment's person, date and counts, of any version (one query)."""
    query = (
        select(
            Assessment.user_id,
            Assessment.finished_at,
            Assessment.count_a,
            Assessment.count_b,
            Assessment.count_c,
            Assessment.count_d,
        )
        .where(Assessment.finished_at.is_not(None), Assessment.count_a.is_not(None))
        .order_by(Assessment.user_id, Assessment.finished_at, Assessment.id)
    )
    return [
        health.Take(user_id, finished_at, dict(zip(QUADRANTS, counts, strict=True)))
        for user_id, finished_at, *counts in db.session.execute(query)
    ]


def demo_present() -> bool:
    """Whether any finished assessment belongs to a member made by seed-demo (one query).

    seed-demo marks its members with a password hash no password matches.
    """
    seeded = (
        select(Assessment.id)
        .join(User, User.id == Assessment.user_id)
        .where(User.password_hash == UNUSABLE, Assessment.finished_at.is_not(None))
        .exists()
    )
    return bool(db.session.scalar(select(seeded)))


def report(version: str | None = None) -> health.Report:
    """The health report of every version with answers (or one), and the retest."""
    return health.examine(finished_answers(version), finished_takes())
