"""The page that shows what changed between two consecutive versions, article by article.

Every line of both texts is compared (articles, and the text between them: titles of chapters
and sections, preamble, annexes, signatures; see articles.split_blocks). A changed article shows
its changed paragraphs with one paragraph of context around each; unchanged articles are listed,
each linked to its text in the version: the page's size follows the change, not the text.
"""

from __future__ import annotations

from functools import partial

from ..core.articles import Article, Block, split_blocks
from ..core.dates import format_date
from ..grammar import article_number
from ..core.headings import heading_line
from ..core.diff import align, paragraphs, runs_to_html, stats, with_context
from ..core.legaltext import escaped_notes
from ..core.model import Document, Version
from ..core.urls import diff_path, version_path, url_link
from .context import SiteContext
from .html import HTML, element, esc, heading, html_format, html_join, in_lang, marked_title, print_version
from .labels import t
from .links import plain_refs



def diff_page(ctx: SiteContext, document: Document, version: Version, lang: str) -> tuple[str, str, dict]:
    previous = document.previous(version)
    assert previous is not None, f"{document.id} {version.key}: a diff page needs a previous version"
    path = diff_path(document, version)
    text_lang = document.text_lang(lang)
    new = version.texts.get(text_lang) or next(iter(version.texts.values()))
    old = previous.texts.get(new.lang) or next(iter(previous.texts.values()))
    from .articlediff import delta_changes  # consolidated texts: only the articles the version changed

    changes = delta_changes(ctx, old, new, lang)
    if changes is None:
        changes = align(_plain(ctx, old, lang), _plain(ctx, new, lang))
    counts = stats(changes)
    title = f"{document.short_title(lang)} – {t(lang, 'diff_title', date=format_date(version.in_force, lang))}"
    ins_label, del_label = t(lang, "diff_ins_marker"), t(lang, "diff_del_marker")
    new_page, old_page = version_path(document, version), version_path(document, previous)
    parts = [heading(1, html_format("{} – {}", in_lang(document, lang, esc(document.short_title(lang))),
                                    t(lang, "diff_title", date=format_date(version.in_force, lang))))]
    parts += map(HTML, ctx.top_notices(document, lang, path))
    intro = t(lang, "diff_intro", old=format_date(previous.in_force, lang), new=format_date(version.in_force, lang))
    links = html_format("{} → {}", element("a", format_date(previous.in_force, lang), href=url_link(path, old_page)),
                        element("a", format_date(version.in_force, lang), href=url_link(path, new_page)))
    stats_line = t(lang, "diff_stats", added=counts["added"], removed=counts["removed"], changed=counts["changed"])
    parts.append(element("div", [element("p", html_format("{} {}", intro, links)),
                                 element("p", new.summary, lang=new.lang if new.lang != lang else None) if new.summary else HTML(),
                                 element("p", stats_line, class_="regkb-diff-stats"),
                                 element("p", t(lang, "diff_legend"), class_="regkb-diff-legend")],
                         class_="regkb-diff-head"))
    notes = partial(escaped_notes, lang=new.lang)
    unchanged: list[HTML] = []
    used: set[str] = set()

    def flush() -> None:
        if unchanged:
            count = element("span", html_format("{} :", t(lang, "diff_unchanged", count=len(unchanged))))
            parts.append(element("p", html_format("{} {}", count, html_join(", ", unchanged)),
                                 class_="regkb-diff-unchanged"))
            unchanged.clear()

    def unique(anchor: str) -> str:
        while anchor in used:
            anchor += "-old"
        used.add(anchor)
        return anchor

    first_key = changes[0].anchor if changes else ""
    for change in changes:
        article = change.anchor.startswith("art-")
        if change.status == "unchanged":
            if article:
                unchanged.append(element("a", _short(change, lang), href=url_link(path, new_page, change.anchor)))
            continue
        flush()
        anchor = unique(change.anchor)
        if article:
            label = change.heading
            tag = {"added": "diff_added", "removed": "diff_removed", "changed": "diff_changed"}[change.status]
        else:
            label = _text_label(change.new or change.old, lang, change.anchor == first_key)
            tag = {"added": "diff_text_added", "removed": "diff_text_removed", "changed": "diff_text_changed"}[change.status]
        title_html = html_format("{} {}", label, element("span", t(lang, tag), class_="regkb-diff-tag"))
        if change.status == "added":
            runs = [("+", change.new)]
        elif change.status == "removed":
            runs = [("-", change.old)]
        else:
            runs = change.words()
        body: list[HTML] = [heading(2, title_html, anchor)]
        if article and change.status == "changed" and change.heading != change.old_heading:
            words = runs_to_html(change.heading_words(), ins_label, del_label, notes)  # escaped by core.diff
            body.append(HTML(words.replace("<p>", '<p class="regkb-diff-heading">', 1)))
        for item in with_context(paragraphs(runs)):
            if isinstance(item, int):
                body.append(element("p", t(lang, "diff_elided", count=item), class_="regkb-diff-elided"))
            else:
                body.append(HTML(runs_to_html(item, ins_label, del_label, notes)))  # escaped by core.diff
        if article:
            target = old_page if change.status == "removed" else new_page
            body.append(element("p", element("a", t(lang, "diff_full_article"), href=url_link(path, target, change.anchor)),
                                class_="regkb-diff-full"))
        parts.append(element("section", body, class_=f"regkb-diff-article regkb-diff--{change.status}",
                             aria_labelledby=anchor))
    flush()
    parts.append(element("p", element("a", t(lang, "diff_back", date=format_date(version.in_force, lang)),
                                      href=url_link(path, new_page))))
    meta = {"title": title, "regkb_index": "diff", "regkb_kind": document.kind.value,
            "regkb_print": print_version(version, lang), **marked_title(title, document, lang, document.short_title(lang))}
    return title, html_join("\n", parts), meta


def _short(change, lang: str) -> str:
    """How an unchanged article is named in the list: its label ('Art. 1er', 'Art. 12bis (2)')."""
    number = change.number
    if not number or number == "unique":
        return change.heading.split(".")[0] if change.heading else number
    label = "Art. " + article_number(number, lang)
    if "--" in change.anchor:  # the second article of that number (core/articles.py)
        label += f" ({change.anchor.rsplit('--', 1)[1]})"
    return label


def _heading_words(source: str) -> str:
    """`source` with each heading line replaced by its words, and the blank lines after a
    heading dropped (a heading and its first paragraph compare as one). A scan of lines: the
    regular expression it replaces backtracked on long runs of spaces or braces."""
    out: list[str] = []
    lines = source.split("\n")
    index = 0
    while index < len(lines):
        match = heading_line(lines[index])
        out.append(lines[index] if match is None else match.text)
        index += 1
        if match is not None:
            while index < len(lines) and not lines[index].strip():
                index += 1
            if index == len(lines):
                break
    return "\n".join(out)


def _text_label(source: str, lang: str, first: bool) -> str:
    """The title of a stretch between articles: its first heading, else preamble or 'text
    outside articles'."""
    for line in source.split("\n"):
        match = heading_line(line)
        if match is not None:
            if match.text:
                return match.text
            break
    return t(lang, "preamble") if first else t(lang, "diff_between")


def _plain(ctx: SiteContext, text, lang: str):
    """A version's blocks as plain text; each version is the newer text of one diff and the
    older of the next (built one after the other): the last few are kept."""
    cache = ctx.caches.plain_texts
    key = (text.path, lang)
    found = cache.get(key)
    if found is None or found[0] is not text:  # the same file read again is another text
        if len(cache) >= 8:
            cache.clear()
        found = cache[key] = (text, _plain_blocks(ctx, text, lang))
    return found[1]


def _plain_blocks(ctx: SiteContext, text, lang: str) -> list[Block]:
    """Articles and the text between them; headings between articles lose their Markdown marks
    (and attribute lists), so only words are compared."""
    body = plain_refs(text.body, lang, ctx.corpus, ctx.today)
    out = []
    for block in split_blocks(body):
        if block.article is None:
            block = Block(block.key, _heading_words(block.source), None, block.line)
        out.append(block)
    return out


__all__ = ["diff_page", "Article"]
