"""Search of the FAQ and document titles (whoosh): index building, querying, related questions.

No MkDocs import: the build (regkb/site), the `regkb search` command and the HTTP API share it.
"""

from .index import build_search_index, default_index_dir
from .query import SearchError, SearchService

__all__ = ["build_search_index", "default_index_dir", "SearchError", "SearchService"]
