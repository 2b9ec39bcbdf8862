"""Near-duplicate questions: two answers to the same question drift apart, so staff are warned.

Each question becomes a set of word stems (accents folded, stop words dropped); two questions are
near-duplicates when the Jaccard similarity of their sets reaches THRESHOLD in either language.
Candidate pairs come from prefix filtering (the "all-pairs" set-similarity join): words are ranked
rarest first and only the first |s| - ceil(t·|s|) + 1 words of each set are indexed, which is
enough to find every pair above the threshold. Rare words have short posting lists, so the cost
stays near-linear in the number of questions instead of comparing all pairs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Callable

from ..catalogue import LANG_NAMES
from .diagnostics import Diagnostics
from .kinds import LANGS, kinds_of_family
from .model import Corpus, Document

THRESHOLD = 0.75  # Jaccard similarity of the questions' word stems
MIN_WORDS = 2  # a question reduced to fewer words is too short to compare
WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase without accents: 'Rééducation' -> 'reeducation'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


LanguageTools = Callable[[str], tuple[frozenset[str], Callable[[str], str]]]
"""lang -> (its stop words, folded; its stemmer): given by the caller (sources/stems.py, whoosh's
Snowball data), so that the core depends on no search library."""


def whole_words(lang: str) -> tuple[frozenset[str], Callable[[str], str]]:
    """No stop words, no stemming: questions compared by their whole (folded) words."""
    return frozenset(), _same


def _same(word: str) -> str:
    return word


def signature(question: str, lang: str, tools: LanguageTools = whole_words) -> frozenset[str]:
    """The set of word stems a question is compared by."""
    stops, stem = tools(lang)
    return frozenset(stem(w) for w in WORD.findall(fold(question)) if len(w) > 1 and w not in stops)


def similar_pairs(sets: list[frozenset[str]], threshold: float = THRESHOLD) -> list[tuple[int, int, float]]:
    """Every pair (i, j, similarity) with i < j and Jaccard(sets[i], sets[j]) >= threshold."""
    frequency = Counter(word for words in sets for word in words)
    postings: dict[str, list[int]] = defaultdict(list)
    found = []
    for j, words in enumerate(sets):
        if len(words) < MIN_WORDS:
            continue
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = len(ordered) - math.ceil(threshold * len(ordered)) + 1
        candidates = set()
        for word in ordered[:prefix]:
            candidates.update(postings[word])
            postings[word].append(j)
        for i in sorted(candidates):
            other = sets[i]
            if min(len(other), len(words)) < threshold * max(len(other), len(words)):
                continue  # sizes too different to reach the threshold
            similarity = len(other & words) / len(other | words)
            if similarity >= threshold:
                found.append((i, j, similarity))
    return found


def check_near_duplicates(corpus: Corpus, diagnostics: Diagnostics, threshold: float = THRESHOLD,
                          tools: LanguageTools = whole_words) -> None:
    """Warn once per pair of answers whose questions are nearly the same, naming both files."""
    answers = sorted(corpus.of_kind(*kinds_of_family("answer")), key=lambda d: d.meta[d.langs[0]].path)
    reported: set[tuple[str, str]] = set()
    for lang in LANGS:
        present = [d for d in answers if d.has_lang(lang)]
        sets = [signature(d.meta[lang].title, lang, tools) for d in present]
        for i, j, similarity in similar_pairs(sets, threshold):
            first, second = present[i], present[j]
            key = (first.id, second.id)
            if key in reported:
                continue
            reported.add(key)
            _warn(first, second, lang, similarity, diagnostics)


def _warn(first: Document, second: Document, lang: str, similarity: float, diagnostics: Diagnostics) -> None:
    a, b = first.meta[lang], second.meta[lang]
    diagnostics.warning(
        b.path, b.line,
        f"this {LANG_NAMES[lang]} question is nearly the same ({similarity:.0%} of its words) as the one "
        f"in {a.path}:{a.line}: '{b.title}' / '{a.title}'.",
        "Merge the two answers into one, or reword the questions so that each asks something distinct.",
        "near-duplicate")
