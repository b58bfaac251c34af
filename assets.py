"""Static files under fingerprinted URLs, cached for a year and sent compressed.

`asset("css/app.css")` in a template gives `/assets/<hash>/css/app.css`; the hash
changes whenever the file does, so browsers may keep every version forever.
"""

import gzip
import hashlib
import mimetypes
from functools import cache
from pathlib import Path

from flask import Blueprint
from flask import Response
from flask import abort
from flask import current_app
from flask import request
from flask import url_for
from werkzeug.security import safe_join

bp = Blueprint("assets", __name__)

YEAR = 365 * 24 * 3600
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


@cache
def _read(path: str, mtime: float) -> tuple[str, bytes, bytes]:
    """The file's fingerprint, bytes and gzipped bytes (once per version of the file)."""
    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16], data, gzip.compress(data, 9, mtime=0)


def _load(filename: str):
    path = safe_join(current_app.static_folder, filename)
    if path is None or not Path(path).is_file():
        return None
    return _read(path, Path(path).stat().st_mtime)


@cache
def _load_once(filename: str, static_folder: str):
    """`_load` for the few names templates use: files change only with a
    deployment, so pages need not `stat` them each time (outside debug mode).
    Never called with a name from a request, so the cache stays small."""
    return _load(filename)


def asset(filename: str) -> str:
    """The fingerprinted URL of a file in static/."""
    if current_app.debug:
        loaded = _load(filename)
    else:
        loaded = _load_once(filename, current_app.static_folder)
    if loaded is None:
        raise FileNotFoundError(filename)
    return url_for("assets.serve", digest=loaded[0], filename=filename)


@bp.get("/assets/<digest>/<path:filename>")
def serve(digest, filename):
    loaded = _load(filename)
    if loaded is None:
        abort(404)
    fingerprint, data, zipped = loaded
    mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if mimetype == "text/javascript":
        mimetype = "application/javascript"
    response = Response(data, mimetype=mimetype)
    if digest == fingerprint:
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:  # an old link: serve today's file, but do not let it be cached as that version
        response.headers["Cache-Control"] = "no-cache"
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(fingerprint)
    if mimetype.startswith(COMPRESSIBLE) and "gzip" in request.headers.get(
        "Accept-Encoding", ""
    ):
        response.set_data(zipped)
        response.headers["Content-Encoding"] = "gzip"
    return response.make_conditional(request)
