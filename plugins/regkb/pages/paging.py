"""Long listings cut into pages of LISTING_PAGE rows: `base`, then `base`page/2/, ...

A listing of every regulation, or of every answer of a topic, grew with the corpus (450 KB at
20,000 pages, on a phone); a page now holds at most LISTING_PAGE rows and links to the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.urls import url_link
from .html import esc
from .labels import t

LISTING_PAGE = 100  # rows per listing page: a listing's HTML does not grow with the corpus


def listing_paths(base: str, count: int) -> tuple[str, ...]:
    """The paths of the pages of a listing of `count` rows (one at least)."""
    total = max(1, -(-count // LISTING_PAGE))
    return tuple(base if i == 0 else f"{base}page/{i + 1}/" for i in range(total))


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

    def pager(self, lang: str) -> str:
        """Links to the other pages of the listing (none when it has one page)."""
        if len(self.paths) == 1:
            return ""
        here, last = self.index, len(self.paths) - 1
        links = []
        if here > 0:
            links.append(f'<a href="{url_link(self.path, self.paths[here - 1])}" rel="prev">'
                         f'{esc(t(lang, "previous_page"))}</a>')
        for number, path in enumerate(self.paths):
            label = esc(t(lang, "listing_page_of", page=number + 1, pages=last + 1))
            current = ' aria-current="page"' if number == here else ""
            links.append(f'<a href="{url_link(self.path, path)}"{current}>'
                         f'<span aria-hidden="true">{number + 1}</span><span class="regkb-sr">{label}</span></a>')
        if here < last:
            links.append(f'<a href="{url_link(self.path, self.paths[here + 1])}" rel="next">'
                         f'{esc(t(lang, "next_page"))}</a>')
        return (f'<nav class="regkb-pager" aria-label="{esc(t(lang, "listing_pages"))}"><ul>'
                + "".join(f"<li>{link}</li>" for link in links) + "</ul></nav>")
