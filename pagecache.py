"""Rendered page parts that are pure functions of their key, kept between requests.

A finished assessment never changes, so its report is a function of (assessment,
instrument version, language, code and content). Such parts are rendered once,
stored under a key that names all of it, and served from the store afterwards.
The key starts with `code_version()`, a hash of the app's code, templates,
content files, translations and stylesheet taken once per process: a deployment that changes
any of them reads and writes new keys, and old entries simply expire. Nothing is
ever invalidated by hand, except what erasure must remove (`forget`).

The store is Redis when REDIS_URL is set (shared by every worker), else each
process's memory, bounded by CACHE_THRESHOLD entries. A store that fails (Redis
down) costs a render, never the page.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path

from markupsafe import Markup

from extensions import cache as store

ROOT = Path(__file__).parent
# Everything a rendered part is made of besides its database rows.
SOURCES = (
    "*.py",
    "*/*.py",
    "*/content/**/*.toml",
    "templates/**/*.html",
    "translations/**/*.mo",
    "static/css/*.css",  # the charts' colours (assessment/charts.py)
)
log = logging.getLogger(__name__)


def version_of(root: Path) -> str:
    """A short hash of the bytes (and names) of every source file under `root`."""
    digest = hashlib.sha256()
    for pattern in SOURCES:
        for path in sorted(root.glob(pattern)):
            relative = path.relative_to(root).as_posix()
            if relative.startswith((".", "tests/", "bench/", "migrations/")):
                continue
            digest.update(relative.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def code_version() -> str:
    """This process's code and content version (hashed once, at first use)."""
    return version_of(ROOT)


def full_key(key: str) -> str:
    return f"{code_version()}:{key}"


def fetch(key: str, render: Callable[[], dict[str, str]]) -> dict[str, Markup]:
    """The HTML parts stored under `key`, rendered by `render()` on a miss.

    `render` returns what our own templates rendered (escaped by Jinja), and the
    store holds only that: the parts come back as markup, not to be escaped again.
    """
    try:
        found = store.get(full_key(key))
    except Exception:  # noqa: BLE001 - any failing store is a miss, not an error page
        log.warning("page cache unavailable", exc_info=True)
        found = None
    if found is None:
        found = {name: str(html) for name, html in render().items()}
        try:
            store.set(full_key(key), found)
        except Exception:  # noqa: BLE001 - as above
            log.warning("page cache unavailable", exc_info=True)
    # Our templates' own output (see above), never text from a request.
    return {name: Markup(html) for name, html in found.items()}  # noqa: S704  # nosec B704


def forget(keys: list[str]) -> None:
    """Remove stored parts at once (an erased account's reports).

    A store that fails here must not stop an erasure: what it holds cannot be
    reached any more (its keys name a user id that is never reused) and expires
    after CACHE_DEFAULT_TIMEOUT at the latest; the failure is logged as an error.
    """
    if not keys:
        return
    try:
        store.delete_many(*(full_key(k) for k in keys))
    except Exception:  # noqa: BLE001 - see above
        log.error("page cache: %d parts of an erased account left to expire", len(keys))
