"""Fields that must be the same in the French and Dutch files, written in one of them only.

A date, number, identifier, sector or audience is one fact of the text, read from whichever file
gives it: written in the French file alone, it is published for both languages while the Dutch
file says nothing, and the next edit of one file drifts from the other in silence. Each field
given in one language's file only is reported on the file that lacks it (`language-mismatch`),
with the line and value of the other. Values given in both and differing are reported by the
loader as they are read (`_mismatch`).
"""

from __future__ import annotations

from ..catalogue import language_name
from ..core.diagnostics import Diagnostics
from .frontmatter import SourceFile

# Relations (implements, replaces, amends, repeals) may be written in one file only: the loader
# reads them from either and reports only two files that name different texts.
DOCUMENT_FIELDS = ("kind", "date", "repealed", "end", "numac", "published", "sector")
VERSION_FIELDS = ("published", "signed", "amended_by", "retroactive", "partial")
CIRCULAR_FIELDS = ("date", "number", "audience", "reviewed", "in_force", "retroactive")
COMPARED_HERE = ("retroactive", "partial")  # values no other check compares between languages


def check_one_sided(sources: dict[str, SourceFile], fields: tuple[str, ...], diagnostics: Diagnostics) -> None:
    """`sources`: the files of one document (or version) by language, each read without error."""
    if len(sources) < 2:
        return  # a translation missing altogether is reported as such
    for field in fields:
        given = {lang: s for lang, s in sources.items() if s.meta.get(field) not in (None, "", [])}
        if not given:
            continue
        lang, first = next(iter(given.items()))
        value = _shown(first.meta[field])
        for other_lang, source in sources.items():
            if other_lang in given:
                if field in COMPARED_HERE and _shown(source.meta[field]) != value:
                    diagnostics.error(source.path, source.line_of(field),
                                      f"{field} differs from the other language's file ({value}, {first.path}).",
                                      f"Use the same {field} in the French and Dutch files.", "language-mismatch")
                continue
            if field in getattr(source, "misspelt", ()):
                continue  # written misspelt here ('sectr:'): reported on its line, with the name meant
            diagnostics.error(source.path, _line(source),
                              f"'{field}' is given in the {language_name(lang)} file ({first.path}, line "
                              f"{first.line_of(field)}: {value}) but not in this one: both languages must say the "
                              "same.",
                              f"Add '{field}: {value}' to this file's front matter, or remove it from {first.path}.",
                              "language-mismatch")


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v).strip() for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()[:80]


def _line(source: SourceFile) -> int:
    """The last line of the front matter, where a field is added (1 without one)."""
    return max(source.body_line - 2, 1) if source.key_lines else 1
