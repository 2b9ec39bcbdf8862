"""`regkb build` (what `make site` runs) builds each language in its own process: the result must be
the very site `mkdocs build` makes, and bad input must still fail clearly, reported once."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TODAY, copy_project


def regkb_build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, REGKB_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "regkb.cli", "--root", str(project), "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)


def all_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_parallel_build_makes_the_same_site_as_mkdocs_build(tmp_path, sample_site):
    site = tmp_path / "site"
    result = regkb_build(ROOT, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert all_files(site) == all_files(sample_site)
    different = [name for name in sorted(all_files(site))
                 if not filecmp.cmp(site / name, sample_site / name, shallow=False)]
    assert different == []
    assert (site / "nl" / "regulations" / "ar-1996-07-03" / "index.html").exists()
    assert (site / "pagefind" / "pagefind.js").exists()


def test_parallel_build_fails_clearly_and_reports_each_problem_once(tmp_path):
    project = copy_project(tmp_path / "project")
    broken = project / "docs" / "nl" / "regulations" / "ar-1996-07-03" / "2024-07-01.md"
    broken.write_text("---\nin_force: 2024-07-32\n---\n## Artikel 1\nTekst.\n", encoding="utf-8")
    result = regkb_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    location = "docs/nl/regulations/ar-1996-07-03/2024-07-01.md:2:"
    assert output.count(location) == 1, output[-3000:]
    assert "Traceback" not in output


def test_language_process_keeps_mkdocs_exit_codes(tmp_path):
    """A language process (`regkb.commands.language`) leaves without the interpreter's teardown,
    with MkDocs' own exit code and its output flushed."""
    def language(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "regkb.commands.language", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)

    version = language("--version")
    assert version.returncode == 0 and "mkdocs" in version.stdout.lower()
    wrong = language("build", "--no-such-option")
    assert wrong.returncode == 2 and "no-such-option" in wrong.stderr
    missing = language("build", "-f", str(tmp_path / "absent.yml"))
    assert missing.returncode != 0 and "absent.yml" in missing.stderr
