"""Article-by-article diffs with changed words marked, in linear time over a document.

Articles are aligned by their anchors (art-7 with art-7), then words are compared inside each
changed article only, paragraph by paragraph: a long text never goes through one quadratic diff.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable


TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")  # a word or a sign with the spaces after it
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MAX_WORD_DIFF = 4000  # tokens per paragraph pair; beyond, the paragraph is shown replaced whole
SPLIT_WORDS = 300  # tokens beyond which paragraphs are compared sentence by sentence first


@dataclass(frozen=True)
class ArticleChange:
    status: str  # added | removed | changed | unchanged
    anchor: str
    heading: str
    old: str
    new: str
    number: str = ""  # the article's number as cited ("22bis/1"), "" for text between articles
    old_heading: str = ""  # the heading in the older version (articles: differs when renamed)

    def words(self) -> list[tuple[str, str]]:
        """(op, text) runs: op is '=', '+' or '-'."""
        return word_diff(self.old, self.new)

    def heading_words(self) -> list[tuple[str, str]]:
        """Runs of the heading, when the older one was worded otherwise (else one '=' run)."""
        if self.status != "changed" or _normalize(self.old_heading) == _normalize(self.heading):
            return [("=", self.heading)]
        return _words(self.old_heading, self.heading)


def base_key(key: str) -> str:
    """The key of a block without the order mark of a duplicate label (art-12bis--2 -> art-12bis)."""
    return key.split("--", 1)[0]


@dataclass(frozen=True)
class _Item:
    key: str
    heading: str
    text: str
    number: str
    norm: str


def _items(parts: list) -> list[_Item]:
    out = []
    for part in parts:
        article = getattr(part, "article", part)  # a Block or an Article
        if article is not None and hasattr(article, "anchor"):
            out.append(_Item(article.anchor, article.heading, article.text, article.number,
                             _normalize(article.heading) + "\n" + _normalize(article.text)))
        else:
            out.append(_Item(part.key, "", part.source, "", _normalize(part.source)))
    return out


def align(old: list, new: list) -> list[ArticleChange]:
    """Pair old and new articles (or blocks, see articles.split_blocks), keeping the new text's
    order. Identical consecutive items pair first (so a duplicate label, whose second copy is
    `art-12bis--2`, is matched by its text, in order: an unchanged article is never shown as
    removed and inserted); what remains pairs by key without the duplicate mark, in order, then
    by key anywhere (a moved article). Linear in practice: the matcher compares hashed items."""
    a, b = _items(old), _items(new)
    matcher = SequenceMatcher(None, [(base_key(x.key), x.norm) for x in a],
                              [(base_key(y.key), y.norm) for y in b], autojunk=False)
    pairs: dict[int, int] = {}  # new index -> old index
    free_old: dict[str, list[int]] = {}
    ranges = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for offset in range(i2 - i1):
                pairs[j1 + offset] = i1 + offset
        else:
            ranges.append((i1, i2, j1, j2))
    for i1, i2, j1, j2 in ranges:  # same label within the range that differs, in order
        local: dict[str, list[int]] = {}
        for i in range(i1, i2):
            local.setdefault(base_key(a[i].key), []).append(i)
        for j in range(j1, j2):
            queue = local.get(base_key(b[j].key))
            if queue:
                pairs[j] = queue.pop(_closest(b[j], [a[i] for i in queue]))
        for key, queue in local.items():
            free_old.setdefault(key, []).extend(queue)
    for j in range(len(b)):  # moved: the same label elsewhere
        if j not in pairs:
            queue = free_old.get(base_key(b[j].key))
            if queue:
                pairs[j] = queue.pop(0)
    paired_old = set(pairs.values())
    changes: list[ArticleChange] = []
    next_old = 0
    for j, item in enumerate(b):
        paired = pairs.get(j)
        if paired is not None:
            for k in range(next_old, paired):  # removed items standing before this one in the old text
                if k not in paired_old:
                    changes.append(_removed(a[k]))
            next_old = max(next_old, paired + 1)
            before = a[paired]
            status = "unchanged" if before.norm == item.norm else "changed"
            changes.append(ArticleChange(status, item.key, item.heading, before.text, item.text,
                                         item.number, before.heading))
        else:
            changes.append(ArticleChange("added", item.key, item.heading, "", item.text, item.number))
    for k in range(next_old, len(a)):
        if k not in paired_old:
            changes.append(_removed(a[k]))
    return changes


def _closest(item: _Item, candidates: list[_Item]) -> int:
    """Index of the candidate closest to `item` (the first when they are alike): of two texts
    under one label (an article in force and its future text), a version keeps the one whose
    words it shares most. Compares sets of words: linear."""
    if len(candidates) == 1:
        return 0
    words = set(item.norm.split())
    scores = [len(words & set(c.norm.split())) / (len(words | set(c.norm.split())) or 1) for c in candidates]
    return scores.index(max(scores))


def _removed(item: _Item) -> ArticleChange:
    return ArticleChange("removed", item.key, item.heading, item.text, "", item.number, item.heading)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Runs of equal, inserted and deleted text, compared paragraph by paragraph."""
    old_pars = PARAGRAPH_BREAK.split(old.strip()) if old.strip() else []
    new_pars = PARAGRAPH_BREAK.split(new.strip()) if new.strip() else []
    runs: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, [_normalize(p) for p in old_pars], [_normalize(p) for p in new_pars],
                              autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for paragraph in new_pars[j1:j2]:
                _push(runs, "=", paragraph + "\n\n")
        elif op == "delete":
            for paragraph in old_pars[i1:i2]:
                _push(runs, "-", paragraph + "\n\n")
        elif op == "insert":
            for paragraph in new_pars[j1:j2]:
                _push(runs, "+", paragraph + "\n\n")
        else:
            before = "\n\n".join(old_pars[i1:i2])
            after = "\n\n".join(new_pars[j1:j2])
            for run in _words(before, after):
                _push(runs, *run)
            _push(runs, "=", "\n\n")
    return runs


SENTENCE_END = re.compile(r"(?<=[.;:])\s+|\n")


def _words(old: str, new: str, split: bool = True) -> list[tuple[str, str]]:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    if split and (len(a) > SPLIT_WORDS or len(b) > SPLIT_WORDS):
        return _sentences(old, new)
    if len(a) > MAX_WORD_DIFF or len(b) > MAX_WORD_DIFF:
        return [("-", old), ("+", new)]
    # An amendment changes a few words in a paragraph: the common start is set aside first, so
    # the matcher (quadratic in the worst case) sees less. (Not the common end: a sentence added
    # at the end would then take the old final full stop as its own.)
    # tokens compare without their spaces (a word at the end of a paragraph is the same word
    # once a sentence follows it); equal stretches are shown with the newer spacing
    keys_a, keys_b = [t.strip() or " " for t in a], [t.strip() or " " for t in b]
    start = 0
    while start < len(a) and start < len(b) and keys_a[start] == keys_b[start]:
        start += 1
    middle_a, middle_b = a[start:], b[start:]
    runs: list[tuple[str, str]] = [("=", "".join(b[:start]))] if start else []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, keys_a[start:], keys_b[start:], autojunk=False).get_opcodes():
        if op == "equal":
            _push(runs, "=", "".join(middle_b[j1:j2]))
        else:
            if i2 > i1:
                _push_marked(runs, "-", "".join(middle_a[i1:i2]))
            if j2 > j1:
                _push_marked(runs, "+", "".join(middle_b[j1:j2]))
    return runs


def _push_marked(runs: list[tuple[str, str]], op: str, text: str) -> None:
    """A changed stretch without the spaces after its last word (they are not a change)."""
    stripped = text.rstrip()
    _push(runs, op, stripped)
    _push(runs, "=", text[len(stripped):])


def _sentences(old: str, new: str) -> list[tuple[str, str]]:
    """A long paragraph pair compared sentence by sentence first, then word by word inside the
    sentences that differ: each word comparison stays small (bounded cost), nothing is shown
    replaced whole unless a single sentence is longer than MAX_WORD_DIFF tokens."""
    a, b = _cut(old), _cut(new)
    if len(a) <= 1 and len(b) <= 1:
        return _words(old, new, split=False)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, [_normalize(x) for x in a], [_normalize(x) for x in b],
                                              autojunk=False).get_opcodes():
        if op == "equal":
            _push(runs, "=", "".join(b[j1:j2]))
        elif i2 - i1 == len(a) and j2 - j1 == len(b):  # no sentence in common: word by word
            return _words(old, new, split=False)
        else:
            for run in _words("".join(a[i1:i2]), "".join(b[j1:j2])):
                _push(runs, *run)
    return runs


def _cut(text: str) -> list[str]:
    """Sentences of a text, each with the spaces after it (their concatenation is the text)."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(text):
        pieces.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _push(runs: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + text)
    else:
        runs.append((op, text))


def _normalize(text: str) -> str:
    return " ".join(text.split())


def runs_to_html(runs: list[tuple[str, str]], ins_label: str, del_label: str,
                 decorate: Callable[[str], str] | None = None) -> str:
    """Paragraphs of HTML with <ins>/<del>; each change also carries a text cue for screen
    readers and is underlined or struck through, so colour is never the only signal."""
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        text = "".join(paragraph).strip()
        if text:
            out.append(f"<p>{text}</p>")
        paragraph.clear()

    for op, text in runs:
        chunks = PARAGRAPH_BREAK.split(text)
        for index, chunk in enumerate(chunks):
            if index:
                flush()
            if not chunk:
                continue
            escaped = html.escape(chunk).replace("\n", "<br>")
            if decorate is not None:  # e.g. amendment notes styled as on the text's page
                escaped = decorate(escaped)
            if op == "=":
                paragraph.append(escaped)
            elif not chunk.strip():
                paragraph.append(escaped)
            else:
                tag, label = ("ins", ins_label) if op == "+" else ("del", del_label)
                paragraph.append(f'<{tag}><span class="regkb-sr">[{label} </span>{escaped}'
                                 f'<span class="regkb-sr">]</span></{tag}>')
    flush()
    return "\n".join(out)


def paragraphs(runs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The runs cut at paragraph breaks: one list of runs per paragraph, in order."""
    out: list[list[tuple[str, str]]] = [[]]
    for op, text in runs:
        for index, chunk in enumerate(PARAGRAPH_BREAK.split(text)):
            if index and out[-1]:
                out.append([])
            if chunk.strip():
                out[-1].append((op, chunk))
            elif chunk and out[-1]:
                out[-1].append((op, chunk))
    return [p for p in out if any(text.strip() for _op, text in p)]


def with_context(pars: list[list[tuple[str, str]]], context: int = 1) -> list[list[tuple[str, str]] | int]:
    """The changed paragraphs and `context` paragraphs around each; each stretch of other
    paragraphs replaced by its length (an int), so a one-word change to a long article costs a
    few paragraphs, not the article."""
    changed = [any(op != "=" for op, _text in p) for p in pars]
    keep = [False] * len(pars)
    for index, flag in enumerate(changed):
        if flag:
            for near in range(max(0, index - context), min(len(pars), index + context + 1)):
                keep[near] = True
    out: list[list[tuple[str, str]] | int] = []
    for index, paragraph in enumerate(pars):
        if keep[index]:
            out.append(paragraph)
        elif out and isinstance(out[-1], int):
            out[-1] += 1
        else:
            out.append(1)
    return out


def stats(changes: list[ArticleChange]) -> dict[str, int]:
    """Counts of articles added, removed, changed and unchanged (text between articles aside)."""
    counts = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    for change in changes:
        if change.anchor.startswith("art-"):
            counts[change.status] += 1
    return counts
