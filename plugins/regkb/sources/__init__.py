"""Reading the Markdown sources (docs/fr, docs/nl, circulars/, faq/) into the core corpus."""

from .loader import load_corpus

__all__ = ["load_corpus"]
