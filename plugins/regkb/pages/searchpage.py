"""The search page of each language (`search/`): the full results with filters.

The header box submits here without JavaScript; the page then says that search needs JavaScript
and links to the listings, which lead to every text.
"""

from __future__ import annotations

from ..core.kinds import sections
from .html import element, esc, heading, href, html_format, items
from .labels import t
from ..catalogue import by_language

TEXT = by_language("search_page")  # catalogue/<lang>.yml


def search_page(lang: str) -> tuple[str, str, dict]:
    text = TEXT.get(lang, TEXT["fr"])
    links = items([href("search/", s + "/", esc(t(lang, "section." + s))) for s in sections()])
    body = html_format(
        '<form class="regkb-search-page" data-regkb-search="page" action="" method="get" role="search" '
        'aria-label="{title}"><label for="regkb-search-page-q">{label}</label> '
        '<input type="search" id="regkb-search-page-q" name="q" aria-describedby="regkb-search-page-hint" '
        'data-regkb-query autocomplete="off"> <button type="submit" class="md-button">{button}</button>'
        '<p id="regkb-search-page-hint" class="regkb-hint">{hint}</p>'
        '<div class="regkb-search-filters" data-regkb-filters hidden></div>'
        '<p class="md-search-result__meta" aria-live="polite" data-regkb-search-status></p>'
        '<ol class="md-search-result__list" data-regkb-results></ol></form>',
        title=text["title"], label=text["label"], button=text["button"], hint=text["hint"])
    nojs = element("div", [element("p", text["nojs"]), links], class_="regkb-search-nojs", data_regkb_nojs=True)
    page = html_format("{}\n{}\n{}", heading(1, esc(text["title"])), body, nojs)
    return text["title"], page, {"title": text["title"], "regkb_index": "search"}
