"""Versions, entry-into-force dates, diffs, the agenda and its feeds (issue 3).

Build-and-read tests on the sample site built at REGKB_TODAY=2026-11-22, a unit test of the diff
on a long synthetic text, validation messages on broken copies, and the status script in a real
headless Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, TODAY, copy_project
from regkb.core.articles import Article, split_articles
from regkb.core.diff import align, word_diff
from regkb.sources import load_corpus

DOC = "regulations/ar-1996-07-03"
ATOM = "{http://www.w3.org/2005/Atom}"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def timeline_statuses(soup: BeautifulSoup) -> dict[str, str]:
    table = soup.select_one("table.regkb-timeline")
    return {span["data-from"]: span.get_text(strip=True) for span in table.select("[data-regkb-status]")}


def source_paragraph(lang: str, version: str, anchor: str, start: str) -> str:
    """A paragraph of an article as written in a source version file."""
    text = (ROOT / "docs" / lang / DOC / f"{version}.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    article = {a.anchor: a for a in split_articles(body)}[anchor]
    return next(p for p in article.text.split("\n\n") if p.startswith(start))


def changed_words(old: str, new: str) -> tuple[list[str], list[str]]:
    """The words that differ between two one-line paragraphs (common prefix and suffix removed)."""
    a, b = old.split(" "), new.split(" ")
    head = 0
    while a[head] == b[head]:
        head += 1
    tail = 0
    while a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return a[head:len(a) - tail], b[head:len(b) - tail]


# --- the stable URL and statuses ----------------------------------------------------------------
@pytest.mark.parametrize("prefix, label", [("", "Version du 1er juillet 2024"), ("nl/", "Versie van 1 juli 2024")])
def test_stable_url_shows_version_in_force(sample_site: Path, prefix: str, label: str) -> None:
    soup = page(sample_site, prefix + DOC)
    data = json.loads(soup.find("script", id="regkb-doc").string)
    assert data["shown"] == "2024-07-01" and data["stable"] is True and data["built"] == TODAY
    facts = soup.select_one("dl.regkb-facts").get_text(" ", strip=True)
    assert label in facts
    text = soup.select_one("div.regkb-text").get_text(" ", strip=True)
    expected = source_paragraph("fr" if not prefix else "nl", "2024-07-01", "art-7", "§ 1")
    assert " ".join(expected.split()) in " ".join(text.split())
    # every version keeps its own URL; the stable page links to the one it shows
    for key in ("2019-01-01", "2022-07-01", "2024-07-01", "2027-01-01"):
        assert (sample_site / prefix / DOC / key / "index.html").exists()


@pytest.mark.parametrize("prefix, expected", [
    ("", {"2019-01-01": "Remplacée", "2022-07-01": "Remplacée", "2024-07-01": "En vigueur", "2027-01-01": "À venir"}),
    ("nl/", {"2019-01-01": "Vervangen", "2022-07-01": "Vervangen", "2024-07-01": "Van kracht", "2027-01-01": "Toekomstig"}),
])
def test_statuses_at_build_day(sample_site: Path, prefix: str, expected: dict[str, str]) -> None:
    for path in ("", "/2019-01-01", "/2024-07-01", "/2027-01-01"):
        assert timeline_statuses(page(sample_site, prefix + DOC + path)) == expected


def test_dates_are_localized_in_timeline(sample_site: Path) -> None:
    fr = page(sample_site, DOC).select_one("table.regkb-timeline").get_text(" ", strip=True)
    nl = page(sample_site, "nl/" + DOC).select_one("table.regkb-timeline").get_text(" ", strip=True)
    assert "1er juillet 2024" in fr and "30 juin 2024" in fr
    assert "1 juli 2024" in nl and "30 juni 2024" in nl


def test_retroactive_version_is_marked(sample_site: Path) -> None:
    rows = {row.select_one("time")["datetime"]: row for row in page(sample_site, DOC).select("table.regkb-timeline tbody tr")}
    assert rows["2022-07-01"].select_one(".regkb-retro").get_text(strip=True) == "(rétroactive)"
    assert all(rows[key].select_one(".regkb-retro") is None for key in ("2019-01-01", "2024-07-01", "2027-01-01"))
    version = page(sample_site, DOC + "/2022-07-01")
    assert version.select_one("[data-regkb-retroactive]") is not None
    assert "terugwerkende kracht" in page(sample_site, "nl/" + DOC + "/2022-07-01").select_one("[data-regkb-retroactive]").get_text()


def test_banners_carry_their_condition(sample_site: Path) -> None:
    """Build-day banners are visible only when they hold; the others are there, hidden, for the script."""
    def banners(path: str) -> dict[str, bool]:
        return {el["data-regkb-when"]: not el.has_attr("hidden") for el in page(sample_site, path).select("[data-regkb-when]")}

    assert banners(DOC) == {"next": True}
    assert banners(DOC + "/2022-07-01") == {"past": True}
    assert banners(DOC + "/2027-01-01") == {"upcoming": True}
    assert banners(DOC + "/2024-07-01") == {"past": False, "next": True}


def test_each_version_page_starts_with_what_changed(sample_site: Path) -> None:
    soup = page(sample_site, DOC + "/2024-07-01")
    content = soup.select_one("article")
    first_block = content.select_one("h1").find_next_sibling(lambda tag: tag.name == "div" and not tag.has_attr("hidden")
                                                            and "regkb-notice" not in tag.get("class", []))
    assert "regkb-changes" in first_block["class"]
    links = {a.get_text(strip=True): a["href"] for a in first_block.select("a")}
    assert links["art. 7"] == "diff/#art-7" and links["art. 7bis"] == "diff/#art-7bis"
    assert links["Voir ce qui a changé"] == "diff/"
    assert "Articles modifiés" in first_block.get_text() and "Articles ajoutés" in first_block.get_text()


def test_as_of_form_and_page_data(sample_site: Path) -> None:
    soup = page(sample_site, DOC)
    form = soup.select_one("form[data-regkb-asof]")
    label = form.select_one("label")
    assert label["for"] == form.select_one("input[type=date]")["id"]
    data = json.loads(soup.find("script", id="regkb-doc").string)
    assert [(v["from"], v["until"]) for v in data["versions"]] == [
        ("2019-01-01", "2022-07-01"), ("2022-07-01", "2024-07-01"), ("2024-07-01", "2027-01-01"), ("2027-01-01", None)]


def test_convention_end_is_its_last_day(sample_site: Path) -> None:
    """`end: 2026-06-30`: the convention is in force on 30 June and expired from 1 July."""
    soup = page(sample_site, "conventions/conv-loco-gent")
    facts = soup.select_one("dl.regkb-facts")
    assert facts.find("dt", string="Fin").find_next_sibling("dd").time["datetime"] == "2026-06-30"
    badge = soup.select_one("table.regkb-timeline [data-regkb-status]")
    assert badge["data-repealed"] == "2026-07-01" and badge.get_text(strip=True) == "Expirée"
    assert soup.select_one("table.regkb-timeline tbody tr td:nth-of-type(3) time")["datetime"] == "2026-06-30"


# --- JSON-LD ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, version, force", [
    (DOC, "2024-07-01", "InForce"), (DOC + "/2027-01-01", "2027-01-01", "NotInForce"),
    ("nl/" + DOC, "2024-07-01", "InForce")])
def test_jsonld_legislation(sample_site: Path, path: str, version: str, force: str) -> None:
    soup = page(sample_site, path)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Legislation"
    assert data["legislationDateVersion"] == version
    assert data["legislationDate"] == "1996-07-03"
    assert data["legislationLegalForce"] == f"https://schema.org/{force}"
    if path.endswith(DOC):  # the work lists its versions; a version names its work, not all the others
        assert len(data["workExample"]) >= 2 and "exampleOfWork" not in data
    else:
        assert data["exampleOfWork"].endswith("/" + DOC + "/") and "workExample" not in data
    hreflangs = {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"fr", "nl"}


# --- the diff page ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, prefix, cue", [("fr", "", "[ajouté :"), ("nl", "nl/", "[toegevoegd:")])
def test_diff_marks_exactly_the_changed_words(sample_site: Path, lang: str, prefix: str, cue: str) -> None:
    old = source_paragraph(lang, "2022-07-01", "art-7", "§ 1")
    new = source_paragraph(lang, "2024-07-01", "art-7", "§ 1")
    removed, added = changed_words(old, new)
    assert removed and added  # the sample edit: the number of sessions
    soup = page(sample_site, prefix + DOC + "/2024-07-01/diff")
    sections = {s.find(["h2", "h3"])["id"]: s for s in soup.select("section.regkb-diff-article")}
    art7 = sections["art-7"]
    assert "regkb-diff--changed" in art7["class"]
    first = art7.find("p")  # § 1
    def bare(tag):  # the text of a mark without its screen-reader cue
        return "".join(t for t in tag.find_all(string=True) if "regkb-sr" not in (t.parent.get("class") or []))
    assert [bare(d).split() for d in first.find_all("del")] == [removed]
    assert [bare(i).split() for i in first.find_all("ins")] == [added]
    # § 5 is a new paragraph: inserted whole, nothing else in the article is marked
    new_paragraph = source_paragraph(lang, "2024-07-01", "art-7", "§ 5")
    marks = [bare(i) for i in art7.find_all("ins")]
    assert marks == [" ".join(added), new_paragraph]
    assert len(art7.find_all("del")) == 1
    # a text cue for each mark, not colour alone
    assert all(i.select_one(".regkb-sr").get_text().startswith(cue) for i in art7.find_all("ins"))
    # the added article; the unchanged ones are listed and linked to the version, not copied
    assert "regkb-diff--added" in sections["art-7bis"]["class"]
    listed = {a["href"].rsplit("#", 1)[1] for a in soup.select("p.regkb-diff-unchanged a")}
    assert set(sections) == {"art-7", "art-7bis"} and {"art-1", "art-2", "art-3"} <= listed
    assert all(a["href"].startswith("../#") for a in soup.select("p.regkb-diff-unchanged a"))


def test_diff_alignment_on_long_text() -> None:
    """2,000 articles: articles are paired by anchor, and only the edited words are marked."""
    def article(n: int, text: str) -> Article:
        return Article(f"art-{n}", str(n), f"Art. {n}", text, n)

    old = [article(n, f"Alinéa {n}. Le montant est fixé à {n} euros par séance.\n\nSecond alinéa {n}.")
           for n in range(1, 2001)]
    new = list(old)
    new[499] = article(500, "Alinéa 500. Le montant est fixé à 555 euros par séance.\n\nSecond alinéa 500.")
    del new[999]  # art. 1000 removed
    new.insert(1500, article(4000, "Article nouveau."))
    new[1799] = article(1800, old[1799].text + "\n\nTroisième alinéa.")
    changes = align(old, new)
    by_anchor = {c.anchor: c for c in changes}
    assert [c.anchor for c in changes if c.status != "removed"] == [a.anchor for a in new]
    assert {c.anchor for c in changes if c.status == "removed"} == {"art-1000"}
    assert {c.anchor for c in changes if c.status == "added"} == {"art-4000"}
    assert {c.anchor for c in changes if c.status == "changed"} == {"art-500", "art-1800"}
    assert sum(1 for c in changes if c.status == "unchanged") == 1997
    runs = by_anchor["art-500"].words()
    assert [r for r in runs if r[0] != "="] == [("-", "500"), ("+", "555")]
    runs = by_anchor["art-1800"].words()
    assert [r for r in runs if r[0] != "="] == [("+", "Troisième alinéa.\n\n")]
    assert "".join(t for op, t in word_diff(old[1].text, old[1].text) if op == "=").strip() == old[1].text


# --- the agenda, its feed and its calendar ------------------------------------------------------
@pytest.mark.parametrize("prefix, month, what", [("", "Janvier 2027", "Entrée en vigueur d'une nouvelle version"),
                                                 ("nl/", "Januari 2027", "Inwerkingtreding van een nieuwe versie")])
def test_agenda_lists_coming_entry_into_force(sample_site: Path, prefix: str, month: str, what: str) -> None:
    soup = page(sample_site, prefix + "agenda")
    entry = soup.find("li", id="ar-1996-07-03-version-2027-01-01")
    assert entry is not None
    assert entry.find_previous("h2")["id"] == "coming"
    assert entry.find_previous("h3").get_text(strip=True) == month
    assert entry.time["datetime"] == "2027-01-01"
    assert what in entry.get_text()
    hrefs = [a["href"] for a in entry.select("a")]
    assert hrefs == ["../regulations/ar-1996-07-03/2027-01-01/", "../regulations/ar-1996-07-03/2027-01-01/diff/"]
    assert entry.select_one("[data-regkb-status]")["data-from"] == "2027-01-01"
    # past entries (last three months) and nothing outside the window
    days = [dt.date.fromisoformat(t["datetime"]) for t in soup.select("li.regkb-agenda-entry > time")]
    today = dt.date.fromisoformat(TODAY)
    assert all(dt.date(2026, 8, 22) <= day <= dt.date(2027, 11, 22) for day in days)
    assert any(day < today for day in days)
    feed = soup.find("link", type="application/atom+xml")
    assert feed["rel"] == ["alternate"] and feed["href"].endswith(prefix + "agenda/feed.xml")
    assert soup.select_one('a[href="feed.xml"]') and soup.select_one('a[href="agenda.ics"]')
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    assert "Agenda" in nav


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_atom_feed(sample_site: Path, prefix: str) -> None:
    root = ET.parse(sample_site / prefix / "agenda" / "feed.xml").getroot()
    assert root.tag == ATOM + "feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(ATOM + name) is not None, name
    from regkb.core.dates import feed_instant

    assert root.find(ATOM + "updated").text == feed_instant(dt.date.fromisoformat(TODAY))
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith(prefix + "agenda/feed.xml")
    entries = root.findall(ATOM + "entry")
    ids = [e.find(ATOM + "id").text for e in entries]
    assert len(ids) == len(set(ids)) and entries
    for entry in entries:
        for name in ("id", "title", "updated", "link", "summary"):
            assert entry.find(ATOM + name) is not None and (entry.find(ATOM + name).text or entry.find(ATOM + name).get("href"))
        # a legal day at noon in Brussels: the same calendar day in every feed reader's zone
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T12:00:00\+0[12]:00", entry.find(ATOM + "updated").text)
    links = {e.find(ATOM + "link").get("href") for e in entries}
    assert f"https://regkb.example.be/{prefix}{DOC}/2027-01-01/" in links
    page_ids = {li["id"] for li in page(sample_site, prefix + "agenda").select("li.regkb-agenda-entry")}
    assert {i.rsplit("#", 1)[1] for i in ids} == page_ids  # the same entries as the page


def parse_ics(data: bytes) -> list[dict[str, tuple[str, str]]]:
    """A strict reader of RFC 5545: CRLF only, lines of at most 75 octets, balanced BEGIN/END,
    VERSION and PRODID on the calendar, the required properties on each event."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    raw = data[:-2].split(b"\r\n")
    assert all(len(line) <= 75 for line in raw), max(raw, key=len)
    lines: list[str] = []
    for line in raw:
        if line.startswith(b" "):
            lines[-1] += line[1:].decode("utf-8")  # unfolding; each piece is valid UTF-8
        else:
            lines.append(line.decode("utf-8"))
    stack: list[str] = []
    calendar: dict[str, tuple[str, str]] = {}
    events: list[dict[str, tuple[str, str]]] = []
    for line in lines:
        match = re.fullmatch(r"([A-Z-]+)((?:;[A-Z-]+=[^:;]+)*):(.*)", line)
        assert match, line
        name, params, value = match.groups()
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
            continue
        if name == "END":
            assert stack and stack.pop() == value, line
            continue
        target = events[-1] if stack and stack[-1] == "VEVENT" else calendar
        assert stack, line
        target[name] = (params, value)
    assert stack == []
    assert calendar["VERSION"][1] == "2.0" and calendar["PRODID"][1]
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"):
            assert name in event, (name, event)
        assert event["DTSTART"][0] == ";VALUE=DATE" and re.fullmatch(r"\d{8}", event["DTSTART"][1])
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1])
    return events


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_icalendar(sample_site: Path, prefix: str) -> None:
    data = (sample_site / prefix / "agenda" / "agenda.ics").read_bytes()
    events = parse_ics(data)
    assert len({e["UID"][1] for e in events}) == len(events)
    assert all(e["DTSTAMP"][1] == TODAY.replace("-", "") + "T000000Z" for e in events)
    coming = [e for e in events if e["DTSTART"][1] == "20270101"
              and e["URL"][1] == f"https://regkb.example.be/{prefix}{DOC}/2027-01-01/"]
    assert len(coming) == 1
    summary = coming[0]["SUMMARY"][1]
    assert summary.startswith("AR du 3 juillet 1996" if not prefix else "KB van 3 juli 1996")


def test_feeds_are_deterministic(sample_site: Path) -> None:
    """Rendering again from the sources at the same build day gives byte-identical files."""
    from regkb.pages.context import SiteContext, SiteOptions
    from regkb.pages.feeds import feed_files

    corpus, _ = load_corpus(ROOT)
    ctx = SiteContext(corpus, dt.date.fromisoformat(TODAY), SiteOptions(site_url="https://regkb.example.be/"))
    for lang, prefix in (("fr", ""), ("nl", "nl/")):
        for name, text in feed_files(ctx, lang).items():
            assert (sample_site / prefix / name).read_bytes() == text.encode("utf-8"), name


# --- validation messages ------------------------------------------------------------------------
def _load_broken(tmp_path: Path, edit) -> list[str]:
    project = copy_project(tmp_path / "project")
    edit(project)
    _, diagnostics = load_corpus(project)
    return [d.format() for d in diagnostics.sorted()]


def test_two_versions_with_the_same_date(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        folder = project / "docs/fr" / DOC
        text = (folder / "2024-07-01.md").read_text(encoding="utf-8")
        (folder / "2024-08-01.md").write_text(text, encoding="utf-8")
    messages = _load_broken(tmp_path, edit)
    hit = [m for m in messages if "same entry-into-force date 2024-07-01" in m]
    assert hit and hit[0].startswith(f"docs/fr/{DOC}/2024-08-01.md:2: error:")


def test_end_before_start(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        for lang in ("fr", "nl"):
            path = project / "docs" / lang / "conventions/conv-loco-gent/index.md"
            path.write_text(path.read_text(encoding="utf-8").replace("end: 2026-06-30", "end: 2019-06-30"), encoding="utf-8")
    messages = _load_broken(tmp_path, edit)
    hit = [m for m in messages if "end (2019-06-30) is before the first entry into force (2020-07-01)" in m]
    assert hit and hit[0].startswith("docs/fr/conventions/conv-loco-gent/index.md:8: error:")


def test_version_after_repeal(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        for lang in ("fr", "nl"):
            path = project / "docs" / lang / DOC / "index.md"
            path.write_text(path.read_text(encoding="utf-8").replace("date: 1996-07-03", "date: 1996-07-03\nrepealed: 2026-01-01"), encoding="utf-8")
    messages = _load_broken(tmp_path, edit)
    hit = [m for m in messages if "after the repealed date" in m]
    assert hit and hit[0].startswith(f"docs/fr/{DOC}/2027-01-01.md:2: error:")


def test_version_in_one_language_only(tmp_path: Path) -> None:
    messages = _load_broken(tmp_path, lambda project: (project / "docs/nl" / DOC / "2027-01-01.md").unlink())
    hit = [m for m in messages if "version 2027-01-01 of 'ar-1996-07-03' has no Dutch text" in m]
    assert hit and hit[0].startswith(f"docs/fr/{DOC}/2027-01-01.md:1: warning:")
    assert f"docs/nl/{DOC}/2027-01-01.md" in hit[0]


def test_amending_act_that_does_not_exist(tmp_path: Path) -> None:
    def edit(project: Path) -> None:
        path = project / "docs/fr" / DOC / "2024-07-01.md"
        path.write_text(path.read_text(encoding="utf-8").replace("amended_by: ar-2024-05-30", "amended_by: ar-2024-05-31"), encoding="utf-8")
    messages = _load_broken(tmp_path, edit)
    hit = [m for m in messages if "ar-2024-05-31" in m and "error" in m]
    assert hit and any(m.startswith(f"docs/fr/{DOC}/2024-07-01.md:5: error:") for m in hit)


# --- the status script in a real browser --------------------------------------------------------
def _get(driver, url: str) -> None:
    """Open `url` and wait for the whole page: chromedriver may return while it is still loading."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_script_recomputes_statuses_on_reader_day(sample_site: Path) -> None:
    from browser import chromium, serve

    with serve(sample_site) as base, chromium() as driver:
        _get(driver, base + DOC + "/?today=2027-02-01")
        statuses = driver.execute_script(
            "var out = {}; document.querySelectorAll('table.regkb-timeline [data-regkb-status]')"
            ".forEach(function (el) { out[el.dataset.from] = el.textContent; }); return out;")
        assert statuses == {"2019-01-01": "Remplacée", "2022-07-01": "Remplacée",
                            "2024-07-01": "Remplacée", "2027-01-01": "En vigueur"}
        newer = driver.execute_script("var b = document.querySelector('[data-regkb-newer]');"
                                      "return [b.hidden, b.textContent, b.querySelector('a').getAttribute('href')];")
        assert newer[0] is False
        assert "Une version plus récente est en vigueur depuis le 1er janvier 2027" in newer[1]
        assert newer[2] == "2027-01-01/"
        assert driver.execute_script("return document.querySelector('[data-regkb-when=next]').hidden") is True
        # the page of the coming version: its 'not yet in force' banner goes away on that day
        _get(driver, base + DOC + "/2027-01-01/?today=2027-02-01")
        assert driver.execute_script("return document.querySelector('[data-regkb-when=upcoming]').hidden") is True
        # Dutch labels, and without ?today the build-day statuses stay (the real date is later)
        _get(driver, base + "nl/" + DOC + "/?today=2027-02-01")
        badge = driver.execute_script("return document.querySelector(\"table.regkb-timeline [data-from='2027-01-01']\").textContent")
        assert badge == "Van kracht"
        # "as in force on": a date goes to the version of that day
        _get(driver, base + DOC + "/")
        driver.execute_script("var i = document.querySelector('form[data-regkb-asof] input'); i.value = '2023-03-15';"
                              "document.querySelector('form[data-regkb-asof] button').click();")
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(driver, 20).until(lambda d: "/2022-07-01/" in d.current_url)
