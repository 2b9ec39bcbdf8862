"""`regkb import justel` on variants of real Justel pages: article labels, dates of the notes,
structure headings and articles without Justel's mark, as real pages write them.

The variants are the real pages with their 'Texte' part replaced (the Dutch synthetic page of
tests/data, always here; the French pages of ../shared/real when present): the rest of the page
(title box, preamble, modifications) stays Justel's. Each variant either gives the structured
Markdown the core reads (article keys) or a message naming the file and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project
from test_import import HTML, front, regkb

from regkb.core.articles import parse_label, split_articles
from regkb.justel.history import build_history
from regkb.justel.html_page import JustelPageError, decode, read_page
from regkb.justel.sources import version_file

NL_PAGE = ROOT / "tests" / "data" / "justel" / "1996022453.nl.synthetic.html"
FR_2024 = HTML / "1996022453" / "1996022453.v2-undated.6825272.html"
FR_OLD = HTML / "1996022453" / "1996022453.v1-undated.102e0cb.html"
NOTE = "&lt;L 2003-03-20/49, art. 11, 008; En vigueur : 04-04-2003&gt;"


def variant(body: str, template: Path = NL_PAGE) -> bytes:
    """The page with its text part replaced by `body` (Justel's HTML of the articles)."""
    if not template.exists():
        pytest.skip(f"{template} is not here")
    html = decode(template.read_bytes())  # the Dutch page is Latin-1, as Justel serves it
    if "list-title-3" in html:
        start = html.index("</h2>", html.index('<div id="list-title-3"')) + 5
        end = html.index("</div>", start)
    else:  # old layout: the content cell of the table after <A name="texte">
        part = html.index('<A name="texte">')
        start = html.index(">", re.search(r"<th align\s*=\s*left", html[part:], re.IGNORECASE).start() + part) + 1
        end = html.index("</th>", start)
    return (html[:start] + "\n" + body + "\n" + html[end:]).encode("utf-8")


def imported(body: str, template: Path = NL_PAGE, name: str = "variant.html"):
    snap = read_page(name, variant(body, template))
    history = build_history(snap.lang, [snap], {})
    markdown = version_file(history.versions[0]).split("---\n", 2)[2] if history.versions else ""
    return snap, history, markdown


def art(mark: str, text: str) -> str:
    return f"<A NAME='{mark}'></A>{text}<BR><BR>&nbsp;&nbsp;"


@pytest.mark.parametrize("template", [NL_PAGE, FR_2024, FR_OLD], ids=["nl-2024", "fr-2024", "fr-old"])
@pytest.mark.parametrize(("mark", "text", "heading", "key"), [
    ("Art.1", "Art. 1er. Texte.", "Art. 1er", "art-1"),
    ("Art.1er", "Article 1er.Texte.", "Article 1er", "art-1"),
    ("Art.1", "Artikel 1. Tekst.", "Artikel 1", "art-1"),
    ("Art.1erbis", "Art. 1erbis. Texte.", "Art. 1erbis", "art-1bis"),  # the real 1982 decree's
    ("Art.2bis/3", "Art. 2bis/3. Texte.", "Art. 2bis/3", "art-2bis-3"),
    ("Art.7/1", "Art. 7/1. Texte.", "Art. 7/1", "art-7-1"),
    ("Art.11quinquiesdecies", "Art. 11quinquies decies. Texte.", "Art. 11quinquies decies", "art-11quinquiesdecies"),
    ("Art.11quindecies", "Art. 11quindecies. Texte.", "Art. 11quindecies", "art-11quinquiesdecies"),
    ("Art. 3ter.", "Art. 3ter. Texte.", "Art. 3ter", "art-3ter"),
    ("Art.I.1-1", "Art. I.1-1. Texte.", "Art. I.1-1", "art-i-1-1"),
    ("Art.XII.5", "Art. XII.5. Texte.", "Art. XII.5", "art-xii-5"),
    ("Art.152/1", "Art. 152/1. Texte.", "Art. 152/1", "art-152-1"),
    ("Art.3", "Art. Nr. 3. Tekst.", "Art. 3", "art-3"),
    ("Art.N", "Art. N. Texte.", "Art. N", "art-n"),  # the real 1982 decree's annex
    ("Art.N2", "Art. N2. Texte.", "Art. N2", "art-n2"),
    ("Art.1", "Enig artikel. Tekst.", "Enig artikel", "art-unique"),
    ("Art.1", "Article unique. Texte.", "Article unique", "art-unique"),
    ("Art.5", f"Art. 5. (Abrogé) {NOTE}", "Art. 5", "art-5"),
])
def test_labels_give_the_site_s_keys(template, mark, text, heading, key):
    snap, history, markdown = imported(art(mark, text) + art("Art.99", f"Art. 99. Fin {NOTE}"), template)
    assert not history.errors
    assert re.search(rf"^#+ {re.escape(heading)}$", markdown, re.MULTILINE), markdown
    assert [a.anchor for a in split_articles(markdown)] == [key, "art-99"]
    assert parse_label(heading) is not None  # regkb check reads it as an article


def test_label_not_the_mark_is_reported():
    """The label the reader reads is kept, and the report says it is not Justel's mark; a number
    that only starts like the mark ('Art. 10' marked Art.1) is not cut to the mark."""
    snap, history, markdown = imported(art("Art.5", "Art. 6. Tekst.") + art("Art.1", "Art. 10. Tekst " + NOTE))
    assert [a.anchor for a in split_articles(markdown)] == ["art-6", "art-10"]
    assert "\n0\\. Tekst" not in markdown and "Tekst " in markdown
    assert any("<A NAME='Art.5'>" in m and "'Art. 6'" in m for m in history.messages)
    assert any("<A NAME='Art.1'>" in m and "'Art. 10'" in m for m in history.messages)


def test_a_label_the_site_cannot_read_stops_with_the_mark():
    with pytest.raises(JustelPageError, match=r"<A NAME='Art\.Q'>.*not start with"):
        imported(art("Art.Q", "Texte sans article."))


@pytest.mark.parametrize(("note", "day"), [
    ("En vigueur : 4-4-2003", dt.date(2003, 4, 4)),
    ("En vigueur : 04/04/2003", dt.date(2003, 4, 4)),
    ("Inwerkingtreding : 04.04.2003", dt.date(2003, 4, 4)),
    ("En vigueur : 1er avril 2003", dt.date(2003, 4, 1)),
    ("Inwerkingtreding : 1 april 2003", dt.date(2003, 4, 1)),
    ("En vigueur : 01-01-2031", dt.date(2031, 1, 1)),  # a future entry into force dates the version
])
def test_every_note_date_dates_the_version(note, day):
    """A note written with one-digit, slashed or worded dates was skipped: the version was dated
    from the page's other dates (here 1996-09-01), in silence."""
    _snap, history, _markdown = imported(art("Art.1", f"Art. 1. Tekst &lt;W 2003-03-20/49, art. 11, 008; {note}&gt;"))
    assert not history.errors
    assert [v.in_force for v in history.versions] == [day]


@pytest.mark.parametrize("note", ["En vigueur : 31-02-2003", "Inwerkingtreding : zie artikel 5", "En vigueur : 2003"])
def test_a_note_whose_date_is_not_understood_asks_for_in_force(note, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(variant(art("Art.1", f"Art. 1. Tekst &lt;W 2003-03-20/49, art. 11, 008; {note}&gt;")))
    root = copy_project(tmp_path / "project")
    code, out, err = regkb(root, "import", "justel", "--nl", str(page), "--id", "ar-1996-07-10")
    assert code == 1
    assert f"{page}: 1 entry-into-force note(s)" in err and "Art. 1" in err
    assert f"--in-force {page}=YYYY-MM-DD" in err and "nothing was written" in err
    assert not (root / "docs/nl/regulations/ar-1996-07-10").exists()
    code, out, err = regkb(root, "import", "justel", "--nl", str(page), "--id", "ar-1996-07-10",
                           "--in-force", f"{page}=2003-04-04")
    assert code == 0, err
    assert (root / "docs/nl/regulations/ar-1996-07-10/2003-04-04.md").exists()


def test_undetermined_in_both_languages_dates_nothing():
    for word in ("onbepaald", "indéterminée", "nog te bepalen", "à déterminer"):
        body = art("Art.1", f"Art. 1. Tekst [1 nieuw]1 &lt;W 2003-03-20/49, art. 11, 008; Inwerkingtreding : {word}&gt;")
        _snap, history, markdown = imported(body)
        assert [v.in_force for v in history.versions] == [dt.date(1996, 9, 1)], word  # the page's own field
        assert any("undetermined" in m for m in history.messages)
        assert word in markdown


@pytest.mark.skipif(not HTML.is_dir(), reason="../shared/real is not here")
def test_the_real_decree_imports_with_every_article_read_by_the_check(tmp_path):
    """The real 1982 decree has 'Art. 1erbis' and the annex's 'Art. N': the core did not read them
    as articles, so its import failed `regkb check` (2 errors a version) and a strict build."""
    root = copy_project(tmp_path / "project")
    code, out, err = regkb(root, "import", "justel", *sorted(map(str, (HTML / "1982000423").glob("*.html"))),
                           "--id", "ar-1982-03-23")
    assert code == 0, err
    circular = (root / "circulars/2023/circ-kine-2023-1.fr.md")
    circular.write_text(circular.read_text(encoding="utf-8") + "\nVoir [](ref:ar-1982-03-23#art-1erbis), "
                        "[](ref:ar-1982-03-23#art-1bis), [](ref:ar-1982-03-23#art-n), [](ref:ar-1982-03-23#art-10-1) "
                        "et [](ref:ar-1982-03-23#art-7undecies).\n", encoding="utf-8")
    code, out, err = regkb(root, "check")
    assert code == 0, out + err
    assert "\n0 errors" in out or "No problem" in out, out
    site = tmp_path / "site"
    result = build_site(root, site, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ERROR" not in result.stderr and "Traceback" not in result.stderr
    page = (site / "regulations/ar-1982-03-23/index.html").read_text(encoding="utf-8")
    assert all(f'id="{a}"' in page for a in ("art-1bis", "art-n", "art-n2", "art-n2--2", "art-10-1"))
    cited = (site / "circulars/circ-kine-2023-1/index.html").read_text(encoding="utf-8")
    assert "ar-1982-03-23/#art-1bis" in cited and "ar-1982-03-23/#art-n\"" in cited, cited[-3000:]
    assert "art. 1erbis de l’AR du 23 mars 1982" in cited or "art. 1erbis de l'AR du 23 mars 1982" in cited
    _, body = front(root / "docs/fr/regulations/ar-1982-03-23/2024-07-01.md")
    anchors = [a.anchor for a in split_articles(body)]
    raw = (HTML / "1982000423" / "1982000423.v5-undated.0b2e0e7.html").read_text(encoding="utf-8")
    assert len(anchors) == len(re.findall(r"<A NAME='Art", raw))
    assert {"art-1bis", "art-n", "art-n2", "art-n2--2", "art-7undecies", "art-10-1"} <= set(anchors)


def test_articles_and_headings_without_a_mark_are_reported_not_lost():
    body = (art("Art.1", "Art. 1. Tekst een.") + "Art. 2. Artikel zonder merkteken.<BR>&nbsp;&nbsp;"
            "HOOFDSTUK II. - Zonder merkteken.<BR>&nbsp;&nbsp;« Art. 7bis. Ingevoegd artikel. »<BR>&nbsp;&nbsp;"
            + art("Art.3", f"Art. 3. Tekst {NOTE}"))
    _snap, history, markdown = imported(body)
    assert [a.anchor for a in split_articles(markdown)] == ["art-1", "art-3"]
    assert "Art. 2. Artikel zonder merkteken." in markdown and "HOOFDSTUK II. - Zonder merkteken." in markdown
    unmarked = [m for m in history.messages if "has no" in m and "mark" in m]
    assert len(unmarked) == 2, history.messages  # the quoted article (an amendment's) is text
    assert "'Art. 2. Artikel zonder merkteken.'" in unmarked[0] and "Art. 1" in unmarked[0]
    assert "'HOOFDSTUK II. - Zonder merkteken.'" in unmarked[1]


def test_structure_levels_and_tables_keep_the_text_apart():
    """Livre > Titre > Chapitre > Section nest (they were all h4 from the third level on), and a
    table's last cell does not run into the text after it ('EUR' + 'Vervolg')."""
    heads = ["BOEK I. - Algemeen.", "TITEL II. - Titel.", "HOOFDSTUK I. - Hoofdstuk.", "Afdeling 1. - Afdeling."]
    body = "".join(f"<A NAME='LNK000{i}'></A>{h}<BR>&nbsp;&nbsp;" for i, h in enumerate(heads))
    body += art("Art.1", "Art. 1. <table><tr><td>Code</td><td>Bedrag</td></tr><tr><td>1°</td><td>12,5 EUR</td></tr>"
                         f"</table>Vervolg {NOTE}")
    _snap, _history, markdown = imported(body)
    levels = [len(m[1]) for m in re.finditer(r"^(#+) ", markdown, re.MULTILINE)]
    assert levels == [2, 3, 4, 5, 6]
    assert "EURVervolg" not in markdown and "\n\nCode Bedrag\n\n1° 12,5 EUR\n\nVervolg" in markdown


@pytest.mark.skipif(not FR_2024.exists(), reason="../shared/real is not here")
def test_french_and_dutch_pair_by_the_site_s_anchors(tmp_path):
    """'Art. 1erbis' (FR) and 'Art. 1bis' (NL) are one article; an article in one language only is
    reported with both files."""
    fr, nl = tmp_path / "fr.html", tmp_path / "nl.html"
    fr.write_bytes(variant(art("Art.1", "Article 1er. Texte.") + art("Art.1erbis", "Art. 1erbis. Texte.")
                           + art("Art.2", f"Art. 2. Texte {NOTE}"), FR_2024))
    nl.write_bytes(variant(art("Art.1", "Artikel 1. Tekst.") + art("Art.1bis", "Art. 1bis. Tekst.")
                           + art("Art.3", f"Art. 3. Tekst {NOTE.replace('En vigueur', 'Inwerkingtreding')}")))
    root = copy_project(tmp_path / "project")
    code, out, err = regkb(root, "import", "justel", str(fr), "--nl", str(nl), "--id", "ar-1996-07-10")
    assert code == 0, err
    pairing = [line for line in out.splitlines() if "have no" in line]
    assert len(pairing) == 2, out
    assert "article(s) 2 in French" in pairing[0] and str(fr) in pairing[0] and str(nl) in pairing[0]
    assert "article(s) 3 in Dutch" in pairing[1]


def test_control_characters_are_visible_and_reported(tmp_path):
    """Justel's text holds U+001A where it lost a letter ('Elektrizit\\x1atsregulierungskommission'
    in the real law): copied as is, it was invisible and every imported version failed `regkb
    check`. It is now U+FFFD, reported with the page's line."""
    body = art("Art.1", f"Art. 1. Elektrizit\x1atsregulierungskommission en \x90 {NOTE.replace('En vigueur', 'Inwerkingtreding')}")
    snap, history, markdown = imported(body)
    assert "Elektrizit\ufffdtsregulierungskommission en \ufffd" in markdown
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", markdown)
    note = next(m for m in history.messages if "control character" in m)
    line = variant(body).decode("utf-8")[:variant(body).decode("utf-8").index("\x1a")].count("\n") + 1
    assert note.startswith("variant.html: 2 control character(s)") and f"line {line}: U+001A" in note
    export = tmp_path / "v1.md"
    export.write_text("**Art. 1.** Texte\x1a <L 2003-03-20/49, art. 11, 008; En vigueur : 04-04-2003>\n", encoding="utf-8")
    from regkb.justel.markdown_export import read_export

    snap = read_export(str(export), export.read_bytes())
    assert snap.blocks[-1].text.startswith("Texte\ufffd") and f"{export}: 1 control character(s) in the page (line 1" in snap.notes[0]


@pytest.mark.skipif(not (HTML.parent / "iterata-archive" / "1999011160").is_dir(), reason="../shared/real is not here")
def test_the_real_law_imports_without_check_error(tmp_path):
    """The 85 versions of the law of 29 April 1999: `regkb check` finds no error in what the import
    wrote (10 before: the U+001A and U+0090 of Justel's text), and the second 'Art. 30bis.' that the
    export writes without bold (versions v028-v033) is reported instead of staying silently inside
    the first."""
    from test_import import LAW_ID, LAW_OPTIONS, snapshots

    root = copy_project(tmp_path / "project")
    code, out, err = regkb(root, "import", "markdown", *snapshots(), "--id", LAW_ID, *LAW_OPTIONS)
    assert code == 0, err
    assert re.search(r"v002\.md: 1 control character\(s\) in the page \(line \d+: U\+001A", out)
    assert re.search(r"v028\.md: 'Art\. 30bis\. <L 2008-12-22/32.*has no article mark: kept as text of Art\. 30bis", out)
    code, out, err = regkb(root, "check")
    assert code == 0 and "\n0 errors" in out, out[-3000:]


def test_the_law_s_own_words_do_not_date_and_every_note_date_counts():
    """'Datum van inwerkingtreding : 1 januari 2040' in an article is the law's text: it neither
    dates the version nor stops the import; two dates in one note (the real law's 'En vigueur :
    10-03-2003 et abrogé par L …, En vigueur : 24-06-2005') both count, so do notes after a
    semicolon without brackets (the export's `Abrogé par L …; En vigueur : …`)."""
    own = art("Art.1", "Art. 1. Datum van inwerkingtreding : 1 januari 2040. Inwerkingtreding : zie artikel 5.")
    _snap, history, _md = imported(own + art("Art.2", f"Art. 2. Tekst {NOTE}"))
    assert not history.errors and [v.in_force for v in history.versions] == [dt.date(2003, 4, 4)]
    two = ("&lt;W 2003-03-20/49, art. 11, 008; Inwerkingtreding : 10-03-2003 en opgeheven bij W 2005-06-01/32, "
           "art. 20, 5°, Inwerkingtreding : 24-06-2005&gt;")
    _snap, history, _md = imported(art("Art.1", f"Art. 1. Tekst {two}"))
    assert [v.in_force for v in history.versions] == [dt.date(2005, 6, 24)]
    bare = "Opgeheven bij W 2012-01-08/02, art. 20, 026; Inwerkingtreding : 21-01-2012"
    _snap, history, _md = imported(art("Art.1", f"Art. 1. {bare}"))
    assert [v.in_force for v in history.versions] == [dt.date(2012, 1, 21)]


def test_a_mark_without_text_is_not_an_article():
    _snap, history, markdown = imported(f"<A NAME='Art.1'></A><A NAME='Art.2'></A>Art. 2. Tekst {NOTE}")
    assert [a.anchor for a in split_articles(markdown)] == ["art-2"]
    assert any("<A NAME='Art.1'> is followed directly by another mark" in m for m in history.messages)


def test_french_writes_article_1erbis():
    from regkb.grammar import article_number

    assert [article_number(n, "fr") for n in ("1", "1bis", "1ter/1", "10", "1/1", "12bis")] == \
        ["1er", "1erbis", "1erter/1", "10", "1/1", "12bis"]
    assert article_number("1bis", "nl") == "1bis"
