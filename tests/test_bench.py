"""The benchmark's generated corpus is a valid project, and build_bench reports in its format.

No timing is asserted: only that the corpus checks clean, builds in strict mode with about the
requested number of pages, is deterministic, and that the report's last line is parseable.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from regkb.sources import load_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import make_corpus  # noqa: E402

ENV = dict(os.environ, REGKB_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1")
LAST_LINE = re.compile(r"^pages=(\d+) build_s=([\d.]+) floor_s=([\d.]+) ratio=([\d.]+) peak_mb=(\d+)$")


def test_corpus_checks_clean_and_builds_about_the_requested_pages(tmp_path):
    project = tmp_path / "project"
    make_corpus(project, 200)
    corpus, diagnostics = load_corpus(project)
    assert [d.format() for d in diagnostics.sorted()] == []
    kinds = {d.kind.value for d in corpus}
    assert {"royal-decree", "convention", "circular"} <= kinds
    assert any(len(d.versions) >= 3 for d in corpus)
    assert corpus.references.references  # the texts cite each other

    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = list(site.rglob("index.html"))
    # themed pages only: not the FR ‖ NL views nor the static pages of articles without a history
    pages = [p for p in pages if "/fr-nl/" not in p.as_posix() and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:400]]
    assert 150 <= len(pages) <= 300
    diff = next(p for p in site.glob("regulations/*/*/diff/index.html"))
    soup = BeautifulSoup(diff.read_text(encoding="utf-8"), "html.parser")
    assert soup.select("section.regkb-diff-article")  # the diff did real work


def test_same_seed_same_corpus(tmp_path):
    make_corpus(tmp_path / "a", 120, seed=3)
    make_corpus(tmp_path / "b", 120, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.md"))
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def test_build_bench_last_line(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "build_bench.py"), "--pages", "80",
                             "--keep", str(tmp_path / "bench")], env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    match = LAST_LINE.match(result.stdout.strip().splitlines()[-1])
    assert match, result.stdout
    assert int(match[1]) == len(list((tmp_path / "bench" / "site").rglob("index.html")))
