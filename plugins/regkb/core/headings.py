"""A Markdown heading line cut into hashes, text and trailing attribute list, in one linear pass.

The regular expressions this replaces (`^(#{1,6})\\s+(.*?)\\s*(\\{[^}]*\\})?\\s*$` and its
variants) backtrack: a lazy text followed by optional spaces and braces tries every split, so a
heading with a long run of spaces or of `{` before its end took seconds per thousand characters
(cubic). These functions give the same results by looking at the line's end once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HeadingLine:
    hashes: str  # '#' to '######'
    text: str  # the words, without the hashes, the attribute list and the spaces around them
    attrs: str | None  # the trailing '{...}' as written, if any


def trailing_attrs_start(text: str) -> int:
    """Where the trailing `{...}` of `text` (already right-stripped) starts, else -1: the first
    '{' after the last '}' but the final one (what `\\{[^}]*\\}$` matches first)."""
    if not text.endswith("}"):
        return -1
    previous = text.rfind("}", 0, len(text) - 1)
    return text.find("{", previous + 1, len(text) - 1)


def _level(line: str) -> int:
    """The number of leading '#' of an ATX heading line (1 to 6, then a space), else 0."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or level == len(line) or not line[level].isspace() or "\n" in line:
        return 0
    return level


def heading_line(line: str, min_level: int = 1) -> HeadingLine | None:
    """`line` (one line, no newline) read as an ATX heading of level `min_level` to 6, else None."""
    level = _level(line)
    if level < min_level:
        return None
    body = line[level:].strip()
    start = trailing_attrs_start(body)
    if start < 0:
        return HeadingLine(line[:level], body, None)
    return HeadingLine(line[:level], body[:start].rstrip(), body[start:])


def strip_trailing_attrs(text: str) -> str:
    """`text` without a trailing attribute list and the spaces around it (unchanged without one)."""
    stripped = text.rstrip()
    start = trailing_attrs_start(stripped)
    return text if start < 0 else stripped[:start].rstrip()


def explicit_id(line: str) -> str | None:
    """The id of a trailing attribute list (`{#chap-2 .x}` -> 'chap-2'): after its last '#' that
    a letter follows, as `\\{[^}]*#([A-Za-z][\\w-]*)[^}]*\\}\\s*$` reads it."""
    stripped = line.rstrip()
    start = trailing_attrs_start(stripped)
    if start < 0:
        return None
    inside = stripped[start + 1:-1]
    at = len(inside)
    while True:
        at = inside.rfind("#", 0, at)
        if at < 0:
            return None
        if at + 1 < len(inside) and inside[at + 1].isascii() and inside[at + 1].isalpha():
            break
    end = at + 2
    while end < len(inside) and (inside[end].isalnum() or inside[end] in "_-"):
        end += 1
    return inside[at + 1:end]


def closed_heading(line: str) -> tuple[str, str] | None:
    """(hashes, text) of a heading that may close with hashes (`## Titre ##`), else None."""
    level = _level(line)
    if not level:
        return None
    body = line[level:].strip()
    words = body.rstrip("#")
    return line[:level], words.rstrip() if words != body else words
