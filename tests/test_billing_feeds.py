"""What a billing firm or an insurer follows: every change that affects billing must be in the
agenda's Atom feed and calendar and in the text's own feed, in both languages, with its date, its
amending act and a stable `updated`; `regkb changes` gives a convention's end as its last day."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, copy_project
from regkb.core.changes import compare, to_markdown
from regkb.pages.context import SiteContext, SiteOptions
from regkb.pages.feeds import feed_files
from regkb.sources import load_corpus
from test_versions import parse_ics

ATOM = "{http://www.w3.org/2005/Atom}"
NOMENCLATURE = "docs/{lang}/regulations/ar-1984-09-14"
BASE = "https://regkb.example.be/"


def _edit(project: Path) -> None:
    """A retroactive version published in the last three months with effect eleven months before
    the build day (outside the agenda's window by its date), and a partial version announced for
    later and one in force last month, both without any publication or signature date."""
    for lang in ("fr", "nl"):
        folder = project / NOMENCLATURE.format(lang=lang)
        text = (folder / "2025-05-01.md").read_text(encoding="utf-8")
        text = (text.replace("in_force: 2025-05-01", "in_force: 2026-01-01")
                .replace("published: 2025-04-10", "published: 2026-11-10")
                .replace("signed: 2025-03-20", "signed: 2026-11-02")
                .replace("1,3528", "1,4102"))
        (folder / "2026-01-01.md").write_text(text, encoding="utf-8")
        (folder / "2026-10-01.md").write_text(
            "---\nin_force: 2026-10-01\npartial: true\n---\n## Art. 7\n\n560011 Séance . . . . . M 23\n",
            encoding="utf-8")
        (folder / "2027-02-01.md").write_text(
            "---\nin_force: 2027-02-01\npartial: true\n---\n## Art. 7\n\n560011 Séance . . . . . M 25\n",
            encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("billing") / "project")
    _edit(root)
    return root


def _files(project: Path, today: str = TODAY) -> dict[str, dict[str, str]]:
    os.environ.setdefault("REGKB_TODAY", TODAY)
    corpus, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    ctx = SiteContext(corpus, dt.date.fromisoformat(today), SiteOptions(site_url=BASE))
    return {lang: feed_files(ctx, lang) for lang in ("fr", "nl")}


@pytest.mark.parametrize("lang, prefix, retro", [("fr", "", "rétroactif"), ("nl", "nl/", "terugwerkende kracht")])
def test_a_retroactive_version_published_lately_is_in_the_agenda_feed_and_calendar(project, lang, prefix, retro):
    files = _files(project)[lang]
    url = f"{BASE}{prefix}regulations/ar-1984-09-14/2026-01-01/"
    root = ET.fromstring(files["agenda/feed.xml"])
    entries = [e for e in root.findall(ATOM + "entry") if e.find(ATOM + "link").get("href") == url]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(ATOM + "id").text == f"{BASE}{prefix}agenda/#ar-1984-09-14-version-2026-01-01"
    assert entry.find(ATOM + "updated").text == "2026-11-10T12:00:00+01:00"
    summary = entry.find(ATOM + "summary").text
    assert retro in summary and "ar-2025-03-20" in summary  # retroactive, and the amending act
    events = [e for e in parse_ics(files["agenda/agenda.ics"].encode("utf-8")) if e["URL"][1] == url]
    assert len(events) == 1 and events[0]["DTSTART"][1] == "20260101"
    assert events[0]["UID"][1] == f"{lang}-ar-1984-09-14-version-2026-01-01@regkb.example.be"


def test_the_agenda_page_lists_the_retroactive_version(project):
    from regkb.pages.agenda import agenda_page

    corpus, _ = load_corpus(project)
    ctx = SiteContext(corpus, dt.date.fromisoformat(TODAY), SiteOptions(site_url=BASE))
    for lang in ("fr", "nl"):
        _title, html, _meta = agenda_page(ctx, lang)
        assert 'id="ar-1984-09-14-version-2026-01-01"' in str(html)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_text_feed_is_stable_for_a_version_announced_without_dates(project, lang):
    """Two builds a week apart, no source change: the same `updated` for every entry."""
    one = ET.fromstring(_files(project, TODAY)[lang]["regulations/ar-1984-09-14/feed.xml"])
    later = ET.fromstring(_files(project, "2026-11-29")[lang]["regulations/ar-1984-09-14/feed.xml"])

    def stamps(root: ET.Element) -> dict[str, str]:
        return {e.find(ATOM + "id").text: e.find(ATOM + "updated").text for e in root.findall(ATOM + "entry")}

    assert stamps(one) == stamps(later)
    assert one.find(ATOM + "updated").text == later.find(ATOM + "updated").text
    announced = [k for k in stamps(one) if k.endswith("/2027-02-01/")]
    assert len(announced) == 1


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_text_feed_names_the_amending_act(lang):
    root = ET.fromstring(_files(ROOT)[lang]["regulations/ar-1984-09-14/feed.xml"])
    entry = next(e for e in root.findall(ATOM + "entry") if e.find(ATOM + "id").text.endswith("/2025-05-01/"))
    assert "(ar-2025-03-20)" in entry.find(ATOM + "summary").text


def test_changes_gives_a_convention_end_as_its_last_day(tmp_path):
    os.environ.setdefault("REGKB_TODAY", TODAY)
    project = copy_project(tmp_path / "project")
    for lang in ("fr", "nl"):
        index = project / f"docs/{lang}/conventions/conv-toxico-bruxelles/index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("end: 2027-12-31", "end: 2026-12-31"),
                         encoding="utf-8")
    base, _ = load_corpus(ROOT)
    head, _ = load_corpus(project)
    changes = compare(base, head)
    ends = [e for e in changes.entries if e.doc_id == "conv-toxico-bruxelles"]
    assert [(e.day, e.what) for e in ends] == [(dt.date(2026, 12, 31), "end (last day)")]
    assert "| 2026-12-31 (31 décembre 2026) |" in to_markdown(changes, "main", dt.date.fromisoformat(TODAY))


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_an_undated_version_has_the_same_updated_in_the_agenda_and_in_the_text_feed(project, lang):
    """In force last month, no publication date: its entry into force, in both feeds (not the
    date of the text of 1984, which would make a feed reader file it among old news)."""
    files = _files(project)[lang]
    agenda = ET.fromstring(files["agenda/feed.xml"])
    own = ET.fromstring(files["regulations/ar-1984-09-14/feed.xml"])
    stamps = [e.find(ATOM + "updated").text for root in (agenda, own) for e in root.findall(ATOM + "entry")
              if e.find(ATOM + "link").get("href").endswith("/ar-1984-09-14/2026-10-01/")]
    assert stamps == ["2026-10-01T12:00:00+02:00"] * 2
