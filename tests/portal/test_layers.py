"""The home page gathers from every app, so it lives in the top app; the public site's shell imports none of them."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "austausch" / "web"
BELOW_WEB = ("austausch.web", "austausch.lib")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_the_web_app_imports_no_app_above_it() -> None:
    above = {
        f"{path.relative_to(WEB)}: {module}"
        for path in WEB.rglob("*.py")
        for module in imported_modules(path)
        if module.startswith("austausch.") and not module.startswith(BELOW_WEB)
    }
    assert above == set()
