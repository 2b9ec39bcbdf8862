"""The sample site on a phone (320 CSS pixels, the narrowest in use), in real headless Chromium:
no page scrolls sideways (a wide table scrolls inside its own box), and the language switcher
lands on the same page in the other language."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import as_phone, chromium, serve

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
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => setTimeout(r, 300)))")


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
