"""The sitemap: every page in every language, each with its `hreflang` alternates.

static-i18n's sitemap only knows the pages MkDocs found on disk; ours is written once, from the
neutral paths of all pages (generated and hand-written), since every page exists at the same path
in each language. No `lastmod`: the build date is not the date a text changed, and leaving it out
keeps two builds of the same sources identical.
"""

from __future__ import annotations

from typing import Iterable
from ..core.kinds import DEFAULT_LANG, LANGS
from ..core.urls import lang_prefix
from .xmltext import xml_attr, xml_text


def sitemap_xml(paths: Iterable[str], site_url: str, langs: Iterable[str] = LANGS) -> str:
    """The sitemap.xml text for the neutral page paths ('' for home, 'regulations/x/', ...)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    langs = list(langs)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in sorted(set(paths)):
        urls = {lang: base + lang_prefix(lang) + path for lang in langs}
        alternates = [f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{xml_attr(urls[lang])}"/>' for lang in langs]
        alternates.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{xml_attr(urls[DEFAULT_LANG])}"/>')
        for lang in langs:
            lines.append("  <url>")
            lines.append(f"    <loc>{xml_text(urls[lang])}</loc>")
            lines.extend(alternates)
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def neutral_path(url: str, lang: str) -> str:
    """A page URL without its language prefix ('nl/faq/' -> 'faq/'; './' and '' -> '')."""
    prefix = lang_prefix(lang)
    if prefix and url.startswith(prefix):
        url = url[len(prefix):]
    return "" if url in ("./", ".") else url

