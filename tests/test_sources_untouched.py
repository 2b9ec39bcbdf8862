"""The build and the checks write only under site/ and the git-ignored .cache/ (issue 9).

Staff rely on the build to stop mistakes, never to lose or rewrite their sources: every file of a
copied project is fingerprinted (path, mtime, size, sha256) before `mkdocs build` and `regkb check`,
and compared after; `regkb new` refuses to overwrite an existing text.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import TODAY, build_site, copy_project

WRITABLE = ("site", ".cache")  # the build output and the git-ignored cache (see .gitignore)


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts[0] in WRITABLE or not path.is_file():
            continue
        stat = path.stat()
        out[rel.as_posix()] = (stat.st_mtime_ns, stat.st_size, hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def _regkb(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, REGKB_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(project), *args], cwd=project,
                          env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)


def test_build_and_check_never_touch_the_sources(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = _snapshot(project)
    assert before, "nothing copied"
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    check = _regkb(project, "check")
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    after = _snapshot(project)
    assert sorted(set(after) - set(before)) == [], "new files outside site/ and .cache/"
    assert sorted(set(before) - set(after)) == [], "files removed"
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [], changed
    assert (project / "site" / "index.html").is_file()
    top_level = {path.name for path in project.iterdir()}
    assert top_level <= {"docs", "circulars", "faq", "plugins", "mkdocs.yml", "taxonomy.yml", "pyproject.toml", *WRITABLE}


def test_regkb_new_never_overwrites(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = _snapshot(project)
    result = _regkb(project, "new", "question", "--id", "kine-nombre-seances", "--topic", "physiotherapy",
                    "--audience", "patients", "--question-fr", "Une autre question ?",
                    "--question-nl", "Een andere vraag?")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert _snapshot(project) == before
