"""Querying the index: safe by construction, tolerant of typos, with "did you mean".

The reader's text is never given to a query parser: it is cut into words by the same analyzer as
the index, and the query is built from those words as term objects, so `title:*`, quotes, `AND OR
NOT` or wildcards are just words (or nothing). A word missing from the index's lexicon is replaced
by its nearest known words (edit distance 1, then 2), which gives both typo tolerance and the
"did you mean" suggestion.
"""

from __future__ import annotations

import bisect
import json
import re
import threading
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.query import And, Or, Query, Term
from whoosh.scoring import BM25F
from whoosh.support.charset import accent_map

from ..core.kinds import DEFAULT_LANG, LANGS
from .analysis import MAX_WORD, stems, words
from .highlight import mark, snippet
from .index import COMPOUND_LANGS, META_FILE
from .messages import error, in_every_language, message
from .understand import FILLERS, KIND_WORDS, compound_parts, find_identifiers, find_phrases, fold, synonym_table

WORD = re.compile(r"\w+")
LETTERS = re.compile(r"[^\W\d_]+")  # a word of letters only
LIMIT = re.compile(r"[0-9]{1,6}")
JOINER = re.compile(r"\s*-\s*|\s+")  # what separates two parts of a word written apart
MAX_QUERY = 500  # characters
MAX_QUERY_STRING = 4096  # bytes of the URL's query string (the API)
MAX_PARAMETERS = 20  # parameters of one request, known or not (the API)
MAX_TOKENS = 16  # words looked at (after stop words); more are ignored, and listed as such
MAX_WORDS = 10  # concepts searched (identifiers, phrases, words)
MAX_IDENTIFIERS = 4
MAX_FUZZY = 3  # unknown words corrected per query
MIN_FUZZY_LEN, MAX_FUZZY_LEN = 4, 20
FUZZY_BUDGET = 0.05  # seconds of typo correction per query, at most
NEAREST_CACHE = 20000
HEAVY_WORDS = 8  # a query of more words (after stop words) is heavy
HEAVY_UNKNOWN = 2  # so is one with this many words known in neither language
HEAVY_SLOTS = 1  # heavy queries run one at a time (per process)...
HEAVY_WAIT = 5.0  # ...and wait at most this long for their turn (then 503 "busy")
HEAVY_REST = 1.0  # after a heavy query, its slot rests as long as the query took
MAX_LIMIT = 50
DEFAULT_LIMIT = 10
POOL = 50  # rows scored before ranking by matched concepts
FIELDS = (("title", 3.0), ("short_title", 2.0), ("labels", 1.5), ("answer", 1.0))
OTHER_FIELDS = (("other_title", 3.0), ("other", 1.0))
CORRECTION_WEIGHT = 0.5
BEST_CORRECTION_WEIGHT = 0.8  # the nearest, most frequent known word: most likely what was meant
SYNONYM_WEIGHT = 0.8
OTHER_WEIGHT = 0.5
PARTS_WEIGHT = 0.7
COMPOUND_WEIGHT = 0.8
MIN_HEAD, MIN_PART_LEFT, MAX_HEADS = 6, 3, 5  # a base word found inside compounds
ID_BOOST = 8.0

# The limit each refusal's message names ({max} in the catalogue's search_api section)
LIMIT_OF = {"query-too-long": MAX_QUERY, "bad-limit": MAX_LIMIT, "query-string-too-long": MAX_QUERY_STRING,
            "too-many-parameters": MAX_PARAMETERS}


class SearchError(ValueError):
    """A query the service refuses: a code, and its message in every language (search/messages.py)."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        self.messages = in_every_language(code, max=LIMIT_OF.get(code))
        super().__init__(f"{code}: {self.messages[DEFAULT_LANG]}")

    def as_json(self, lang: object = None) -> dict:
        """The API's error body, its `text` in `lang` (the request's) when valid, else French."""
        return error(self.code, lang, self.detail, max=LIMIT_OF.get(self.code))


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
    article: str = ""  # the anchor of the article asked for ("art-7bis"), also in `url`
    article_path: str = ""  # that article's own page (its text in force and history), "" when none
    article_url: str = ""


@dataclass
class SearchResult:
    query: str
    lang: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    suggestion: str | None = None  # "did you mean", the query with its unknown words corrected
    corrections: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # words beyond MAX_TOKENS, not searched
    notice: dict[str, str] | None = None  # why some words were not searched, in every language
    notice_text: str | None = None  # the same, in the language searched
    help: dict[str, str] | None = None  # no hit: what to try instead, in every language
    help_text: str | None = None  # the same, in the language searched

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
        self._lock = threading.Lock()
        self._synonyms: dict[str, dict[str, list[str]]] = {}
        self._synonym_words: dict[str, frozenset[str]] = {}
        self._reversed: dict[str, list[str]] = {}
        self._nearest: dict[tuple[str, str], list[str]] = {}
        self._heavy = threading.BoundedSemaphore(HEAVY_SLOTS)

    def searcher(self, lang: str):
        searchers = getattr(self._local, "searchers", None)
        if searchers is None:
            searchers = self._local.searchers = {}
        if lang not in searchers:
            # identifiers score the same in a text with one and in a text with hundreds (the
            # nomenclature): no length normalisation of the ids field
            searchers[lang] = self.indexes[lang].searcher(weighting=BM25F(ids_B=0.0))
        return searchers[lang]

    # --- the query ------------------------------------------------------------------------------
    def search(self, text: object, lang: object = "fr", audience: object = None, topic: object = None,
               limit: object = DEFAULT_LIMIT) -> SearchResult:
        """Validate the parameters (SearchError when refused), then search one language.

        The stable in-process entry point (the HTTP API and `regkb search` call exactly this):
        `SearchService(index_folder).search("séances kiné", "fr", limit=10).hits[0].id`.
        """
        query_text = check_query(text)
        lang = check_lang(lang)
        limit = check_limit(limit)
        audience = check_choice(audience, self.audiences, "unknown-audience")
        topic = check_choice(topic, self.topics, "unknown-topic")
        if not self.is_heavy(query_text, lang):
            return self._search(query_text, lang, audience, topic, limit)
        # Queries with many unknown words cost several typo corrections each: one at a time, so
        # that clients sending them get a share of the server, not all of it.
        if not self._heavy.acquire(timeout=HEAVY_WAIT):
            raise SearchError("busy")
        try:
            started = time.perf_counter()
            result = self._search(query_text, lang, audience, topic, limit)
            # the slot stays taken a while after: heavy queries get at most about half of one
            # core, however many clients send them
            time.sleep(min(HEAVY_REST * (time.perf_counter() - started), 0.5))
            return result
        finally:
            self._heavy.release()

    def is_heavy(self, text: str, lang: str) -> bool:
        """Many words, or several words known in neither language (each a typo to correct)."""
        tokens = words(text, lang)
        if len(tokens) > HEAVY_WORDS:
            return True
        known = self.known.get(lang, {})
        other = self.known.get(next(o for o in LANGS if o != lang), {})
        unknown = sum(1 for w in tokens[:MAX_TOKENS] if w not in known and w not in other and len(w) >= MIN_FUZZY_LEN)
        return unknown >= HEAVY_UNKNOWN

    def _search(self, query_text: str, lang: str, audience: str | None, topic: str | None,
                limit: int) -> SearchResult:
        searcher = self.searcher(lang)
        plan = self._plan(searcher, query_text, lang)
        result = SearchResult(query_text, lang, 0, corrections=plan.corrections, ignored=plan.ignored)
        if plan.ignored:
            result.notice = in_every_language("notice.ignored", max=MAX_TOKENS)
            result.notice_text = message("notice.ignored", lang, max=MAX_TOKENS)
        if plan.corrections:
            result.suggestion = _suggest(query_text, plan.corrections, self.meta.get("surface", {}).get(lang, {}))
        if not plan.concepts:
            return _helped(result)
        filters = [Term("audience", audience)] if audience else []
        if topic:
            filters.append(Term("topics", topic))
        query = Or([concept.clause for concept in plan.concepts])
        only = And(filters) if filters else None
        # the best-scored rows, then ranked by how many of the query's concepts they match
        # optimize=False: every match is visited once, so the total is exact without a second search
        hits = searcher.search(query, limit=max(limit, POOL), filter=only, terms=True, optimize=False)
        result.total = len(hits)
        owners = plan.owners()
        # ties by document number: no stored fields read for the rows not shown
        ranked = sorted(hits, key=lambda hit: (-_matched(hit, owners), -hit.score, hit.docnum))[:limit]
        articles = [c.token for c in plan.concepts if c.kind == "article"]
        codes = [c.token[1:] for c in plan.concepts if c.kind == "code"]
        for hit in ranked:
            matched = {term.decode("utf-8") if isinstance(term, bytes) else term
                       for name, term in hit.matched_terms() if name in ("title", "answer")}
            title_html = mark(hit["title"], matched, lang)
            snippet_html = snippet(hit.get("answer", ""), matched, lang)
            anchor = next((a for a in articles if a in (hit.get("articles") or "").split()), "")
            if not anchor and codes:  # the article where the code is defined (or first mentioned)
                where = dict(item.split("=", 1) for item in (hit.get("codes") or "").split())
                anchor = next((where[c] for c in codes if where.get(c)), "")
            # an article has its own page in a versioned text (pages/articlepage.py): `<text>/<anchor>/`
            own_page = f"{anchor}/" if anchor.startswith("art-") and hit.get("article_pages") else ""
            result.hits.append(Hit(
                id=hit["id"], kind=hit["kind"], title=hit["title"], path=hit["path"] + (f"#{anchor}" if anchor else ""),
                url=hit["url"] + (f"#{anchor}" if anchor else ""),
                article_path=hit["path"] + own_page if own_page else "", article_url=hit["url"] + own_page if own_page else "",
                topics=[t for t in hit.get("topics", "").split(",") if t],
                audience=[a for a in hit.get("audience", "").split(",") if a],
                score=round(hit.score, 4), title_html=title_html, snippet_html=snippet_html, article=anchor))
        return _helped(result)

    def _plan(self, searcher, text: str, lang: str) -> "Plan":
        """The query's concepts: identifiers, synonym phrases (this language's, then the other's),
        then each remaining word with its stems, compound parts, other-language or typo corrections.
        Cost is bounded: MAX_WORDS concepts, MAX_FUZZY corrected words, FUZZY_BUDGET seconds."""
        other = next(o for o in LANGS if o != lang)
        known = self.known.get(lang, {})
        known_other = self.known.get(other, {})
        plan = Plan()
        folded = fold(text)
        rest = folded
        for found in find_identifiers(folded)[:MAX_IDENTIFIERS]:
            terms: list[tuple[Term, str | None]] = [(Term("ids", found.token, boost=ID_BOOST), found.token)]
            if found.kind == "code":  # the texts defining it first; the code as a word: answers citing it
                digits = found.token[1:]
                terms.append((Term("ids", "kd" + digits, boost=ID_BOOST), None))
                terms += [(Term(name, digits, boost=boost), None) for name, boost in FIELDS]
            plan.add(found.kind, found.token, [t for t, _ in terms])
            rest = rest[:found.start] + " " * (found.end - found.start) + rest[found.end:]
        rest = joined_words(rest, known, compounds=lang in COMPOUND_LANGS)
        kinds = {concept.kind for concept in plan.concepts}
        tokens = [w for w in words(rest, lang) if not any(w in KIND_WORDS.get(kind, ()) for kind in kinds)]
        if len(tokens) > MAX_TOKENS:
            plan.ignored = tokens[MAX_TOKENS:]
            tokens = tokens[:MAX_TOKENS]
        own_table, other_table = self.synonym_tables(lang), self.synonym_tables(other)
        taken: set[int] = set()  # positions of the tokens a phrase took
        for start, end, phrase in find_phrases(tokens, own_table):
            alternatives = [self._phrase(phrase, lang, FIELDS, 1.0)]
            alternatives += [self._phrase(alt, lang, FIELDS, SYNONYM_WEIGHT) for alt in own_table[phrase]]
            plan.add("synonym", phrase, [a for a in alternatives if a is not None])
            taken.update(range(start, end))
        free = [i for i in range(len(tokens)) if i not in taken]
        if any(tokens[i] not in known for i in free):  # the other language's synonyms ("VT" on the French site)
            sub = [tokens[i] for i in free]
            for start, end, phrase in find_phrases(sub, other_table):
                if any(w not in known for w in phrase.split()):
                    alternatives = [self._phrase(phrase, other, OTHER_FIELDS, OTHER_WEIGHT)]
                    alternatives += [self._phrase(alt, other, OTHER_FIELDS, OTHER_WEIGHT) for alt in other_table[phrase]]
                    alternatives += [self._phrase(alt, lang, FIELDS, SYNONYM_WEIGHT)
                                     for alt in _translations(phrase, other_table, own_table)]
                    plan.add("synonym", phrase, [a for a in alternatives if a is not None])
                    taken.update(free[i] for i in range(start, end))
        other_words = self.synonym_words(other)
        rest_words = [w for i, w in enumerate(tokens) if i not in taken]
        meaningful = [w for w in rest_words if w not in FILLERS.get(lang, ()) and w not in FILLERS.get(other, ())]
        if meaningful or plan.concepts:
            rest_words = meaningful
        deadline = time.perf_counter() + FUZZY_BUDGET
        fuzzy_left = MAX_FUZZY
        for word in list(dict.fromkeys(rest_words))[:MAX_WORDS - len(plan.concepts)]:
            stems_here = stems(word, lang)
            if not stems_here:
                continue
            alternatives = [Term(name, stem, boost=boost) for stem in stems_here for name, boost in FIELDS]
            alternatives += [Term("parts", stem, boost=PARTS_WEIGHT) for stem in stems_here]
            if word in known and lang in COMPOUND_LANGS and (parts := compound_parts(word, known)):
                # a compound also meets its parts written apart ("kinesitherapiezittingen")
                part_clause = self._phrase(" ".join(parts), lang, FIELDS, PARTS_WEIGHT * COMPOUND_WEIGHT)
                if part_clause is not None:
                    alternatives.append(part_clause)
            if word not in known and len(word) <= MAX_WORD:
                if word in known_other or word in other_words:  # the other language's: never "corrected" into ours
                    alternatives += [Term(name, stem, boost=OTHER_WEIGHT * boost)
                                     for stem in stems(word, other) for name, boost in OTHER_FIELDS]
                elif lang in COMPOUND_LANGS and (parts := compound_parts(word, known)):
                    part_clause = self._phrase(" ".join(parts), lang, FIELDS + (("parts", PARTS_WEIGHT),), COMPOUND_WEIGHT)
                    if part_clause is not None:
                        alternatives.append(part_clause)
                elif lang in COMPOUND_LANGS and (heads := self.compounds_ending(lang, word)):
                    # a base word that occurs only inside compounds ("verpleging": "thuisverpleging")
                    alternatives += [Term(name, stem, boost=COMPOUND_WEIGHT * boost)
                                     for compound in heads for stem in stems(compound, lang) for name, boost in FIELDS]
                elif _stem_indexed(searcher, stems_here):
                    pass  # another form of an indexed word ("prestataires"): found by its stem, no typo
                elif (fuzzy_left > 0 and MIN_FUZZY_LEN <= len(word) <= MAX_FUZZY_LEN and word.isalpha()
                      and time.perf_counter() < deadline):
                    fuzzy_left -= 1
                    nearest = self.nearest(searcher, lang, word)
                    if nearest:
                        plan.corrections[word] = nearest[0]
                    alternatives += [Term(name, stem, boost=(CORRECTION_WEIGHT if rank else BEST_CORRECTION_WEIGHT) * boost)
                                     for rank, near in enumerate(nearest) for stem in stems(near, lang)
                                     for name, boost in FIELDS]
                    if nearest and nearest[0] in own_table:  # the correction's synonyms ("kinesiterapie" -> kiné)
                        alternatives += [c for alt in own_table[nearest[0]]
                                         if (c := self._phrase(alt, lang, FIELDS, BEST_CORRECTION_WEIGHT * SYNONYM_WEIGHT))]
            plan.add("word", word, list(dict.fromkeys(alternatives)))
        return plan

    def _phrase(self, phrase: str, lang: str, fields, weight: float):
        """All the words of a phrase (each in any of `fields`), or None when it has no word."""
        parts = []
        for word in words(phrase, lang):
            terms = [Term(name, stem, boost=boost * weight) for stem in stems(word, lang) for name, boost in fields]
            if terms:
                parts.append(Or(terms) if len(terms) > 1 else terms[0])
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    def synonym_tables(self, lang: str) -> dict[str, list[str]]:
        """{a synonym term as the word analyzer cuts it: [the other terms of its groups]}."""
        if lang not in self._synonyms:
            groups = self.meta.get("synonyms", {}).get(lang) if "synonyms" in self.meta else None
            if groups is None:
                from .synonyms import SynonymsError, load_synonyms

                try:
                    groups = load_synonyms().get(lang, [])
                except SynonymsError:
                    groups = []
            cut = [[" ".join(words(str(term), lang)) for term in group] for group in groups]
            self._synonyms[lang] = {k: v for k, v in synonym_table([[t for t in g if t] for g in cut]).items() if k}
        return self._synonyms[lang]

    def compounds_ending(self, lang: str, word: str) -> list[str]:
        """Known words ending with `word` (6+ letters), the most frequent first: the compounds it
        is the head of. A bisection in the known words, reversed and sorted once per language."""
        if len(word) < MIN_HEAD:
            return []
        if lang not in self._reversed:
            self._reversed[lang] = sorted(w[::-1] for w in self.known.get(lang, {}))
        ordered = self._reversed[lang]
        key = word[::-1]
        found = []
        for index in range(bisect.bisect_left(ordered, key), len(ordered)):
            if not ordered[index].startswith(key):
                break
            if len(ordered[index]) >= len(word) + MIN_PART_LEFT:
                found.append(ordered[index][::-1])
        known = self.known.get(lang, {})
        return sorted(found, key=lambda w: (-known.get(w, 0), w))[:MAX_HEADS]

    def synonym_words(self, lang: str) -> frozenset[str]:
        """Every word of the synonym terms of a language (abbreviations included)."""
        if lang not in self._synonym_words:
            self._synonym_words[lang] = frozenset(w for term in self.synonym_tables(lang) for w in term.split())
        return self._synonym_words[lang]

    def nearest(self, searcher, lang: str, word: str) -> list[str]:
        """The known words nearest a word, remembered (a bounded cache: the same typos recur)."""
        key = (lang, word)
        with self._lock:
            if key in self._nearest:
                return self._nearest[key]
        found = _nearest(searcher.reader(), word, self.known.get(lang, {}))
        with self._lock:
            if len(self._nearest) >= NEAREST_CACHE:
                self._nearest.pop(next(iter(self._nearest)))
            self._nearest[key] = found
        return found

    def close(self) -> None:
        for ix in self.indexes.values():
            ix.close()


@dataclass
class Concept:
    """One thing the reader asked for (a word, a phrase, an identifier) and its alternative terms."""

    kind: str
    token: str
    clause: Query  # a Term, Or, And or Phrase of whoosh


@dataclass
class Plan:
    concepts: list[Concept] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    def add(self, kind: str, token: str, alternatives: list) -> None:
        if alternatives:
            clause = Or(alternatives) if len(alternatives) > 1 else alternatives[0]
            self.concepts.append(Concept(kind, token, clause))

    def owners(self) -> dict[tuple[str, str], set[int]]:
        """(field, term) -> the concepts it stands for."""
        out: dict[tuple[str, str], set[int]] = {}
        for number, concept in enumerate(self.concepts):
            for name, term in concept.clause.iter_all_terms():
                out.setdefault((name, term if isinstance(term, str) else term.decode("utf-8")), set()).add(number)
        return out


def _helped(result: SearchResult) -> SearchResult:
    """An answer with no hit says what to try instead (fewer or commoner words, the spelling, an
    identifier), in every language and in the one searched: never a bare empty list."""
    if not result.hits:
        result.help = in_every_language("none.help")
        result.help_text = message("none.help", result.lang)
    return result


def _matched(hit, owners: dict[tuple[str, str], set[int]]) -> int:
    """How many of the query's concepts a hit matches."""
    matched: set[int] = set()
    for name, term in hit.matched_terms():
        matched |= owners.get((name, term.decode("utf-8") if isinstance(term, bytes) else term), set())
    return len(matched)


def joined_words(text: str, known: dict[str, int], compounds: bool = False) -> str:
    """Two words written apart, or with a hyphen, that the texts write as one ("e-attest", "e
    attest": "eattest"; "thuis verpleging": "thuisverpleging"), joined; two known words are
    left apart ("tiers payant"), but with `compounds` (Dutch) joined when the texts have their
    compound ("zittingen teller": "zittingenteller"), which then also meets its parts written
    apart (`_plan`). Linear in the query's words."""
    spans = [(m.start(), m.end()) for m in LETTERS.finditer(text)]
    out, last, index = [], 0, 0
    while index < len(spans):
        start, end = spans[index]
        if index + 1 < len(spans):
            after_start, after_end = spans[index + 1]
            first, second = text[start:end], text[after_start:after_end]
            if (JOINER.fullmatch(text[end:after_start]) and first + second in known
                    and (compounds or not (first in known and second in known))):
                out += [text[last:start], first + second]
                last, index = after_end, index + 2
                continue
        index += 1
    return "".join(out) + text[last:]


def _stem_indexed(searcher, stems_here: list[str]) -> bool:
    """Whether a stem of the word is a term of the texts (then it is another form, not a typo)."""
    reader = searcher.reader()
    return any(reader.doc_frequency(name, stem) for stem in stems_here for name in ("title", "answer"))


def _translations(phrase: str, other_table: dict[str, list[str]], own_table: dict[str, list[str]]) -> list[str]:
    """Terms of this language that the synonyms give for another language's term, through a term
    both languages share ("TM" on the Dutch site has no shared term; "INAMI" is shared)."""
    return [alt for alt in other_table.get(phrase, []) if alt in own_table]


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
    if isinstance(limit, bool) or not (isinstance(limit, int) or LIMIT.fullmatch(str(limit).strip())):
        raise SearchError("bad-limit")  # ASCII digits only: int() also reads "٣", "5_0", "+5"
    value = int(str(limit).strip())
    if not 1 <= value <= MAX_LIMIT:
        raise SearchError("bad-limit")
    return value


def check_choice(value: object, allowed: set[str], code: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise SearchError(code, "expected one of: " + ", ".join(sorted(allowed)))
    return str(value)
