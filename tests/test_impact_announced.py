"""Impact notes for changes announced but not yet in force: an amendment published weeks before
it applies is what readers and staff must be warned of first. The note is dated ("à partir du
…", true before and after that day), `regkb impact --stale` lists it, and a text that no longer
applies on that day (replaced from it, or ended) is not warned. Days on each side of midnight
and of a DST change in Brussels."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import TODAY, copy_project
from regkb.core.impact import find_impacts
from regkb.pages.context import SiteContext, SiteOptions
from regkb.sources import load_corpus

TEXT = "docs/{lang}/regulations/ar-1996-07-03"
HEAD = {"fr": "Art.", "nl": "Artikel"}
ANSWER = "soins-domicile-prescription"  # reviewed 2026-06-15; cites ar-1996-07-03#art-9 and ar-1984-09-14#art-8


def _edit(project: Path) -> None:
    """Art. 9 of the AR of 3 July 1996 repealed from 2027-03-28 (the night Brussels goes to
    summer time), published 2026-11-20; the nomenclature repealed from 2027-06-01."""
    for lang in ("fr", "nl"):
        (project / TEXT.format(lang=lang) / "2027-03-28.md").write_text(
            "---\nin_force: 2027-03-28\npublished: 2026-11-20\npartial: true\nrepeals: [art-9]\n---\n",
            encoding="utf-8")
        index = project / f"docs/{lang}/regulations/ar-1984-09-14/index.md"
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace("numac:", "repealed: 2027-06-01\nnumac:", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    os.environ.setdefault("REGKB_TODAY", TODAY)
    project = copy_project(tmp_path_factory.mktemp("announced") / "project")
    _edit(project)
    found, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    return found


def _of(corpus, today: str, source: str) -> dict[str, tuple[str, bool]]:
    impacts = find_impacts(corpus, corpus.references, dt.date.fromisoformat(today))
    return {i.what: (i.changed_on.isoformat(), i.announced) for i in impacts if i.source.id == source}


def test_an_announced_repeal_of_an_article_is_an_announced_impact(corpus):
    assert _of(corpus, TODAY, ANSWER)["ar-1996-07-03#art-9"] == ("2027-03-28", True)
    assert _of(corpus, "2027-03-27", ANSWER)["ar-1996-07-03#art-9"] == ("2027-03-28", True)  # the eve
    assert _of(corpus, "2027-03-28", ANSWER)["ar-1996-07-03#art-9"] == ("2027-03-28", False)  # the day


def test_an_announced_repeal_of_the_whole_text(corpus):
    assert _of(corpus, TODAY, ANSWER)["ar-1984-09-14#art-8"] == ("2027-06-01", True)
    assert _of(corpus, "2027-06-01", ANSWER)["ar-1984-09-14#art-8"] == ("2027-06-01", False)


def test_a_change_already_in_force_is_not_announced_again(corpus):
    """Once art. 9 is repealed, a later announced version that leaves it repealed says nothing new."""
    on_the_day = find_impacts(corpus, corpus.references, dt.date(2027, 3, 28))
    assert not [i for i in on_the_day if i.what == "ar-1996-07-03#art-9" and i.announced]


@pytest.mark.parametrize("lang, words", [
    ("fr", ("Ce texte est abrogé à partir du 1er juin 2027.",
            "Une nouvelle version s'applique à partir du 28 mars 2027")),
    ("nl", ("Die tekst is opgeheven vanaf 1 juni 2027.", "Vanaf 28 maart 2027 geldt een nieuwe versie"))])
def test_the_answer_page_says_from_when(corpus, lang, words):
    ctx = SiteContext(corpus, dt.date.fromisoformat(TODAY), SiteOptions(site_url="https://regkb.example.be/"))
    notes = [BeautifulSoup(note, "html.parser").select_one("[data-regkb-impact]")
             for note in ctx.impact_notes(corpus[ANSWER], lang, f"faq/{ANSWER}/")]
    by_what = {n["data-regkb-impact"]: n for n in notes}
    repeal, version = by_what["ar-1984-09-14#art-8"], by_what["ar-1996-07-03#art-9"]
    assert words[0] in repeal.get_text(" ", strip=True) and repeal["data-regkb-impact-from"] == "2027-06-01"
    assert words[1] in version.get_text(" ", strip=True)
    assert version.has_attr("data-regkb-impact-announced")
    assert [a["href"] for a in version.find_all("a")][-1] == "../../regulations/ar-1996-07-03/2027-03-28/diff/"


def test_a_text_ended_before_the_change_is_not_warned(corpus):
    """An answer valid until the day before the announced repeal no longer applies then."""
    answer = corpus[ANSWER]
    saved = answer.repealed
    try:
        answer.repealed = dt.date(2027, 3, 28)
        assert "ar-1996-07-03#art-9" not in _of(corpus, TODAY, ANSWER)
        answer.repealed = dt.date(2027, 3, 29)
        assert "ar-1996-07-03#art-9" in _of(corpus, TODAY, ANSWER)
    finally:
        answer.repealed = saved


def test_the_stale_command_dates_announced_changes(corpus):
    lines = [i.format() for i in find_impacts(corpus, corpus.references, dt.date.fromisoformat(TODAY))
             if i.source.id == ANSWER]
    assert any(re.search(r"cites ar-1984-09-14#art-8, repealed from 2027-06-01 \(announced\)", line) for line in lines)
    assert any("cites ar-1996-07-03#art-9, changed by the version announced to enter into force on 2027-03-28" in line
               for line in lines)
