"""8 processes x 150 round submissions, each sent twice at once, against a gunicorn server.

Every submission must be accepted, stored exactly once, and no user may see an
error such as 'database is locked'. Runs on whichever database the suite uses
(SQLite by default, PostgreSQL when TEST_DATABASE_URL is set, as in CI).
"""

import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import MetaData
from sqlalchemy import create_engine
from sqlalchemy import text

from tests.conftest import database_url
from tests.conftest import picks_for

ROOT = Path(__file__).parent.parent.parent
PROCESSES = 8
ASSESSMENTS = 50  # x 3 rounds = 150 submissions per process
PICKS = picks_for({"A": 2, "B": 2, "C": 2, "D": 2})


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path, redis_server):
    """The app under gunicorn, 4 workers of 2 threads, on a fresh database."""
    url = database_url(tmp_path)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FLASK_SECRET_KEY": "concurrency",
        "REDIS_URL": redis_server.url,
        "FLASK_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "FLASK_AUTO_MIGRATE": "true",
        "WEB_CONCURRENCY": "4",
        "GUNICORN_THREADS": "2",
        "BIND": f"127.0.0.1:{port}",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "app:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(base + "/account/login", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    yield base, url, process
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=30)[0]
    engine = create_engine(url)
    if engine.dialect.name != "sqlite":  # a shared server: leave it empty
        tables = MetaData()
        tables.reflect(engine)  # every table the migrations made, whatever they are
        tables.drop_all(engine)
    engine.dispose()
    assert "database is locked" not in output


def _token(session, base, path):
    html = session.get(base + path, timeout=30).text
    return re.search(
        r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html
    ).group(1)


def _client(args):
    """One user: register, then 50 assessments of 3 rounds, each round POSTed twice at once."""
    base, number = args
    session = requests.Session()
    token = _token(session, base, "/account/register")
    session.post(
        base + "/account/register",
        data={
            "csrf_token": token,
            "name": f"User {number}",
            "email": f"u{number}@example.com",
            "password": "a long passphrase",
            "confirm": "a long passphrase",
        },
        timeout=30,
    )
    statuses, pool = [], ThreadPoolExecutor(2)
    for _ in range(ASSESSMENTS):
        token = _token(session, base, "/")
        start = session.post(
            base + "/assessment/start",
            data={"csrf_token": token},
            allow_redirects=False,
            timeout=30,
        )
        assessment = int(
            re.search(r"/assessment/(\d+)", start.headers["Location"]).group(1)
        )
        for round_number in (1, 2, 3):
            url = f"{base}/assessment/{assessment}/round/{round_number}"
            data = {"csrf_token": token, "picks": PICKS[round_number - 1]}
            twice = [
                pool.submit(
                    session.post, url, data=data, allow_redirects=False, timeout=60
                )
                for _ in range(2)
            ]
            statuses += [f.result().status_code for f in twice]
        session.post(
            f"{base}/assessment/{assessment}/finish",
            data={"csrf_token": token},
            allow_redirects=False,
            timeout=30,
        )
    return statuses


def test_double_submissions_are_stored_once(server):
    """Rows equal accepted submissions: none lost, none doubled, no error shown."""
    base, url, _process = server
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        results = pool.map(_client, [(base, n) for n in range(PROCESSES)])
    statuses = [s for r in results for s in r]
    assert len(statuses) == PROCESSES * ASSESSMENTS * 3 * 2
    assert set(statuses) == {302}, {s: statuses.count(s) for s in set(statuses)}
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM round_answers")).scalar()
        distinct = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT DISTINCT assessment_id, round_number FROM round_answers) d"
            )
        ).scalar()
        finished = conn.execute(
            text("SELECT count(*) FROM assessments WHERE finished_at IS NOT NULL")
        ).scalar()
    engine.dispose()
    assert rows == distinct == PROCESSES * ASSESSMENTS * 3  # 0 lost, 0 duplicated
    assert finished == PROCESSES * ASSESSMENTS
