"""Where the search index lives, without importing whoosh: `regkb build` needs it before its
language processes start, and every millisecond there delays them."""

from __future__ import annotations

import os
from pathlib import Path

ENV_INDEX = "REGKB_SEARCH_INDEX"


def default_index_dir(root: Path | str = ".") -> Path:
    """`REGKB_SEARCH_INDEX` if set, else `<root>/.cache/search`."""
    override = os.environ.get(ENV_INDEX, "").strip()
    return Path(override) if override else Path(root).resolve() / ".cache" / "search"
