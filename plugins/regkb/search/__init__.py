"""Search of the FAQ and document titles (whoosh): index building, querying, related questions.

No MkDocs import: the build (regkb/site), the `regkb search` command and the HTTP API share it.
Names are imported on first use: a build process needs the index writer only after its pages
are written, and never the query side (whoosh's query modules cost 40 ms to import).
"""

from __future__ import annotations

import importlib
from typing import Any

_NAMES = {"build_search_index": ".index", "default_index_dir": ".location", "SearchError": ".query",
          "SearchService": ".query"}
__all__ = list(_NAMES)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_NAMES[name], __name__), name)
