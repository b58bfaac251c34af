"""Demo data: a coach with a team of members who already have profiles.

Members answer at random (picks stored per round, on the newest instrument
version), so their profiles are realistic and their pick rates are flat.

Used by `flask seed-demo` for a first look, by the benchmark and by the tests
that need large teams; rows are inserted in bulk, so 10,000 members take seconds.
People are named in the language the demo is made for (`--lang`): Chinese names
from common surnames and given-name characters, or English first and last names,
always the same for the same position in the team.
"""

import random
from collections import Counter
from datetime import timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import insert
from sqlalchemy import select

from accounts.models import User
from accounts.passwords import UNUSABLE
from assessment.models import Assessment
from assessment.models import RoundAnswer
from assessment.questionnaire import PICKS_PER_ROUND
from assessment.questionnaire import QUADRANTS
from assessment.questionnaire import load
from assessment.questionnaire import version
from assessment.vocabulary import pattern_of
from coaching.models import Membership
from coaching.models import Team
from coaching.models import TeamCoach
from database import utcnow
from extensions import db

LANGS = ("en", "zh_CN")
# 40 common surnames x 20 x 20 given-name characters: 16,000 different names.
ZH_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
)
ZH_GIVEN_FIRST = "子梓浩宇欣佳晓志建文思雨嘉俊明海天若一可"
ZH_GIVEN_SECOND = "涵轩然怡婷杰豪华强东远琪宁萱辰阳悦诚航静"
# 50 x 50 English names; past 2,500 a middle initial keeps them apart.
EN_FIRST = (
    "Olivia Liam Emma Noah Ava Oliver Sophia James Isabella Lucas Mia Henry "
    "Amelia Daniel Grace Samuel Chloe David Ella Joseph Lily Thomas Hannah "
    "Benjamin Zoe Matthew Nora Andrew Ruby Jack Alice Ryan Clara Adam Maya "
    "Owen Leah Ethan Sarah Nathan Laura Peter Julia Simon Helen Mark Anna "
    "Paul Rachel Victor"
).split()
EN_LAST = (
    "Smith Brown Taylor Wilson Clarke Walker Wright Green Hall Wood Harris "
    "Lewis Young King Turner Hill Baker Cooper Ward Morgan Evans Bennett "
    "Parker Hughes Carter Mitchell Reed Foster Ellis Shaw Grant Porter Hayes "
    "Fisher Lawson Palmer Russell Barker Webb Holmes Fleming Owens Quinn "
    "Marsh Doyle Reid Chapman Burke Lane Nolan"
).split()
# Strides coprime to the number of names spread neighbours across the lists.
_ZH_STRIDE, _EN_STRIDE = 9973, 1013


def member_name(i, lang="en"):
    """The demo name of the team's i-th member: the same i gives the same name.

    Chinese: surname + two given-name characters, 16,000 different names.
    English: first and last name, 2,500 different, then with a middle initial.
    """
    if lang == "zh_CN":
        size = len(ZH_SURNAMES) * len(ZH_GIVEN_FIRST) * len(ZH_GIVEN_SECOND)
        n = i * _ZH_STRIDE % size
        second, n = ZH_GIVEN_SECOND[n % len(ZH_GIVEN_SECOND)], n // len(ZH_GIVEN_SECOND)
        first, n = ZH_GIVEN_FIRST[n % len(ZH_GIVEN_FIRST)], n // len(ZH_GIVEN_FIRST)
        return ZH_SURNAMES[n] + first + second
    size = len(EN_FIRST) * len(EN_LAST)
    n, cycle = i * _EN_STRIDE % size, i // size
    first, last = EN_FIRST[n % len(EN_FIRST)], EN_LAST[n // len(EN_FIRST)]
    initial = f" {chr(ord('A') + (cycle - 1) % 26)}." if cycle else ""
    return f"{first}{initial} {last}"


def gen_picks(rng, rounds):
    """Three rounds of random picks, 8 of each round's 32 elements, and their counts.

    Random answers: every element is equally likely, so pick rates come out flat.
    """
    quadrant_of = {e.id: e.quadrant for r in rounds for e in r.elements}
    picks = [[e.id for e in rng.sample(r.elements, PICKS_PER_ROUND)] for r in rounds]
    counts = Counter(quadrant_of[i] for round_picks in picks for i in round_picks)
    return picks, {q: counts[q] for q in QUADRANTS}


def gen_team(size, coach_email="coach@example.com", seed=1, profiled=0.9, lang="en"):
    """A team with one coach and `size` members, most with a finished assessment.

    People and the team are named in `lang` ('en' or 'zh_CN'). Call inside an
    app context. Returns (team id, coach id).
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    now = utcnow()
    zh = lang == "zh_CN"
    coach_name = "演示教练" if zh else "Demo Coach"
    coach = User(email=coach_email, name=coach_name, password_hash=UNUSABLE)
    team = Team(name=f"演示团队（{size} 人）" if zh else f"Team of {size}")
    db.session.add_all([coach, team])
    db.session.flush()
    db.session.add(TeamCoach(team_id=team.id, user_id=coach.id))
    users = [
        {
            "email": f"m{team.id}-{i}@example.com",
            "name": member_name(i, lang),
            "password_hash": UNUSABLE,
            "created_at": now,
        }
        for i in range(size)
    ]
    db.session.execute(insert(User), users)
    member_ids = db.session.scalars(
        select(User.id).where(User.email.like(f"m{team.id}-%")).order_by(User.id)
    ).all()
    joined = now - timedelta(days=30)
    db.session.execute(
        insert(Membership),
        [
            {"team_id": team.id, "user_id": uid, "joined_at": joined}
            for uid in member_ids
        ],
    )
    rounds = load()
    assessments, answers = [], []
    for uid in member_ids:
        if rng.random() >= profiled:
            continue
        picks, counts = gen_picks(rng, rounds)
        finished = joined + timedelta(days=rng.randint(1, 29))
        assessments.append(
            {
                "user_id": uid,
                "catalogue_version": version(),
                "seed": 1,
                "started_at": finished,
                "finished_at": finished,
                "count_a": counts["A"],
                "count_b": counts["B"],
                "count_c": counts["C"],
                "count_d": counts["D"],
                "pattern": pattern_of(counts),
            }
        )
        answers.append((picks, finished))
    if assessments:
        # One bulk INSERT each for assessments and their rounds, however many members.
        ids = db.session.scalars(
            insert(Assessment).returning(Assessment.id, sort_by_parameter_order=True),
            assessments,
        ).all()
        db.session.execute(
            insert(RoundAnswer),
            [
                {
                    "assessment_id": aid,
                    "round_number": number,
                    "picks": round_picks,
                    "saved_at": finished,
                }
                for aid, (picks, finished) in zip(ids, answers, strict=True)
                for number, round_picks in enumerate(picks, start=1)
            ],
        )
    db.session.commit()
    return team.id, coach.id


@click.command("seed-demo")
@with_appcontext
@click.option("--members", default=12, show_default=True, help="How many team members.")
@click.option("--email", default="coach@example.com", show_default=True)
@click.option("--password", default="demo-password", show_default=True)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default="en",
    show_default=True,
    help="The language people and the team are named in.",
)
def seed_demo_command(members, email, password, lang):
    """Make a demo coach (who can log in) with a team of members who have profiles."""
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise click.ClickException(f"{email} exists already")
    team_id, coach_id = gen_team(members, coach_email=email, lang=lang)
    coach = db.session.get(User, coach_id)
    coach.set_password(password)
    db.session.commit()
    click.echo(f"Team {team_id} with {members} members; log in as {email} / {password}")


def init_app(app):
    app.cli.add_command(seed_demo_command)
