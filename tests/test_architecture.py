"""The layering of docs/ARCHITECTURE.md, checked on the source.

- Core modules stay pure: no web framework, database, form or chart library,
  and none of our own web-edge modules, directly or through anything they
  import. A module is core unless its package lists it in `WEB_EDGE`, so a new
  module is held to the rule from its first line.
- Packages depend in one direction only (`ALLOWED` below).
- Only the entry point knows the app factory.
"""

import ast
import importlib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FEATURES = (
    "accounts",
    "assessment",
    "coaching",
    "selling",
    "instrument",
    "privacy",
    "mail",
)
BANNED = {
    "flask",
    "flask_sqlalchemy",
    "flask_babel",
    "flask_login",
    "flask_wtf",
    "wtforms",
    "jinja2",
    "sqlalchemy",
    "plotly",
    "extensions",
    "app",
}
# Which of our packages and top-level modules each package may import. The one
# known exception is written down here and in docs/ARCHITECTURE.md.
SHARED = {"extensions", "database", "security", "errors", "spreadsheets", "pagecache"}
ALLOWED = {
    "assessment": SHARED | {"accounts"},
    "accounts": SHARED,
    "coaching": SHARED | {"accounts", "assessment", "mail"},
    "selling": SHARED | {"accounts", "assessment", "coaching"},
    "instrument": SHARED | {"accounts", "assessment"},
    "privacy": SHARED | {"accounts", "assessment", "coaching", "selling", "mail"},
    "mail": SHARED | {"accounts"},
}
OURS = set(FEATURES) | {"assets", "app", "config", *SHARED}


def _module_name(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(
        ".__init__"
    )


@cache
def _imports(module):
    """The modules `module` imports by name (absolute imports only, as we write them)."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = ROOT / module.replace(".", "/") / "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from selling import cues` imports the module selling.cues
            found |= {
                f"{node.module}.{alias.name}"
                for alias in node.names
                if (ROOT / node.module.replace(".", "/") / f"{alias.name}.py").exists()
            }
    return frozenset(found)


def _ours(name):
    return name.split(".")[0] in OURS


def _closure(module):
    """Every module of ours that `module` imports, directly or not, and itself."""
    seen, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo += [n for n in _imports(current) if _ours(n) and _exists(n)]
    return seen


def _exists(name):
    base = ROOT / name.replace(".", "/")
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _web_edge(module):
    package, _, name = module.partition(".")
    if package not in FEATURES:
        return True  # app, security, database...: the web side
    if not name:
        return False  # the package's __init__ holds no code
    return name in importlib.import_module(package).WEB_EDGE


def _core_modules():
    return sorted(
        _module_name(path)
        for package in FEATURES
        for path in (ROOT / package).glob("*.py")
        if not _web_edge(_module_name(path))
    )


@pytest.mark.parametrize("module", _core_modules())
def test_core_modules_are_pure_all_the_way_down(module):
    """A core module reaches no framework, database or web-edge module, even indirectly."""
    reached = _closure(module)
    impure = sorted(m for m in reached if _web_edge(m))
    assert not impure, f"{module} reaches {impure}"
    libraries = {n for m in reached for n in _imports(m) if n.split(".")[0] in BANNED}
    assert not libraries, f"{module} reaches {sorted(libraries)}"


def test_the_core_is_most_of_the_code():
    """The scoring, loop, estimate and pitch rules are among the core modules checked."""
    core = set(_core_modules())
    assert {
        "assessment.scoring",
        "assessment.vocabulary",
        "assessment.loop",
        "selling.cues",
        "selling.pitch",
        "coaching.rules",
        "instrument.health",
        "accounts.passwords",
        "mail.message",
        "mail.letters",
        "mail.tokens",
    } <= core


@pytest.mark.parametrize("package", FEATURES)
def test_packages_depend_in_one_direction(package):
    """Each package imports only the packages docs/ARCHITECTURE.md allows it."""
    used = {
        name.split(".")[0]
        for path in (ROOT / package).glob("*.py")
        for name in _imports(_module_name(path))
        if _ours(name)
    } - {package}
    assert used <= ALLOWED[package], (
        f"{package} imports {sorted(used - ALLOWED[package])}"
    )


def test_no_package_imports_app():
    """Only the entry point knows the factory; packages get extensions from extensions.py."""
    for path in ROOT.glob("*/*.py"):
        if path.parts[-2] == "tests" or not (path.parent / "__init__.py").exists():
            continue  # scripts (bench/) and migrations may use the factory
        assert "app" not in {n.split(".")[0] for n in _imports(_module_name(path))}, (
            path
        )
