"""Every internal link and anchor of the built sample site resolves; the sitemap lists both
languages with hreflang alternates (issue 9)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from regkb.site_check import check_site

SITE_URL = "https://regkb.example.be/"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def test_every_internal_link_and_anchor_resolves(sample_site: Path) -> None:
    broken = check_site(sample_site, SITE_URL)
    assert broken == [], "\n".join(map(str, broken[:40]))


def test_the_checker_finds_broken_links_anchors_and_feed_urls(tmp_path: Path) -> None:
    """The checker itself can fail: a missing page, a missing anchor, a bad sitemap or feed entry."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top" id="top">ok</a>'
        '<a href="a/#nowhere">bad anchor</a><a href="missing/">bad page</a>'
        '<a href="https://elsewhere.example/x">external</a><a href="mailto:x@example.be">mail</a>'
        f'<a href="{SITE_URL}a/">absolute ok</a><a href="/gone.html">root-relative bad</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">here</h2><img src="../pic.png" alt="">')
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://regkb.example.be/nope/</loc>'
        '<xhtml:link rel="alternate" hreflang="nl" href="https://regkb.example.be/a/"/></url></urlset>')
    (tmp_path / "cal.ics").write_text("BEGIN:VEVENT\r\nURL:https://regkb.example.be/a/#gone\r\nEND:VEVENT\r\n")
    found = {(b.page, b.target) for b in check_site(tmp_path, SITE_URL)}
    assert found == {
        ("index.html", "a/#nowhere"), ("index.html", "missing/"), ("index.html", "/gone.html"),
        ("a/index.html", "../pic.png"), ("sitemap.xml", "https://regkb.example.be/nope/"),
        ("cal.ics", "https://regkb.example.be/a/#gone"),
    }


def _pages(site: Path) -> set[str]:
    """The URL of every built page (not the 404 page, not Pagefind's files)."""
    urls = set()
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pagefind/") or "/fr-nl/" in rel:  # FR ‖ NL: a bilingual reading view
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:400]:  # an article without history
            continue
        urls.add(SITE_URL + rel[: -len("index.html")])
    return urls


def test_sitemap_lists_every_page_of_both_languages_with_hreflang(sample_site: Path) -> None:
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
    assert set(entries) == _pages(sample_site)
    assert any(loc.startswith(SITE_URL + "nl/") for loc in entries)
    for loc, alternates in entries.items():
        assert set(alternates) == {"fr", "nl", "x-default"}, loc
        assert loc in (alternates["fr"], alternates["nl"]), loc
        for lang in ("fr", "nl"):  # reciprocal: each alternate lists the same set
            assert entries[alternates[lang]] == alternates, loc
    version = SITE_URL + "regulations/ar-1996-07-03/2019-01-01/"
    assert entries[version]["nl"] == SITE_URL + "nl/regulations/ar-1996-07-03/2019-01-01/"
    # no second, language-less sitemap from static-i18n's inner build
    assert not (sample_site / "nl" / "sitemap.xml").exists()


def test_language_switcher_and_hreflang_land_on_the_same_document(sample_site: Path) -> None:
    for page, lang, other in (("regulations/ar-1996-07-03/2024-07-01/diff/index.html", "fr", "nl"),
                              ("nl/faq/kine-nombre-seances/index.html", "nl", "fr")):
        soup = BeautifulSoup((sample_site / page).read_text(encoding="utf-8"), "html.parser")
        switch = soup.select_one(f'.md-select__link[hreflang="{other}"]')
        assert switch is not None, page
        target = (sample_site / page).parent / switch["href"]
        assert (target / "index.html").resolve().is_file(), (page, switch["href"])
        neutral = page.removeprefix("nl/")
        expected = neutral if other == "fr" else "nl/" + neutral
        assert (target / "index.html").resolve() == (sample_site / expected).resolve()
        head = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        assert head[other] == SITE_URL + expected.removesuffix("index.html")
        assert head[lang] == SITE_URL + page.removesuffix("index.html")
