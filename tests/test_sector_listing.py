"""Listings sort as readers scan them, in both languages: accents folded (É with E), numbers by
value (2 before 10, 7bis after 7 and before 8), whatever the order of the sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from regkb.core.collation import fold, natural_key
from regkb.pages.context import SiteContext
from regkb.pages.plan import build_plan
from regkb.sources import load_corpus

TAXONOMY = """sectors:
  zorg:
    fr: Zones de soins
    nl: Zorgzones
  education:
    fr: Éducation thérapeutique
    nl: Educatie
  eau:
    fr: Eaux thermales
    nl: Ëerste lijn
  autre:
    fr: Autres centres
    nl: Andere centra
topics:
  physiotherapy:
    fr: Kinésithérapie
    nl: Kinesitherapie
audiences:
  insurers:
    fr: Organismes assureurs
    nl: Verzekeringsinstellingen
"""

CONVENTION = ("---\nkind: convention\ntitle: \"{title}\"\nshort_title: \"{title}\"\nsector: {sector}\n"
              "institution: \"{institution}\"\ndate: 2020-01-01\n---\n")
VERSION = "---\nin_force: 2020-01-01\n---\n## {art} 1\nTexte.\n"
CIRCULAR = ("---\nnumber: \"{number}\"\ndate: 2024-03-01\naudience: insurers\ntitle: \"{title} {number}\"\n"
            "short_title: \"{title} {number}\"\nreviewed: 2024-03-01\n---\nTexte.\n")

# institutions of one sector, all signed on the same day: listed by name, É with E, 2 before 10
INSTITUTIONS = {"conv-a": "Centre 10", "conv-b": "Établissement Nord", "conv-c": "Centre 2",
                "conv-d": "Zénith", "conv-e": "Ecole Sud", "conv-f": "Centre 7bis", "conv-g": "Centre 7"}
EXPECTED = ["Centre 2", "Centre 7", "Centre 7bis", "Centre 10", "Ecole Sud", "Établissement Nord", "Zénith"]


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> SiteContext:
    root = tmp_path_factory.mktemp("listing")
    _write(root, "taxonomy.yml", TAXONOMY)
    for doc_id, name in INSTITUTIONS.items():
        for lang, word, art in (("fr", "Convention", "Article"), ("nl", "Overeenkomst", "Artikel")):
            _write(root, f"docs/{lang}/conventions/{doc_id}/index.md",
                   CONVENTION.format(title=f"{word} – {name}", sector="education", institution=name))
            _write(root, f"docs/{lang}/conventions/{doc_id}/2020-01-01.md", VERSION.format(art=art))
    for sector in ("zorg", "eau", "autre"):
        for lang, art in (("fr", "Article"), ("nl", "Artikel")):
            _write(root, f"docs/{lang}/conventions/conv-{sector}/index.md",
                   CONVENTION.format(title=f"Convention {sector}", sector=sector, institution="X"))
            _write(root, f"docs/{lang}/conventions/conv-{sector}/2020-01-01.md", VERSION.format(art=art))
    for number in ("2024/10", "2024/2", "2024/7bis", "2024/7", "2024/1"):
        doc_id = "circ-oa-" + number.replace("/", "-")
        for lang, title in (("fr", "Circulaire OA"), ("nl", "Omzendbrief VI")):
            _write(root, f"circulars/2024/{doc_id}.{lang}.md", CIRCULAR.format(number=number, title=title))
    corpus, diagnostics = load_corpus(root)
    assert not diagnostics.has_errors, [d.format() for d in diagnostics]
    return SiteContext(corpus, dt.date(2024, 6, 1))


def _page(context: SiteContext, path: str, lang: str) -> BeautifulSoup:
    spec = next(s for s in build_plan(context) if s.path == path)
    _title, body, _meta = spec.render(lang)
    return BeautifulSoup(body, "html.parser")


def test_the_key_folds_accents_and_reads_numbers():
    assert fold("  Œuvre  ÉCOLE ") == "oeuvre ecole"
    words = ["Zorg", "Éducation", "Eau", "école", "Art. 10", "Art. 8", "Art. 7bis", "Art. 7", "Art. 7ter",
             "Art. 7 quater", "2024/10", "2024/2"]
    assert sorted(words, key=natural_key) == ["2024/2", "2024/10", "Art. 7", "Art. 7bis", "Art. 7ter",
                                               "Art. 7 quater", "Art. 8", "Art. 10", "Eau", "école",
                                               "Éducation", "Zorg"]
    anchors = ["art-10", "art-7quater", "art-7ter", "art-7-1", "art-7bis", "art-7", "art-8"]
    assert sorted(anchors, key=natural_key) == ["art-7", "art-7-1", "art-7bis", "art-7ter", "art-7quater",
                                                 "art-8", "art-10"]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_a_sector_lists_its_institutions_accent_and_number_aware(context: SiteContext, lang: str):
    page = _page(context, "conventions/education/", lang)
    names = [row.find_all("td")[1].get_text(strip=True) for row in page.find("tbody").find_all("tr")]
    assert names == EXPECTED


def test_the_sectors_index_sorts_labels_with_accents_folded(context: SiteContext):
    fr = [a.get_text(strip=True) for a in _page(context, "conventions/", "fr").find_all("a")]
    assert fr == ["Autres centres", "Eaux thermales", "Éducation thérapeutique", "Zones de soins"]
    nl = [a.get_text(strip=True) for a in _page(context, "conventions/", "nl").find_all("a")]
    assert nl == ["Andere centra", "Educatie", "Ëerste lijn", "Zorgzones"]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_circulars_of_one_day_list_by_number(context: SiteContext, lang: str):
    page = _page(context, "circulars/2024/", lang)
    numbers = [row.find("td").get_text(strip=True) for row in page.find("tbody").find_all("tr")]
    assert numbers == ["2024/1", "2024/2", "2024/7", "2024/7bis", "2024/10"]
