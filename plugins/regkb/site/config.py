"""Options of the regkb MkDocs plugin, with their defaults, in one place."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class RegkbConfig(base.Config):
    root = c.Optional(c.Type(str))
    """Folder holding docs/, circulars/, faq/ and taxonomy.yml; default: the folder of mkdocs.yml."""

    sample_notice = c.Type(dict, default={})
    """Text of the banner shown on every page, per language ({fr: ..., nl: ...}); empty: none."""

    today = c.Optional(c.Type(str))
    """Build day (YYYY-MM-DD) for statuses; default: REGKB_TODAY or the real date."""

    pagefind = c.Type(bool, default=True)
    """Build the site search (identifier maps, synonyms, Pagefind index) after the last language."""
