"""`regkb import --partial`: a newer Justel snapshot written as a partial version (only the
articles and headings that changed), off by default; the loader's consolidation of what it
writes is the whole text, version for version, on the real texts and on small fixtures; what a
partial version cannot say exactly is written whole, with the reason.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from test_import import HTML, LAW_OPTIONS, front, regkb, snapshots
from test_justel_variants import FR_2024, NL_PAGE, NOTE, art, variant

from conftest import TODAY, copy_project
from regkb.justel.history import Version
from regkb.justel.html_page import read_page
from regkb.justel.partial import partial_delta
from regkb.justel.sources import version_body

FIRST = art("Art.1", f"Art. 1. Een. {NOTE}")


def body(*articles: str, preamble_from: str = "") -> str:
    snap = read_page("v.html", variant("".join(articles)))
    return version_body(Version(dt.date(2020, 1, 1), snap))


def delta(old: str, new: str):
    return partial_delta(old, new, "nl", dt.date(2021, 1, 1), "docs/nl/regulations/x/2021-01-01.md")


def consolidated(root: Path, doc_id: str, lang: str = "fr") -> list[tuple[str, str, list]]:
    """(version, body whitespace aside, articles) of each version as the loader consolidates it."""
    from regkb.sources import load_corpus

    os.environ["REGKB_TODAY"] = TODAY
    corpus, diagnostics = load_corpus(root)
    assert not [d for d in diagnostics.items if d.code == "partial"], [d.format() for d in diagnostics.items][:5]
    document = corpus.get(doc_id)
    return [(v.key, " ".join(v.texts[lang].body.split()),
             [(a.anchor, a.heading, a.text) for a in v.texts[lang].articles]) for v in document.versions]


# --- small fixtures --------------------------------------------------------------------------

def test_a_replaced_and_an_inserted_article_are_all_it_writes():
    old = body(FIRST, art("Art.2", "Art. 2. Twee."), art("Art.3", "Art. 3. Drie."))
    new = body(art("Art.1bis", "Art. 1bis. Nieuw vooraan."), FIRST, art("Art.2", "Art. 2. Twee [1 gewijzigd ]1."),
               art("Art.2bis", "Art. 2bis. Ingevoegd."), art("Art.2ter", "Art. 2ter. Ook."), art("Art.3", "Art. 3. Drie."))
    result = delta(old, new)
    assert not isinstance(result, str), result
    meta, text = result
    assert meta == {"partial": True, "inserts": {"art-1bis": {"before": "art-1"}, "art-2bis": "art-2",
                                                 "art-2ter": "art-2bis"}}
    assert [line for line in text.splitlines() if line.startswith("#")] == ["## Art. 1bis", "## Art. 2", "## Art. 2bis",
                                                                           "## Art. 2ter"]
    assert "Drie" not in text and "Een" not in text


@pytest.mark.parametrize(("old", "new", "reason"), [
    ((FIRST, art("Art.2", "Art. 2. Twee.")), (FIRST,), "art-2 no longer in the text"),
    ((FIRST, art("Art.2", "Art. 2. Twee.")), (art("Art.2", "Art. 2. Twee."), FIRST), "change places"),
    ((FIRST,), (FIRST,), "changes nothing"),
])
def test_what_a_partial_version_cannot_say_is_written_whole_with_the_reason(old, new, reason):
    result = delta(body(*old), body(*new))
    assert isinstance(result, str) and reason in result


def test_a_changed_preamble_is_written_whole():
    old = body(FIRST)
    new = old.replace("Gelet op", "Gelet ook op", 1)
    assert new != old
    assert delta(old, new) == "the preamble changes"


def test_a_changed_second_namesake_is_written_with_the_first():
    """The second of two 'Art. 12bis' changed: both are written, in order, so each keeps its key."""
    one, two = art("Art.12bis", "Art. 12bis. Een."), art("Art.12bis", "Art. 12bis. Twee.")
    result = delta(body(FIRST, one, two), body(FIRST, one, art("Art.12bis", "Art. 12bis. Twee, gewijzigd.")))
    assert not isinstance(result, str), result
    assert result[1].count("## Art. 12bis") == 2 and "Een." in result[1] and "Een. <" not in result[1]


def test_the_loader_consolidates_the_fixture_to_the_whole_texts(tmp_path):
    root = copy_project(tmp_path / "project")
    pages = []
    for n, articles in enumerate([(FIRST, art("Art.2", "Art. 2. Twee."), art("Art.3", "Art. 3. Drie.")),
                                  (FIRST, art("Art.2", "Art. 2. [1 Twee bis ]1. &lt;W 2021-01-01/01, art. 1, 002; "
                                                       "Inwerkingtreding : 01-01-2021&gt;"),
                                   art("Art.2bis", "Art. 2bis. Nieuw. &lt;W 2021-01-01/01, art. 2, 002; "
                                                   "Inwerkingtreding : 01-01-2021&gt;"), art("Art.3", "Art. 3. Drie."))]):
        page = tmp_path / f"p{n}.html"
        page.write_bytes(variant("".join(articles)))
        pages.append(str(page))
    whole_root = copy_project(tmp_path / "whole")
    for where, extra in ((root, ["--partial"]), (whole_root, [])):
        code, out, err = regkb(where, "import", "justel", "--nl", *pages, "--id", "kb-x", *extra)
        assert code == 0, err
    folder = root / "docs/nl/regulations/kb-x"
    partial = [p for p in sorted(folder.glob("????-*.md")) if front(p)[0].get("partial")]
    assert [p.name for p in partial] == ["2021-01-01.md"]
    assert front(partial[0])[0]["inserts"] == {"art-2bis": "art-2"}
    assert "Drie" not in partial[0].read_text(encoding="utf-8")
    assert consolidated(root, "kb-x", "nl") == consolidated(whole_root, "kb-x", "nl")


def test_off_by_default_and_a_version_whose_previous_is_not_given_is_whole(tmp_path):
    pages = []
    for n, extra in enumerate(["", "&lt;W 2021-01-01/01, art. 1, 002; Inwerkingtreding : 01-01-2021&gt;"]):
        page = tmp_path / f"p{n}.html"
        page.write_bytes(variant(FIRST + art("Art.2", f"Art. 2. Twee {n}. {extra}")))
        pages.append(str(page))
    code, out, err = regkb(tmp_path, "import", "justel", "--nl", *pages, "--id", "kb-x")
    assert code == 0, err
    assert not any(front(p)[0].get("partial") for p in (tmp_path / "docs/nl/regulations/kb-x").glob("????-*.md"))
    later = tmp_path / "later"
    code, _out, err = regkb(later, "import", "justel", "--nl", pages[0], "--id", "kb-x")
    assert code == 0, err
    code, out, err = regkb(later, "import", "justel", "--nl", pages[1], "--id", "kb-x", "--partial")
    assert code == 0, err
    assert "2021-01-01.md: written whole: the version before it is not among the given snapshots" in out
    assert not front(later / "docs/nl/regulations/kb-x/2021-01-01.md")[0].get("partial")


@pytest.mark.skipif(not FR_2024.exists(), reason="../shared/real is not here")
@pytest.mark.parametrize("dutch_changes", ["art-2", "art-3"])
def test_french_and_dutch_partial_versions_change_the_same_articles(tmp_path, dutch_changes):
    """Both languages partial when they change the same articles; else both whole, and said (the
    check warns when the two files of a partial version change different articles)."""
    note = {"fr": "&lt;L 2021-01-01/01, art. 1, 002; En vigueur : 01-01-2021&gt;",
            "nl": "&lt;W 2021-01-01/01, art. 1, 002; Inwerkingtreding : 01-01-2021&gt;"}
    given: dict[str, list[str]] = {"fr": [], "nl": []}
    for lang, template in (("fr", FR_2024), ("nl", NL_PAGE)):
        for n in range(2):
            changed = "art-2" if lang == "fr" else dutch_changes
            two = f"Art. 2. Twee {n if changed == 'art-2' else 0}. {note[lang] if n else ''}"
            three = f"Art. 3. Drie {n if changed == 'art-3' else 0}. {note[lang] if n and changed == 'art-3' else ''}"
            page = tmp_path / f"{lang}{n}.html"
            page.write_bytes(variant(FIRST + art("Art.2", two) + art("Art.3", three), template))
            given[lang].append(str(page))
    root = copy_project(tmp_path / "project")
    code, out, err = regkb(root, "import", "justel", *given["fr"], "--nl", *given["nl"], "--id", "ar-x", "--partial")
    assert code == 0, err
    flags = {lang: front(root / f"docs/{lang}/regulations/ar-x/2021-01-01.md")[0].get("partial") for lang in ("fr", "nl")}
    if dutch_changes == "art-2":
        assert flags == {"fr": True, "nl": True}
        consolidated(root, "ar-x", "nl")  # no diagnostic of the partial versions
    else:
        assert flags == {"fr": None, "nl": None}
        assert "version 2021-01-01: written whole in both languages" in out and "different articles (art-3)" in out


# --- the real texts ------------------------------------------------------------------------

@pytest.mark.skipif(not HTML.is_dir(), reason="../shared/real is not here")
@pytest.mark.parametrize(("shape", "doc_id"), [("justel", "ar-1982-03-23"), ("markdown", "loi-1999-04-29")])
def test_real_partial_versions_consolidate_to_the_whole_texts(tmp_path, shape, doc_id):
    given = [str(p) for p in sorted((HTML / "1982000423").glob("*.html"))] if shape == "justel" else snapshots()[-4:]
    options = [] if shape == "justel" else LAW_OPTIONS
    roots = {}
    for name, extra in (("whole", []), ("partial", ["--partial"])):
        roots[name] = copy_project(tmp_path / name)
        code, out, err = regkb(roots[name], "import", shape, *given, "--id", doc_id, *options, *extra)
        assert code == 0, err
    folder = roots["partial"] / "docs/fr/regulations" / doc_id
    written = sorted(folder.glob("????-*.md"))
    partial = [p for p in written if yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1]).get("partial")]
    assert partial and written[0] not in partial
    whole = roots["whole"] / "docs/fr/regulations" / doc_id
    for path in partial:  # only what changed: fewer articles than the whole text (the law's long
        # article 2, its definitions, changes in most versions)
        count = [p.read_text(encoding="utf-8").count("\n## ") + p.read_text(encoding="utf-8").count("\n### ")
                 for p in (path, whole / path.name)]
        assert count[0] < count[1] / 2 and path.stat().st_size < (whole / path.name).stat().st_size
    assert consolidated(roots["partial"], doc_id) == consolidated(roots["whole"], doc_id)
