"""The search index: one whoosh index per language, written once per build, read-only afterwards.

Layout of the index folder (default `<project>/.cache/search/`, git-ignored; `REGKB_SEARCH_INDEX`
overrides it):

    fr/, nl/     whoosh indexes: every answer (question, answer, topics, audience) and the titles
                 of every other document, in that language
    meta.json    build day, counts, known topics and audiences, and the accented spelling of each
                 folded word (so "did you mean" says "rééducation", not "reeducation")

A new index is written next to the old one and swapped in with renames, so a running API or a
concurrent build never sees a half-written index.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import Term

from ..core.duplicates import fold
from ..core.kinds import LANGS, Kind
from ..core.model import Corpus, Document
from ..core.urls import document_path, lang_prefix
from .analysis import text_analyzer, word_analyzer

ENV_INDEX = "REGKB_SEARCH_INDEX"
META_FILE = "meta.json"
RELATED_COUNT = 4
NON_PROVIDERS = {"patients", "insurers"}  # every other audience is a provider group
SURFACE_WORD = re.compile(r"\w{3,40}")
MARKUP = re.compile(r"[*_`#>]+|^\s*[-+]\s+", re.MULTILINE)


def default_index_dir(root: Path | str = ".") -> Path:
    """`REGKB_SEARCH_INDEX` if set, else `<root>/.cache/search`."""
    override = os.environ.get(ENV_INDEX, "").strip()
    return Path(override) if override else Path(root).resolve() / ".cache" / "search"


def schema(lang: str) -> Schema:
    analyzer = text_analyzer(lang)
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=3.0),
        short_title=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        answer=TEXT(analyzer=analyzer, stored=True),
        labels=TEXT(analyzer=analyzer, stored=True, field_boost=1.5),
        topics=KEYWORD(stored=True, commas=True),
        audience=KEYWORD(stored=True, commas=True),  # the audience, plus "providers" for provider groups
        words=TEXT(analyzer=word_analyzer(lang), stored=False),
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
    from ..pages.links import plain_refs  # Markdown-to-text of references; no MkDocs import

    taxonomy = corpus.taxonomy
    rows = []
    for document in corpus:
        path = lang_prefix(lang) + document_path(document)
        row = {"id": document.id, "kind": document.kind.value, "path": path, "url": site_url + path,
               "title": document.title(lang), "short_title": "", "answer": "", "labels": "",
               "topics": ",".join(document.topics), "audience": ",".join(audience_keys(document.audience)),
               "date": (document.reviewed or document.date or dt.date.min).isoformat()}
        if document.kind is Kind.QA:
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
        row["words"] = " ".join((row["title"], row["short_title"], row["answer"], row["labels"]))
        rows.append(row)
    return rows


def build_search_index(corpus: Corpus, folder: Path | str, today: dt.date,
                       site_url: str = "/") -> dict[str, dict[str, list[str]]]:
    """Write the index of every language into `folder`; returns the related questions,
    {lang: {answer id: [related answer ids]}}, computed from the same index."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=folder.name + ".new-", dir=folder.parent))
    related: dict[str, dict[str, list[str]]] = {}
    meta: dict = {"format": 1, "today": today.isoformat(), "site_url": site_url, "counts": {},
                  "surface": {}, "topics": sorted(corpus.taxonomy.topics),
                  "audiences": sorted(set(corpus.taxonomy.audiences) | {"providers"})}
    try:
        for lang in LANGS:
            rows = entries(corpus, lang, today, site_url)
            (staging / lang).mkdir()
            ix = whoosh_index.create_in(str(staging / lang), schema(lang))
            writer = ix.writer(limitmb=128)
            for row in rows:
                writer.add_document(**row)
            writer.commit()
            meta["counts"][lang] = len(rows)
            meta["surface"][lang] = surface_forms(rows)
            related[lang] = related_questions(ix, rows, lang)
            ix.close()
        (staging / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        _swap(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return related


def surface_forms(rows: list[dict]) -> dict[str, str]:
    """folded word -> its most frequent written form ("reeducation" -> "rééducation")."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        for word in SURFACE_WORD.findall(row["words"].lower()):
            folded = fold(word)
            if folded != word:
                counts[folded][word] += 1
    return {folded: forms.most_common(1)[0][0] for folded, forms in counts.items()}


def related_questions(ix, rows: list[dict], lang: str, count: int = RELATED_COUNT) -> dict[str, list[str]]:
    """For each answer, the answers of the same language with the most similar key terms."""
    out: dict[str, list[str]] = {}
    only_answers = Term("kind", Kind.QA.value)
    with ix.searcher() as searcher:
        for row in rows:
            if row["kind"] != Kind.QA.value:
                continue
            docnum = searcher.document_number(id=row["id"])
            text = f"{row['title']} {row['title']} {row['answer']}"
            hits = searcher.more_like(docnum, "answer", text=text, top=count, numterms=12,
                                      filter=only_answers)
            out[row["id"]] = [hit["id"] for hit in hits]
    return out


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
