"""The differential "nothing lost" check of `regkb import justel`: the words a reader reads in a
Justel page's body (preamble, text, signatures) against the words the imported Markdown shows
once rendered as the site renders it.

The page is read here with its own plain reader (regular expressions for the parts, the standard
HTML parser for the text between tags), not with the importer's: a word the importer drops is
then a word missing here. The Markdown goes through the site's converter (notes, markers, points
as on the site) and its screen-reader cues are left out, so a `*` that became emphasis or a `#`
that became a heading is a word missing too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

OLD_PARTS = ("titre", "tablematiere", "texte", "signature", "preambule", "modification", "end", "top")
NEW_PARTS = {"preambule": "list-title-sw_prev", "texte": "list-title-3", "signature": "list-title-sw_sign"}
# a word, or a sign that carries meaning (a marker's bracket, '°', '§', '*', '|', '<' …); the
# period is left out: our article headings drop the label's final one ('Art. 7bis.' -> 'Art. 7bis')
TOKEN = re.compile(r"[^\W_]+|[^\w\s.]|_")


def decoded(data: bytes) -> str:
    """The page's characters, independently of the importer: BOMs, UTF-8, else Windows-1252."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _Strip(HTMLParser):
    """Text between tags; words apart at block elements and line breaks; no script or style."""

    BLOCKS = ("p", "div", "li", "tr", "td", "th", "table", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol")

    def __init__(self, hidden_class: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.hidden_class = hidden_class
        self.stack: list[bool] = []  # open spans: is it a hidden one

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "span" and self.hidden_class:
            hidden = any(k == "class" and self.hidden_class in (v or "").split() for k, v in attrs)
            self.stack.append(hidden)
            self.skip += hidden
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag == "span" and self.stack:
            self.skip -= self.stack.pop()
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(fragment: str, hidden_class: str = "") -> str:
    reader = _Strip(hidden_class)
    reader.feed(fragment)
    reader.close()
    return "".join(reader.parts).replace("\xa0", " ")


def page_parts(data: bytes) -> dict[str, str]:
    """The visible text of the page's preamble, text and signatures (either layout)."""
    raw = decoded(data)
    out: dict[str, str] = {}
    if re.match(r"\s*<html\s+version", raw, re.IGNORECASE):
        names = "|".join(OLD_PARTS)
        marks = [(m.start(), m[1].lower()) for m in re.finditer(rf'<A\s+name\s*=\s*"({names})"', raw, re.IGNORECASE)]
        for i, (start, name) in enumerate(marks):
            part = raw[start:(marks[i + 1][0] if i + 1 < len(marks) else len(raw))]
            cell = re.search(r"<th\s+align\s*=\s*left[^>]*>(.*)", part, re.IGNORECASE | re.DOTALL)
            if name in NEW_PARTS and cell:
                out[name] = text_of(cell[1])
        return out
    for name, ident in NEW_PARTS.items():
        match = re.search(rf'id="{ident}"[^>]*>(.*?)(?=<div id="list-title-|<div class="links|</main|$)', raw, re.DOTALL)
        if match:
            # the box's own title ('Texte'); an <h2> in the text is text
            out[name] = text_of(re.sub(r'<h2\b[^>]*\bclass="list-title"[^>]*>.*?</h2>', "", match[1], count=1, flags=re.DOTALL))
    return out


def page_title(data: bytes) -> str:
    """The official title as the page shows it, Justel's own '(NOTE : …)' after it left out."""
    raw = decoded(data)
    match = re.search(r'<p class="list-item--title">(.*?)</p>', raw, re.DOTALL)
    if match is None:  # old layout: the first line of the title cell
        part = re.search(r'<A\s+name\s*=\s*"titre"(.*?)<A\s+name\s*=\s*"', raw, re.IGNORECASE | re.DOTALL)
        cell = re.search(r"<th\s+align\s*=\s*left[^>]*>(.*?)<br", part[1] if part else "", re.IGNORECASE | re.DOTALL)
        match = cell
    title = " ".join(text_of(match[1]).split()) if match else ""
    return re.sub(r"\s*\((?:NOTE|NOOT)\s*:.*$", "", title)


def page_words(data: bytes) -> list[str]:
    parts = page_parts(data)
    return TOKEN.findall(" ".join(parts.get(name, "") for name in ("preambule", "texte", "signature")))


def rendered_text(markdown_body: str, lang: str) -> str:
    """What the reader reads of a version's Markdown on the site: converted with the site's
    extensions, notes and markers restored, screen-reader cues left out."""
    from regkb.core.legaltext import legal_markdown, restore_html
    from regkb.pages.fragments import markdown_converter

    html = restore_html(markdown_converter()(legal_markdown(markdown_body, lang)), lang)
    return text_of(html, hidden_class="regkb-sr")


def markdown_words(version_file: str, lang: str) -> list[str]:
    body = version_file.split("---\n", 2)[2] if version_file.startswith("---\n") else version_file
    return TOKEN.findall(rendered_text(body, lang))


@dataclass
class Difference:
    lost: list[str]  # what the page has and the import does not, with a few words of context each
    added: list[str]  # what the import shows and the page does not

    def __bool__(self) -> bool:
        return bool(self.lost or self.added)

    def __str__(self) -> str:
        return "\n".join([f"lost: {x}" for x in self.lost[:10]] + [f"added: {x}" for x in self.added[:10]])


def is_subsequence(theirs: list[str], ours: list[str]) -> bool:
    """Every word of the page, in order, among ours (greedy: exact, linear)."""
    it = iter(ours)
    return all(word in it for word in theirs)


def compare(theirs: list[str], ours: list[str], window: int = 40) -> Difference:
    """Walk both word lists together; a word not found a few words ahead on the other side is
    lost (or added). Linear in the words; the report shows each gap, once, with its context."""
    lost: list[tuple[int, int]] = []
    added: list[tuple[int, int]] = []
    i = j = 0
    while i < len(theirs) or j < len(ours):
        if i < len(theirs) and j < len(ours) and theirs[i] == ours[j]:
            i += 1
            j += 1
            continue
        in_ours = _ahead(ours, theirs[i], j, window) if i < len(theirs) else -1
        in_theirs = _ahead(theirs, ours[j], i, window) if j < len(ours) else -1
        if in_ours >= 0 and (in_theirs < 0 or in_ours - j <= in_theirs - i):
            _gap(added, j, in_ours)
            j = in_ours
        elif in_theirs >= 0:
            _gap(lost, i, in_theirs)
            i = in_theirs
        else:
            if i < len(theirs):
                _gap(lost, i, i + 1)
                i += 1
            if j < len(ours):
                _gap(added, j, j + 1)
                j += 1
    return Difference([_context(theirs, a, b) for a, b in lost], [_context(ours, a, b) for a, b in added])


def _ahead(words: list[str], word: str, start: int, window: int) -> int:
    try:
        return words.index(word, start, start + window)
    except ValueError:
        return -1


def _gap(gaps: list[tuple[int, int]], start: int, end: int) -> None:
    if gaps and gaps[-1][1] == start:
        gaps[-1] = (gaps[-1][0], end)
    else:
        gaps.append((start, end))


def _context(words: list[str], start: int, end: int) -> str:
    return (" ".join(words[max(0, start - 8):start]) + " [[" + " ".join(words[start:end]) + "]] "
            + " ".join(words[end:end + 8]))
