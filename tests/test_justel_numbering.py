"""Real numbering through `regkb import justel`: Latin suffixes, `/` numbers, annex articles `N1`,
duplicate numbers, amendment markers and notes, repealed articles, ranges, legal points and
annexes. Each is imported with the anchor the site gives it, every word kept (tests/justel_diff.py),
and a diagnostic naming the file when it is ambiguous; on the real pages, no diagnostic that the
text does not call for.
"""

from __future__ import annotations

import re

import pytest
from justel_diff import compare, markdown_words, page_words
from test_import import HTML, regkb
from test_justel_variants import FR_2024, FR_OLD, NL_PAGE, NOTE, art, variant

from regkb.core.articles import split_articles
from regkb.justel.history import build_history
from regkb.justel.html_page import read_page
from regkb.justel.sources import version_file

TEMPLATES = [NL_PAGE, FR_2024, FR_OLD]
IDS = ["nl-2024", "fr-2024", "fr-old"]
FIRST = art("Art.1", f"Art. 1. Begin. {NOTE}")
LAST = art("Art.99", "Art. 99. Einde.")

# body, the anchors after art-1 (before art-99), a diagnostic expected (None: none)
CASES = {
    "7undecies": (art("Art.7undecies", f"Art. 7undecies. Tekst. {NOTE}"), ["art-7undecies"], None),
    "22bis/1": (art("Art.22bis/1", "Art. 22bis/1. Tekst."), ["art-22bis-1"], None),
    "N1 in an annex": ("<A NAME='LNK0009'></A>BIJLAGE.<BR>&nbsp;&nbsp;"
                       + art("Art.N1", "Art. N1. <table><tr><td>1°</td><td>12,5 EUR</td></tr></table>"), ["art-n1"], None),
    "duplicate numbers": (art("Art.12bis", "Art. 12bis. Een.") + art("Art.12bis", "Art. 12bis. Twee."),
                          ["art-12bis", "art-12bis--2"], None),
    "markers and notes": (art("Art.3", "Art. 3. [1 a [2 b ]2 c ]1 d<BR>----------<BR>(1)&lt;L 2003-03-20/49, art. 11, "
                                       "008; En vigueur : 04-04-2003&gt;<BR>(2)&lt;Inséré par AR 2013-02-19/10, art. 1, "
                                       "093; En vigueur : 01-05-2013&gt;"), ["art-3"], None),
    "repealed": (art("Art.5", f"Art. 5. (Abrogé) {NOTE}"), ["art-5"], None),
    "points": (art("Art.3", "Art. 3. § 1er. Tekst :<BR>1° een;<BR>2° twee;<BR>3°bis drie;<BR>a) vier<BR>1. vijf"),
               ["art-3"], None),
    "a range repealed together": (art("Art.5", f"Art. 5 à 7. (Abrogés) {NOTE}"), ["art-5"], "several articles in one"),
    "a label the site does not read": (art("Art.2", "Article deuxième. Tekst."), ["art-2"], "keeps 'Article deuxième.'"),
    "an article with no text": (art("Art.4", "Art. 4."), ["art-4"], "Art. 4 has no text on the page"),
    "a note never closed": (art("Art.3", "Art. 3. a &lt;L 2003-03-20/49, art. 11, 008; En vigueur : 04-04-2003"),
                            ["art-3"], "has no closing '>'"),
    "a mark that is not the label": (art("Art.7", "Art. 7bis. Tekst."), ["art-7bis"], "is labelled 'Art. 7bis'"),
}


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_real_numbering_is_imported_and_ambiguity_said(template, case):
    body, anchors, diagnostic = CASES[case]
    page = variant(FIRST + body + LAST, template)
    snap = read_page("v.html", page)
    history = build_history(snap.lang, [snap], {})
    assert not history.errors and len(history.versions) == 1
    markdown = version_file(history.versions[0])
    assert [a.anchor for a in split_articles(markdown.split("---\n", 2)[2])] == ["art-1", *anchors, "art-99"]
    difference = compare(page_words(page), markdown_words(markdown, snap.lang))
    assert not difference.lost, str(difference)
    ours = [m for m in history.messages if "charset" not in m]
    if diagnostic is None:
        assert not ours, ours
        assert not difference.added, str(difference)
    else:
        assert any(diagnostic in m and m.startswith("v.html: ") for m in ours), ours


def test_a_label_the_site_does_not_read_adds_only_the_heading():
    page = variant(FIRST + art("Art.2", "Article deuxième. Tekst.") + LAST)
    snap = read_page("v.html", page)
    markdown = version_file(build_history("nl", [snap], {}).versions[0])
    difference = compare(page_words(page), markdown_words(markdown, "nl"))
    assert not difference.lost and len(difference.added) == 1 and "[[Art 2]] Article deuxième" in difference.added[0]


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_article_premier_of_older_texts_is_article_1_as_written(template):
    page = variant(art("Art.1er", f"Article premier. Tekst. {NOTE}") + art("Art.2", "Art. 2. Twee.") + LAST, template)
    snap = read_page("v.html", page)
    history = build_history(snap.lang, [snap], {})
    markdown = version_file(history.versions[0])
    assert "\n## Article premier\n" in markdown
    assert [a.anchor for a in split_articles(markdown.split("---\n", 2)[2])] == ["art-1", "art-2", "art-99"]
    assert not compare(page_words(page), markdown_words(markdown, snap.lang))
    assert not [m for m in history.messages if "charset" not in m]


def test_duplicates_are_reported_with_the_file_and_the_front_matter_to_confirm(tmp_path):
    page = tmp_path / "dup.html"
    page.write_bytes(variant(FIRST + art("Art.12bis", "Art. 12bis. Een.") + art("Art.12bis", "Art. 12bis. Twee.") + LAST))
    code, out, err = regkb(tmp_path, "import", "justel", "--nl", str(page), "--id", "x")
    assert code == 0, err
    line = next(x for x in out.splitlines() if "more than once" in x)
    assert str(page) in line and "12bis" in line and "duplicate_articles: [12bis]" in line


@pytest.mark.skipif(not HTML.is_dir(), reason="../shared/real is not here")
def test_the_real_pages_raise_no_diagnostic_the_text_does_not_call_for(tmp_path):
    for page in sorted(HTML.glob("*/*.html")):
        snap = read_page(str(page), page.read_bytes())
        doubts = [n for n in snap.notes if re.search(r"several articles|no closing|keeps '|double-encoded|mixes UTF-8|"
                                                     r"stops before|has no text", n)]
        assert not doubts, doubts
    page = sorted((HTML / "1982000423").glob("*.html"))[-1]
    code, out, err = regkb(tmp_path, "import", "justel", str(page), "--id", "ar-1982-03-23")
    assert code == 0, err
    assert any(str(page) in x and "N2" in x.upper() and "more than once" in x for x in out.splitlines()), out
