"""A text amended more than pages.document.STABLE_TIMELINE times: its page lists the versions
around the one in force and links to its every version, listed on pages of their own (the
text's page grew by 0.7 kB a version, over 1,000 kB near 1,200 versions); each of those pages
holds at most a listing page of rows, and together they list every version, each link landing."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from test_parallel_build import regkb_build

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = 130
ROW = re.compile(r'<tr><td><a href="([^"]+)">')


@pytest.fixture(scope="module")
def amended_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    sys.path.insert(0, str(ROOT / "bench"))
    import make_corpus

    tmp = tmp_path_factory.mktemp("amended")
    project = copy_project(tmp / "project")
    make_corpus.big_text(project, articles=50, versions=VERSIONS)
    site = tmp / "site"
    result = regkb_build(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site, "regulations/" + make_corpus.BIG_TEXT_ID


def _timeline(html: str) -> str:
    return html.split('<table class="regkb-timeline">', 1)[1].split("</table>", 1)[0]


@pytest.mark.parametrize("prefix, label", [("", "Toutes les versions (130)"), ("nl/", "Alle versies (130)")])
def test_text_page_lists_neighbours_and_versions_pages_list_all(amended_site, prefix, label):
    from regkb.pages.document import STABLE_TIMELINE, TIMELINE_AROUND
    from regkb.pages.paging import LISTING_PAGE

    assert VERSIONS > STABLE_TIMELINE and VERSIONS > LISTING_PAGE  # the text's list spans pages
    site, text = amended_site
    base = site / prefix / text
    html = (base / "index.html").read_text(encoding="utf-8")
    assert len(ROW.findall(_timeline(html))) <= 2 * TIMELINE_AROUND + 1
    more = re.search(r'<p><a href="([^"]+)">' + re.escape(label) + "</a></p>", html)
    assert more and more.group(1) == "versions/"
    pages = [base / "versions" / "index.html"] + sorted((base / "versions" / "page").glob("*/index.html"))
    assert len(pages) == -(-VERSIONS // LISTING_PAGE)
    listed: list[Path] = []
    for page in pages:
        body = page.read_text(encoding="utf-8")
        links = ROW.findall(_timeline(body))
        assert 0 < len(links) <= LISTING_PAGE
        for link in links:
            landed = (page.parent / link).resolve()
            assert (landed / "index.html").is_file(), (page, link)
            listed.append(landed)
        assert 'href="' in body.split("</h1>", 1)[1].split("<table", 1)[0]  # back to the text
    assert len(set(listed)) == VERSIONS
    version_dirs = {p.parent for p in base.glob("*/index.html") if re.fullmatch(r"\d{4}-\d\d-\d\d", p.parent.name)}
    assert set(listed) == version_dirs
    some = sorted(version_dirs)[VERSIONS // 2] / "index.html"  # a version's page links there too
    assert re.search(r'<p><a href="\.\./versions/">' + re.escape(label) + "</a></p>", some.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("nl/", "nl")])
def test_versions_pages_pass_axe(browser, amended_site, prefix, lang):
    from browser import serve
    from test_accessibility import BLOCKING, VENDOR, _axe

    site, text = amended_site
    source = (VENDOR / "axe.min.js").read_text(encoding="utf-8")
    with serve(site) as url:
        for path in ("versions/", "versions/page/2/"):
            browser.get(f"{url}{prefix}{text}/{path}")
            assert browser.execute_script("return document.documentElement.lang") == lang
            blocking = [v for v in _axe(browser, source) if v["impact"] in BLOCKING]
            assert not blocking, (path, blocking)


def test_text_page_form_reaches_a_version_outside_its_window(browser, amended_site):
    """The text's page carries the versions around the one in force; "as in force on" a day long
    before them still opens that day's version (read from versions.json)."""
    import json

    from browser import serve
    from selenium.webdriver.support.ui import WebDriverWait

    site, text = amended_site
    listed = json.loads((site / text / "versions.json").read_text(encoding="utf-8"))["versions"]
    html = (site / text / "index.html").read_text(encoding="utf-8")
    data = json.loads(html.split('id="regkb-doc">', 1)[1].split("</script>", 1)[0])
    shown = {v["key"] for v in data["versions"]}
    target = listed[1]["key"]
    assert target not in shown and data["all"] == "./versions.json"
    with serve(site) as url:
        browser.get(f"{url}{text}/")
        WebDriverWait(browser, 30).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && !!window.regkbDates"))
        browser.execute_script("var i = document.querySelector('form[data-regkb-asof] input'); i.value = arguments[0];"
                               "document.querySelector('form[data-regkb-asof] button').click();", target)
        WebDriverWait(browser, 20).until(lambda d: d.current_url.endswith(f"/{text}/{target}/"))
