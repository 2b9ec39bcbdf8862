"""The page that shows what changed between two consecutive versions, article by article."""

from __future__ import annotations

from ..core.dates import format_date
from ..core.diff import align, runs_to_html, stats
from ..core.model import Document, Version
from ..core.urls import diff_path, version_path, url_link
from .context import SiteContext
from .html import esc, heading, in_lang
from .labels import t
from .links import plain_refs


def diff_page(ctx: SiteContext, document: Document, version: Version, lang: str) -> tuple[str, str, dict]:
    previous = document.previous(version)
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
    ins_label = "ajouté :" if lang == "fr" else "toegevoegd:"
    del_label = "supprimé :" if lang == "fr" else "geschrapt:"
    parts = [heading(1, f"{in_lang(document, lang, esc(document.short_title(lang)))} – {esc(t(lang, 'diff_title', date=format_date(version.in_force, lang)))}")]
    parts += ctx.top_notices(document, lang, path)
    intro = t(lang, "diff_intro", old=format_date(previous.in_force, lang), new=format_date(version.in_force, lang))
    links = (f'<a href="{url_link(path, version_path(document, previous))}">{esc(format_date(previous.in_force, lang))}</a> → '
             f'<a href="{url_link(path, version_path(document, version))}">{esc(format_date(version.in_force, lang))}</a>')
    summary = f"<p>{esc(new.summary)}</p>" if new.summary else ""
    parts.append(f'<div class="regkb-diff-head"><p>{esc(intro)} {links}</p>{summary}'
                 f'<p class="regkb-diff-stats">{esc(t(lang, "diff_stats", added=counts["added"], removed=counts["removed"], changed=counts["changed"]))}</p>'
                 f'<p class="regkb-diff-legend">{esc(t(lang, "diff_legend"))}</p></div>')
    folded: list[str] = []

    def flush() -> None:
        if folded:
            parts.append(f'<details class="regkb-diff-unchanged"><summary>{esc(t(lang, "diff_unchanged", count=len(folded)))}</summary>'
                         + "".join(folded) + "</details>")
            folded.clear()

    for change in changes:
        label = esc(change.heading or t(lang, "preamble"))
        if change.status == "unchanged":
            body = runs_to_html([("=", change.new)], ins_label, del_label)
            folded.append(f'<section class="regkb-diff-article">{heading(2, label, change.anchor, toc=False)}{body}</section>')
            continue
        flush()
        tag = {"added": "diff_added", "removed": "diff_removed", "changed": "diff_changed"}[change.status]
        tag_html = f' <span class="regkb-diff-tag">{esc(t(lang, tag))}</span>'
        if change.status == "added":
            body = runs_to_html([("+", change.new)], ins_label, del_label)
        elif change.status == "removed":
            body = runs_to_html([("-", change.old)], ins_label, del_label)
        else:
            body = runs_to_html(change.words(), ins_label, del_label)
        parts.append(f'<section class="regkb-diff-article regkb-diff--{change.status}" aria-labelledby="{change.anchor}">'
                     f'{heading(2, label + tag_html, change.anchor)}'
                     f"{body}</section>")
    flush()
    parts.append(f'<p><a href="{url_link(path, version_path(document, version))}">{esc(t(lang, "diff_back", date=format_date(version.in_force, lang)))}</a></p>')
    meta = {"title": title, "regkb_index": "diff", "regkb_kind": document.kind.value}
    return title, "\n".join(parts), meta


def _plain(ctx: SiteContext, text, lang: str):
    """A version's articles as plain text; each version is the newer text of one diff and the
    older of the next (built one after the other): the last few are kept."""
    cache = ctx.caches.plain_texts
    key = (text.path, lang)
    found = cache.get(key)
    if found is None or found[0] is not text:  # the same file read again is another text
        if len(cache) >= 8:
            cache.clear()
        found = cache[key] = (text, _plain_articles(ctx, text, lang))
    return found[1]


def _plain_articles(ctx: SiteContext, text, lang: str):
    from ..core.articles import split_articles

    body = plain_refs(text.body, lang, ctx.corpus, ctx.today)
    articles = split_articles(body)
    preamble = body.split("\n## ", 1)[0] if articles and not body.lstrip().startswith("#") else ""
    if not articles:
        from ..core.articles import Article

        return [Article("text", "", "", body.strip(), 1)]
    if preamble.strip():
        from ..core.articles import Article

        return [Article("preamble", "", "", preamble.strip(), 1)] + articles
    return articles
