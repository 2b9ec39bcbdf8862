"""Generated HTML blocks kept out of Python-Markdown's way.

The generated pages are mostly HTML we composed ourselves (facts, timelines, diffs, tables).
Python-Markdown would parse every such block twice (md_in_html, then MkDocs' anchor collector)
only to copy it out unchanged: at scale that was a third of the build. Each of our blocks is
replaced by a short placeholder before conversion and put back into the converted HTML, with its
ids reported so that MkDocs still validates links to its anchors.
"""

from __future__ import annotations

import re

# Blocks that only our page composers write, always complete elements on lines without a blank.
OURS = re.compile(
    r'^<(?:dl class="regkb-|div class="regkb-|form class="regkb-|h2 id="versions">|script type="application/'
    r'|section class="regkb-|details class="regkb-diff-|div class="md-typeset__scrollwrap">'
    r'|div class="admonition |p><a href=")')
TAG = re.compile(r"<([a-z0-9]+)")
# A wrapper's opening or closing tag alone in its block: the Markdown between them is converted as
# usual, without md_in_html parsing the whole wrapper as HTML first.
WRAPPER = re.compile(r'^(?:<(?:div|section) class="regkb-[^"]*"[^>\n]*>|</(?:div|section)>)$')
PLACEHOLDER = re.compile(r"<!--regkb-raw:(\d+)-->")
IDS = re.compile(r'\sid="([^"]+)"')


def stash(markdown: str, converted: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """(markdown with our HTML blocks replaced by placeholders, the blocks in order).

    `converted` holds HTML made beforehand (a version's text, see fragments.py), which the
    Markdown names with `<!--regkb-html:NAME-->`: it is put back the same way."""
    blocks = markdown.split("\n\n")
    fragments: list[str] = []
    for name, html in (converted or {}).items():
        blocks = [f"<!--regkb-raw:{len(fragments)}-->" if b == f"<!--regkb-html:{name}-->" else b for b in blocks]
        fragments.append(html)
    for i, block in enumerate(blocks):
        if WRAPPER.match(block) or (OURS.match(block) and 'markdown="' not in block and _balanced(block)):
            blocks[i] = f"<!--regkb-raw:{len(fragments)}-->"
            fragments.append(block)
    return "\n\n".join(blocks), fragments


def _balanced(block: str) -> bool:
    """The block closes the element it opens (else Markdown would read on past the blank line)."""
    name = TAG.match(block)[1]
    return block.count("<" + name) == block.count("</" + name + ">")


def unstash(html: str, fragments: list[str]) -> str:
    """Put the blocks back into the converted page."""
    if not fragments:
        return html
    return PLACEHOLDER.sub(lambda m: fragments[int(m[1])], html)


def anchor_ids(fragments: list[str]) -> set[str]:
    return {match for fragment in fragments for match in IDS.findall(fragment)}
