"""Our source files for an imported text: `index.md` per language and one file per version.

Nothing is written here: `plan_text` returns the files with their content; the command compares
them with what exists (never overwriting without --force) and writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml

from ..core.dates import format_date
from ..core.kinds import Kind
from .history import History, Version
from .snapshot import heading_text



@dataclass
class Meta:
    """The document's metadata in one language (from the page, or the command's options)."""

    kind: str
    title: str
    short_title: str
    date: dt.date
    numac: str = ""
    published: dt.date | None = None  # of the act itself, in the Moniteur belge
    eli: str = ""  # written only when it is not the one the ELI rule gives


def short_title(kind: str, date: dt.date, lang: str) -> str:
    """'AR du 3 juillet 1996': the kind's `citation` (core/kinds.py) with the act's date."""
    return Kind(kind).spec.citation[lang].format(d=format_date(date, lang))


def front_matter(values: dict) -> str:
    data = {k: v for k, v in values.items() if v not in (None, "")}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def index_file(meta: Meta) -> str:
    return front_matter({"kind": meta.kind, "title": meta.title, "short_title": meta.short_title,
                         "date": meta.date, "published": meta.published, "numac": meta.numac or None,
                         "eli": meta.eli or None})


def version_file(version: Version, partial: tuple[dict, str] | None = None) -> str:
    """The version's file: its dates, then its whole text (version_body), or the partial
    version's keys and body when one is given (justel/partial.py)."""
    values = {"in_force": version.in_force, "published": version.published, "signed": version.signed}
    if partial is not None:
        return front_matter(values | partial[0]) + "\n" + partial[1]
    return front_matter(values) + "\n" + version_body(version)


def version_body(version: Version) -> str:
    """The whole text: preamble, structure headings (Titre above Chapitre above Section) and
    articles one level under the heading they sit in, signatures; every paragraph as Justel
    wrote it."""
    snap = version.snapshot
    ranks = sorted({b.rank for b in snap.blocks if b.kind == "structure" and b.rank >= 0})
    # Livre, Titre, Chapitre, Section, Sous-section: h2 to h5 (h5 shared below four), articles one under
    level_of = {rank: min(2 + i, 5) for i, rank in enumerate(ranks)} | {-1: 2}
    article_level = 2  # one level under the heading the article sits in (no jump in the outline)
    out: list[str] = []
    out += snap.preamble
    for block in snap.blocks:
        if block.kind == "structure":
            out.append("#" * level_of[block.rank] + " " + heading_text(block.text))
            article_level = min(level_of[block.rank] + 1, 6)
        elif block.kind == "article":
            out.append("#" * article_level + " " + heading_text(block.text))
        else:
            out.append(block.text)
    out += snap.signatures
    return "\n\n".join(out) + "\n"


def pair_report(fr: History, nl: History) -> list[str]:
    """Versions and articles that do not pair up between French and Dutch (by date, by label)."""
    messages: list[str] = []
    nl_by_day = {v.in_force: v for v in nl.versions}
    fr_by_day = {v.in_force: v for v in fr.versions}
    for day, version in fr_by_day.items():
        other = nl_by_day.get(day)
        if other is None:
            messages.append(f"version {day.isoformat()}: French only (no Dutch page with this entry into force).")
            continue
        fr_labels, nl_labels = version.snapshot.labels(), other.snapshot.labels()
        only_fr = [x for x in fr_labels if x not in set(nl_labels)]
        only_nl = [x for x in nl_labels if x not in set(fr_labels)]
        if only_fr:
            messages.append(f"version {day.isoformat()}: article(s) {', '.join(only_fr)} in French "
                            f"({version.snapshot.path}) have no Dutch article with that label ({other.snapshot.path}).")
        if only_nl:
            messages.append(f"version {day.isoformat()}: article(s) {', '.join(only_nl)} in Dutch "
                            f"({other.snapshot.path}) have no French article with that label ({version.snapshot.path}).")
    for day in nl_by_day:
        if day not in fr_by_day:
            messages.append(f"version {day.isoformat()}: Dutch only (no French page with this entry into force).")
    return messages
