"""A document page prints cleanly: no navigation, the full text, its dates and its address (issue 9).

Chromium prints the page to PDF (DevTools Page.printToPDF, through selenium's print_page) and the
PDF's text is read back with pypdf; the print styles are also checked with emulated print media.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import chromium, serve

SITE_URL = "https://regkb.example.be/"
DOC = "regulations/ar-1996-07-03/"


@pytest.fixture(scope="module")
def browser_on_site(sample_site: Path):
    with serve(sample_site) as base, chromium() as driver:
        yield driver, base


def _pdf_text(driver) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(base64.b64decode(driver.print_page())))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("lang,prefix,address", [("fr", "", "Adresse de cette page"), ("nl", "nl/", "Adres van deze pagina")])
def test_document_page_prints_text_dates_and_address_without_navigation(browser_on_site, sample_site, lang, prefix, address) -> None:
    driver, base = browser_on_site
    html = BeautifulSoup((sample_site / prefix / DOC / "index.html").read_text(encoding="utf-8"), "html.parser")
    driver.get(base + prefix + DOC)
    text = _pdf_text(driver)
    squash = lambda value: " ".join(value.split())  # noqa: E731 - PDF text loses line breaks
    # the whole text: every article heading of the version shown, its first and last words
    body = html.select_one(".regkb-text")
    articles = [squash(h.get_text()) for h in body.find_all(["h2", "h3"]) if (h.get("id") or "").startswith("art-")]
    assert len(articles) >= 3
    for heading in articles:
        assert heading in text, heading
    last_words = squash(body.find_all("p")[-1].get_text())[-40:]
    assert last_words.split()[-1] in text
    # dates: the facts and the versions table
    for dd in html.select(".regkb-facts time"):
        assert squash(dd.get_text()) in text, dd
    assert html.select_one("#versions").get_text(strip=True) in text
    # the address of the page, on paper only
    assert f"{address}" in text and f"{SITE_URL}{prefix}{DOC}" in text
    # no navigation, header, search, footer or date form
    site_name = squash(html.select_one(".md-header__topic .md-ellipsis").get_text())
    assert site_name not in text
    checked = 0
    for element in html.select(".md-nav__link, .md-footer a, form[data-regkb-asof] label"):
        label = squash(element.get_text())
        if label and label not in squash(html.select_one("article").get_text()):
            assert label not in text, f"navigation printed: {label!r}"
            checked += 1
    assert checked >= 3


def test_print_media_hides_navigation_and_shows_the_address(browser_on_site) -> None:
    driver, base = browser_on_site
    driver.get(base + DOC)
    shown = "return getComputedStyle(document.querySelector(arguments[0])).display"
    assert driver.execute_script(shown, ".regkb-print-url") == "none"  # not on screen
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "form[data-regkb-asof]"):
            assert driver.execute_script(shown, selector) == "none", selector
        assert driver.execute_script(shown, ".regkb-print-url") == "block"
        url = driver.execute_script("return document.querySelector('.regkb-print-url').textContent")
        assert re.search(re.escape(SITE_URL + DOC), url)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
