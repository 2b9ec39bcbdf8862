"""Following changes article by article: the text's feed and the agenda's feed and calendar say
WHICH articles a version replaces, inserts and repeals, labelled as the text writes them and
linked to each article's page (a partial version from its delta, a whole-text version from the
alignment of its articles), the same in every build."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import TODAY, copy_project
from regkb.pages.context import SiteContext, SiteOptions
from regkb.pages.feeds import feed_files
from regkb.sources import load_corpus
from test_versions import parse_ics

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://regkb.example.be/"
TEXT = "docs/{lang}/regulations/ar-1996-07-03"
HEAD = {"fr": "Art.", "nl": "Artikel"}


def _amend(project: Path) -> None:
    """A partial version announced for 2027-03-01: replaces art. 8, inserts art. 7ter, repeals art. 9."""
    for lang in ("fr", "nl"):
        (project / TEXT.format(lang=lang) / "2027-03-01.md").write_text(
            "---\nin_force: 2027-03-01\npublished: 2026-11-05\npartial: true\n"
            "inserts: {art-7ter: art-7bis}\nrepeals: [art-9]\n---\n"
            f"## {HEAD[lang]} 7ter\n\nNouveau <b>texte</b> & 7ter.\n\n"
            f"## {HEAD[lang]} 8\n\nTexte remplacé de l'article 8.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("follow") / "project")
    _amend(root)
    return root


def _files(project: Path, today: str = TODAY) -> dict[str, dict[str, str]]:
    os.environ.setdefault("REGKB_TODAY", TODAY)
    corpus, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    ctx = SiteContext(corpus, dt.date.fromisoformat(today), SiteOptions(site_url=BASE))
    return {lang: feed_files(ctx, lang, side_by_side=False) for lang in ("fr", "nl")}


@pytest.fixture(scope="module")
def files(project: Path) -> dict[str, dict[str, str]]:
    return _files(project)


def _entry(root: ET.Element, url_end: str) -> ET.Element:
    found = [e for e in root.findall(ATOM + "entry") if e.find(ATOM + "link").get("href").endswith(url_end)]
    assert len(found) == 1, url_end
    return found[0]


def _related(entry: ET.Element) -> dict[str, str]:
    return {link.get("title"): link.get("href") for link in entry.findall(ATOM + "link") if link.get("rel") == "related"}


def _content_links(entry: ET.Element) -> dict[str, str]:
    """The HTML content, parsed: its lists' link texts and targets, by list."""
    content = entry.find(ATOM + "content")
    assert content is not None and content.get("type") == "html"
    html = ET.fromstring(content.text)  # the XML-escaped HTML, once unescaped, is well-formed
    return {li.text.strip(): ", ".join(f"{a.text}={a.get('href')}" for a in li.findall("a")) for li in html.findall("li")}


@pytest.mark.parametrize("lang, prefix, words", [
    ("fr", "", ("Articles modifiés :", "Articles ajoutés :", "Articles abrogés :")),
    ("nl", "nl/", ("Gewijzigde artikels:", "Toegevoegde artikels:", "Opgeheven artikels:"))])
def test_the_text_feed_lists_the_articles_of_a_partial_version(files, lang, prefix, words):
    root = ET.fromstring(files[lang]["regulations/ar-1996-07-03/feed.xml"])
    entry = _entry(root, "/ar-1996-07-03/2027-03-01/")
    page = f"{BASE}{prefix}regulations/ar-1996-07-03/"
    assert _related(entry) == {"art. 8": page + "art-8/", "art. 7ter": page + "art-7ter/", "art. 9": page + "art-9/"}
    changed, added, repealed = words
    assert _content_links(entry) == {changed: f"art. 8={page}art-8/", added: f"art. 7ter={page}art-7ter/",
                                     repealed: f"art. 9={page}art-9/"}
    summary = entry.find(ATOM + "summary").text
    assert f"{changed} art. 8" in summary and f"{added} art. 7ter" in summary and f"{repealed} art. 9" in summary
    assert "art. 7," not in summary and "art. 10" not in summary  # untouched articles are not listed


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_text_feed_lists_the_articles_of_a_whole_text_version(files, lang):
    """The version of 2024-07-01 is a whole text: art. 7 changed, art. 7bis inserted."""
    root = ET.fromstring(files[lang]["regulations/ar-1996-07-03/feed.xml"])
    entry = _entry(root, "/ar-1996-07-03/2024-07-01/")
    assert set(_related(entry)) == {"art. 7", "art. 7bis"}
    first = _entry(root, "/ar-1996-07-03/2019-01-01/")
    assert not _related(first) and first.find(ATOM + "content") is None  # a first version changes nothing


@pytest.mark.parametrize("lang, prefix", [("fr", ""), ("nl", "nl/")])
def test_the_agenda_feed_and_calendar_list_the_articles(files, lang, prefix):
    feed = ET.fromstring(files[lang]["agenda/feed.xml"])
    entry = _entry(feed, "/ar-1996-07-03/2027-03-01/")
    assert set(_related(entry)) == {"art. 8", "art. 7ter", "art. 9"}
    events = [e for e in parse_ics(files[lang]["agenda/agenda.ics"].encode("utf-8"))
              if e["URL"][1].endswith("/ar-1996-07-03/2027-03-01/")]
    assert len(events) == 1
    description = events[0]["DESCRIPTION"][1]
    assert "art. 7ter" in description and "art. 9" in description and "art. 8" in description


def test_the_entries_are_the_same_in_a_later_build(project, files):
    later = _files(project, "2026-12-02")
    for lang in ("fr", "nl"):
        for name in ("regulations/ar-1996-07-03/feed.xml",):
            one, two = ET.fromstring(files[lang][name]), ET.fromstring(later[lang][name])
            assert ([ET.tostring(e) for e in one.findall(ATOM + "entry") if "2027-03-01" in e.find(ATOM + "id").text]
                    == [ET.tostring(e) for e in two.findall(ATOM + "entry") if "2027-03-01" in e.find(ATOM + "id").text])




def test_version_articles_by_status(project):
    from regkb.core.versionarticles import version_articles

    corpus, _ = load_corpus(project)
    document = corpus["ar-1996-07-03"]
    version = document.version("2027-03-01")
    assert version is not None
    assert version_articles(document, version, "fr") == {
        "changed": [("art-8", "art. 8")], "added": [("art-7ter", "art. 7ter")],
        "repealed": [("art-9", "art. 9")], "removed": []}
    first = document.versions[0]
    assert not any(version_articles(document, first, "nl").values())


@pytest.mark.parametrize("lang, word", [("fr", "Articles abrogés :"), ("nl", "Opgeheven artikels:")])
def test_the_version_page_lists_the_repealed_article_apart(project, lang, word):
    from bs4 import BeautifulSoup

    from regkb.pages.document import document_page

    corpus, _ = load_corpus(project)
    ctx = SiteContext(corpus, dt.date.fromisoformat(TODAY), SiteOptions(site_url=BASE))
    document = corpus["ar-1996-07-03"]
    _title, html, _meta = document_page(ctx, document, document.version("2027-03-01"), lang, stable=False)
    items = {li.get_text(" ", strip=True).split(":")[0].strip(): [a["href"] for a in li.select("a")]
             for li in BeautifulSoup(str(html), "html.parser").select(".regkb-changes-list li")}
    assert items[word.rstrip(" :")] == ["diff/#art-9"]
    assert len(items) == 3
