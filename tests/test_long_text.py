"""A long text (over articlepage.LONG_TEXT_ARTICLES) built by `regkb build`: its FR ‖ NL view of the
version in force, paged, holds every article in both languages, from the units its article pages
convert (pages/unithtml.py, sidebyside.Share), and every relative link of those pages lands on a
page of the site."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conftest import copy_project
from test_parallel_build import regkb_build

ROOT = Path(__file__).resolve().parents[1]
HREF = re.compile(r'href="(?![a-z]+:|#|/)([^"#]*)(?:#[^"]*)?"')


def test_long_text_side_by_side_pages(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import make_corpus

    project = copy_project(tmp_path / "project")
    made = make_corpus.big_text(project, articles=320, versions=4)
    site = tmp_path / "site"
    result = regkb_build(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    base = site / "regulations" / make_corpus.BIG_TEXT_ID
    assert 'class="regkb-text regkb-long-toc"' in (base / "index.html").read_text(encoding="utf-8")
    pages = sorted((base / "fr-nl").rglob("index.html"))
    assert len(pages) >= 320 // 60
    rows = fr = nl = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<!--regkb-sbs" not in html
        rows += len(re.findall(r'<div class="regkb-sbs-row" id="art-[^"]*(?<!-h\d)(?<!-h\d\d)"', html))
        fr += len(re.findall(r'<div class="regkb-sbs-cell" lang="fr"><h\d class="regkb-sbs-head">Art', html))
        nl += len(re.findall(r'<div class="regkb-sbs-cell" lang="nl"><h\d class="regkb-sbs-head">Art', html))
        for target in HREF.findall(html):
            landed = (page.parent / target).resolve()
            assert (landed / "index.html").exists() or landed.is_file(), (page, target)
    assert rows >= made["articles"] and fr == rows and nl == rows
