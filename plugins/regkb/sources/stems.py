"""The words of a language a question is compared by: stop words and stemmer (whoosh's Snowball
data), given to the core's near-duplicate check (core/duplicates.py), which stays free of whoosh."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from ..core.duplicates import whole_words, fold


@lru_cache(maxsize=None)
def language_tools(lang: str) -> tuple[frozenset[str], Callable[[str], str]]:
    """Stop words and stemmer of a language, folded like the words; whole words when whoosh has
    no data for the language."""
    from whoosh.lang import NoStemmer, NoStopWords, stemmer_for_language, stopwords_for_language

    try:
        stops = frozenset(fold(w) for w in stopwords_for_language(lang))
        return stops, stemmer_for_language(lang)
    except (NoStopWords, NoStemmer):
        return whole_words(lang)
