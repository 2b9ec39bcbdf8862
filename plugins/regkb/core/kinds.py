"""The kinds of documents and how each language names them."""

from __future__ import annotations

from enum import Enum

LANGS = ("fr", "nl")
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
        return LABELS[self][lang]


SECTIONS = {
    Kind.LAW: "regulations",
    Kind.ROYAL_DECREE: "regulations",
    Kind.MINISTERIAL_DECREE: "regulations",
    Kind.CONVENTION: "conventions",
    Kind.CIRCULAR: "circulars",
    Kind.QA: "faq",
}

LABELS = {
    Kind.LAW: {"fr": "Loi", "nl": "Wet"},
    Kind.ROYAL_DECREE: {"fr": "Arrêté royal", "nl": "Koninklijk besluit"},
    Kind.MINISTERIAL_DECREE: {"fr": "Arrêté ministériel", "nl": "Ministerieel besluit"},
    Kind.CONVENTION: {"fr": "Convention", "nl": "Overeenkomst"},
    Kind.CIRCULAR: {"fr": "Circulaire", "nl": "Omzendbrief"},
    Kind.QA: {"fr": "Question-réponse", "nl": "Vraag en antwoord"},
}


def kind_from_source(value: object) -> Kind | None:
    """The kind named in front matter, or None when unknown."""
    try:
        return Kind(str(value).strip())
    except ValueError:
        return None
