"""Password rules: at least 8 characters, no composition rules, not a common password."""

import gzip
from functools import cache
from importlib import resources

MIN_LENGTH = 8
MAX_LENGTH = 1000  # long Unicode passphrases are welcome; this only bounds hashing work


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
