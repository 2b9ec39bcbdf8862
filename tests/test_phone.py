"""The sample site on a phone (320 CSS pixels, the narrowest in use), in real headless Chromium:
no page scrolls sideways (a wide table scrolls inside its own box), and the language switcher
lands on the same page in the other language."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import as_phone, chromium, serve, settle

DOC = "regulations/ar-1996-07-03/"
# the versions table (its hidden dates for screen readers), a convention's, the search page
# with its filters, an article, a diff and the FR ‖ NL view, in both languages
PAGES = [DOC, DOC + "2019-01-01/", DOC + "art-7/", DOC + "2024-07-01/diff/", "conventions/conv-loco-liege/",
         "search/?q=kine", "agenda/", "faq/honoraire-date-prestation/"]
WIDE = ("const W = arguments[0]; return [document.documentElement.scrollWidth,"
        " Array.from(document.querySelectorAll('body *')).filter(e => { const r = e.getBoundingClientRect();"
        " return r.width && r.right > W + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > W + 1)"
        " && !e.closest('.md-dialog, .md-sidebar, .md-search'); }).slice(0, 3)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))];")


@pytest.fixture(scope="module")
def phone(sample_site: Path):
    with serve(sample_site) as base, chromium() as driver:
        as_phone(driver, 320)
        yield driver, base


def _settle(driver) -> None:
    settle(driver, 300)


def test_no_page_is_wider_than_a_phone(phone, sample_site: Path) -> None:
    driver, base = phone
    wide = []
    for path in PAGES + ["nl/" + p for p in PAGES] + [DOC + "2024-07-01/fr-nl/"]:
        assert (sample_site / path.split("?")[0] / "index.html").is_file(), path
        driver.get(base + path)
        if "?q=" in path:  # the results and the filters are drawn by the script
            from selenium.webdriver.support.ui import WebDriverWait

            WebDriverWait(driver, 20).until(lambda d: d.execute_script(
                "return !!document.querySelector('[data-regkb-search=page][data-regkb-done]')"
                " && !document.querySelector('[data-regkb-filters]').hidden"))
        _settle(driver)
        scroll_width, culprits = driver.execute_script(WIDE, 320)
        if scroll_width > 320:
            wide.append((path, scroll_width, culprits))
    assert not wide, wide


@pytest.mark.parametrize("start, other", [(DOC + "art-7/", "nl/" + DOC + "art-7/"),
                                          ("nl/" + DOC + "2024-07-01/diff/", DOC + "2024-07-01/diff/")])
def test_language_switcher_lands_on_the_same_page(phone, start: str, other: str) -> None:
    driver, base = phone
    driver.get(base + start)
    _settle(driver)
    target = "fr" if start.startswith("nl/") else "nl"
    driver.find_element("css selector", ".md-header__option .md-select > button").click()
    link = driver.find_element("css selector", f'.md-select__link[hreflang="{target}"]')
    driver.execute_script("arguments[0].click()", link)  # the list opens on hover/focus in Material
    _settle(driver)
    assert driver.current_url == base + other
    assert driver.execute_script("return document.documentElement.lang") == target


def test_a_dutch_page_describes_itself_in_dutch(sample_site: Path) -> None:
    """The pages without a description of their own take the site's: the Dutch ones took the
    French one (34 pages: the circulars' years, the FAQ's topics, the diffs, the search page)."""
    import yaml

    from bs4 import BeautifulSoup

    from conftest import ROOT

    french = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))["site_description"]
    described = 0
    for page in sorted((sample_site / "nl").rglob("index.html")):
        meta = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one('meta[name="description"]')
        if meta is not None:
            assert meta["content"] != french, page
            described += "geneeskundige verzorging" in meta["content"]
    assert described >= 20  # the site's own Dutch description, on the pages with none of their own


def test_a_language_without_its_own_site_description_is_reported(tmp_path: Path) -> None:
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if not line.strip().startswith("site_description: Wetten")),
                      encoding="utf-8")
    result = build_site(project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert "mkdocs.yml: language 'nl' has no site_description of its own" in result.stderr
    assert "under plugins > i18n > languages" in result.stderr
