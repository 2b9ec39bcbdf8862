"""Justel HTML pages (both layouts) read into a Snapshot.

Old layout (`<HTML VERSION=…>`): one table per part, each after an anchor `<A name="titre">`,
`tablematiere`, `texte`, `signature`, `preambule`, `modification`; the content is in the
`<th align=left>` cell. 2024 layout (`css_2024`): one `<div id="list-title-…">` box per part
(`-1` title, `-2` contents, `-3` text, `-sw_prev` preamble, `-sw_mr` modifications). In both,
articles start at `<A NAME='Art.N'>`, structure headings at `<A NAME='LNKnnnn'>`, alinéas are
separated by `<BR>`, amendment markers are `[<sup>n</sup> … ]<sup>n</sup>` and notes are escaped
text `&lt;AR …&gt;`: the text between tags is what the reader reads, so it is kept as is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..core.articles import parse_label
from .encoding import decode
from .snapshot import Block, Snapshot, article_number, empty_articles, escape_text, parse_any_date, structure_rank, unclosed_notes, unmarked, visible_controls

OLD_SECTIONS = {"titre", "tablematiere", "texte", "signature", "preambule", "modification", "end", "top"}
NEW_SECTIONS = {"1": "titre", "2": "tablematiere", "3": "texte", "sw_prev": "preambule", "sw_mr": "modification",
                "sw_sign": "signature", "sw_sig": "signature"}
MARK = "\x01"  # markers in the text stream: \x01A<name>\x02 article, \x01H\x02 structure heading
END = "\x02"
SKIP = {"script", "style", "title", "head", "button", "nav", "footer"}
LEGAL_PARTS = ("texte", "preambule", "signature")
ELI = re.compile(r"https?://www\.ejustice\.just\.fgov\.be/eli/[A-Za-z_]+/\d{4}/\d{2}/\d{2}/\d{10}(?:/justel)?")


class JustelPageError(ValueError):
    """The page is not a Justel text page: says what was expected."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.layout = "justel-2024-css"
        self.section: str | None = None
        self.parts: dict[str, list[str]] = {}
        self.collect = False  # old layout: inside the content cell
        self.skip = 0
        self.h2 = False
        self.kept_buttons = 0
        self.lang_active = ""
        self.in_lang_button = False
        self.ended = False  # </body> or </html> seen: the page was saved to its end
        self.after_text = False  # a part, the links or the footer follow the text: the text is whole

    # sections ----------------------------------------------------------------------------
    def _open(self, name: str | None) -> None:
        if self.section == "texte" and name != "texte":
            self.after_text = True
        self.section = name
        if name and name not in ("end", "top"):
            self.parts.setdefault(name, [])

    def _emit(self, text: str) -> None:
        if self.section and self.section not in ("end", "top") and not self.skip and not self.h2:
            if self.layout == "justel-old-table" and not self.collect:
                return
            self.parts[self.section].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and "version" in a:
            self.layout = "justel-old-table"
        if tag == "button" and self.section in LEGAL_PARTS:
            self.kept_buttons += 1  # in the text, what a button says is text the reader reads
        elif tag in SKIP:
            self.skip += 1
        if tag == "footer" and self.section == "texte":
            self.after_text = True
        if tag == "a" and "nav__language-button" in a.get("class", ""):
            self.in_lang_button = "active" in a.get("class", "").split()
        if tag == "div":
            ident = a.get("id", "")
            if ident.startswith("list-title-"):
                self._open(NEW_SECTIONS.get(ident[len("list-title-"):], "other"))
                self.parts.setdefault("other", [])
            elif "links" in a.get("class", "").split():
                self._open(None)
        if tag == "h2" and self.layout != "justel-old-table" and "list-title" in a.get("class", "") or \
                tag == "h2" and self.section not in LEGAL_PARTS:
            self.h2 = True  # a box's own title ("Texte", "Préambule"); an <h2> in the text is text
        if tag == "a":
            name = a.get("name", "")
            if self.layout == "justel-old-table" and name.lower() in OLD_SECTIONS:
                self._open(name.lower())
                self.collect = False
            elif re.match(r"(?i)^art", name) and self.section == "texte":
                self._emit(f"{MARK}A{name}{END}")
            elif re.match(r"(?i)^lnk\d", name) and self.section == "texte":
                self._emit(f"{MARK}H{END}")
        if tag in ("th", "td") and self.layout == "justel-old-table" and not self.collect:
            # the content cell of a part (its header row holds links only); tables inside the
            # text (annexes) stay collected
            self.collect = a.get("align", "").strip().lower() == "left" or self.section == "modification"
        if tag in ("th", "td"):
            self._emit(" ")
        if tag == "br":
            self._emit("\n")
        if tag in ("p", "li", "tr"):
            self._emit("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in SKIP and self.skip:
            self.skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("body", "html"):
            self.ended = True
        if tag == "main" and self.section == "texte":
            self.after_text = True
        if tag == "button" and self.kept_buttons:
            self.kept_buttons -= 1
        elif tag in SKIP and self.skip:
            self.skip -= 1
        if tag == "h2":
            self.h2 = False
        if tag in ("p", "li", "div", "tr", "table"):
            self._emit("\n")
        if tag in ("td", "th"):
            self._emit(" ")  # a table's cells: "EUR</td></tr></table>Suite" is not "EURSuite"
        if tag == "a":
            self.in_lang_button = False

    def handle_data(self, data: str) -> None:
        if self.in_lang_button:
            self.lang_active = data.strip().lower()
        self._emit(data)


def _lines(chunks: list[str]) -> list[str]:
    text = "".join(chunks).replace("\xa0", " ")
    out = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line:
            out.append(line)
    return out


ART_LABEL = re.compile(r"^\s*(?P<word>Art(?:icle|ikel)?\.?)\s*(?P<num>[^\s\[<(]+?)\s*\.(?=\s|\[|<|\(|$|[^\w])", re.IGNORECASE)


def _body(lines: list[str], path: str, notes: list[str]) -> list[Block]:
    blocks: list[Block] = []
    text = "\n".join(lines)
    pieces = re.split(f"({MARK}[AH][^{END}]*{END})", text)
    pending: str | None = None
    for piece in pieces:
        if piece.startswith(MARK):
            pending = piece[1:-1]
            continue
        if pending is None:
            _paras(blocks, piece)
            continue
        marker, pending = pending, None
        if marker.startswith("H"):
            first, _, rest = piece.lstrip().partition("\n")
            if first.strip():
                blocks.append(Block("structure", escape_text(first.strip()), structure_rank(first)))
            _paras(blocks, rest)
            continue
        anchor = re.sub(r"(?i)^art\.?\s*", "", marker[1:]).strip().rstrip(".").strip()
        stripped = piece.lstrip()
        if not stripped:  # a second anchor on the same spot (<A NAME='Art.1'></A><A NAME='Art.2'>): no article
            notes.append(f"{path}: the mark <A NAME='{marker[1:]}'> is followed directly by another mark, with no "
                         "text: not an article (the next mark's article is imported).")
            continue
        label, rest = _label(stripped, anchor, marker[1:], path, notes)
        number = article_number(label)
        blocks.append(Block("article", escape_text(label), number=number))
        _paras(blocks, rest)
    return blocks


UNIQUE_LABEL = re.compile(r"^\s*(?P<label>(?:Art\.?|Article)\s+unique|Enig\s+artikel|Artikel\s+één)\s*\.?", re.IGNORECASE)
RANGE = r"\s+(?:à|a|au|et|tot|en|t/m|-|–)\s+\d+(?:er|ste)?(?:[a-z]+)?(?![\w/])(?=\s*\.)"  # "Art. 5 à 7.", "Art. 5 tot 7."
NUMBER_WORD = r"(?:n(?:r|o|°)\.?\s*)?"  # "Art. Nr. 3", "Art. n° 3": the word is not part of the number


def _label(text: str, anchor: str, mark: str, path: str, notes: list[str]) -> tuple[str, str]:
    """The article's label as the core reads it ('Art. 7bis', 'Article 1er', 'Enig artikel') and the
    text after it. The label the reader reads wins over Justel's mark, which is only an anchor;
    when the two disagree, or the label is not one the core reads, the report says so."""
    unique = UNIQUE_LABEL.match(text)
    if unique:
        return unique["label"], text[unique.end():]
    loose = r"\s?".join(re.escape(ch) for ch in anchor)  # Justel writes "11quinquies decies" for the mark 11quinquiesdecies
    match = re.match(rf"^\s*(?P<word>Art(?:icle|ikel)?\.?)\s*{NUMBER_WORD}(?P<num>{loose}(?:er|ste)?)(?![\w/])"
                     rf"(?P<range>{RANGE})?\s*\.?", text, re.IGNORECASE) if anchor else None
    match = match or ART_LABEL.match(text)
    if match is None:
        raise JustelPageError(f"{path}: the article marked <A NAME='{mark}'> does not start with "
                              f"'Art. {anchor}.' or 'Article {anchor}.' (found: {text[:40]!r}). Check the page on Justel: "
                              "a page saved incompletely or edited by hand is not imported.")
    word = "Art." if match["word"].lower() in ("art", "art.") else match["word"]
    span = (match.groupdict().get("range") or "").strip()
    label = f"{word} {match['num']}" + (f" {' '.join(span.split())}" if span else "")
    understood = parse_label(label)
    from_mark = parse_label(f"Art. {anchor}") if anchor else None
    if understood is None and from_mark is not None:
        # 'Article deuxième.': the heading the site reads is made from the mark, and the words the
        # reader reads stay, as written, at the start of the article's text
        notes.append(f"{path}: the article marked <A NAME='{mark}'> reads {text[:30]!r}: its label is not one the "
                     f"site reads; its heading is written 'Art. {anchor}' from Justel's mark and its text keeps "
                     f"{text[:match.end()].strip()!r} as written (check it).")
        return f"Art. {anchor}", text
    if span:
        notes.append(f"{path}: the article marked <A NAME='{mark}'> is labelled {label!r}, several articles in one "
                     f"(as Justel writes articles repealed together): imported as one article with the anchor of "
                     f"{match['num']}; the others have no anchor of their own. Check it against Justel.")
    if understood is None:
        raise JustelPageError(f"{path}: the article marked <A NAME='{mark}'> has the label {label!r}, which is not an "
                              "article number the site reads (Art. 7, 7bis, 22bis/1, XI.172, N1 …).")
    if from_mark is not None and from_mark.anchor != understood.anchor:
        notes.append(f"{path}: the article marked <A NAME='{mark}'> is labelled {label!r} in the text: imported as "
                     f"{label!r} (what the reader reads); check it against Justel.")
    return label, text[match.end():]


def _paras(blocks: list[Block], text: str) -> None:
    for line in text.split("\n"):
        line = line.strip()
        if line:
            blocks.append(Block("para", escape_text(line)))


def _field(lines: list[str], *names: str) -> str:
    """The value after 'Name :' in the title box (old: 'Publication : 25-03-1982 numéro : …')."""
    joined = "\n".join(lines)
    for name in names:
        match = re.search(rf"{name}(?:\s*/\s*[^\W\d]+)?\s*:\s*(.+)", joined, re.IGNORECASE)  # "… / Effet :"
        if match:
            return match[1].strip()
    return ""


KINDS = [
    (re.compile(r"\b(arr[êe]t[ée] royal|koninklijk besluit)\b", re.IGNORECASE), "royal-decree"),
    (re.compile(r"\b(arr[êe]t[ée] minist[ée]riel|ministerieel besluit)\b", re.IGNORECASE), "ministerial-decree"),
    (re.compile(r"^\s*[^-]*-\s*(loi|wet)\b", re.IGNORECASE), "law"),
]
TITLE_DATE = re.compile(r"^\s*(\d{1,2}(?:er|ste)?\s+[A-Za-zÉÛéû]+\s+\d{4})\s*\.")


def kind_of(title: str) -> str:
    """Our kind from the official title '23 MARS 1982. - Arrêté royal …' ('' when not a law or decree)."""
    head = title.split(" - ", 1)[-1] if " - " in title else title
    for pattern, kind in KINDS:
        if pattern.search(title if kind == "law" else head[:80]):
            return kind
    return ""


def read_page(path: str, data: bytes) -> Snapshot:
    """Parse a Justel page; raises JustelPageError naming what was expected."""
    notes: list[str] = []
    html = visible_controls(decode(data, path, notes), path, notes)
    reader = _Reader()
    try:
        reader.feed(html)
        reader.close()
    except Exception as exc:  # noqa: BLE001 - html.parser on hostile bytes: one message, no traceback
        raise JustelPageError(f"{path}: not readable as HTML ({exc}).") from exc
    parts = {name: _lines(chunks) for name, chunks in reader.parts.items()}
    if ("texte" not in parts or not parts["texte"]) and any(parts.values()) and not reader.ended:
        _whole(path, reader, parts.get("texte", []))  # a Justel page cut before its text
    if "texte" not in parts or not parts["texte"]:
        cut = (" The page also stops before its end (no </body> or </html>): if it is a Justel page whose download "
               "was cut short, download it again.") if data.strip() and not reader.ended else ""
        raise JustelPageError(f"{path}: not a Justel text page: expected a 'Texte' part (old layout "
                              f"<A name=\"texte\">, 2024 layout <div id=\"list-title-3\">) with articles <A NAME='Art.N'>.{cut}")
    _whole(path, reader, parts["texte"])
    title_lines = parts.get("titre", [])
    if not title_lines:
        raise JustelPageError(f"{path}: no 'Titre' part (the title, NUMAC and dates of the text) was found.")
    snap = Snapshot(path=path, lang="", shape=reader.layout, notes=notes)
    snap.title = _title(title_lines)
    snap.kind = kind_of(snap.title)
    match = TITLE_DATE.match(snap.title)
    snap.act_date = parse_any_date(match[1]) if match else None
    numac = re.search(r"(?:num[ée]ro|nummer)\s*:?\s*(\d{10})\b", "\n".join(title_lines), re.IGNORECASE)
    if numac is None:
        numac = re.search(r"^\s*(\d{10})\s*$", "\n".join(title_lines), re.MULTILINE)
    snap.numac = numac[1] if numac else ""
    snap.published = parse_any_date(_field(title_lines, "Publication", "Publicatie", "Bekendmaking"))
    snap.in_force_field = parse_any_date(_field(title_lines, r"Entr[ée]e en vigueur", "Inwerkingtreding"))
    updated = re.search(r"(?:mise [àa] jour au|bijgewerkt tot|update)\s*:?\s*(\d{2}-\d{2}-\d{4})", "\n".join(title_lines), re.IGNORECASE)
    snap.updated = parse_any_date(updated[1]) if updated else None
    eli = ELI.search(html)
    snap.eli = eli[0].replace("http://", "https://") if eli else ""
    snap.lang = _language(reader, html, snap.title)
    snap.blocks = _body(parts["texte"], path, snap.notes)
    if not snap.articles:
        raise JustelPageError(f"{path}: the 'Texte' part has no article (expected <A NAME='Art.N'> marks).")
    snap.notes += unmarked(snap) + unclosed_notes(snap) + empty_articles(snap)
    snap.preamble = [escape_text(line) for line in parts.get("preambule", [])]
    snap.signatures = [escape_text(line) for line in parts.get("signature", [])]
    mods = " ".join(parts.get("modification", []))
    for m in re.finditer(r"\b(?:DU|VAN)\s+(\d{2}-\d{2}-\d{4})\s+(?:PUBLI[EÉ]|GEPUBLICEERD|BEKENDGEMAAKT)\s+(?:LE|OP)\s+(\d{2}-\d{2}-\d{4})",
                         mods, re.IGNORECASE):
        signed, published = parse_any_date(m[1]), parse_any_date(m[2])
        if signed and published:
            snap.modifications.append((signed, published))
    return snap


def _whole(path: str, reader: _Reader, text: list[str]) -> None:
    """A page cut short (a download interrupted, a copy saved half) would import half a text that
    looks whole: the page must reach its end and its text part be followed by another part."""
    missing = []
    if not reader.after_text:
        missing.append("nothing follows its 'Texte' part (no preamble, modifications, links or end of page after it)")
    if not reader.ended:
        missing.append("no </body> or </html>")
    if missing:
        last = " ".join(re.sub(f"{MARK}[^{END}]*{END}", " ", " ".join(text[-3:])).split())[-60:]
        if not text and not reader.after_text:
            missing[0] = "it ends before its 'Texte' part has any text"
        ends = f"The text read ends with {last!r}. " if last else ""
        raise JustelPageError(f"{path}: the page stops before its end ({'; '.join(missing)}): a download cut short? "
                              f"{ends}Download the page again; nothing is imported from "
                              "a page that is not whole.")


def _title(lines: list[str]) -> str:
    """The official title: the first line of the title box that is not a note or a field."""
    for line in lines:
        if re.match(r"^\d{10}$", line) or line.startswith("(NOTE") or ":" in line[:25] or line in ("Titre", "Titel"):
            continue
        return re.sub(r"\s*\((?:NOTE|NOOT)\s*:.*$", "", line).strip()  # Justel's notes follow the title
    return ""


def _language(reader: _Reader, html: str, title: str) -> str:
    if reader.lang_active in ("fr", "nl"):
        return reader.lang_active
    if re.search(r"Version\s+n(?:&eacute;|é)erlandaise", html, re.IGNORECASE):
        return "fr"
    if re.search(r"Franse\s+versie|Version\s+fran", html, re.IGNORECASE):
        return "nl"
    return guess_language(title)


DUTCH = re.compile(r"\b(het|van|een|wordt|worden|voor|tot|besluit|artikel)\b", re.IGNORECASE)
FRENCH = re.compile(r"\b(le|la|les|des|du|une|est|sont|pour|arrêté|article)\b", re.IGNORECASE)


def guess_language(text: str) -> str:
    """French or Dutch by their most common words (for pages and exports without a marker)."""
    return "nl" if len(DUTCH.findall(text)) > len(FRENCH.findall(text)) else "fr"
