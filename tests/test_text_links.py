"""Plain Markdown links in texts (core/textlinks.py): a link into the other language's pages or
to a page the site does not have is an error with file, line and the `ref:` form to write; a
working link to a text of the corpus is a warning (not checked by date, not rewritten)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regkb.core.textlinks import land
from regkb.sources import load_corpus
from test_foundation import minimal_project, write

CIRCULAR = ("---\nnumber: '2024/1'\ndate: 2024-01-10\naudience: insurers\ntitle: Circulaire test\n"
            "short_title: Circulaire 2024/1\nreviewed: 2024-01-10\n---\nIntro.\n\n{body}\n")
CIRCULAR_NL = CIRCULAR.replace("Circulaire", "Omzendbrief").replace("Intro.", "Inleiding.")
FR = "circulars/2024/circ-test-2024-1.fr.md"
NL = "circulars/2024/circ-test-2024-1.nl.md"
BODY_LINE = 11  # the line of {body} in CIRCULAR


def _load(tmp_path: Path, fr: str, nl: str = "Tekst.", files: dict[str, str] | None = None):
    root = minimal_project(tmp_path)
    write(root, FR, CIRCULAR.format(body=fr))
    write(root, NL, CIRCULAR_NL.format(body=nl))
    write(root, "docs/fr/guide/index.md", "# Guide\n")
    write(root, "docs/nl/guide/index.md", "# Gids\n")
    for rel, text in (files or {}).items():
        write(root, rel, text)
    _corpus, diagnostics = load_corpus(root)
    return [d for d in diagnostics if d.code == "text-link"]


@pytest.mark.parametrize("link", [
    "/nl/regulations/ar-test/",
    "../../nl/regulations/ar-test/#art-1",
    "../../../docs/nl/regulations/ar-test/2020-02-01.md",
    "circ-test-2024-1.nl.md",
    "/nl/guide/",
])
def test_a_link_into_the_other_language_is_an_error_with_file_line_and_fix(tmp_path: Path, link: str):
    found = _load(tmp_path, f"Voir [le texte]({link}).")
    assert len(found) == 1, [d.format() for d in found]
    problem = found[0]
    assert problem.is_error and problem.path == FR and problem.line == BODY_LINE
    assert "Dutch" in problem.message and link[:40] in problem.message
    if "ar-test" in link:
        assert "ref:ar-test" in problem.fix


def test_the_fix_names_the_reference_with_date_and_article(tmp_path: Path):
    found = _load(tmp_path, "Voir [l'art. 1](/nl/regulations/ar-test/2020-02-01/#art-1).")
    assert "[text](ref:ar-test@2020-02-01#art-1)" in found[0].fix


def test_a_dutch_text_linking_to_the_french_pages_is_an_error(tmp_path: Path):
    found = _load(tmp_path, "Texte.", "Zie [het KB](../../../regulations/ar-test/).")
    assert [(d.path, d.line, d.is_error) for d in found] == [(NL, BODY_LINE, True)]
    assert "French" in found[0].message and "ref:ar-test" in found[0].fix


@pytest.mark.parametrize("link", ["../../guide/nothing/", "/regulations/ar-absent/", "plan.pdf",
                                  "../../../../../x/", "/regulations/ar-test/2021-01-01/"])
def test_a_link_to_a_page_that_does_not_exist_is_an_error(tmp_path: Path, link: str):
    found = _load(tmp_path, f"Voir [ici]({link}).")
    assert len(found) == 1 and found[0].is_error and found[0].line == BODY_LINE, [d.format() for d in found]
    assert "no such page" in found[0].message and found[0].fix


@pytest.mark.parametrize("link", ["https://www.inami.fgov.be/", "mailto:a@b.be", "#section", "/guide/",
                                  "../../guide/", "/circulars/", "/circulars/2024/", "/agenda/", "/faq/"])
def test_links_that_work_are_left_alone(tmp_path: Path, link: str):
    assert _load(tmp_path, f"Voir [ici]({link}).") == []


def test_a_file_of_the_site_may_be_linked(tmp_path: Path):
    assert _load(tmp_path, "Voir [le plan](/plan.pdf).", files={"docs/fr/plan.pdf": "%PDF"}) == []
    found = _load(tmp_path / "2", "Voir [le plan](/plan.pdf).", files={"docs/nl/plan.pdf": "%PDF"})
    assert len(found) == 1 and "no such page" in found[0].message


def test_a_working_link_to_a_text_is_a_warning_suggesting_ref(tmp_path: Path):
    found = _load(tmp_path, "Voir [l'AR](/regulations/ar-test/#art-1).")
    assert len(found) == 1 and not found[0].is_error
    assert "ref:ar-test#art-1" in found[0].fix


def test_code_and_references_are_not_links(tmp_path: Path):
    body = "Écrire `[x](/nl/y/)` ou\n\n```\n[x](../nope/)\n```\n\nselon [](ref:ar-test#art-1)."
    assert _load(tmp_path, body) == []


def test_every_form_of_link_is_read_with_its_line(tmp_path: Path):
    body = ("Un ![plan](/nl/plan.png)\n\ndeux <a href=\"/nl/guide/\">x</a>\n\n[def]: /nl/guide/\n\n"
            "trois [x](</nl/guide/> \"titre\")")
    found = _load(tmp_path, body)
    assert [d.line for d in found] == [BODY_LINE, BODY_LINE + 2, BODY_LINE + 4, BODY_LINE + 6]


def test_a_version_text_is_checked_from_its_own_page_too(tmp_path: Path):
    """A version's page is one folder below the stable page: '../../guide/' works on one only."""
    version = "---\nin_force: 2020-02-01\n---\n## Art. 1\nVoir [le guide](../../guide/).\n"
    found = _load(tmp_path, "Texte.", files={"docs/fr/regulations/ar-test/2020-02-01.md": version})
    assert [(d.path, d.line) for d in found] == [("docs/fr/regulations/ar-test/2020-02-01.md", 5)]
    assert "regulations/ar-test/2020-02-01/" in found[0].message


def test_where_a_link_lands():
    assert land("regulations/x/", "../../guide/").path == "guide/"
    assert land("nl/circulars/c/", "../../guide/") .lang == "nl"
    assert land("circulars/c/", "../../nl/guide/").lang == "nl"
    assert land("circulars/c/", "../../../x").path is None
