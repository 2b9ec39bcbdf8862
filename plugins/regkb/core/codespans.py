"""Markdown code (fenced blocks, indented blocks, `inline code`) is shown as written, never rewritten.

The writing guide shows the reference syntax inside code; rewriting or checking `ref:` links there
would turn the examples into links (or report them as broken).
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterator

FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)


def prose_segments(markdown: str) -> Iterator[tuple[bool, str]]:
    """The text cut into (is_code, piece) pieces whose concatenation is the text itself."""
    lines = markdown.split("\n")
    prose: list[str] = []
    code: list[str] = []
    fence = ""
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        piece = line if last else line + "\n"
        match = FENCE.match(line)
        if fence:
            code.append(piece)
            if match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) \
                    and not line.strip()[len(match["fence"]):].strip():
                fence = ""
                yield True, "".join(code)
                code = []
            continue
        if match:
            if prose:
                yield from _inline(("".join(prose)))
                prose = []
            fence = match["fence"]
            code.append(piece)
            continue
        prose.append(piece)
    if code:
        yield True, "".join(code)
    if prose:
        yield from _inline("".join(prose))


def _inline(text: str) -> Iterator[tuple[bool, str]]:
    start = 0
    for match in INLINE_CODE.finditer(text):
        if match.start() > start:
            yield False, text[start:match.start()]
        yield True, match.group(0)
        start = match.end()
    if start < len(text):
        yield False, text[start:]


def code_ranges(markdown: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the code pieces of `markdown`, in order."""
    if "`" not in markdown and "~~~" not in markdown:
        return []  # no fence and no inline code: all prose (most texts)
    ranges, offset = [], 0
    for is_code, piece in prose_segments(markdown):
        if is_code:
            ranges.append((offset, offset + len(piece)))
        offset += len(piece)
    return ranges


def _in_code(ranges: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def sub_outside_code(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], markdown: str) -> str:
    """`pattern.sub(replace, markdown)` applied to the prose only; code stays as written.

    Matches keep their offsets in the whole text (callers may look at the text around them).
    """
    ranges = code_ranges(markdown)
    if not ranges:
        return pattern.sub(replace, markdown)
    return pattern.sub(lambda m: m.group(0) if _in_code(ranges, m.start()) else replace(m), markdown)


def finditer_outside_code(pattern: re.Pattern[str], markdown: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Matches of `pattern` in the prose, with their 0-based line number in `markdown`."""
    ranges = code_ranges(markdown)
    line, counted = 0, 0
    for match in pattern.finditer(markdown):
        if not _in_code(ranges, match.start()):
            line += markdown.count("\n", counted, match.start())  # counted once: linear in the text
            counted = match.start()
            yield line, match
