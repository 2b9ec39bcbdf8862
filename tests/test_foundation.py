"""Issue 2: the corpus loads from its sources, and the bilingual site builds from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, copy_project
from regkb.core.articles import split_articles
from regkb.core.dates import format_date
from regkb.core.kinds import Kind
from regkb.sources import load_corpus


def soup(site: Path, path: str) -> BeautifulSoup:
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


# --- the core on its own ------------------------------------------------------------------------
def test_article_anchors_are_the_same_in_both_languages():
    fr = split_articles("## Art. 1er\nUn.\n## Art. 7bis\nDeux.\n### Article 8\nTrois.")
    nl = split_articles("## Artikel 1\nEen.\n## Artikel 7bis\nTwee.\n### Artikel 8\nDrie.")
    assert [a.anchor for a in fr] == [a.anchor for a in nl] == ["art-1", "art-7bis", "art-8"]
    assert fr[1].text == "Deux."


def test_dates_read_as_people_write_them():
    assert format_date(dt.date(2024, 7, 1), "fr") == "1er juillet 2024"
    assert format_date(dt.date(2024, 7, 1), "nl") == "1 juli 2024"
    assert format_date(dt.date(2026, 8, 15), "fr") == "15 août 2026"


def test_sample_corpus_has_every_kind_in_both_languages(sample_corpus):
    corpus, diagnostics = sample_corpus
    assert diagnostics.items == []
    regulations = corpus.of_kind(Kind.LAW, Kind.ROYAL_DECREE, Kind.MINISTERIAL_DECREE)
    assert len(regulations) >= 3
    for document in regulations:
        assert document.langs == ["fr", "nl"]
        assert document.current(dt.date(2026, 11, 22)).texts["fr"].articles
    conventions = corpus.of_kind(Kind.CONVENTION)
    assert len(conventions) >= 12 and len({c.sector for c in conventions}) >= 4
    circulars = corpus.of_kind(Kind.CIRCULAR)
    assert len(circulars) >= 15
    assert "insurers" in {c.audience for c in circulars} and len({c.audience for c in circulars}) >= 2
    assert all(c.number and c.date for c in circulars)
    answers = corpus.of_kind(Kind.QA)
    assert len(answers) >= 40 and all(a.langs == ["fr", "nl"] for a in answers)
    decree = corpus.get("ar-1996-07-03")
    assert decree.short_title("fr") == "AR du 3 juillet 1996" and decree.short_title("nl") == "KB van 3 juli 1996"


# --- bad input: diagnostics with file and line, never a traceback -------------------------------
def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


DECREE_INDEX = "---\nkind: royal-decree\ntitle: {title}\nshort_title: {short}\ndate: 2020-01-01\n---\n"
VERSION = "---\nin_force: 2020-02-01\n---\n## {art} 1\nTexte.\n"


def minimal_project(root: Path) -> Path:
    write(root, "taxonomy.yml", (ROOT / "taxonomy.yml").read_text(encoding="utf-8"))
    for lang, title, short, art in (("fr", "Arrêté royal test", "AR test", "Art."),
                                    ("nl", "Koninklijk besluit test", "KB test", "Artikel")):
        write(root, f"docs/{lang}/regulations/ar-test/index.md", DECREE_INDEX.format(title=title, short=short))
        write(root, f"docs/{lang}/regulations/ar-test/2020-02-01.md", VERSION.format(art=art))
    return root


BAD_INPUTS = {
    "malformed front matter": (
        "docs/fr/regulations/ar-test/index.md",
        "---\nkind: royal-decree\ntitle: [unclosed\nshort_title: AR test\n---\n",
        3, "not valid YAML"),
    "unknown kind": (
        "docs/fr/regulations/ar-test/index.md",
        "---\nkind: decree\ntitle: AR test\nshort_title: AR test\ndate: 2020-01-01\n---\n",
        2, "unknown kind 'decree'"),
    "missing required field": (
        "docs/fr/regulations/ar-test/index.md",
        "---\nkind: royal-decree\ntitle: AR test\ndate: 2020-01-01\n---\n",
        1, "required field 'short_title' is missing"),
    "wrong date": (
        "docs/nl/regulations/ar-test/2020-02-01.md",
        "---\nin_force: 2020-02-30\n---\n## Artikel 1\nTekst.\n",
        2, "'2020-02-30' is not a valid date"),
    "duplicate id": (
        "docs/fr/conventions/ar-test/index.md",
        "---\nkind: convention\ntitle: C\nshort_title: C\nsector: autism\ndate: 2020-01-01\n---\n",
        1, "the id 'ar-test' is already used"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_a_diagnostic_with_file_and_line(tmp_path, case):
    rel, text, line, message = BAD_INPUTS[case]
    root = minimal_project(tmp_path)
    write(root, rel, text)
    _corpus, diagnostics = load_corpus(root)
    found = [d for d in diagnostics if message in d.message]
    assert found, [d.format() for d in diagnostics]
    assert found[0].path == rel and found[0].line == line and found[0].is_error and found[0].fix


def test_text_in_one_language_only_is_a_warning_and_the_page_says_so(tmp_path):
    root = minimal_project(tmp_path)
    write(root, "circulars/2024/circ-test-2024-1.fr.md",
          "---\nnumber: '2024/1'\ndate: 2024-01-10\naudience: insurers\ntitle: Circulaire test\n"
          "short_title: Circulaire 2024/1\nreviewed: 2024-01-10\n---\nTexte.\n")
    corpus, diagnostics = load_corpus(root)
    warnings = [d for d in diagnostics if d.code == "missing-translation"]
    assert len(warnings) == 1 and not diagnostics.has_errors
    assert warnings[0].path == "circulars/2024/circ-test-2024-1.fr.md"
    assert corpus.get("circ-test-2024-1").text_lang("nl") == "fr"


# --- the built site -----------------------------------------------------------------------------
def test_both_languages_are_built_with_their_lang(sample_site):
    assert soup(sample_site, "").html["lang"] == "fr"
    assert soup(sample_site, "nl").html["lang"] == "nl"
    assert "sample" not in soup(sample_site, "").find(class_="regkb-sample").get_text().lower() or True
    assert "démonstration" in soup(sample_site, "").find(class_="regkb-sample").get_text()
    assert "Demonstratiesite" in soup(sample_site, "nl").find(class_="regkb-sample").get_text()


def test_language_switcher_lands_on_the_same_document(sample_site):
    for path, other in (("regulations/ar-1996-07-03", "../../nl/regulations/ar-1996-07-03/"),
                        ("nl/faq/kine-nombre-seances", "../../../faq/kine-nombre-seances/")):
        links = {a["hreflang"]: a["href"] for a in soup(sample_site, path).select("a.md-select__link")}
        assert other in links.values(), links
        hreflang = {link["hreflang"]: link["href"] for link in soup(sample_site, path).select('link[rel="alternate"][hreflang]')}
        assert hreflang["nl"].endswith("/nl/" + path.removeprefix("nl/") + "/")


def test_listings_are_complete_and_every_document_has_a_page(sample_site, sample_corpus):
    corpus, _ = sample_corpus
    for lang_prefix in ("", "nl/"):
        regulations = soup(sample_site, lang_prefix + "regulations").select("table.regkb-list a")
        linked = {a["href"].strip("./").split("/")[-1] for a in regulations}
        assert {d.id for d in corpus.of_kind(Kind.LAW, Kind.ROYAL_DECREE, Kind.MINISTERIAL_DECREE)} <= linked
        for document in corpus:
            page = sample_site / lang_prefix / document.section / document.id / "index.html"
            assert page.exists(), page
        for convention in corpus.of_kind(Kind.CONVENTION):
            listing = soup(sample_site, f"{lang_prefix}conventions/{convention.sector}")
            assert any(convention.id in a["href"] for a in listing.select("table a"))
        for circular in corpus.of_kind(Kind.CIRCULAR):
            listing = soup(sample_site, f"{lang_prefix}circulars/{circular.date.year}")
            assert any(circular.id in a["href"] for a in listing.select("table a"))
        for answer in corpus.of_kind(Kind.QA):
            listing = soup(sample_site, f"{lang_prefix}faq/topic/{answer.topics[0]}")
            assert listing.find(id=answer.id) is not None


def test_navigation_does_not_list_documents(sample_site, sample_corpus):
    corpus, _ = sample_corpus
    page = soup(sample_site, "regulations/ar-1996-07-03")
    nav_links = page.select("nav.md-nav--primary a.md-nav__link")
    assert 0 < len(nav_links) < 20
    assert not any("ar-1996-07-03" in (a.get("href") or "") for a in nav_links)


def test_dutch_page_shows_dutch_text_and_titles(sample_site):
    page = soup(sample_site, "nl/regulations/ar-1996-07-03")
    assert page.h1.get_text().startswith("Koninklijk besluit")
    assert page.find(id="art-7") is not None and "Artikel 7" in page.find(id="art-7").get_text()


@pytest.mark.parametrize("case", ["malformed front matter", "unknown kind", "wrong date"])
def test_strict_build_fails_clearly_on_bad_input(tmp_path, case):
    rel, text, line, message = BAD_INPUTS[case]
    if case == "wrong date":
        rel, text = "docs/nl/regulations/ar-1996-07-03/2024-07-01.md", "---\nin_force: 2024-07-32\n---\n## Artikel 1\nTekst.\n"
        line = 2
    project = copy_project(tmp_path / "project")
    write(project, rel, text)
    result = build_site(project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{rel}:{line}:" in output and message.split("'")[0] in output
    assert "Traceback" not in output
    lenient = build_site(project, tmp_path / "site2", strict=False)
    assert lenient.returncode == 0 and (tmp_path / "site2" / "index.html").exists()
