"""The secrets that mail links carry: random, and stored only as a digest."""

import hashlib
import secrets


def make_token() -> tuple[str, str]:
    """A new token for a link, and the digest to store in its place.

    :return: (token, digest): 256 random bits, URL-safe; SHA-256 in hex.
    """
    token = secrets.token_urlsafe(32)
    return token, digest_of(token)


def digest_of(token: str) -> str:
    """The SHA-256 of a token, as stored: a leaked table opens no link."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
