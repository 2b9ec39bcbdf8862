"""Partial versions, written the way an amending act is: the consolidated text of each version.

A partial version's file holds only what changes (see CONTRIBUTING.md, "Partial versions"):

    partial: true
    inserts: {art-7bis: art-7}     # new units, each placed after (or {before: ...}) a given one
    repeals: [art-9]               # articles kept with "(abrogé le ...)" / "(opgeheven op ...)"

and in its body the articles it replaces (same label) or inserts, and the headings it renames.

A text is cut into *units*: the preamble, each article (heading included, up to the next heading
of its level or higher) and each other heading (a chapter, with the text under it up to the next
unit). The consolidated text of a version is the previous version's list of units with the delta
applied once; units that do not change are the *same objects* in every version (never copied),
so the cost of a version follows its change, and comparing two versions is an identity test per
unit (`changed_keys`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..catalogue import DEFAULT_LANG, LANGUAGES, label
from .articles import DUPLICATE_SEPARATOR, FENCE, HEADING, Article, Label, parse_label
from .headings import explicit_id, heading_line, strip_trailing_attrs
from .dates import format_date
from . import placeholders
from .diagnostics import Diagnostics
from .model import Document, Text

PREAMBLE = "preamble"


@dataclass(frozen=True, eq=False)
class Unit:
    """One piece of a text: the preamble, an article or another heading with its text."""

    key: str  # "preamble", "art-7", or a heading's key ("chapitre-ii", or its {#id})
    source: str  # the Markdown, heading line included, without surrounding blank lines
    line: int  # line of the unit in the file that wrote it
    path: str  # the file that wrote it
    article: Article | None = None
    repealed: dt.date | None = None

    @property
    def is_article(self) -> bool:
        return self.article is not None


@dataclass
class Delta:
    """What a partial version's front matter says: inserted units and repealed articles."""

    inserts: dict[str, tuple[str, str]]  # key -> ("after" | "before", target key)
    repeals: list[str]
    line: int  # the line of `partial` (or of the first key present)
    lines: dict[str, int]
    unplaced: frozenset[str] = frozenset()  # inserted, but their place was not understood (reported)


def heading_key(line: str) -> str:
    """The key of a non-article heading: its `{#id}` if written, else its first two words
    ('## CHAPITRE II. – Dispositions' -> 'chapitre-ii'), accents folded."""
    explicit = explicit_id(line)
    if explicit:
        return explicit
    text = strip_trailing_attrs(line.lstrip("#").strip())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    return "-".join(words[:2]) or "heading"


def segment(body: str, path: str = "", first_line: int = 1) -> list[Unit]:
    """The units of a body, in order; joining their sources with blank lines gives the body back
    (up to blank lines between units). Articles are those `split_articles` finds, with the same
    text."""
    lines = body.splitlines()
    units: list[Unit] = []
    seen: dict[str, int] = {}
    start, kind = 0, PREAMBLE  # kind: "preamble", "article" or "heading"
    level = 0  # the open article's heading level
    in_fence = False

    def close(end: int) -> None:
        chunk = lines[start:end]
        if kind == PREAMBLE:
            source = "\n".join(chunk).strip("\n")
            if source.strip():
                units.append(Unit(PREAMBLE, source, first_line + start, path))
            return
        head = chunk[0]
        source = "\n".join(chunk).rstrip("\n").rstrip()
        if kind == "article":
            match = heading_line(head)
            label = parse_label(match.text) if match else None
            assert match is not None and label is not None  # _article_level() said so
            key = label.anchor
            count = seen.get(key, 0) + 1
            seen[key] = count
            if count > 1:  # a label the text really has twice: the anchor core/articles.py gives it
                key = f"{key}{DUPLICATE_SEPARATOR}{count}"
            article = Article(key, label.number, match.text, "\n".join(chunk[1:]).strip("\n"), start + 1)
        else:
            article, key = None, heading_key(head)
            count = seen.get(key, 0) + 1
            seen[key] = count
            if count > 1:  # a second 'Section 1': 'section-1-2'
                key = f"{key}-{count}"
        units.append(Unit(key, source, first_line + start, path, article))

    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        article_level = _article_level(line)
        heading = HEADING.match(line)
        if article_level:
            close(index)
            start, kind, level = index, "article", article_level
        elif heading and (kind != "article" or len(heading.group(1)) <= level):
            close(index)
            start, kind, level = index, "heading", 0
    close(len(lines))
    return units


def _article_level(line: str) -> int:
    """The heading level of an article heading (as core/articles.py understands labels), else 0."""
    if not line.startswith("##"):
        return 0
    match = heading_line(line)
    if match is None or parse_label(match.text) is None:
        return 0
    return len(match.hashes)


def join(units: tuple[Unit, ...] | list[Unit]) -> str:
    return "\n\n".join(unit.source for unit in units) + "\n"


class ConsolidatedText(Text):
    """A partial version's text as in force: the file's own fields, the consolidated units.

    `body` is joined on demand (never kept: three hundred versions of a thousand articles would
    otherwise hold three hundred copies); `articles` are the units' shared Article objects."""

    units: tuple[Unit, ...]  # always set here (Optional on a Text: cut on first use)
    delta: Delta

    def __init__(self, source: Text, units: tuple[Unit, ...], delta: Delta) -> None:
        self.lang, self.path, self.body_line = source.lang, source.path, source.body_line
        self.summary, self.label, self.lines = source.summary, source.label, source.lines
        self.source_body = source.body  # what the file says: the delta
        self.duplicate_articles = source.duplicate_articles
        self.units, self.delta = units, delta
        self.changed_from: tuple[Text, frozenset[str]] | None = None  # changed_keys(), once

    @property
    def body(self) -> str:  # type: ignore[override]  # a field of Text, computed here
        return join(self.units)

    @cached_property
    def articles(self) -> list[Article]:
        return [unit.article for unit in self.units if unit.article is not None]

    @cached_property
    def repealed_keys(self) -> frozenset[str]:
        """Keys of the units shown as repealed (one pass per version, not one per article asked)."""
        return frozenset(unit.key for unit in self.units if unit.repealed is not None)

    @cached_property
    def size(self) -> int:  # without joining the text
        return sum(len(unit.source) + 2 for unit in self.units) - 1 if self.units else 1


def units_of(text: Text) -> tuple[Unit, ...]:
    """A text's units: its own when consolidated, else cut from its body (kept on the text, so
    the next partial version shares them)."""
    units = text.units
    if units is None:
        units = text.units = tuple(segment(text.body, text.path, text.body_line))
    return units


def changed_keys(old: Text, new: Text) -> set[str] | None:
    """Keys of the units that differ between two consecutive texts, by identity (None when one of
    them is not part of a consolidation: compare the texts instead)."""
    if not isinstance(new, ConsolidatedText) or old.units is None:
        return None
    if new.changed_from is not None and new.changed_from[0] is old:  # asked by several pages
        return set(new.changed_from[1])
    before = {unit.key: unit for unit in old.units}
    after = {unit.key: unit for unit in new.units}
    keys = {key for key, unit in after.items() if before.get(key) is not unit}
    keys |= before.keys() - after.keys()
    new.changed_from = (old, frozenset(keys))
    return keys


# --- reading the front matter ------------------------------------------------------------------
ARTICLE_KEY = re.compile(r"(?i)^art(?:icle|ikel)?[-.\s]*(?=[0-9n])")


def delta_key(raw: object) -> str:
    """The key a front-matter entry names, as the body's headings give it: an article written
    'art-7bis/1', '7bis/1' or 'Art. 7bis/1' is 'art-7bis-1' (the anchor of '## Art. 7bis/1');
    a heading's key ('chapitre-ii') and a duplicate's ('art-7--2') are kept as written."""
    text = str(raw).strip()
    if DUPLICATE_SEPARATOR in text:
        return text
    label = parse_label(text)
    if label is None:
        rest = ARTICLE_KEY.sub("", text, count=1)
        if rest != text or re.match(r"[0-9]", text):
            label = parse_label("Art. " + rest)
    return label.anchor if label is not None else text


def read_delta(meta: dict, key_lines: dict[str, int], path: str, diagnostics: Diagnostics) -> Delta | None:
    """The delta a version file declares, or None for a whole-text version."""
    present = [key for key in ("partial", "inserts", "repeals") if key in meta]
    if not present:
        return None
    line = key_lines.get(present[0], 1)
    if "partial" in meta and meta["partial"] is not True:
        if meta["partial"] in (False, None) and len(present) == 1:
            return None
        if meta["partial"] is False:
            others = " and ".join(key for key in present if key != "partial")
            diagnostics.error(path, key_lines.get("partial", line), f"partial is false, but the file gives {others}.",
                              f"Write 'partial: true' if this version holds only what changes; else remove "
                              f"{others}.", "partial")
        else:
            diagnostics.error(path, key_lines.get("partial", line), "partial must be true or false.",
                              "Write 'partial: true' for a version that holds only what changes.", "partial")
            # read on as the partial version it most likely is: read as a whole text, every
            # article it leaves out would be reported missing besides
    inserts: dict[str, tuple[str, str]] = {}
    unplaced: set[str] = set()  # reported once here, not again as unknown articles of the body
    raw = meta.get("inserts") or {}
    if not isinstance(raw, dict):
        diagnostics.error(path, key_lines.get("inserts", line), "inserts must map each new article to its place.",
                          "Write 'inserts: {art-7bis: art-7}' (after art-7) or 'inserts: {art-1bis: {before: art-2}}'.",
                          "partial")
        unplaced |= {delta_key(k) for k in (raw if isinstance(raw, list) else [raw]) if isinstance(k, (str, int))}
        raw = {}
    for key, place in raw.items():
        where, target = ("after", place) if not isinstance(place, dict) else next(iter(place.items()), ("", ""))
        if isinstance(place, dict) and len(place) > 1:
            diagnostics.error(path, key_lines.get("inserts", line), f"inserts: '{key}' is given more than one place.",
                              f"Keep one: '{key}: {{after: art-N}}' or '{key}: {{before: art-N}}'.", "partial")
            unplaced.add(delta_key(key))
            continue
        if isinstance(target, int) and not isinstance(target, bool):
            target = str(target)  # 'art-7bis: 7'
        if where not in ("after", "before") or not isinstance(target, str) or not target.strip():
            diagnostics.error(path, key_lines.get("inserts", line), f"inserts: the place of '{key}' cannot be read.",
                              f"Write '{key}: art-N' (after art-N), '{key}: {{after: art-N}}' or "
                              f"'{key}: {{before: art-N}}'.", "partial")
            unplaced.add(delta_key(key))
            continue
        inserts[delta_key(key)] = (where, delta_key(target))
    given = meta.get("repeals")
    entries = given if isinstance(given, list) else [] if given is None else [given]
    repeals: list[str] = []
    for entry in entries:
        if isinstance(entry, bool) or not isinstance(entry, (str, int)) or not str(entry).strip():
            diagnostics.error(path, key_lines.get("repeals", line),
                              f"repeals: {entry!r} is not an article." if entry not in (None, "") else
                              "repeals: an entry is empty.",
                              "List the anchors of the repealed articles: 'repeals: [art-9, art-12bis]'.", "partial")
            continue
        repeals.append(delta_key(entry))
    return Delta(inserts, repeals, line, key_lines, frozenset(unplaced))


# --- consolidation -----------------------------------------------------------------------------
def consolidate_document(document: Document, diagnostics: Diagnostics) -> None:
    """Replace each partial version's texts by their consolidation from the previous version (in
    version order, each delta applied once), reporting what cannot be applied."""
    if not any(t.delta is not None for v in document.versions for t in v.texts.values()):
        return
    for lang in sorted({lang for v in document.versions for lang in v.texts}):
        previous: Text | None = None
        previous_key = ""
        for version in document.versions:
            text = version.texts.get(lang)
            if text is None:
                continue
            delta = text.delta
            if delta is None:
                previous, previous_key = text, version.key
                continue
            if previous is None:
                diagnostics.error(text.path, delta.line, "the first version of a text cannot be partial.",
                                  "Write the whole text in the first version (remove 'partial', 'inserts' "
                                  "and 'repeals').", "partial")
                continue
            units = apply_delta(units_of(previous), text, delta, version.in_force, previous_key, diagnostics)
            consolidated = ConsolidatedText(text, units, delta)
            version.texts[lang] = consolidated
            previous, previous_key = consolidated, version.key
    _check_languages(document, diagnostics)


def apply_delta(base: tuple[Unit, ...], text: Text, delta: Delta, day: dt.date, previous_key: str,
                diagnostics: Diagnostics) -> tuple[Unit, ...]:
    """The units of `base` with the delta of `text` applied (replacements, insertions, repeals)."""
    path = text.path
    written = segment(text.body, path, text.body_line)
    units = list(base)
    position = {unit.key: index for index, unit in enumerate(units)}
    body_keys: set[str] = set()
    inserted: list[Unit] = []
    changes = 0  # units replaced, inserted or repealed: a version that changes nothing is a mistake
    reported = len(diagnostics.items)
    for unit in written:
        if unit.key in body_keys:
            diagnostics.error(path, unit.line, f"'{unit.key}' is written twice in this partial version.",
                              "Keep one text per article or heading.", "partial")
            continue
        body_keys.add(unit.key)
        if unit.key in delta.unplaced:  # its insertion was reported; it has no place to go
            continue
        if unit.key == PREAMBLE and (PREAMBLE not in position or units[position[PREAMBLE]].source != unit.source):
            # an amending act changes articles and headings, not the preamble: text before the
            # first heading is most often a stray note ("Modifié par ...") that would replace it
            diagnostics.warning(path, unit.line,
                                f"the text before the first heading replaces the preamble of the version of "
                                f"{previous_key}.",
                                "Start the file with the heading of the first article it changes (e.g. "
                                "'## Art. 7'); to change the preamble, write this version as a whole text.",
                                "partial")
            if PREAMBLE not in position:
                units.insert(0, unit)
                position = {u.key: i for i, u in enumerate(units)}
                changes += 1
                continue
        if unit.key in delta.inserts:
            if unit.key in position:
                diagnostics.error(path, delta.lines.get("inserts", delta.line),
                                  f"'{unit.key}' is inserted but already exists in the version of {previous_key}.",
                                  f"Remove '{unit.key}' from inserts to replace the article instead.", "partial")
                continue
            inserted.append(unit)
            continue
        if unit.key not in position:
            what = "article" if unit.is_article else "heading"
            diagnostics.error(path, unit.line,
                              f"the {what} '{unit.key}' replaced here is not in the version of {previous_key}.",
                              f"To insert it, add 'inserts: {{{unit.key}: <key of the article it follows>}}'; "
                              f"to replace one, use its label as in {previous_key}.", "partial")
            continue
        old = units[position[unit.key]]
        if old.source != unit.source:  # the same text written again is not a change
            units[position[unit.key]] = unit
            changes += 1
    for key in delta.inserts:
        if key not in body_keys:
            diagnostics.error(path, delta.lines.get("inserts", delta.line),
                              f"'{key}' is listed in inserts but has no text in this file.",
                              f"Write its heading and text in the body (e.g. '## Art. {key.removeprefix('art-')}').",
                              "partial")
    headings: list[str] = []
    for key in delta.repeals:
        line = delta.lines.get("repeals", delta.line)
        if key == PREAMBLE:
            diagnostics.error(path, line, "the preamble cannot be repealed.",
                              "Remove 'preamble' from repeals; to remove the preamble, write this version as "
                              "a whole text.", "partial")
            continue
        if key not in position:
            diagnostics.error(path, line, f"'{key}' is repealed but is not in the version of {previous_key}.",
                              "Use the anchor of an existing article (art-7, art-7bis, art-7-1).", "partial")
            continue
        old = units[position[key]]
        if old.repealed is not None:
            diagnostics.error(path, line, f"'{key}' is already repealed (since {old.repealed.isoformat()}).",
                              f"Remove '{key}' from repeals.", "partial")
            continue
        if key in body_keys:
            diagnostics.error(path, line, f"'{key}' is both repealed and written in this file.",
                              "Either repeal it (keep it in repeals, remove its text) or replace it.", "partial")
            continue
        units[position[key]] = repealed_unit(old, day, text.lang, path, line)
        changes += 1
        if old.article is None:
            headings.append(key)
    for key in headings:  # once every repeal of the file is applied
        _check_repealed_heading(units, position[key], path, delta.lines.get("repeals", delta.line), diagnostics)
    # insertions, in the order of the file; several after the same unit keep that order
    last_after: dict[str, str] = {}
    for unit in inserted:
        where, target = delta.inserts[unit.key]
        keys = [u.key for u in units]
        anchor = last_after.get(target, target) if where == "after" else target
        if anchor not in keys:
            diagnostics.error(path, delta.lines.get("inserts", delta.line),
                              f"'{unit.key}' is to be placed {where} '{target}', which is not in the version "
                              f"of {previous_key}.", "Name an existing article or heading (its anchor or key).",
                              "partial")
            continue
        index = keys.index(anchor) + (1 if where == "after" else 0)
        units.insert(index, unit)
        changes += 1
        if where == "after":
            last_after[target] = unit.key
    if not changes and not delta.unplaced and not any(d.is_error for d in diagnostics.items[reported:]):
        diagnostics.warning(path, delta.line,
                            f"this partial version changes nothing in the version of {previous_key}.",
                            "Write the articles it replaces or inserts (with their heading, e.g. '## Art. 7'), "
                            "list those it repeals in 'repeals', or remove the file.", "partial")
    return tuple(units)


def repealed_unit(old: Unit, day: dt.date, lang: str, path: str, line: int) -> Unit:
    """An article (or a chapter's heading) kept in the text with its heading and
    '(abrogé le …)' / '(opgeheven op …)'; the text under a heading goes with it."""
    head = old.source.split("\n", 1)[0]
    note = label(lang if lang in LANGUAGES else DEFAULT_LANG, "repealed_note", date=format_date(day, lang))
    article = old.article
    if article is not None:
        article = Article(article.anchor, article.number, article.heading, note, article.line)
    return Unit(old.key, f"{head}\n\n{note}", line, path, article, repealed=day)


def _heading_level(unit: Unit) -> int:
    return len(unit.source) - len(unit.source.lstrip("#"))


def _check_repealed_heading(units: list[Unit], index: int, path: str, line: int, diagnostics: Diagnostics) -> None:
    """A chapter repealed while articles under it stay in force is most often an amending act
    ('le chapitre III, comportant les articles 10 à 15, est abrogé') copied in part."""
    level = _heading_level(units[index])
    left: list[str] = []
    for unit in units[index + 1:]:
        if unit.article is None and 0 < _heading_level(unit) <= level:
            break
        if unit.article is not None and unit.repealed is None:
            left.append(unit.key)
    if left:
        shown = ", ".join(left[:5]) + (", …" if len(left) > 5 else "")
        diagnostics.warning(path, line, f"'{units[index].key}' is repealed but its articles stay in force ({shown}).",
                            f"Add them to repeals too (repeals: [{units[index].key}, {', '.join(left[:3])}"
                            f"{', …' if len(left) > 3 else ''}]), or repeal only the articles.", "partial")


def _check_languages(document: Document, diagnostics: Diagnostics) -> None:
    """A partial version changes the same articles in French and Dutch (a replacement written in
    one language only, or copied unchanged by the skeleton in one of them, would leave the other
    silently outdated)."""
    previous: dict[str, Text] = {}
    for version in document.versions:
        texts = [t for t in version.texts.values() if isinstance(t, ConsolidatedText)]
        if len(texts) == 2:
            # articles only: headings have language-specific keys (chapitre-ii, hoofdstuk-ii)
            written = [{u.key: u.line for u in segment(t.source_body, t.path, t.body_line) if u.article is not None}
                       for t in texts]
            changed = [_changed_here(previous.get(t.lang), t) for t in texts]
            for i, text in enumerate(texts):
                own = set(written[i]) | _repealed_articles(text)
                other = set(written[1 - i]) | _repealed_articles(texts[1 - i])
                for key in sorted(other - own):
                    if key == PREAMBLE:
                        continue
                    diagnostics.warning(text.path, text.body_line,
                                        f"'{key}' is changed in the other language's file of this version, not here.",
                                        f"Write the new text of '{key}' here too (or add it to repeals).", "partial")
                mine, theirs = changed[i], changed[1 - i]
                if mine is None or theirs is None:
                    continue
                for key in sorted(set(written[i]) & theirs - mine):
                    diagnostics.warning(text.path, written[i][key],
                                        f"'{key}' is written here as it was, but its text changes in the other "
                                        f"language's file of this version.",
                                        f"Write the new text of '{key}' here too, or remove it from both files "
                                        f"if it does not change.", "partial")
        for lang, current in version.texts.items():
            previous[lang] = current


def _repealed_articles(text: ConsolidatedText) -> set[str]:
    """The articles (not the headings, whose keys differ by language) the delta repeals."""
    return {key for key in text.delta.repeals if key in text.article_map}


def _changed_here(previous: Text | None, text: ConsolidatedText) -> set[str] | None:
    return changed_keys(previous, text) if previous is not None else None


def touched(*texts: Text) -> set[str] | None:
    """The keys the deltas of these consolidated texts write (None if one is a whole text)."""
    keys: set[str] = set()
    for text in texts:
        if not isinstance(text, ConsolidatedText):
            return None
        keys |= {u.key for u in segment(text.source_body)} | set(text.delta.repeals)
    return keys


# --- writing a partial version ---------------------------------------------------------------------
INSERT_PLACEHOLDER = placeholders.INSERTED
ARTICLE_WORD = {"fr": "Art.", "nl": "Artikel"}


def article_label(raw: str) -> Label | None:
    """An article as staff type it on the command line ('7', '7bis', 'art-7/1', 'Art. XI.172')."""
    text = raw.strip()
    if text.lower().startswith("art-"):
        text = text[4:].replace("-", "/")
    if not re.match(r"(?i)^(art\.?|article|artikel)\b", text):
        text = "Art. " + text
    return parse_label(text)


def partial_skeleton(text: Text, articles: list[str], lang: str) -> tuple[str, list[tuple[str, str | None]]]:
    """The body and the front-matter fields of a partial version replacing or inserting
    `articles` ('7', '7bis', 'art-7/1'): the current text of those that exist, a heading and a
    placeholder for the others, inserted after the article before them."""
    units = units_of(text)
    keys = [u.key for u in units]
    by_key = {u.key: u for u in units}
    parts: list[str] = []
    inserts: list[str] = []
    inserted: set[str] = set()
    previous: str | None = None
    done: set[str] = set()
    placeholder = INSERT_PLACEHOLDER.get(lang, INSERT_PLACEHOLDER["fr"])
    for raw in articles:
        found = article_label(raw)
        if found is None or found.anchor in done:  # refused before (sources/scaffold.py); '7,7'
            continue
        anchor = found.anchor
        done.add(anchor)
        if anchor in by_key and by_key[anchor].repealed is not None:  # re-enacted ('rétabli')
            head = by_key[anchor].source.split("\n", 1)[0]
            parts.append(f"{head}\n\n{placeholder}")
        elif anchor in by_key:
            parts.append(by_key[anchor].source)
        else:
            base = "art-" + re.split(r"[^0-9]", anchor[4:] + "-", maxsplit=1)[0] if anchor[4:5].isdigit() else anchor
            after = previous if previous in inserted else None  # a run of new articles: in order
            if after is None:  # the last article of its number already there (7, 7bis... for 7ter)
                same = [k for k in keys if k == base or (k.startswith(base) and not k[len(base):][:1].isdigit())]
                after = same[-1] if same else next((k for k in reversed(keys) if k.startswith("art-")), None)
            label = found.number
            parts.append(f"## {ARTICLE_WORD.get(lang, 'Art.')} {label}\n\n{placeholder}")
            if after:
                inserts.append(f"{anchor}: {after}")
            inserted.add(anchor)
        previous = anchor
    fields: list[tuple[str, str | None]] = [("partial", "true")]
    if inserts:
        fields.append(("inserts", "{" + ", ".join(inserts) + "}"))
    return "\n\n".join(parts) + "\n", fields
