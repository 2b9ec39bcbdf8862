"""Articles: numbered headings of a legal text, with anchors identical in French and Dutch.

The anchor is the article's label normalized (the rule is in CONTRIBUTING.md): lowercase, the
ordinal `er`/`ste`/`e` dropped, a Latin suffix glued to its number in one spelling, every other
separator (`/`, `:`, `.`, `-`, space) one `-`. "Art. 1er" and "Artikel 1" give `art-1`,
"Art. 7bis" `art-7bis`, "Art. 22bis/1" `art-22bis-1`, "Art. XI.172" `art-xi-172`, "Art. 1:1"
`art-1-1`, "Art. N2bis" `art-n2bis`, "Article unique" and "Enig artikel" `art-unique`. A link or
the language switcher thus keeps the article whatever the language, and whatever the version.

A label written twice in one version (Justel keeps two articles 12bis inserted by two laws) keeps
its anchor the first time and takes `--2`, `--3` after (`art-12bis--2`): a normalized label never
holds `--`, so these never meet a real label, and they follow the order of the text, the same in
every version and language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Latin ordinal adverbs: bis ... novies (nonies), decies, the compounds undecies ... noviesdecies in
# both spellings (quinquiesdecies / quindecies), vicies, tricies ..., and a unit after a ten
# (vicies semel, viciesbis). Variants map to one spelling so FR and NL texts share an anchor.
_UNITS = "bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies"
_TENS = "decies|vicies|tricies|trecies|quadragies|quinquagies|sexagies|septuagies|octogies|nonagies"
_TEN_PREFIXES = ("un|duo|ter|tre|quater|quattuor|quinquies|quin|sexies|sex|se|septies|septem|sept|"
                 "octies|octo|novies|nonies|novem|undevi|duodevi")
# Justel also writes a compound in two words ("11quinquies decies"): the same number, glued
LATIN = (rf"(?:(?:(?:{_TEN_PREFIXES})[ -]?)?(?:{_TENS})(?:[ -]?(?:semel|{_UNITS}))?|{_UNITS}|semel)")
LATIN_VARIANTS = {
    "nonies": "novies", "quindecies": "quinquiesdecies", "sedecies": "sexiesdecies",
    "tredecies": "terdecies", "quattuordecies": "quaterdecies", "septemdecies": "septiesdecies",
    "septdecies": "septiesdecies", "duodevicies": "octiesdecies", "undevicies": "noviesdecies",
    "noniesdecies": "noviesdecies", "trecies": "tricies",
}
# the ordinal ends the number, or stands before a Latin suffix (Justel's "Art. 1erbis" is 1bis)
_ORDINAL = rf"(?:er|ère|re|ste|de|e)(?:(?![a-zà-ÿ])|(?=\s?{LATIN}(?![a-zà-ÿ]{{2}})))"
# one segment: digits, the ordinal, a Latin suffix (glued or after one space), a glued letter
_SEGMENT = (rf"\d+(?:{_ORDINAL})?(?:\s?{LATIN}(?![a-zà-ÿ]{{2}}))?"
            r"(?:[a-z](?![a-zà-ÿ])|(?-i:\s[A-Z])(?=\.|\s*$))?")
# prefixes of codes' numbering: a book in Roman numerals (XI.172), letters (N1 annex, L122-5)
_PREFIX = r"(?:[IVXLC]+\.(?=\d)|[A-Z]{1,2}\.?\s?(?=\d))"
NUMBER = rf"(?P<num>{_PREFIX}?{_SEGMENT}(?:[./:-]{_SEGMENT})*)(?![\w/])"
# a number as a reader types it after "art." in a search (folded, lowercase: search/understand.py),
# "7bis", "7 bis", "22bis/1", "xi.172", "1er", "n2bis": the same segments, so the same anchors
CITED_NUMBER = rf"(?:[ivxlc]+\.(?=\d)|[a-z]{{1,2}}(?=\d))?{_SEGMENT}(?:[./:-]{_SEGMENT})*(?![\w/])"
WORD = r"(?:Art\.?|Article|Artikel)"
UNIQUE = r"(?P<unique>(?:Art\.?|Article)\s+unique|Enig\s+artikel|Artikel\s+één|Enig\s+Artikel)"
# an annex's article may be a capital letter alone (Justel's "Art. N" before "Art. N2")
LETTER = r"(?P<letter>(?-i:[A-Z]{1,2}))(?![\w/])"
LABEL = re.compile(rf"^(?:{UNIQUE}|{WORD}\s*(?:{NUMBER}|{LETTER}))(?=$|[\s.:,;)\-–—*]|\[)", re.IGNORECASE)
# "Article premier" (older laws, and the Moniteur's typesetting of some): article 1, anchor art-1
FIRST = re.compile(rf"^(?:Art\.?|Article)\s+premier(?:\s?(?P<latin>{LATIN}))?(?=$|[\s.:,;)\-–—*]|\[)", re.IGNORECASE)
LOOKS_LIKE = re.compile(r"^(?:Art\b|Art\.|Article\b|Artikel\b|Enig\s+artikel\b)", re.IGNORECASE)

HEADING_LINE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?P<attrs>\{[^}]*\})?\s*$")
BOLD_START = re.compile(r"^\s{0,3}(?:\*\*|__)(?P<text>[^*_]{1,60}?)(?:\*\*|__)")
HEADING = re.compile(r"^(#{1,6})\s+")
FENCE = re.compile(r"^\s*(```|~~~)")
# Kept for callers that test a line: a heading of level 2 to 6 whose text starts with an article word.
ARTICLE_HEADING = re.compile(r"^(?P<hashes>#{2,6})\s+(?P<label>(?:Art\.?|Article|Artikel|Enig)\b.*?)\s*(?:\{[^}]*\})?\s*$",
                             re.IGNORECASE)
DUPLICATE_SEPARATOR = "--"


@dataclass(frozen=True)
class Article:
    """One article of a version's text in one language."""

    anchor: str
    number: str  # "7", "7bis", "22bis/1", "XI.172": the number as readers cite it
    heading: str  # the heading as written, without the hashes
    text: str  # the Markdown of the article, heading excluded
    line: int  # line of the heading in the body (1-based, relative to the body)


@dataclass(frozen=True)
class Label:
    """An article label understood: its number as cited and its anchor."""

    number: str
    anchor: str


@dataclass(frozen=True)
class Suspect:
    """A line that looks like an article but is not one of regkb's: reported with its fix."""

    line: int
    text: str
    reason: str  # "label" (a heading whose label is not understood) | "bold" (an article as bold text)


@dataclass(frozen=True)
class Duplicate:
    """A label written twice in one text: both lines, and the anchor the second one gets."""

    first_line: int
    line: int
    number: str
    anchor: str


def _canonical_latin(text: str) -> str:
    for variant, canonical in LATIN_VARIANTS.items():
        text = re.sub(rf"{variant}", canonical, text)
    return text


@lru_cache(maxsize=1 << 16)  # pure, and asked again for every heading, reference and version
def normalize_number(number: str) -> str:
    """The anchor part of a label's number (see the module docstring)."""
    value = " ".join(number.lower().split())
    value = re.sub(rf"(\d){_ORDINAL}", r"\1", value)
    value = re.sub(rf"({_TEN_PREFIXES})[ -]({_TENS})", r"\1\2", value)  # quinquies decies
    value = _canonical_latin(value)
    value = re.sub(rf"(\d)[ ]({LATIN})", r"\1\2", value)  # 7 bis -> 7bis
    value = re.sub(r"(decies|vicies|tricies|gies)[ -](semel|" + _UNITS + ")", r"\1\2", value)
    value = re.sub(r"(?<=[0-9a-z]) ([a-z])(?![a-z0-9])", r"\1", value)  # 12bis A -> 12bisa
    if not re.match(r"[ivxlc]+\.\d", value):
        value = re.sub(r"^([a-z]{1,2})\.?\s?(?=\d)", r"\1", value)  # N1, L. 122-5 -> l122-5
    value = re.sub(r"[./:\s-]+", "-", value).strip("-")
    return value


@lru_cache(maxsize=1 << 16)  # pure, and asked again for every heading, reference and version
def parse_label(text: str) -> Label | None:
    """The article label at the start of a heading's (or paragraph's) text, if understood."""
    match = LABEL.match(text.strip())
    if match is None:
        first = FIRST.match(text.strip())
        return None if first is None else Label("1" + (first["latin"] or "").lower(), article_anchor("1", first["latin"] or ""))
    if match["unique"]:
        return Label("unique", "art-unique")
    if match["letter"]:
        return Label(match["letter"], "art-" + match["letter"].lower())
    raw = match["num"]
    number = re.sub(rf"(\d){_ORDINAL}", r"\1", " ".join(raw.split()))
    number = re.sub(rf"(\d) (?={LATIN})", r"\1", number)
    number = re.sub(rf"({_TEN_PREFIXES})[ -]({_TENS})", r"\1\2", number)
    return Label(number, "art-" + normalize_number(raw))


def article_anchor(number: str, suffix: str = "") -> str:
    """The anchor of an article number as cited ("7", "bis" or "22bis/1"): see the module docstring."""
    return "art-" + normalize_number(number + (suffix or ""))


@lru_cache(maxsize=1 << 16)  # pure, and asked again for every heading, reference and version
def canonical_anchor(anchor: str) -> str:
    """An anchor as a reader may type it (`art-7nonies`, `art-1er`, `art-12bis--2`) in the one
    spelling the pages use (`art-7novies`, `art-1`, `art-12bis--2`); other anchors unchanged."""
    if not anchor.startswith("art-") or anchor == "art-unique":
        return anchor
    base, mark, order = anchor.partition(DUPLICATE_SEPARATOR)
    return "art-" + (normalize_number(base[4:]) or base[4:]) + mark + order


@dataclass(frozen=True)
class _Heading:
    index: int  # 0-based line index
    level: int
    text: str  # without hashes and attribute list
    attrs: str
    label: Label | None


def _scan(body: str) -> tuple[list[str], list[_Heading], list[Suspect], list[Duplicate]]:
    """Lines of the body, its headings (articles with their final anchors), the suspects and
    the duplicates, in one pass outside fenced code."""
    lines = body.splitlines()
    headings: list[_Heading] = []
    suspects: list[Suspect] = []
    duplicates: list[Duplicate] = []
    seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = HEADING_LINE.match(line) if line.startswith("#") else None
        if heading is None:
            bold = BOLD_START.match(line) if ("**" in line[:5] or "__" in line[:5]) else None
            if bold and LOOKS_LIKE.match(bold["text"].strip()):
                suspects.append(Suspect(index + 1, line.strip()[:80], "bold"))
            continue
        level = len(heading["hashes"])
        text = heading["text"]
        label = parse_label(text) if level >= 2 else None
        if label is None and level >= 2 and LOOKS_LIKE.match(text):
            suspects.append(Suspect(index + 1, text[:80], "label"))
        if label is not None:
            anchor = label.anchor
            if anchor in seen:
                counts[anchor] = counts.get(anchor, 1) + 1
                unique = f"{anchor}{DUPLICATE_SEPARATOR}{counts[anchor]}"
                duplicates.append(Duplicate(seen[anchor], index + 1, label.number, unique))
                label = Label(label.number, unique)
            else:
                seen[anchor] = index + 1
        headings.append(_Heading(index, level, text, heading["attrs"] or "", label))
    return lines, headings, suspects, duplicates


def split_articles(body: str) -> list[Article]:
    """The articles of a body, in order; text between a heading and the next heading of the same
    or a higher level (chapters included) belongs to the article."""
    return [block.article for block in split_blocks(body) if block.article is not None]


@dataclass(frozen=True)
class Block:
    """A stretch of a body: an article (heading and text), or what stands between articles
    (preamble, titles of chapters and sections, annexes, signatures). Every line of the body is
    in exactly one block, so a diff of blocks misses nothing."""

    key: str  # the article's anchor, or "text-before-<anchor>" / "text-end" between articles
    source: str  # the lines as written, heading included
    article: Article | None
    line: int  # first line (1-based, relative to the body)


def split_blocks(body: str) -> list[Block]:
    """The whole body cut into articles and the stretches between them (see Block)."""
    lines, headings, _suspects, _duplicates = _scan(body)
    blocks: list[Block] = []
    by_index = {h.index: h for h in headings}
    start = 0  # first line of the pending stretch between articles
    index = 0
    pending: list[tuple[int, _Heading]] = []  # articles whose key the previous stretch needs

    def stretch(end: int, before: str) -> None:
        if end > start and "\n".join(lines[start:end]).strip():
            blocks.append(Block(f"text-before-{before}" if before else "text-end",
                                "\n".join(lines[start:end]), None, start + 1))

    count = len(lines)
    while index < count:
        heading = by_index.get(index)
        if heading is None or heading.label is None:
            index += 1
            continue
        stretch(index, heading.label.anchor)
        end = index + 1
        while end < count:
            other = by_index.get(end)
            if other is not None and (other.level <= heading.level or other.label is not None):
                break
            end += 1
        text = "\n".join(lines[index + 1:end]).strip("\n")
        article = Article(heading.label.anchor, heading.label.number, heading.text, text, index + 1)
        blocks.append(Block(heading.label.anchor, "\n".join(lines[index:end]), article, index + 1))
        start = index = end
    del pending
    stretch(count, "")
    return blocks


def article_problems(body: str) -> tuple[list[Suspect], list[Duplicate]]:
    """Lines that look like articles and are not understood, and labels written twice."""
    _lines, _headings, suspects, duplicates = _scan(body)
    return suspects, duplicates


def anchor_headings(body: str, after: dict[str, str] | None = None) -> str:
    """The body with `{#art-N}` attributes on article headings, for stable anchors in HTML;
    `after` maps an anchor to a block (HTML) placed right under that article's heading."""
    lines, headings, _suspects, _duplicates = _scan(body)
    out = list(lines)
    for heading in reversed(headings):
        if heading.label is None:
            continue
        anchor = heading.label.anchor
        line = out[heading.index]
        if not heading.attrs:
            out[heading.index] = f"{line.rstrip()} {{#{anchor}}}"
        if after and anchor in after:
            out[heading.index + 1:heading.index + 1] = ["", after[anchor], ""]
    return "\n".join(out)
ARTICLE_HEADING_HTML = re.compile(r'<h[2-6] id="(art-[^"]+)"[^>]*>.*?</h[2-6]>', re.DOTALL)


def after_article_headings(html: str, after: dict[str, str]) -> str:
    """Converted HTML with a block (HTML) placed right under each article heading named in
    `after`: added after conversion, so Python-Markdown never parses these blocks."""
    if not after:
        return html
    return ARTICLE_HEADING_HTML.sub(lambda m: m[0] + after[m[1]] if m[1] in after else m[0], html)
