"""Time the team page, the CSV export and the printable report for large teams.

Run by hand (not part of the test suite):

    python bench/team_page.py            # teams of 100 and 10,000 members
    python bench/team_page.py 1000 50000 # other sizes

Seeds a fresh SQLite database in a temporary folder (DATABASE_URL, if set, is
used instead), then requests each page through the Flask test client and prints
the median and 95th-percentile time and the number of SQL queries per request.
This measures the application itself, without a web server or network.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from coaching.demo import gen_team  # noqa: E402
from extensions import db  # noqa: E402
from tests.helpers import count_queries  # noqa: E402
from tests.helpers import sign_in  # noqa: E402

PAGES = {
    "team page": "/teams/{id}",
    "team page, sorted by code, page 3": "/teams/{id}?sort=code&order=desc&page=3",
    "CSV export": "/teams/{id}/export.csv",
    "printable report": "/teams/{id}/report",
}
RUNS = 15


def main(sizes):
    folder = tempfile.mkdtemp()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
            or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        },
        instance_path=folder,
    )
    print(
        f"{'members':>8}  {'page':<36} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KiB':>7}"
    )
    for size in sizes:
        with app.app_context():
            started = time.perf_counter()
            team_id, coach_id = gen_team(size, coach_email=f"bench-{size}@example.com")
            seeded = time.perf_counter() - started
            engine = db.engine
        client = app.test_client()
        sign_in(client, coach_id)
        for label, url in PAGES.items():
            url = url.format(id=team_id)
            client.get(url)  # warm up caches and templates
            times = []
            for _ in range(RUNS):
                with count_queries(engine) as statements:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            p95 = statistics.quantiles(times, n=20)[-1]
            kib = len(response.data) / 1024
            print(
                f"{size:>8}  {label:<36} {statistics.median(times):>8.1f} {p95:>8.1f}"
                f" {len(statements):>8} {kib:>7.0f}"
            )
        print(f"{'':>8}  (seeding {size} members took {seeded:.1f} s)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 10_000])
