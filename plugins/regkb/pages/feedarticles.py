"""The articles a version changes, as the feeds and the calendar carry them: one text line per
kind of change ('Articles modifiés : art. 7, art. 7bis'), and in Atom a link to each article's
page (`<link rel="related">`) and the same lists as linked HTML (`<content type="html">`).

The HTML is built with pages/html.py (escaped for HTML), then the whole of it is escaped again
as XML text by the feed's writer: an article heading can hold nothing that reaches the markup."""

from __future__ import annotations

from ..core.model import Document, Version
from ..core.urls import document_path, lang_prefix
from ..core.versionarticles import version_articles
from .context import SiteContext
from .html import element, html_format, html_join
from .labels import t
from .xmltext import xml_attr, xml_text


def article_lines(document: Document, version: Version, lang: str) -> list[str]:
    """'Articles modifiés : art. 7, art. 8', one line per kind of change (none for a first version)."""
    return [f"{t(lang, 'articles_' + status)} {', '.join(name for _anchor, name in articles)}"
            for status, articles in version_articles(document, version, lang).items() if articles]


def atom_articles(ctx: SiteContext, document: Document, version: Version, lang: str) -> list[str]:
    """Atom lines of an entry: a related link per article (its page, titled with its label),
    then the lists as HTML content, escaped as XML attribute values and text."""
    changes = version_articles(document, version, lang)
    if not any(changes.values()):
        return []
    page = ctx.site_url + lang_prefix(lang) + document_path(document)
    lines: list[str] = []
    items = []
    for status, articles in changes.items():
        if not articles:
            continue
        for anchor, name in articles:
            lines.append(f'    <link rel="related" type="text/html" href="{xml_attr(page + anchor + "/")}" title="{xml_attr(name)}"/>')
        links = html_join(", ", (element("a", name, href=page + anchor + "/") for anchor, name in articles))
        items.append(html_format("<li>{} {}</li>", t(lang, "articles_" + status), links))
    lines.append(f'    <content type="html">{xml_text(str(element("ul", items)))}</content>')
    return lines
