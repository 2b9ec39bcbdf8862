"""Values written into XML (the Atom feeds, the sitemap): one function per context.

Escaped for the context and without what XML 1.0 cannot hold (control characters, U+FFFE/U+FFFF,
lone surrogates), so a parser reads back the value as written: in an attribute, a tab, newline or
carriage return is a character reference (a parser would turn it into a space), and in text a
carriage return is one (a parser would turn it into a newline). Quotes are escaped in text too,
as the feeds always wrote them (the same bytes for every value without those characters).
"""

from __future__ import annotations

import re

from ..core.limits import CONTROL

_NOT_XML = re.compile("[\ud800-\udfff]")  # surrogates: CONTROL has the rest
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                       "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def _xml_chars(value: str) -> str:
    return _NOT_XML.sub("", CONTROL.sub("", value))


def xml_text(value: str) -> str:
    """`value` as the text of an XML element."""
    return _xml_chars(value).translate(_TEXT)


def xml_attr(value: str) -> str:
    """`value` inside a double- or single-quoted XML attribute."""
    return _xml_chars(value).translate(_ATTR)
