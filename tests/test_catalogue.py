"""One catalogue of words per language (issue 19 item 2): French and Dutch say the same things, the
page scripts carry the catalogue's words, and a third language (German) is added by configuration,
a catalogue file and a grammar module only, in a copy of the sample."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import build_site, copy_project
from regkb import catalogue, grammar
from regkb.catalogue import scripts
from regkb.core.kinds import Kind, all_kinds

GERMAN_LANGUAGE = """        - locale: de
          name: Deutsch
          build: true
          site_name: regkb – Regelung der Gesundheitspflegeversicherung
          site_description: Gesetze, Erlasse, Vereinbarungen, Rundschreiben und häufige Fragen der Gesundheitspflegeversicherung.
"""
GERMAN_WORDS = {
    "language": {"english": "German", "native": "Deutsch"},
    "kinds": {"law": "Gesetz", "royal-decree": "Königlicher Erlass", "ministerial-decree": "Ministerieller Erlass",
              "convention": "Vereinbarung", "circular": "Rundschreiben", "qa": "Frage und Antwort"},
    "labels": {"status.in-force": "In Kraft", "number": "Nummer", "date": "Datum",
               "missing_translation": "Dieser Text liegt noch nicht auf Deutsch vor. Sie lesen die französische Fassung."},
    "page_script": {"in-force": "In Kraft"},
}
GERMAN_GRAMMAR = '''
import datetime as dt
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]
def format_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
def article_number(number: str) -> str:
    return number
'''


def test_french_and_dutch_catalogues_have_the_same_words():
    fr = yaml.safe_load((catalogue.BUILTIN / "fr.yml").read_text(encoding="utf-8"))
    nl = yaml.safe_load((catalogue.BUILTIN / "nl.yml").read_text(encoding="utf-8"))
    assert fr.keys() == nl.keys()
    for section in fr:
        assert fr[section].keys() == nl[section].keys(), section
    assert {k.value for k in all_kinds()} == fr["kinds"].keys()
    assert catalogue.words("nl")["kinds"]["law"] == "Wet" and Kind.ROYAL_DECREE.label("fr") == "Arrêté royal"
    assert catalogue.missing_words("nl") == []


def test_grammar_modules_write_dates_and_article_numbers():
    day = dt.date(2024, 7, 1)
    assert grammar.format_date(day, "fr") == "1er juillet 2024"
    assert grammar.format_date(day, "nl") == "1 juli 2024"
    assert grammar.article_number("1", "fr") == "1er" and grammar.article_number("1", "nl") == "1"
    assert grammar.format_date(day, "xx") == "2024-07-01"  # no module: the neutral grammar


def test_page_scripts_carry_the_catalogue():
    for name in scripts.SCRIPTS:
        text = (scripts.ASSETS / name).read_text(encoding="utf-8")
        assert scripts.js_in_file(text) == scripts.js_block(name), \
            f"{name} is stale: run .venv/bin/python -m regkb.catalogue.scripts --write"
    assert scripts.script_words("fr")["days"][:2] == ["1er", "2"]
    assert scripts.script_words("nl")["search"]["didYouMean"] == ["Bedoelde u ", "?"]


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("german"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "          nav_translations: {}\n" in text
    config.write_text(text.replace("          nav_translations: {}\n", "          nav_translations: {}\n" + GERMAN_LANGUAGE),
                      encoding="utf-8")
    (project / "catalogue").mkdir()
    (project / "catalogue" / "de.yml").write_text(yaml.safe_dump(GERMAN_WORDS, allow_unicode=True), encoding="utf-8")
    (project / "grammar").mkdir()
    (project / "grammar" / "de.py").write_text(GERMAN_GRAMMAR, encoding="utf-8")
    french = project / "circulars" / "2023" / "circ-oa-2023-11.fr.md"
    german = french.read_text(encoding="utf-8")
    german = re.sub(r"^title: .*$", "title: Rundschreiben VE Nr. 2023/11 – Elektronische Bescheinigung (eAttest)",
                    german, count=1, flags=re.M)
    german = re.sub(r"^short_title: .*$", "short_title: Rundschreiben VE 2023/11", german, count=1, flags=re.M)
    (french.parent / "circ-oa-2023-11.de.md").write_text(german, encoding="utf-8")
    site = project / "site"
    done = build_site(project, site, strict=False)  # strict would fail: de.yml translates a few words only
    assert done.returncode == 0, done.stderr[-3000:]
    return site, done.stderr


def _page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_german_text_gets_german_pages(german_site):
    site, log = german_site
    soup = _page(site, "de/circulars/circ-oa-2023-11")
    assert soup.html["lang"] == "de"
    assert "Rundschreiben VE Nr. 2023/11" in soup.h1.get_text()
    assert soup.select_one("[data-regkb-missing-translation]") is None
    text = " ".join(soup.get_text(" ").split())
    assert "28. August 2023" in text and "Nummer" in text  # the German grammar module and catalogue
    words = json.loads(soup.select_one("script#regkb-words").string)
    assert words["status"]["in-force"] == "In Kraft" and words["months"][6] == "Juli" and words["days"][0] == "1."
    french = _page(site, "circulars/circ-oa-2023-11")  # the switcher and hreflang know the language
    assert french.select_one('link[rel=alternate][hreflang=de]')["href"].endswith("/de/circulars/circ-oa-2023-11/")
    assert french.select_one('a[hreflang=de]') is not None


def test_texts_without_german_fall_back_with_a_notice(german_site):
    site, log = german_site
    for path in ("de/circulars/circ-kine-2023-1", "de/regulations/ar-1996-07-03"):
        soup = _page(site, path)
        assert soup.html["lang"] == "de"
        notice = soup.select_one("[data-regkb-missing-translation]")
        assert notice is not None and "Dieser Text liegt noch nicht auf Deutsch vor" in notice.get_text(), path
    assert (site / "de" / "index.html").exists() and (site / "de" / "regulations" / "index.html").exists()
    # the untranslated words are shown in French, and said once, not silently
    assert log.count("catalogue/de.yml:") == 1 and "not translated, shown in French" in log
    assert "ERROR" not in log


def test_french_and_dutch_pages_carry_no_words_element(german_site):
    site, _ = german_site
    for path in ("circulars/circ-oa-2023-11", "nl/circulars/circ-oa-2023-11"):
        assert _page(site, path).select_one("script#regkb-words") is None


def test_a_language_without_catalogue_stops_the_build_with_the_fix(tmp_path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "          nav_translations: {}\n", "          nav_translations: {}\n        - locale: it\n          name: Italiano\n          build: true\n"),
        encoding="utf-8")
    done = build_site(project, tmp_path / "site", strict=False)
    assert done.returncode != 0
    assert "language 'it' has no catalogue of words" in done.stderr and "catalogue/it.yml" in done.stderr


def test_page_script_shows_the_catalogue_words_in_every_language(german_site, browser):
    """regkb.js rewrites statuses on the reader's day: in German from the page's JSON, in French
    and Dutch from its generated block."""
    from browser import serve
    from selenium.webdriver.support.ui import WebDriverWait

    site, _ = german_site
    # built on 2026-11-22 (the 2027 version "upcoming"), read on 2027-02-01: the script renames them
    expected = {"de/regulations/ar-1996-07-03/": ("In Kraft", "À venir"),
                "nl/regulations/ar-1996-07-03/": ("Van kracht", "Toekomstig"),
                "regulations/ar-1996-07-03/": ("En vigueur", "À venir")}
    with serve(site) as base:
        for path, (word, gone) in expected.items():
            browser.get(base + path + "?today=2027-02-01")
            # chromedriver may return while the page still loads (an empty list was seen once)
            WebDriverWait(browser, 30).until(lambda d: d.execute_script(
                "return document.readyState === 'complete' && !!window.regkbDates"))
            shown = browser.execute_script(
                "return Array.from(document.querySelectorAll('[data-regkb-status]')).map(e => e.textContent.trim());")
            assert word in shown and gone not in shown, (path, shown)


def test_regkb_build_reads_the_languages_of_mkdocs_yml(tmp_path):
    from conftest import ROOT
    from regkb.sources.siteconfig import site_languages

    assert site_languages(ROOT) == ["fr", "nl"]
    (tmp_path / "mkdocs.yml").write_text(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("          nav_translations: {}\n",
                                                                "          nav_translations: {}\n" + GERMAN_LANGUAGE),
        encoding="utf-8")
    assert site_languages(tmp_path) == ["fr", "nl", "de"]
    assert site_languages(tmp_path / "nowhere") == []
