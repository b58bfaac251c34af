"""Start gunicorn on a loopback port with the app's own gunicorn.conf.py, as the
benchmarks (serve.py, load.py) measure it."""

import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_gunicorn(target, port, env, error_log="-"):
    """A gunicorn process serving `target` on 127.0.0.1:`port` with 2 workers,
    returned once it accepts connections."""
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(error_log),
            target,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{target} did not start")
