"""The kinds of documents: one declaration per kind, in one table (the kind registry).

Every module asks a kind's spec what it needs (`kind.spec.versioned`, `kinds_in_section(...)`)
instead of testing `Kind.X`: adding a kind is one `KindSpec` here (or a call to `register_kind`
from the kind's own module) and, for a new family of sources, that family's loader and pages.
See CONTRIBUTING.md, "Adding a kind of document".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Mapping

from ..catalogue import LANGUAGES, words

LANGS = LANGUAGES  # the site's languages (catalogue.configure; fr and nl unless mkdocs.yml adds one)
DEFAULT_LANG = "fr"

# How the sources of a section are laid out (the loader reads each layout; CONTRIBUTING.md):
FOLDERS = "folders"  # docs/<lang>/<section>/<id>/index.md and one <YYYY-MM-DD>.md per version
CIRCULAR_FILES = "circular-files"  # <section>/<year>/<id>.<lang>.md, one text per language
FAQ_FILES = "faq-files"  # <section>/<topic>/<id>.md, both languages in one file


@dataclass(frozen=True)
class FamilySpec:
    """A family of kinds: one section of the site, one layout of sources, one way of loading,
    rendering and listing. Laws and decrees are one family; a new kind of act joins it."""

    name: str
    section: str  # the site section (and URL folder) that lists its documents
    layout: str  # FOLDERS, CIRCULAR_FILES or FAQ_FILES: how the loader reads its sources
    is_act: bool = False  # signature date, publication (numac, ELI), repeal; "AR 3 juillet 1996" in the search
    has_term: bool = False  # a start and an end (`end`, its last day), a sector and an institution
    reviewed: bool = False  # explains other texts, carries `reviewed`: followed by `regkb impact`
    numbered: bool = False  # carries a `number` ("2024/12"); `replaces` another of its kind
    is_answer: bool = False  # a question and its answer: topics, no dates of its own in the agenda

    @property
    def versioned(self) -> bool:
        """Written as a folder of dated versions: version pages, diffs, article pages, FR ‖ NL
        views, a feed per text and an introduction in index.md."""
        return self.layout == FOLDERS


@dataclass(frozen=True)
class KindSpec:
    """What the code needs to know of a kind, declared once (see the table at the end).

    What its family implies (section, layout, flags) is read through the spec too:
    `kind.spec.section`, `kind.spec.versioned`, `kind.spec.is_act`."""

    value: str  # as written in front matter (`kind: royal-decree`) and in the search index
    name: str  # the attribute on Kind: Kind.ROYAL_DECREE
    family: str  # a registered family: act | convention | circular | answer
    order: float  # rank among the texts citing a text (backlinks): acts first, answers last
    labels: Mapping[str, str]  # its name per language (Kind.label; the word catalogue may supersede it)
    english: str  # its name in English reports (`regkb changes`)
    genders: Mapping[str, str] = field(default_factory=dict)  # grammatical gender of its noun ("fr": "m")
    scaffold: str = ""  # the `regkb new` command that writes one ("" when none)
    citation: Mapping[str, str] = field(default_factory=dict)  # short title from the date: "AR du {d}" (import)
    eli_types: Mapping[str, str] = field(default_factory=dict)  # ELI type per language ("arrete"/"besluit")

    @property
    def family_spec(self) -> FamilySpec:
        return _FAMILIES[self.family]

    @property
    def section(self) -> str:
        return self.family_spec.section

    @property
    def layout(self) -> str:
        return self.family_spec.layout

    @property
    def versioned(self) -> bool:
        return self.family_spec.versioned

    @property
    def has_articles(self) -> bool:
        """Its text is made of articles (anchors, article checks, definitions of codes)."""
        return self.family_spec.versioned

    @property
    def is_act(self) -> bool:
        return self.family_spec.is_act

    @property
    def has_term(self) -> bool:
        return self.family_spec.has_term

    @property
    def reviewed(self) -> bool:
        return self.family_spec.reviewed

    @property
    def numbered(self) -> bool:
        return self.family_spec.numbered

    @property
    def is_answer(self) -> bool:
        return self.family_spec.is_answer


_FAMILIES: dict[str, FamilySpec] = {}


class Kind(str):
    """A kind of document: its front-matter value (a `str`), one instance per registered kind, so
    `Kind("law") is Kind.LAW`."""

    LAW: ClassVar[Kind]
    ROYAL_DECREE: ClassVar[Kind]
    MINISTERIAL_DECREE: ClassVar[Kind]
    CONVENTION: ClassVar[Kind]
    CIRCULAR: ClassVar[Kind]
    QA: ClassVar[Kind]

    _specs: ClassVar[dict[str, KindSpec]] = {}
    _instances: ClassVar[dict[str, Kind]] = {}
    spec: KindSpec

    def __new__(cls, value: object) -> Kind:
        found = cls._instances.get(str(value)) if isinstance(value, str) else None
        if found is None:
            raise ValueError(f"{value!r} is not a registered kind")
        return found

    def __reduce__(self):  # pickled by value, unpickled to the registered instance
        return (Kind, (str(self),))

    def __repr__(self) -> str:
        return f"<Kind.{self.spec.name}: {str(self)!r}>"

    def __copy__(self) -> Kind:
        return self

    def __deepcopy__(self, memo: dict) -> Kind:
        return self

    @property
    def value(self) -> str:
        return str(self)

    @property
    def section(self) -> str:
        """The site section (and URL folder) that lists documents of this kind."""
        return self.spec.section

    def label(self, lang: str) -> str:
        """The kind's name in `lang` (the one accessor: its implementation may move)."""
        found = words(lang).get("kinds", {}).get(self.value)  # catalogue/<lang>.yml, section kinds
        labels = self.spec.labels
        return found or labels.get(lang) or labels[DEFAULT_LANG]

    @classmethod
    def _register(cls, spec: KindSpec) -> Kind:
        instance = str.__new__(cls, spec.value)
        instance.spec = spec
        cls._specs[spec.value] = spec
        cls._instances[spec.value] = instance
        setattr(cls, spec.name, instance)
        return instance


def register_family(family: FamilySpec) -> FamilySpec:
    """Declare a family (a section with its layout). Its pages and listing are registered with
    pages.plan.register_family_pages; a new layout needs its reader in sources/loader.py."""
    if family.name in _FAMILIES:
        raise ValueError(f"the family {family.name!r} is already registered")
    if family.layout not in (FOLDERS, CIRCULAR_FILES, FAQ_FILES):
        raise ValueError(f"unknown layout {family.layout!r}")
    _FAMILIES[family.name] = family
    return family


def unregister_family(name: str) -> None:
    if any(k.spec.family == name for k in all_kinds()):
        raise ValueError(f"kinds of the family {name!r} are still registered")
    del _FAMILIES[name]


def families() -> tuple[FamilySpec, ...]:
    return tuple(_FAMILIES.values())


def register_kind(spec: KindSpec) -> Kind:
    """Declare a kind (built-in ones below; a kind's own module may call this at import). Its
    value and name must be new; its family must be one the code serves."""
    if spec.value in Kind._instances or hasattr(Kind, spec.name):
        raise ValueError(f"the kind {spec.value!r} ({spec.name}) is already registered")
    if spec.family not in _FAMILIES:
        raise ValueError(f"unknown family {spec.family!r}: one of {', '.join(_FAMILIES)} (or register_family)")
    if DEFAULT_LANG not in spec.labels:
        raise ValueError(f"the kind {spec.value!r} needs a label in {DEFAULT_LANG} at least (the catalogues may add the others)")
    return Kind._register(spec)


def unregister_kind(value: str) -> None:
    """Remove a kind registered by `register_kind` (tests that add one, then restore the table)."""
    spec = Kind._specs.pop(value)
    del Kind._instances[value]
    delattr(Kind, spec.name)


def all_kinds() -> tuple[Kind, ...]:
    """Every registered kind, in registration order (the built-in ones first)."""
    return tuple(Kind._instances.values())


def kinds_in_section(section: str) -> tuple[Kind, ...]:
    return tuple(k for k in all_kinds() if k.spec.section == section)


def kinds_of_family(*families: str) -> tuple[Kind, ...]:
    return tuple(k for k in all_kinds() if k.spec.family in families)


def sections() -> tuple[str, ...]:
    """The sections that have a kind, in the families' order (the order the loader reads them,
    the listings and the navigation)."""
    used = {k.spec.family for k in all_kinds()}
    return tuple(dict.fromkeys(f.section for f in _FAMILIES.values() if f.name in used))


def section_layout(section: str) -> str:
    return kinds_in_section(section)[0].spec.layout


def sections_with_layout(layout: str) -> tuple[str, ...]:
    return tuple(s for s in sections() if section_layout(s) == layout)


# --- the table -----------------------------------------------------------------------------------
# The order of the families is the order of the sections (loading, listings, navigation); the
# order of the kinds is their order in a section's lists.
for _family in (
    FamilySpec("act", "regulations", FOLDERS, is_act=True),
    FamilySpec("convention", "conventions", FOLDERS, has_term=True),
    FamilySpec("circular", "circulars", CIRCULAR_FILES, reviewed=True, numbered=True),
    FamilySpec("answer", "faq", FAQ_FILES, reviewed=True, is_answer=True),
):
    register_family(_family)

_DECREE = {"fr": "arrete", "nl": "besluit"}
for _spec in (
    KindSpec("law", "LAW", "act", order=0, labels={"fr": "Loi", "nl": "Wet"}, english="law",
             genders={"fr": "f"}, citation={"fr": "Loi du {d}", "nl": "Wet van {d}"},
             eli_types={"fr": "loi", "nl": "wet"}),
    KindSpec("royal-decree", "ROYAL_DECREE", "act", order=1,
             labels={"fr": "Arrêté royal", "nl": "Koninklijk besluit"}, english="royal decree",
             genders={"fr": "m"}, citation={"fr": "AR du {d}", "nl": "KB van {d}"}, eli_types=_DECREE),
    KindSpec("ministerial-decree", "MINISTERIAL_DECREE", "act", order=2,
             labels={"fr": "Arrêté ministériel", "nl": "Ministerieel besluit"}, english="ministerial decree",
             genders={"fr": "m"}, citation={"fr": "AM du {d}", "nl": "MB van {d}"}, eli_types=_DECREE),
    KindSpec("convention", "CONVENTION", "convention", order=3,
             labels={"fr": "Convention", "nl": "Overeenkomst"}, english="convention",
             genders={"fr": "f"}, scaffold="convention"),
    KindSpec("circular", "CIRCULAR", "circular", order=4,
             labels={"fr": "Circulaire", "nl": "Omzendbrief"}, english="circular",
             genders={"fr": "f"}, scaffold="circular"),
    KindSpec("qa", "QA", "answer", order=5,
             labels={"fr": "Question-réponse", "nl": "Vraag en antwoord"}, english="question and answer",
             genders={"fr": "f"}, scaffold="question"),
):
    register_kind(_spec)


def kind_from_source(value: object) -> Kind | None:
    """The kind named in front matter, or None when unknown."""
    try:
        return Kind(str(value).strip())
    except ValueError:
        return None
