"""The real law of 29 April 1999 (electricity market, 85 Justel versions) goes through regkb
without silent loss: every article recognized, every note and point shown as written, every change
in the diffs and nothing else, no page wider than a phone.

Two levels, to keep the suite lean: the core checks run on every whole-text version of the shared
archive (`../shared/real/iterata-archive/1999011160/`, skipped without it), every consecutive pair
diffed; the build test runs on 4 versions kept in tests/data (the 2015-12-10 version whose diff
the issue saw wrong, and the last two, with the annex, the duplicate articles and 22bis/1).
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest

import real_law
from conftest import build_site, copy_project
from regkb.core.articles import article_problems, split_articles, split_blocks
from regkb.core.diff import align

WORD = re.compile(r"\w+")
BOLD_ARTICLE = re.compile(r"^\*\*(?:Art\.|Article|Artikel)", re.MULTILINE)
NOTE = re.compile(r"<[A-Za-zÀ-ÿ][^<>\n]*?\d[^<>\n]*>")
CODE_SPAN = re.compile(r"`[^`\n]*`")
DIFF_DAY = "2015-12-10"


def _shared_versions() -> list[tuple[str, str]]:
    if not (real_law.archive() / "versions.tsv").exists():
        pytest.skip("the shared real archive (../shared/real/iterata-archive/1999011160) is not here")
    return real_law.selected_versions()


@pytest.fixture(scope="module")
def shared_texts() -> list[tuple[str, str, str]]:
    """(day, iterata source, converted body) of every whole-text version of the archive."""
    out = []
    for name, day in _shared_versions():
        source = real_law.read_version(real_law.archive(), name)
        out.append((day, source, real_law.convert_body(source)))
    return out


def test_every_article_of_every_version_is_an_article(shared_texts) -> None:
    for day, source, body in shared_texts:
        articles = split_articles(body)
        assert len(articles) == len(BOLD_ARTICLE.findall(source)), day
        suspects, _duplicates = article_problems(body)
        assert suspects == [], day
        anchors = [a.anchor for a in articles]
        assert len(anchors) == len(set(anchors)), day
        assert all(re.fullmatch(r"art-[a-z0-9]+(?:-[a-z0-9]+)*(?:--\d+)?", a) for a in anchors), day
    last = {a.anchor: a for a in split_articles(shared_texts[-1][2])}
    for anchor in ("art-1", "art-7novies", "art-7undecies", "art-7duodecies", "art-7terdecies",
                   "art-7quaterdecies", "art-12novies", "art-13-1", "art-22bis-1", "art-30bis-5", "art-n1",
                   "art-12bis--2", "art-18bis--2"):
        assert anchor in last, anchor
    assert last["art-7novies"].number == "7nonies"  # cited as written, anchored in one spelling
    _suspects, duplicates = article_problems(shared_texts[-1][2])
    assert {d.number for d in duplicates} == {"12bis", "12ter", "12quater", "18bis"}


def _reference_counts(old: str, new: str) -> tuple[int, int]:
    """Words inserted and deleted by an independent word-level diff of two sources: lines first
    (blank lines aside), then words inside each replaced stretch of lines."""
    a = [line for line in old.splitlines() if line.strip()]
    b = [line for line in new.splitlines() if line.strip()]
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            continue
        x, y = WORD.findall("\n".join(a[i1:i2])), WORD.findall("\n".join(b[j1:j2]))
        for op2, k1, k2, l1, l2 in SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
            if op2 != "equal":
                deleted += k2 - k1
                inserted += l2 - l1
    return inserted, deleted


def diff_runs(old: str, new: str, headings: bool = True) -> list[tuple[str, str]]:
    """The runs of the whole text (unchanged blocks as '='); `headings=False`: without the
    heading of an added or removed article (the page shows it as its section's title)."""
    runs: list[tuple[str, str]] = []
    for change in align(split_blocks(old), split_blocks(new)):
        if change.status == "unchanged":
            runs.append(("=", change.heading + "\n" + change.new))
        elif change.status == "added":
            runs += [("+" if headings else "=", change.heading + "\n"), ("+", change.new)]
        elif change.status == "removed":
            runs += [("-" if headings else "=", change.heading + "\n"), ("-", change.old)]
        else:
            runs += change.heading_words() + [("=", "\n")] + change.words()
    return runs


def test_every_pair_of_versions_diffs_every_word_and_nothing_else(shared_texts) -> None:
    """Every consecutive pair: the old text is exactly the equal and deleted words, the new text
    exactly the equal and inserted ones (inside and outside articles: chapter titles, annexes), and
    the words marked are about as few as an independent word diff marks (leeway of 10 % of the changed words: two diffs of
    one text pair repeated words differently; on this law ours marks fewer words in most pairs)."""
    for (_d, _s, old), (day, _source, new) in zip(shared_texts, shared_texts[1:]):
        runs = diff_runs(old, new)
        before = WORD.findall(" ".join(text for op, text in runs if op in "=-"))
        after = WORD.findall(" ".join(text for op, text in runs if op in "=+"))
        assert before == WORD.findall(old), day
        assert after == WORD.findall(new), day
        inserted = sum(len(WORD.findall(text)) for op, text in runs if op == "+")
        deleted = sum(len(WORD.findall(text)) for op, text in runs if op == "-")
        ref_inserted, ref_deleted = _reference_counts(old, new)
        leeway = 0.1 * (ref_inserted + ref_deleted) + 25
        assert inserted <= ref_inserted + leeway and deleted <= ref_deleted + leeway, (day, inserted, ref_inserted)
        assert inserted - deleted == ref_inserted - ref_deleted, day  # both count the same texts


def test_every_version_written_is_accepted_by_the_loader(tmp_path: Path) -> None:
    """The law as `write_law` writes it (what `bench/build_bench.py --real` builds strictly) has no
    character the loader refuses: Justel's lost letters (U+001A in 'Elektrizit?tsregulierungs-
    kommission', U+0090 for 'É') are written as U+FFFD, as `regkb import` writes them."""
    from regkb.sources.frontmatter import CONTROL, INVISIBLE

    versions = _shared_versions()
    real_law.write_law(tmp_path, versions, langs=("fr",))
    folder = tmp_path / "docs" / "fr" / "regulations" / real_law.LAW_ID
    texts = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}
    assert len(texts) == len(versions) + 1
    assert not [name for name, text in texts.items() if CONTROL.search(text) or INVISIBLE.search(text)]
    assert any("\ufffd" in text for text in texts.values())  # the lost letters stay visible


# --- the build, on the 4 versions kept in tests/data -----------------------------------------------
@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    real_law.write_law(project, folder=real_law.SUBSET)
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def _page(site: Path, path: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _subset() -> list[tuple[str, str, str]]:
    return [(day, real_law.read_version(real_law.SUBSET, name), real_law.convert_body(real_law.read_version(real_law.SUBSET, name)))
            for name, day in real_law.selected_versions(real_law.SUBSET)]


def _visible(tag) -> str:
    """The text of an element as a sighted reader sees it (screen-reader cues left out)."""
    return "".join(s for s in tag.find_all(string=True)
                   if not any("regkb-sr" in (p.get("class") or []) for p in s.parents if p is not tag.parent))


LAW = "regulations/" + real_law.LAW_ID


def test_real_law_pages_articles_notes_and_points(real_site: Path) -> None:
    from regkb.site_check import check_site

    assert check_site(real_site) == []  # links, anchors, and no id twice on any page
    for day, source, body in _subset()[-1:] + _subset()[:1]:
        for prefix in ("", "nl/"):
            soup = _page(real_site, f"{prefix}{LAW}/{day}")
            text = soup.select_one(".regkb-text")
            ids = [h["id"] for h in text.select("h2[id^=art-], h3[id^=art-], h4[id^=art-], h5[id^=art-], h6[id^=art-]")]
            assert ids == [a.anchor for a in split_articles(body)]
            assert len(ids) == len(BOLD_ARTICLE.findall(source))
            # notes: shown as written, none swallowed as an unknown tag
            assert not text.find_all(["l", "w", "ar", "inséré", "dcfl"])
            expected = [" ".join(n.split()) for n in NOTE.findall(CODE_SPAN.sub("", body))]
            assert len(expected) > 200  # footnotes `(1)<L ...>` included
            shown = [" ".join(_visible(n).split()) for n in text.select("span.regkb-note")]
            assert shown == expected
            assert all(n.get("role") == "note" for n in text.select("span.regkb-note"))
            # markers [1 ...]1 as written
            assert len(text.select("span.regkb-mark")) >= len(re.findall(r"\[\d+ ", CODE_SPAN.sub("", source))) // 2
            # legal points: numbered as written, never a renumbered list
            assert not text.find_all("ol")
            written = re.findall(r"^(\d+)\. ", body, re.MULTILINE)
            paragraphs = [m.group(1) for p in text.find_all("p") if (m := re.match(r"(\d+)\. ", _visible(p)))]
            assert paragraphs == written


def test_real_law_diff_pages_show_the_source_diff(real_site: Path) -> None:
    subset = _subset()
    for (_d, _s, old), (day, _source, new) in zip(subset, subset[1:]):
        runs = diff_runs(old, new, headings=False)
        soup = _page(real_site, f"{LAW}/{day}/diff")
        want_ins = Counter(w for op, text in runs if op == "+" for w in WORD.findall(text))
        want_del = Counter(w for op, text in runs if op == "-" for w in WORD.findall(text))
        marks_ins = {id(t): t for t in soup.select("ins")}
        marks_del = {id(t): t for t in soup.select("del")}
        shown_ins = Counter(w for t in marks_ins.values() for w in WORD.findall(_visible(t)))
        shown_del = Counter(w for t in marks_del.values() for w in WORD.findall(_visible(t)))
        assert shown_ins == want_ins, day
        assert shown_del == want_del, day
        changes = align(split_blocks(old), split_blocks(new))
        unchanged = [c.anchor for c in changes if c.status == "unchanged" and c.anchor.startswith("art-")]
        listed = [a["href"].rsplit("#", 1)[1] for a in soup.select("p.regkb-diff-unchanged a")]
        assert listed == unchanged, day
    size = (real_site / LAW / DIFF_DAY / "diff" / "index.html").stat().st_size
    assert size < 120_000  # was 226-629 kB with every unchanged article copied in


def test_no_page_scrolls_sideways_on_a_phone(real_site: Path) -> None:
    from browser import as_phone, chromium, serve
    from selenium.webdriver.support.ui import WebDriverWait

    pages = [LAW + "/", f"{LAW}/{DIFF_DAY}/", f"{LAW}/{DIFF_DAY}/diff/", "regulations/", "nl/" + LAW + "/2024-06-05/diff/",
             "regulations/ar-1996-07-03/", "regulations/ar-1996-07-03/2024-07-01/diff/", "circulars/", "faq/"]
    with serve(real_site) as base, chromium() as driver:
        as_phone(driver, 390, 844)  # a 390-pixel window was laid out 500 pixels wide
        for path in pages:
            driver.get(base + path)
            # measured once the page's scripts have laid it out (under load, a first measure caught
            # a transient width with no element to blame)
            WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
            driver.execute_script("return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 200); }); })")
            width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth,"
                                          " Array.from(document.querySelectorAll('body *')).filter(function (e) {"
                                          " var r = e.getBoundingClientRect(); return r.right > 391"
                                          " && !e.closest('.md-typeset__scrollwrap, pre, .md-sidebar, .md-search, .md-nav, .md-header')"
                                          " && getComputedStyle(e).visibility !== 'hidden'; }).slice(0, 3)"
                                          ".map(function (e) { return e.tagName + '.' + e.className; })]")
            assert width[0] <= 390, (path, width)  # innerWidth follows a page wider than the phone


def test_no_page_of_the_real_law_is_over_1000_kb(real_site: Path) -> None:
    """The real law's last versions are 600,000 characters a language: its FR ‖ NL view (both
    texts) and its definitions article's history (changed at each version) made pages of 1.0–1.7 MB.
    The view of a version that long shows its changes, the text in force paged by weight; an
    article's history shows the diffs of its newest changes, paragraphs around each change."""
    sizes = {str(p.relative_to(real_site)): p.stat().st_size for p in real_site.rglob("*.html")}
    assert not {path: size for path, size in sizes.items() if size > 1_000_000}
    law = "regulations/" + real_law.LAW_ID + "/"
    whole = sorted(path for path in sizes if path.startswith(law + "fr-nl/"))
    assert whole, "the text in force is shown whole, FR ‖ NL, on pages of its own"
    # every article of the text in force is on one of those pages, once
    ids = Counter()
    for path in whole:
        ids.update(row["id"] for row in _page(real_site, path.removesuffix("index.html")).select("div.regkb-sbs-row[id^=art-]"))
    assert ids and max(ids.values()) == 1


def test_real_law_side_by_side_headings_never_skip_a_level(real_site: Path) -> None:
    """The real law's titles, chapters, sections and articles on its FR ‖ NL pages, whole or a
    version's changes alone (articles without the sections above them): in reading order, no
    heading is more than one level below the one before it, and a French heading and its Dutch
    one have the same level."""
    from bs4 import BeautifulSoup

    law = real_site / "regulations" / real_law.LAW_ID
    pages = sorted(law.rglob("fr-nl/**/index.html")) + sorted(law.rglob("fr-nl/index.html"))
    assert len(pages) > 10
    for page in set(pages):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        previous = 1
        for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            level = int(heading.name[1])
            assert level <= previous + 1, (page.relative_to(real_site).as_posix(), heading.get_text(strip=True)[:50])
            previous = level
        for row in soup.select(".regkb-sbs-row[id]"):
            levels = [h.name for h in row.select(".regkb-sbs-cell > .regkb-sbs-head")]
            assert len(set(levels)) <= 1, (page.relative_to(real_site).as_posix(), row["id"], levels)
