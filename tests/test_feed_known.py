"""A feed entry's `updated` is when the change became known, never the build day: a publication
(or a repealing act) dated after the build day has not come yet, so the entry keeps the last date
that has, identical in every build until that day, in the text's feed and in the agenda's."""

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

ATOM = "{http://www.w3.org/2005/Atom}"
TEXT = "docs/{lang}/regulations/ar-1996-07-03"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    os.environ.setdefault("REGKB_TODAY", TODAY)
    root = copy_project(tmp_path_factory.mktemp("known") / "project")
    for lang, head in (("fr", "Art."), ("nl", "Artikel")):
        (root / TEXT.format(lang=lang) / "2027-04-01.md").write_text(
            f"---\nin_force: 2027-04-01\nsigned: 2026-11-02\npublished: 2026-12-15\npartial: true\n---\n"
            f"## {head} 8\n\nNouveau texte.\n", encoding="utf-8")
        index = root / f"docs/{lang}/regulations/loi-1994-07-14/index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("\n---\n", "\nrepealed: 2027-06-01\n---\n", 1),
                         encoding="utf-8")
    return root


def _stamps(project: Path, today: str, name: str, lang: str = "fr") -> dict[str, str]:
    corpus, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    ctx = SiteContext(corpus, dt.date.fromisoformat(today), SiteOptions(site_url="https://regkb.example.be/"))
    root = ET.fromstring(feed_files(ctx, lang, side_by_side=False)[name])
    return {e.find(ATOM + "id").text: e.find(ATOM + "updated").text for e in root.findall(ATOM + "entry")}


@pytest.mark.parametrize("name", ["regulations/ar-1996-07-03/feed.xml", "agenda/feed.xml"])
def test_a_publication_to_come_does_not_make_the_entry_new_on_every_build(project, name):
    one, two = _stamps(project, TODAY, name), _stamps(project, "2026-11-29", name)
    version = next(k for k in one if "2027-04-01" in k)
    assert one[version] == two[version] == "2026-11-02T12:00:00+01:00"  # signed: the last date that has come
    assert _stamps(project, "2026-12-15", name)[version] == "2026-12-15T12:00:00+01:00"  # then its publication


@pytest.mark.parametrize("name", ["regulations/loi-1994-07-14/feed.xml", "agenda/feed.xml"])
def test_a_repeal_entry_is_stable_across_builds(project, name):
    one, two = _stamps(project, TODAY, name), _stamps(project, "2026-12-01", name)
    repeal = next(k for k in one if "loi-1994-07-14" in k and ("#repeal" in k or "-repeal-" in k))
    assert one[repeal] == two[repeal] and one[repeal] < f"{TODAY}T"


@pytest.mark.parametrize("zone", ["Pacific/Honolulu", "America/Los_Angeles", "America/New_York", "Atlantic/Azores",
                                  "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"])
def test_every_entry_falls_on_its_day_in_the_readers_zone(project: Path, zone: str) -> None:
    """Feed readers show `updated` in the reader's zone: midnight UTC put a change of 1 July on
    30 June from the Azores westwards. Noon in Brussels stays on the legal day from UTC−11 to +12."""
    from zoneinfo import ZoneInfo

    corpus, _ = load_corpus(project)
    ctx = SiteContext(corpus, dt.date.fromisoformat(TODAY), SiteOptions(site_url="https://regkb.example.be/"))
    feeds = feed_files(ctx, "fr")
    stamps = [e.text for name, text in feeds.items() if name.endswith(".xml")
              for e in ET.fromstring(text).iter(ATOM + "updated")]
    assert len(stamps) > 10
    for stamp in stamps:
        instant = dt.datetime.fromisoformat(stamp)
        legal = instant.astimezone(ZoneInfo("Europe/Brussels")).date()
        assert instant.astimezone(ZoneInfo(zone)).date() == legal, (stamp, zone)
