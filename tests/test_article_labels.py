"""Article labels of Belgian legislation, their anchors, the diagnostics of what looks like an
article and is not one, duplicates, Justel notes and legal points as text (no site build)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from conftest import copy_project
from regkb.core.articles import anchor_headings, article_problems, parse_label, split_articles, split_blocks
from regkb.core.diff import align
from regkb.core.legaltext import legal_markdown, restore_html
from regkb.site_check import check_site
from regkb.sources import load_corpus

DOC = "regulations/ar-1996-07-03"


@pytest.mark.parametrize("label, number, anchor", [
    ("Art. 1er", "1", "art-1"), ("Article 1er.", "1", "art-1"), ("Artikel 1", "1", "art-1"),
    ("Art. 1ste", "1", "art-1"), ("Art. 7bis", "7bis", "art-7bis"), ("Art. 7 bis", "7bis", "art-7bis"),
    ("Art. 7nonies.", "7nonies", "art-7novies"), ("Artikel 7novies", "7novies", "art-7novies"),
    ("Art. 7undecies", "7undecies", "art-7undecies"), ("Art. 7duodecies", "7duodecies", "art-7duodecies"),
    ("Art. 7terdecies", "7terdecies", "art-7terdecies"), ("Art. 7quaterdecies", "7quaterdecies", "art-7quaterdecies"),
    ("Art. 7quinquiesdecies", "7quinquiesdecies", "art-7quinquiesdecies"),
    ("Art. 7quindecies", "7quindecies", "art-7quinquiesdecies"),
    ("Art. 7sexiesdecies", "7sexiesdecies", "art-7sexiesdecies"), ("Art. 3vicies", "3vicies", "art-3vicies"),
    ("Art. 12bisA", "12bisA", "art-12bisa"), ("Art. 12bis A.", "12bis A", "art-12bisa"),
    ("Art. 13/1.", "13/1", "art-13-1"), ("Art. 22bis/1.", "22bis/1", "art-22bis-1"),
    ("Art. XI.172.", "XI.172", "art-xi-172"), ("Art. 1:1", "1:1", "art-1-1"), ("Art. 3.12", "3.12", "art-3-12"),
    ("Art. 7:96", "7:96", "art-7-96"), ("Art. N1.", "N1", "art-n1"), ("Art. N2bis", "N2bis", "art-n2bis"),
    ("Article unique", "unique", "art-unique"), ("Enig artikel", "unique", "art-unique"),
    ("Article L122-5", "L122-5", "art-l122-5"), ("Art. 7. Définitions", "7", "art-7"),
    ("Art. 7 - Titre", "7", "art-7"), ("Art. 5 [1 ...]1", "5", "art-5"),
    ("Article premier", "1", "art-1"), ("Article premier.", "1", "art-1"), ("Art. premier", "1", "art-1"),
    ("Article premier bis.", "1bis", "art-1bis"), ("Article premierter", "1ter", "art-1ter"),
])
def test_every_label_form_has_its_anchor(label: str, number: str, anchor: str) -> None:
    parsed = parse_label(label)
    assert parsed is not None and (parsed.number, parsed.anchor) == (number, anchor)


def test_premier_is_one_and_nothing_else() -> None:
    """'Article premier' is article 1 (older laws); a word that merely starts so is not."""
    assert parse_label("Article premiers") is None and parse_label("Article première partie") is None


def test_labels_not_understood_and_bold_articles_are_reported() -> None:
    body = "## Art. 1er\nUn.\n\n## Article dernier\nDeux.\n\n**Art. 7.** Trois.\n\n## Articles abrogés\n\n```\n## Art. x\n```"
    suspects, duplicates = article_problems(body)
    assert [(s.line, s.reason) for s in suspects] == [(4, "label"), (7, "bold")]
    assert duplicates == []
    assert [a.anchor for a in split_articles(body)] == ["art-1"]


def test_duplicates_get_distinct_anchors_in_order_and_align_by_text() -> None:
    old = "## Art. 12bis\nPremier texte.\n\n## Art. 12bis\nSecond texte.\n\n## Art. 13\nFin."
    new = "## Art. 12bis\nTexte nouveau inséré avant.\n\n" + old
    assert [a.anchor for a in split_articles(old)] == ["art-12bis", "art-12bis--2", "art-13"]
    assert "## Art. 12bis {#art-12bis--2}" in anchor_headings(old)
    _s, duplicates = article_problems(old)
    assert [(d.first_line, d.line, d.anchor) for d in duplicates] == [(1, 4, "art-12bis--2")]
    changes = align(split_blocks(old), split_blocks(new))
    # the two articles that stayed are unchanged; only the new first one is added
    assert [(c.status, c.new.strip()) for c in changes] == [
        ("added", "Texte nouveau inséré avant."), ("unchanged", "Premier texte."),
        ("unchanged", "Second texte."), ("unchanged", "Fin.")]


def test_text_between_articles_is_diffed() -> None:
    old = "Préambule.\n\n## Chapitre I\n\n### Art. 1\nUn.\n\n## Chapitre II - Ancien titre\n\n### Art. 2\nDeux.\n\nSignature."
    new = old.replace("Ancien titre", "Nouveau titre")
    changes = [c for c in align(split_blocks(old), split_blocks(new)) if c.status != "unchanged"]
    assert [(c.anchor, c.status) for c in changes] == [("text-before-art-2", "changed")]
    assert ("+", "Nouveau") in changes[0].words() and ("-", "Ancien") in changes[0].words()


def test_check_names_file_line_and_fix(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "docs/fr" / DOC / "2024-07-01.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n**Art. 99.** Texte en gras.\n\n## Art. 1er\n\nDoublon.\n", encoding="utf-8")
    lines = text.count("\n") + 1
    _corpus, diagnostics = load_corpus(project)
    messages = [d.format() for d in diagnostics.sorted() if d.code in ("article-label", "duplicate-article")]
    rel = f"docs/fr/{DOC}/2024-07-01.md"
    assert any(m.startswith(f"{rel}:{lines + 1}: error:") and "Fix: Write the article as a heading" in m for m in messages)
    duplicate = [m for m in messages if "written twice" in m]
    assert len(duplicate) == 1 and duplicate[0].startswith(f"{rel}:{lines + 3}: warning:")
    assert f"lines 10 and {lines + 3}" in duplicate[0] and "'art-1--2'" in duplicate[0]
    # confirmed in the front matter: no warning
    path.write_text(text.replace("---\n## ", "duplicate_articles: [1er]\n---\n## ", 1) + "\n## Art. 1er\n\nDoublon.\n", encoding="utf-8")
    _corpus, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics if d.code == "duplicate-article" and d.path == rel]


def test_notes_markers_and_points_render_as_written() -> None:
    source = ("Pour l'application :\n\n1. un;\n\n(3°bis deux;)\n\n3. ter trois; <L 2001-12-30/30, art. 80, 004;  En vigueur :  01-01-2002>\n\n"
              "4. [1 quatre [2 cinq]2]1 <Inséré par L 2003-01-14/36, art. 3;  En vigueur :  10-03-2003>\n"
              "a) six\nb) sept\n\nVoir [le lien](https://example.org) et `<L 2003-01-01>` <b>gras 2</b>.\n")
    html = restore_html(markdown.markdown(legal_markdown(source, "fr"), extensions=["md_in_html", "attr_list", "toc"]), "fr")
    assert "<ol" not in html and "<p>1. un;</p>" in html and "<p>3. ter trois;" in html
    assert '<span class="regkb-note" role="note">' in html
    assert '&lt;L 2001-12-30/30, art. 80, 004;  En vigueur :  <time datetime="2002-01-01" title="1er janvier 2002">01-01-2002</time>&gt;' in html
    assert html.count('class="regkb-mark"') == 4 and '<span aria-hidden="true">&#91;1</span>' in html
    assert "\ue000" not in html and "\ue002" not in html
    assert "a) six<br />\nb) sept" in html  # each point on its own line
    assert '<a href="https://example.org">le lien</a>' in html and "<code>&lt;L 2003-01-01&gt;</code>" in html
    assert "<b>gras 2</b>" in html  # real HTML is not a note (the sanitizer decides about it)
    heading = restore_html(markdown.markdown(legal_markdown("## Chapitre 2. [1 - Production.]1", "fr"), extensions=["toc"]), "fr")
    assert heading.startswith('<h2 id="chapitre-2-production">Chapitre 2. <span class="regkb-mark">')


def test_site_check_reports_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<h2 id="art-1">A</h2><h2 id="art-1">B</h2><a href="#art-1">x</a>', encoding="utf-8")
    problems = check_site(tmp_path)
    assert [(p.page, p.target) for p in problems] == [("index.html", "#art-1")]
    assert "more than one element" in problems[0].reason
