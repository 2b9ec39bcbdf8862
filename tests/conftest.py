"""Shared fixtures: the sample project, and the sample site built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-22"  # the fixed "today" of the tests (statuses, agenda)


def build_site(project: Path, site_dir: Path, strict: bool = True, today: str = TODAY) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` on a project folder; returns the finished process."""
    env = dict(os.environ, REGKB_TODAY=today, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir), "-f", str(project / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def copy_project(target: Path) -> Path:
    """A copy of the sources (not the venv, not site/) to break or edit in a test."""
    for name in ("docs", "circulars", "faq", "plugins", "mkdocs.yml", "taxonomy.yml", "pyproject.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once, in strict mode, at the fixed test date."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="session")
def sample_corpus():
    """The sample corpus loaded by the core, with its diagnostics."""
    from regkb.sources import load_corpus

    os.environ.setdefault("REGKB_TODAY", TODAY)
    return load_corpus(ROOT)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the tests of one module (skipped with a message when missing)."""
    from browser import chromium

    with chromium() as driver:
        yield driver
