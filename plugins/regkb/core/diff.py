"""Article-by-article diffs with changed words marked, in linear time over a document.

Articles are aligned by their anchors (art-7 with art-7), then words are compared inside each
changed article only, paragraph by paragraph: a long text never goes through one quadratic diff.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .articles import Article

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MAX_WORD_DIFF = 4000  # tokens per paragraph pair; beyond, the paragraph is shown replaced whole


@dataclass(frozen=True)
class ArticleChange:
    status: str  # added | removed | changed | unchanged
    anchor: str
    heading: str
    old: str
    new: str

    def words(self) -> list[tuple[str, str]]:
        """(op, text) runs: op is '=', '+' or '-'."""
        return word_diff(self.old, self.new)


def align(old: list[Article], new: list[Article]) -> list[ArticleChange]:
    """Pair old and new articles by anchor, keeping the new text's order."""
    old_keys = [a.anchor for a in old]
    new_keys = [a.anchor for a in new]
    changes: list[ArticleChange] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    old_map = {a.anchor: a for a in old}
    new_map = {a.anchor: a for a in new}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for key in new_keys[j1:j2]:
                before, after = old_map[key], new_map[key]
                same = before is after or (  # consolidated versions share unchanged articles
                    _normalize(before.text) == _normalize(after.text) and before.heading == after.heading)
                changes.append(ArticleChange("unchanged" if same else "changed", key, after.heading,
                                             before.text, after.text))
            continue
        for key in old_keys[i1:i2]:
            if key not in new_map:
                changes.append(ArticleChange("removed", key, old_map[key].heading, old_map[key].text, ""))
        for key in new_keys[j1:j2]:
            if key in old_map:  # moved article: compare it where it now stands
                before, after = old_map[key], new_map[key]
                same = _normalize(before.text) == _normalize(after.text)
                changes.append(ArticleChange("unchanged" if same else "changed", key, after.heading,
                                             before.text, after.text))
            else:
                changes.append(ArticleChange("added", key, new_map[key].heading, "", new_map[key].text))
    return changes


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


def _words(old: str, new: str) -> list[tuple[str, str]]:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    if len(a) > MAX_WORD_DIFF or len(b) > MAX_WORD_DIFF:
        return [("-", old), ("+", new)]
    # An amendment changes a few words in a paragraph: the common start is set aside first, so
    # the matcher (quadratic in the worst case) sees less. (Not the common end: a sentence added
    # at the end would then take the old final full stop as its own.)
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    middle_a, middle_b = a[start:], b[start:]
    runs: list[tuple[str, str]] = [("=", "".join(a[:start]))] if start else []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, middle_a, middle_b, autojunk=False).get_opcodes():
        if op == "equal":
            _push(runs, "=", "".join(middle_b[j1:j2]))
        else:
            if i2 > i1:
                _push(runs, "-", "".join(middle_a[i1:i2]))
            if j2 > j1:
                _push(runs, "+", "".join(middle_b[j1:j2]))
    return runs


def _push(runs: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + text)
    else:
        runs.append((op, text))


def _normalize(text: str) -> str:
    return " ".join(text.split())


def runs_to_html(runs: list[tuple[str, str]], ins_label: str, del_label: str) -> str:
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


def stats(changes: list[ArticleChange]) -> dict[str, int]:
    counts = {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    for change in changes:
        counts[change.status] += 1
    return counts
