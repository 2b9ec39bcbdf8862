"""The history of each article of a text: every version where it was added, changed, repealed or
removed, found in one pass over the versions (per language).

Consecutive consolidated versions share their unchanged articles (core.consolidate): only the
articles of the delta are compared. Whole-text versions are compared article by article, once
per pair of consecutive versions, as for the diff pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from .articles import Article
from .consolidate import ConsolidatedText, changed_keys
from .model import Document, Text, Version


@dataclass(frozen=True)
class ArticleEvent:
    """One version where an article differs from the version before."""

    version: Version
    status: str  # added | changed | repealed | removed
    old: Article | None
    new: Article | None


def _same(a: Article | None, b: Article | None) -> bool:
    if a is b:
        return True
    if a is None or b is None:
        return False
    return a.heading == b.heading and " ".join(a.text.split()) == " ".join(b.text.split())


def _is_repealed(text: Text, anchor: str) -> bool:
    if not isinstance(text, ConsolidatedText):
        return False
    return anchor in text.repealed_keys


def article_histories(document: Document, lang: str) -> dict[str, list[ArticleEvent]]:
    """Anchor -> its events, oldest first; anchors in the order of the last version that has
    them (articles removed since come after, in the order they were last seen)."""
    events: dict[str, list[ArticleEvent]] = {}
    previous: Text | None = None
    before: dict[str, Article] = {}
    order: dict[str, int] = {}
    for version in document.versions:
        text = version.texts.get(lang) or next(iter(version.texts.values()), None)
        if text is None:
            continue
        now = text.article_map
        keys = changed_keys(previous, text) if previous is not None else None
        candidates = list(now) + [a for a in before if a not in now] if keys is None else \
            [k for k in keys if k in now or k in before]
        positions: dict[str, int] | None = None  # in the previous version, when one is removed
        for anchor in candidates:
            old, new = before.get(anchor), now.get(anchor)
            if _same(old, new):
                continue
            if new is None:
                status = "removed"  # placed, if it never comes back, where it last stood
                positions = positions or {key: i for i, key in enumerate(before)}
                order[anchor] = positions[anchor]
            elif old is None:
                status = "added"
            elif _is_repealed(text, anchor) and (previous is None or not _is_repealed(previous, anchor)):
                status = "repealed"
            else:
                status = "changed"
            events.setdefault(anchor, []).append(ArticleEvent(version, status, old, new))
        previous, before = text, now
    last = list(before)
    rank = {anchor: i for i, anchor in enumerate(last)}
    return dict(sorted(events.items(), key=lambda item: (item[0] not in rank, rank.get(item[0], order.get(item[0], 0)))))


def event_on(events: list[ArticleEvent], day) -> ArticleEvent | None:
    """The event whose text applies on `day` (None before the article existed)."""
    found = None
    for event in events:
        if event.version.in_force <= day:
            found = event
        else:
            break
    return found
