"""Password rules: at least 8 characters, no composition rules, not a common password."""

import gzip
import threading
from contextlib import contextmanager
from functools import cache
from importlib import resources

from werkzeug.exceptions import ServiceUnavailable
from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

MIN_LENGTH = 8
MAX_LENGTH = 1000  # long Unicode passphrases are welcome; this only bounds hashing work
# A stored hash no password matches: the members seed-demo makes cannot log in,
# and instrument health knows their answers are made up.
UNUSABLE = "!"  # noqa: S105  # nosec B105 - a marker, not a password


@cache
def _common():
    with (
        resources.files("accounts")
        .joinpath("data", "common-passwords.txt.gz")
        .open("rb") as fh
    ):
        return frozenset(gzip.decompress(fh.read()).decode().split())


def is_common(password: str) -> bool:
    """True for passwords found in breaches, compared without case or surrounding spaces."""
    return password.strip().lower() in _common()


# Each scrypt hash takes about 0.4 s of CPU and 128 MiB. Two at a time per worker
# keep a burst of sign-ups from swelling a worker's memory. One more request may
# wait for a slot; any further one is told to retry (HashingBusy, a 503 page with
# Retry-After) rather than hold a thread: of a worker's four threads
# (gunicorn.conf.py) one always stays free for every other page, so a room
# signing up at once cannot stall the reports and rounds of everyone else.
_SLOTS = threading.BoundedSemaphore(2)
_ADMITTED = threading.BoundedSemaphore(3)
RETRY_AFTER_SECONDS = 5


class HashingBusy(ServiceUnavailable):
    """Every hashing slot of this worker is taken and a request already waits."""


@contextmanager
def _hashing_slot():
    if not _ADMITTED.acquire(blocking=False):
        raise HashingBusy(retry_after=RETRY_AFTER_SECONDS)
    try:
        with _SLOTS:
            yield
    finally:
        _ADMITTED.release()


def hash_password(password: str, method: str) -> str:
    """The password's hash, waiting for one of this process's hashing slots.

    :raises HashingBusy: when too many requests of this process hash already.
    """
    with _hashing_slot():
        return generate_password_hash(password, method=method)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether `password` matches `stored_hash`, in one of the hashing slots."""
    with _hashing_slot():
        return check_password_hash(stored_hash, password)


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("no account has this password", method=method)


def waste_time_like_a_check(password: str, method: str) -> None:
    """Take as long as checking a real account, so timing never tells an email exists."""
    verify_password(_dummy_hash(method), password)
