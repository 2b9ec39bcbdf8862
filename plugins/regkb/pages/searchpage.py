"""The search page of each language (`search/`): the full results with filters.

The header box submits here without JavaScript; the page then says that search needs JavaScript
and links to the listings, which lead to every text.
"""

from __future__ import annotations

from ..core.kinds import sections
from .html import esc, heading, href, items
from .labels import t
from ..catalogue import by_language

TEXT = by_language("search_page")  # catalogue/<lang>.yml


def search_page(lang: str) -> tuple[str, str, dict]:
    text = TEXT.get(lang, TEXT["fr"])
    links = items([href("search/", s + "/", esc(t(lang, "section." + s))) for s in sections()])
    body = (f'<form class="regkb-search-page" data-regkb-search="page" action="" method="get" role="search" '
            f'aria-label="{esc(text["title"])}">'
            f'<label for="regkb-search-page-q">{esc(text["label"])}</label> '
            f'<input type="search" id="regkb-search-page-q" name="q" aria-describedby="regkb-search-page-hint" '
            f'data-regkb-query autocomplete="off"> '
            f'<button type="submit" class="md-button">{esc(text["button"])}</button>'
            f'<p id="regkb-search-page-hint" class="regkb-hint">{esc(text["hint"])}</p>'
            f'<div class="regkb-search-filters" data-regkb-filters hidden></div>'
            f'<p class="md-search-result__meta" aria-live="polite" data-regkb-search-status></p>'
            f'<ol class="md-search-result__list" data-regkb-results></ol></form>')
    nojs = f'<div class="regkb-search-nojs" data-regkb-nojs><p>{esc(text["nojs"])}</p>{links}</div>'
    page = f"{heading(1, esc(text['title']))}\n{body}\n{nojs}"
    return text["title"], page, {"title": text["title"], "regkb_index": "search"}
