"""Every HTML converted from authors' Markdown goes through an allowlist sanitizer.

nh3 (Python binding of the Rust crate ammonia): maintained, allowlist-based, parses with html5ever
(the same tree-building rules as browsers, so no mutation-XSS gap between what it checks and what a
browser builds), fast enough to run on every text of a 20,000-page build, and has no Python
dependency. bleach, the usual alternative, is deprecated.

The lists are core/htmlpolicy.py's, which also reports each forbidden construct with its line: the
sanitizer is the guarantee, the check is how the author learns about it.
"""

from __future__ import annotations

import re

import nh3

from ..core.htmlpolicy import ALLOWED_TAGS, external_image, GENERIC_ATTRIBUTES, GENERIC_PREFIXES, TAG_ATTRIBUTES, URL_SCHEMES

_ATTRIBUTES = {"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}}
# ids that could shadow the theme's own elements (`__config`, `__drawer`, ...: DOM clobbering) or
# that are not plain words (the table of contents prints them in links)
_GOOD_ID = re.compile(r"[^\W_][\w.:-]*")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """An id that is not a plain word is dropped, by the sanitizer itself: a pattern run on its
    output could match text inside another attribute's value (`href="<x id=..."`) and cut the
    markup apart (found by tests/test_security.py's property test). An image from another site
    loses its address: loading it would tell that site who reads the page."""
    if name == "id":
        return value if _GOOD_ID.fullmatch(value) else None
    if name == "src" and tag == "img" and external_image(value):
        return None
    return value


_OPTIONS: dict = {
    "tags": set(ALLOWED_TAGS),
    "clean_content_tags": {"script", "style", "template", "textarea", "title", "noscript", "xmp", "iframe",
                        "noembed", "noframes", "plaintext", "object", "svg", "math"},
    "attributes": _ATTRIBUTES,
    "generic_attribute_prefixes": set(GENERIC_PREFIXES),
    "url_schemes": set(URL_SCHEMES),
    "link_rel": None,
    "strip_comments": True,
    "filter_style_properties": {"text-align"},  # the tables extension aligns columns with style
    "attribute_filter": _attribute,
}
# nh3's Cleaner (0.3) holds the lists once: `nh3.clean` converts them on every call, which was
# five sixths of the time on an article's few paragraphs (texts are converted unit by unit)
_clean = nh3.Cleaner(**_OPTIONS).clean if hasattr(nh3, "Cleaner") else (lambda html: nh3.clean(html, **_OPTIONS))


def sanitize(html: str) -> str:
    """`html` with only the allowed tags, attributes and URL schemes; the text is kept (a removed
    element's content stays, except script/style whose content is dropped)."""
    return _clean(html)
