"""Querying the index: safe by construction, tolerant of typos, with "did you mean".

The reader's text is never given to a query parser: it is cut into words by the same analyzer as
the index, and the query is built from those words as term objects, so `title:*`, quotes, `AND OR
NOT` or wildcards are just words (or nothing). A word missing from the index's lexicon is replaced
by its nearest known words (edit distance 1, then 2), which gives both typo tolerance and the
"did you mean" suggestion.
"""

from __future__ import annotations

import html
import json
import re
import threading
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.highlight import ContextFragmenter, HtmlFormatter, WholeFragmenter
from whoosh.query import And, Or, Term
from whoosh.support.charset import accent_map

from ..core.kinds import LANGS
from .analysis import MAX_WORD, stems, words
from .index import META_FILE

WORD = re.compile(r"\w+")
MAX_QUERY = 500  # characters
MAX_WORDS = 12
MAX_LIMIT = 50
DEFAULT_LIMIT = 10
FIELDS = (("title", 3.0), ("short_title", 2.0), ("labels", 1.5), ("answer", 1.0))
CORRECTION_WEIGHT = 0.6
SNIPPET_CHARS = 220

MESSAGES = {
    "empty-query": ("Saisissez au moins un mot à rechercher.", "Geef minstens één zoekwoord in."),
    "query-too-long": (f"La recherche est trop longue (maximum {MAX_QUERY} caractères).",
                       f"De zoekopdracht is te lang (maximaal {MAX_QUERY} tekens)."),
    "bad-query": ("La recherche contient des caractères non valables.",
                  "De zoekopdracht bevat ongeldige tekens."),
    "bad-lang": ("La langue doit être « fr » ou « nl ».", "De taal moet 'fr' of 'nl' zijn."),
    "bad-limit": (f"Le nombre de résultats doit être un entier de 1 à {MAX_LIMIT}.",
                  f"Het aantal resultaten moet een geheel getal van 1 tot {MAX_LIMIT} zijn."),
    "repeated-parameter": ("Un paramètre est donné plusieurs fois.", "Een parameter is meermaals opgegeven."),
    "unknown-audience": ("Public inconnu.", "Onbekend doelpubliek."),
    "unknown-topic": ("Thème inconnu.", "Onbekend thema."),
}


class SearchError(ValueError):
    """A query the service refuses, with a code and a message in both languages."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        fr, nl = MESSAGES.get(code, ("Requête non valable.", "Ongeldige zoekopdracht."))
        self.messages = {"fr": fr, "nl": nl}
        super().__init__(f"{code}: {fr}")

    def as_json(self) -> dict:
        out = {"error": self.code, "message": self.messages}
        if self.detail:
            out["detail"] = self.detail
        return out


class IndexMissing(RuntimeError):
    """No index at the expected place: build the site or run `regkb search --build`."""


@dataclass
class Hit:
    id: str
    kind: str
    title: str
    path: str
    url: str
    topics: list[str]
    audience: list[str]
    score: float
    title_html: str  # HTML-escaped, matches in <mark>
    snippet_html: str  # HTML-escaped, matches in <mark>


@dataclass
class SearchResult:
    query: str
    lang: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    suggestion: str | None = None  # "did you mean", the query with its unknown words corrected
    corrections: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)


class SearchService:
    """The index of both languages, opened read-only once; one searcher per thread."""

    def __init__(self, folder: Path | str) -> None:
        folder = Path(folder)
        meta_path = folder / META_FILE
        if not meta_path.is_file():
            raise IndexMissing(f"no search index in {folder}")
        self.folder = folder
        self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.indexes = {lang: whoosh_index.open_dir(str(folder / lang), readonly=True) for lang in LANGS}
        self.topics = set(self.meta.get("topics", []))
        self.audiences = set(self.meta.get("audiences", []))
        self.known: dict[str, dict[str, int]] = self.meta.get("words", {})
        self._local = threading.local()

    def searcher(self, lang: str):
        searchers = getattr(self._local, "searchers", None)
        if searchers is None:
            searchers = self._local.searchers = {}
        if lang not in searchers:
            searchers[lang] = self.indexes[lang].searcher()
        return searchers[lang]

    # --- the query ------------------------------------------------------------------------------
    def search(self, text: object, lang: object = "fr", audience: object = None, topic: object = None,
               limit: object = DEFAULT_LIMIT) -> SearchResult:
        """Validate the parameters (SearchError when refused), then search one language."""
        query_text = check_query(text)
        lang = check_lang(lang)
        limit = check_limit(limit)
        audience = check_choice(audience, self.audiences, "unknown-audience")
        topic = check_choice(topic, self.topics, "unknown-topic")
        searcher = self.searcher(lang)
        clauses, corrections = self._clauses(searcher, query_text, lang)
        result = SearchResult(query_text, lang, 0, corrections=corrections)
        if corrections:
            result.suggestion = _suggest(query_text, corrections, self.meta.get("surface", {}).get(lang, {}))
        if not clauses:
            return result
        filters = [Term("audience", audience)] if audience else []
        if topic:
            filters.append(Term("topics", topic))
        query = Or(clauses, scale=0.9) if len(clauses) > 1 else clauses[0]
        only = And(filters) if filters else None
        hits = searcher.search(query, limit=limit, filter=only, terms=True)
        hits.formatter = HtmlFormatter(tagname="mark", between=" … ")
        result.total = hits.scored_length()
        if result.total == limit:  # more may match: count them without scoring
            result.total = len(searcher.search(query, limit=None, filter=only, scored=False))
        for hit in hits:
            hits.fragmenter = WholeFragmenter()
            title_html = hit.highlights("title") or html.escape(hit["title"], quote=False)
            hits.fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
            snippet_html = hit.highlights("answer", top=2) or _start(hit.get("answer", ""))
            result.hits.append(Hit(
                id=hit["id"], kind=hit["kind"], title=hit["title"], path=hit["path"], url=hit["url"],
                topics=[t for t in hit.get("topics", "").split(",") if t],
                audience=[a for a in hit.get("audience", "").split(",") if a],
                score=round(hit.score, 4), title_html=title_html, snippet_html=snippet_html))
        return result

    def _clauses(self, searcher, text: str, lang: str) -> tuple[list, dict[str, str]]:
        """One clause per word: its stem in every field, or its nearest known words' stems."""
        reader = searcher.reader()
        known = self.known.get(lang, {})
        clauses, corrections = [], {}
        for word in list(dict.fromkeys(words(text, lang)))[:MAX_WORDS]:
            alternatives = [(stem, 1.0) for stem in stems(word, lang)]
            if not alternatives:
                continue
            if 4 <= len(word) <= MAX_WORD and word not in known:
                nearest = _nearest(reader, word, known)
                if nearest:
                    corrections[word] = nearest[0]
                alternatives += [(stem, CORRECTION_WEIGHT) for near in nearest for stem in stems(near, lang)]
            terms = [Term(name, stem, boost=weight * boost)
                     for stem, weight in dict.fromkeys(alternatives) for name, boost in FIELDS]
            clauses.append(Or(terms))
        return clauses, corrections

    def close(self) -> None:
        for ix in self.indexes.values():
            ix.close()


def _nearest(reader, word: str, known: dict[str, int], limit: int = 3) -> list[str]:
    """Known words within 1 edit (and 2 for words of 5+ letters): nearest, then most frequent."""
    ranked: dict[str, tuple[int, int]] = {}
    for distance in (1, 2) if len(word) >= 5 else (1,):
        for near in reader.terms_within("words", word, distance, prefix=1):
            if near != word and near not in ranked:
                ranked[near] = (distance, -known.get(near, 0))
    return sorted(ranked, key=lambda w: (ranked[w], w))[:limit]


def _suggest(text: str, corrections: dict[str, str], surface: dict[str, str]) -> str:
    """The query with each unknown word replaced by its correction, accents restored."""

    def replace(match: re.Match[str]) -> str:
        folded = match.group(0).lower().translate(accent_map)
        if folded in corrections:
            return surface.get(corrections[folded], corrections[folded])
        return match.group(0)

    return WORD.sub(replace, text)


def _start(text: str) -> str:
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


# --- parameter checks (shared by the command line and the API) -----------------------------------
def check_query(text: object) -> str:
    if not isinstance(text, str):
        raise SearchError("bad-query")
    text = text.strip()
    if not text:
        raise SearchError("empty-query")
    if len(text) > MAX_QUERY:
        raise SearchError("query-too-long")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r" for ch in text):
        raise SearchError("bad-query")
    return " ".join(text.split())


def check_lang(lang: object) -> str:
    if lang in (None, ""):
        return "fr"
    if lang not in LANGS:
        raise SearchError("bad-lang")
    return str(lang)


def check_limit(limit: object) -> int:
    if limit in (None, ""):
        return DEFAULT_LIMIT
    try:
        value = int(str(limit).strip()) if not isinstance(limit, bool) else -1
    except ValueError:
        raise SearchError("bad-limit") from None
    if not 1 <= value <= MAX_LIMIT:
        raise SearchError("bad-limit")
    return value


def check_choice(value: object, allowed: set[str], code: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise SearchError(code, "expected one of: " + ", ".join(sorted(allowed)))
    return str(value)
