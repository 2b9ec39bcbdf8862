"""Cross-references, typed backlinks and change impact, checked on real outputs.

The sample site is built once (strict); broken sources are built or loaded from a copy of the
project; the expected backlinks are computed here from the source files, independently of the
plugin's reference index.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, copy_project

REF = re.compile(r"\]\(ref:(?P<id>[a-z0-9-]+)(?:@(?P<on>[0-9-]+))?(?:#(?P<anchor>[a-z0-9-]+))?\)")


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolve_href(site: Path, page: str, href: str) -> tuple[str, str]:
    """The site path a relative href of `page` leads to, and its fragment."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(page, path)) if path else page
    return target.strip("/"), fragment


# --- references resolve in both languages ----------------------------------------------------------
@pytest.mark.parametrize("page", ["circulars/circ-oa-2024-7", "faq/kine-nombre-seances"])
def test_references_lead_to_the_same_language(sample_site: Path, page: str) -> None:
    for lang_prefix in ("", "nl/"):
        soup = soup_of(sample_site, lang_prefix + page)
        links = [a for a in soup.select(".regkb-text a") if "regulations/" in a.get("href", "")]
        assert links, page
        for link in links:
            target, fragment = resolve_href(sample_site, lang_prefix + page + "/", link["href"])
            assert target.startswith("nl/") == (lang_prefix == "nl/"), (page, link["href"])
            html = (sample_site / target / "index.html").read_text(encoding="utf-8")
            if fragment:
                assert f'id="{fragment}"' in html, (target, fragment)


def test_empty_link_text_is_filled_per_language(sample_site: Path) -> None:
    fr = soup_of(sample_site, "faq/kine-nombre-seances")
    nl = soup_of(sample_site, "nl/faq/kine-nombre-seances")
    fr_texts = {a.get_text(): a["href"] for a in fr.select(".regkb-answer a")}
    nl_texts = {a.get_text(): a["href"] for a in nl.select(".regkb-answer a")}
    assert fr_texts["art. 7 de l'AR du 3 juillet 1996 (tel qu'en vigueur le 1er juillet 2024)"] == \
        "../../regulations/ar-1996-07-03/2024-07-01/#art-7"
    assert nl_texts["art. 7 van het KB van 3 juli 1996 (zoals van kracht op 1 juli 2024)"] == \
        "../../regulations/ar-1996-07-03/2024-07-01/#art-7"
    # after a preposition French takes its article: "fixé par l'art. 7 ..."
    fr_text = " ".join(soup_of(sample_site, "faq/kine-seances-au-dela-plafond").select_one(".regkb-answer").get_text(" ").split())
    assert "fixé par l'art. 7 de l'AR du 3 juillet 1996" in fr_text
    # after "à l'" written by the author, no second article
    convention = soup_of(sample_site, "conventions/conv-loco-liege").select_one(".regkb-text").get_text()
    assert "visé à l'art. 53 de la loi coordonnée du 14 juillet 1994" in convention
    nl_convention = soup_of(sample_site, "nl/conventions/conv-loco-liege").select_one(".regkb-text").get_text()
    assert "art. 53 van de gecoördineerde wet van 14 juli 1994" in nl_convention


@pytest.mark.parametrize("before, lang, expected", [
    ("selon ", "fr", "l'art. 7 de l'AR du 3 juillet 1996"),
    ("visées à l'", "fr", "art. 7 de l'AR du 3 juillet 1996"),
    ("(", "fr", "art. 7 de l'AR du 3 juillet 1996"),
    ("", "fr", "Art. 7 de l'AR du 3 juillet 1996"),
    ("volgens ", "nl", "art. 7 van het KB van 3 juli 1996"),
])
def test_link_text_reads_right(sample_corpus, before: str, lang: str, expected: str) -> None:
    from regkb.core.references import link_text, parse_target, resolve

    corpus, _ = sample_corpus
    target = parse_target("ar-1996-07-03#art-7")
    assert link_text(resolve(corpus, target, dt.date(2026, 11, 22)), target, lang, before) == expected


def test_short_titles_take_the_right_article(sample_corpus) -> None:
    from regkb.core.references import _of

    corpus, _ = sample_corpus
    seen = {}
    for document in corpus:
        if document.kind.value != "qa":
            seen[document.id] = (_of(document.short_title("fr"), "fr", document.kind), _of(document.short_title("nl"), "nl"))
    assert seen["ar-1996-07-03"] == ("de l'AR du 3 juillet 1996", "van het KB van 3 juli 1996")
    assert seen["am-2019-06-12"] == ("de l'AM du 12 juin 2019", "van het MB van 12 juni 2019")
    assert seen["loi-1994-07-14"] == ("de la loi coordonnée du 14 juillet 1994", "van de gecoördineerde wet van 14 juli 1994")
    assert seen["circ-oa-2024-7"] == ("de la circulaire OA 2024/7", "van de omzendbrief VI 2024/7")
    assert seen["conv-loco-liege"][0].startswith("de la convention rééducation locomotrice")
    assert seen["conv-loco-liege"][1].startswith("van de overeenkomst locomotorische revalidatie")


def test_article_anchors_match_across_languages(sample_site: Path) -> None:
    pages = [p.parent for p in (sample_site / "regulations").rglob("index.html")
             if "/diff" not in p.as_posix() and "/fr-nl" not in p.as_posix()]  # FR ‖ NL: one bilingual page
    pages = [p for p in pages if p != sample_site / "regulations"]
    assert len(pages) >= 6
    for page in pages:
        rel = page.relative_to(sample_site).as_posix()
        ids = [set(re.findall(r'id="(art-[a-z0-9-]+)"', (sample_site / prefix / rel / "index.html").read_text()))
               for prefix in ("", "nl")]
        assert ids[0] and ids[0] == ids[1], rel


def test_no_ref_link_reaches_the_html(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["code", "pre"]):  # the writing guide shows the syntax as code
            element.decompose()
        assert "ref:" not in str(soup), page.relative_to(sample_site)


# --- broken references: file, line, strict build ----------------------------------------------------
BROKEN_BODY = """
Texte.

Un document inconnu : [](ref:ar-1900-01-01#art-7).
Un article inconnu : [](ref:ar-1996-07-03#art-99).
Une date sans version : [](ref:ar-1996-07-03@1990-01-01#art-7).
Une date invalide : [](ref:ar-1996-07-03@2024-13-01#art-7).
Une cible malformée : [](ref:AR 1996).
"""


def _circular(project: Path) -> Path:
    path = project / "circulars" / "2024" / "circ-oa-2024-7.fr.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("implements: [ar-2024-05-30, ar-1996-07-03]", "implements: [ar-2024-05-30, ar-1996-07-03, nope]")
    path.write_text(text.rstrip("\n") + "\n" + BROKEN_BODY, encoding="utf-8")
    return path


def test_each_broken_reference_kind_is_reported_with_file_and_line(tmp_path: Path) -> None:
    from regkb.core.validate import build_date  # noqa: F401 - REGKB_TODAY is read at load time
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    path = _circular(project)
    lines = path.read_text(encoding="utf-8").split("\n")

    def line_of(needle: str) -> int:
        return next(i for i, line in enumerate(lines, start=1) if needle in line)

    version_file = project / "docs/fr/regulations/ar-1996-07-03/2024-07-01.md"
    version_file.write_text(version_file.read_text(encoding="utf-8").replace("## Art. 9", "## Art. 19"), encoding="utf-8")
    os.environ["REGKB_TODAY"] = "2026-11-22"
    _corpus, diagnostics = load_corpus(project)
    rel = "circulars/2024/circ-oa-2024-7.fr.md"
    found = {(d.path, d.line, d.code): d.message for d in diagnostics.errors}
    expected = {
        line_of("ar-1900-01-01"): "unknown document 'ar-1900-01-01'",
        line_of("#art-99"): "no article 'art-99'",
        line_of("@1990-01-01"): "no version in force on 1990-01-01",
        line_of("@2024-13-01"): "not a valid date",
        line_of("ref:AR 1996"): "malformed reference",
        line_of("implements:"): "unknown document 'nope'",
    }
    for line, words in expected.items():
        assert words in found.get((rel, line, "unknown-reference"), ""), (line, words, found)
    # French and Dutch must have the same articles (anchors, language switcher)
    mismatch = [d for d in diagnostics.errors if d.code == "article-mismatch"]
    assert {d.path for d in mismatch} == {"docs/fr/regulations/ar-1996-07-03/2024-07-01.md",
                                          "docs/nl/regulations/ar-1996-07-03/2024-07-01.md"}


def test_broken_references_in_handwritten_pages_and_front_matter(tmp_path: Path) -> None:
    from regkb.sources import load_corpus
    from regkb.sources.inventory import check_handwritten_refs

    project = copy_project(tmp_path)
    home = project / "docs/fr/index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nVoir [](ref:inconnu#art-1) et [ceci]( ref:ar-1996-07-03 \"x\").\n",
                    encoding="utf-8")
    line = len(home.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    version = project / "docs/fr/regulations/ar-1996-07-03/2024-07-01.md"
    version.write_text(version.read_text(encoding="utf-8").replace(
        "in_force: 2024-07-01", "in_force: 2024-07-01\nlabel: voir [](ref:ar-1996-07-03#art-7)", 1), encoding="utf-8")
    corpus, diagnostics = load_corpus(project)
    check_handwritten_refs(project, corpus, dt.date(2026, 11, 22), diagnostics)
    messages = [(d.path, d.line, d.message) for d in diagnostics.errors]
    assert any(p == "docs/fr/index.md" and n == line and "unknown document 'inconnu'" in m for p, n, m in messages)
    assert any(p == "docs/fr/index.md" and n == line and "malformed" in m for p, n, m in messages)
    assert any(p.endswith("ar-1996-07-03/2024-07-01.md") and "front matter ('label')" in m for p, n, m in messages)


def test_strict_build_fails_on_a_broken_reference_without_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = _circular(project)
    line = path.read_text(encoding="utf-8").split("\n").index(
        "Un article inconnu : [](ref:ar-1996-07-03#art-99).") + 1
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"circulars/2024/circ-oa-2024-7.fr.md:{line}: error: broken reference" in result.stderr
    assert "Traceback" not in result.stderr
    # and even a non-strict build never lets a ref: link through
    loose = build_site(project, tmp_path / "loose", strict=False)
    assert loose.returncode == 0, loose.stderr[-2000:]
    html = (tmp_path / "loose" / "circulars" / "circ-oa-2024-7" / "index.html").read_text(encoding="utf-8")
    assert "ref:" not in html


def test_plain_links_from_handwritten_pages_are_checked_against_generated_anchors(tmp_path: Path) -> None:
    """A guide's ordinary Markdown link to an article: MkDocs checks its anchor against the
    generated page's ids (read from its HTML only when such a link asks for them)."""
    project = copy_project(tmp_path / "project")
    guide = project / "docs" / "fr" / "guide" / "index.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text + "\n\nVoir [l'article 3](../regulations/ar-1996-07-03/index.md#art-3).\n", encoding="utf-8")
    assert build_site(project, tmp_path / "good").returncode == 0
    guide.write_text(text + "\n\nVoir [l'article 99](../regulations/ar-1996-07-03/index.md#art-99).\n", encoding="utf-8")
    result = build_site(project, tmp_path / "bad")
    assert result.returncode != 0
    assert "art-99" in result.stderr and "Traceback" not in result.stderr


# --- backlinks --------------------------------------------------------------------------------------
def _source_id(rel: str) -> str:
    parts = rel.split("/")
    if parts[0] == "docs":
        return parts[3]
    return parts[-1].split(".")[0]


def expected_citations() -> dict[str, dict[str | None, set[str]]]:
    """target -> anchor -> citing ids, read from the source files with a plain regex."""
    found: dict[str, dict[str | None, set[str]]] = defaultdict(lambda: defaultdict(set))
    files = list(ROOT.glob("docs/*/regulations/*/*.md")) + list(ROOT.glob("docs/*/conventions/*/*.md"))
    files += list(ROOT.glob("circulars/*/*.md")) + list(ROOT.glob("faq/*/*.md"))
    for path in files:
        source = _source_id(path.relative_to(ROOT).as_posix())
        for match in REF.finditer(path.read_text(encoding="utf-8")):
            if match["id"] != source:
                found[match["id"]][match["anchor"]].add(source)
    return found


def expected_relation(field: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in ROOT.glob("circulars/*/*.md"):
        match = re.search(rf"^{field}: *\[?([^\]\n]+)\]?$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            for target in match.group(1).split(","):
                found[target.strip()].add(path.name.split(".")[0])
    return found


def backlink_groups(soup: BeautifulSoup) -> tuple[dict[str, set[str]], dict[str | None, set[str]]]:
    """From a built page: relation -> citing ids, and for citations: anchor -> citing ids."""
    relations: dict[str, set[str]] = defaultdict(set)
    articles: dict[str | None, set[str]] = defaultdict(set)
    relation, anchor = None, None
    heading = soup.find(id="backlinks")
    for element in heading.find_all_next(["h2", "h3", "h4", "li"]):
        if element.name == "h2":
            break
        if element.name == "h3":
            relation, anchor = element["id"].removeprefix("backlinks-"), None
        elif element.name == "h4":
            anchor = None if element["id"] == "cited-text" else element["id"].removeprefix("cited-")
        else:
            ident = element.a["href"].rstrip("/").split("/")[-1]
            relations[relation].add(ident)
            if relation == "cites":
                articles[anchor].add(ident)
    return relations, articles


@pytest.mark.parametrize("doc_id", ["ar-1996-07-03", "ar-1984-09-14", "loi-1994-07-14", "am-2019-06-12"])
def test_backlinks_per_article_are_exactly_the_citations(sample_site: Path, doc_id: str) -> None:
    cites = expected_citations()[doc_id]
    implements = expected_relation("implements").get(doc_id, set())
    for prefix in ("", "nl/"):
        soup = soup_of(sample_site, f"{prefix}regulations/{doc_id}")
        relations, articles = backlink_groups(soup)
        assert dict(articles) == dict(cites), doc_id
        assert relations.get("implements", set()) == implements
        heading = soup.find(id="backlinks").get_text()
        assert heading == ("Liens vers ce texte" if not prefix else "Verwijzingen naar deze tekst")
        # each cited article shows "cité par N textes", N = the texts listed under its heading
        for mark in soup.select(".regkb-cited a"):
            anchor = mark["href"].removeprefix("#cited-")
            count = len(cites[anchor])
            word = ("Cité par" if not prefix else "Geciteerd door")
            assert mark.get_text().startswith(f"{word} {count} "), (anchor, mark.get_text())
            assert soup.find(id=f"cited-{anchor}") is not None


def test_amended_and_replaced_texts(sample_site: Path) -> None:
    relations, _ = backlink_groups(soup_of(sample_site, "regulations/ar-1996-07-03"))
    assert relations["amends"] == {"ar-2024-05-30"}
    for prefix, words in (("", "Cette circulaire a été remplacée par"), ("nl/", "Deze omzendbrief is vervangen door")):
        soup = soup_of(sample_site, f"{prefix}circulars/circ-oa-2023-4")
        banner = soup.select_one("[data-regkb-replaced]")
        assert banner is not None and words in banner.get_text()
        target, _ = resolve_href(sample_site, f"{prefix}circulars/circ-oa-2023-4/", banner.a["href"])
        assert target == f"{prefix}circulars/circ-oa-2024-7"
        relations, _ = backlink_groups(soup)
        assert relations["replaces"] == {"circ-oa-2024-7"}


# --- change impact ----------------------------------------------------------------------------------
STALE_2027 = {
    ("circ-kine-2023-1", "ar-1996-07-03"), ("circ-logo-2024-1", "ar-1996-07-03"),
    ("circ-oa-2024-7", "ar-1996-07-03#art-7"), ("circ-oa-2025-14", "ar-1996-07-03"),
    ("circ-oa-2025-9", "ar-1996-07-03#art-7"), ("kine-seances-au-dela-plafond", "ar-1996-07-03#art-7"),
}


def test_impacts_on_the_sample(sample_corpus) -> None:
    from regkb.core.impact import find_impacts

    corpus, _ = sample_corpus
    # On the test day every answer and circular was reviewed after the last change in force it
    # cites (circ-oa-2023-4 was, but it is replaced: nothing to check again); the version of
    # 2027-01-01 of the AR of 3 July 1996 is announced (published 2026-10-29): the same texts are
    # to check again, announced, but circ-kine-2024-2, replaced from that very day by circ-kine-2026-1.
    announced = find_impacts(corpus, corpus.references, dt.date(2026, 11, 22))
    assert {(i.source.id, i.what) for i in announced} == STALE_2027
    assert all(i.announced and i.changed_on == dt.date(2027, 1, 1) for i in announced)
    # Once the 2027 version of the AR of 3 July 1996 applies (art. 7: 20 -> 24 sessions):
    impacts = find_impacts(corpus, corpus.references, dt.date(2027, 2, 1))
    assert {(i.source.id, i.what) for i in impacts} == STALE_2027
    # art. 7bis is cited too but unchanged in 2027: no impact; answers that cite the 2027 version
    # by date (kine-nombre-seances, kine-compteur-2027) already know it.
    assert not {"kine-liste-fa-fb", "kine-nombre-seances", "kine-compteur-2027"} & {i.source.id for i in impacts}
    answer = next(i for i in impacts if i.source.id == "kine-seances-au-dela-plafond")
    assert (answer.relied_on, answer.changed_on) == (dt.date(2026, 3, 1), dt.date(2027, 1, 1))
    assert answer.relied_version.key == "2024-07-01" and not answer.announced


def test_impact_note_and_build_log(tmp_path: Path) -> None:
    result = build_site(ROOT, tmp_path / "site", today="2027-02-01")
    assert result.returncode == 0, result.stderr[-3000:]
    logged = [line for line in result.stderr.splitlines() if "regkb: impact:" in line]
    assert len(logged) == len(STALE_2027) and all(line.startswith("INFO") for line in logged)
    assert any("faq/physiotherapy/kine-seances-au-dela-plafond.md:10:" in line for line in logged)
    fr = soup_of(tmp_path / "site", "faq/kine-seances-au-dela-plafond").select_one("[data-regkb-impact]")
    nl = soup_of(tmp_path / "site", "nl/faq/kine-seances-au-dela-plafond").select_one("[data-regkb-impact]")
    assert fr.get_text(" ", strip=True).startswith(
        "Cette réponse se fonde sur l'art. 7 de l'AR du 3 juillet 1996 dans sa version en vigueur le 1er mars 2026.")
    assert "Une nouvelle version est en vigueur depuis le 1er janvier 2027" in fr.get_text()
    assert nl.get_text(" ", strip=True).startswith(
        "Dit antwoord steunt op art. 7 van het KB van 3 juli 1996 in de versie die van kracht was op 1 maart 2026.")
    assert [a["href"] for a in nl.find_all("a")] == ["../../regulations/ar-1996-07-03/#art-7",
                                                     "../../regulations/ar-1996-07-03/2027-01-01/diff/"]
    circular = soup_of(tmp_path / "site", "circulars/circ-logo-2024-1").select_one("[data-regkb-impact]")
    assert circular.get_text(" ", strip=True).startswith("Cette circulaire se fonde sur l'AR du 3 juillet 1996")


def test_impact_notes_on_the_test_day_are_announced(sample_site: Path) -> None:
    """On the test day the change of 2027-01-01 is announced: the notes say from when, and only
    on the texts it concerns."""
    pages = {page.parent.relative_to(sample_site).as_posix() for page in sample_site.rglob("index.html")
             if "data-regkb-impact" in page.read_text(encoding="utf-8")}
    assert pages == {f"{prefix}{folder}/{doc}" for prefix in ("", "nl/") for doc, _what in STALE_2027
                     for folder in (("faq",) if doc.startswith("kine") else ("circulars",))}
    fr = soup_of(sample_site, "faq/kine-seances-au-dela-plafond").select_one("[data-regkb-impact]")
    assert "Une nouvelle version s'applique à partir du 1er janvier 2027" in fr.get_text(" ", strip=True)
    assert fr.has_attr("data-regkb-impact-announced") and fr["data-regkb-impact-from"] == "2027-01-01"
    nl = soup_of(sample_site, "nl/faq/kine-seances-au-dela-plafond").select_one("[data-regkb-impact]")
    assert "Vanaf 1 januari 2027 geldt een nieuwe versie" in nl.get_text(" ", strip=True)


# --- the command ------------------------------------------------------------------------------------
def regkb(*args: str, today: str = "2026-11-22") -> subprocess.CompletedProcess:
    env = dict(os.environ, REGKB_TODAY=today)
    return subprocess.run([sys.executable, "-m", "regkb.cli", "--root", str(ROOT), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_impact_command_lists_what_cites_an_article() -> None:
    result = regkb("impact", "ar-1996-07-03#art-7bis")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("ar-1996-07-03#art-7bis: art. 7bis de l'AR du 3 juillet 1996 / art. 7bis van het KB van 3 juli 1996")
    assert "cites      kine-liste-fa-fb (version 2026-03-01) [fr] -> ar-1996-07-03#art-7bis" in out
    assert "faq/physiotherapy/kine-liste-fa-fb.md:10" in out and "faq/physiotherapy/kine-liste-fa-fb.md:18" in out
    assert "fr: Circulaire OA 2024/7" in out and "nl: Omzendbrief VI 2024/7" in out
    assert "cites      circ-oa-2024-7 (version 2024-07-01) [nl] -> ar-1996-07-03@2024-07-01#art-7bis" in out
    assert "amends     ar-2024-05-30" in out and "implements circ-oa-2024-7" in out
    citing = expected_citations()["ar-1996-07-03"]["art-7bis"] | expected_relation("implements")["ar-1996-07-03"]
    assert f"in {len(citing)} text(s)." in out


def test_impact_command_stale_and_errors() -> None:
    stale = regkb("impact", "--stale", today="2027-02-01")
    assert stale.returncode == 0
    assert stale.stdout.strip().endswith(f"{len(STALE_2027)} impact(s) in {len(STALE_2027)} text(s).")
    assert "'kine-seances-au-dela-plafond' (reviewed 2026-03-01) cites ar-1996-07-03#art-7" in stale.stdout
    announced = regkb("impact", "--stale")
    assert announced.stdout.strip().endswith(f"{len(STALE_2027)} impact(s) in {len(STALE_2027)} text(s).")
    assert ("'kine-seances-au-dela-plafond' (reviewed 2026-03-01) cites ar-1996-07-03#art-7, changed by the "
            "version announced to enter into force on 2027-01-01") in announced.stdout
    unknown = regkb("impact", "ar-1900-01-01")
    assert unknown.returncode == 1 and "unknown document 'ar-1900-01-01'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
