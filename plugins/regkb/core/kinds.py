"""The kinds of documents and how each language names them."""

from __future__ import annotations

from enum import Enum

from ..catalogue import LANGUAGES, kind_label

LANGS = LANGUAGES  # the site's languages (catalogue.configure; fr and nl unless mkdocs.yml adds one)
DEFAULT_LANG = "fr"


class Kind(str, Enum):
    LAW = "law"
    ROYAL_DECREE = "royal-decree"
    MINISTERIAL_DECREE = "ministerial-decree"
    CONVENTION = "convention"
    CIRCULAR = "circular"
    QA = "qa"

    @property
    def section(self) -> str:
        """The site section (and URL folder) that lists documents of this kind."""
        return SECTIONS[self]

    @property
    def is_regulation(self) -> bool:
        return self in (Kind.LAW, Kind.ROYAL_DECREE, Kind.MINISTERIAL_DECREE)

    def label(self, lang: str) -> str:
        return kind_label(lang, self.value)  # catalogue/<lang>.yml, section kinds


SECTIONS = {
    Kind.LAW: "regulations",
    Kind.ROYAL_DECREE: "regulations",
    Kind.MINISTERIAL_DECREE: "regulations",
    Kind.CONVENTION: "conventions",
    Kind.CIRCULAR: "circulars",
    Kind.QA: "faq",
}



def kind_from_source(value: object) -> Kind | None:
    """The kind named in front matter, or None when unknown."""
    try:
        return Kind(str(value).strip())
    except ValueError:
        return None
