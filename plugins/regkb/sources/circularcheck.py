"""Circulars across files: a number given twice in one series, a file in another year's folder.

A series is the circulars to one audience (OA, physiotherapists...): "Circulaire OA 2024/7" is
cited by its number, so two circulars with that number made one of them unreachable by citation
and the search answered with either, in silence. Numbers are compared as read (2024/07 = 2024/7,
spaces and case aside: core.collation.normal_number).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from ..core.collation import normal_number
from ..core.diagnostics import Diagnostics
from ..core.model import Document


def check_circulars(documents: Iterable[Document], diagnostics: Diagnostics) -> None:
    series: dict[tuple[str, str], Document] = {}
    for document in documents:
        meta = document.meta[document.langs[0]]
        if document.number and document.audience:
            first = series.setdefault((document.audience, normal_number(document.number)), document)
            if first is not document:
                other = first.meta[first.langs[0]]
                written = f" (written {first.number})" if first.number != document.number else ""
                diagnostics.error(meta.path, meta.lines.get("number", 1),
                                  f"the number {document.number} is already given{written} to the circular '{first.id}' "
                                  f"({other.path}, line {other.lines.get('number', 1)}) for the same audience "
                                  f"'{document.audience}'.",
                                  "Correct the number (each circular of a series has its own), or the audience.",
                                  "duplicate-number")
        _check_year_folder(document, diagnostics)


def _check_year_folder(document: Document, diagnostics: Diagnostics) -> None:
    """circulars/<year>/: the year of the circular's date or of its number."""
    years = {str(document.date.year)} if document.date else set()
    if document.number:
        years.add(document.number.split("/")[0])
    for lang in document.langs:
        meta = document.meta[lang]
        folder = PurePosixPath(meta.path).parent.name
        if years and folder not in years:
            year = str(document.date.year) if document.date else min(years)
            diagnostics.warning(meta.path, meta.lines.get("date", 1),
                                f"this circular of {year} is in the folder circulars/{folder}/.",
                                f"Move it to circulars/{year}/ (the year of its date).", "wrong-folder")
