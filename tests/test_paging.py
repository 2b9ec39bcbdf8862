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


def test_a_much_cited_text_shows_the_first_citing_texts_and_links_to_its_complete_list(monkeypatch, sample_corpus) -> None:
    from regkb.pages import backlinks

    monkeypatch.setattr(paging, "LISTING_PAGE", 3)
    monkeypatch.setattr(backlinks, "BACKLINKS_SHOWN", 1)
    corpus, _diagnostics = sample_corpus
    ctx = SiteContext(corpus, TODAY)
    plan = {spec.path: spec for spec in build_plan(ctx)}
    lists = sorted(p for p in plan if p.endswith("/cited-by/"))
    assert lists, "no text of the sample is cited twice in one group"
    for list_path in lists:
        stable = list_path.removesuffix("cited-by/")
        for lang in ("fr", "nl"):
            _t, html, _m = plan[stable].render(lang)
            section = BeautifulSoup(html, "html.parser").find("section", class_="regkb-backlinks")
            for group in section.find_all("ul"):
                assert len(group.find_all("li")) <= 2  # one citing text, then the link to the rest
            more = [a for a in section.find_all("a") if "cited-by/" in a["href"]]
            assert more
            for a in more:
                target, anchor = _target(stable, a["href"]), a["href"].split("#")[1]
                _t, listing, _m = plan[target].render(lang)
                assert BeautifulSoup(listing, "html.parser").find(id=anchor) is not None, (stable, a["href"])
        pages = [p for p in plan if p.startswith(list_path)]
        rows = []
        for path in pages:
            _t, html, _m = plan[path].render("fr")
            rows += [li.find("a")["href"] for li in BeautifulSoup(html, "html.parser").select(".regkb-backlinks li")]
            assert len(BeautifulSoup(html, "html.parser").select(".regkb-backlinks li")) <= 3
        entries = ctx.backlink_index()[stable.split("/")[1]]
        assert len(rows) == backlinks.full_list_size(backlinks.backlink_rows(corpus, entries))


def test_a_pager_links_a_constant_number_of_pages_and_every_page_is_reachable() -> None:
    """Linking every page from every page grew as the square of the pages (200 listing pages at
    20,000 rows: 40,000 links); the window keeps a pager's links constant, and following them
    from the first page reaches every page."""
    last = 499
    sizes = {len([n for n in paging.pager_window(here, last) if n is not None]) for here in range(last + 1)}
    assert max(sizes) <= 2 * paging.PAGER_SPAN + 3
    assert paging.pager_window(0, 0) == [0]
    assert paging.pager_window(250, last) == [0, None, 248, 249, 250, 251, 252, None, last]
    assert paging.pager_window(1, 3) == [0, 1, 2, 3]
    reached, todo = {0}, [0]
    while todo:
        here = todo.pop()
        for number in paging.pager_window(here, last):
            if number is not None and number not in reached:
                reached.add(number)
                todo.append(number)
    assert reached == set(range(last + 1))
