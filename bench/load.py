"""Load-test a training day with Locust against gunicorn, on loopback only.

Run by hand (not part of the test suite); needs the packages in
bench/requirements.txt and `redis-server`:

    python bench/load.py                              # SQLite, in-process page cache
    DATABASE_URL=postgresql+psycopg://.../empty_db python bench/load.py --database postgresql

It seeds a database (a team of 200 profiled members with COACHES coaches, and
REPS reps with an account of three estimated contacts each), starts the app
under gunicorn.conf.py with 2 workers on a free loopback port (and a Redis for
the shared log-in limits; with PostgreSQL also for the page cache), warms it up
with a short run, then runs bench/locustfile.py headless at each number of
users for DURATION seconds (everyone has arrived after the first 15) and
writes, per run, Locust's CSV files and a summary with the app workers' peak
and final resident memory. `--plot` draws p95 against users from the CSVs.

Each run is bounded (Locust's --run-time, and a timeout on the process), and
the locustfile refuses any host but loopback.
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gunicorn_server import start_gunicorn  # noqa: E402

PASSWORD = "training-day-2026"  # noqa: S105 - seeded test accounts on a throwaway database
SECRET = "load-test-secret"  # noqa: S105 - as above
COACHES, REPS, TEAM_SIZE = 20, 20, 200
# Everyone comes from 127.0.0.1: the per-address limits would stop the test itself.
UNLIMITED = "1000000 per minute"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(url, folder, hash_method=None):
    """Seed the database at `url`; return who the locustfile signs in as."""
    from accounts.models import User
    from accounts.passwords import hash_password
    from app import create_app
    from assessment.models import Assessment
    from assessment.models import RoundAnswer
    from assessment.questionnaire import load
    from coaching.demo import gen_team
    from coaching.models import Membership
    from coaching.models import TeamCoach
    from extensions import db
    from selling.cues import estimate
    from selling.models import Contact
    from selling.models import Estimate
    from selling.models import KeyAccount

    settings = {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": SECRET,
        "AUTO_MIGRATE": True,
    }
    if hash_method:
        settings["PASSWORD_HASH_METHOD"] = hash_method
    app = create_app(settings, instance_path=folder)
    with app.app_context():
        # One real hash (the production method), shared by every seeded account.
        password_hash = hash_password(PASSWORD, app.config["PASSWORD_HASH_METHOD"])
        team_id, first_coach = gen_team(TEAM_SIZE, coach_email="coach0@example.com")
        members = db.session.scalars(
            db.select(Membership.user_id).filter_by(team_id=team_id)
        ).all()
        rounds = load()
        cue_ids = ["cue-01", "cue-02", "cue-05", "cue-09", "cue-12", "cue-20"]
        coaches, reps = [], []
        db.session.get(User, first_coach).password_hash = password_hash
        coaches.append("coach0@example.com")
        for i in range(1, COACHES):
            coach = User(
                email=f"coach{i}@example.com",
                name=f"Coach {i}",
                password_hash=password_hash,
            )
            db.session.add(coach)
            db.session.flush()
            db.session.add(TeamCoach(team_id=team_id, user_id=coach.id))
            coaches.append(coach.email)
        for i in range(REPS):
            rep = User(
                email=f"rep{i}@example.com",
                name=f"Rep {i}",
                password_hash=password_hash,
            )
            db.session.add(rep)
            db.session.flush()
            done = Assessment(user_id=rep.id, seed=i)
            done.answers = [
                RoundAnswer(
                    round_number=n, picks=[e.id for e in r.elements[i % 4 :: 4][:8]]
                )
                for n, r in enumerate(rounds, 1)
            ]
            db.session.add(done)
            db.session.flush()
            done.finish()
            account = KeyAccount(
                owner_id=rep.id, name=f"华东电力 {i}", funnel_step="build_trust"
            )
            for name, role in (
                ("张伟", "decision_maker"),
                ("李娜", "purchaser"),
                ("王芳", "user"),
            ):
                account.contacts.append(
                    Contact(
                        name=name, role=role, reads_situation=True, integrity=i % 2 == 0
                    )
                )
            db.session.add(account)
            db.session.flush()
            for n, contact in enumerate(account.contacts):
                cues = cue_ids[n : n + 4]
                result = estimate(cues)
                db.session.add(
                    Estimate(
                        contact_id=contact.id,
                        cues=cues,
                        pattern=result.pattern,
                        confidence=result.confidence,
                        count_a=result.counts["A"],
                        count_b=result.counts["B"],
                        count_c=result.counts["C"],
                        count_d=result.counts["D"],
                    )
                )
            reps.append(
                {
                    "email": rep.email,
                    "account": account.id,
                    "contacts": [c.id for c in account.contacts],
                }
            )
        db.session.commit()
        db.engine.dispose()
    return {
        "password": PASSWORD,
        "team": team_id,
        "members": members,
        "coaches": coaches,
        "reps": reps,
    }


class RssSampler(threading.Thread):
    """The app workers' resident memory, sampled every half second."""

    def __init__(self, master):
        super().__init__(daemon=True)
        self.master, self.peak, self.last, self.running = master, 0.0, [], True

    def workers(self):
        path = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children")
        sizes = []
        for child in path.read_text().split():
            status = Path(f"/proc/{child}/status")
            found = (
                re.search(r"VmRSS:\s+(\d+)", status.read_text())
                if status.exists()
                else None
            )
            if found:
                sizes.append(int(found.group(1)) / 1024)
        return sizes

    def run(self):
        while self.running:
            self.last = self.workers()
            self.peak = max([self.peak, *self.last])
            time.sleep(0.5)


def locust(host, users, seconds, env, csv_prefix=None, ramp=15):
    args = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(users),
        "-r",
        str(max(1, users // ramp)),  # everyone has arrived after `ramp` seconds
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "5",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    if csv_prefix:
        args += ["--csv", str(csv_prefix)]
    subprocess.run(  # noqa: S603 - fixed arguments
        args, cwd=ROOT, env=env, timeout=seconds + 60, check=False, capture_output=True
    )


def summary(prefix):
    """Per page: requests, failures, p50/p95/p99 ms and requests/s, from Locust's CSV."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
            "rps": float(row["Requests/s"]),
        }
        for row in rows
    }


def plot(out):
    """p95 against users, one line per page, one panel per database (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = sorted(out.glob("*/summary.json"))
    fig, axes = plt.subplots(
        1, len(results), figsize=(5.5 * len(results), 6), squeeze=False, sharey=True
    )
    colours = plt.get_cmap("tab20").colors
    every = [json.loads(path.read_text()) for path in results]
    # One colour and marker per page across all panels; the legend is the last one's.
    pages = sorted(
        {p for runs in every for r in runs["runs"].values() for p in r["pages"]}
        - {"Aggregated"}
    )
    for ax, runs in zip(axes[0], every, strict=True):
        users = sorted(int(u) for u in runs["runs"])
        for i, page in enumerate([*pages, "Aggregated"]):
            values = [
                runs["runs"][str(u)]["pages"].get(page, {}).get("p95") for u in users
            ]
            everything = page == "Aggregated"
            ax.plot(
                users,
                values,
                marker="os^vD"[i % 5],
                linestyle="-" if i < 20 else "--",
                color="black" if everything else colours[i % 20],
                label="all requests" if everything else page,
                linewidth=3 if everything else 1,
            )
        ax.axhline(500, color="red", linestyle="--", linewidth=1)
        ax.set_yscale("log")
        ax.set_xticks(users)
        ax.set_xlabel("concurrent users")
        ax.set_ylabel("p95 response time, ms (log)")
        ax.set_title(f"{runs['database']}: p95 per page ({runs['date']})")
    handles, labels = axes[0][0].get_legend_handles_labels()
    axes[0][-1].legend(
        handles, labels, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1)
    )
    fig.tight_layout()
    fig.savefig(out / "p95-by-users.png", dpi=110)
    print(f"wrote {out / 'p95-by-users.png'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database", choices=["sqlite", "postgresql"], default="sqlite"
    )
    parser.add_argument("--users", default="50,100,200")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "load")
    parser.add_argument("--plot", action="store_true", help="only draw the plot")
    parser.add_argument(
        "--cheap-hash",
        action="store_true",
        help="hash passwords with the test suite's cheap method, to see the pages' "
        "own cost without scrypt's (never in production)",
    )
    args = parser.parse_args()
    if args.plot:
        plot(args.out)
        return

    folder = tempfile.mkdtemp(prefix="load-")
    url = os.environ.get("DATABASE_URL")
    if args.database == "postgresql" and not (url or "").startswith("postgresql"):
        parser.error("--database postgresql needs DATABASE_URL (an empty database)")
    if args.database == "sqlite":
        url = f"sqlite:///{Path(folder) / 'load.sqlite'}"
    cheap = "pbkdf2:sha256:1000" if args.cheap_hash else None
    people = seed(url, folder, cheap)
    people_file = Path(folder) / "people.json"
    people_file.write_text(json.dumps(people))

    redis = None
    from tests.helpers import RedisServer

    redis = RedisServer(shutil.which("redis-server") or "redis-server")
    redis.start()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": redis.url,
        "FLASK_SECRET_KEY": SECRET,
        "FLASK_AUTO_MIGRATE": "false",
        "FLASK_REGISTER_LIMIT_PER_ADDRESS": UNLIMITED,
        "FLASK_LOGIN_LIMIT_PER_ADDRESS": UNLIMITED,
        "FLASK_LOGIN_LIMIT_PER_ACCOUNT": UNLIMITED,
        "LOAD_PEOPLE": str(people_file),
        # Idle keep-alive connections stay open longer than any think time: unlike
        # a browser, Locust's client does not resend a request on a connection
        # the server closes at that very moment (gunicorn.conf.py: 5 s).
        "GUNICORN_CMD_ARGS": "--keep-alive 75",
    }
    if args.database == "sqlite":  # the page cache in each worker's memory
        env["FLASK_CACHE_TYPE"] = "SimpleCache"
    if cheap:
        env["FLASK_PASSWORD_HASH_METHOD"] = cheap
    port = free_port()
    server = start_gunicorn(
        "app:create_app()", port, env, Path(folder) / "gunicorn.log"
    )
    print(f"gunicorn's log: {Path(folder) / 'gunicorn.log'}", flush=True)
    host = f"http://127.0.0.1:{port}"
    label = args.database + (", cheap hash" if cheap else "")
    out = args.out / label.replace(", ", "-").replace(" ", "-")
    out.mkdir(parents=True, exist_ok=True)
    runs = {}
    try:
        locust(
            host, 20, args.warmup, env, ramp=2
        )  # warm-up: compiled templates, warm caches
        for users in [int(u) for u in args.users.split(",")]:
            sampler = RssSampler(server)
            sampler.start()
            prefix = out / f"u{users}"
            locust(host, users, args.duration, env, prefix)
            sampler.running = False
            sampler.join()
            # Tracebacks with this machine's paths; the failures file keeps each error.
            Path(f"{prefix}_exceptions.csv").unlink(missing_ok=True)
            runs[users] = {
                "pages": summary(prefix),
                "rss_peak_mb": round(sampler.peak),
                "rss_end_mb": [round(r) for r in sampler.last],
            }
            total = runs[users]["pages"]["Aggregated"]
            print(
                f"{label} {users} users: {total['rps']:.0f} req/s, "
                f"p95 {total['p95']:.0f} ms, {total['failures']} failures, "
                f"RSS peak {sampler.peak:.0f} MB",
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        redis.stop()
    (out / "summary.json").write_text(
        json.dumps(
            {
                "database": label,
                "date": time.strftime("%Y-%m-%d"),
                "cores": os.cpu_count(),
                "duration_s": args.duration,
                "runs": runs,
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    plot(args.out)


if __name__ == "__main__":
    main()
