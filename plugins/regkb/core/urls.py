"""Where each document, version and diff lives on the site (the same path in every language)."""

from __future__ import annotations

import posixpath

from .kinds import DEFAULT_LANG
from .model import Document, Version


def lang_prefix(lang: str) -> str:
    """French at the root, Dutch under /nl/."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def document_path(document: Document) -> str:
    """The stable URL: always the version in force at build time."""
    return f"{document.section}/{document.id}/"


def version_path(document: Document, version: Version) -> str:
    return f"{document.section}/{document.id}/{version.key}/"


def diff_path(document: Document, version: Version) -> str:
    """The diff between `version` and the one before it."""
    return f"{document.section}/{document.id}/{version.key}/diff/"


def src_uri(path: str) -> str:
    """The neutral Markdown source name of a page path ('a/b/' -> 'a/b/index.md')."""
    return path + "index.md" if path.endswith("/") or not path else path


def md_link(from_src_uri: str, to_path: str, anchor: str = "") -> str:
    """A relative link from one page's source to another page's source, as MkDocs resolves it."""
    target = posixpath.relpath(src_uri(to_path), posixpath.dirname(from_src_uri) or ".")
    return target + (f"#{anchor}" if anchor else "")


def url_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative URL between two built pages (directory URLs), for raw HTML."""
    base = from_path if from_path.endswith("/") else posixpath.dirname(from_path) + "/"
    rel = relative(to_path or ".", base.rstrip("/") or ".")
    if to_path.endswith("/") and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def relative(path: str, start: str) -> str:
    """posixpath.relpath for site paths (relative, no '..'), without its per-call filesystem-style
    normalisation: the generated pages compute tens of thousands of links."""
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    if ".." in to or ".." in base or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
