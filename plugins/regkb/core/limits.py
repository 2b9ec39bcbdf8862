"""Bounds on what one source may cost the build (documented in CONTRIBUTING.md, "Limits").

A merge request can hold any bytes: a file is refused, with a diagnostic naming the file and the
limit, before it can take minutes or gigabytes. The figures leave room for the largest real texts
(the 1994 coordinated law on health insurance is about 4 MB of Markdown in one version).
"""

from __future__ import annotations

import re

MAX_SOURCE_BYTES = 8 * 1024 * 1024       # one Markdown file (a version's whole text, a circular, an answer)
MAX_FRONT_MATTER_BYTES = 64 * 1024       # the YAML between the two '---' lines
MAX_TAXONOMY_BYTES = 1024 * 1024         # taxonomy.yml
MAX_YAML_NESTING = 20                    # lists and mappings inside one another

# Python-Markdown's inline patterns (links, images, raw HTML) rescan a paragraph from each '[' or
# '<': a paragraph with n of them costs about n². Measured on this machine: 4,000 '[' in one
# paragraph take 2.7 s, 4,000 '![' 5.6 s, 20,000 '<a ' 49 s, whereas the densest paragraph of the
# real texts in shared/real has fewer than 300. A text is refused when the sum over its
# paragraphs of n² passes MARKDOWN_BUDGET (about one second of conversion at worst).
MARKDOWN_BUDGET = 2_000 ** 2
# The inline marks ('*', '_', '\\', '`', '&') cost less each, but Python-Markdown rebuilds a
# paragraph's text at each one it replaces: 32,000 '\\*' in one paragraph take 1.1 s, eight times
# as many a minute (n^1.5). The densest paragraph of the real texts and guides has 151.
INLINE_MARKS = "*_\\`&"
INLINE_BUDGET = 40_000 ** 2
_BLOCK = re.compile(r"\n[ \t]*\n")

# Python-Markdown converts nested blocks (lists, quotes, admonitions, details) by recursion, each
# level reprocessing the lines below it: 1,000 nested list items raise RecursionError (a traceback,
# no page), 1,000 lines of growing '> > >' quotes take 53 s, 200 nested lists 2.8 s. The real
# texts nest 3 levels at most. A text nesting a line deeper than MAX_NESTING levels (a '>', a list
# marker or 4 columns of indentation each) is refused like a too costly one.
MAX_NESTING = 32
_DEEP_CANDIDATE = re.compile(r"^[ \t>*+-]{%d}" % MAX_NESTING, re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")

# Characters a source may not contain: C0 controls but tab and newline, DEL, C1 controls, and the
# Unicode non-characters U+FFFE/U+FFFF (not allowed in XML: they would break the Atom feed; in
# iCalendar and HTML they are invisible). Carriage returns are normalized before this check.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Invisible formatting characters: the bidirectional overrides, embeddings and isolates (U+202A to
# U+202E, U+2066 to U+2069) and marks (U+200E, U+200F) show a text in another order than it is
# written and searched (a title, a date, an amount that reads otherwise); the zero-width space,
# joiners, word joiner, invisible operators and U+FEFF inside a text hide in a word, which the
# search then does not find. No French or Dutch text needs them (none in shared/real).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def nesting_depth(line: str) -> int:
    """The block levels a line opens: one per '>', per list marker ('-', '*', '+' then a space)
    and per 4 columns of indentation (a tab is 4). Reads the line's start only."""
    levels, columns = 0, 0
    for index, char in enumerate(line):
        if char == " " or char == "\t":
            columns += 4 if char == "\t" else 1
        elif char == ">":
            levels += 1
        elif char in "-*+" and line[index + 1:index + 2] in (" ", "\t"):
            levels += 1
        else:
            break
    return levels + columns // 4


def deepest_line(text: str) -> tuple[int, int]:
    """(depth, 1-based line) of the most deeply nested line outside fenced code; (0, 0) when no
    line can pass MAX_NESTING (one scan of the line starts)."""
    if _DEEP_CANDIDATE.search(text) is None:
        return 0, 0
    best, where, fenced = 0, 0, False
    for number, line in enumerate(text.split("\n"), 1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            depth = nesting_depth(line)
            if depth > best:
                best, where = depth, number
    return best, where


def too_deep(text: str) -> bool:
    return deepest_line(text)[0] > MAX_NESTING


def markdown_cost(text: str) -> int:
    """The n² estimate of converting `text` (linear to compute)."""
    if text.count("[") + text.count("<") < 2_000:
        return 0  # cheap path: most texts
    return sum((block.count("[") + block.count("<")) ** 2 for block in _BLOCK.split(text))


def inline_cost(text: str) -> int:
    """The n² estimate of the inline marks of `text` (linear to compute)."""
    if sum(text.count(mark) for mark in INLINE_MARKS) < 40_000:
        return 0  # cheap path: every real text
    return sum(sum(block.count(mark) for mark in INLINE_MARKS) ** 2 for block in _BLOCK.split(text))


def too_costly(text: str) -> bool:
    return markdown_cost(text) > MARKDOWN_BUDGET or inline_cost(text) > INLINE_BUDGET or too_deep(text)
