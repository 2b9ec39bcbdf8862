"""Plain Markdown links inside a text (not `ref:`): where they land on the pages that show it.

The build does not rewrite them: `[art. 7](../ar-1996-07-03/#art-7)` is not checked by date,
keeps the language it was written in (`/nl/...` from a French text), and lands somewhere else
on each page that shows the text (a version's page is one folder below the stable page). So a
link that leads into the other language's pages, or to a page the site does not have, is an
error naming the file and line; a link to a text of the corpus that works is a warning. Both
suggest the `ref:` form, which the build checks and rewrites for every page and language.

One pass over each text's lines (code skipped): linear in the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..catalogue import LANG_NAMES
from .articles import canonical_anchor
from .codespans import finditer_outside_code
from .diagnostics import Diagnostics
from .kinds import DEFAULT_LANG, LANGS, sections
from .model import Corpus, Document, Text
from .urls import document_path, lang_prefix, version_path

# [text](dest "title"), ![alt](dest), [id]: dest, <a href="dest">, <img src="dest">
_LINKS = re.compile(
    r"\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<plain>[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))"
    r"|^ {0,3}\[[^\]\n]+\]:\s*<?(?P<definition>[^\s>]+)"
    r"|<(?:a|img)\b[^>\n]*?\b(?:href|src)\s*=\s*[\"'](?P<html>[^\"'\n]*)[\"']",
    re.MULTILINE | re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FIXED_PAGES = ("agenda/", "search/", "agenda/feed.xml", "agenda/agenda.ics", "")


@dataclass(frozen=True)
class Landing:
    """Where a link lands from one page: its language and its path in that language's tree."""

    lang: str
    path: str | None  # None: above the site's root


def land(page: str, dest: str) -> Landing:
    """`dest` (path part of a link) followed from the page at `page` (language-prefixed, 'nl/a/b/')."""
    base = [] if dest.startswith("/") else page.split("/")[:-1]
    parts: list[str] = []
    for part in base + dest.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return Landing(_lang_of(dest), None)
            parts.pop()
            continue
        parts.append(part)
    lang = parts[0] if parts and parts[0] in LANGS and parts[0] != DEFAULT_LANG else DEFAULT_LANG
    if lang != DEFAULT_LANG:
        parts = parts[1:]
    directory = dest.endswith("/") or dest.rsplit("/", 1)[-1] in ("", ".", "..")
    path = "/".join(parts) + ("/" if directory and parts else "")
    return Landing(lang, path)


def _lang_of(dest: str) -> str:
    """The language a link names in its segments (`../../nl/...`, `x.nl.md`), else the default."""
    for segment in dest.split("/"):
        if segment in LANGS and segment != DEFAULT_LANG:
            return segment
        for lang in LANGS:
            if segment.endswith(f".{lang}.md") and lang != DEFAULT_LANG:
                return lang
    return DEFAULT_LANG


class SitePages:
    """The pages and files of the site, by path in one language's tree (language-neutral paths:
    the generated pages exist in every language, `files` holds the files under docs/<lang>/)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.listings: set[str] = set(_FIXED_PAGES)
        for section in sections():
            self.listings.add(f"{section}/")
        for document in corpus:
            if document.sector:
                self.listings.add(f"{document.section}/{document.sector}/")
            if document.kind.spec.numbered and document.date:
                self.listings.add(f"{document.section}/{document.date.year}/")
            for topic in document.topics:
                self.listings.add(f"{document.section}/topic/{topic}/")
            if document.kind.spec.is_answer and document.audience:
                self.listings.add(f"{document.section}/audience/{document.audience}/")
        self.files = corpus.site_files

    def document_at(self, path: str) -> tuple[Document, str] | None:
        """The corpus text whose pages `path` is in, and the rest of the path."""
        parts = path.split("/")
        if len(parts) >= 2:
            document = self.corpus.get(parts[1])
            if document is not None and document.section == parts[0]:
                return document, "/".join(parts[2:])
        return None

    def exists(self, landing: Landing) -> bool:
        path = landing.path
        if path is None:
            return False
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        candidates = {path, path + "/"} if path and not path.endswith("/") else {path}
        if any(c in self.listings or _paged(c, self.listings) for c in candidates):
            return True
        if any(lang_prefix(landing.lang) + c in self.files for c in candidates):
            return True
        found = self.document_at(path)
        return found is not None and _document_page(*found)

    def suggestion(self, dest: str, fragment: str) -> str | None:
        """`ref:ID@DAY#anchor` for a link that names a text of the corpus in its segments."""
        segments = [s.removesuffix(".md") for s in dest.split("/")]
        segments = [s.rsplit(".", 1)[0] if s.rsplit(".", 1)[-1] in LANGS else s for s in segments]
        for position, segment in enumerate(segments):
            document = self.corpus.get(segment)
            if document is None:
                continue
            target = document.id
            day = next((s for s in segments[position + 1:] if _DAY.match(s) and document.version(s)), None)
            if day:
                target += f"@{day}"
            anchor = fragment or next((s for s in segments[position + 1:] if s.startswith("art-")), "")
            if anchor.startswith("art-"):
                target += f"#{canonical_anchor(anchor)}"
            return f"ref:{target}"
        return None


def _paged(path: str, listings: set[str]) -> bool:
    match = re.fullmatch(r"(?P<base>.*?)page/\d+/", path)
    return match is not None and match["base"] in listings


def _document_page(document: Document, rest: str) -> bool:
    """A page of the text's own: stable page, a version, its diff and FR ‖ NL view, an article,
    the feed, the list of versions, the texts citing it."""
    parts = [p for p in rest.split("/") if p]
    if not parts:
        return True
    if parts[0] in ("feed.xml", "versions.json", "cited-by", "versions") or parts[0].startswith("art-"):
        return True
    return document.version(parts[0]) is not None and (len(parts) == 1 or parts[1] in ("diff", "fr-nl"))


def check_text_links(corpus: Corpus, diagnostics: Diagnostics) -> None:
    """Every plain link of every text of the corpus, from each page that shows the text."""
    checker = _Checker(SitePages(corpus), diagnostics)
    for document in corpus:
        for meta in document.meta.values():
            if meta.intro:
                checker.text(meta.path, getattr(meta, "intro_line", 1), meta.intro, meta.lang,
                             [document_path(document)])
        for version in document.versions:
            shown = [document_path(document)]
            if document.kind.spec.versioned:
                shown.append(version_path(document, version))
            for text in version.texts.values():
                checker.text(text.path, text.body_line, _own_body(text), text.lang, shown)


def _own_body(text: Text) -> str:
    """A partial version's own lines (what it takes over was checked in its own file)."""
    body = getattr(text, "source_body", None)
    return body if isinstance(body, str) else text.body


# A text with no link but references, outside sites and anchors (most texts) is not read further.
_CANDIDATE = re.compile(r"\]\(\s*<?(?!ref:|https?:|mailto:|tel:|#|\))|\]:|<(?:a|img)\b", re.IGNORECASE)


def _links(body: str) -> Iterator[tuple[int, str]]:
    if body.count("](") == body.count("](ref:") and "]:" not in body and "<" not in body:
        return  # counted in C: most texts hold references only
    if not _CANDIDATE.search(body):
        return
    for offset, match in finditer_outside_code(_LINKS, body):
        dest = next(v for v in (match["angle"], match["plain"], match["definition"], match["html"]) if v is not None)
        yield offset, dest.strip()


@dataclass
class _Checker:
    pages: SitePages
    diagnostics: Diagnostics

    def text(self, path: str, first_line: int, body: str, lang: str, shown: list[str]) -> None:
        """`shown`: the pages (language-neutral paths) that show this text."""
        for offset, dest in _links(body):
            if not dest or dest.startswith(("#", "//")) or _SCHEME.match(dest):
                continue  # same page, another site, ref:, mailto:, tel: (the HTML policy checks schemes)
            target, _, fragment = dest.partition("#")
            target = target.split("?", 1)[0]
            if target:
                self.link(path, first_line + offset, dest, target, fragment, lang, shown)

    def link(self, path: str, line: int, dest: str, target: str, fragment: str, lang: str,
             shown: list[str]) -> None:
        ref = self.pages.suggestion(target, fragment)
        use_ref = (f"Write a reference instead, [text]({ref}): it is checked and opens the page in the reader's "
                   "language on every page that shows this text." if ref else None)
        named = _lang_of(target)
        language = LANG_NAMES.get(lang, lang)
        for page in shown:
            landing = land(lang_prefix(lang) + page, target)
            other = landing.lang if landing.lang != lang else (named if named != lang else None)
            if other is not None:
                self.diagnostics.error(
                    path, line, f"the link '{dest[:80]}' leads into the {LANG_NAMES.get(other, other)} pages from "
                    f"a {language} text: readers would change language without asking.",
                    use_ref or f"Link to the {language} page (without '{other}/'), or to a text with "
                    "[text](ref:ID).", "text-link")
                return
            if not self.pages.exists(landing):
                lands = "above the site's root" if landing.path is None else f"'{lang_prefix(lang)}{landing.path}'"
                self.diagnostics.error(
                    path, line, f"the link '{dest[:80]}' leads, from the page '{lang_prefix(lang)}{page}', to {lands}: "
                    "the site has no such page (plain links are not rewritten).",
                    use_ref or "Link to an existing page (its address on the site, e.g. '/guide/'), or to a text "
                    "with [text](ref:ID#art-N).", "text-link")
                return
        if ref is not None:
            self.diagnostics.warning(
                path, line, f"the link '{dest[:80]}' opens a text of the corpus by its address: it is not checked "
                "by date and not rewritten for the other pages that show this text.", use_ref or "", "text-link")
