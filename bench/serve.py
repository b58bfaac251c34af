"""Load-test the app under gunicorn against a Flask hello-world, on loopback.

Run by hand (not part of the test suite); needs `wrk` (apt-get install -y wrk):

    python bench/serve.py                 # SQLite in a temporary folder
    DATABASE_URL=postgresql+psycopg://... python bench/serve.py

It seeds a database (a trainee with a finished assessment who coaches a team of
100 and a team of 10,000, and a rep's account with an estimated contact), starts
the app and the hello-world under gunicorn with 2 workers each, drives every page
with wrk for DURATION seconds at CONNECTIONS connections, and prints requests/s,
p50 and p99 latency, each page's ratio to hello-world, SQL queries per request
(measured in-process) and the resident memory of each app worker.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from assessment.models import Assessment  # noqa: E402
from assessment.models import RoundAnswer  # noqa: E402
from bench.gunicorn_server import start_gunicorn  # noqa: E402
from coaching.demo import gen_team  # noqa: E402
from extensions import db  # noqa: E402
from selling.cues import estimate  # noqa: E402
from selling.models import Contact  # noqa: E402
from selling.models import Estimate  # noqa: E402
from selling.models import KeyAccount  # noqa: E402
from tests.helpers import RedisServer  # noqa: E402
from tests.helpers import count_queries  # noqa: E402
from tests.helpers import sign_in  # noqa: E402

DURATION = int(os.environ.get("DURATION", 10))
CONNECTIONS = int(os.environ.get("CONNECTIONS", 8))
SECRET = "bench-secret"  # noqa: S105 - a throwaway key for a local benchmark


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(app):
    """Return the ids the pages need; the coach of both teams is also the trainee and rep."""
    with app.app_context():
        small, coach_id = gen_team(100, coach_email="coach@example.com", seed=1)
        large, _ = gen_team(10_000, coach_email="coach2@example.com", seed=2)
        # The coach of the large team is another user; make the first one coach it too.
        from coaching.models import TeamCoach

        db.session.add(TeamCoach(team_id=large, user_id=coach_id))
        picks = [
            [e.id for e in r.elements[:8]]
            for r in __import__("assessment").questionnaire.load()
        ]
        done = Assessment(user_id=coach_id, seed=7)
        done.answers = [
            RoundAnswer(round_number=n, picks=p) for n, p in enumerate(picks, 1)
        ]
        db.session.add(done)
        db.session.flush()
        done.finish()
        open_one = Assessment(user_id=coach_id, seed=8)
        db.session.add(open_one)
        account = KeyAccount(
            owner_id=coach_id, name="华东电力", funnel_step="build_trust"
        )
        contact = Contact(
            name="张伟", role="decision_maker", reads_situation=True, integrity=False
        )
        account.contacts.append(contact)
        db.session.add(account)
        db.session.flush()
        result = estimate(["cue-01", "cue-02", "cue-05", "cue-09", "cue-12"])
        db.session.add(
            Estimate(
                contact_id=contact.id,
                cues=["cue-01"],
                pattern=result.pattern,
                confidence=result.confidence,
                count_a=result.counts["A"],
                count_b=result.counts["B"],
                count_c=result.counts["C"],
                count_d=result.counts["D"],
            )
        )
        db.session.commit()
        return {
            "coach": coach_id,
            "small": small,
            "large": large,
            "report": done.id,
            "open": open_one.id,
            "contact": contact.id,
            "picks": picks[0],
        }


def wrk(url, cookie=None, post_body=None):
    """Requests/s, p50 ms, p99 ms and non-2xx/3xx responses, as wrk reports them."""
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    if cookie:
        args += ["-H", f"Cookie: session={cookie}"]
    script = None
    if post_body:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = '
            '"application/x-www-form-urlencoded"\n'
            f'wrk.body = "{post_body}"\n'
        )
        script.close()
        args += ["-s", script.name]
    out = subprocess.run(  # noqa: S603 - fixed arguments
        [*args, url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0


def worker_rss_mb(master):
    children = (
        Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    )
    return [
        int(
            re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{c}/status").read_text()).group(1)
        )
        / 1024
        for c in children
    ]


def main():
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "AUTO_MIGRATE": True},
        instance_path=folder,
    )
    ids = seed(app)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FLASK_SECRET_KEY": SECRET,
        "FLASK_AUTO_MIGRATE": "false",
    }
    redis = None
    if not env.get("REDIS_URL"):  # gunicorn.conf.py refuses 2 workers without it
        redis = RedisServer(shutil.which("redis-server") or "redis-server")
        redis.start()
        env["REDIS_URL"] = redis.url
    app_port, hello_port = free_port(), free_port()
    server = start_gunicorn("app:create_app()", app_port, env)
    hello = start_gunicorn("bench.hello:app", hello_port, env)
    try:
        base = f"http://127.0.0.1:{app_port}"
        client = app.test_client()
        sign_in(client, ids["coach"])
        cookie = client.get_cookie("session").value
        page = requests.get(
            f"{base}/assessment/{ids['open']}/round/1",
            cookies={"session": cookie},
            timeout=10,
        )
        cookie = page.cookies.get("session", cookie)
        token = re.search(
            r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page.text
        ).group(1)
        body = "&".join([f"csrf_token={token}"] + [f"picks={p}" for p in ids["picks"]])
        pages = [
            ("hello-world", f"http://127.0.0.1:{hello_port}/", None, None),
            (
                "profile report",
                f"{base}/assessment/{ids['report']}/report",
                cookie,
                None,
            ),
            ("team page, 100 members", f"{base}/teams/{ids['small']}", cookie, None),
            ("team page, 10,000 members", f"{base}/teams/{ids['large']}", cookie, None),
            (
                "contact brief",
                f"{base}/key-accounts/contacts/{ids['contact']}/brief",
                cookie,
                None,
            ),
            (
                "questionnaire round (POST)",
                f"{base}/assessment/{ids['open']}/round/1",
                cookie,
                body,
            ),
        ]
        with app.app_context():
            engine = db.engine
        results = []
        for label, target, session_cookie, post in pages:
            queries = "-"
            if session_cookie:
                path = target.replace(base, "")
                with count_queries(engine) as statements:
                    if post:
                        client.post(
                            path, data={"csrf_token": "x", "picks": ids["picks"]}
                        )
                    else:
                        client.get(path)
                queries = str(len(statements))
            results.append((label, *wrk(target, session_cookie, post), queries))
        rss = worker_rss_mb(server)
    finally:
        for process in (server, hello):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        if redis:
            redis.stop()
    hello_rps = results[0][1]
    print(
        f"\n{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, {engine.dialect.name}, "
        f"gunicorn 2 workers x 4 threads, wrk {CONNECTIONS} connections x {DURATION} s\n"
    )
    print(
        "| page | requests/s | p50 ms | p99 ms | x hello-world | SQL queries | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, rps, p50, p99, errors, queries in results:
        print(
            f"| {label} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {rps / hello_rps:.2f} | "
            f"{queries} | {errors} |"
        )
    print(f"\nRSS per app worker: {', '.join(f'{r:.0f} MB' for r in rss)}")


if __name__ == "__main__":
    main()
