"""Generated pages written into a shell of the theme, rendered once per shape of page.

A generated page (a version, a diff, an article page...) differs from the next one of its kind
only by its values: title, description, canonical and alternate addresses, feed, JSON-LD, search
facets, skip link, table of contents, content. Material's templates rendered them for every page
(4-6 ms a page; a text of a thousand articles and three hundred versions has 1,700 pages per
language). Here `main.html` is rendered once per shape, with a stand-in page whose every value
is a token; the output, cut at the tokens, is the shell; each page of that shape is the shell
with its own values, escaped as the templates escape them (`{{ x }}` prints `x`, the templates'
`| e` is Jinja's escape, `| url` MkDocs' normalize_url, the table of contents is the same
`regkb_toc_items`). The page stays a MkDocs page (navigation, sitemap, link and anchor checks):
only its template is `regkb-shell.html`, which calls `regkb_shell()` with MkDocs' own context.

The shape is everything the templates branch on or read besides those values: the page's folder
depth (relative links to assets), its navigation's links (speed.py nav_key), which metadata it
has, the names of its search facets, its languages, the form of its table of contents. A page
the shell cannot stand for (in the navigation, without a first-level heading) is rendered by
`main.html` as before. Part of site/speed.py's machinery: `REGKB_FAST=0` renders every page with
`main.html`, and tests/test_reproducible.py checks that the site is the same, byte for byte.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from jinja2 import pass_context

SHELL_TEMPLATE = "regkb-shell.html"
TOKEN = "REGKBSHELL{}X"
TOKENS = re.compile(r"REGKBSHELL(\d+)X")
LINK = "https://regkb-shell.invalid/{}"  # a stand-in link the `url` filter leaves as it is
TAKEN = ("regkb_alternates", "regkb_feed", "regkb_search")  # values taken from each page


class _StandIn:
    """The page as the shell's templates see it: the page's own attributes, but for its values."""

    def __init__(self, page: Any, **values: Any) -> None:
        self._page = page
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class Shells:
    """The shells of one build (one language process, one template environment)."""

    def __init__(self, env: Any, nav_key: Any, toc_items: Any) -> None:
        self.env, self.nav_key, self.toc_items = env, nav_key, toc_items
        self.escape = env.filters["e"]
        self.shells: dict[tuple, list[str | int] | None] = {}

    def install(self) -> None:
        render = self.render

        @pass_context
        def shell(context: Any) -> str:
            return render(context)

        self.env.globals["regkb_shell"] = shell

    # --- one page ---------------------------------------------------------------------------------
    def render(self, context: Any) -> str:
        values = context.get_all()
        page = values["page"]
        key = self._shape(page, values)
        pieces = self.shells.get(key) if key is not None else None
        if key is not None and key not in self.shells:
            pieces = self.shells[key] = self._shell(page, values)
        if pieces is None:  # a page the shell cannot stand for
            return self.env.get_template("main.html").render(values)
        slots = self._values(page, values)
        return "".join(piece if isinstance(piece, str) else slots[piece] for piece in pieces)

    def _shape(self, page: Any, values: dict) -> tuple | None:
        meta = page.meta or {}
        toc = list(page.toc or [])
        content = page.content or ""
        if not toc or toc[0].level != 1 or not toc[0].children or "<h1" not in content \
                or page.edit_url or page.is_homepage or page.previous_page or page.next_page:
            return None
        nav = self.nav_key(page, values.get("nav"), values.get("base_url"))
        if nav is None:  # in the navigation: marked active there
            return None
        facets = meta.get("regkb_search")
        alternates = meta.get("regkb_alternates") or []
        if not meta.get("title"):  # the templates would print page.title
            return None
        # a value the shell does not take from the page is part of its shape
        kept = tuple((name, bool(value) if isinstance(value, str) or name in TAKEN else repr(value))
                     for name, value in sorted(meta.items()))
        return (values.get("base_url"), nav, kept,
                (tuple(facets["filters"]), tuple(facets["meta"])) if facets else None,
                tuple((alt["lang"], alt["name"]) for alt in alternates),
                tuple(sorted(meta["regkb_feed"])) if meta.get("regkb_feed") else None,
                bool(page.canonical_url))

    def _values(self, page: Any, values: dict) -> list[str]:
        """The page's values, in the order of the stand-in's tokens (`_stand_in`)."""
        from mkdocs.utils import normalize_url

        meta = page.meta
        base = values.get("base_url", "")
        first = list(page.toc)[0]
        out = [str(page.content), self.toc_items(first.children), normalize_url(first.url, page, base),
               str(page.canonical_url)]
        for name, value in sorted(meta.items()):
            if name == "regkb_alternates":
                for alt in value:
                    out += [str(alt["absolute"]), normalize_url(alt["link"], page, base)]
            elif name == "regkb_feed":
                out += [str(value[field]) for field in sorted(value)]
            elif name == "regkb_search":
                out += [str(self.escape(item)) for part in ("filters", "meta") for item in value[part].values()]
            elif isinstance(value, str):
                out.append(str(value))
        return out

    # --- one shape ----------------------------------------------------------------------------------
    def _stand_in(self, page: Any) -> _StandIn:
        """The page with a token for each value, in the order of `_values`."""
        tokens = iter(range(2, 10_000))  # 0: the content, 1: the table of contents' items

        def token() -> str:
            return TOKEN.format(next(tokens))

        content = "<h1>" + TOKEN.format(0)  # the templates look for "<h1" in the content
        # one heading in the table of contents: its items (regkb_toc_items) are one value
        item = SimpleNamespace(level=2, url="#" + TOKEN.format(10_001), title=TOKEN.format(10_002),
                               children=[], typeset=None)
        skip = LINK.format(token())  # the `url` filter leaves it as it is
        first = SimpleNamespace(level=1, url=skip, title="", children=[item], typeset=None)
        canonical = token()
        meta: dict[str, Any] = {}
        for name, value in sorted(page.meta.items()):
            if name == "regkb_alternates":
                meta[name] = []
                for alt in value:
                    absolute = token()
                    meta[name].append(dict(alt, absolute=absolute, link=LINK.format(token())))
            elif name == "regkb_feed":
                meta[name] = {field: token() for field in sorted(value)}
            elif name == "regkb_search":
                meta[name] = {part: {item_name: token() for item_name in value[part]} for part in ("filters", "meta")}
            elif isinstance(value, str):
                meta[name] = token()
            else:
                meta[name] = value
        return _StandIn(page, content=content, toc=[first], canonical_url=canonical, meta=meta,
                        _item=item, _skip=skip)

    def _shell(self, page: Any, values: dict) -> list[str | int] | None:
        stand_in = self._stand_in(page)
        html = self.env.get_template("main.html").render(dict(values, page=stand_in))
        items = self.toc_items([stand_in._item])
        if html.count(items) != 1 or html.count("<h1>" + TOKEN.format(0)) != 1:
            return None
        html = html.replace(items, TOKEN.format(1)).replace("<h1>" + TOKEN.format(0), TOKEN.format(0))
        html = html.replace(LINK.format(""), "")  # the alternates' links: a token each, as the others
        pieces: list[str | int] = []
        position = 0
        for match in TOKENS.finditer(html):
            pieces += [html[position:match.start()], int(match[1])]
            position = match.end()
        pieces.append(html[position:])
        return pieces
