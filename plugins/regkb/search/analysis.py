"""How French and Dutch text becomes search terms: words, folded accents, stop words, stems.

Accents are folded *before* stemming so that "reeducation" and "rééducation" give the same stem
whatever the reader types; the spelling field keeps whole (folded) words for "did you mean".
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import Analyzer, CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from ..core.duplicates import fold

WORD_PATTERN = r"\w+"
MAX_WORD = 40  # longer "words" are not words: never stemmed against the lexicon or corrected


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in stopwords_for_language(lang))


# French feminine and plural endings, folded, to their masculine singular: Snowball, given folded
# words, stems "remboursee" to "rembourse" but "rembourse" (remboursé) to "rembours".
# The therapist meets the therapy ("kinésithérapeute", "kinésithérapie"; "therapeut", "therapie").
FRENCH_FORMS = (("eutes", "ie"), ("eute", "ie"), ("ieres", "ier"), ("iere", "ier"), ("ees", "e"), ("ee", "e"),
                ("euses", "eur"), ("euse", "eur"), ("elles", "el"), ("elle", "el"), ("ennes", "en"), ("enne", "en"))
DUTCH_FORMS = (("euten", "ie"), ("eut", "ie"))


def french_form(word: str, forms: tuple[tuple[str, str], ...] = FRENCH_FORMS) -> str:
    """"remboursées", "remboursée" -> "rembourse"; "infirmière" -> "infirmier" (folded words)."""
    for ending, replacement in forms:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + replacement
    return word


class FormFilter(Filter):
    """Feminine and plural forms meet their base form before stemming (see FRENCH_FORMS)."""

    def __init__(self, forms: tuple[tuple[str, str], ...]) -> None:
        self.forms = forms

    def __call__(self, tokens):
        for token in tokens:
            token.text = french_form(token.text, self.forms)
            yield token


@lru_cache(maxsize=None)
def text_analyzer(lang: str) -> Analyzer:
    """Words -> lowercase -> accents folded -> stop words dropped -> (French forms) -> Snowball stem."""
    chain = (RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)
             | StopFilter(stoplist=stop_words(lang), minsize=2, maxsize=MAX_WORD))
    forms = {"fr": FRENCH_FORMS, "nl": DUTCH_FORMS}.get(lang)
    if forms:
        chain = chain | FormFilter(forms)
    return chain | StemFilter(lang=lang, cachesize=50000)


@lru_cache(maxsize=None)
def word_analyzer(lang: str) -> Analyzer:
    """Whole folded words (no stemming): the lexicon that typos are corrected against."""
    return (RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=stop_words(lang), minsize=2, maxsize=MAX_WORD))


def stems(text: str, lang: str) -> list[str]:
    return [token.text for token in text_analyzer(lang)(text)]


def words(text: str, lang: str) -> list[str]:
    return [token.text for token in word_analyzer(lang)(text)]
