"""Small HTML helpers for the generated pages (escaped by default).

Source values reach HTML through one of these, each for its context: `esc` (text and attribute
values), `script_json` (JSON inside a <script> element: JSON-LD, page data), `safe_meta` (the
values MkDocs' templates print as HTML: title, description), `element` (a tag whose text and
attributes are escaped unless marked as HTML with markupsafe.Markup). Feeds and calendars have
theirs in pages/feeds.py.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any, Mapping

from markupsafe import Markup, escape

from ..core.dates import format_date
from ..core.model import Document, Status, Version
from .labels import t


def esc(value: object) -> str:
    """Text or attribute value, escaped; a value marked as HTML (markupsafe.Markup: a sanitized
    text, an element()) is kept as it is, so nothing is escaped twice or forgotten."""
    if isinstance(value, Markup):
        return str(value)
    return html.escape(str(value), quote=True)


def in_lang(document: Document, lang: str, text_html: str) -> str:
    """Text of `document` shown on a `lang` page, marked with its own language when it is the
    fallback (WCAG 3.1.2: screen readers then read a French title on a Dutch page in French)."""
    shown = document.text_lang(lang)
    return text_html if shown == lang else f'<span lang="{shown}">{text_html}</span>'


def date_html(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    return f'<time datetime="{day.isoformat()}">{esc(format_date(day, lang))}</time>'


def status_key(document: Document, status: Status) -> str:
    if status is Status.REPEALED and document.kind.value == "convention":
        return "status.expired"
    return f"status.{status.value}"


def badge(document: Document, version: Version, status: Status, lang: str) -> str:
    """A status badge that carries its dates, so the page script can recompute it for the
    reader's day; without JavaScript the build-day status shows."""
    until = version.end.isoformat() if version.end else ""
    repealed = document.repealed.isoformat() if document.repealed else ""
    return (f'<span class="regkb-status regkb-status--{status.value}" data-regkb-status '
            f'data-from="{version.in_force.isoformat()}" data-until="{until}" data-repealed="{repealed}" '
            f'data-kind="{document.kind.value}">{esc(t(lang, status_key(document, status)))}</span>')


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: object) -> str:
    """JSON to print inside <script>: '<', '>' and '&' as \\u escapes, so no value can close the
    element (`</script>`) or open a comment (`<!--`) that swallows the rest of the page."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_UNSAFE)


def json_script(element_id: str, data: object) -> str:
    return f'<script type="application/json" id="{esc(element_id)}">{script_json(data)}</script>'


# Page metadata that Material's templates print as HTML, unescaped: <title>, the header, the
# navigation, <meta name="description" content="...">, the feed link.
HTML_META = ("title", "description", "author")


def safe_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """`meta` with its plain-text values escaped for the templates (Markup values are kept:
    already HTML). Idempotent."""
    out = dict(meta)
    for key in HTML_META:
        value = out.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            out[key] = escape(" ".join(value.split()) if key != "title" else value)
        elif value is not None and not isinstance(value, str):
            out[key] = escape(str(value))
    feed = out.get("regkb_feed")
    if isinstance(feed, dict):
        out["regkb_feed"] = {k: v if isinstance(v, Markup) else escape(str(v)) for k, v in feed.items()}
    return out


def element(tag: str, content: object = "", /, **attributes: object) -> Markup:
    """<tag attr="...">content</tag>, every attribute value and a plain-text content escaped;
    content marked as Markup (a sanitized text, another element) is kept. `class_` for class."""
    attrs = "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"'
                    for name, value in attributes.items() if value is not None)
    return Markup(f"<{tag}{attrs}>{escape(content)}</{tag}>")


def notice(kind: str, body_html: str, extra: str = "") -> str:
    """An admonition-styled notice in raw HTML (works inside md_in_html blocks)."""
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
    return f'<a href="{esc(url_link(directory, to_path, anchor))}">{esc(label)}</a>'


def href(from_path: str, to_path: str, label_html: str, anchor: str = "") -> str:
    """A final relative link from a generated page (by its path, 'a/b/') to a site path."""
    from ..core.urls import url_link

    return f'<a href="{esc(url_link(from_path, to_path, anchor))}">{label_html}</a>'


def heading(level: int, text_html: str, anchor: str | None = None, toc: bool = True) -> str:
    """A heading of a generated page. Without an anchor, the id Python-Markdown's toc would give
    it (the same slug), so links and the table of contents behave as for Markdown headings;
    toc=False keeps it out of the table of contents (see toc.py)."""
    from .toc import NOTOC, slug

    cls = f' class="{NOTOC}"' if not toc else ""
    return f'<h{level} id="{esc(anchor or slug(text_html))}"{cls}>{text_html}</h{level}>'


def items(lines: list[str], cls: str = "") -> str:
    """A bulleted list of HTML items."""
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" if lines else ""
