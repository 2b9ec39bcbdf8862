"""What the regkb/site plugin keeps between builds of one process (`mkdocs serve`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig

from ..pages.fragments import markdown_converter
from . import speed


@dataclass
class ProcessMemory:
    """What outlives one build in this process. `mkdocs serve` rebuilds the whole site on every
    change with a new configuration and new plugin instances; only the module lives on, and with
    it the one instance of this class (`RegkbSitePlugin.memory`)."""

    settings: str | None = None  # the Markdown extensions and their options the results are for
    previous: dict[bytes, str] = field(default_factory=dict)  # blake2b of the Markdown -> HTML
    current: dict[bytes, str] = field(default_factory=dict)
    epoch: str | None = None  # the SOURCE_DATE_EPOCH this process declared (_declare_build_date)

    def converter(self, config: MkDocsConfig) -> Callable[[str], str]:
        """The shared Python-Markdown converter, remembering the previous build's results.

        A text whose Markdown (links already resolved) is unchanged is not converted again: an
        edit reconverts one text, not all of them. Results not used in a build are dropped after
        it, so memory stays that of one build. With the switch off (site/speed.py) every text is
        converted each time it is used."""
        if not speed.enabled():
            self.settings, self.previous, self.current = None, {}, {}
            return markdown_converter(config.markdown_extensions, config.mdx_configs)
        settings = repr((config.markdown_extensions, config.mdx_configs))
        if self.settings != settings:
            self.settings, self.previous, self.current = settings, {}, {}
        else:
            self.previous, self.current = self.current, {}
        convert = markdown_converter(config.markdown_extensions, config.mdx_configs)
        previous, current = self.previous, self.current

        def remembered(markdown: str) -> str:
            key = hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).digest()
            html = current.get(key)
            if html is None:
                html = previous.pop(key, None)
                current[key] = html = convert(markdown) if html is None else html
            return html

        return remembered
