"""The HTML policy for authors' Markdown, as a check that names the file and line.

The sanitizer (pages/sanitize.py, nh3) is what guarantees the published HTML: whatever the source,
no script, event handler, `javascript:`/`data:` URL, frame, form or style attribute reaches a page.
This module tells the author *before* that, with the line to fix, so that nothing is removed
silently: `regkb check` and the build report the same constructs (an error: strict mode fails).

The scan reads the Markdown itself (linear, no conversion), outside code (code is shown as written).
Justel's amendment notes (`<L 2008-12-22/32, art. 96>`, `<W ...>`, `<AR ...>`, `<Inséré par ...>`)
look like tags but are not HTML elements: they are never reported here (they are text, see
core/articles.py and the real-legislation contract).
"""

from __future__ import annotations

import bisect
import html
import re
from typing import Iterator

from .codespans import code_ranges

# What authors may write as raw HTML (and what Python-Markdown's extensions emit).
ALLOWED_TAGS = frozenset("""
a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption
figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp section small span strong sub
summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split())
# Attributes allowed on every allowed tag, and per tag (pages/sanitize.py uses the same lists).
GENERIC_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title", "role"})
GENERIC_PREFIXES = frozenset({"aria-"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}), "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "ol": frozenset({"start", "type", "reversed"}), "li": frozenset({"value"}),
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}), "time": frozenset({"datetime"}), "abbr": frozenset({"title"}),
    "del": frozenset({"datetime", "cite"}), "ins": frozenset({"datetime", "cite"}),
    "q": frozenset({"cite"}), "blockquote": frozenset({"cite"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ATTR_LIST_KEYS = frozenset({"id", "class"})

# Element names a browser knows (HTML, SVG, MathML roots) that are not allowed: a tag with such a
# name in a source is reported. Other `<Word ...>` (Justel's notes) are text, not reported.
_KNOWN_FORBIDDEN = frozenset("""
script style iframe frame frameset object embed applet form input button select textarea option
optgroup label fieldset legend output datalist meter progress keygen link meta base title head body
html svg math template noscript video audio source track canvas dialog portal slot marquee xmp
plaintext noembed noframes param picture map area listing image isindex font center bgsound blink
nav header footer main aside article address hgroup menu search
""".split())
# What Python-Markdown's inline pattern takes for raw HTML (markdown.inlinepatterns.HTML_RE)
_MD_HTML = re.compile(r"<(?!/)([a-zA-Z][^<>@ ]*(?: [^<>]*)?)>")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*)?)/?>?")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_MD_URL = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?([^)\s>]*)")  # alt text with one level of [..]
# Python-Markdown's autolinks (markdown.inlinepatterns.AUTOLINK_RE): any other `<scheme:...>` is
# taken for raw HTML, an unknown element the sanitizer removes with its text
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>")
_MD_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
_ATTR_LIST_KEY = re.compile(r"""(?:^|\s)([^\s"'=#.{}]+)\s*=""")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\s]+")


def external_image(url: str) -> bool:
    """An image address on another site (`https://...`, `//host/...`): loading it would tell that
    site who reads the page, and the Content-Security-Policy blocks it (img-src 'self')."""
    plain = _CONTROL.sub("", html.unescape(url)).lower().replace("\\", "/")
    return plain.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*:", plain) is not None and not plain.startswith("data:")


def style_allowed(style: str) -> bool:
    """A table cell's style as the tables extension writes it: `text-align` only (the sanitizer
    drops every other property)."""
    names = [part.split(":", 1)[0].strip().lower() for part in html.unescape(style).split(";") if part.strip()]
    return all(name == "text-align" for name in names)


def url_allowed(url: str) -> bool:
    """A link or image target the policy allows: relative, or one of URL_SCHEMES."""
    plain = _CONTROL.sub("", html.unescape(url)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", plain)
    return match is None or match.group(1) in URL_SCHEMES or match.group(1) == "ref"


def violations(markdown: str) -> Iterator[tuple[int, str]]:
    """(offset, problem) of each construct the policy forbids, outside code, in source order."""
    found = list(_scan(markdown))
    ranges = code_ranges(markdown) if found else []  # only for a text with something to report
    for offset, problem in found:
        if not ranges or not _in_code(ranges, offset):  # code is shown as written
            yield offset, problem


def _in_code(ranges: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]


def _justel_note(text: str, start: int) -> bool:
    """An amendment note as Justel writes it (`<L 2003-03-20/49, art. 11; En vigueur : ...>`):
    core/legaltext.py shows it as text, it never reaches the sanitizer."""
    from .legaltext import NOTE

    return NOTE.match(text, start) is not None


def _attr_lists(text: str) -> Iterator[tuple[int, str]]:
    """(offset, inside) of each `{...}` as `_ATTR_LIST.finditer` finds them, in one pass: every
    '{' before the same '}' or end of line gives the same answer, so each stretch is read once
    (the pattern alone reread the line from each '{' of a run that never closes)."""
    position = text.find("{")
    while position >= 0:
        close, newline = text.find("}", position), text.find("\n", position)
        if close < 0 or 0 <= newline < close:  # no '{' from here to the line's end opens a list
            if newline < 0:
                return
            position = text.find("{", newline)
            continue
        match = _ATTR_LIST.match(text, position, close + 1)
        if match:
            yield match.start(), match.group(1)
        position = text.find("{", close + 1)


def _scan(text: str) -> Iterator[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if name in _KNOWN_FORBIDDEN:
            found.append((match.start(), f"the HTML element <{name}> is not allowed"))
            continue
        if name not in ALLOWED_TAGS or match.group(1):
            continue
        for attr in _ATTR.finditer(match.group(3) or ""):
            key = attr.group(1).lower()
            value = next((v for v in attr.group(2, 3, 4) if v is not None), "")
            if key.startswith("on"):
                found.append((match.start(), f"the event attribute '{key}' is not allowed"))
            elif key == "style" and name not in ("td", "th"):
                found.append((match.start(), "the style attribute is not allowed"))
            elif key == "style" and not style_allowed(value):
                found.append((match.start(), f"the style '{value[:40]}' is not allowed on <{name}> (only text-align)"))
            elif key == "src" and name == "img" and external_image(value):
                found.append((match.start(), f"the image '{value[:40]}' is on another site: it is not shown (only "
                                             "images of the site, in docs/)"))
            elif key in ("href", "src", "cite", "action", "formaction", "xlink:href") and not url_allowed(value):
                found.append((match.start(), f"the URL '{value[:40]}' is not allowed (only http, https, mailto, tel or a relative link)"))
            elif not (key in GENERIC_ATTRIBUTES or key in TAG_ATTRIBUTES.get(name, ())
                      or any(key.startswith(p) for p in GENERIC_PREFIXES)):
                found.append((match.start(), f"the attribute '{key}' is not allowed on <{name}>"))
    for match in _MD_HTML.finditer(text) if "<" in text else ():
        name = re.split(r"[\s/]", match.group(1), maxsplit=1)[0].lower()
        if (name in ALLOWED_TAGS or name in _KNOWN_FORBIDDEN or "@" in match.group(0)
                or _justel_note(text, match.start())):  # <a@b.be> is a link
            continue
        autolink = _AUTOLINK.match(text, match.start())
        if autolink:  # <https://…>; <ftp://…> loses its link in the sanitizer
            if not url_allowed(autolink.group(1)):
                found.append((match.start(), f"the link target '{autolink.group(1)[:40]}' is not allowed (only http, "
                                             "https, mailto, tel, ref: or a relative link)"))
            continue
        # Python-Markdown passes it as HTML, a browser (and the sanitizer) takes it for an unknown
        # element: its words would silently not show
        found.append((match.start(), f"'{match.group(0)[:40]}' reads as an unknown HTML element: its text "
                                     "would not show on the page (write '&lt;' for a '<' that is text, or use a code span)"))
    urls = [*_MD_URL.finditer(text), *(_MD_DEFINITION.finditer(text) if "]:" in text else ())]
    for match in urls:
        url = match.group(1)
        if url and not url_allowed(url):
            found.append((match.start(), f"the link target '{url[:40]}' is not allowed (only http, https, mailto, tel, ref: or a relative link)"))
    for match in _MD_IMAGE.finditer(text) if "![" in text else ():
        if url_allowed(match.group(1)) and external_image(match.group(1)):
            found.append((match.start(), f"the image '{match.group(1)[:40]}' is on another site: it is not shown "
                                         "(only images of the site, in docs/)"))
    for start, inner in _attr_lists(text) if "{" in text else ():
        for key in _ATTR_LIST_KEY.findall(inner):
            if key.lower() not in ATTR_LIST_KEYS:
                found.append((start, f"the attribute '{key}' in '{{: ...}}' is not allowed (only #id, .class, id= and class=)"))
    return iter(sorted(found))


def violation_lines(markdown: str, first_line: int) -> list[tuple[int, str]]:
    """Each violation with its line in the file (the text starts at `first_line`)."""
    starts = [0] + [m.end() for m in re.finditer("\n", markdown)]
    return [(first_line + bisect.bisect_right(starts, offset) - 1, problem)
            for offset, problem in violations(markdown)]
