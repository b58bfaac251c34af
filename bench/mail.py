"""Time the password-reset request for a known and an unknown address, and the
sender delivering a batch to a local SMTP server.

Run by hand (not part of the test suite):

    python bench/mail.py          # 200 requests each, 200 messages

Uses a fresh SQLite database in a temporary folder (DATABASE_URL, if set, is
used instead) and the Flask test client, so it measures the application itself;
the SMTP server is aiosmtpd on a free loopback port (requirements-dev.txt).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller  # noqa: E402

from app import create_app  # noqa: E402
from extensions import db  # noqa: E402
from mail.sender import deliver_pending  # noqa: E402
from tests.conftest import Actions  # noqa: E402
from tests.conftest import MailCollector  # noqa: E402
from tests.conftest import free_port  # noqa: E402

RUNS = 200


def main(runs):
    folder = tempfile.mkdtemp()
    smtp = MailCollector()
    controller = Controller(smtp, hostname="127.0.0.1", port=free_port())
    controller.start()
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
            or f"sqlite:///{Path(folder) / 'bench.sqlite'}",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": controller.port,
            "MAIL_IN_PROCESS_SENDER": False,
            "PASSWORD_RESET_LIMIT_PER_ADDRESS": "1000000 per hour",
            "PASSWORD_RESET_PER_ACCOUNT_HOUR": 1000000,
            "RATELIMIT_ENABLED": False,
        },
        instance_path=folder,
    )
    actions = Actions(app.test_client())
    actions.register(email="known@example.com", name="Known")
    actions.logout()
    timings = {"known": [], "unknown": []}
    for n in range(runs):
        for label in ("known", "unknown") if n % 2 else ("unknown", "known"):
            email = "known@example.com" if label == "known" else f"x{n}@example.com"
            data = {"email": email}
            started = time.perf_counter()
            response = actions.post("/mail/forgot", data)
            timings[label].append(time.perf_counter() - started)
            assert response.status_code == 302, response.status_code
    print(f"POST /mail/forgot, {runs} each (CSRF page fetch included)")
    for label, values in timings.items():
        values.sort()
        p50 = statistics.median(values) * 1000
        p95 = values[int(len(values) * 0.95)] * 1000
        print(f"  {label:<8} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")
    with app.app_context():
        started = time.perf_counter()
        sent = deliver_pending(batch=100000)
        elapsed = time.perf_counter() - started
        db.session.remove()
    print(
        f"sender: {sent} messages to aiosmtpd in {elapsed:.2f} s "
        f"({sent / elapsed:.0f} per second, one SMTP connection each)"
    )
    controller.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
