"""A text citing `ref:ID#art-9` when a version of ID repeals art. 9 (in force or announced): the
check warns (file, line, fix: the version to cite by date), and the link says "(abrogé le …)"
from the day: written in the page when the article is repealed on the citing day, else carried
by a class that the page script turns visible on the reader's day in Brussels."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, TODAY, copy_project
from regkb.core.diagnostics import Diagnostics
from regkb.core.references import build_index
from regkb.pages.context import SiteContext, SiteOptions
from regkb.sources import load_corpus

TEXT = "docs/{lang}/regulations/ar-1996-07-03"
REPEAL = "2027-03-28"  # the night Brussels goes to summer time
CITED = "ref:ar-1996-07-03#art-9"
ANSWER = "faq/home-nursing/soins-domicile-prescription.md"
ENDED = "faq/home-nursing/soins-domicile-remboursement.md"


def _edit(project: Path) -> None:
    for lang in ("fr", "nl"):
        (project / TEXT.format(lang=lang) / f"{REPEAL}.md").write_text(
            f"---\nin_force: {REPEAL}\npublished: 2026-11-20\npartial: true\nrepeals: [art-9]\n---\n",
            encoding="utf-8")
    ended = project / ENDED  # applies until the day before the repeal: not concerned
    ended.write_text(ended.read_text(encoding="utf-8").replace("reviewed:", f"valid_until: {REPEAL}\nreviewed:", 1),
                     encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    os.environ.setdefault("REGKB_TODAY", TODAY)
    root = copy_project(tmp_path_factory.mktemp("repealed-refs") / "project")
    _edit(root)
    return root


def _lines(path: Path, needle: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle + ")" in line]


def _warnings(project: Path, today: str) -> list:
    corpus, _ = load_corpus(project)
    diagnostics = Diagnostics()
    build_index(corpus, dt.date.fromisoformat(today), diagnostics)
    return [d for d in diagnostics.warnings if d.code == "repealed-article"]


def test_the_check_warns_before_the_day(project):
    found = _warnings(project, TODAY)
    cited_by = {d.path for d in found}
    expected = {p.relative_to(project).as_posix() for folder in ("faq", "circulars", "docs")
                for p in (project / folder).rglob("*.md") if CITED + ")" in p.read_text(encoding="utf-8")} - {ENDED}
    assert {"circulars/2025/circ-oa-2025-14.fr.md", "docs/fr/regulations/ar-1984-09-14/2025-05-01.md"} <= expected
    replaced = {f"docs/{lang}/regulations/ar-1984-09-14/2020-01-01.md" for lang in ("fr", "nl")}  # ends 2025-05-01
    assert replaced <= expected
    assert cited_by == expected - replaced and ENDED not in cited_by
    lines = sorted(d.line for d in found if d.path == ANSWER)
    assert lines == _lines(project / ANSWER, CITED)  # the line of each link, in both languages
    one = next(d for d in found if d.path == ANSWER)
    assert f"repealed from {REPEAL}" in one.message and "while this text still applies" in one.message
    assert "ref:ar-1996-07-03@2027-01-01#art-9" in one.fix  # the last version with the article in force
    assert not [d for d in found if d.is_error]


def test_the_check_says_repealed_on_and_after_the_day(project):
    for day in (REPEAL, "2027-04-02"):
        found = [d for d in _warnings(project, day) if d.path == ANSWER]
        assert found and all(f"repealed on {REPEAL}" in d.message for d in found)


def test_the_eve_is_still_announced(project):
    found = [d for d in _warnings(project, "2027-03-27") if d.path == ANSWER]
    assert found and all(f"repealed from {REPEAL}" in d.message for d in found)


def test_the_sample_has_no_such_warning():
    assert _warnings(ROOT, TODAY) == []


def _answer_html(project: Path, today: str, lang: str) -> BeautifulSoup:
    corpus, _ = load_corpus(project)
    ctx = SiteContext(corpus, dt.date.fromisoformat(today), SiteOptions(site_url="https://regkb.example.be/"))
    document = corpus["soins-domicile-prescription"]
    version = document.versions[0]
    text = version.texts[lang]
    return BeautifulSoup(ctx.text_html(text.body, lang, "faq/soins-domicile-prescription/index.md", version, document),
                         "html.parser")


@pytest.mark.parametrize("lang, words", [("fr", "(abrogé le 28 mars 2027)"), ("nl", "(opgeheven op 28 maart 2027)")])
def test_the_link_carries_the_repeal_to_come(project, lang, words):
    soup = _answer_html(project, TODAY, lang)
    links = [a for a in soup.find_all("a") if "ar-1996-07-03" in a["href"] and a["href"].endswith("#art-9")]
    assert links
    for a in links:
        mark = a.find_next_sibling("span")
        assert mark is not None and mark.get_text() == words
        assert mark["class"] == ["regkb-ref-repealed", f"regkb-ref-from-{REPEAL}"]  # shown from the day
    others = [a for a in soup.find_all("a") if not a["href"].endswith("#art-9")]
    assert all(not (a.find_next_sibling("span") and "regkb-ref-repealed" in a.find_next_sibling("span")["class"])
               for a in others if a.find_next_sibling("span"))


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_link_says_repealed_on_the_day(project, lang):
    soup = _answer_html(project, REPEAL, lang)
    marks = soup.select("span.regkb-ref-repealed")
    assert marks and all(m["class"] == ["regkb-ref-repealed"] for m in marks)  # visible without the script


def test_the_page_script_shows_it_from_the_day_in_brussels(tmp_path):
    """The script, on the reader's day: hidden on the eve, shown on the day and after."""
    from browser import chromium, serve

    assets = ROOT / "plugins/regkb/site/theme/assets/regkb"
    for name in ("regkb.js", "regkb.css"):
        (tmp_path / name).write_text((assets / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="stylesheet" href="regkb.css">'
        '</head><body><p><a href="#">art. 9</a> <span id="m" class="regkb-ref-repealed '
        f'regkb-ref-from-{REPEAL}">(abrogé le 28 mars 2027)</span></p><script src="regkb.js"></script></body></html>',
        encoding="utf-8")
    with serve(tmp_path) as base, chromium() as driver:
        shown = {}
        for day in ("2027-03-27", REPEAL, "2027-10-31"):
            driver.get(f"{base}index.html?today={day}")
            shown[day] = driver.find_element("id", "m").is_displayed()
        assert shown == {"2027-03-27": False, REPEAL: True, "2027-10-31": True}


def test_the_mark_is_escaped_text(project):
    soup = _answer_html(project, TODAY, "fr")
    assert all(re.fullmatch(r"\(abrogé le [^<>&]+\)", m.get_text()) for m in soup.select("span.regkb-ref-repealed"))


def test_an_introduction_citing_an_article_dropped_later_is_reported(tmp_path):
    """An introduction applies as long as its text: an article another text drops (renumbered)
    in an announced version is reported now, not when its link breaks."""
    project = copy_project(tmp_path / "project")
    for lang, head in (("fr", "Art."), ("nl", "Artikel")):
        (project / TEXT.format(lang=lang) / "2027-05-01.md").write_text(
            "---\nin_force: 2027-05-01\n---\n" + "\n\n".join(f"## {head} {n}\n\nTexte {n}." for n in (1, 2, 3)) + "\n",
            encoding="utf-8")
        index = project / f"docs/{lang}/regulations/ar-1984-09-14/index.md"
        text = index.read_text(encoding="utf-8")
        body = text.split("---\n", 2)
        index.write_text(f"---\n{body[1]}---\nVoir [](ref:ar-1996-07-03#art-9).\n{body[2]}", encoding="utf-8")
    corpus, _ = load_corpus(project)
    diagnostics = Diagnostics()
    build_index(corpus, dt.date.fromisoformat(TODAY), diagnostics)
    found = [d for d in diagnostics if d.path.endswith("ar-1984-09-14/index.md")]
    assert found and all(d.is_error and "from 2027-05-01" in d.message for d in found), [d.format() for d in found]


def test_the_site_search_does_not_index_a_repeal_still_to_come(project, tmp_path):
    """Pagefind reads the page as written: the mark of a repeal to come is in it, hidden; the
    index must not hold it (else a search says 'abrogé' of an article in force), while a repeal
    that has come stays searchable."""
    import gzip
    import json

    from regkb.search.pagefind import _popen

    later = _answer_html(project, TODAY, "fr").select_one("span.regkb-ref-repealed")
    now = _answer_html(project, REPEAL, "fr").select_one("span.regkb-ref-repealed")
    assert later is not None and now is not None
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<html lang="fr"><body><article><h1>T</h1><p>zorglub {later}</p></article></body></html>',
                                     encoding="utf-8")
    (site / "now").mkdir()
    (site / "now" / "index.html").write_text(f'<html lang="fr"><body><article><h1>U</h1><p>quux {now}</p></article></body></html>',
                                             encoding="utf-8")
    process = _popen(site, "**/*.html")
    assert process.wait(timeout=120) == 0
    contents = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        contents[record["url"]] = record["content"]
    assert "zorglub" in contents["/"] and "abrogé" not in contents["/"]
    assert "abrogé le 28 mars 2027" in contents["/now/"]
