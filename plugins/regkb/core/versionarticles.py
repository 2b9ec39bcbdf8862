"""Which articles a version changes: replaced, inserted, repealed and removed, with the labels
the text writes ('art. 7bis'). One list for the version page ("what changed"), the text's feed and
the agenda's feed and calendar, so a billing firm reads the same answer everywhere.

A partial version's delta says it (core.consolidate: the units it writes and repeals); a
whole-text version is aligned article by article with the one before (core.diff, as its diff
page). Linear in the articles of the two versions, once per version and language.
"""

from __future__ import annotations

from ..grammar import article_number
from .consolidate import ConsolidatedText, changed_keys
from .diff import ArticleChange, align
from .model import Document, Version

STATUSES = ("changed", "added", "repealed", "removed")  # the order they are listed in


def version_articles(document: Document, version: Version, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Status -> [(anchor, label)] of the articles `version` changes against the version before
    it, in the language shown (the text's order; removed ones in the old text's order). Empty
    lists for a first version."""
    out: dict[str, list[tuple[str, str]]] = {status: [] for status in STATUSES}
    previous = document.previous(version)
    if previous is None or not version.texts or not previous.texts:
        return out
    new = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
    old = previous.texts.get(new.lang) or next(iter(previous.texts.values()))
    keys = changed_keys(old, new)  # a consolidated version: its delta, not the whole text
    if keys is not None:
        before, after = old.article_map, new.article_map
        changes = [ArticleChange("changed" if a.anchor in before else "added", a.anchor, a.heading, "", "", a.number)
                   for a in new.articles if a.anchor in keys]
        changes += [ArticleChange("removed", k, before[k].heading, "", "", before[k].number) for k in before if k in keys and k not in after]
    else:
        changes = align(old.articles, new.articles)
    repealed = _newly_repealed(old, new)
    for change in changes:
        status = "repealed" if change.status == "changed" and change.anchor in repealed else change.status
        if status in out:
            out[status].append((change.anchor, article_label(change.anchor, change.number, lang)))
    return out


def article_label(anchor: str, number: str | None, lang: str) -> str:
    """'art. 7bis', 'art. 1er', 'art. 7 (2)' for the second article of that number."""
    text = article_number(number or anchor.removeprefix("art-").replace("-", "/"), lang)
    if "--" in anchor:  # the second article of that number (see core/articles.py)
        text += f" ({anchor.rsplit('--', 1)[1]})"
    return f"art. {text}"


def _newly_repealed(old: object, new: object) -> frozenset[str]:
    """Articles shown as repealed in `new` and not yet in `old` (a partial version's `repeals`)."""
    if not isinstance(new, ConsolidatedText):
        return frozenset()
    before = old.repealed_keys if isinstance(old, ConsolidatedText) else frozenset()
    return new.repealed_keys - before


def any_articles(changes: dict[str, list[tuple[str, str]]]) -> bool:
    return any(changes.values())
