"""Every setting the app reads, with its default, in one place.

`create_app` loads these, then any `FLASK_*` environment variable (the config
key of the same name), then a test's settings. The README's "Configure" table
lists the ones an installation sets.
"""

import os
from pathlib import Path

ROOT = Path(__file__).parent


def defaults(instance_path: Path) -> dict:
    """The settings of an app whose instance folder is `instance_path`."""
    return {
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance_path / 'wholebrain.sqlite'}",
        "AUTO_MIGRATE": None,  # None: only for SQLite, which nobody migrates by hand
        "DB_LOCK_TIMEOUT_MS": 5000,
        "DB_STATEMENT_TIMEOUT_MS": 15000,
        # scrypt at N=2**17 (OWASP's floor); tests may choose a cheaper one.
        "PASSWORD_HASH_METHOD": "scrypt:131072:8:1",  # noqa: S105 - a method, not a password
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # Set FLASK_SESSION_COOKIE_SECURE=true when the app is served over https.
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_IDLE_MINUTES": 30,
        "SESSION_ABSOLUTE_HOURS": 12,
        # Failed log-ins allowed per account from one address, and per address.
        "LOGIN_LIMIT_PER_ACCOUNT": "10 per 15 minutes",
        "LOGIN_LIMIT_PER_ADDRESS": "50 per 15 minutes",
        "REGISTER_LIMIT_PER_ADDRESS": "10 per hour",
        # Wrong current passwords (password change, account deletion) per account;
        # after CONFIRM_FAILURES_ALLOWED in one session, that session ends.
        "CONFIRM_LIMIT_PER_ACCOUNT": "10 per 15 minutes",
        "CONFIRM_FAILURES_ALLOWED": 5,
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": False,
        # Redis down: keep limiting, per process, rather than refuse every log-in.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # Rendered reports and briefs (pagecache.py): shared in Redis when REDIS_URL
        # is set, else kept per process, at most CACHE_THRESHOLD of them (~15 KB each).
        "CACHE_TYPE": "RedisCache" if os.environ.get("REDIS_URL") else "SimpleCache",
        "CACHE_REDIS_URL": _with_timeouts(os.environ.get("REDIS_URL")),
        "CACHE_KEY_PREFIX": "wholebrain-page:",
        # A day: long enough for a training day, short enough that parts a failed
        # erasure could not delete are gone by the next (pagecache.forget).
        "CACHE_DEFAULT_TIMEOUT": 24 * 3600,
        "CACHE_THRESHOLD": 1000,
    }


def _with_timeouts(redis_url):
    """A stopped Redis must cost the page cache a render, not a hanging request."""
    if not redis_url:
        return None
    joiner = "&" if "?" in redis_url else "?"
    return f"{redis_url}{joiner}socket_timeout=0.5&socket_connect_timeout=0.5"
