"""Articles: numbered headings of a legal text, with anchors identical in French and Dutch.

"Art. 1er", "Article 7bis", "Artikel 7bis", "Art. 7/1" give `art-1`, `art-7bis`, `art-7-1`, so a
link or the language switcher keeps the article whatever the language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARTICLE_HEADING = re.compile(
    r"^(?P<hashes>#{2,4})\s+(?P<label>(?:Art\.?|Article|Artikel)\s*"
    r"(?P<num>\d+(?:/\d+)?)\s*(?:er|e|ste)?\s*"
    r"(?P<suffix>bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)?)"
    r"(?P<rest>\b.*?)?\s*(?:\{[^}]*\})?\s*$",
    re.IGNORECASE,
)
HEADING = re.compile(r"^(#{1,6})\s+")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Article:
    """One article of a version's text in one language."""

    anchor: str
    number: str  # "7", "7bis", "7/1": the number as readers cite it
    heading: str  # the heading as written, without the hashes
    text: str  # the Markdown of the article, heading excluded
    line: int  # line of the heading in the body (1-based, relative to the body)


def article_anchor(number: str, suffix: str = "") -> str:
    return "art-" + number.replace("/", "-") + (suffix or "").lower()


def split_articles(body: str) -> list[Article]:
    """The articles of a body, in order; text between a heading and the next heading of the same
    or a higher level (chapters included) belongs to the article."""
    lines = body.splitlines()
    articles: list[Article] = []
    current: tuple[str, str, str, int, int] | None = None  # anchor, number, heading, level, start
    buffer: list[str] = []
    in_fence = False

    def close() -> None:
        if current is not None:
            anchor, number, heading, _level, start = current
            articles.append(Article(anchor, number, heading, "\n".join(buffer).strip("\n"), start))

    for index, line in enumerate(lines, start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence:
            match = ARTICLE_HEADING.match(line)
            heading = HEADING.match(line)
            if match:
                close()
                suffix = (match["suffix"] or "").lower()
                number = match["num"] + suffix
                text = line[len(match["hashes"]):].strip()
                text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)
                current = (article_anchor(match["num"], suffix), number, text, len(match["hashes"]), index)
                buffer = []
                continue
            if heading and current is not None and len(heading.group(1)) <= current[3]:
                close()
                current = None
                buffer = []
                continue
        if current is not None:
            buffer.append(line)
    close()
    return articles


def anchor_headings(body: str, after: dict[str, str] | None = None) -> str:
    """The body with `{#art-N}` attributes on article headings, for stable anchors in HTML;
    `after` maps an anchor to a block (HTML) placed right under that article's heading."""
    out = []
    in_fence = False
    for line in body.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else ARTICLE_HEADING.match(line)
        anchor = article_anchor(match["num"], match["suffix"] or "") if match else ""
        if match and "{" not in line:
            line = f"{line.rstrip()} {{#{anchor}}}"
        out.append(line)
        if match and after and anchor in after:
            out += ["", after[anchor], ""]
    return "\n".join(out)


ARTICLE_HEADING_HTML = re.compile(r'<h[2-4] id="(art-[^"]+)"[^>]*>.*?</h[2-4]>', re.DOTALL)


def after_article_headings(html: str, after: dict[str, str]) -> str:
    """Converted HTML with a block (HTML) placed right under each article heading named in
    `after`: added after conversion, so Python-Markdown never parses these blocks."""
    if not after:
        return html
    return ARTICLE_HEADING_HTML.sub(lambda m: m[0] + after[m[1]] if m[1] in after else m[0], html)
