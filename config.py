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
        # Mail (docs/EMAIL.md). No MAIL_SERVER: messages go to the log and to the
        # operators' outbox page, so a fresh install can still reset a password.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT") or 25),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _flag(os.environ.get("MAIL_USE_TLS")),
        "MAIL_USE_SSL": _flag(os.environ.get("MAIL_USE_SSL")),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER")
        or "Whole-brain selling <no-reply@localhost>",
        "MAIL_TIMEOUT_SECONDS": 30,
        # Links in mail start with this (e.g. https://wholebrain.example.com); unset,
        # they use the address the request came in on. Set it in production.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL") or None,
        # The sender thread inside each app process; set false when `flask mail
        # send --loop` runs as its own process. None: on, except under TESTING.
        "MAIL_IN_PROCESS_SENDER": None,
        "MAIL_SEND_INTERVAL_SECONDS": 5,
        # A failed try waits base x 2^(tries-1) seconds, at most an hour; after
        # MAIL_MAX_ATTEMPTS tries the message is marked failed.
        "MAIL_RETRY_BASE_SECONDS": 60,
        "MAIL_MAX_ATTEMPTS": 6,
        # A sender holds a claimed message this long before another may take it.
        "MAIL_CLAIM_SECONDS": 300,
        # Without MAIL_SERVER a delivered message's text stays this long on the
        # outbox page, then only its subject and state are kept.
        "MAIL_KEEP_BODY_DAYS": 7,
        "PASSWORD_RESET_MINUTES": 30,
        # Joining a team needs a confirmed address; a confirmation link works this long.
        "REQUIRE_CONFIRMED_EMAIL": True,
        "CONFIRM_EMAIL_HOURS": 48,
        "CONFIRM_EMAIL_PER_ACCOUNT_HOUR": 3,
        # Reset links sent to one account per hour; more requests send nothing.
        "PASSWORD_RESET_PER_ACCOUNT_HOUR": 3,
        "PASSWORD_RESET_LIMIT_PER_ADDRESS": "10 per hour",
    }


def _flag(value: str | None) -> bool:
    """An environment switch: true, 1, yes or on."""
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _with_timeouts(redis_url):
    """A stopped Redis must cost the page cache a render, not a hanging request."""
    if not redis_url:
        return None
    joiner = "&" if "?" in redis_url else "?"
    return f"{redis_url}{joiner}socket_timeout=0.5&socket_connect_timeout=0.5"
