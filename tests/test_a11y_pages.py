"""Accessibility of the built sample beyond axe (tests/test_accessibility.py): the theme's words in
the reader's language, the FR ‖ NL pages' headings and languages, wide tables in boxes a keyboard
reaches (and no page wider than a 360-pixel phone), and what a printed page says of its dates.

Static checks parse the session's built sample (conftest.sample_site); layout, keyboard and
print checks run in headless Chromium on it (skipped with a message without Chromium)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from browser import as_phone, chromium, serve, settle
from regkb import catalogue
from regkb.core.dates import format_date

DOC = "regulations/ar-1996-07-03/"
SBS = DOC + "2024-07-01/fr-nl/"
SITE_URL = "https://regkb.example.be/"
PREFIX = {"fr": "", "nl": "nl/"}


def _pages(site: Path):
    """(path, language, soup) of every HTML page but Pagefind's and the article redirects."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        soup = BeautifulSoup(html, "html.parser")
        yield rel, soup.html.get("lang", "fr")[:2], soup


def _lang_of(element) -> str:
    owner = element if element.has_attr("lang") else element.find_parent(attrs={"lang": True})
    return (owner.get("lang") if owner is not None else "fr")[:2]


def _material_words(lang: str) -> dict[str, str]:
    import material

    source = (Path(material.__file__).parent / "templates/partials/languages" / f"{lang}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'"([\w.]+)": "([^"]*)"', source))


# --- 1. the theme's words ----------------------------------------------------------------------
def test_theme_words_come_from_the_catalogue_in_the_readers_language(sample_site: Path) -> None:
    """Material's Dutch says "Header" and "Footer", its footer "Made with" in every language:
    every interface word of every page is the catalogue's, in the page's language."""
    english = {value for key, value in _material_words("en").items()
               if key in catalogue.words("fr")["theme"] and len(value) > 3} | {"Made with"}
    checked = 0
    problems = []
    for rel, lang, soup in _pages(sample_site):
        header = soup.select_one("nav.md-header__inner")
        if header is None:  # the FR ‖ NL pages have no theme (below)
            continue
        theme = catalogue.words(lang)["theme"]
        assert header["aria-label"] == theme["header"], rel
        for selector, key in ((".md-skip", "action.skip"), (".md-top", "top")):  # a page without headings has no skip link
            element = soup.select_one(selector)
            assert element is None or " ".join(element.get_text().split()) == theme[key], (rel, selector)
        assert soup.select_one(".md-search__input")["placeholder"] == theme["search.placeholder"], rel
        copyright_ = soup.select_one(".md-copyright")
        said = " ".join(copyright_.get_text().split())
        assert said == theme["generator"].format(name="Material for MkDocs"), (rel, said)
        assert copyright_.select_one("a")["lang"] == "en", rel
        config = json.loads(soup.select_one("#__config").string)
        assert config["translations"]["clipboard.copy"] == theme["clipboard.copy"], rel
        for element in soup.body.find_all(True):
            if element.name in ("script", "style") or _lang_of(element) == "en":
                continue
            values = [s.strip() for s in element.find_all(string=True, recursive=False)]
            values += [element.get(a, "").strip() for a in ("aria-label", "title", "placeholder", "alt")]
            problems += [(rel, element.name, v) for v in values if v in english]
        problems += [(rel, "__config", v) for v in config["translations"].values() if v in english]
        checked += 1
    assert checked > 200
    assert not problems, problems[:10]


def test_theme_words_are_complete_in_french_and_dutch() -> None:
    fr, nl = catalogue.words("fr")["theme"], catalogue.words("nl")["theme"]
    assert fr.keys() == nl.keys()
    material = _material_words("en")
    assert set(fr) - {"generator"} <= set(material), "theme: keys are Material's lang.t keys"
    for key in fr:
        assert fr[key].strip() and nl[key].strip() and (fr[key] != nl[key] or key in ("search.share",)), key
    assert "{name}" in fr["generator"] and "{name}" in nl["generator"]


# --- 2. FR ‖ NL pages ----------------------------------------------------------------------------
def _sbs_pages(site: Path):
    for path in sorted(site.rglob("fr-nl/**/index.html")) + sorted(site.rglob("fr-nl/index.html")):
        yield path.relative_to(site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_side_by_side_pages_headings_and_languages(sample_site: Path) -> None:
    seen = set()
    count = 0
    for rel, soup in _sbs_pages(sample_site):
        if rel in seen:
            continue
        seen.add(rel)
        count += 1
        assert soup.html["lang"] == "fr", rel
        headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
        assert headings[0].name == "h1" and len(soup.find_all("h1")) == 1, rel
        previous = 1
        for heading in headings[1:]:
            level = int(heading.name[1])
            assert level <= previous + 1, f"{rel}: h{previous} -> h{level} ({heading.get_text(strip=True)[:40]})"
            previous = level
        assert soup.h1.select_one('span[lang="nl"]') is not None, rel
        for row in soup.select(".regkb-sbs-row:not(.regkb-sbs-labels)"):
            assert [cell.get("lang") for cell in row.select(":scope > .regkb-sbs-cell")] == ["fr", "nl"], (rel, row.get("id"))
        for link in soup.select("header a"):
            assert link.get("lang", "fr") == ("nl" if "/nl/" in link["href"] else "fr"), (rel, link)
        # every Dutch word of the page chrome is marked: the intro's and the title's
        for element in soup.select("main > p"):
            if "Nederlands" in element.get_text():
                assert element.select_one('[lang="nl"]') is not None, (rel, element)
    assert count >= 5


def _unit(key: str, source: str):
    return SimpleNamespace(key=key, source=source)


@pytest.mark.parametrize("depths, expected", [
    ([2, 2, 2], [2, 2, 2]),                    # chapters and articles at ##: all h2
    ([2, 3, 3, 2, 3], [2, 3, 3, 2, 3]),       # articles one level under their chapter
    ([4, 4], [2, 2]),                          # a text without chapters, its articles at ####
    ([2, 4, 4, 3, 4], [2, 3, 3, 3, 4]),       # a section left out: no skip from h2 to h4
    ([3, 5], [2, 3]),                          # a long view's changed articles, without their chapters
    ([2, 3, 4, 5, 6, 6], [2, 3, 4, 5, 6, 6]),  # never deeper than h6
])
def test_side_by_side_heading_levels_never_skip(depths: list[int], expected: list[int]) -> None:
    """The levels follow the reading order: each row's French cell, then its Dutch one."""
    from regkb.pages.sidebyside import _levels

    rows = [(f"r{i}", _unit(f"u{i}", "#" * d + f" Art. {i}\n\nText"), _unit(f"u{i}", "#" * d + f" Artikel {i}\n\nTekst"))
            for i, d in enumerate(depths)]
    rows.insert(0, ("preamble", _unit("preamble", "Considérant ..."), None))
    levels = _levels(rows)
    assert [levels[f"r{i}", "fr"] for i in range(len(depths))] == expected
    assert [levels[f"r{i}", "nl"] for i in range(len(depths))] == expected
    assert ("preamble", "fr") not in levels


def test_side_by_side_rows_missing_in_one_language_keep_the_order() -> None:
    from regkb.pages.sidebyside import _levels

    rows = [("a", _unit("a", "## Chapitre I"), None), ("b", None, _unit("b", "#### Artikel 1")),
            ("c", _unit("c", "### Art. 2"), _unit("c", "### Artikel 2"))]
    levels = _levels(rows)
    assert levels == {("a", "fr"): 2, ("b", "nl"): 2, ("c", "fr"): 3, ("c", "nl"): 2}  # each column its own structure


# --- 3. tables -----------------------------------------------------------------------------------
def test_every_table_is_in_a_focusable_named_box(sample_site: Path) -> None:
    tables = 0
    for rel, _lang, soup in _pages(sample_site):
        for table in soup.find_all("table"):
            if table.find_parent("table") is not None:
                continue
            tables += 1
            box = table.find_parent("div", class_="regkb-scroll")
            assert box is not None, (rel, str(table)[:120])
            assert box.get("role") == "region" and box.get("tabindex") == "0", (rel, box.attrs)
            assert box.get("aria-label", "").strip() not in ("", "—"), (rel, box.attrs)
            assert box.find_parent("div", class_="regkb-scroll") is None, rel
    assert tables >= 100


def test_table_boxes_are_labelled_by_caption_heading_or_columns() -> None:
    from regkb.pages.tables import scroll_tables

    table = "<table><thead><tr><th>Code</th><th>Montant &amp; TVA</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    boxed = BeautifulSoup(scroll_tables("<h2 id='x'>Tarifs <em>2025</em></h2><p>…</p>" + table), "html.parser")
    assert boxed.select_one(".regkb-scroll")["aria-label"] == "Tarifs 2025"
    boxed = BeautifulSoup(scroll_tables(table), "html.parser")
    assert boxed.select_one(".regkb-scroll")["aria-label"] == "Code, Montant & TVA"
    captioned = table.replace("<thead>", "<caption>Les honoraires</caption><thead>")
    boxed = BeautifulSoup(scroll_tables("<h3>Autre</h3>" + captioned), "html.parser")
    assert boxed.select_one(".regkb-scroll")["aria-label"] == "Les honoraires"
    nested = table.replace("<td>1</td>", "<td>" + table + "</td>")
    once = scroll_tables("<h2>Deux</h2>" + nested + "<h2>Trois</h2>" + table)
    soup = BeautifulSoup(once, "html.parser")
    assert [b["aria-label"] for b in soup.select(".regkb-scroll")] == ["Deux", "Trois"]
    assert scroll_tables(once) == once  # converted again: not boxed twice
    assert scroll_tables("<p>no table</p>") == "<p>no table</p>"
    from regkb.pages.sanitize import sanitize  # what scroll_tables is given: a table in an attribute is words

    hostile = sanitize('<p title="<table><tr><td><img src=x onerror=alert(1)></td></tr></table>">x</p>')
    assert scroll_tables(hostile) == hostile
    quoted = BeautifulSoup(scroll_tables('<h2>"Tarifs" <b>&lt;x&gt;</b></h2>' + table), "html.parser")
    assert quoted.select_one(".regkb-scroll")["aria-label"] == '"Tarifs" <x>'


PHONE_PAGES = [DOC, DOC + "2019-01-01/", DOC + "art-7/", DOC + "2024-07-01/diff/", SBS, "regulations/",
               "circulars/circ-oa-2025-3/", "conventions/conv-loco-liege/", "conventions/conv-loco-liege/art-4/",
               "faq/kine-nombre-seances/", "agenda/"]
OVERFLOW = ("const W = arguments[0]; return Array.from(document.querySelectorAll('body *')).filter(e => {"
            " const r = e.getBoundingClientRect(); return r.width && r.right > W + 1"
            " && ![...e.children].some(c => c.getBoundingClientRect().right > W + 1)"
            " && !e.closest('.md-dialog, .md-sidebar, .md-search, .regkb-scroll, pre, .regkb-sr'); })"
            ".slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));")
SCROLLERS = ("return [...document.querySelectorAll('table')].filter(t => !t.parentElement.closest('table')).map(t => {"
             " let s = null; for (let e = t; e && e !== document.body; e = e.parentElement)"
             " { if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') { s = e; break; } }"
             " return s ? s.className : ''; });")


@pytest.fixture(scope="module")
def phone(sample_site: Path):
    with serve(sample_site) as base, chromium() as driver:
        as_phone(driver, 360)
        yield driver, base


def _settle(driver) -> None:
    settle(driver, 200)


def test_no_sideways_page_scroll_at_360_pixels_and_tables_scroll_in_their_box(phone, sample_site: Path) -> None:
    driver, base = phone
    wide, scrolled = [], 0
    for path in PHONE_PAGES + ["nl/" + p for p in PHONE_PAGES if p != SBS]:
        file = sample_site / path / "index.html"
        assert file.is_file(), path
        driver.get(base + path)
        _settle(driver)
        width = driver.execute_script("return document.documentElement.scrollWidth")
        culprits = driver.execute_script(OVERFLOW, 360)
        if width > 360 or culprits:
            wide.append((path, width, culprits))
        for scroller in driver.execute_script(SCROLLERS):
            # a table wider than the phone scrolls in its box, never in the page or the table itself
            assert scroller in ("", "regkb-scroll"), (path, scroller)
            scrolled += scroller == "regkb-scroll"
    assert not wide, wide
    assert scrolled >= 4  # the versions tables, at least, are wider than 360 pixels


LONG_WORDS = ("arbeidsongeschiktheidsverzekeringsinstellingsaansprakelijkheidsregelingsovereenkomsten "
              "https://www.ejustice.just.fgov.be/eli/arrete/1996/07/03/1996022523/justel#Art.7bis-10°-quinquiesdecies")


@pytest.mark.parametrize("path, selectors", [
    (SBS, ".regkb-sbs-cell[lang=nl] p, .regkb-sbs-cell[lang=fr] h2, h1"),
    (DOC + "art-7/", ".regkb-text p, article h1"),
    ("nl/" + DOC + "2019-01-01/", ".regkb-text p, .regkb-facts dd, article h1"),
    ("nl/faq/kine-nombre-seances/", "article p, article h1"),
    ("circulars/circ-oa-2025-3/", "article td, article p"),
])
def test_long_words_wrap_on_a_phone(phone, path: str, selectors: str) -> None:
    """A Dutch compound or an address longer than the screen breaks (in its own language's
    hyphenation where the browser has it) instead of widening the page."""
    driver, base = phone
    driver.get(base + path)
    _settle(driver)
    added = driver.execute_script(
        "let n = 0; for (const s of arguments[0].split(', ')) { const e = document.querySelector(s);"
        " if (e) { e.appendChild(document.createTextNode(' ' + arguments[1])); n++; } } return n;", selectors, LONG_WORDS)
    assert added == len(selectors.split(", ")), "a selector matches nothing: the page changed"
    _settle(driver)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    culprits = driver.execute_script(OVERFLOW, 360)
    assert width <= 360 and not culprits, (width, culprits)


def test_a_wide_table_is_read_with_the_keyboard_only(phone) -> None:
    """Tab reaches the box of the versions table; the arrow keys scroll it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver, base = phone
    driver.get(base + DOC)
    _settle(driver)
    for _ in range(120):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.matches('.regkb-scroll')"):
            break
    else:
        raise AssertionError("no table box reached with Tab")
    box = driver.switch_to.active_element
    assert box.get_attribute("aria-label") == catalogue.label("fr", "versions")
    assert driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", box)
    style = driver.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style
    ActionChains(driver).send_keys(*[Keys.ARROW_RIGHT] * 6).perform()
    driver.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert driver.execute_script("return arguments[0].scrollLeft", box) > 0


# --- 4. print ------------------------------------------------------------------------------------
def _version(soup) -> tuple[dt.date, dt.date | None]:
    data = json.loads(soup.select_one("#regkb-doc").string)
    shown = next(v for v in data["versions"] if v["key"] == data["shown"])
    until = dt.date.fromisoformat(shown["until"]) - dt.timedelta(days=1) if shown.get("until") else None
    return dt.date.fromisoformat(shown["from"]), until


def test_every_page_carries_its_printed_address_and_dates(sample_site: Path) -> None:
    """On paper (regkb.css @media print): the page's address, the build day written out, the
    line the script fills with the reader's day; a version's dates on the text and version pages."""
    from conftest import TODAY

    checked = versioned = 0
    for rel, lang, soup in _pages(sample_site):
        paper = soup.select_one(".regkb-print-url")
        if rel == "404.html" or soup.select_one("nav.md-header__inner") is None:
            continue
        assert paper is not None, rel
        checked += 1
        neutral = rel.removeprefix("nl/").removesuffix("index.html")
        assert SITE_URL + PREFIX[lang] + neutral in paper.get_text(), rel
        assert format_date(dt.date.fromisoformat(TODAY), lang) in paper.get_text(), rel
        consulted = paper.select_one("[data-regkb-consulted]")
        assert consulted is not None and consulted.has_attr("hidden") and consulted.select_one("time") is not None, rel
        if soup.select_one("#regkb-doc") is not None and re.search(r"regulations/[^/]+/(\d{4}-\d\d-\d\d/)?$", neutral):
            start, end = _version(soup)
            line = paper.select_one(".regkb-print-version").get_text()
            assert format_date(start, lang) in line, (rel, line)
            assert end is None or format_date(end, lang) in line, (rel, line)
            versioned += 1
    assert checked > 200 and versioned >= 20


@pytest.fixture(scope="module")
def printer(sample_site: Path):
    with serve(sample_site) as base, chromium() as driver:
        yield driver, base


def _pdf_text(driver) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(base64.b64decode(driver.print_page())))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("path, lang, expected", [
    (DOC + "2019-01-01/", "fr", "Version en vigueur du 1er janvier 2019 au 30 juin 2022"),
    ("nl/" + DOC + "2022-07-01/", "nl", "Versie van kracht van 1 juli 2022 tot en met 30 juni 2024"),
    ("nl/" + DOC + "art-7/", "nl", "Versie van kracht"),
    (DOC + "2024-07-01/diff/", "fr", "Version en vigueur du 1er juillet 2024"),
])
def test_a_printed_page_says_when_it_was_consulted_and_which_version(printer, path, lang, expected) -> None:
    driver, base = printer
    driver.get(base + path + "?today=2027-01-15")  # the reader's day (regkb.js honours ?today=)
    _settle(driver)
    text = _pdf_text(driver)
    theme = catalogue.words(lang)
    assert expected in text
    assert theme["labels"]["print_consulted"].strip() + " " + format_date(dt.date(2027, 1, 15), lang) in text
    assert theme["labels"]["print_state"].strip() + " " + format_date(dt.date(2026, 11, 22), lang) in text
    assert SITE_URL + path in text.replace(" ", "") or SITE_URL + path in text
    assert theme["theme"]["action.skip"] not in text  # nor the header, the navigation, the search


def test_the_printed_side_by_side_page_dates_itself_in_both_languages(printer) -> None:
    driver, base = printer
    driver.get(base + SBS + "?today=2027-01-15")
    _settle(driver)
    text = _pdf_text(driver)
    for lang in ("fr", "nl"):
        labels = catalogue.words(lang)["labels"]
        assert labels["print_url"].strip() in text
        assert labels["print_consulted"].strip() + " " + format_date(dt.date(2027, 1, 15), lang) in text
        assert format_date(dt.date(2024, 7, 1), lang) + (" au " if lang == "fr" else " tot en met ") in text
    shown = "return getComputedStyle(document.querySelector(arguments[0])).display"
    assert driver.execute_script(shown, ".regkb-print-url") == "none"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script(shown, "body > header") == "none"  # the links to the version pages
        assert driver.execute_script(shown, ".regkb-print-url") == "block"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
