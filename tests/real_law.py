"""A small converter from the Lex Iterata Markdown of a Justel text to regkb's source format.

The shared archive (`../shared/real/iterata-archive/1999011160/`) holds 85 Justel versions of the
law of 29 April 1999 on the electricity market, as Markdown without front matter, articles written
as bold paragraph starts (`**Art. 7bis.** text`). This turns one into a regkb version: each bold
article start becomes an article heading one level below the chapter or section it stands in (its
label as written), the rest of that paragraph its first paragraph; the footnotes Lex Iterata wraps in
backticks (`` `(1)<L ...>` ``) are unwrapped, as Justel writes them; every other line is kept as
written (Justel's `<L ...>` notes and `[1 ...]1` markers included). Used by the real-law tests and by
`bench/build_bench.py --real`; the archive is French only, so the French text stands in for Dutch.
"""

from __future__ import annotations

import csv
import gzip
import re
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parents[1] / ".." / "shared" / "real" / "iterata-archive" / "1999011160"
SUBSET = Path(__file__).resolve().parent / "data" / "iterata-1999011160"  # 4 versions, gzipped, kept here
LAW_ID = "loi-1999-04-29-electricite"
BOLD_ARTICLE = re.compile(r"^\*\*(?P<label>(?:Art\.|Article|Artikel)[^*]{0,40}?)\*\*\s*(?P<rest>.*)$")
HEADING = re.compile(r"^(#{1,6})\s")
# Justel's footnotes of an article's amendments, `(1)<L ...>`: Lex Iterata wraps them in backticks
FOOTNOTE = re.compile(r"^`(?P<note>\(\d+\)\s*<[^`]*>)`\s*$")


def archive() -> Path:
    return ARCHIVE.resolve()


def read_version(folder: Path, name: str) -> str:
    """One version's Markdown (`v039.md`, or its gzipped copy `v039.md.gz`)."""
    path = folder / name
    if path.exists():
        return path.read_text(encoding="utf-8")
    return gzip.decompress((folder / (name + ".gz")).read_bytes()).decode("utf-8")


def selected_versions(folder: Path | None = None) -> list[tuple[str, str]]:
    """(file, in-force date) of the archive's whole-text versions, in order: a version is kept when
    its latest 'En vigueur' date is later than the previous one kept (the last of equal dates wins)
    and it holds at least half the text of the largest kept so far (Justel's archive also holds
    fragments of a few articles, which are not versions of the whole law)."""
    folder = folder or archive()
    rows = list(csv.DictReader((folder / "versions.tsv").open(encoding="utf-8"), delimiter="\t"))
    kept: list[tuple[str, str, int]] = []
    largest = 20000
    for row in rows:
        day, size = row["latest_en_vigueur"], int(row["size_bytes"])
        if not day or size < largest / 2:
            continue
        if kept and day == kept[-1][1]:
            kept[-1] = (row["file"], day, size)
        elif not kept or day > kept[-1][1]:
            kept.append((row["file"], day, size))
        largest = max(largest, size)
    return [(name, day) for name, day, _size in kept]


def convert_body(markdown: str) -> str:
    """The iterata Markdown as a regkb version body (see the module docstring)."""
    out: list[str] = []
    level = 1  # level of the last chapter/section heading
    for line in markdown.splitlines():
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            out.append(line)
            continue
        footnote = FOOTNOTE.match(line)
        if footnote:  # as Justel writes it
            out.append(footnote["note"])
            continue
        match = BOLD_ARTICLE.match(line)
        if match:
            out.append("#" * min(6, max(2, level + 1)) + " " + match["label"].strip())
            if match["rest"].strip():
                out += ["", match["rest"]]
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def write_law(project: Path, versions: list[tuple[str, str]] | None = None, folder: Path | None = None,
              langs: tuple[str, ...] = ("fr", "nl")) -> list[tuple[str, str]]:
    """Write the law into `project` (docs/<lang>/regulations/<id>/), French text in every language;
    return the versions written."""
    folder = folder or archive()
    versions = versions if versions is not None else selected_versions(folder)
    titles = {"fr": "Loi relative à l'organisation du marché de l'électricité",
              "nl": "Wet betreffende de organisatie van de elektriciteitsmarkt"}
    short = {"fr": "Loi électricité 1999", "nl": "Elektriciteitswet 1999"}
    for lang in langs:
        target = project / "docs" / lang / "regulations" / LAW_ID
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.md").write_text(
            f"---\nkind: law\ntitle: {titles[lang]}\nshort_title: {short[lang]}\ndate: 1999-04-29\n"
            f'numac: "1999011160"\n---\n', encoding="utf-8")
        for name, day in versions:
            body = _as_imported(convert_body(read_version(folder, name)), name)
            twice = sorted({d.number for d in _duplicates(body)})
            declared = f"duplicate_articles: [{', '.join(repr(n) for n in twice)}]\n" if twice else ""
            (target / f"{day}.md").write_text(f"---\nin_force: {day}\n{declared}---\n{body}", encoding="utf-8")
    return versions


def _as_imported(body: str, name: str) -> str:
    """Justel's control characters (U+001A for a letter it lost, C1 characters of a mis-decoded
    page) as `regkb import` writes them: U+FFFD, which `regkb check` accepts and the reader sees,
    instead of an invisible character that the strict build refuses."""
    try:
        from regkb.justel.snapshot import visible_controls
    except ImportError:  # a regkb that predates the check (the bench's base)
        return body
    return visible_controls(body, name, [])


def _duplicates(body: str) -> list:
    """Labels written twice (regkb's own finding; none with a regkb that predates it, for the bench)."""
    try:
        from regkb.core.articles import article_problems
    except ImportError:
        return []
    return article_problems(body)[1]
