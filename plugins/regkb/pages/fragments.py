"""A version's text converted to HTML once, shared by the stable page and the version's own page.

The stable URL shows the version in force, which also has its own page: converting that text twice
(through MkDocs' whole per-page pipeline each time) was a large share of the build. Here it is
converted once with one shared Python-Markdown instance, its links written relative to the stable
page and moved one folder down for the version page, and its headings kept for the page's table of
contents. Without a converter (`render` None) the pages keep the text as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

RELATIVE_REF = re.compile(r'(\s(?:href|src)=")(?!#|/|[a-zA-Z][a-zA-Z0-9+.-]*:)')

Converter = Callable[[str], tuple[str, list]]  # Markdown -> (HTML, toc tokens)


@dataclass
class TextFragments:
    render: Converter | None = None
    _shared: dict[tuple[str, str, str], tuple[str, list]] = field(default_factory=dict)

    def html(self, key: tuple[str, str, str], markdown: str, shared: bool) -> tuple[str, list]:
        """The HTML and toc tokens of `markdown`; a `shared` text is converted for the first of
        its two pages and handed to the second (then forgotten, to keep memory flat)."""
        assert self.render is not None
        if shared and key in self._shared:
            return self._shared.pop(key)
        result = self.render(markdown)
        if shared:
            self._shared[key] = result
        return result


def one_folder_down(html: str) -> str:
    """Relative links of a fragment written for `a/b/`, valid from `a/b/c/`."""
    return RELATIVE_REF.sub(r"\1../", html)
