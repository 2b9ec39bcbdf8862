"""Matches in <mark>, in escaped text: the title and a snippet of the answer of each hit.

whoosh's highlighter runs the whole analyzer over each stored text again, for every hit (about
half the time of a query); here each word is stemmed once per process (a bounded cache) and the
snippet is the window of the answer with the most matches. Everything but the <mark> tags is
escaped: the output is safe to insert as HTML.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .analysis import stems

WORD = re.compile(r"\w+")
SNIPPET_CHARS = 220
BEFORE = 60  # characters of context before the first match of the snippet


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str | None:
    found = stems(word, lang)
    return found[0] if found else None


def _matches(text: str, matched: set[str], lang: str) -> list[tuple[int, int]]:
    if not matched:
        return []
    return [(m.start(), m.end()) for m in WORD.finditer(text) if _stem(m.group(0), lang) in matched]


def _render(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out, at = [], 0
    for start, end in spans:
        start, end = start - offset, end - offset
        out.append(html.escape(text[at:start], quote=False))
        out.append("<mark>" + html.escape(text[start:end], quote=False) + "</mark>")
        at = end
    out.append(html.escape(text[at:], quote=False))
    return "".join(out)


def mark(text: str, matched: set[str], lang: str) -> str:
    """The whole text, escaped, with the words whose stem matched in <mark>."""
    return _render(text, _matches(text, matched, lang))


def snippet(text: str, matched: set[str], lang: str, size: int = SNIPPET_CHARS) -> str:
    """About `size` characters of the text around its densest matches (its start when none)."""
    spans = _matches(text, matched, lang)
    first = 0
    if not spans:
        start, end = 0, min(len(text), size)
    else:
        best, best_count, j = 0, 0, 0
        for i, (s, _e) in enumerate(spans):  # the window of `size` chars holding the most matches
            while j < len(spans) and spans[j][1] <= s + size - BEFORE:
                j += 1
            if j - i > best_count:
                best, best_count = i, j - i
        first = spans[best][0]
        start = max(0, first - BEFORE)
        end = min(len(text), start + size)
    if start > 0:  # cut at word boundaries
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    inside = [(s, e) for s, e in spans if s >= start and e <= end]
    return ("… " if start > 0 else "") + _render(text[start:end], inside, start) + (" …" if end < len(text) else "")
