"""The pure core stays pure: no web framework, database or chart library in it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PURE = [
    "assessment/questionnaire.py",
    "assessment/scoring.py",
    "assessment/content.py",
    "assessment/text.py",
    "assessment/loop.py",
    "assessment/exc.py",
    "assessment/charts.py",
    "coaching/content.py",
    "coaching/team.py",
    "coaching/rules.py",
    "selling/cues.py",
    "selling/negotiation.py",
    "selling/factors.py",
    "selling/tracking.py",
    "selling/pitch.py",
    "selling/meetings.py",
    "selling/exc.py",
    "instrument/health.py",
]
BANNED = {"flask", "flask_sqlalchemy", "flask_babel", "flask_login", "flask_wtf", "wtforms",
          "jinja2", "sqlalchemy", "plotly", "extensions", "app"}  # fmt: skip


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_import_no_framework(module):
    """Scoring, content and loop code can run and be tested without Flask or a database."""
    bad = {name for name in _imports(ROOT / module) if name.split(".")[0] in BANNED}
    assert not bad


def test_no_package_imports_app():
    """Only the entry point knows the factory; packages get extensions from extensions.py."""
    for path in ROOT.glob("*/*.py"):
        if path.parts[-2] == "tests" or not (path.parent / "__init__.py").exists():
            continue  # scripts (bench/) and migrations may use the factory
        assert "app" not in {n.split(".")[0] for n in _imports(path)}, path
