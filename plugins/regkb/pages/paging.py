"""Long listings cut into pages of LISTING_PAGE rows: `base`, then `base`page/2/, ...

A listing of every regulation, or of every answer of a topic, grew with the corpus (450 KB at
20,000 pages, on a phone); a page now holds at most LISTING_PAGE rows and links to the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.urls import url_link
from .html import HTML, element, html_join
from .labels import t

LISTING_PAGE = 100  # rows per listing page: a listing's HTML does not grow with the corpus
PAGER_SPAN = 2  # the pager links the first and last pages and this many on each side of the current one


def listing_paths(base: str, count: int) -> tuple[str, ...]:
    """The paths of the pages of a listing of `count` rows (one at least)."""
    total = max(1, -(-count // LISTING_PAGE))
    return tuple(base if i == 0 else f"{base}page/{i + 1}/" for i in range(total))


def pager_window(here: int, last: int, span: int = PAGER_SPAN) -> list[int | None]:
    """The page numbers (0-based) a pager links, `None` where it skips some.

    Linking every page from every page made the listings' links grow as the square of their
    pages; a window keeps each pager's size constant, and every page stays reachable in a few
    clicks (first, last, neighbours, previous and next).
    """
    shown = sorted({0, last, *range(max(0, here - span), min(last, here + span) + 1)})
    window: list[int | None] = []
    previous = -1
    for number in shown:
        if number - previous > 1 and previous >= 0:
            window.append(None)
        window.append(number)
        previous = number
    return window


def listing_path(base: str, position: int) -> str:
    """The page of a listing that shows the row at `position` (0-based)."""
    index = position // LISTING_PAGE
    return base if index == 0 else f"{base}page/{index + 1}/"


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing: which slice of the rows it shows, and every page's path."""

    paths: tuple[str, ...]
    index: int

    @property
    def path(self) -> str:
        return self.paths[self.index]

    def rows(self, items: list) -> list:
        return items[self.index * LISTING_PAGE:(self.index + 1) * LISTING_PAGE]

    def title(self, lang: str, title: str) -> str:
        if len(self.paths) == 1:
            return title
        return t(lang, "listing_page_title", title=title, page=self.index + 1, pages=len(self.paths))

    def pager(self, lang: str) -> HTML:
        """Links to the other pages of the listing (none when it has one page)."""
        if len(self.paths) == 1:
            return HTML()
        here, last = self.index, len(self.paths) - 1
        links = []
        if here > 0:
            links.append(element("a", t(lang, "previous_page"), href=url_link(self.path, self.paths[here - 1]), rel="prev"))
        for number in pager_window(here, last):
            if number is None:
                links.append(element("span", "…", aria_hidden="true", class_="regkb-pager-gap"))
                continue
            label = t(lang, "listing_page_of", page=number + 1, pages=last + 1)
            links.append(element("a", html_join("", (element("span", number + 1, aria_hidden="true"),
                                                     element("span", label, class_="regkb-sr"))),
                                 href=url_link(self.path, self.paths[number]),
                                 aria_current="page" if number == here else None))
        if here < last:
            links.append(element("a", t(lang, "next_page"), href=url_link(self.path, self.paths[here + 1]), rel="next"))
        return element("nav", element("ul", [element("li", link) for link in links]),
                       class_="regkb-pager", aria_label=t(lang, "listing_pages"))
