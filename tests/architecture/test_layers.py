"""The apps stand in layers: each imports only from the layers below it, so a change low down never has to
know what is built on top. `lib` is the ground; the demo and the portal gather from everything."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "austausch"

LAYERS = [
    {"lib"},
    {"audit", "web"},
    {"accounts"},
    {"registry"},
    {"organisations"},
    {"knowledge"},
    {"programmes", "offers"},
    {"outcomes", "matching"},
    {"citizens", "radar", "exchanges"},
    {"demo", "portal"},
]
LAYER = {app: number for number, apps in enumerate(LAYERS) for app in apps}


def imported_apps(path: Path) -> set[str]:
    """The apps of austausch that a module imports, wherever in the module the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "austausch" and len(parts) > 1:
                found.add(parts[1])
    return found


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.glob("*/**/*.py")):
        app = path.relative_to(PACKAGE).parts[0]
        if app not in LAYER or "migrations" in path.parts:
            continue
        for other in sorted(imported_apps(path) & set(LAYER)):
            if other != app and LAYER[other] >= LAYER[app]:
                found.append(f"{path.relative_to(PACKAGE.parent)} ({app}) imports {other}")
    return found


def test_every_app_has_a_layer() -> None:
    apps = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert apps == set(LAYER)


def test_no_app_imports_one_above_it_or_beside_it() -> None:
    assert violations() == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from austausch.citizens.gdpr import reader_data\n", encoding="utf-8")
    assert imported_apps(module) == {"citizens"}
