"""One Justel snapshot: a text as one page (or one Markdown export) shows it, in one language.

The body is kept as Markdown blocks ready for our sources: structure headings, articles with
their labels as Justel writes them, and paragraphs with the text verbatim (amendment notes
`<AR …>`, `[1 …]1` and legal points `1°` untouched), escaped only where Markdown would otherwise
change what the reader sees.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..core.articles import LOOKS_LIKE, parse_label
from ..core.legaltext import NOTE as RENDERED_NOTE
from ..core.legaltext import is_note as rendered_is_note
from ..core.limits import CONTROL, INVISIBLE

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
}
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
WORD_DATE = re.compile(r"\b(\d{1,2})(?:er|ste)?\s+([a-zéû]+)\s+(\d{4})\b", re.IGNORECASE)
# "En vigueur : 01-05-2013", "Inwerkingtreding :  04-04-2003", "En vigueur : indéterminée": the
# value after the colon is read by in_force_value(); a value that is neither a date nor one of the
# words for "undetermined" is reported, never skipped (it would date the version from other notes)
# Justel's dating is "…, 026; En vigueur : 21-01-2012" inside a note <L …> or after a semicolon
# (the export's `Abrogé par L 2012-01-08/02, art. 20, 026; En vigueur : 21-01-2012`); an article's
# own words ("date d'entrée en vigueur : le 1er janvier") are the law's text, not a date of Justel
NOTE_SPAN = re.compile(r"<[^<>\n]*(?:>|$)|&lt;(?:(?!&gt;)[^<>\n])*(?:&gt;|$)", re.MULTILINE)  # kept, or escaped
IN_FORCE_NOTE = re.compile(r"(?P<before>[;<(]\s*)?\b(?:En\s+vigueur|Inwerkingtreding)\s*:\s*(?P<value>(?:(?!En\s+vigueur|Inwerkingtreding)[^<>;\n]){0,60})")
UNDETERMINED = re.compile(r"^(?:ind[ée]termin|onbepaald|nog\s+te\s+bepalen|te\s+bepalen|[àa]\s+d[ée]terminer|"
                          r"[àa]\s+fixer|date\s+[àa]\s+fixer|door\s+de\s+Koning|par\s+le\s+Roi)", re.IGNORECASE)
_VALUE_DATE = re.compile(r"^(?:(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})|(\d{1,2})(?:er|ste)?\s+([a-zéû]+)\s+(\d{4}))(?![\d/])",
                         re.IGNORECASE)


def in_force_value(value: str) -> dt.date | str | None:
    """What follows "En vigueur :": its date (01-05-2013, 1-5-2013, 01/05/2013, 1er mai 2013),
    "undetermined" (indéterminée, onbepaald, à déterminer …), or None when it is not understood
    (31-02-2013, an empty value, a sentence)."""
    value = value.strip()
    if UNDETERMINED.match(value):
        return "undetermined"
    match = _VALUE_DATE.match(value)
    if match is None:
        return None
    try:
        if match[1]:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        month = MONTHS.get(match[5].lower())
        return dt.date(int(match[6]), month, int(match[4])) if month else None
    except ValueError:
        return None


# Justel's notes: <AR 2013-02-19/10, art. 1, 093; En vigueur : 01-05-2013>, <Inséré par L …>,
# <Erratum, M.B. 02-02-2007, p. 5514>: an act's abbreviation (capitals) or one of Justel's words,
# then a reference or a date. Nothing else passes unescaped: a first word that is an HTML element
# (<script 2013-01-01/01>, <A …>) is text, so a page cannot inject markup through a "note".
_NOTE_WORDS = ("ins[ée]r[ée]|ingevoegd|abrogé|opgeheven|remplacé|vervangen|modifié|gewijzigd|erratum|"
               "annulé|vernietigd|rectifié|verbeterd|note|noot")
_HTML_NAMES = {"a", "b", "i", "p", "q", "s", "u", "br", "em", "hr", "li", "ol", "ul", "td", "th", "tr", "dl", "dd", "dt",
               "h1", "h2", "h3", "h4", "h5", "h6", "rp", "rt", "bdi", "bdo", "big", "col", "del", "dfn", "div", "img",
               "ins", "kbd", "map", "nav", "pre", "sub", "sup", "svg", "var", "wbr", "xmp", "abbr", "area", "base",
               "body", "cite", "code", "data", "embed", "form", "head", "html", "link", "main", "mark", "math",
               "menu", "meta", "ruby", "samp", "span", "time", "audio", "frame", "image", "input", "label",
               "meter", "param", "small", "style", "table", "tbody", "tfoot", "thead", "title", "track", "video",
               "iframe", "object", "script", "select", "source", "strong", "button", "dialog", "option", "output",
               "canvas", "center", "figure", "footer", "header", "keygen", "legend", "marquee", "picture",
               "section", "summary", "template", "textarea", "frameset", "noscript", "plaintext", "isindex", "applet"}
JUSTEL_NOTE = re.compile(r"<(?P<word>[A-Z][A-Z.]{0,7}(?=[\s,;])|(?i:" + _NOTE_WORDS + r")\b)[^<>\n]*"
                         r"(?:\d{4}-\d{2}-\d{2}/\d+|\d{2}-\d{2}-\d{4}|En\s+vigueur|Inwerkingtreding)[^<>\n]*>")


def is_note(match: re.Match) -> bool:
    return match["word"].rstrip(".").lower() not in _HTML_NAMES


def parse_any_date(text: str) -> dt.date | None:
    """The first date of `text`, written 01-09-1996 or 1 septembre 1996 / 1 september 1996."""
    found: list[tuple[int, dt.date]] = []
    for match in NUMERIC_DATE.finditer(text):
        try:
            found.append((match.start(), dt.date(int(match[3]), int(match[2]), int(match[1]))))
        except ValueError:
            continue
    for match in WORD_DATE.finditer(text):
        month = MONTHS.get(match[2].lower())
        if month:
            try:
                found.append((match.start(), dt.date(int(match[3]), month, int(match[1]))))
            except ValueError:
                continue
    return min(found)[1] if found else None


@dataclass
class Block:
    """A heading (structure), an article heading, or a paragraph (Markdown, one line)."""

    kind: str  # "structure" | "article" | "para"
    text: str  # structure heading text, article label as written ("Art. 7bis"), or paragraph Markdown
    rank: int = 0  # structure headings: 0 = highest (Livre), larger = deeper, -1 = annex (top level)
    number: str = ""  # articles: normalized number for pairing ("7bis", "1", "n1", "xi.172")


@dataclass
class Snapshot:
    """What one page or export says; dates are None when the page does not give them."""

    path: str
    lang: str
    shape: str  # "justel-old-table", "justel-2024-css", "markdown"
    title: str = ""
    kind: str = ""  # our kind: law | royal-decree | ministerial-decree ("" when unknown)
    act_date: dt.date | None = None
    numac: str = ""
    published: dt.date | None = None
    in_force_field: dt.date | None = None  # the page's "Entrée en vigueur / Inwerkingtreding"
    updated: dt.date | None = None  # "mise à jour au" / "bijgewerkt tot"
    eli: str = ""
    preamble: list[str] = field(default_factory=list)  # paragraphs (Markdown)
    blocks: list[Block] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    modifications: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # (act date, published)
    notes: list[str] = field(default_factory=list)  # what the reading changed or doubts, for the report

    # snapshots are read once and not changed afterwards: what is derived from them is kept
    @cached_property
    def articles(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "article"]

    def labels(self) -> list[str]:
        return self._labels

    @cached_property
    def _labels(self) -> list[str]:
        return [b.number for b in self.articles]

    @cached_property
    def _body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def body_text(self) -> str:
        """The text that articles and headings carry (where the notes' dates are read)."""
        return self._body_text

    @cached_property
    def _fingerprint(self) -> str:
        parts = self.preamble + [f"{b.kind}:{b.text}" for b in self.blocks] + self.signatures
        return " ".join("\n".join(parts).split())

    def fingerprint(self) -> str:
        """The whole text, whitespace aside: two snapshots with the same one are the same version."""
        return self._fingerprint


def article_number(label: str) -> str:
    """Article number for pairing French and Dutch and snapshots: the site's anchor without `art-`
    when the core reads the label ('Article 1er' and 'Artikel 1' -> '1', 'Art. 7bis' -> '7bis',
    'Art. XI.172' -> 'xi-172', 'Art. 22bis/1' -> '22bis-1', 'Article unique' and 'Enig artikel'
    -> 'unique', 'Art. 11quindecies' and 'Art. 11quinquies decies' -> '11quinquiesdecies'), so two
    labels pair exactly when their pages share an anchor; else the label squeezed and lowercased."""
    text = label.strip()
    parsed = parse_label(text if LOOKS_LIKE.match(text) else f"Art. {text}")
    if parsed is not None:
        return parsed.anchor.removeprefix("art-")
    text = re.sub(r"^\s*(?:art(?:icle|ikel)?\.?)\s*", "", label, flags=re.IGNORECASE).strip().rstrip(".").strip()
    text = re.sub(r"\s+", "", text).lower()
    text = re.sub(r"^(\d+)(?:er|e|ste)(?=$|[a-z/])", r"\1", text)  # 1er, 1erbis, 1ste
    return text


STRUCTURE_WORDS = [
    (("livre", "boek", "partie", "deel"), 0),
    (("titre", "titel"), 1),
    (("chapitre", "hoofdstuk"), 2),
    (("section", "afdeling"), 3),
    (("sous-section", "onderafdeling"), 4),
]
STRUCTURE_START = re.compile(r"^\s*(livre|boek|partie|deel|titre|titel|chapitre|hoofdstuk|sous-section|section|onderafdeling|afdeling|annexe|bijlage)\b",
                             re.IGNORECASE)


def structure_rank(text: str) -> int:
    """Depth of a structure heading by its word (Titre above Chapitre above Section ...); -1 for
    an annex or an unknown word: it sits at the top level, beside the text's highest headings."""
    match = STRUCTURE_START.match(text)
    word = match[1].lower() if match else ""
    for words, rank in STRUCTURE_WORDS:
        if word in words:
            return rank
    return -1


UNMARKED_ARTICLE = re.compile(r"^(?:Art\.|Article|Artikel)\s*[0-9IVXLCN][^\s.]*\.\s")
UNMARKED_HEADING = re.compile(r"^(?:LIVRE|BOEK|TITRE|TITEL|CHAPITRE|HOOFDSTUK|(?:SOUS-)?SECTION|(?:ONDER)?AFDELING|ANNEXE|BIJLAGE)"
                              r"(?:\s+(?:[IVXLC]+|\d+)(?:er|re|e|ste)?)?\.?(?:\s+-\s|$)")


def unmarked(snap: Snapshot) -> list[str]:
    """Paragraphs that read like an article or a heading but carry no mark of the page (Justel's
    <A NAME='Art.N'> or LNK, the export's **Art. N.**): they stay text of the article before,
    as written, and the report names them so that nobody loses an article without a word."""
    notes: list[str] = []
    where = "the text before the first article"
    for block in snap.blocks:
        if block.kind == "article":
            where = block.text
        elif block.kind == "para":
            text = block.text.replace("\\", "")
            if UNMARKED_ARTICLE.match(text) and parse_label(text) is not None:
                notes.append(f"{snap.path}: {text[:40]!r} reads like an article but has no article mark: kept as text "
                             f"of {where}. If it is an article of its own, add its heading in the imported files.")
            elif UNMARKED_HEADING.match(text):
                notes.append(f"{snap.path}: {text[:40]!r} reads like a heading but has no heading mark: kept as text "
                             f"of {where}. If it is a heading, make it one in the imported files.")
    return notes


# a note of Justel's opened and never closed: '<L 2003-03-20/49, art. 11, 008; En vigueur : 04-04-2003'
# (written '&lt;L …' once escaped) with no '>' before the end of the paragraph
UNCLOSED_NOTE = re.compile(r"(?:<|&lt;)(?:[A-Z][A-Za-z.]{0,7}\s+\d{4}-\d{2}-\d{2}/\d+|(?i:" + _NOTE_WORDS + r")\s+par\b|"
                           r"(?i:ingevoegd|opgeheven|vervangen|gewijzigd)\s+bij\b)(?:(?!>|&gt;|<|&lt;).)*$")


def unclosed_notes(snap: Snapshot) -> list[str]:
    """Amendment notes that open and do not close in their paragraph: shown as text, as written,
    but a page cut there or a note mistyped on Justel; the report names the article."""
    notes: list[str] = []
    where = "the text before the first article"
    for block in snap.blocks:
        if block.kind == "article":
            where = block.text
            continue
        match = UNCLOSED_NOTE.search(block.text)
        if match:
            shown = match[0].replace("&lt;", "<")
            notes.append(f"{snap.path}: {where}: the note {shown[:60]!r} has no closing '>': kept as text, as written. "
                         "Check it on Justel (a page cut short there is downloaded again).")
    return notes


def empty_articles(snap: Snapshot) -> list[str]:
    """Articles with no text at all before the next heading: Justel writes even a repealed one
    '(Abrogé)', so an empty one is most often text lost on the way; kept, and said."""
    notes: list[str] = []
    blocks = snap.blocks
    for index, block in enumerate(blocks):
        if block.kind == "article" and (index + 1 == len(blocks) or blocks[index + 1].kind != "para"):
            notes.append(f"{snap.path}: {block.text} has no text on the page: kept as a heading alone. If its text is "
                         "missing (a page saved partly), download the page again; if Justel shows it so, keep it.")
    return notes


UNREADABLE = "\ufffd"


def visible_controls(text: str, path: str, notes: list[str]) -> str:
    """The page's control characters (Justel's text has U+001A for a letter it lost, as in
    'Elektrizit\x1atsregulierungskommission', or C1 characters of a mis-decoded page) as U+FFFD,
    which the reader sees where a letter is missing, instead of an invisible character that
    `regkb check` rejects in the imported files; each one is reported with the page's line."""
    if not CONTROL.search(text):
        return text
    found = [(text.count("\n", 0, m.start()) + 1, m) for m in CONTROL.finditer(text)]
    shown = "; ".join(f"line {line}: U+{ord(m[0]):04X} in {text[max(0, m.start() - 20):m.end() + 20]!r}"
                      for line, m in found[:3])
    notes.append(f"{path}: {len(found)} control character(s) in the page ({shown}{' …' if len(found) > 3 else ''}): "
                 f"written as '{UNREADABLE}', where a letter is missing on Justel too. Replace it with the letter "
                 "meant in the imported files if you know it.")
    return CONTROL.sub(UNREADABLE, text)


# --- Markdown escaping of plain text -----------------------------------------------------------

_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\d+)([.)])(\s|$)")


def escape_text(line: str) -> str:
    """Plain text (already unescaped from HTML) as Markdown that shows exactly these characters:
    Justel's amendment notes `<AR …>` stay as they are (the shared contract with the renderer);
    any other `<` becomes `&lt;`; emphasis, code and list markers are backslash-escaped. Invisible
    characters (a zero-width space, a bidi control pasted into the page) are dropped and control
    characters shown as U+FFFD (reported by `visible_controls`): the check refuses both in sources."""
    line = INVISIBLE.sub("", line)
    out: list[str] = []
    pos = 0
    for match in JUSTEL_NOTE.finditer(line):
        if not is_note(match) or not _rendered_as_note(match[0]):
            continue
        out.append(_escape_plain(line[pos:match.start()]))
        out.append(match[0])
        pos = match.end()
    out.append(_escape_plain(line[pos:]))
    return guard_line_start(CONTROL.sub(UNREADABLE, "".join(out)))  # a character reference (&#26;) too


def _rendered_as_note(note: str) -> bool:
    """A note is written as is only when the renderer (core/legaltext.py) reads it as a note:
    anything else it would pass to Markdown as raw HTML ('<L 2003-03-20/49 onerror=…>', dropped
    by the sanitizer) or read in a code span (a backtick): such a 'note' is escaped as text."""
    found = RENDERED_NOTE.fullmatch(note)
    return found is not None and rendered_is_note(found) and "`" not in note


def _escape_plain(text: str) -> str:
    text = text.replace("\\", "\\\\")
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    for char in "`*_{}":
        text = text.replace(char, "\\" + char)
    return text.replace("](", "]\\(")


REFERENCE_DEFINITION = re.compile(r"^(\[[^\[\]\n]*\])(:)")  # "[1]: …", "[a]: …": Markdown would take the line away
HEADING_CLOSE = re.compile(r"(#+)(\s*)$")


def heading_text(text: str) -> str:
    """A heading's text whose last characters are '#': Markdown reads them as the heading's
    closing sequence and drops them ('Chapitre 2 #' would show 'Chapitre 2')."""
    return HEADING_CLOSE.sub(lambda m: "\\#" * len(m[1]) + m[2], text)


def guard_line_start(line: str) -> str:
    """A paragraph line that Markdown would read as a list, heading, quote, rule, block or
    reference definition."""
    line = line.lstrip(" \t")
    if REFERENCE_DEFINITION.match(line):
        line = REFERENCE_DEFINITION.sub(r"\1&#58;", line)
    match = _LINE_START.match(line)
    if match and match[2] == ".":
        return f"{match[1]}\\.{line[match.end(2):]}"
    if line[:1] in ("#", ">", "-", "+", "=", "!", "?", "|", ":", "~") :
        return "\\" + line if line[:1] not in ("=", "?", "|", ":", "~") else "&#" + str(ord(line[0])) + ";" + line[1:]
    if line.startswith("* "):
        return "\\" + line
    return line
