"""Front matter with line numbers, so every problem can name the line to fix.

python-frontmatter's YAML handler does the parsing; dates are kept as text so that a wrong date
("2024-02-30") becomes a clear diagnostic instead of a YAML exception.
"""

from __future__ import annotations

import re
from stat import S_ISREG
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from ..core.diagnostics import Diagnostics
from ..core.limits import CONTROL, INVISIBLE, MAX_FRONT_MATTER_BYTES, MAX_SOURCE_BYTES, MAX_YAML_NESTING


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~9x faster on large corpora


class _TextDatesLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves timestamps as strings (we parse and report dates ourselves)."""


_TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node, deep=False):  # type: ignore[no-untyped-def]
    """A mapping whose keys are unique: YAML's "last one wins" would silently drop a field."""
    seen: dict[object, object] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in seen
        except TypeError:
            continue  # an unhashable key: SafeConstructor reports it
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' is written twice (the first one would be ignored)",
                key_node.start_mark)
        seen[key] = key_node
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_TextDatesLoader.construct_mapping = _construct_mapping  # type: ignore[method-assign]


class _NoAliasLoader(yaml.SafeLoader):
    """The pure-Python loader, used only when the text holds '&' or '*': refuses aliases (an
    alias bomb of 1 KB expands to gigabytes) and deep nesting."""

    yaml_implicit_resolvers = _TextDatesLoader.yaml_implicit_resolvers

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed: write the value itself",
                                              event.start_mark)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_YAML_NESTING:
                raise yaml.composer.ComposerError(None, None, f"more than {MAX_YAML_NESTING} levels of nesting",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_NoAliasLoader.construct_mapping = _construct_mapping  # type: ignore[method-assign]


class RegkbYAMLHandler(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:  # YAML's value: a mapping for front matter
        if ("&" in fm or "*" in fm or fm.count("[") + fm.count("{") > MAX_YAML_NESTING
                or _DEEP_BLOCK.search(fm)):  # block nesting ('a:' under 'a:', '- - -') needs the check too
            return yaml.load(fm, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
        return yaml.load(fm, Loader=_TextDatesLoader)  # noqa: S506 - a (C)SafeLoader subclass


def load_yaml(text: str) -> object:
    """A whole YAML file (taxonomy.yml) with the same rules: no alias, unique keys, bounded nesting."""
    return _HANDLER.load(text)


# a line indented or dashed MAX_YAML_NESTING columns deep may nest that many block levels
_DEEP_BLOCK = re.compile(r"^[ \t-]{%d}" % MAX_YAML_NESTING, re.MULTILINE)
_HANDLER = RegkbYAMLHandler()
_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][\w-]*)\s*:")


@dataclass
class SourceFile:
    """A Markdown source split into its front matter and body, with the line of each key."""

    path: str
    meta: dict
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    ok: bool = True
    misspelt: dict[str, str] = field(default_factory=dict)  # field meant -> the key written (fieldnames.py)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def read_text(root: Path, rel: str, diagnostics: Diagnostics, limit: int | None = None) -> str | None:
    """The file's text, newlines normalized; None (reported) when it is too large or not UTF-8.
    Control characters are reported with their line and removed (they would make the feeds
    invalid XML and are invisible on a page)."""
    limit = limit or MAX_SOURCE_BYTES
    try:
        stat = (root / rel).stat()
        if not S_ISREG(stat.st_mode):  # a named pipe would block the build forever, a device too
            diagnostics.error(rel, 1, "this is not a regular file (a named pipe, a socket or a device): it is not read.",
                              "Replace it by an ordinary text file.", "file-type")
            return None
        size = stat.st_size
        if size > limit:
            diagnostics.error(rel, 1, f"the file is {size:,} bytes, more than the limit of {limit:,} bytes.",
                              "Split the text (see 'Limits' in CONTRIBUTING.md).", "too-large")
            return None
        raw = (root / rel).read_bytes()
    except OSError as exc:
        diagnostics.error(rel, 1, f"cannot read the file ({exc.strerror}).", "Check the file exists and is readable.", "io")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diagnostics.error(rel, line, "the file is not valid UTF-8 text.", "Save the file with the UTF-8 encoding.", "encoding")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL.search(text):
        for number, content in enumerate(text.split("\n"), start=1):
            found = CONTROL.search(content)
            if found:
                diagnostics.error(rel, number, f"the line holds a control character (U+{ord(found.group()):04X}, "
                                  f"column {found.start() + 1}).",
                                  "Delete it: control characters are invisible and break the feeds.", "control-character")
        text = CONTROL.sub("", text)
    if INVISIBLE.search(text):
        for number, content in enumerate(text.split("\n"), start=1):
            found = INVISIBLE.search(content)
            if found:
                diagnostics.error(rel, number, f"the line holds an invisible character ({invisible_name(found.group())}, "
                                  f"column {found.start() + 1}).", INVISIBLE_FIX, "invisible-character")
        text = INVISIBLE.sub("", text)
    return text


INVISIBLE_FIX = ("Delete it: it changes the order in which the text is shown (bidirectional control) or hides "
                 "inside a word, which the search then does not find.")


def invisible_name(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: the author cannot see the character, so it is named."""
    import unicodedata

    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()


def parse_source(rel: str, text: str, diagnostics: Diagnostics) -> SourceFile:
    """Split and parse; on a problem, report it and return what could be read (`ok` False)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        diagnostics.error(rel, 1, "the file has no front matter.",
                          "Start the file with a line '---', the fields (key: value), then a line '---'.",
                          "front-matter")
        return SourceFile(rel, {}, text, 1, ok=False)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        diagnostics.error(rel, 1, "the front matter opened on line 1 is never closed.",
                          "Add a line '---' after the last field.", "front-matter")
        return SourceFile(rel, {}, "", len(lines), ok=False)
    fm = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1:])
    body_line = end + 2
    if len(fm) > MAX_FRONT_MATTER_BYTES:
        diagnostics.error(rel, 1, f"the front matter is {len(fm):,} characters, more than the limit of "
                          f"{MAX_FRONT_MATTER_BYTES:,}.", "Keep only the fields (see 'Limits' in CONTRIBUTING.md).",
                          "too-large")
        return SourceFile(rel, {}, body, body_line, ok=False)
    try:
        meta = _HANDLER.load(fm)
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        line = (mark.line + 2) if mark else 1
        problem = exc.problem or "invalid YAML"
        near = sorted({line, exc.problem_mark.line + 2 if exc.problem_mark else line})  # file lines
        tab = next((n for n in near if 1 < n <= end and "\t" in lines[n - 1]), None)
        if tab is not None:  # YAML's own words ("cannot start any token") do not say it is the tab
            diagnostics.error(rel, tab, "the front matter holds a tab: YAML indents with spaces only.",
                              "Replace the tab by spaces (two spaces before 'fr:' and 'nl:'), or remove it.",
                              "front-matter")
            return SourceFile(rel, {}, body, body_line, ok=False)
        diagnostics.error(rel, line, f"the front matter is not valid YAML: {problem}.",
                          "Write one 'key: value' per line; quote values that contain ': ' or start with [, {, *, & or #.",
                          "front-matter")
        return SourceFile(rel, {}, body, body_line, ok=False)
    except yaml.YAMLError as exc:
        diagnostics.error(rel, 1, f"the front matter is not valid YAML: {exc}.",
                          "Write one 'key: value' per line.", "front-matter")
        return SourceFile(rel, {}, body, body_line, ok=False)
    except (ValueError, RecursionError, OverflowError) as exc:  # a 5,000-digit number, deep nesting
        diagnostics.error(rel, 1, f"the front matter cannot be read: {str(exc)[:120]}.",
                          "Quote long numbers (\"...\") and write plain 'key: value' fields.", "front-matter")
        return SourceFile(rel, {}, body, body_line, ok=False)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        diagnostics.error(rel, 2, "the front matter must be a list of 'key: value' fields.",
                          "Write one 'key: value' per line between the two '---' lines.", "front-matter")
        return SourceFile(rel, {}, body, body_line, ok=False)
    meta = {str(k): v for k, v in meta.items()}
    key_lines = _key_lines(lines[1:end])
    for key, value in list(meta.items()):
        if _has_control(value):  # written as a YAML escape ("\x1b", "\0"): not in the raw text
            diagnostics.error(rel, key_lines.get(key, 1), f"the field '{key}' holds a control character.",
                              "Delete it (a YAML escape such as \\x1b or \\0 in quotes): control characters are "
                              "invisible and break the feeds.", "control-character")
            meta[key] = value = _strip_control(value)
        if _has_control(value, pattern=INVISIBLE):  # "\u202e" in quotes
            diagnostics.error(rel, key_lines.get(key, 1), f"the field '{key}' holds an invisible character "
                              "(a YAML escape such as \\u202e or \\u200b in quotes).", INVISIBLE_FIX, "invisible-character")
            meta[key] = _strip_control(value, pattern=INVISIBLE)
    return SourceFile(rel, meta, body, body_line, key_lines)


def _has_control(value: object, depth: int = 0, pattern: re.Pattern[str] = CONTROL) -> bool:
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, dict) and depth < MAX_YAML_NESTING:
        return any(_has_control(k, depth + 1, pattern) or _has_control(v, depth + 1, pattern) for k, v in value.items())
    if isinstance(value, list) and depth < MAX_YAML_NESTING:
        return any(_has_control(v, depth + 1, pattern) for v in value)
    return False


def _strip_control(value: object, pattern: re.Pattern[str] = CONTROL) -> object:
    if isinstance(value, str):
        return pattern.sub("", value)
    if isinstance(value, dict):
        return {_strip_control(k, pattern): _strip_control(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_control(v, pattern) for v in value]
    return value


def _key_lines(fm_lines: list[str]) -> dict[str, int]:
    """Line of each top-level key, and of `parent.child` for one level of nesting."""
    found: dict[str, int] = {}
    parent = None
    for index, line in enumerate(fm_lines, start=2):
        match = _KEY.match(line)
        if not match:
            continue
        if match["indent"]:
            if parent:
                found.setdefault(f"{parent}.{match['key']}", index)
        else:
            parent = match["key"]
            found.setdefault(parent, index)
    return found
