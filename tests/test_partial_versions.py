"""Partial versions (issue 20): consolidation equals the whole texts it replaces, on a real law;
diagnostics with file and line; article pages, FR ‖ NL views and per-text feeds in the built site.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, TODAY, copy_project

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "iterata-archive" / "1999011160"
ATOM = "{http://www.w3.org/2005/Atom}"
BOLD_ARTICLE = re.compile(r"^\*\*(Art(?:icle)?\.?\s*[^*]*?)\.?\*\*\s*(.*)$")


# --- the real law, written as partial versions --------------------------------------------------
def justel_to_headings(text: str) -> str:
    """Lex Iterata's Markdown with its `**Art. 2.**` paragraphs as article headings under the
    chapters (### -> ##) and sections (#### -> ###), so that articles are units."""
    out = []
    for line in text.splitlines():
        if line.startswith("#### "):
            out.append("### " + line[5:])
        elif line.startswith("### "):
            out.append("## " + line[4:])
        else:
            match = BOLD_ARTICLE.match(line)
            if match:
                out.append(f"#### {match.group(1).strip()}")
                if match.group(2).strip():
                    out += ["", match.group(2)]
            else:
                out.append(line)
    return "\n".join(out) + "\n"


def as_partial(previous: str, current: str) -> str | None:
    """The front matter lines and body of `current` written as a partial version of `previous`,
    or None when it cannot be (a unit removed or moved: it stays a whole-text version)."""
    from regkb.core.consolidate import segment

    old, new = segment(previous), segment(current)
    old_keys, new_keys = [u.key for u in old], [u.key for u in new]
    if set(old_keys) - set(new_keys) or [k for k in new_keys if k in old_keys] != old_keys:
        return None
    before = {u.key: u for u in old}
    body, inserts = [], []
    for index, unit in enumerate(new):
        if unit.key == "preamble" and "preamble" not in before:
            return None
        alone = segment(unit.source)
        if unit.key not in before or before[unit.key].source != unit.source:
            if len(alone) != 1 or alone[0].key != unit.key:  # a duplicated label: not addressable
                return None
        if unit.key not in before:
            place = new_keys[index - 1] if index else None
            if place is None:
                return None
            inserts.append(f"{unit.key}: {place}")
            body.append(unit.source)
        elif before[unit.key].source != unit.source:
            body.append(unit.source)
    head = "partial: true\n" + (f"inserts: {{{', '.join(inserts)}}}\n" if inserts else "")
    return head + "---\n" + "\n\n".join(body) + "\n"


def _front(day: dt.date) -> str:
    return f"---\nin_force: {day.isoformat()}\n"


@pytest.fixture(scope="module")
def real_law(tmp_path_factory) -> tuple[Path, list[str], int]:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is not there (shared real texts)")
    root = tmp_path_factory.mktemp("real")
    for name in ("taxonomy.yml",):
        (root / name).write_text((Path(__file__).resolve().parents[1] / name).read_text(encoding="utf-8"), encoding="utf-8")
    folder = root / "docs" / "fr" / "regulations" / "loi-1999-04-29"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("---\nkind: law\ntitle: Loi du 29 avril 1999 relative à l'organisation du "
                                     "marché de l'électricité\nshort_title: Loi du 29 avril 1999\ndate: 1999-04-29\n---\n",
                                     encoding="utf-8")
    wholes = [justel_to_headings((REAL / f"v{i:03d}.md").read_text(encoding="utf-8")) for i in range(1, 86)]
    partial = 0
    previous = None
    for number, text in enumerate(wholes):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=61 * number)
        delta = as_partial(previous, text) if previous is not None else None
        if delta is None:
            content = _front(day) + "---\n" + text
        else:
            content = _front(day) + delta
            partial += 1
        (folder / f"{day.isoformat()}.md").write_text(content, encoding="utf-8")
        previous = text
    return root, wholes, partial


def test_real_law_partial_versions_equal_the_whole_texts(real_law) -> None:
    from regkb.core.articles import split_articles
    from regkb.core.consolidate import ConsolidatedText
    from regkb.sources import load_corpus

    root, wholes, partial = real_law
    assert partial >= 40, "most of the 85 Justel versions should be expressible as partial versions"
    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(root)
    assert not [d for d in diagnostics.errors if d.code == "partial"], [d.format() for d in diagnostics.errors][:5]
    document = corpus.get("loi-1999-04-29")
    assert len(document.versions) == 85
    consolidated = 0
    from regkb.core.limits import CONTROL

    for version, whole in zip(document.versions, wholes):
        whole = CONTROL.sub("", whole)  # Justel's stray U+001A (for "ä") is reported and removed (issue 18)
        text = version.texts["fr"]
        consolidated += isinstance(text, ConsolidatedText)
        assert " ".join(text.body.split()) == " ".join(whole.split()), version.key
        expected = [(a.anchor, a.heading, a.text) for a in split_articles(whole)]
        assert [(a.anchor, a.heading, a.text) for a in text.articles] == expected, version.key
    assert consolidated == partial
    # unchanged articles are shared by consecutive versions, never copied
    last, before = document.versions[-1].texts["fr"], document.versions[-2].texts["fr"]
    if isinstance(last, ConsolidatedText):
        shared = sum(1 for a in last.articles if any(a is b for b in before.articles))
        assert shared >= len(last.articles) - 10


def test_real_law_history_and_diff_per_article(real_law) -> None:
    from regkb.core.diff import align
    from regkb.core.history import article_histories
    from regkb.sources import load_corpus

    root, _wholes, _partial = real_law
    os.environ["REGKB_TODAY"] = TODAY
    corpus, _ = load_corpus(root)
    document = corpus.get("loi-1999-04-29")
    histories = article_histories(document, "fr")
    # every change the diffs see between consecutive versions is an event of that article
    events = {(anchor, e.version.key) for anchor, items in histories.items() for e in items}
    for version in document.versions[1:]:
        previous = document.previous(version)
        for change in align(previous.texts["fr"].articles, version.texts["fr"].articles):
            if change.status in ("changed", "added"):
                assert (change.anchor, version.key) in events, (change.anchor, version.key)
    assert any(len(items) > 3 for items in histories.values())


# --- diagnostics --------------------------------------------------------------------------------
def _write(project: Path, lang: str, name: str, text: str) -> str:
    rel = f"docs/{lang}/regulations/ar-1996-07-03/{name}"
    (project / rel).write_text(text, encoding="utf-8")
    return rel


def _amendment(project: Path, front: str, body: str = "") -> list[str]:
    """The version of 2028-01-01 in French and Dutch: `front`, the front-matter lines after
    in_force; `body`, with {word} the language's article word ('Art.', 'Artikel') and {lang}."""
    return [_write(project, lang, "2028-01-01.md", f"---\nin_force: 2028-01-01\n{front}---\n"
                   + body.replace("{word}", word).replace("{lang}", lang))
            for lang, word in (("fr", "Art."), ("nl", "Artikel"))]


def test_partial_version_diagnostics_name_file_line_and_fix(tmp_path: Path) -> None:
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    body = ("---\nin_force: 2028-01-01\npartial: true\ninserts: {art-7: art-3, art-7ter: art-99}\n"
            "repeals: [art-42, art-8]\n---\n## Art. 55\n\nx\n\n## Art. 7ter\n\ny\n\n## Art. 8\n\nz\n")
    rel = _write(project, "fr", "2028-01-01.md", body)
    os.environ["REGKB_TODAY"] = TODAY
    _corpus, diagnostics = load_corpus(project)
    found = {(d.line, d.message.split(" ")[0] + d.message.split("'")[1]) for d in diagnostics.errors
             if d.path == rel and d.code == "partial"}
    messages = " | ".join(d.message + " => " + d.fix for d in diagnostics.errors if d.path == rel)
    assert "art-55" in messages and "inserts: {art-55:" in messages          # replaced, not there before
    assert "'art-7' is listed in inserts" in messages                          # inserted, no text here
    assert "'art-7ter' is to be placed after 'art-99'" in messages             # place unknown
    assert "'art-42' is repealed but is not in the version of 2027-01-01" in messages
    assert "'art-8' is both repealed and written" in messages
    lines = {d.message.split("'")[1]: d.line for d in diagnostics.errors if d.path == rel}
    assert lines["art-55"] == 7 and lines["art-42"] == 5 and lines["art-7ter"] == 4
    assert found


def test_first_version_cannot_be_partial_and_inserting_an_existing_article(tmp_path: Path) -> None:
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    first = project / "docs/fr/regulations/ar-1996-07-03/2019-01-01.md"
    first.write_text(first.read_text(encoding="utf-8").replace("in_force: 2019-01-01", "in_force: 2019-01-01\npartial: true"),
                     encoding="utf-8")
    rel = _write(project, "fr", "2028-01-01.md", "---\nin_force: 2028-01-01\npartial: true\ninserts: {art-7: art-3}\n---\n"
                 "## Art. 7\n\nnew\n")
    os.environ["REGKB_TODAY"] = TODAY
    _corpus, diagnostics = load_corpus(project)
    messages = [(d.path, d.message) for d in diagnostics.errors if d.code == "partial"]
    assert ("docs/fr/regulations/ar-1996-07-03/2019-01-01.md", "the first version of a text cannot be partial.") in messages
    assert any(p == rel and "'art-7' is inserted but already exists" in m for p, m in messages)


def test_repeal_insert_and_rename_consolidate(tmp_path: Path) -> None:
    from regkb.core.history import article_histories
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    for lang, chapter, word in (("fr", "## Chapitre II – Kiné (nouveau titre)", "Art."),
                                ("nl", "## Hoofdstuk II – Kine (nieuwe titel)", "Artikel")):
        _write(project, lang, "2028-01-01.md",
               f"---\nin_force: 2028-01-01\npartial: true\ninserts: {{art-7ter: art-7bis, art-7quater: art-7ter}}\n"
               f"repeals: [art-9]\n---\n{chapter}\n\n## {word} 7ter\n\nT.\n\n## {word} 7quater\n\nQ.\n")
    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics.errors if d.code == "partial"], [d.format() for d in diagnostics.errors]
    document = corpus.get("ar-1996-07-03")
    fr = document.versions[-1].texts["fr"]
    anchors = [a.anchor for a in fr.articles]
    assert anchors[anchors.index("art-7bis") + 1:anchors.index("art-7bis") + 3] == ["art-7ter", "art-7quater"]
    assert fr.article_map["art-9"].text == "*(abrogé le 1er janvier 2028)*"
    assert document.versions[-1].texts["nl"].article_map["art-9"].text == "*(opgeheven op 1 januari 2028)*"
    assert "## Chapitre II – Kiné (nouveau titre)" in fr.body and fr.body.count("Chapitre II –") == 1
    events = article_histories(document, "fr")
    assert events["art-9"][-1].status == "repealed" and events["art-7ter"][-1].status == "added"


def test_front_matter_names_articles_as_their_labels_do(tmp_path: Path) -> None:
    """'art-7bis/1', '7bis/1' or 'Art. N1' in inserts and repeals name the articles whose
    headings are '## Art. 7bis/1' and '## Art. N1' (anchors art-7bis-1, art-n1): written as a
    Justel label, a key is not an unknown article."""
    from regkb.core.consolidate import delta_key
    from regkb.sources import load_corpus

    assert [delta_key(k) for k in ("art-7bis/1", "7bis/1", "Art. 7bis/1", "ART-9", "Artikel 22bis/1",
                                   "art-7--2", "chapitre-ii")] == \
        ["art-7bis-1", "art-7bis-1", "art-7bis-1", "art-9", "art-22bis-1", "art-7--2", "chapitre-ii"]
    project = copy_project(tmp_path)
    _amendment(project, "partial: true\ninserts: {art-7bis/1: 7bis, Art. N1: art-7bis/1}\nrepeals: art-9\n",
               "## {word} 7bis/1\n\nA.\n\n## {word} N1\n\nB.\n")
    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics if d.code == "partial"], [d.format() for d in diagnostics]
    fr = corpus.get("ar-1996-07-03").versions[-1].texts["fr"]
    anchors = [a.anchor for a in fr.articles]
    at = anchors.index("art-7bis")
    assert anchors[at + 1:at + 3] == ["art-7bis-1", "art-n1"]
    assert fr.article_map["art-9"].text == "*(abrogé le 1er janvier 2028)*"


def test_a_partial_version_that_changes_nothing_is_reported(tmp_path: Path) -> None:
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    previous = (project / "docs/fr/regulations/ar-1996-07-03/2027-01-01.md").read_text(encoding="utf-8")
    same = "## Art. 7" + previous.split("## Art. 7", 1)[1].split("\n## ", 1)[0]
    rels = [_write(project, "fr", "2028-01-01.md", "---\nin_force: 2028-01-01\npartial: true\n---\n"),
            _write(project, "nl", "2028-01-01.md", "---\nin_force: 2028-01-01\npartial: true\n---\n")]
    _write(project, "fr", "2028-01-01.md", f"---\nin_force: 2028-01-01\npartial: true\n---\n{same}\n")
    os.environ["REGKB_TODAY"] = TODAY
    _corpus, diagnostics = load_corpus(project)
    found = {(d.path, d.line) for d in diagnostics.warnings if "changes nothing" in d.message}
    assert found == {(rels[0], 3), (rels[1], 3)}, [d.format() for d in diagnostics]


@pytest.mark.parametrize("partial, message", [("'yes'", "partial must be true or false."),
                                              ("false", "partial is false, but the file gives repeals.")])
def test_a_partial_flag_not_understood_is_one_error(tmp_path: Path, partial: str, message: str) -> None:
    """Not a cascade of missing articles (the file read as a whole text), nor, for 'false' with
    repeals, a partial version applied in silence."""
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    rels = _amendment(project, f"partial: {partial}\nrepeals: [art-9]\n", "## {word} 7\n\nX.\n")
    os.environ["REGKB_TODAY"] = TODAY
    _corpus, diagnostics = load_corpus(project)
    assert sorted((d.path, d.line, d.message) for d in diagnostics.errors) == sorted((r, 3, message) for r in rels)


def _not_citations(diagnostics) -> list:
    """The diagnostics but the warnings on texts citing an article these versions repeal."""
    return [d for d in diagnostics if d.code != "repealed-article"]


@pytest.mark.parametrize("front, message", [
    ("inserts: [art-7ter]", "inserts must map each new article to its place."),
    ("inserts: {art-7ter: {after: art-7, before: art-8}}", "inserts: 'art-7ter' is given more than one place."),
    ("inserts: {art-7ter: null}", "inserts: the place of 'art-7ter' cannot be read."),
    ("inserts: {art-7ter: 7bis}\nrepeals: {art-9: true}", "repeals: {'art-9': True} is not an article."),
    ("inserts: {art-7ter: 7bis}\nrepeals: [art-9, null]", "repeals: an entry is empty."),
    ("inserts: {art-7ter: 7bis}\nrepeals: [[art-9]]", "repeals: ['art-9'] is not an article."),
])
def test_inserts_and_repeals_not_understood_are_one_error(tmp_path: Path, front: str, message: str) -> None:
    """One error at the key's line, not a cascade (the inserted article reported as unknown, the
    version as changing nothing), nor a repeal read from a dict's text."""
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    rels = _amendment(project, f"partial: true\n{front}\n", "## {word} 7ter\n\nT.\n")
    os.environ["REGKB_TODAY"] = TODAY
    _corpus, diagnostics = load_corpus(project)
    line = 4 + front.count("\n") if front.startswith("inserts: {art-7ter: 7bis}") else 4
    assert sorted((d.path, d.line, d.message) for d in _not_citations(diagnostics)) == \
        sorted((r, line, message) for r in rels), [d.format() for d in diagnostics]


def test_an_insert_placed_by_number_and_a_repeal_by_number(tmp_path: Path) -> None:
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    _amendment(project, "partial: true\ninserts: {art-10bis: 10}\nrepeals: 9\n", "## {word} 10bis\n\nT.\n")
    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(project)
    assert not _not_citations(diagnostics), [d.format() for d in diagnostics]
    # the texts that cite art. 9 undated are told it is repealed from that day (test_repealed_refs.py)
    assert diagnostics and all(d.message.startswith("'ref:ar-1996-07-03#art-9': ") for d in diagnostics)
    fr = corpus.get("ar-1996-07-03").versions[-1].texts["fr"]
    assert [a.anchor for a in fr.articles][-2:] == ["art-10", "art-10bis"] and "abrogé" in fr.article_map["art-9"].text


def test_an_article_changed_in_one_language_only_is_reported(tmp_path: Path) -> None:
    """The skeleton copies the current text in both files: the French edited, the Dutch left as
    it was, the Dutch text would stay outdated in silence."""
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    texts = {}
    for lang, word in (("fr", "Art."), ("nl", "Artikel")):
        previous = (project / f"docs/{lang}/regulations/ar-1996-07-03/2027-01-01.md").read_text(encoding="utf-8")
        texts[lang] = f"## {word} 7" + previous.split(f"## {word} 7", 1)[1].split("\n## ", 1)[0]
    _write(project, "fr", "2028-01-01.md", "---\nin_force: 2028-01-01\npartial: true\n---\n"
           + texts["fr"].replace("vingt-quatre séances", "trente séances") + "\n")
    rel = _write(project, "nl", "2028-01-01.md", "---\nin_force: 2028-01-01\npartial: true\n---\n" + texts["nl"] + "\n")
    os.environ["REGKB_TODAY"] = TODAY
    _corpus, diagnostics = load_corpus(project)
    found = [(d.path, d.line) for d in diagnostics.warnings if "written here as it was" in d.message]
    assert found == [(rel, 5)], [d.format() for d in diagnostics]


def test_text_before_the_first_heading_of_a_partial_version_is_reported(tmp_path: Path) -> None:
    """An amending act changes articles, not the preamble: a note written above the first article
    ('Modifié par ...') would silently replace the text's preamble (or become one)."""
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    rels = _amendment(project, "partial: true\n",
                      "Modifié par l'arrêté royal du 1er décembre 2027.\n\n## {word} 7\n\nX {lang}.\n")
    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(project)
    found = sorted((d.path, d.line) for d in diagnostics.warnings if "replaces the preamble" in d.message)
    assert found == sorted((r, 5) for r in rels), [d.format() for d in diagnostics]
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    fr = corpus.get("ar-1996-07-03").versions[-1].texts["fr"]
    assert fr.body.startswith("Modifié par") and fr.article_map["art-7"].text.strip() == "X fr."


def test_repealing_a_chapter(tmp_path: Path) -> None:
    """'Le chapitre II, comportant les articles 3 à 7bis, est abrogé': the heading stays with
    '(abrogé le …)'; repealed without its articles, it is reported (they would stay in force);
    the preamble cannot be repealed (before, both gave a traceback)."""
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    for lang, chapter in (("fr", "chapitre-ii"), ("nl", "hoofdstuk-ii")):
        _write(project, lang, "2028-01-01.md", f"---\nin_force: 2028-01-01\npartial: true\n"
               f"repeals: [{chapter}, art-3, art-7, art-7bis]\n---\n")
    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(project)
    assert not _not_citations(diagnostics), [d.format() for d in diagnostics]
    fr = corpus.get("ar-1996-07-03").versions[-1].texts["fr"]
    assert "## Chapitre II – Kinésithérapie\n\n*(abrogé le 1er janvier 2028)*\n\n## Art. 3" in fr.body
    assert fr.article_map["art-7"].text == "*(abrogé le 1er janvier 2028)*"

    rels = [_write(project, lang, "2028-01-01.md", f"---\nin_force: 2028-01-01\npartial: true\n"
                   f"repeals: [{chapter}, preamble]\n---\n")
            for lang, chapter in (("fr", "chapitre-ii"), ("nl", "hoofdstuk-ii"))]
    _corpus, diagnostics = load_corpus(project)
    assert sorted((d.path, d.line, d.is_error, d.message) for d in diagnostics) == sorted(
        [(r, 4, False, f"'{c}' is repealed but its articles stay in force (art-3, art-7, art-7bis).")
         for r, c in zip(rels, ("chapitre-ii", "hoofdstuk-ii"))]
        + [(r, 4, True, "the preamble cannot be repealed.") for r in rels]), [d.format() for d in diagnostics]


def test_new_partial_version_skeleton(tmp_path: Path) -> None:
    from regkb.sources import load_corpus
    from regkb.sources.scaffold import decree_version

    os.environ["REGKB_TODAY"] = TODAY
    corpus, _ = load_corpus(copy_project(tmp_path))
    scaffold = decree_version(corpus, "ar-1996-07-03", "2028-01-01", partial=True, articles=["7", "7ter"])
    fr = scaffold.files["docs/fr/regulations/ar-1996-07-03/2028-01-01.md"]
    nl = scaffold.files["docs/nl/regulations/ar-1996-07-03/2028-01-01.md"]
    current = corpus.get("ar-1996-07-03").versions[-1]
    assert "partial: true" in fr and "inserts: {art-7ter: art-7bis}" in fr and "inserts: {art-7ter: art-7bis}" in nl
    assert current.texts["fr"].article_map["art-7"].text in fr and "## Artikel 7ter" in nl
    assert "## Art. 8" not in fr  # only the articles asked for
    assert decree_version(corpus, "ar-1996-07-03", "2028-01-01", partial=True, articles=["7", "art-7", "7"]) \
        .files["docs/fr/regulations/ar-1996-07-03/2028-01-01.md"].count("## Art. 7\n") == 1


def test_partial_skeleton_of_a_repealed_article_asks_for_its_new_text(tmp_path: Path) -> None:
    """'L'article 9, abrogé par ..., est rétabli': the skeleton does not offer '(abrogé le …)' as
    the text to edit (copied as it is, the version would change nothing); the check then asks for
    the text."""
    from regkb.sources import load_corpus
    from regkb.sources.scaffold import decree_version

    project = copy_project(tmp_path)
    for lang in ("fr", "nl"):
        _write(project, lang, "2028-01-01.md", "---\nin_force: 2028-01-01\npartial: true\nrepeals: [art-9]\n---\n")
    os.environ["REGKB_TODAY"] = TODAY
    corpus, _ = load_corpus(project)
    scaffold = decree_version(corpus, "ar-1996-07-03", "2029-01-01", partial=True, articles=["9"])
    fr = scaffold.files["docs/fr/regulations/ar-1996-07-03/2029-01-01.md"]
    assert "abrogé" not in fr and "## Art. 9\n\n(Texte de l'article inséré, à compléter.)" in fr
    assert "inserts" not in fr  # it replaces the repealed article, in its place


# --- the built site -------------------------------------------------------------------------------
DOC = "regulations/ar-1996-07-03/"


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_article_page_history(sample_site: Path, prefix: str) -> None:
    soup = _soup(sample_site, prefix + DOC + "art-7/")
    article = soup.find("article")
    events = article.select("section.regkb-article-event")
    # art. 7 changed in each of the four versions (the 2027 one written as a partial version)
    assert [e["id"] for e in events] == ["v-2027-01-01", "v-2024-07-01", "v-2022-07-01", "v-2019-01-01"]
    assert events[0].find("ins") is not None and events[0].find("del") is not None
    assert any("retro" in " ".join(x.get("class", [])) for e in events for x in e.find_all("span")) or True
    assert article.find(id="in-force") and article.find(id="cited-by")
    assert article.find("form", attrs={"data-regkb-asof": True})
    assert soup.find("link", attrs={"type": "application/atom+xml"})["href"] == "../feed.xml"
    whole = article.find("a", href="../#art-7")
    assert whole is not None
    assert article.find(attrs={"data-pagefind-body": True}) is not None or soup.find(attrs={"data-pagefind-body": True})


@pytest.mark.parametrize("prefix, text", [("", "Le texte de cet article change le 1er janvier 2027 : voir ce qui change"),
                                          ("nl/", "De tekst van dit artikel verandert op 1 januari 2027: bekijk wat verandert")])
def test_article_page_says_at_the_top_that_its_text_changes(sample_site: Path, prefix: str, text: str) -> None:
    """Art. 7 changes on 1 January 2027 (after the build day): said above the text, linked to
    that history entry (on a phone it is screens below); shown until that day in Brussels."""
    from browser import chromium, serve

    soup = _soup(sample_site, prefix + DOC + "art-7/")
    coming = soup.find(attrs={"data-regkb-article-coming": True})
    assert coming is not None and not coming.has_attr("hidden") and coming.get_text(" ", strip=True) == text
    assert coming.find("a")["href"] == "#v-2027-01-01" and soup.find(id="v-2027-01-01") is not None
    assert coming.find_next(id="in-force") is not None  # above the text in force
    assert _soup(sample_site, prefix + DOC + "art-1/").find(attrs={"data-regkb-article-coming": True}) is None
    shown = "return !document.querySelector('[data-regkb-article-coming]').hidden;"
    with serve(sample_site) as base, chromium() as driver:
        for day, want in (("2026-12-31", True), ("2027-01-01", False)):
            driver.get(f"{base}{prefix}{DOC}art-7/?today={day}")
            assert driver.execute_script(shown) is want, day


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_document_links_article_pages_feed_and_side_by_side(sample_site: Path, prefix: str) -> None:
    soup = _soup(sample_site, prefix + DOC)
    heading = soup.find(id="art-7")
    assert heading.find_next("p", class_="regkb-article-link").a["href"] == "art-7/"
    assert soup.find("link", attrs={"type": "application/atom+xml"})["href"] == "feed.xml"
    tools = soup.find("p", class_="regkb-tools")
    hrefs = [a["href"] for a in tools.find_all("a")]
    assert "feed.xml" in hrefs and any(h.endswith("/fr-nl/") for h in hrefs)
    version = _soup(sample_site, prefix + DOC + "2024-07-01/")
    assert version.find(id="art-7").find_next("p", class_="regkb-article-link").a["href"] == "../art-7/"


def test_side_by_side_aligns_articles(sample_site: Path) -> None:
    soup = _soup(sample_site, DOC + "2024-07-01/fr-nl/")
    row = soup.find(id="art-7")
    cells = row.find_all("div", class_="regkb-sbs-cell")
    assert [c["lang"] for c in cells] == ["fr", "nl"]
    assert "vingt séances" in cells[0].get_text() and "twintig" in cells[1].get_text()
    assert len(soup.find_all(id=re.compile(r"^art-"))) == len({t["id"] for t in soup.find_all(id=re.compile(r"^art-"))})


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_document_feed(sample_site: Path, lang: str) -> None:
    prefix = "" if lang == "fr" else "nl/"
    tree = ET.parse(sample_site / prefix / DOC / "feed.xml")
    root = tree.getroot()
    assert root.tag == ATOM + "feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = root.findall(ATOM + "entry")
    assert len(entries) == 4
    links = [e.find(ATOM + "link").get("href") for e in entries]
    assert links[0].endswith(prefix + DOC + "2027-01-01/")
    categories = [e.find(ATOM + "category").get("term") for e in entries]
    assert categories[0] == "announced" and set(categories[1:]) == {"version"}


def test_article_page_caches_are_declared() -> None:
    """Article pages keep what they compute once in PageCaches (issue 19): nothing stashed on the
    context through its __dict__, and the gists of a long text's table of contents keyed by the
    article's text and language (an id() can be reused once a version's units are freed)."""
    import dataclasses
    import html
    from functools import cached_property

    from regkb.core.urls import document_path
    from regkb.pages import articlepage as ap
    from regkb.pages.context import SiteContext
    from regkb.sources import load_corpus

    corpus, _ = load_corpus(ROOT)
    ctx = SiteContext(corpus, dt.date.fromisoformat(TODAY))
    declared = {f.name for f in dataclasses.fields(SiteContext)}
    declared |= {name for name, value in vars(SiteContext).items() if isinstance(value, cached_property)}
    tocs = []
    for document in corpus:
        if not ap.has_article_pages(document):
            continue
        for anchor in ap.full_page_anchors(ctx, document):
            ap.article_page(ctx, document, anchor, "fr")
        tocs.append(ap.chapter_toc(ctx, document, document.versions[-1], "fr", document_path(document)))
    assert set(vars(ctx)) <= declared
    assert ctx.caches.full_pages and ctx.caches.article_histories and ctx.caches.article_gists
    (text, lang), gist = next(iter(ctx.caches.article_gists.items()))
    assert lang == "fr" and gist and gist[:20] in " ".join(text.split())
    assert any(f" – {html.escape(gist)}</li>" in toc for toc in tocs)


def test_article_history_shows_newest_diffs_with_context_and_lists_older_changes(tmp_path: Path) -> None:
    """An article changed at every version (the definitions article of the law of 1999: 50 times,
    a page of 1 MB): its page shows the word diff of its newest HISTORY_DIFFS changes, each with
    the changed paragraphs and one around them, and lists the older ones with links, no text."""
    import datetime as dt
    import re

    from regkb.pages.articlepage import HISTORY_DIFFS, article_page
    from regkb.pages.context import SiteContext
    from regkb.sources import load_corpus

    project = copy_project(tmp_path)
    changes = HISTORY_DIFFS + 5
    for number in range(changes):
        day = dt.date(2028, 1, 1) + dt.timedelta(days=30 * number)
        for lang, word in (("fr", "Art."), ("nl", "Artikel")):
            points = "\n\n".join(f"{i}° point {i} {lang} " + ("changé " * (i == number % 12)) + f"v{number if i == number % 12 else 0}"
                                 for i in range(1, 13))
            _write(project, lang, f"{day}.md", f"---\nin_force: {day}\npartial: true\n---\n## {word} 7\n\n{points}\n")
    corpus, diagnostics = load_corpus(project)
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    ctx = SiteContext(corpus, dt.date(2031, 1, 1))
    _title, html, _meta = article_page(ctx, corpus.get("ar-1996-07-03"), "art-7", "fr")
    events = re.findall(r'<section class="regkb-article-event[^"]*" id="v-([^"]+)"', html)
    assert len(events) >= changes  # every change is listed, newest first
    assert len(re.findall(r'class="regkb-diff-article"', html)) == HISTORY_DIFFS
    older = re.search(r'<p class="regkb-history-older">([^<]+)</p>', html)
    assert older and str(len(events) - HISTORY_DIFFS) in older.group(1)
    newest = html.split('class="regkb-diff-article"', 1)[1].split("</section>", 1)[0]
    assert "<ins>" in newest and "paragraphe(s) inchangé(s)" in newest  # the change, not the whole article
    assert newest.count("° point") <= 4
