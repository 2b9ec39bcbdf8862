"""The authors' Markdown, converted to HTML once, with one shared Python-Markdown instance.

Generated pages are final HTML; only the texts written by staff (a version's text and the
introduction of its document, a circular, an answer) are Markdown. A fresh Python-Markdown
instance per page and MkDocs' tree processors were a large share of the build, so every text goes
through one instance here, with the site's extensions (the adapter passes them; without one, the
extensions of the project's mkdocs.yml).

The stable URL shows the version in force, which also has its own page: that text is converted
once, its links written relative to the stable page and moved one folder down for the version page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable

from ..core.limits import too_costly
from .sanitize import sanitize
from .tables import scroll_tables

RELATIVE_REF = re.compile(r'(\s(?:href|src)=")(?!#|/|[a-zA-Z][a-zA-Z0-9+.-]*:)')
DEFAULT_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.details",
                      "pymdownx.superfences"]

Converter = Callable[[str], str]  # Markdown -> HTML

# Extensions that act only where their marker is written. A text without the marker converts to
# the same HTML without them, 5 to 10 % faster (superfences, for one, tests every block for an
# indented code block). Checked on every source of the sample in tests/test_fragments.py.
MARKERS: dict[str, tuple[str, ...]] = {
    "pymdownx.details": ("???",),
    "admonition": ("!!!",), "markdown.extensions.admonition": ("!!!",),
    "tables": ("|",), "markdown.extensions.tables": ("|",),
    "pymdownx.superfences": ("```", "~~~"),
    "fenced_code": ("```", "~~~"), "markdown.extensions.fenced_code": ("```", "~~~"),
    # an attribute list is written in braces; its tree pass over every element of a text without
    # one is about a sixth of converting an article's paragraphs (the FR ‖ NL cells, the articles)
    "attr_list": ("{",), "markdown.extensions.attr_list": ("{",),
}


# `toc` gives an id to each heading without one (and, with a permalink, a link): a text whose
# headings all carry their id (`{#art-7}`, as every article does on our pages) converts to the same
# HTML without it, when its options add nothing to a heading that has an id
TOC_NAMES = ("toc", "markdown.extensions.toc")
TOC_OFF_OPTIONS = frozenset({"permalink", "anchorlink"})  # add to headings with an id unless false
TOC_LIST_OPTIONS = frozenset({"toc_depth", "title", "title_class", "toc_class"})  # the list only
TOC_NEEDED = re.compile(r"^ {0,3}#{1,6}(?![^\n]*\{[^{}\n]*#)|^ {0,3}(?:=+|-+)[ \t]*$|<h[1-6]|\[TOC\]", re.MULTILINE | re.IGNORECASE)


def _toc_optional(name: object, configs: dict) -> bool:
    options = configs.get(name) or {}
    return name in TOC_NAMES and all(key in TOC_LIST_OPTIONS or (key in TOC_OFF_OPTIONS and not value)
                                     for key, value in options.items())


def markdown_converter(extensions: list | None = None, configs: dict | None = None) -> Converter:
    """Python-Markdown with the given extensions, reset between texts: one instance per set of
    extensions a text needs (those of MARKERS whose marker it lacks are left out)."""
    import markdown

    names = list(extensions if extensions is not None else DEFAULT_EXTENSIONS)
    configs = configs or {}
    # an extension with options may act without its marker (superfences'
    # disable_indented_code_blocks, for one): those always stay
    optional = [name for name in names if isinstance(name, str) and name in MARKERS and not configs.get(name)]
    toc = [name for name in names if isinstance(name, str) and _toc_optional(name, configs)]
    instances: dict[frozenset[str], markdown.Markdown] = {}

    def convert(text: str) -> str:
        if too_costly(text):  # reported by the check (core/limits.py): shown as plain text
            return plain_text_html(text)
        unused = frozenset([name for name in optional if not any(mark in text for mark in MARKERS[name])]
                           + (toc if toc and not TOC_NEEDED.search(text) else []))
        md = instances.get(unused)
        if md is None:
            md = instances[unused] = markdown.Markdown(
                extensions=[name for name in names if name not in unused],
                extension_configs={name: value for name, value in configs.items() if name not in unused})
        try:
            return scroll_tables(sanitize(md.reset().convert(text)))
        except RecursionError:  # thousands of nested quotes or lists (reported by the check)
            return plain_text_html(text)

    return convert


def plain_text_html(text: str) -> str:
    """A text Python-Markdown cannot convert in bounded time, shown as written (escaped)."""
    return f'<pre class="regkb-unconverted">{html.escape(text, quote=False)}</pre>'



@dataclass
class TextFragments:
    render: Converter | None = None
    by_units: bool = True  # a version's text converted unit by unit (pages/unithtml.py): the site's extensions allow it
    _shared: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def convert(self, markdown: str) -> str:
        if self.render is None:
            self.render = markdown_converter()
        return self.render(markdown)

    def html(self, key: tuple[str, str, str], make: Callable[[], str], shared: bool) -> str:
        """The HTML `make()` gives; a `shared` text is prepared and converted for the first of
        its two pages and handed to the second (then forgotten, to keep memory flat)."""
        if shared and key in self._shared:
            return self._shared.pop(key)
        result = make()
        if shared:
            self._shared[key] = result
        return result


def one_folder_down(html: str) -> str:
    """Relative links of a fragment written for `a/b/`, valid from `a/b/c/`."""
    return RELATIVE_REF.sub(r"\1../", html)
