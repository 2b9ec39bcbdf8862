"""Small HTML helpers for the generated pages (escaped by default).

Pages build their markup with `element` (a tag), `html_format` (a literal template) and
`html_join`: every value they are given is escaped unless it is marked as HTML (an `HTML`
string, which these helpers return, or a markupsafe.Markup), so a source value cannot reach the
page as markup by mistake. Other contexts have their own helper: `esc` (a value in hand-written
markup), `script_json` (JSON inside a <script> element: JSON-LD, page data), `safe_meta` (the
values MkDocs' templates print as HTML: title, description). Feeds and calendars have theirs in
pages/feeds.py.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from ..core.dates import format_date
from ..core.limits import INVISIBLE
from ..core.model import Document, Status, Version
from .labels import t


class HTML(str):
    """Markup built by these helpers (or converted from an author's Markdown): kept as it is by
    `element`, `html_format`, `html_join`, `esc` and markupsafe (`__html__`); any other value
    given to them is escaped. A plain str otherwise: joined with text it gives a plain str again,
    never silently escaped (markupsafe.Markup's `+` escapes the other side), so code that still
    builds strings keeps its output."""

    __slots__ = ()

    def __html__(self) -> str:
        return self


def esc(value: object) -> str:
    """Text or attribute value, escaped; a value marked as HTML (HTML, markupsafe.Markup: a
    sanitized text, an element()) is kept as it is, so nothing is escaped twice or forgotten."""
    if isinstance(value, (HTML, Markup)):
        return str(value)
    return html.escape(str(value), quote=True)


def _html(value: object) -> str:
    """`value` as HTML: kept when marked as such, else escaped (as esc, with html.escape's
    entities, so that pages converted to the builder keep their bytes)."""
    if isinstance(value, HTML):
        return value
    if isinstance(value, Markup):
        return str(value)
    return html.escape(value if isinstance(value, str) else str(value), quote=True)


_ATTRIBUTE_NAMES: dict[str, str] = {}  # class_ -> class, data_regkb_status -> data-regkb-status
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta"})


def element(tag: str, content: object = "", /, **attributes: object) -> HTML:
    """<tag attr="...">content</tag>: attribute values and a plain-text content escaped, content
    marked as HTML kept; a list or tuple content is its children, each treated so. An attribute
    True is written bare (`data-pagefind-ignore`), None or False is left out; `class_` for class,
    `_` for `-`. Void elements (input, br...) get no content and no end tag.

    It runs on tens of thousands of pages, so it does no more than that: about 3.3 µs a link,
    against 2.0 µs for the f-string with esc() it replaces and 5.3 µs for markupsafe's
    Markup.format (best of 5 x 200,000 calls on the 2-core dev machine)."""
    attrs = ""
    for name, value in attributes.items():
        if value is None or value is False:
            continue
        attr = _ATTRIBUTE_NAMES.get(name)
        if attr is None:
            attr = _ATTRIBUTE_NAMES[name] = name.rstrip("_").replace("_", "-")
        attrs += f" {attr}" if value is True else f' {attr}="{_html(value)}"'
    if tag in _VOID:
        return HTML(f"<{tag}{attrs}>")
    inner = "".join(map(_html, content)) if isinstance(content, (list, tuple)) else _html(content)
    return HTML(f"<{tag}{attrs}>{inner}</{tag}>")


def html_format(template: str, /, *values: object, **named: object) -> HTML:
    """`template` (a literal of the code: trusted markup) with its `{}` fields filled, each value
    escaped unless marked as HTML: the f-string of a page, escaped by default."""
    return HTML(template.format(*map(_html, values), **{key: _html(value) for key, value in named.items()}))


def html_join(separator: str, parts: Iterable[object]) -> HTML:
    """`parts` joined by `separator` (trusted markup), each part escaped unless marked as HTML."""
    return HTML(separator.join(map(_html, parts)))


def in_lang(document: Document, lang: str, text_html: str) -> HTML:
    """Text of `document` shown on a `lang` page, marked with its own language when it is the
    fallback (WCAG 3.1.2: screen readers then read a French title on a Dutch page in French)."""
    shown = document.text_lang(lang)
    return HTML(text_html) if shown == lang else element("span", HTML(text_html), lang=shown)


def own_lang(document: Document, lang: str) -> str | None:
    """The `lang` attribute for `document`'s own words on a `lang` page: None when it has that
    language, else the fallback's (a French label or summary on a Dutch page)."""
    shown = document.text_lang(lang)
    return None if shown == lang else shown


def doc_words(document: Document, lang: str, value: object) -> HTML:
    """A value in `document`'s own words (title, institution, version label, amending act) on a
    `lang` page: escaped, marked with its language when that is the fallback's (in_lang)."""
    return in_lang(document, lang, esc(value))


def marked_title(title: str, document: Document, lang: str, *own: str) -> dict[str, str]:
    """`{"regkb_title_html": ...}` for the meta of a page whose title quotes `document`'s words
    (`own`: its short title, an article's name) in the fallback language: the header shows the
    title with those words marked (partials/header.html); nothing for a text in `lang`."""
    shown = own_lang(document, lang)
    if shown is None:
        return {}
    marked = str(escape(title))
    for part in own:
        quoted = str(escape(part))
        if part and quoted in marked:
            marked = marked.replace(quoted, f'<span lang="{shown}">{quoted}</span>', 1)
    return {"regkb_title_html": marked}


def date_html(day: dt.date | None, lang: str) -> HTML:
    if day is None:
        return HTML()
    return element("time", format_date(day, lang), datetime=day.isoformat())


def status_key(document: Document, status: Status) -> str:
    if status is Status.REPEALED and document.kind.spec.has_term:
        return "status.expired"
    return f"status.{status.value}"


def badge(document: Document, version: Version, status: Status, lang: str) -> HTML:
    """A status badge that carries its dates, so the page script can recompute it for the
    reader's day; without JavaScript the build-day status shows."""
    return element("span", t(lang, status_key(document, status)), class_=f"regkb-status regkb-status--{status.value}",
                   data_regkb_status=True, data_from=version.in_force.isoformat(),
                   data_until=version.end.isoformat() if version.end else "",
                   data_repealed=document.repealed.isoformat() if document.repealed else "",
                   data_kind=document.kind.value)


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: object) -> str:
    """JSON to print inside <script>: '<', '>' and '&' as \\u escapes, so no value can close the
    element (`</script>`) or open a comment (`<!--`) that swallows the rest of the page."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_UNSAFE)


def json_script(element_id: str, data: object) -> HTML:
    return element("script", HTML(script_json(data)), type="application/json", id=element_id)


# Page metadata that Material's templates print as HTML, unescaped: <title>, the header, the
# navigation, <meta name="description" content="...">, the feed link.
HTML_META = ("title", "description", "author")


def print_version(version: Version, lang: str) -> HTML:
    """The dates of the version a page shows, for its printed footer (main.html): a printed page
    must say which text it is, long after it was printed. Escaped (the shell prints it as is)."""
    start = format_date(version.in_force, lang)
    if version.end is None:
        return HTML(esc(t(lang, "print_version", date=start)))
    last = format_date(version.end - dt.timedelta(days=1), lang)
    return HTML(esc(t(lang, "print_version_until", date=start, end=last)))


def safe_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """`meta` with its plain-text values escaped for the templates (Markup values are kept:
    already HTML). Idempotent."""
    out = dict(meta)
    for key in HTML_META:
        value = out.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            value = INVISIBLE.sub("", value)  # reported by the check (a hand-written page's front matter)
            out[key] = escape(" ".join(value.split()) if key != "title" else value)
        elif value is not None and not isinstance(value, str):
            out[key] = escape(str(value))
    feed = out.get("regkb_feed")
    if isinstance(feed, dict):
        out["regkb_feed"] = {k: v if isinstance(v, Markup) else escape(str(v)) for k, v in feed.items()}
    return out


def notice(kind: str, body_html: str, extra: str = "") -> str:
    """An admonition-styled notice in raw HTML (works inside md_in_html blocks); `extra`: more
    attributes, as markup. A str: SiteContext collects notices as list[str] (pages mark them)."""
    return f'<div class="admonition {kind} regkb-notice"{extra}><p>{body_html}</p></div>'


def link(from_src: str, to_path: str, label: str, anchor: str = "") -> str:
    """A link from a page (by its source name) to a site path, in the page's Markdown.

    Generated pages get a final relative `<a href>`: their targets come from the corpus, already
    checked by the core, so MkDocs need not look each one up again (a per-link file search that
    cost a tenth of the build). Hand-written pages (`fr/...`, `nl/...`) keep a Markdown link to the
    target's source, which MkDocs resolves and validates.
    """
    from ..core.urls import md_link, url_link

    if from_src.split("/", 1)[0] in ("fr", "nl"):
        return f"[{label}]({md_link(from_src, to_path, anchor)})"
    directory = from_src.rsplit("/", 1)[0] + "/" if "/" in from_src else ""
    return element("a", label, href=url_link(directory, to_path, anchor))


def href(from_path: str, to_path: str, label_html: str, anchor: str = "") -> HTML:
    """A final relative link from a generated page (by its path, 'a/b/') to a site path."""
    from ..core.urls import url_link

    return element("a", HTML(label_html), href=url_link(from_path, to_path, anchor))


def heading(level: int, text_html: str, anchor: str | None = None, toc: bool = True) -> HTML:
    """A heading of a generated page. Without an anchor, the id Python-Markdown's toc would give
    it (the same slug), so links and the table of contents behave as for Markdown headings;
    toc=False keeps it out of the table of contents (see toc.py)."""
    from .toc import NOTOC, slug

    return element(f"h{level}", HTML(text_html), id=anchor or slug(text_html), class_=None if toc else NOTOC)


def items(lines: Sequence[str], cls: str = "") -> HTML:
    """A bulleted list of HTML items."""
    if not lines:
        return HTML()
    return element("ul", [element("li", HTML(line)) for line in lines], class_=cls or None)
