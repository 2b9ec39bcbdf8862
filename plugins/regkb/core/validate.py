"""Checks across documents: taxonomy, dates, translations and references."""

from __future__ import annotations

import datetime as dt
import os
import re

from ..catalogue import LANG_NAMES, REQUIRED_LANGS
from .articlecheck import check_articles
from .dates import EARLIEST, LATEST
from .diagnostics import Diagnostics
from .duplicates import LanguageTools, whole_words, check_near_duplicates
from .kinds import LANGS
from .model import Corpus, Document, Version
from .references import build_index
from .relationcheck import check_relation_targets
from .safety_checks import check_relations, check_texts
from .status_rules import legal_day
from .textlinks import check_text_links



class BuildDateError(ValueError):
    """REGKB_TODAY (or the plugin's `today`) is not a date: the build stops rather than guess."""


def parse_build_date(value: str, source: str = "REGKB_TODAY") -> dt.date:
    """A build day written YYYY-MM-DD; anything else stops with a message naming `source`."""
    text = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        day = dt.date.fromisoformat(text)
        if not EARLIEST <= day <= LATEST:  # the agenda's window around it must exist
            raise ValueError
        return day
    except ValueError:
        raise BuildDateError(
            f"{source}={value!r} is not a date written YYYY-MM-DD (e.g. 2026-07-01) between "
            f"{EARLIEST.year} and {LATEST.year}: the build stops "
            f"instead of using another day. Fix: correct {source}, or unset it to build on today's date "
            f"in Brussels.") from None


def build_date() -> dt.date:
    """The one declared build timestamp: REGKB_TODAY (YYYY-MM-DD) if set, else the legal day
    (Brussels) at the wall clock. An invalid REGKB_TODAY raises BuildDateError, never a guess."""
    value = os.environ.get("REGKB_TODAY", "")
    if value.strip():
        return parse_build_date(value)
    return legal_day()


def validate_corpus(corpus: Corpus, diagnostics: Diagnostics, today: dt.date | None = None,
                    words: LanguageTools = whole_words) -> None:
    """Every check across documents; `words` gives each language's stop words and stemmer for
    the near-duplicate questions (sources/stems.py)."""
    today = today or build_date()
    broken = {d.path for d in diagnostics if d.is_error}  # files already reported as unreadable or wrong
    for document in corpus:
        _check_taxonomy(corpus, document, diagnostics)
        _check_languages(document, diagnostics, broken)
        _check_dates(document, diagnostics)
        check_articles(document, diagnostics)
    check_texts(corpus, diagnostics)
    check_relations(corpus, diagnostics)
    check_relation_targets(corpus, diagnostics, today)
    check_near_duplicates(corpus, diagnostics, tools=words)
    check_text_links(corpus, diagnostics)
    corpus.references = build_index(corpus, today, diagnostics)


def _check_taxonomy(corpus: Corpus, document: Document, diagnostics: Diagnostics) -> None:
    taxonomy = corpus.taxonomy
    meta = document.meta[document.langs[0]]
    if document.sector and document.sector not in taxonomy.sectors:
        diagnostics.error(meta.path, _line(meta, "sector"), f"unknown sector '{document.sector}'.",
                          f"Use one of: {', '.join(sorted(taxonomy.sectors))}, or add it to taxonomy.yml.",
                          "unknown-sector")
    if document.audience and document.audience not in taxonomy.audiences:
        diagnostics.error(meta.path, _line(meta, "audience"), f"unknown audience '{document.audience}'.",
                          f"Use one of: {', '.join(sorted(taxonomy.audiences))}, or add it to taxonomy.yml.",
                          "unknown-audience")
    for topic in document.topics:
        if topic not in taxonomy.topics:
            diagnostics.error(meta.path, _line(meta, "topics"), f"unknown topic '{topic}'.",
                              f"Use one of: {', '.join(sorted(taxonomy.topics))}, or add it to taxonomy.yml.",
                              "unknown-topic")
    if document.kind.spec.is_answer and not document.topics and "topics" in getattr(meta, "lines", {}):
        # 'topics: []' here; an absent (or misspelt) key is reported by the loader
        diagnostics.error(meta.path, _line(meta, "topics"), "an answer needs at least one topic.",
                          "Add 'topics: [physiotherapy]' (ids from taxonomy.yml).", "missing-field")


def _check_languages(document: Document, diagnostics: Diagnostics, broken: set[str] | None = None) -> None:
    """A translation missing is a warning; one whose file is there but reported (front matter not
    closed, a tab in the YAML, in_force misspelt) is not warned about again: one mistake, one report."""
    if document.kind.spec.is_answer:
        return  # reported by the loader, which knows the markers' lines
    broken = broken or set()
    for lang in LANGS:
        if lang not in REQUIRED_LANGS and lang not in document.meta:
            continue  # a partial added language (German): the page shows the text with a notice
        if lang not in document.meta:
            other = document.meta[document.langs[0]]
            if _other_path(other.path, other.lang, lang) in broken:
                continue
            diagnostics.warning(other.path, 1,
                                f"'{document.id}' exists in {LANG_NAMES[other.lang]} only: the {LANG_NAMES[lang]} page will show the {LANG_NAMES[other.lang]} text with a notice.",
                                f"Add the {LANG_NAMES[lang]} translation next to it ({_other_path(other.path, other.lang, lang)}).",
                                "missing-translation")
            continue
        for version in document.versions:
            if lang not in version.texts and version.texts:
                text = next(iter(version.texts.values()))
                if _other_path(text.path, text.lang, lang) in broken:
                    continue
                diagnostics.warning(text.path, 1,
                                    f"version {version.key} of '{document.id}' has no {LANG_NAMES[lang]} text.",
                                    f"Add {_other_path(text.path, text.lang, lang)}.", "missing-translation")


def _check_dates(document: Document, diagnostics: Diagnostics) -> None:
    if not document.versions or document.kind.spec.is_answer:
        return
    first = document.versions[0]
    meta = document.meta[document.langs[0]]
    convention = document.kind.spec.has_term
    field_name = "end" if convention else "repealed"
    written = (document.expires if convention else None) or document.repealed  # the date as in the source
    written_day = written.isoformat() if written else ""  # set whenever repealed is
    if document.repealed is not None and document.repealed <= first.in_force:
        diagnostics.error(meta.path, _line(meta, field_name),
                          f"{field_name} ({written_day}) is before the first entry into force ({first.in_force.isoformat()}).",
                          f"Correct {field_name}: a text ends after it begins.", "end-before-start")
    elif document.repealed is not None:
        for version in document.versions[1:]:
            if version.in_force >= document.repealed:
                text = next(iter(version.texts.values()))
                diagnostics.error(text.path, _line(text, "in_force"),
                                  f"this version enters into force on {version.in_force.isoformat()}, after the {field_name} date "
                                  f"of the document ({written_day}, {meta.path}): it would never be in force.",
                                  f"Correct in_force here or {field_name} in {meta.path}.", "end-before-start")
    for version in document.versions:
        for text in version.texts.values():
            if version.published and version.signed and version.published < version.signed:
                diagnostics.error(text.path, _line(text, "published"),
                                  f"published ({version.published.isoformat()}) is before signed ({version.signed.isoformat()}).",
                                  "An act is published in the Moniteur belge after it is signed: check both dates.",
                                  "end-before-start")
            break
    if document.reviewed and document.date and document.reviewed < document.date:
        diagnostics.error(meta.path, _line(meta, "reviewed"),
                          f"reviewed ({document.reviewed.isoformat()}) is before the {document.kind.spec.english}'s "
                          f"own date ({document.date.isoformat()}, line {_line(meta, 'date')}): readers are told it was "
                          "checked before it existed.",
                          "Correct one of the two dates: reviewed is the day the text was last checked.",
                          "end-before-start")
    # Acts and conventions only: a circular may explain rules that apply since before its date.
    if (document.kind.spec.versioned and document.date and first.in_force < document.date
            and not first.effect_before_act):
        _warn_before_act(document, first, diagnostics)


def _warn_before_act(document: Document, first: Version, diagnostics: Diagnostics) -> None:
    """A text in force before it exists is usually a typo in one of the two dates; a real
    retroactive effect is declared with `retroactive: true` in the version's front matter."""
    assert document.date is not None, "only called for a text with its own date"
    spec = document.kind.spec
    what = f"the {spec.english}'s date" if spec.has_term else "the act's own date (signature)"
    meta = document.meta[document.langs[0]]
    for lang in LANGS:
        text = first.texts.get(lang)
        if text is None:
            continue
        diagnostics.warning(text.path, _line(text, "in_force") if "in_force" in text.lines else _line(text, "date"),
                            f"the first version is in force from {first.in_force.isoformat()}, before {what} "
                            f"({document.date.isoformat()}, {meta.path} line {_line(meta, 'date')}).",
                            "Check both dates; if the text really takes effect before its date, add "
                            "'retroactive: true' to this version's front matter.", "dates")
        break


def _other_path(path: str, lang: str, other: str) -> str:
    return path.replace(f"docs/{lang}/", f"docs/{other}/").replace(f".{lang}.md", f".{other}.md")


def _line(where: object, key: str) -> int:
    """The line of a front-matter key in the file of a meta or text (1 when absent)."""
    return getattr(where, "lines", {}).get(key, 1)
