"""Every internal link and anchor of a built site resolves: a checker over `site/`.

Readers follow links to the exact article, so a broken link or anchor is a bug. The check is
linear: each HTML, XML (sitemap, feeds) or iCalendar file is parsed once (its ids and its links collected), then every
internal link is looked up in those tables. Pure Python (no MkDocs), usable on any built folder:

    python -m regkb.site_check site/ [--site-url https://regkb.example.be/]
"""

from __future__ import annotations

import argparse
import posixpath
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
              "source": "src", "iframe": "src", "form": "action", "use": "href"}
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@dataclass(frozen=True)
class Broken:
    """One link that does not resolve: where it is, what it points to, and why."""

    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target} ({self.reason})"


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] | None = field(default_factory=list)  # None: the file could not be read
    duplicates: list[str] = field(default_factory=list)  # ids given to more than one element


class _Collector(HTMLParser):
    """Collects the ids (and legacy `<a name>`) and the link targets of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            if values["id"] in self.page.ids and values["id"] not in self.page.duplicates:
                self.page.duplicates.append(values["id"])  # type: ignore[arg-type]  # a link finds one
            self.page.ids.add(values["id"])  # type: ignore[arg-type]
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])  # type: ignore[arg-type]
        attr = LINK_ATTRS.get(tag)
        target = values.get(attr) if attr else None
        if target is None and tag == "use":
            target = values.get("xlink:href")
        if target is not None:
            if tag == "link" and (values.get("rel") or "") in ("preconnect", "dns-prefetch"):
                return
            self.page.links.append(target.strip())  # type: ignore[union-attr]

    handle_startendtag = handle_starttag


def check_site(site: Path | str, site_url: str = "") -> list[Broken]:
    """All broken internal links and anchors of the built site in `site` (sorted)."""
    root = Path(site)
    base_path = urlsplit(site_url).path if site_url else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    pages: dict[str, _Page] = {}
    files: set[str] = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        files.add(rel)
        if path.suffix == ".html":
            collector = _Collector()
            collector.feed(path.read_text(encoding="utf-8", errors="replace"))
            collector.close()
            pages[rel] = collector.page
        elif path.suffix == ".xml":
            pages[rel] = _xml_links(path)
        elif path.suffix == ".ics":
            pages[rel] = _calendar_links(path)
    broken: list[Broken] = [Broken(rel, "", "not well-formed XML") for rel, page in pages.items() if page.links is None]
    broken += [Broken(rel, "#" + anchor, "id given to more than one element of the page")
               for rel, page in pages.items() for anchor in page.duplicates]
    for rel, page in pages.items():
        for link in page.links or []:
            problem = _resolve(rel, link, files, pages, site_url, base_path)
            if problem:
                broken.append(Broken(rel, link, problem))
    return sorted(set(broken), key=lambda b: (b.page, b.target))


def _resolve(rel: str, link: str, files: set[str], pages: dict[str, _Page], site_url: str,
             base_path: str) -> str | None:
    """None when `link` (found in file `rel`) resolves, else the reason it does not."""
    if not link or link.startswith(SKIPPED_SCHEMES):
        return None
    if site_url and link.startswith(site_url):
        link = base_path + link[len(site_url):]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # external: not ours to check
    fragment, path = unquote(parts.fragment), unquote(parts.path)
    if path == "":
        target = rel
    elif path.startswith("/"):
        if not path.startswith(base_path):
            return "outside the site"
        target = path[len(base_path):]
    else:
        target = posixpath.join(posixpath.dirname(rel), path)
    normalized = posixpath.normpath(target) if target else "."
    if normalized.startswith(".."):
        return "outside the site"
    if target.endswith("/") or normalized == ".":
        candidates = [posixpath.join(normalized, "index.html") if normalized != "." else "index.html"]
    else:
        candidates = [normalized, posixpath.join(normalized, "index.html")]
    found = next((c for c in candidates if c in files), None)
    if found is None:
        return "no such file"
    if fragment and found.endswith(".html") and fragment not in pages[found].ids:
        return f"no id '{fragment}' in {found}"
    return None


def _xml_links(path: Path) -> _Page:
    """Links of a sitemap or feed: `<loc>` texts and every `href` attribute (Atom, hreflang)."""
    try:
        tree = ET.parse(path)  # noqa: S314 - our own build output
    except ET.ParseError:
        return _Page(links=None)  # type: ignore[arg-type]
    links = []
    for element in tree.iter():
        if element.tag.rsplit("}", 1)[-1] == "loc" and element.text:
            links.append(element.text.strip())
        if element.get("href"):
            links.append(element.get("href", "").strip())
    return _Page(links=links)


def _calendar_links(path: Path) -> _Page:
    """The `URL:` property of every event of an iCalendar file (folded lines joined first)."""
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").replace("\n ", "")
    return _Page(links=[line[4:].strip() for line in text.split("\n") if line.upper().startswith("URL:")])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m regkb.site_check", description=__doc__.split("\n")[0])
    parser.add_argument("site", help="the built site folder")
    parser.add_argument("--site-url", default="", help="site_url of mkdocs.yml, to check absolute links to the site")
    args = parser.parse_args(argv)
    broken = check_site(args.site, args.site_url)
    for item in broken:
        print(item)
    print(f"{len(broken)} broken link(s)", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
