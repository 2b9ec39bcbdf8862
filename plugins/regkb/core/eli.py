"""ELI, the European Legislation Identifier of a Belgian law or decree.

Rule: the ELI is the identifier the text's index.md carries (`eli:`, copied from its Justel page
by `regkb import` when it differs from the rule below); otherwise, for a law or decree with a
NUMAC and an act date, Justel's consolidated text:
`https://www.ejustice.just.fgov.be/eli/<type>/<yyyy>/<mm>/<dd>/<numac>/justel`, with the type in
the page's language (loi/wet, arrete/besluit). A text without NUMAC has none.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Document

TYPES = {
    "law": {"fr": "loi", "nl": "wet"},
    "royal-decree": {"fr": "arrete", "nl": "besluit"},
    "ministerial-decree": {"fr": "arrete", "nl": "besluit"},
}
BASE = "https://www.ejustice.just.fgov.be/eli/"


def eli_url(kind: str, date: dt.date | None, numac: str | None, lang: str) -> str:
    """The ELI by the rule, or '' (no NUMAC, no date, or not a law or decree)."""
    types = TYPES.get(kind)
    if not types or not numac or date is None or not numac.isdigit() or len(numac) != 10:
        return ""
    return f"{BASE}{types.get(lang, types['fr'])}/{date:%Y/%m/%d}/{numac}/justel"


def document_eli(document: Document, lang: str) -> str:
    """The ELI of a document on a `lang` page: the one its sources carry, else the rule's."""
    meta = document.meta.get(document.text_lang(lang))
    if meta is not None and meta.eli:
        return meta.eli
    return eli_url(document.kind.value, document.date, document.numac, lang)
