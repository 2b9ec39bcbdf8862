"""Justel's amendment notes, amendment markers and legal enumerations, shown as written.

Consolidated texts from Justel carry notes in angle brackets (`<L 2003-03-20/49, art. 11, 008;
En vigueur : 04-04-2003>`, `<W ...>`, `<AR ...>`, `<Inséré par L ...>`) and numbered markers around
amended passages (`[1 ...]1`). They stay in the sources exactly as Justel writes them; Markdown
would take a note for an unknown HTML tag (invisible on the page) and a marker for a link. Here
each becomes text before conversion: a note is a `<span class="regkb-note" role="note">` whose
content is the note, escaped, its dates in `<time>` with a readable date, announced as an
amendment note to screen readers; a marker is a `<span class="regkb-mark">` with the marker as
written and a spoken cue.

Legal points are numbered by the text itself (`1.`, `1°`, `3° ter`, `a)`, `A.`, `I.`): Markdown
would renumber a `1.` list (a list restarting after a `3° bis` paragraph shows `1.` for `3. ter`).
A line starting with `N.` is kept a paragraph with its number as written (the dot escaped), and a
point that follows another line without a blank line gets a line break, so every point starts its
own line as in the enacted text.

Code (fenced, indented, inline) is left as written. No MkDocs here: the output is Markdown with a
few inline spans (span/time with class, role, aria-hidden, datetime, title).
"""

from __future__ import annotations

import datetime as dt
import html
import re

from ..catalogue import DEFAULT_LANG, LANGUAGES, label
from .codespans import code_ranges
from .dates import format_date

HTML_ELEMENTS = frozenset(
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite "
    "code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li "
    "link main map mark meta meter nav noscript object ol optgroup option output p param picture pre "
    "progress q rp rt ruby s samp script section select small source span strong style sub summary sup "
    "table tbody td template textarea tfoot th thead time tr track u ul var video wbr font center".split())
# `<` + a word (not an HTML element) + text holding a digit, without `<`, `>`, `=` or quotes, on one line
# (linear: the name stops at its first space or second comma, the text is read up to its first digit once)
NOTE = re.compile(r"<(?P<name>[A-Za-zÀ-ÿ][^\s<>=\",]*,?)(?P<rest>[ ,][^<>=\"\n\d]*\d[^<>=\"\n]*?)>")
OPEN_MARK = re.compile(r"\[(?P<n>\d{1,3})(?=[\s\[(]|\.\.\.|…)")
CLOSE_MARK = re.compile(r"\](?P<n>\d{1,3})(?![\d°])")
LINK_TEXT = re.compile(r"\[[^\[\]\n]*\]\(")  # a Markdown link's text, not a marker
JUSTEL_DATE = re.compile(r"\b(?P<d>\d{2})-(?P<m>\d{2})-(?P<y>\d{4})\b")
NUMBERED_LINE = re.compile(r"^(?P<indent> {0,3})(?P<num>\d{1,4})\.(?P<space>[ \t]+)")
POINT = re.compile(r"^ {0,3}(?:\d{1,4}\s?°|\d{1,4}\.\s|[a-z]\)|[A-Z]\.\s|[IVXLC]{1,6}\.\s|§\s?\d)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
def _cues(lang: str) -> tuple[str, str, str]:
    """The screen-reader cues of amendment notes (catalogue/<lang>.yml, labels.note_*)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANG
    return (label(lang, "note_cue"), label(lang, "note_begin"), label(lang, "note_end"))
_MD_SPECIALS = {"*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;",
                "#": "&#35;", "{": "&#123;", "}": "&#125;", "|": "&#124;"}


def is_note(match: re.Match[str]) -> bool:
    return match["name"].lower().rstrip(".") not in HTML_ELEMENTS


def _entities(text: str) -> str:
    """Escaped for HTML, and Markdown's marks as entities, so the note's text stays as written."""
    return "".join(_MD_SPECIALS.get(ch, ch) for ch in html.escape(text, quote=False))


def _dates(escaped: str, lang: str) -> str:
    def readable(match: re.Match[str]) -> str:
        try:
            day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return match[0]
        return f'<time datetime="{day.isoformat()}" title="{html.escape(format_date(day, lang))}">{match[0]}</time>'
    return JUSTEL_DATE.sub(readable, escaped)


def note_html(note: str, lang: str) -> str:
    """One amendment note (with its brackets) as inline HTML."""
    cue = _cues(lang)[0]
    return (f'<span class="regkb-note" role="note"><span class="regkb-sr">{html.escape(cue)}</span>'
            f'{_dates(_entities(note), lang)}</span>')


def mark_html(mark: str, number: str, opening: bool, lang: str) -> str:
    cue = _cues(lang)[1 if opening else 2].format(n=number)
    shown = _entities(mark)
    return (f'<span class="regkb-mark"><span aria-hidden="true">{shown}</span>'
            f'<span class="regkb-sr"> ({html.escape(cue)}) </span></span>')


def _in(ranges: list[tuple[int, int]], position: int) -> bool:
    import bisect
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


# Notes and markers travel through Python-Markdown as characters of Unicode's private use area,
# which no Markdown rule touches and headings' slugs drop; restore_html() turns them into their
# HTML after conversion. Raw HTML spans written into the Markdown instead cost a quarter of the
# conversion of a Justel text (thousands of markers, each parsed as HTML by md_in_html).
NOTE_START, NOTE_END = "\ue000", "\ue001"
OPEN_START, CLOSE_START, MARK_END = "\ue002", "\ue003", "\ue004"
_DIGIT0 = 0xE010
PLACED_NOTE = re.compile("\ue000([^\ue000\ue001]*)\ue001")
PLACED_MARK = re.compile("([\ue002\ue003])([\ue010-\ue019]+)\ue004")


def _digits(number: str) -> str:
    return "".join(chr(_DIGIT0 + int(d)) for d in number)


def restore_html(converted: str, lang: str) -> str:
    """The HTML of a text converted from legal_markdown(): notes and markers as their spans."""
    if "\ue000" not in converted and "\ue002" not in converted and "\ue003" not in converted:
        return converted
    cue = _cues(lang)

    def note(match: re.Match[str]) -> str:
        return (f'<span class="regkb-note" role="note"><span class="regkb-sr">{html.escape(cue[0])}</span>'
                f"{_dates(match[1], lang)}</span>")

    def mark(match: re.Match[str]) -> str:
        number = "".join(str(ord(ch) - _DIGIT0) for ch in match[2])
        opening = match[1] == OPEN_START
        shown = f"&#91;{number}" if opening else f"&#93;{number}"
        spoken = cue[1 if opening else 2].format(n=number)
        return (f'<span class="regkb-mark"><span aria-hidden="true">{shown}</span>'
                f'<span class="regkb-sr"> ({html.escape(spoken)}) </span></span>')

    return PLACED_MARK.sub(mark, PLACED_NOTE.sub(note, converted))


def legal_markdown(body: str, lang: str) -> str:
    """The body with notes and markers as placeholders (restore_html() makes them HTML after
    conversion) and enumerations kept as written."""
    body = _points(body)
    ranges = code_ranges(body)
    first_open: dict[str, int] = {}
    for m in OPEN_MARK.finditer(body):
        first_open.setdefault(m["n"], m.start())
    last_close: dict[str, int] = {m["n"]: m.start() for m in CLOSE_MARK.finditer(body)}
    pieces: list[str] = []
    position = 0
    events = []
    for m in NOTE.finditer(body):
        if is_note(m):
            events.append((m.start(), m.end(), NOTE_START + _entities(m[0]) + NOTE_END))
    for m in OPEN_MARK.finditer(body):  # an opening marker needs a closing one after it
        if last_close.get(m["n"], -1) > m.start() and not LINK_TEXT.match(body, m.start()):
            events.append((m.start(), m.end(), OPEN_START + _digits(m["n"]) + MARK_END))
    for m in CLOSE_MARK.finditer(body):  # and a closing one an opening one before it
        if first_open.get(m["n"], len(body)) < m.start():
            events.append((m.start(), m.end(), CLOSE_START + _digits(m["n"]) + MARK_END))
    events.sort()
    for start, end, replacement in events:
        if start < position or _in(ranges, start):
            continue  # inside a note already replaced, or in code
        pieces.append(body[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _points(body: str) -> str:
    """Numbered lines kept as written (not a Markdown list), each point on its own line."""
    lines = body.split("\n")
    in_fence = False
    previous = ""
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            point = POINT.match(line)
            if point:
                if previous.strip() and not previous.lstrip().startswith(("#", "|", "-", "*", "+", ">")) \
                        and not previous.endswith("  ") and lines[index - 1] is previous:
                    lines[index - 1] = previous + "  "  # a line break before the point
                numbered = NUMBERED_LINE.match(line)
                if numbered:
                    line = lines[index] = (numbered["indent"] + numbered["num"] + "\\." + numbered["space"]
                                           + line[numbered.end():])
        previous = lines[index]
    return "\n".join(lines)


def escaped_notes(escaped: str, lang: str) -> str:
    """Notes in text already escaped for HTML (a diff page): styled like on the text's page."""
    def replace(match: re.Match[str]) -> str:
        if match["name"].lower().rstrip(".") in HTML_ELEMENTS:
            return match[0]
        cue = _cues(lang)[0]
        return (f'<span class="regkb-note" role="note"><span class="regkb-sr">{html.escape(cue)}</span>'
                f"{_dates(match[0], lang)}</span>")
    return ESCAPED_NOTE.sub(replace, escaped)


ESCAPED_NOTE = re.compile(r"&lt;(?P<name>[A-Za-zÀ-ÿ][^\s<>&=\",]*,?)(?:[ ,](?:(?!&lt;|&gt;)[^<>=\"\n\d])*\d(?:(?!&lt;|&gt;)[^<>=\"\n])*?)&gt;")
