"""The search index: one whoosh index per language, written once per build, read-only afterwards.

Layout of the index folder (default `<project>/.cache/search/`, git-ignored; `REGKB_SEARCH_INDEX`
overrides it):

    fr/, nl/     whoosh indexes: every answer (question, answer, topics, audience) and the titles
                 of every other document, in that language
    meta.json    build day, counts, known topics and audiences, the known words with their
                 frequency, and the accented spelling of each folded word (so "did you mean"
                 says "rééducation", not "reeducation")

A new index is written next to the old one and swapped in with renames, so a running API or a
concurrent build never sees a half-written index.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh.support.charset import accent_map

from ..core.kinds import LANGS, kinds_of_family
from ..core.model import Corpus
from ..core.urls import document_path, lang_prefix
from .analysis import MAX_WORD, stems, stop_words, text_analyzer, word_analyzer
from .understand import CODE_DEFINITION, CODE_MENTION, circular_token, compound_parts, date_token
from .location import ENV_INDEX, default_index_dir  # noqa: F401 - where the index lives, re-exported

if TYPE_CHECKING:
    from whoosh.fields import Schema

META_FILE = "meta.json"
RELATED_COUNT = 4
KEY_TERMS = 12  # per answer, for related questions
MAX_SHARED = 100  # a key term of more answers than this does not tell them apart
TOPIC_BONUS = 0.05  # per shared topic, to break near-ties
NON_PROVIDERS = {"patients", "insurers"}  # every other audience is a provider group
WORD = re.compile(r"\w+")
LEXICON = "lexicon"  # kind of the one document per language that holds every known word
MARKUP = re.compile(r"[*_`#>]+|^\s*[-+]\s+", re.MULTILINE)
REF_TARGET = re.compile(r"\]\((?:ref:)?[^)\s]*\)")  # a link's target: (ref:ar-1996-07-03#art-7)
COMPOUND_LANGS = ("nl",)  # languages whose words are split into known parts ("thuis", "verpleging")


def other_lang(lang: str) -> str:
    return next(other for other in LANGS if other != lang)


def schema(lang: str) -> Schema:
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema  # the writer's: imported when writing

    analyzer = text_analyzer(lang)
    # phrase=False: no positions (no query uses them; highlight.py finds the words itself)
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=3.0, phrase=False),
        short_title=TEXT(analyzer=analyzer, stored=True, field_boost=2.0, phrase=False),
        answer=TEXT(analyzer=analyzer, stored=True, phrase=False),
        labels=TEXT(analyzer=analyzer, stored=True, field_boost=1.5, phrase=False),
        topics=KEYWORD(stored=True, commas=True),
        audience=KEYWORD(stored=True, commas=True),  # the audience, plus "providers" for provider groups
        words=TEXT(analyzer=word_analyzer(lang), stored=False, phrase=False),  # only in the one lexicon document
        ids=KEYWORD(lowercase=True, scorable=True),  # NUMAC, circular number, date, articles, codes
        articles=STORED,  # the article anchors of the text, to point a hit at the article asked for
        article_pages=STORED,  # "1" when each article has its own page (`<path><anchor>/`: pages/articlepage.py)
        codes=STORED,  # "560011=art-7 ...": the article of each code the text mentions or defines
        parts=TEXT(analyzer=analyzer, phrase=False),  # the known words of the row's compounds (Dutch)
        other_title=TEXT(analyzer=text_analyzer(other_lang(lang)), phrase=False),  # the row's title and
        other=TEXT(analyzer=text_analyzer(other_lang(lang)), phrase=False),  # answer in the other language
        path=STORED,
        url=STORED,
        date=STORED,
    )


def audience_keys(audience: str | None) -> list[str]:
    """Filtering on "providers" also finds answers for one provider group (physiotherapists...)."""
    if not audience:
        return []
    return [audience] if audience in NON_PROVIDERS or audience == "providers" else [audience, "providers"]


def entries(corpus: Corpus, lang: str, today: dt.date, site_url: str = "/") -> list[dict]:
    """The index rows of one language: every answer, and the title of every other document."""
    from ..core.plaintext import plain_refs  # Markdown-to-text of references

    taxonomy = corpus.taxonomy
    rows = []
    for document in corpus:
        if not document.meta or (document.kind.spec.is_answer and not document.versions):
            continue  # reported by the loader
        path = lang_prefix(lang) + document_path(document)
        row = {"id": document.id, "kind": document.kind.value, "path": path, "url": site_url + path,
               "title": document.title(lang), "short_title": "", "answer": "", "labels": "",
               "topics": ",".join(document.topics), "audience": ",".join(audience_keys(document.audience)),
               "date": (document.reviewed or document.date or dt.date.min).isoformat(),
               "ids": "", "articles": "", "codes": "", "parts": "",
               "article_pages": "1" if document.kind.spec.has_articles and document.versions else ""}
        row["other_title"], row["other"] = other_text(document, other_lang(lang))
        identifiers(document, lang, today, row)
        if document.kind.spec.is_answer:
            version = document.versions[0]
            text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
            row["answer"] = " ".join(MARKUP.sub(" ", plain_refs(text.body, lang, corpus, today)).split())
            labels = [taxonomy.label("topics", topic, lang) for topic in document.topics]
        else:
            if document.short_title(lang) != document.title(lang):
                row["short_title"] = document.short_title(lang)
            labels = [document.kind.label(lang)]
            if document.sector:
                labels.append(taxonomy.label("sectors", document.sector, lang))
        if document.audience:
            labels.append(taxonomy.label("audiences", document.audience, lang))
        row["labels"] = " · ".join(labels)
        rows.append(row)
    return rows


def other_text(document, lang: str) -> tuple[str, str]:
    """The row's title and answer in `lang` (the answer's Markdown without link targets), so that
    a reader typing a word of the other language still finds it ("remgeld" on the French site)."""
    if not document.has_lang(lang):
        return "", ""
    titles = [document.title(lang)]
    if document.short_title(lang) != document.title(lang):
        titles.append(document.short_title(lang))
    body = ""
    if document.kind.spec.is_answer and document.versions:
        text = document.versions[0].texts.get(lang)
        if text is not None:
            body = MARKUP.sub(" ", REF_TARGET.sub("]", text.body)).replace("[", " ").replace("]", " ")
    return " ".join(" ".join(titles).split()), " ".join(body.split())


def identifiers(document, lang: str, today: dt.date, row: dict) -> None:
    """The row's identifier tokens (see understand.py) and article anchors."""
    tokens = []
    if document.numac:
        tokens.append(document.numac.strip())
    if document.kind.spec.numbered and document.number:
        tokens.append(circular_token(document.number) or "")
    if document.date and document.kind.spec.is_act:
        tokens.append(date_token(document.date))
    if not document.kind.spec.is_answer and document.versions:
        version = document.current(today)
        text = version.texts.get(document.text_lang(lang)) or next(iter(version.texts.values()))
        articles = text.articles
        anchors = list(dict.fromkeys(article.anchor for article in articles))
        row["articles"] = " ".join(anchors)
        tokens += anchors
        # nomenclature codes: "k<code>" where the text mentions one, "kd<code>" where it defines it
        # (a line opening with it) in a regulation or convention; each with its first article
        defines = document.kind.spec.has_articles
        codes: dict[str, str] = {}
        defined: dict[str, str] = {}
        for anchor, body in ([(a.anchor, a.text) for a in articles] or [("", text.body)]):
            for code in CODE_MENTION.findall(body):
                codes.setdefault(code, anchor)
            if defines:
                for code in CODE_DEFINITION.findall(body):
                    defined.setdefault(code, anchor)
        tokens += ["k" + code for code in codes] + ["kd" + code for code in defined]
        row["codes"] = " ".join(f"{code}={defined.get(code) or anchor}" for code, anchor in codes.items()
                                if defined.get(code) or anchor)
    row["ids"] = " ".join(t for t in tokens if t and " " not in t)


def add_compound_parts(rows: list[dict], lang: str, known) -> None:
    """Fill each row's `parts` with the known words its compounds are made of, so that a base
    word ("overeenkomst") meets the compound ("revalidatieovereenkomst"). Each distinct word is
    split once."""
    if lang not in COMPOUND_LANGS:
        return
    cache: dict[str, list[str] | None] = {}
    for row in rows:
        parts: list[str] = []
        for word in set(WORD.findall(" ".join((row["title"], row["answer"])).lower().translate(accent_map))):
            if len(word) < 7:
                continue
            if word not in cache:
                cache[word] = compound_parts(word, known)
            parts += cache[word] or []
        row["parts"] = " ".join(sorted(parts))


def search_rows(corpus: Corpus, today: dt.date, site_url: str = "/",
                langs: Sequence[str] = LANGS) -> dict[str, list[dict]]:
    """The index entries of each language (computed once: the related questions and the index)."""
    return {lang: entries(corpus, lang, today, site_url) for lang in langs}


def build_search_index(corpus: Corpus, folder: Path | str, today: dt.date,
                       site_url: str = "/", langs: Sequence[str] = LANGS,
                       rows: dict[str, list[dict]] | None = None) -> None:
    """Write the index of every language into `folder` (`rows`: the entries of each language,
    when the caller already has them)."""
    from whoosh import index as whoosh_index

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=folder.name + ".new-", dir=folder.parent))
    from .synonyms import SynonymsError, load_synonyms

    try:
        synonyms = load_synonyms()
    except SynonymsError:
        synonyms = {}  # reported by the site search; the index still serves plain words
    meta: dict = {"format": 2, "today": today.isoformat(), "site_url": site_url, "counts": {},
                  "words": {}, "surface": {}, "synonyms": synonyms, "topics": sorted(corpus.taxonomy.topics),
                  "audiences": sorted(set(corpus.taxonomy.audiences) | {"providers"})}
    try:
        for lang in langs:
            lang_rows = (rows or {}).get(lang) or entries(corpus, lang, today, site_url)
            frequency, surface = lexicon(lang_rows, lang)
            add_compound_parts(lang_rows, lang, frequency)
            (staging / lang).mkdir()
            ix = whoosh_index.create_in(str(staging / lang), schema(lang))
            writer = ix.writer(limitmb=256)
            for row in lang_rows:
                writer.add_document(**row)
            # the lexicon, for typo correction: every known word once, in one document of its own
            writer.add_document(id=f"{LEXICON}-{lang}", kind=LEXICON, words=" ".join(frequency))
            writer.commit()
            meta["counts"][lang] = len(lang_rows)
            meta["words"][lang] = frequency
            meta["surface"][lang] = surface
            ix.close()
        (staging / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        _swap(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def merge_indexes(parts: list[Path], folder: Path | str) -> None:
    """One index folder from indexes written separately, one language each (`regkb build` writes
    each language's in its own process): their language folders moved side by side and their
    meta.json merged, then swapped in like a new index."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=folder.name + ".new-", dir=folder.parent))
    meta: dict = {}
    try:
        for part in parts:
            own = json.loads((part / META_FILE).read_text(encoding="utf-8"))
            for key in ("counts", "words", "surface"):
                meta.setdefault(key, {}).update(own.pop(key))
            meta.update(own)
            for lang in sorted(set(LANGS) & {p.name for p in part.iterdir()}):  # its language folders
                os.rename(part / lang, staging / lang)
        (staging / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        _swap(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def lexicon(rows: list[dict], lang: str) -> tuple[dict[str, int], dict[str, str]]:
    """Known words, folded as the word analyzer folds them, with the number of entries using
    each; and the most frequent written form of each word whose accents were folded."""
    stops = stop_words(lang)
    frequency: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        seen = set()
        for word in WORD.findall(" ".join((row["title"], row["short_title"], row["answer"], row["labels"])).lower()):
            folded = word.translate(accent_map)
            if not 2 <= len(folded) <= MAX_WORD or folded in stops:
                continue
            seen.add(folded)
            if folded != word:
                forms[folded][word] += 1
        frequency.update(seen)
    surface = {folded: counts.most_common(1)[0][0] for folded, counts in forms.items()}
    return dict(sorted(frequency.items())), surface


def related_questions(rows: list[dict], lang: str, count: int = RELATED_COUNT) -> dict[str, list[str]]:
    """For each answer, the answers of the same language sharing its key terms.

    Key terms are an answer's top tf-idf stems (the index's analyzer; document frequencies over
    the index's rows, title and answer fields, as whoosh counts them; the question counts double).
    Answers are compared through an inverted list of key terms only, skipping terms key to too many
    answers to tell them apart. Computed from the rows, without the index: the pages need them
    before the index is written, which then happens while the site search runs.
    """
    answer_kinds = kinds_of_family("answer")
    answers = {i: row for i, row in enumerate(rows) if row["kind"] in answer_kinds}
    frequency: Counter = Counter()
    bags: dict[int, Counter] = {}
    for i, row in enumerate(rows):
        title = stems(row["title"], lang)
        frequency.update(set(title))
        if i in answers:
            answer = stems(row["answer"], lang)
            frequency.update(set(answer))
            bags[i] = Counter(title) + Counter(title) + Counter(answer)
    total = len(rows) + 1  # the index also holds one lexicon document
    keys: dict[int, list[tuple[str, float]]] = {}
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, bag in bags.items():
        scored = heapq.nlargest(KEY_TERMS, ((weight * math.log(1 + total / frequency[term]), term)
                                            for term, weight in bag.items() if frequency[term] > 1))
        norm = math.sqrt(sum(weight * weight for weight, _ in scored)) or 1.0
        keys[i] = [(term, weight / norm) for weight, term in scored]
        for term, weight in keys[i]:
            postings[term].append((i, weight))
    topic_sets = {i: frozenset(row["topics"].split(",")) for i, row in answers.items()}
    related: dict[str, list[str]] = {}
    for i, terms in keys.items():
        scores: dict[int, float] = defaultdict(float)
        for term, weight in terms:
            shared = postings[term]
            if len(shared) > MAX_SHARED:
                continue
            for other, other_weight in shared:
                if other != i:
                    scores[other] += weight * other_weight
        topics = topic_sets[i]
        shortlist = heapq.nlargest(count * 3, scores, key=scores.__getitem__)  # then shared topics
        ranked = sorted(shortlist, key=lambda other: (
            -(scores[other] + TOPIC_BONUS * len(topics & topic_sets[other])), answers[other]["id"]))[:count]
        related[answers[i]["id"]] = [answers[other]["id"] for other in ranked]
    return related


def _swap(staging: Path, folder: Path) -> None:
    """Replace `folder` by `staging` with renames (readers of the old index keep their files);
    retried when a concurrent build swaps at the same moment."""
    for attempt in range(5):
        old = Path(tempfile.mkdtemp(prefix=folder.name + ".old-", dir=folder.parent))
        try:
            if folder.exists():
                os.rename(folder, old / "index")
            os.rename(staging, folder)
            return
        except OSError:
            if attempt == 4:
                raise
        finally:
            shutil.rmtree(old, ignore_errors=True)
