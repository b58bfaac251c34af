"""gunicorn refuses several workers without Redis: log-in limits must be shared."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_several_workers_without_redis_do_not_start(tmp_path):
    """Two workers and no REDIS_URL: gunicorn exits with a message that names REDIS_URL."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'g.sqlite'}",
            "FLASK_SECRET_KEY": "gunicorn",
            "BIND": "127.0.0.1:0",
        }
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and gunicorn
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--workers",
            "2",
            "app:create_app()",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stdout + result.stderr
