"""Lint and types in `make test` (issue 19): `ruff check` and `mypy`, configured in pyproject.toml.

Formatting (`ruff format --check`) is configured there too, and run by pre-commit; it is not a
test (a reformatting commit must not be needed to see whether the code works).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]' installs it)")
    return found


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([_tool("ruff"), "check", "--output-format", "concise", "plugins", "tests", "bench"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_mypy_finds_nothing() -> None:
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


# Who may import whom (CONTRIBUTING.md, "The MkDocs seam"): packages of regkb, and the outside
# libraries that would tie a layer to MkDocs or to whoosh. Lazy imports inside functions count too.
FORBIDDEN = {
    "core": {"sources", "pages", "search", "site", "commands", "justel", "mkdocs", "material", "jinja2", "whoosh"},
    "sources": {"pages", "search", "site", "commands", "mkdocs", "material", "jinja2"},
    "pages": {"sources", "search", "site", "commands", "mkdocs", "material", "jinja2", "whoosh"},
    "search": {"sources", "pages", "site", "commands", "mkdocs", "material", "jinja2"},
    "site": {"commands"},
}


def _imports(path: Path) -> set[str]:
    """The first name under regkb (or the library) of every import of a module."""
    import ast

    package = path.relative_to(ROOT / "plugins").parts[:-1]  # ("regkb", "site")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            found.add(parts[1] if parts[0] == "regkb" and len(parts) > 1 else parts[0])
    return found


def test_layers_import_only_downwards() -> None:
    """No import from commands/ into site/, none between pages/ and search/ (through the core
    only), neither MkDocs nor whoosh in the core: the seam to MkDocs is site/ alone."""
    wrong = []
    for layer, forbidden in FORBIDDEN.items():
        for path in sorted((ROOT / "plugins" / "regkb" / layer).rglob("*.py")):
            for name in sorted(_imports(path) & forbidden):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
