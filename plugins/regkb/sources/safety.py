"""What the build may read and where it may write: no symbolic link in the sources, no site folder
over the sources.

A merge request can add a symbolic link as easily as a file: `docs/fr/x.md -> /etc/passwd`, a link
to `/proc/self/environ`, to a folder outside the repository, or a loop. Links are never followed:
each one is reported (file and fix) and left out, in `regkb check` and in the build alike.

MkDocs empties its output folder before writing: `--site-dir circulars` would delete every
circular. The site folder may not be, contain or lie inside a source folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.diagnostics import Diagnostics
from ..core.kinds import DEFAULT_LANG, FOLDERS, LANGS, sections, sections_with_layout

SOURCE_DIRS = ("docs", *(s for s in sections() if s not in sections_with_layout(FOLDERS)))  # circulars, faq
# What the site folder may not be, contain or lie inside (relative to the repository).
PROTECTED = (*SOURCE_DIRS, "taxonomy.yml", "mkdocs.yml", "plugins", "tests", "bench", ".git", "pyproject.toml",
             "README.md", "CONTRIBUTING.md")


def markdown_files(base: Path) -> list[Path]:
    """Every `*.md` under `base`, sorted, without following a symbolic link (file or folder)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
        found.extend(Path(folder, name) for name in files
                     if name.endswith(".md") and not os.path.islink(os.path.join(folder, name)))
    return sorted(found)


# Files under docs/ that MkDocs copies to the site as they are: only kinds a browser does not run.
# An .html, .svg, .js or .xml file there would be published on the site's origin unsanitized.
STATIC_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf", ".csv", ".txt"})


def site_files(root: Path, refused: set[str]) -> set[str]:
    """The addresses on the site of what docs/<lang>/ publishes: its files as they are, its
    hand-written pages as folders ('guide/import.md' -> 'guide/import/'); documents' folders
    hold no page of their own (the build generates them)."""
    found: set[str] = set()
    documents = set(sections_with_layout(FOLDERS))
    for lang in LANGS:
        base = root / "docs" / lang
        if not base.is_dir() or base.is_symlink():
            continue
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        for folder, dirs, files in os.walk(base, followlinks=False):
            dirs[:] = [d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d))]
            for name in files:
                path = Path(folder, name)
                rel = path.relative_to(base).as_posix()
                if name.startswith(".") or path.is_symlink() or path.relative_to(root).as_posix() in refused:
                    continue
                if not name.endswith(".md"):
                    found.add(prefix + rel)
                elif not (rel.split("/")[0] in documents and rel.count("/") >= 2):
                    page = rel.removesuffix(".md")
                    page = page.removesuffix("index") if page == "index" or page.endswith("/index") else page + "/"
                    found.add(prefix + page)
    return found


def report_static_files(root: Path, diagnostics: Diagnostics) -> set[str]:
    """Files under docs/ of a kind that could carry a script (error, left out); their paths."""
    refused: set[str] = set()
    base = root / "docs"
    if base.is_dir() and not base.is_symlink():
        for folder, dirs, files in os.walk(base, followlinks=False):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                path = Path(folder, name)
                if path.is_symlink():
                    continue  # reported by report_links
                if not name.startswith(".") and (path.suffix.lower() not in STATIC_SUFFIXES or not path.is_file()):
                    refused.add(path.relative_to(root).as_posix())  # a named pipe would block MkDocs' copy
    for rel in sorted(refused):
        if not (root / rel).is_file():
            if not rel.endswith(".md"):  # a Markdown one: reported where it is read (frontmatter.read_text)
                diagnostics.error(rel, 1, "this is not a regular file (a named pipe, a socket or a device): it is not "
                                  "published.", "Replace it by an ordinary file.", "file-type")
            continue
        diagnostics.error(rel, 1, f"files of type '{Path(rel).suffix or rel}' are not published: a browser could run "
                          "what they hold.", "Keep only Markdown and images (png, jpg, gif, webp, avif), pdf, csv or "
                          "txt files in docs/ (see CONTRIBUTING.md).", "file-type")
    return refused


def report_links(root: Path, diagnostics: Diagnostics) -> set[str]:
    """Each symbolic link under the source folders (and taxonomy.yml), as an error; their paths."""
    links: set[str] = set()
    if (root / "taxonomy.yml").is_symlink():
        links.add("taxonomy.yml")
    for name in SOURCE_DIRS:
        base = root / name
        if base.is_symlink():
            links.add(name)
            continue
        for folder, dirs, files in os.walk(base, followlinks=False):
            for entry in (*dirs, *files):
                path = os.path.join(folder, entry)
                if os.path.islink(path):
                    links.add(Path(path).relative_to(root).as_posix())
    for rel in sorted(links):
        diagnostics.error(rel, 1, "this is a symbolic link: links in the sources are not followed (it is left out).",
                          "Replace the link by the file itself (copy it into the repository).", "symlink")
    return links


def under_link(path: Path, root: Path) -> bool:
    """Whether `path` is a symbolic link or lies in a linked folder under `root` (False for a path
    outside `root`: theme files, for one, are not sources)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def site_dir_problem(root: Path, site_dir: Path | str) -> str | None:
    """Why `site_dir` may not be the output folder (None when it may)."""
    root = Path(root).resolve()
    site = Path(site_dir)
    site = (site if site.is_absolute() else root / site).resolve()
    if site == root or root.is_relative_to(site):
        return f"the site folder {site} is (or contains) the repository {root}: building would delete the sources"
    for name in PROTECTED:
        protected = (root / name).resolve()
        if site == protected or site.is_relative_to(protected) or protected.is_relative_to(site):
            return (f"the site folder {site} is, contains or lies inside {name}: building would delete or mix "
                    "with the sources")
    for lang in LANGS:
        if site.is_relative_to((root / "docs" / lang).resolve()):
            return f"the site folder {site} lies inside docs/{lang}"
    return None
