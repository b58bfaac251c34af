"""Static checks run with the tests: ruff (style and security rules) and bandit."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _run(*args):
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_finds_nothing():
    """ruff with pyflakes, bugbear, isort, pyupgrade and the bandit-derived S rules."""
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_bandit_finds_nothing_of_medium_or_high_severity():
    """Each suppression in the code carries its reason next to it."""
    result = _run("bandit", "-c", "pyproject.toml", "-r", ".", "-ll", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
