"""Production serving: `gunicorn app:create_app()` (see README, "Production").

Workers share the database (set DATABASE_URL to PostgreSQL for more than one
host), the secret key (FLASK_SECRET_KEY, or the instance folder's key file) and
the log-in limits (REDIS_URL).
"""

import multiprocessing
import os
import sys

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # recycle workers now and then, against slow leaks
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# Load the app once in the master: migrations run once, workers start fast.
preload_app = True


def on_starting(server):
    """Refuse several workers without Redis: each would keep its own log-in counts.

    Without a shared store every worker counts failed log-ins on its own and a
    restart forgets them, so the limits in the README would not hold.
    """
    if server.cfg.workers > 1 and not os.environ.get("REDIS_URL"):
        server.log.error(
            "Refusing to start %d workers without REDIS_URL: log-in limits would be "
            "kept per worker. Set REDIS_URL=redis://host:6379/0, or run one worker "
            "(WEB_CONCURRENCY=1).",
            server.cfg.workers,
        )
        sys.exit(1)
