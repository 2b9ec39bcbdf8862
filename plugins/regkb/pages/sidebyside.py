"""French ‖ Dutch: a version's two texts aligned article by article (two columns on wide screens,
one after the other on phones), at `<version URL>/fr-nl/`.

Articles are paired by anchor (the same in both languages); the headings between two articles
by their rank there. A long view (`is_long_view`: a long text, or two texts that together pass
articlepage.LONG_TEXT_CHARS, as the real law of 1999 does) would make pages of megabytes: its
version pages show the units that version changed, and the version in force is shown whole, at
most CHUNK articles or CHUNK_CHARS of text a page, at `<text URL>/fr-nl/` (paged).
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.consolidate import Unit, changed_keys, units_of
from ..core.dates import format_date
from ..core.headings import heading_line
from ..core.model import Document, Text, Version
from ..core.urls import document_path, url_link, version_path
from .articlepage import LONG_TEXT_CHARS, SIDE_BY_SIDE, is_long
from .context import SiteContext
from ..core.legaltext import legal_markdown, restore_html
from .html import HTML, element, html_format, html_join, print_version
from .labels import t
from .paging import ListingPage
from .fragments import RELATIVE_REF
from .unithtml import version_units, without_heading
from ..catalogue import by_language

@dataclass
class Share:
    """What one language process of `regkb build` does for the FR ‖ NL pages. The pages are dealt
    out in turn to the processes (`deal`), so that each process takes half of the work, not the
    default language's all of it (its process was the build's last by about a second on the
    big text). For a page it is dealt, a process writes its own column and a placeholder for each
    cell of the other (`write`); for the other pages it computes its column's cells only
    (`collect`), from the units its own pages convert anyway; `regkb build` puts them in place
    (fill_cells). No unit is converted twice, and neither process converts the other language."""

    lang: str
    write: str | None = None
    collect: str | None = None
    cells: dict[str, dict[str, str]] = field(default_factory=dict)  # page file -> row id -> cell
    page: str = ""
    dealt: int = 0

    def deal(self, page: str) -> bool:
        """The next page, in the order both processes follow: True if this process writes it."""
        self.page = page
        mine = SHARED_LANGS[self.dealt % len(SHARED_LANGS)] == self.lang
        self.dealt += 1
        self.write, self.collect = (self.lang, None) if mine else (None, self.lang)
        return mine

    def columns(self) -> tuple[str, ...]:
        return (self.collect,) if self.collect else (self.write,) if self.write else ("fr", "nl")


SHARED_LANGS = ("fr", "nl")  # the languages of the FR ‖ NL pages, each with its process

PLACEHOLDER = "<!--regkb-sbs {column} {key}-->"  # never in a converted text: comments are stripped
PLACEHOLDERS = re.compile(r"<!--regkb-sbs ([a-z]{2}) ([^\s>]+)-->")


def fill_cells(html: str, column: str, cells: dict[str, str]) -> tuple[str, int]:
    """The page with the placeholders of `column` replaced by `cells`; the count of those left."""
    left = 0

    def cell(match: re.Match[str]) -> str:
        nonlocal left
        if match[1] == column and match[2] in cells:
            return cells[match[2]]
        left += 1
        return match[0]

    return PLACEHOLDERS.sub(cell, html), left


CHUNK = 60  # at most this many articles a page of a long view of the version in force,
CHUNK_CHARS = 300_000  # and about this much Markdown of both texts (about 450 KB of HTML)
NAMES = by_language("language_names")  # catalogue/<lang>.yml
L = by_language("side_by_side")  # catalogue/<lang>.yml
Row = tuple[str, Unit | None, Unit | None]  # (row id, French unit, Dutch unit): one at least


def _unit(row: Row) -> Unit:
    """The row's French unit, else its Dutch one."""
    unit = row[1] or row[2]
    assert unit is not None, "a row has a unit in one language at least"
    return unit


def sbs_path(document: Document, version: Version) -> str:
    return version_path(document, version) + SIDE_BY_SIDE


def has_side_by_side(document: Document, version: Version) -> bool:
    return "fr" in version.texts and "nl" in version.texts


def is_long_view(document: Document, version: Version) -> bool:
    """The view of `version` shows its changes only, the version in force paged: a long text, or
    two languages whose texts together would make a page over 1,000 KB (the law of 1999: 600,000
    characters a language, its whole view 1.7 MB)."""
    if is_long(document, version):
        return True
    fr, nl = version.texts.get("fr"), version.texts.get("nl")
    return fr is not None and nl is not None and fr.size + nl.size > LONG_TEXT_CHARS


def _paging(rows: list[Row]) -> tuple[list[int], dict[str, int]]:
    """The rows where each page of a long view starts, and the page of each article: a page ends
    after CHUNK articles or CHUNK_CHARS of Markdown (a definitions article of 70,000 characters
    a language weighs as much as a hundred short ones); a heading goes with the articles after it."""
    starts: list[int] = []
    pages: dict[str, int] = {}
    count = size = 0
    for index, row in enumerate(rows):
        weight = sum(len(unit.source) for unit in row[1:] if unit is not None)
        article = _unit(row).article
        if article is not None:
            if not starts or count == CHUNK or (count and size + weight > CHUNK_CHARS):
                starts.append(index)
                count = size = 0
            count += 1
            pages.setdefault(article.anchor, len(starts) - 1)
        size += weight
    for i, start in enumerate(starts):  # a chapter heading goes with the articles under it
        while start > 0 and _unit(rows[start - 1]).article is None:
            start -= 1
        starts[i] = start if i else 0
    return starts or [0], pages


def _current_rows(version: Version) -> list[Row]:
    return _rows(list(units_of(version.texts["fr"])), list(units_of(version.texts["nl"])))


def current_paths(document: Document, today: dt.date, cache: dict[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The pages of a long text's whole side-by-side view (the version in force)."""
    if cache is not None:
        if document.id not in cache:
            cache[document.id] = current_paths(document, today)
        return cache[document.id]
    version = document.current(today)
    if version is None or not has_side_by_side(document, version) or not is_long_view(document, version):
        return ()
    starts, _pages = _paging(_current_rows(version))
    return _chunk_paths(document, len(starts))


def _chunk_paths(document: Document, total: int) -> tuple[str, ...]:
    base = document_path(document) + SIDE_BY_SIDE
    return tuple(base if i == 0 else f"{base}page/{i + 1}/" for i in range(max(1, total)))


def article_sbs_link(ctx: SiteContext, document: Document, anchor: str,
                     version: Version | None = None) -> str | None:
    """Where an article stands in the side-by-side view of `version` (default: in force)."""
    version = version or document.current(ctx.today)
    if version is None or not has_side_by_side(document, version):
        return None
    if not is_long_view(document, version):
        return sbs_path(document, version)
    key = (document.id, version.key)
    found = ctx.caches.side_by_side_positions.get(key)
    if found is None:  # once per text and version, not once per article page
        starts, pages = _paging(_current_rows(version))
        found = ctx.caches.side_by_side_positions[key] = (len(starts), pages)
    total, pages = found
    if anchor not in pages:
        return None
    return _chunk_paths(document, total)[pages[anchor]]


def _row_ids(units: list[Unit] | tuple[Unit, ...]) -> Iterator[tuple[str, Unit]]:
    """(row id, unit) in order: an article's anchor, a heading the article before it and its rank
    ("art-7-h1"), the preamble "preamble". One light pass, nothing kept."""
    after, rank = "start", 0
    for unit in units:
        if unit.article is not None:
            after, rank = unit.article.anchor, 0
            yield after, unit
        else:
            rank += 1
            yield (f"{after}-h{rank}" if unit.key != "preamble" else "preamble"), unit


def _rows(fr: list[Unit] | tuple[Unit, ...], nl: list[Unit] | tuple[Unit, ...],
          only: set[str] | None = None) -> list[Row]:
    """(row id, French unit, Dutch unit), in the French order; Dutch-only units after their
    predecessor. With `only`: the rows whose unit key (the French one, else the Dutch one) or
    row id is in it, the others not made."""
    if only is None:
        right = dict(_row_ids(nl))
        rows: list[Row] = [(key, unit, right.pop(key, None)) for key, unit in _row_ids(fr)]
        rows += [(key, None, unit) for key, unit in right.items()]
        return rows
    # a version's changes: one light pass per language (a heading's row id depends on the article
    # before it), the rows made for the changed units only
    ids: set[str] = set()
    left = []
    for key, unit in _row_ids(fr):
        ids.add(key)
        if unit.key in only or key in only:
            left.append((key, unit))
    chosen = {key for key, _unit in left}
    dutch: dict[str, Unit] = {}
    for key, unit in _row_ids(nl):  # the Dutch units of the chosen rows, and the changed Dutch-only ones
        if key in chosen or (key not in ids and (unit.key in only or key in only)):
            dutch[key] = unit
    rows = [(key, unit, dutch.pop(key, None)) for key, unit in left]
    rows += [(key, None, unit) for key, unit in dutch.items()]
    return rows


def _depth(unit: Unit | None) -> int:
    """The Markdown level of the heading a unit starts with (0: none, the preamble)."""
    if unit is None or unit.key == "preamble":
        return 0
    match = heading_line(unit.source.partition("\n")[0])
    return len(match.hashes) if match else 0


def _levels(rows: list[Row]) -> dict[tuple[str, str], int]:
    """The heading level of each cell of a page, (row id, column) -> 2..6, in reading order (each
    row's French cell, then its Dutch one). In each column a heading is an h2 under the page's
    h1 plus one level per heading above it still open (a shallower Markdown level), so that no
    heading is more than one level below the one before it: a page of a long view shows changed
    articles without the chapters and sections above them, a text may start with a section or
    leave one out; siblings keep one level. Two columns of the same structure get the same
    levels; where they differ, a cell is at most one level below the cell read before it. Both
    processes of `regkb build` compute it from the same rows, so the cells one fills into the
    other's page fit."""
    levels: dict[tuple[str, str], int] = {}
    open_: dict[str, list[int]] = {"fr": [], "nl": []}  # Markdown levels of the headings still open
    previous = 1
    for key, fr, nl in rows:
        for column, unit in (("fr", fr), ("nl", nl)):
            depth = _depth(unit)
            if not depth:
                continue
            stack = open_[column]
            while stack and stack[-1] >= depth:
                stack.pop()
            level = min(len(stack) + 2, previous + 1, 6)
            stack.append(depth)
            levels[key, column] = previous = level
    return levels


def _cell(ctx: SiteContext, unit: Unit | None, lang: str, column: str, src: str,
          citing: tuple[Version, Document] | None = None,
          converted: dict[str, tuple[Unit, str]] | None = None, level: int = 2) -> HTML:
    if unit is None:
        return html_format('<div class="regkb-sbs-cell" lang="{}"><p><em>{}</em></p></div>', column, L[lang]["missing"])
    first, _, rest = unit.source.partition("\n")
    match = heading_line(first) if unit.key != "preamble" else None
    head = HTML()
    if match:
        head = html_format('<h{0} class="regkb-sbs-head">{1}</h{0}>', level, match.text)
        # an article: the same Markdown as on its page (converted once for both)
        body = unit.article.text if unit.article is not None else rest
    else:
        body = unit.source
    if converted is not None and unit.key in converted:  # the unit as its version's pages have it
        html = converted[unit.key][1]
        html = _moved(without_heading(html) if head else html, column, src, citing[1] if citing else None)
    else:
        html = _cell_html(ctx, body, column, src, citing)
    # html: the unit converted from the author's Markdown (kept); one template per cell (hot path)
    return html_format('<div class="regkb-sbs-cell" lang="{}">{}{}</div>', column, head, HTML(html))


def _cell_html(ctx: SiteContext, body: str, column: str, src: str,
               citing: tuple[Version, Document] | None = None) -> str:
    """A cell's text as HTML. An unchanged article is in the view of every version: a text
    without a link (no `[`, no `<`) gives the same HTML on every page, kept for the build
    (key: the text), so it is prepared and looked up once, not once per version. Its `ref:`
    links resolve on the days of the version shown (`citing`), as on that version's own page."""
    key = (body, column, src if "[" in body or "<" in body else "")
    cells = ctx.caches.side_by_side_cells
    html = cells.get(key)
    if html is None:
        html = (restore_html(ctx.fragments.convert(legal_markdown(ctx.links(body, column, src, *(citing or ())), column)), column)
                if body.strip() else "")
        if column != "fr" and "href=" in html:  # this page is outside /nl/: its Dutch links lead there
            html = _into_lang(html, src.rsplit("/", 1)[0] + "/", column)
        if not key[2]:
            cells[key] = html
    return html


def _moved(html: str, column: str, src: str, document: Document | None) -> str:
    """A unit's HTML written for the stable page (`<text URL>/`, in `column`'s tree), for this
    page, some folders down (`<text URL>/<version>/fr-nl/`, `<text URL>/fr-nl/page/2/`), outside
    /nl/."""
    below = src.count("/") - (document_path(document).count("/") if document else 0)
    html = RELATIVE_REF.sub(r"\1" + "../" * below, html) if below > 0 else html
    if column != "fr" and "href=" in html:
        html = _into_lang(html, src.rsplit("/", 1)[0] + "/", column)
    return html


RELATIVE_HREF = re.compile(r'(\shref=")(?!#|/|[a-zA-Z][a-zA-Z0-9+.-]*:)([^"]*)"')


def _into_lang(html: str, path: str, lang: str) -> str:
    """Relative links written for `path` (in the default language's tree), led to `lang`'s."""
    up = "../" * path.rstrip("/").count("/") + "../"

    def move(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(path, match.group(2)))
        suffix = "/" if match.group(2).endswith("/") or "/#" in match.group(2) else ""
        if "#" in target:
            base, _, anchor = target.partition("#")
            target = base.rstrip("/") + "/#" + anchor
            suffix = ""
        return f'{match.group(1)}{up}{lang}/{target}{suffix}"'

    return RELATIVE_HREF.sub(move, html)


def _table(ctx: SiteContext, rows: list[Row], lang: str, src: str, citing: tuple[Version, Document] | None = None,
           converted: dict[str, dict[str, tuple[Unit, str]]] | None = None, share: Share | None = None) -> HTML:
    converted = converted or {}
    levels = _levels(rows)
    if share is not None and share.collect:  # the cells of one column, for the other process's page
        collected = share.cells.setdefault(share.page, {})
        for key, fr, nl in rows:
            unit = fr if share.collect == "fr" else nl
            if unit is not None:
                collected[key] = _cell(ctx, unit, lang, share.collect, src, citing, converted.get(share.collect),
                                       levels.get((key, share.collect), 2))
        return HTML()
    names = NAMES[lang]
    out = [html_format('<div class="regkb-sbs" role="region" aria-label="{}">', L[lang]["link"]),
           html_format('<div class="regkb-sbs-row regkb-sbs-labels" aria-hidden="true"><div>{}</div><div>{}</div></div>',
                       names["fr"], names["nl"])]
    for key, fr, nl in rows:
        cells: list[HTML] = []
        for column, unit in (("fr", fr), ("nl", nl)):
            if share is not None and share.write and column != share.write and unit is not None:
                cells.append(HTML(PLACEHOLDER.format(column=column, key=key)))  # key: an anchor (PLACEHOLDERS)
            else:
                cells.append(_cell(ctx, unit, lang, column, src, citing, converted.get(column),
                                   levels.get((key, column), 2)))
        out.append(html_format('<div class="regkb-sbs-row" id="{}">{}</div>', key, html_join("", cells)))
    out.append(HTML("</div>"))
    return html_join("\n", out)


def _document(ctx: SiteContext, document: Document, version: Version, path: str, body: list[HTML]) -> str:
    """A bilingual static page: French chrome with the Dutch parts marked `lang="nl"`."""
    up = "../" * path.rstrip("/").count("/") + ("../" if path else "")
    date = {lang: format_date(version.in_force, lang) for lang in ("fr", "nl")}
    title_fr = L["fr"]["title"].format(doc=document.short_title("fr"), date=date["fr"])
    title_nl = L["nl"]["title"].format(doc=document.short_title("nl"), date=date["nl"])
    back = html_format('<nav aria-label="Version · Versie"><p>{} · {}</p></nav>',
                       element("a", t("fr", "version_of", date=date["fr"]), href=url_link(path, version_path(document, version))),
                       element("a", t("nl", "version_of", date=date["nl"]), lang="nl",
                               href=f"{up}nl/{version_path(document, version)}"))
    return html_format('<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
                       '<meta name="viewport" content="width=device-width,initial-scale=1">'
                       '<title>{fr}</title><link rel="stylesheet" href="{up}assets/regkb/regkb.css">'
                       '<script src="{up}assets/regkb/regkb.js" defer></script></head>'
                       '<body class="regkb-sbs-doc"><header>{back}</header><main>'
                       '<h1>{fr} <span lang="nl">‖ {nl}</span></h1>{body}</main>{paper}</body></html>\n',
                       fr=title_fr, nl=title_nl, up=up, back=back, body=html_join("\n", body),
                       paper=_on_paper(ctx, version, path))


def _on_paper(ctx: SiteContext, version: Version, path: str) -> HTML:
    """What the themed pages print below the text (main.html), in both languages: the page's
    address, the version's dates, the day the reader consulted it (regkb.js) and the site's."""
    address = ctx.site_url + path
    lines = []
    for lang in SHARED_LANGS:
        own = None if lang == "fr" else lang
        lines.append(html_join("", [
            element("p", t(lang, "print_url") + address, lang=own),
            element("p", print_version(version, lang), lang=own),
            element("p", html_format("{}<time></time>", t(lang, "print_consulted")), lang=own,
                    data_regkb_consulted=True, hidden=True),
            element("p", html_format("{}{}", t(lang, "print_state"),
                                     element("time", format_date(ctx.today, lang), datetime=ctx.today.isoformat())),
                    lang=own)]))
    return element("footer", html_join("", lines), class_="regkb-print-url")


def side_by_side_files(ctx: SiteContext, share: Share | None = None) -> dict[str, str]:
    """{neutral path: HTML}: the FR ‖ NL view of every version of every bilingual text, written
    once (it is the same page for readers of either language): one static page per version,
    outside the themed pages, its cells the units its versions' pages convert (unithtml.py).
    With a `share`, the pages one process of `regkb build` writes (see Share)."""
    out: dict[str, str] = {}
    documents = [d for d in sorted(ctx.corpus, key=lambda d: d.id) if d.kind.spec.versioned and d.meta]
    for document in documents:
        for version in document.versions:
            if not has_side_by_side(document, version):
                continue
            view = _version_view(document, version)
            for index in range(len(view.page.paths)):
                name = view.page.paths[index] + "index.html"
                if share is not None:
                    share.deal(name)
                html = side_by_side_page(ctx, document, version, share, view, index)
                if share is None or share.write:
                    out[name] = html
        paths = current_paths(document, ctx.today, ctx.caches.side_by_side_paths)
        for index in range(len(paths)):
            name = paths[index] + "index.html"
            if share is not None:
                share.deal(name)
            html = current_side_by_side(ctx, document, ListingPage(paths, index), share)
            if share is None or share.write:
                out[name] = html
        ctx.caches.side_by_side_cells.clear()  # a text's versions share its cells, other texts rarely
    return out


@dataclass(frozen=True)
class VersionView:
    """A version's FR ‖ NL pages: one with the whole text, or, for a long view, its changed rows
    on pages of CHUNK articles or CHUNK_CHARS at most (a version that rewrites most of a long
    text, such as one nine years after the previous, changes megabytes)."""

    page: ListingPage
    rows: list[Row] | None = None  # a long view's changed rows
    starts: tuple[int, ...] = (0,)  # where each of its pages starts in them

    def rows_of(self, index: int) -> list[Row] | None:
        if self.rows is None:
            return None
        bounds = self.starts + (len(self.rows),)
        return self.rows[bounds[index]:bounds[index + 1]]


def _version_view(document: Document, version: Version) -> VersionView:
    base = sbs_path(document, version)
    if not is_long_view(document, version):
        return VersionView(ListingPage((base,), 0))
    rows = _changed_rows(document, version, version.texts["fr"], version.texts["nl"])
    starts, _pages = _paging(rows)
    paths = tuple(base if i == 0 else f"{base}page/{i + 1}/" for i in range(len(starts)))
    return VersionView(ListingPage(paths, 0), rows, tuple(starts))


def side_by_side_page(ctx: SiteContext, document: Document, version: Version, share: Share | None = None,
                      view: VersionView | None = None, index: int = 0) -> str:
    view = view or _version_view(document, version)
    page = ListingPage(view.page.paths, index)
    path = page.path
    src = path + "index.md"
    fr, nl = version.texts["fr"], version.texts["nl"]
    parts: list[HTML] = []
    converted = None
    rows = view.rows_of(index)
    if rows is not None:
        converted = _still_in_force(ctx, document, rows, share)
        whole = current_paths(document, ctx.today, ctx.caches.side_by_side_paths)
        date = format_date(version.in_force, "fr")
        link = html_format(" {}", element("a", L["fr"]["whole"], href=url_link(path, whole[0]))) if whole else HTML()
        parts.append(html_format("<p>{}{}</p>", L["fr"]["only_changes"].format(date=date), link))
    else:
        parts.append(html_format('<p>{} <span lang="nl">{}</span></p>', L["fr"]["intro"], L["nl"]["intro"]))
        rows = _rows(list(units_of(fr)), list(units_of(nl)))
        converted = _converted(ctx, document, version, share)
    parts.append(_table(ctx, rows, "fr", src, (version, document), converted, share))
    parts.append(page.pager("fr"))
    return _document(ctx, document, version, path, parts)


def _converted(ctx: SiteContext, document: Document, version: Version,
               share: Share | None) -> dict[str, dict[str, tuple[Unit, str]]]:
    """Each column's units as its version and article pages convert them (unithtml.py)."""
    converted: dict[str, dict[str, tuple[Unit, str]]] = {}
    for column in share.columns() if share is not None else ("fr", "nl"):
        units = version_units(ctx, document, version, column)
        if units is not None:
            converted[column] = units
    return converted


def _still_in_force(ctx: SiteContext, document: Document, rows: list[Row],
                    share: Share | None) -> dict[str, dict[str, tuple[Unit, str]]] | None:
    """Of a long text's changed units, those still in force: their HTML as the version in force
    converts it (its pages and its whole FR ‖ NL view have it), so a changed article is converted
    once, not once more for the view of the version that changed it. Only units the same on
    every page: no link or marker (`[`, `<`: links resolve on the days of the version shown),
    no heading inside (ids are made unique over the whole text)."""
    current = document.current(ctx.today)
    if current is None or not rows:
        return None
    out: dict[str, dict[str, tuple[Unit, str]]] = {}
    for column, units in _converted(ctx, document, current, share).items():
        place = 1 if column == "fr" else 2
        same = {}
        for row in rows:
            unit = row[1] if place == 1 else row[2]
            if unit is not None and unit.key in units and units[unit.key][0] is unit \
                    and "[" not in unit.source and "<" not in unit.source and "\n#" not in unit.source:
                same[unit.key] = units[unit.key]
        out[column] = same
    return out


def _changed_rows(document: Document, version: Version, fr: Text, nl: Text) -> list[Row]:
    previous = document.previous(version)
    if previous is None:  # the first version of a long text: the whole view is paged
        return []
    keys: set[str] = set()
    for lang, text in (("fr", fr), ("nl", nl)):
        old = previous.texts.get(lang)
        found = changed_keys(old, text) if old is not None else None
        if found is None:  # a whole-text version of a long text: compare the articles
            before = {a.anchor: a.text for a in old.articles} if old is not None else {}
            found = {a.anchor for a in text.articles if before.get(a.anchor) != a.text}
        keys |= found
    return _rows(units_of(fr), units_of(nl), keys)


def current_side_by_side(ctx: SiteContext, document: Document, page: ListingPage, share: Share | None = None) -> str:
    """A page of a long view of the version in force (`_paging`)."""
    version = document.current(ctx.today)
    assert version is not None, "a long text's current view exists only with a version in force (current_paths)"
    path = page.path
    src = path + "index.md"
    rows = _current_rows(version)
    starts, _pages = _paging(rows)
    bounds = starts + [len(rows)]
    chunk = rows[bounds[page.index]:bounds[page.index + 1]] if page.index + 1 < len(bounds) else []
    converted = _converted(ctx, document, version, share)
    return _document(ctx, document, version, path, [_table(ctx, chunk, "fr", src, (version, document), converted, share),
                                                    page.pager("fr")])


def sbs_href(path: str, target: str, lang: str, anchor: str = "") -> str:
    """A link from a page of `lang` to a side-by-side page (written once, outside /nl/)."""
    if lang == "fr":
        return url_link(path, target, anchor)
    return "../" * (path.rstrip("/").count("/") + 2) + target + (f"#{anchor}" if anchor else "")


def sbs_link(document: Document, version: Version, lang: str, path: str) -> str:
    """The link to a version's side-by-side view, for its document and version pages."""
    if not has_side_by_side(document, version):
        return ""
    return element("a", L[lang]["link"], href=sbs_href(path, sbs_path(document, version), lang))



CELLS_FILE = "side-by-side-cells-{column}.json"  # a language's cells of the pages the other wrote (`regkb build`)


def shared_files(ctx: SiteContext, lang: str) -> dict[str, str]:
    """What the process of `lang` writes of the FR ‖ NL pages in `regkb build` (see Share): the
    pages dealt to it, and its cells of the others as JSON, which `regkb build` puts into them."""
    if lang not in SHARED_LANGS:
        return {}
    share = Share(lang=lang)
    out = side_by_side_files(ctx, share)
    out[CELLS_FILE.format(column=lang)] = json.dumps(share.cells, ensure_ascii=False)
    return out
