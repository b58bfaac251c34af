"""Three `flask mail send` processes started together on one outbox: every
message arrives once. Runs on whichever database the suite uses (SQLite by
default, PostgreSQL when TEST_DATABASE_URL is set, as in CI)."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import database_url
from tests.mail.test_outbox import _write

ROOT = Path(__file__).parent.parent.parent
MESSAGES = 60
SENDERS = 3


def test_sender_processes_started_together_send_each_message_once(
    app, smtp_server, tmp_path
):
    """60 messages, 3 sender processes at once: 60 arrive, no Message-ID twice."""
    _write(app, MESSAGES)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(tmp_path),
        "FLASK_SECRET_KEY": "senders",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_server.port),
        "FLASK_AUTO_MIGRATE": "false",
    }
    senders = [
        subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "mail", "send"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(SENDERS)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in senders]
    assert all(p.returncode == 0 for p in senders), outputs
    sent = [
        int(line.split()[-1])
        for o in outputs
        for line in o.splitlines()
        if line.startswith("sent ")
    ]
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == MESSAGES and len(set(ids)) == MESSAGES
    assert sum(sent) == MESSAGES
