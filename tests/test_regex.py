"""Every regular expression in the app runs in linear time on hostile input.

A pattern that backtracks quadratically lets one signed-in user hold a worker
(and, before database.py, SQLite's write lock) for seconds with one request.
The patterns are found by reading the source, so a new one is covered the day
it is written.
"""

import ast
import re
import time
from pathlib import Path

import pytest

from selling import pitch

ROOT = Path(__file__).resolve().parents[1]
SKIP = {"tests", "bench", "migrations", ".venv", ".venv-ci", "venv", "static"}
CALLS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "split",
}
N = 20_000
HOSTILE = [
    "\n" * N + "x",
    " " * N + "x",
    "\t\n" * (N // 2) + "x",
    "1" * N + "x",
    "1," * (N // 2) + "x",
    "a" * N + "!",
    "a-" * (N // 2) + "!",
    "week" + " " * N + "x",
    "jan" + "a" * N + " x",
    "第" * N,
    "2026-" * (N // 5),
    "-" * N,
    "1." * (N // 2),
    "¥" + "1," * (N // 2),
    "1\n" * (N // 2),
    "- " * (N // 2),
]  # fmt: skip - one input a kind of trouble, kept together
LIMIT = 1.0  # seconds for 20,000 characters; the quadratic pattern took 13 s here


def _source_patterns():
    """(module, pattern) for every literal pattern passed to a `re` function."""
    found = []
    for path in ROOT.rglob("*.py"):
        if SKIP & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((path.relative_to(ROOT).as_posix(), node.args[0].value))
    return found


def _all_patterns():
    """Literal patterns in the source, plus the pitch checker's built from content."""
    patterns = [p for _, p in _source_patterns()]
    patterns += [c.pattern for cs in pitch._patterns().values() for c in cs]
    return sorted(set(patterns))


def test_the_sweep_sees_the_patterns_we_know():
    """The source scan finds the CSV entry pattern and the pitch checker's term test."""
    modules = {m for m, _ in _source_patterns()}
    assert {"selling/csvio.py", "selling/pitch.py"} <= modules
    assert len(_all_patterns()) > 20  # built-in pitch rules and the content's terms


@pytest.mark.parametrize("pattern", _all_patterns())
def test_pattern_is_linear_on_hostile_input(pattern):
    """Each pattern scans every hostile 20,000-character text within a second."""
    compiled = re.compile(pattern)
    for text in HOSTILE:
        started = time.perf_counter()
        for _ in compiled.finditer(text):
            pass
        compiled.fullmatch(text)
        took = time.perf_counter() - started
        assert took < LIMIT, (pattern, text[:12], took)


def test_the_pitch_checker_reads_a_page_of_blank_lines_at_once():
    """The probe's input: 19,999 newlines and an x, checked in well under a second."""
    started = time.perf_counter()
    result = pitch.check("\n" * 19999 + "x")
    assert time.perf_counter() - started < LIMIT
    assert result.served == ()
