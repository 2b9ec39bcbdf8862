"""A long, much-amended text (over articlepage.LONG_TEXT_ARTICLES, over 21 versions) built by
`regkb build`: its FR ‖ NL view of the version in force, paged, holds every article in both
languages, from the units its article pages convert (pages/unithtml.py, sidebyside.Share), and
every relative link of those pages lands on a page of the site; its version pages carry their
neighbours only, and "as in force on" still reaches any version (through versions.json)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from test_parallel_build import regkb_build

ROOT = Path(__file__).resolve().parents[1]
HREF = re.compile(r'href="(?![a-z]+:|#|/)([^"#]*)(?:#[^"]*)?"')


VERSIONS = 24


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, str]:
    sys.path.insert(0, str(ROOT / "bench"))
    import make_corpus

    tmp = tmp_path_factory.mktemp("long")
    project = copy_project(tmp / "project")
    made = make_corpus.big_text(project, articles=320, versions=VERSIONS)
    site = tmp / "site"
    result = regkb_build(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site, made, "regulations/" + make_corpus.BIG_TEXT_ID


def test_long_text_side_by_side_pages(long_site):
    site, made, text = long_site
    base = site / text
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


def _page_data(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    return json.loads(html.split('id="regkb-doc">', 1)[1].split("</script>", 1)[0])


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_version_pages_carry_their_neighbours_and_the_form_reaches_any_version(long_site, prefix):
    from browser import chromium, serve
    from selenium.webdriver.support.ui import WebDriverWait

    site, _made, text = long_site
    listed = json.loads((site / prefix / text / "versions.json").read_text(encoding="utf-8"))["versions"]
    assert len(listed) == VERSIONS
    whole = _page_data(site / prefix / text / "index.html")  # the text's page: every version
    assert [v["key"] for v in whole["versions"]] == [v["key"] for v in listed] and "all" not in whole
    first = listed[0]["key"]
    data = _page_data(site / prefix / text / first / "index.html")
    assert len(data["versions"]) == 11 and data["first"] == first  # itself and the 10 after it
    assert data["all"] == "../versions.json"
    for entry in listed:  # addresses relative to the list's folder, each a built page
        assert (site / prefix / text / entry["url"] / "index.html").is_file(), entry
    last = listed[-1]["key"]
    with serve(site) as url, chromium() as driver:
        driver.get(f"{url}{prefix}{text}/{first}/")
        WebDriverWait(driver, 30).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && !!window.regkbDates"))
        driver.execute_script("var i = document.querySelector('form[data-regkb-asof] input'); i.value = arguments[0];"
                              "document.querySelector('form[data-regkb-asof] button').click();", last)
        WebDriverWait(driver, 20).until(lambda d: d.current_url.endswith(f"/{text}/{last}/"))
        assert driver.current_url == f"{url}{prefix}{text}/{last}/"
