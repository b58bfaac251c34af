"""Fixtures shared by every test: an app on a fresh database, clients, actions."""

import atexit
import contextlib
import email
import os
import re
import shutil
import socket
import tempfile
import threading
from email import policy
from functools import cache
from pathlib import Path

import pytest
import redis
from hypothesis import HealthCheck
from hypothesis import settings
from sqlalchemy import text

from app import create_app
from assessment import questionnaire
from extensions import cache as page_store
from extensions import db
from extensions import limiter
from tests.helpers import RedisServer

# CI runs every property and fuzz test with 1,000 examples; locally 100 keep it quick.
settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)

CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)
# Browsers, concurrent processes, fuzzing and scale runs: `pytest -m "not slow"`
# leaves them out for a quick local run; CI and plain `pytest` run everything.
SLOW = ("browser/", "concurrency/", "test_fuzz.py", "test_xss.py", "test_scale.py")


def pytest_collection_modifyitems(items):
    for item in items:
        path = item.path.as_posix()
        if any(f"/tests/{part}" in path or path.endswith(part) for part in SLOW):
            item.add_marker(pytest.mark.slow)


# Fast hashing keeps the suite quick; tests/accounts checks the production default.
FAST_HASH = "pbkdf2:sha256:1000"


def database_url(tmp_path):
    """SQLite in a temp folder, or the server named by TEST_DATABASE_URL (PostgreSQL in CI).

    The SQLite file starts as a copy of one migrated once per run: a copy is a
    third of the cost of running every migration for each test.
    """
    if os.environ.get("TEST_DATABASE_URL"):
        return os.environ["TEST_DATABASE_URL"]
    target = tmp_path / "test.sqlite"
    if not target.exists():
        tmp_path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_migrated_sqlite(), target)
    return f"sqlite:///{target}"


@cache
def _migrated_sqlite():
    folder = Path(tempfile.mkdtemp(prefix="wholebrain-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "test.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "template",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "AUTO_MIGRATE": True,
        },
        instance_path=str(folder),
    )
    with app.app_context():
        db.engine.dispose()
    return path


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
            "PASSWORD_HASH_METHOD": FAST_HASH,
            "AUTO_MIGRATE": True,
            "MAIL_IN_PROCESS_SENDER": False,
            # Team tests join without the mailed link; tests/mail checks the rule.
            "REQUIRE_CONFIRMED_EMAIL": False,
        },
        instance_path=str(tmp_path),
    )
    yield app
    close_database(app)


def close_database(app):
    """Empty a shared database server (and rate-limit store) for the next test."""
    with app.app_context():
        limiter.reset()
        # Rendered pages: ids start again in the next test's database. A store
        # that a test stopped on purpose has nothing to clear.
        with contextlib.suppress(redis.exceptions.ConnectionError):
            page_store.clear()
        db.session.remove()
        if db.engine.dialect.name != "sqlite":
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.engine.dispose()


@pytest.fixture
def make_app(tmp_path):
    """Apps with extra settings, on the test database, always cleaned up."""
    made = []

    def make(**config):
        settings = {
            "TESTING": True,
            "SECRET_KEY": "test",
            "AUTO_MIGRATE": True,
            "MAIL_IN_PROCESS_SENDER": False,
            # Team tests join without the mailed link; tests/mail checks the rule.
            "REQUIRE_CONFIRMED_EMAIL": False,
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path),
            "PASSWORD_HASH_METHOD": FAST_HASH,
            **config,
        }
        made.append(create_app(settings, instance_path=str(tmp_path)))
        return made[-1]

    yield make
    for made_app in made:
        close_database(made_app)  # request `redis_server` first when used together


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One user who coaches a team with a member and owns an account with a contact
    (a fresh one per test module): the fuzz and hostile-query tests walk it."""
    from tests.coaching.conftest import CoachActions
    from tests.selling.conftest import RepActions

    folder = tmp_path_factory.mktemp("fuzz")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "fuzz",
            "SQLALCHEMY_DATABASE_URI": database_url(folder),
            "PASSWORD_HASH_METHOD": FAST_HASH,
            "AUTO_MIGRATE": True,
            "MAIL_IN_PROCESS_SENDER": False,
            # Team tests join without the mailed link; tests/mail checks the rule.
            "REQUIRE_CONFIRMED_EMAIL": False,
            "LOGIN_LIMIT_PER_ACCOUNT": "100000 per minute",
            "LOGIN_LIMIT_PER_ADDRESS": "100000 per minute",
        },
        instance_path=str(folder),
    )
    me = RepActions(app.test_client())
    me.register(email="me@example.com", name="Me")
    team_id = CoachActions.create_team(me)
    code = CoachActions.invite(me, team_id)
    member = CoachActions(app.test_client())
    member.register(email="member@example.com", name="Member")
    member.join(code)
    account_id = me.add_account()
    contact_id = me.add_contact(account_id)
    assessment_id = me.start()
    yield {
        "app": app,
        "me": me,
        "team": team_id,
        "account": account_id,
        "contact": contact_id,
        "assessment": assessment_id,
        "member": 2,
    }
    close_database(app)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client):
    """The CSRF token of this client's session, read from a page like a browser would."""
    match = CSRF.search(client.get("/").get_data(as_text=True))
    return match.group(1) or match.group(2)


class Actions:
    """What a user does, in few words: sign up, log in, answer rounds."""

    def __init__(self, client):
        self.client = client

    def post(self, url, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", csrf_token(self.client))
        return self.client.post(url, data=data, **kwargs)

    def register(
        self, email="trainee@example.com", name="Li Lei", password="correct horse"
    ):
        return self.post(
            "/account/register",
            {"name": name, "email": email, "password": password, "confirm": password},
        )

    def login(self, email="trainee@example.com", password="correct horse"):
        return self.post("/account/login", {"email": email, "password": password})

    def logout(self):
        return self.post("/account/logout")

    def start(self):
        """Start (or resume) an assessment and return its id."""
        response = self.post("/assessment/start")
        return int(
            re.search(r"/assessment/(\d+)", response.headers["Location"]).group(1)
        )

    def answer(self, assessment_id, number, picks):
        return self.post(
            f"/assessment/{assessment_id}/round/{number}", {"picks": list(picks)}
        )

    def take_assessment(self, picks=None):
        """Answer all three rounds and finish; return the assessment id."""
        picks = picks or picks_for({"A": 3, "B": 2, "C": 1, "D": 2})
        assessment_id = self.start()
        for number, round_picks in enumerate(picks, start=1):
            assert self.answer(assessment_id, number, round_picks).status_code == 302
        self.post(f"/assessment/{assessment_id}/finish")
        return assessment_id


@pytest.fixture
def actions(client):
    return Actions(client)


def picks_for(per_round):
    """Picks giving `per_round[q]` elements of quadrant q in each of the three rounds.

    `per_round` may be one dict for all rounds or a list of three.
    """
    rounds = per_round if isinstance(per_round, list) else [per_round] * 3
    picks = []
    for round_, wanted in zip(questionnaire.load(), rounds, strict=True):
        chosen = []
        for q, n in wanted.items():
            chosen += [e.id for e in round_.elements if e.quadrant == q][:n]
        picks.append(chosen)
    return picks


@pytest.fixture
def redis_server():
    """Redis where redis-server is installed; CI must have it."""
    binary = shutil.which("redis-server")
    if not binary:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: apt-get install -y redis-server")
        pytest.skip("redis-server is missing: apt-get install -y redis-server")
    server = RedisServer(binary)
    server.start()
    yield server
    server.stop()


class MailCollector:
    """An SMTP server's handler that keeps what arrives; it can refuse the first tries."""

    def __init__(self):
        self.messages = []
        self.refuse_next = 0
        self.attempts = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.attempts += 1
            if self.refuse_next:
                self.refuse_next -= 1
                return "451 4.3.0 Try again later"
            parsed = email.message_from_bytes(envelope.content, policy=policy.default)
            self.messages.append(parsed)
        return "250 OK"

    def wait_for(self, count=1, seconds=10):
        """The messages, once `count` have arrived (a sender thread may still be at work)."""
        import time

        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.messages)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on a free loopback port, collecting what arrives."""
    from aiosmtpd.controller import Controller

    collector = MailCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    collector.port = controller.port
    yield collector
    controller.stop()


@pytest.fixture
def mail_app(make_app, smtp_server):
    """An app that sends its mail to `smtp_server`, retrying at once."""
    return make_app(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        MAIL_RETRY_BASE_SECONDS=0,
        MAIL_TIMEOUT_SECONDS=5,
    )
