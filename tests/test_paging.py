"""Long listings are cut into pages: each page holds at most LISTING_PAGE rows, every text is on
exactly one page, the pager links to the other pages, and an answer links to the page of its
topic's listing that shows it. Pinned with a small page size on the sample corpus."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

import pytest
from bs4 import BeautifulSoup

from regkb.pages import paging
from regkb.pages.context import SiteContext
from regkb.pages.plan import build_plan

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def small_pages(monkeypatch, sample_corpus):
    monkeypatch.setattr(paging, "LISTING_PAGE", 3)
    corpus, _diagnostics = sample_corpus
    ctx = SiteContext(corpus, TODAY)
    return ctx, {spec.path: spec for spec in build_plan(ctx)}


def _target(page: str, href: str) -> str:
    path = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return "" if path == "." else path + "/"


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_regulation_is_on_exactly_one_page_of_at_most_three(small_pages, lang) -> None:
    ctx, plan = small_pages
    pages = sorted((p for p in plan if re.fullmatch(r"regulations/(page/\d+/)?", p)), key=len)
    assert len(pages) >= 2 and plan["regulations/"].in_nav and not plan["regulations/page/2/"].in_nav
    seen: list[str] = []
    for path in pages:
        title, html, _meta = plan[path].render(lang)
        soup = BeautifulSoup(html, "html.parser")
        rows = soup.select("table.regkb-list tbody tr")
        assert 1 <= len(rows) <= 3
        seen += [_target(path, row.find("a")["href"]) for row in rows]
        pager = soup.find("nav", class_="regkb-pager")
        assert {_target(path, a["href"]) for a in pager.find_all("a")} == set(pages)
        assert pager.find("a", attrs={"aria-current": "page"}) is not None
        assert ("page" in title) or ("pagina" in title) or path == "regulations/"
    regulations = {f"regulations/{d.id}/" for d in ctx.corpus if d.section == "regulations"}
    assert sorted(seen) == sorted(regulations)


def test_an_answer_links_to_the_topic_page_that_shows_it(small_pages) -> None:
    ctx, plan = small_pages
    checked = 0
    for path, spec in plan.items():
        if not path.startswith("faq/") or path.count("/") != 2 or path.startswith(("faq/topic/", "faq/audience/")):
            continue
        _title, html, _meta = spec.render("fr")
        for a in BeautifulSoup(html, "html.parser").select('a[href*="topic/"]'):
            target, anchor = _target(path, a["href"]), a["href"].split("#")[1]
            _t, listing, _m = plan[target].render("fr")
            assert BeautifulSoup(listing, "html.parser").find(id=anchor) is not None, (path, a["href"])
            checked += 1
    assert checked > 20
