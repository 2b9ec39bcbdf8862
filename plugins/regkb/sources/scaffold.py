"""New source files with complete front matter, in the right place, in French and in Dutch.

Everything is checked before anything is written (ids, dates, taxonomy, targets of relations), and
an existing file is never overwritten: a scaffold is a starting point, not an edit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import placeholders
from ..core.dates import DateError, parse_date
from ..core.kinds import LANGS, Kind, all_kinds, kinds_of_family
from ..core.model import Corpus, Document

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
CIRCULAR_PREFIX = {"insurers": "oa", "physiotherapists": "kine", "speech-therapists": "logo"}
PLACEHOLDER = {
    "article": {"fr": f"## Art. 1er\n\n{placeholders.ARTICLE['fr']}\n",
                "nl": f"## Artikel 1\n\n{placeholders.ARTICLE['nl']}\n"},
    "circular": {"fr": f"Madame, Monsieur,\n\n{placeholders.CIRCULAR['fr']}\n",
                 "nl": f"Mevrouw, Mijnheer,\n\n{placeholders.CIRCULAR['nl']}\n"},
    "answer": placeholders.ANSWER,
}

class ScaffoldError(ValueError):
    """The values given cannot make valid sources; `problems` lists every reason at once."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Scaffold:
    """The files to write: path relative to the project root -> full text."""

    files: dict[str, str] = field(default_factory=dict)

    def existing(self, root: Path) -> list[str]:
        return [rel for rel in self.files if (root / rel).exists()]

    def write(self, root: Path) -> list[str]:
        """Write every file, or none when one already exists (never overwrite)."""
        clash = self.existing(root)
        if clash:
            raise FileExistsError(", ".join(clash))
        written: list[str] = []
        try:
            for rel, text in self.files.items():
                path = root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("x", encoding="utf-8") as handle:  # "x": fails rather than overwrite
                    written.append(rel)  # created: removed again if a later file fails
                    handle.write(text)
        except BaseException as exc:
            left = _remove(root, written)  # all or nothing: the French files alone would be a half text
            if left:
                raise PartlyWritten(left) from exc
            raise
        return written


class PartlyWritten(OSError):
    """Some files were written and could not be removed after a later one failed."""

    def __init__(self, files: list[str]) -> None:
        super().__init__(", ".join(files))
        self.files = files


def _remove(root: Path, written: list[str]) -> list[str]:
    """Remove the files just created; those that could not be removed."""
    left = []
    for rel in written:
        try:
            (root / rel).unlink()
        except OSError:
            left.append(rel)
    return left


def quote(value: str) -> str:
    """A YAML scalar that stays text whatever it holds (colons, quotes, accents)."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: list[tuple[str, str | None]]) -> str:
    lines = ["---"] + [f"{key}: {value}" for key, value in fields if value not in (None, "")] + ["---", ""]
    return "\n".join(lines)


# --- checks shared by every kind ------------------------------------------------------------------
class _Checks:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.problems: list[str] = []

    def date(self, option: str, value: str | None, required: bool = True) -> dt.date | None:
        if not value:
            if required:
                self.problems.append(f"{option} is required (a date written YYYY-MM-DD)")
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            self.problems.append(f"{option}: {exc}")
            return None

    def new_id(self, option: str, value: str) -> None:
        if not ID_PATTERN.match(value or ""):
            self.problems.append(f"{option} '{value}' is not a valid id: lowercase letters, digits and '-' only")
        elif self.corpus.get(value) is not None:
            self.problems.append(f"{option} '{value}' is already used by another document")

    def existing(self, option: str, value: str, kinds: tuple[Kind, ...] = ()) -> Document | None:
        document = self.corpus.get(value)
        if document is None:
            self.problems.append(f"{option} '{value}' is not a document of the corpus")
        elif kinds and document.kind not in kinds:
            names = ", ".join(k.value for k in kinds)
            self.problems.append(f"{option} '{value}' is a {document.kind.value}, not a {names}")
        return document

    def taxonomy(self, option: str, group: str, value: str) -> None:
        known = getattr(self.corpus.taxonomy, group)
        if value not in known:
            self.problems.append(f"{option} '{value}' is not in taxonomy.yml ({group}: {', '.join(sorted(known))})")

    def text(self, option: str, value: str | None) -> None:
        if not (value or "").strip():
            self.problems.append(f"{option} is required")

    def done(self) -> None:
        if self.problems:
            raise ScaffoldError(self.problems)


# --- a new version of a law, decree or convention -------------------------------------------------
def decree_version(corpus: Corpus, doc_id: str, in_force: str, published: str | None = None,
                   signed: str | None = None, amended_by: str | None = None,
                   summary: dict[str, str] | None = None, label: dict[str, str] | None = None,
                   partial: bool = False, articles: list[str] | None = None) -> Scaffold:
    """Two version files starting from the text of the version in force just before `in_force`
    (with `partial`, only the `articles` to replace, with their current text, or to insert)."""
    checks = _Checks(corpus)
    document = checks.existing("--id", doc_id, tuple(k for k in all_kinds() if k.spec.versioned))
    day = checks.date("--in-force", in_force)
    published_day = checks.date("--published", published, required=False)
    signed_day = checks.date("--signed", signed, required=False)
    if amended_by:
        checks.existing("--amended-by", amended_by)
    if published_day and signed_day and published_day < signed_day:
        checks.problems.append("--published is before --signed: an act is published after it is signed")
    if document is not None and day is not None and document.version(day.isoformat()) is not None:
        checks.problems.append(f"'{doc_id}' already has a version in force on {day.isoformat()}")
    if articles and not partial:
        checks.problems.append("--articles goes with --partial (a version that holds only what changes)")
    if partial and not articles:
        checks.problems.append("--partial needs --articles: the articles the version replaces or inserts, e.g. 7,7bis")
    from ..core.consolidate import article_label

    for raw in articles or []:
        if article_label(raw) is None:
            checks.problems.append(f"--articles: '{raw}' is not an article label (e.g. 7, 7bis, 22bis/1, XI.172)")
    checks.done()
    assert document is not None and day is not None
    before = [v for v in document.versions if v.in_force < day]
    base = before[-1] if before else (document.versions[-1] if document.versions else None)
    scaffold = Scaffold()
    for lang in LANGS:
        text = base.text(lang) if base else None
        body = text.body.strip("\n") + "\n" if text and text.body.strip() else PLACEHOLDER["article"][lang]
        extra: list[tuple[str, str | None]] = []
        if partial and text is not None:
            from ..core.consolidate import partial_skeleton

            body, extra = partial_skeleton(text, articles or [], lang)
        fields = [("in_force", day.isoformat()),
                  ("published", published_day.isoformat() if published_day else None),
                  ("signed", signed_day.isoformat() if signed_day else None),
                  ("amended_by", amended_by),
                  ("label", quote(label[lang]) if label and label.get(lang) else None),
                  ("summary", quote(summary[lang]) if summary and summary.get(lang) else None)] + extra
        scaffold.files[f"docs/{lang}/{document.section}/{doc_id}/{day.isoformat()}.md"] = front_matter(fields) + body
    return scaffold


# --- a new convention ---------------------------------------------------------------------------
def convention(corpus: Corpus, doc_id: str, sector: str, institution: dict[str, str], title: dict[str, str],
               short_title: dict[str, str], start: str, end: str | None = None) -> Scaffold:
    """index.md and a first version (from `start`) in both languages."""
    checks = _Checks(corpus)
    checks.new_id("--id", doc_id)
    checks.taxonomy("--sector", "sectors", sector)
    for lang in LANGS:
        checks.text(f"--title-{lang}", title.get(lang))
        checks.text(f"--short-title-{lang}", short_title.get(lang))
    checks.text("--institution", institution.get("fr") or institution.get("nl"))
    start_day = checks.date("--start", start)
    end_day = checks.date("--end", end, required=False)
    if start_day and end_day and end_day <= start_day:
        checks.problems.append("--end must be after --start")
    checks.done()
    assert start_day is not None
    scaffold = Scaffold()
    for lang in LANGS:
        name = institution.get(lang) or institution.get("fr") or institution.get("nl") or ""
        index = front_matter([("kind", Kind.CONVENTION.value), ("title", quote(title[lang])),
                              ("short_title", quote(short_title[lang])), ("sector", sector),
                              ("institution", quote(name)), ("date", start_day.isoformat()),
                              ("end", end_day.isoformat() if end_day else None)])
        folder = f"docs/{lang}/{Kind.CONVENTION.section}/{doc_id}"
        scaffold.files[f"{folder}/index.md"] = index
        scaffold.files[f"{folder}/{start_day.isoformat()}.md"] = (
            front_matter([("in_force", start_day.isoformat())]) + PLACEHOLDER["article"][lang])
    return scaffold


# --- a new circular -----------------------------------------------------------------------------
def circular_id(number: str, audience: str) -> str:
    """'2024/12' to insurers -> 'circ-oa-2024-12' (the ids of the sample)."""
    prefix = CIRCULAR_PREFIX.get(audience, audience)
    return f"circ-{prefix}-" + re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-")


def default_short_titles(number: str, audience: str) -> dict[str, str]:
    if audience == "insurers":
        return {"fr": f"Circulaire OA {number}", "nl": f"Omzendbrief VI {number}"}
    return {"fr": f"Circulaire {number}", "nl": f"Omzendbrief {number}"}


def circular(corpus: Corpus, doc_id: str | None, number: str, audience: str, date: str, title: dict[str, str],
             short_title: dict[str, str] | None = None, in_force: str | None = None,
             implements: list[str] | None = None, replaces: str | None = None,
             reviewed: str | None = None) -> Scaffold:
    checks = _Checks(corpus)
    checks.text("--number", number)
    checks.taxonomy("--audience", "audiences", audience)
    doc_id = doc_id or (circular_id(number, audience) if number else "")
    checks.new_id("--id", doc_id)
    day = checks.date("--date", date)
    in_force_day = checks.date("--in-force", in_force, required=False)
    reviewed_day = checks.date("--reviewed", reviewed, required=False)
    for lang in LANGS:
        checks.text(f"--title-{lang}", title.get(lang))
    for target in implements or []:
        checks.existing("--implements", target)
    if replaces:
        checks.existing("--replaces", replaces, kinds_of_family("circular"))
    checks.done()
    assert day is not None
    shorts = {**default_short_titles(number, audience), **{k: v for k, v in (short_title or {}).items() if v}}
    scaffold = Scaffold()
    for lang in LANGS:
        fields = [("number", quote(number)), ("date", day.isoformat()), ("audience", audience),
                  ("title", quote(title[lang])), ("short_title", quote(shorts[lang])),
                  ("in_force", in_force_day.isoformat() if in_force_day else None),
                  ("implements", "[" + ", ".join(implements) + "]" if implements else None),
                  ("replaces", replaces), ("reviewed", (reviewed_day or day).isoformat())]
        scaffold.files[f"circulars/{day.year}/{doc_id}.{lang}.md"] = front_matter(fields) + PLACEHOLDER["circular"][lang]
    return scaffold


# --- a new question and answer ------------------------------------------------------------------
def question(corpus: Corpus, doc_id: str, topics: list[str], audience: str, questions: dict[str, str],
             reviewed: str) -> Scaffold:
    """One file with both languages: the questions in front matter, the answers below markers."""
    checks = _Checks(corpus)
    checks.new_id("--id", doc_id)
    if not topics:
        checks.problems.append("--topic is required (one or more topic ids from taxonomy.yml)")
    for topic in topics:
        checks.taxonomy("--topic", "topics", topic)
    audiences = set(corpus.taxonomy.audiences) | {"patients", "providers"}
    if audience not in audiences:
        checks.problems.append(f"--audience '{audience}' is not in taxonomy.yml ({', '.join(sorted(audiences))})")
    for lang in LANGS:
        checks.text(f"--question-{lang}", questions.get(lang))
    reviewed_day = checks.date("--reviewed", reviewed)
    checks.done()
    assert reviewed_day is not None
    head = front_matter([("topics", "[" + ", ".join(topics) + "]"), ("audience", audience),
                         ("reviewed", reviewed_day.isoformat())])
    head = head[:-len("---\n")] + "question:\n" + "".join(
        f"  {lang}: {quote(questions[lang])}\n" for lang in LANGS) + "---\n"
    body = "\n\n".join(f"<!-- {lang} -->\n{PLACEHOLDER['answer'][lang]}" for lang in LANGS) + "\n"
    return Scaffold({f"faq/{topics[0]}/{doc_id}.md": head + body})
