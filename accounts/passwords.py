"""Password rules: at least 8 characters, no composition rules, not a common password."""

import gzip
import threading
from contextlib import contextmanager
from functools import cache
from importlib import resources

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


# Each scrypt hash takes about 0.45 s and 128 MiB. Two at a time per worker keep
# a burst of sign-ups from swelling a worker's memory or starving its threads.
_SLOTS = threading.BoundedSemaphore(2)


@contextmanager
def _hashing_slot():
    with _SLOTS:
        yield


def hash_password(password: str, method: str) -> str:
    """The password's hash, waiting for one of this process's hashing slots."""
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
