"""An answer's `valid_from`/`valid_until` (issue 19): outside its period the answer stays online
and found, with a notice on its page and a mark in its search result; inside it, neither."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import TODAY, copy_project
from regkb.pages.context import SiteContext
from regkb.pages.facets import search_facets
from regkb.pages.simple import answer_page
from regkb.sources import load_corpus

ANSWER = "faq/physiotherapy/kine-nombre-seances.md"
ID = "kine-nombre-seances"


def _answer_with(tmp_path: Path, lines: str):
    """The sample with `lines` added to the answer's front matter: (context, the answer)."""
    project = copy_project(tmp_path / "project")
    path = project / ANSWER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026-11-20\n", "reviewed: 2026-11-20\n" + lines, 1), encoding="utf-8")
    corpus, _ = load_corpus(project)
    return SiteContext(corpus, dt.date.fromisoformat(TODAY)), corpus.get(ID)


def _notice(ctx: SiteContext, document, lang: str):
    _title, body, _meta = answer_page(ctx, document, lang)
    return BeautifulSoup(body, "html.parser").find(attrs={"data-regkb-period": True})


@pytest.mark.parametrize("lang, notice, mark", [
    ("fr", "Cette réponse s'appliquait du 1er janvier 2025 au 31 décembre 2025.",
     "ne s'applique plus depuis le 1er janvier 2026"),
    ("nl", "Dit antwoord gold van 1 januari 2025 tot en met 31 december 2025.", "geldt niet meer sinds 1 januari 2026"),
])
def test_an_expired_answer_says_when_it_applied(tmp_path: Path, lang: str, notice: str, mark: str) -> None:
    ctx, document = _answer_with(tmp_path, "valid_from: 2025-01-01\nvalid_until: 2026-01-01\n")
    found = _notice(ctx, document, lang)
    assert found is not None and found["data-regkb-period"] == "repealed"
    assert "warning" in found["class"] and found.get_text(" ", strip=True).startswith(notice)
    assert search_facets(ctx, document, lang)["meta"]["validity"] == mark


@pytest.mark.parametrize("lang, notice, mark", [
    ("fr", "Cette réponse s'applique à partir du 1er mars 2027.", "s'applique à partir du 1er mars 2027"),
    ("nl", "Dit antwoord geldt vanaf 1 maart 2027.", "geldt vanaf 1 maart 2027"),
])
def test_an_answer_not_yet_valid_says_from_when(tmp_path: Path, lang: str, notice: str, mark: str) -> None:
    ctx, document = _answer_with(tmp_path, "valid_from: 2027-03-01\n")
    found = _notice(ctx, document, lang)
    assert found is not None and found["data-regkb-period"] == "upcoming"
    assert found.get_text(" ", strip=True).startswith(notice)
    assert search_facets(ctx, document, lang)["meta"]["validity"] == mark


def test_an_answer_within_its_period_has_no_notice_nor_mark(tmp_path: Path) -> None:
    ctx, document = _answer_with(tmp_path, "valid_from: 2025-01-01\nvalid_until: 2027-01-01\n")
    for lang in ("fr", "nl"):
        assert _notice(ctx, document, lang) is None
        assert "validity" not in search_facets(ctx, document, lang)["meta"]


def test_the_page_script_shows_the_notice_of_the_readers_day(tmp_path: Path) -> None:
    """Built on 22 November 2026 while the answer applies (no notice), read after its valid_until
    (1 January 2027): the expired notice appears from midnight in Brussels, in Honolulu (UTC-10)
    and Kiritimati (UTC+14) alike; an answer built before its valid_from loses its notice then."""
    from browser import chromium, serve
    from test_dates import _clock_at, _load

    from regkb.core.status_rules import JS_PATH

    pages = {}
    for name, lines in (("expires", "valid_from: 2025-01-01\nvalid_until: 2027-01-01\n"),
                        ("starts", "valid_from: 2027-01-01\n")):
        ctx, document = _answer_with(tmp_path / name, lines)
        pages[name] = answer_page(ctx, document, "fr")[1]
        (tmp_path / f"{name}.html").write_text(f'<!doctype html><html lang="fr"><body>{pages[name]}'
                                               '<script src="regkb.js"></script></body></html>', encoding="utf-8")
    (tmp_path / "regkb.js").write_text(JS_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    expired = BeautifulSoup(pages["expires"], "html.parser").find(attrs={"data-regkb-answer-when": "repealed"})
    assert expired is not None and expired.has_attr("hidden")  # written, hidden on the build day
    shown = ("return Array.prototype.filter.call(document.querySelectorAll('[data-regkb-answer-when]'),"
             " function (e) { return !e.hidden; }).map(function (e) { return e.dataset.regkbAnswerWhen; });")
    before = int(dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.timezone.utc).timestamp() * 1000)  # 23:30 in Brussels
    after = int(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone.utc).timestamp() * 1000)  # 00:30 on 1 January
    with serve(tmp_path) as base, chromium() as driver:
        _clock_at(driver, dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.timezone.utc))  # the build day
        for tz in ("Pacific/Honolulu", "Pacific/Kiritimati", "Europe/Brussels"):
            driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": tz})
            for name, want_before, want_after in (("expires", [], ["repealed"]), ("starts", ["upcoming"], [])):
                _load(driver, base + name + ".html")
                for instant, want in ((before, want_before), (after, want_after)):
                    driver.execute_script("window.__now = arguments[0]; window.regkbDates.refresh();", instant)
                    assert driver.execute_script(shown) == want, (tz, name, instant)


@pytest.mark.parametrize("until", ["2025-01-01", "2024-06-30"])
def test_an_answer_ending_before_it_starts_is_reported(tmp_path: Path, until: str) -> None:
    """valid_until is the first day without the answer: on or before valid_from it never applied
    (it was published as expired, in silence)."""
    project = copy_project(tmp_path / "project")
    path = project / ANSWER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026-11-20\n",
                                 f"reviewed: 2026-11-20\nvalid_from: 2025-01-01\nvalid_until: {until}\n", 1),
                    encoding="utf-8")
    _, diagnostics = load_corpus(project)
    lines = text.split("---\n", 2)[1].splitlines()
    line = lines.index("reviewed: 2026-11-20") + 4  # the opening '---', reviewed, valid_from, valid_until
    assert [d.format() for d in diagnostics.sorted()] == [
        f"{ANSWER}:{line}: error: valid_until ({until}) is not after valid_from (2025-01-01): the answer would "
        "never apply. Fix: valid_until is the first day the answer no longer applies: correct one of the two dates."]


def test_the_search_result_mark_follows_the_readers_day(tmp_path: Path) -> None:
    """Built on 22 November 2026 while the answer applies (valid_until 2027-01-01): its search
    result has no mark that day and says that it no longer applies once 1 January 2027 has come
    in Brussels (it kept the build day's silence until the next build), in both search paths
    (the word pages' cards and Pagefind's meta)."""
    from browser import chromium, serve
    from test_parallel_build import regkb_build
    from test_site_search import header_search

    project = copy_project(tmp_path / "project")
    path = project / ANSWER
    path.write_text(path.read_text(encoding="utf-8").replace(
        "reviewed: 2026-11-20\n", "reviewed: 2026-11-20\nvalid_from: 2025-01-01\nvalid_until: 2027-01-01\n", 1),
        encoding="utf-8")
    site = tmp_path / "site"
    result = regkb_build(project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    meta = BeautifulSoup((site / "faq" / ID / "index.html").read_text(encoding="utf-8"), "html.parser") \
        .find(attrs={"data-pagefind-meta": lambda v: bool(v) and v.startswith("period:")})
    assert meta is not None and meta["data-pagefind-meta"].startswith("period:2025-01-01|2027-01-01|")
    mark = "ne s'applique plus depuis le 1er janvier 2027"
    with serve(site) as base, chromium() as driver:
        for day, shown in (("2026-12-31", False), ("2027-01-01", True)):
            for query in ("séances kiné remboursées par an", "combien de séances"):
                results = header_search(driver, f"{base}?today={day}", query)
                facts = [r["facts"] for r in results if r["href"].endswith(f"/faq/{ID}/")]
                assert facts, (day, query, [r["href"] for r in results])
                assert (mark in facts[0]) is shown, (day, query, facts[0])
