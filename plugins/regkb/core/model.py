"""Documents and their versions: the objects every page, check and search is made from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

from .articles import Article, split_articles
from .collation import loose_id
from .kinds import LANGS, Kind
from .status_rules import status_of

if TYPE_CHECKING:
    from .consolidate import Delta, Unit
    from .references import ReferenceIndex


class Status(str, Enum):
    """Where a version stands on a given day."""

    IN_FORCE = "in-force"
    UPCOMING = "upcoming"
    PAST = "past"  # replaced by a later version
    REPEALED = "repealed"  # the document was repealed or the convention expired


@dataclass
class Text:
    """The text of one version in one language: a source file, its body and where it starts."""

    lang: str
    path: str  # relative to the project root
    body: str
    body_line: int  # line of the file where the body starts (to report body lines)
    summary: str = ""
    label: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line
    delta: Delta | None = field(default=None, repr=False)  # a partial version's delta (core.consolidate)
    units: tuple[Unit, ...] | None = field(default=None, repr=False, compare=False)  # its units, once cut
    duplicate_articles: tuple[str, ...] = ()  # labels the text really has twice (front matter)

    @cached_property
    def articles(self) -> list[Article]:
        return split_articles(self.body)

    @cached_property
    def article_map(self) -> dict[str, Article]:
        return {a.anchor: a for a in self.articles}

    @cached_property
    def size(self) -> int:
        """Characters of Markdown (pages decide on it whether a text is long)."""
        return len(self.body)


@dataclass
class Version:
    """The whole text as in force from `in_force` until the next version (or the repeal)."""

    in_force: dt.date
    texts: dict[str, Text] = field(default_factory=dict)
    published: dt.date | None = None
    signed: dt.date | None = None
    amended_by: str | None = None
    end: dt.date | None = None  # exclusive: the day the next version (or the repeal) takes over
    number: int = 1  # 1-based position among the document's versions
    effect_before_act: bool = False  # `retroactive: true`: in force before the act's date, on purpose

    @property
    def key(self) -> str:
        """The version's URL segment and identity: its entry-into-force date."""
        return self.in_force.isoformat()

    @property
    def retroactive(self) -> bool:
        return self.published is not None and self.published > self.in_force

    def covers(self, day: dt.date) -> bool:
        return self.in_force <= day and (self.end is None or day < self.end)

    def text(self, lang: str) -> Text | None:
        return self.texts.get(lang)


@dataclass
class LocalizedMeta:
    """What a document says of itself in one language."""

    lang: str
    path: str
    title: str
    short_title: str
    intro: str = ""
    line: int = 1
    intro_line: int = 1  # line of the file where the introduction (index.md body) starts
    institution: str = ""  # conventions: the institution's name in this language
    eli: str = ""  # laws and decrees: the ELI as the text's page carries it (core/eli.py)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line


@dataclass
class Relation:
    """A typed link stated in front matter: amends, repeals, implements, replaces."""

    type: str
    source: str  # id of the document that states it
    target: str  # id of the target document
    path: str
    line: int


@dataclass
class Document:
    """A law, decree, convention, circular or answer, with its texts in both languages."""

    id: str
    kind: Kind
    meta: dict[str, LocalizedMeta] = field(default_factory=dict)
    versions: list[Version] = field(default_factory=list)
    date: dt.date | None = None  # act date, convention start, circular date
    repealed: dt.date | None = None  # first day no longer in force: repeal, or the day after expiry
    expires: dt.date | None = None  # conventions: last day in force, as written in `end`
    numac: str | None = None
    published: dt.date | None = None  # laws and decrees: publication of the act itself (Moniteur belge)
    sector: str | None = None
    institution: str | None = None  # first language's name; see LocalizedMeta.institution
    number: str | None = None  # circular number, "2024/12"
    audience: str | None = None
    topics: list[str] = field(default_factory=list)
    reviewed: dt.date | None = None
    relations: list[Relation] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # explicit ref targets (answers)

    # --- languages -------------------------------------------------------------------------
    @property
    def langs(self) -> list[str]:
        return [lang for lang in LANGS if lang in self.meta]

    def has_lang(self, lang: str) -> bool:
        return lang in self.meta

    def text_lang(self, lang: str) -> str:
        """The language in which the document is shown on a `lang` page (fallback when missing)."""
        return lang if lang in self.meta else self.langs[0]

    def title(self, lang: str) -> str:
        return self.meta[self.text_lang(lang)].title

    def short_title(self, lang: str) -> str:
        return self.meta[self.text_lang(lang)].short_title

    def institution_name(self, lang: str) -> str:
        return self.meta[self.text_lang(lang)].institution or (self.institution or "")

    @property
    def section(self) -> str:
        return self.kind.section

    # --- versions and dates ----------------------------------------------------------------
    def link_versions(self) -> None:
        """Sort versions and give each its end: the next version's start, or the repeal."""
        self.versions.sort(key=lambda v: v.in_force)
        for number, (version, following) in enumerate(
            zip(self.versions, self.versions[1:] + [None]), start=1
        ):
            version.number = number
            version.end = following.in_force if following else self.repealed

    def version(self, key: str) -> Version | None:
        for version in self.versions:
            if version.key == key:
                return version
        return None

    def version_on(self, day: dt.date) -> Version | None:
        """The version in force on `day` (None before the first one or after the repeal)."""
        found = None
        for version in self.versions:
            if version.in_force <= day:
                found = version
            else:
                break
        if found is not None and found.end is not None and day >= found.end:
            return None
        return found

    def current(self, today: dt.date) -> Version | None:
        """The version a stable URL shows: in force today, else the latest one already started,
        else the first one to come."""
        if not self.versions:
            return None
        in_force = self.version_on(today)
        if in_force is not None:
            return in_force
        started = [v for v in self.versions if v.in_force <= today]
        return started[-1] if started else self.versions[0]

    def status(self, version: Version, today: dt.date) -> Status:
        """The status in law on `today` (the rules of core/status_rules.py, shared with regkb.js)."""
        fields = {"from": version.in_force, "until": version.end, "repealed": self.repealed}
        return Status(status_of(fields, today))

    def previous(self, version: Version) -> Version | None:
        index = version.number - 1
        return self.versions[index - 1] if index > 0 else None

    def next(self, version: Version) -> Version | None:
        return self.versions[version.number] if version.number < len(self.versions) else None

    @property
    def last_day(self) -> dt.date | None:
        """The last day the document is in force (None when open-ended)."""
        if self.expires is not None:
            return self.expires
        return self.repealed - dt.timedelta(days=1) if self.repealed is not None else None

    @property
    def sort_date(self) -> dt.date:
        return self.date or (self.versions[0].in_force if self.versions else dt.date.min)


@dataclass
class Taxonomy:
    """Shared labelled lists (sectors, topics, audiences) from `taxonomy.yml`."""

    sectors: dict[str, dict[str, str]] = field(default_factory=dict)
    topics: dict[str, dict[str, str]] = field(default_factory=dict)
    audiences: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, group: str, key: str, lang: str) -> str:
        return getattr(self, group).get(key, {}).get(lang, key)


@dataclass
class Corpus:
    """Every document of the knowledge base, by id, loaded once per build."""

    documents: dict[str, Document] = field(default_factory=dict)
    taxonomy: Taxonomy = field(default_factory=Taxonomy)
    references: ReferenceIndex = field(default_factory=lambda: _empty_index(), compare=False, repr=False)
    """Every reference of the corpus, resolved: built by validation (core.validate), which the
    loader runs; empty until then."""
    refused_files: set[str] = field(default_factory=set)  # docs/... files not to publish (reported)
    site_files: set[str] = field(default_factory=set)
    """The files and hand-written pages under docs/<lang>/ by their address on the site,
    language-prefixed ('guide/', 'nl/plan.pdf'): where a text's plain links may lead."""

    def get(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    @cached_property
    def loose_ids(self) -> dict[str, str]:
        """Ids by their numbers without leading zeros (core.collation.loose_id), to name the id
        meant by a reference to 'circ-oa-2024-07'; computed once, on the first unknown id."""
        return {loose_id(doc_id): doc_id for doc_id in sorted(self.documents)}

    def __getitem__(self, doc_id: str) -> Document:
        """A document known to exist (a backlink's source, a resolved reference's target)."""
        return self.documents[doc_id]

    def __iter__(self):
        return iter(self.documents.values())

    def __len__(self) -> int:
        return len(self.documents)

    def of_kind(self, *kinds: Kind) -> list[Document]:
        return [d for d in self.documents.values() if d.kind in kinds]


def _empty_index() -> ReferenceIndex:
    from .references import ReferenceIndex  # references.py imports this module

    return ReferenceIndex()
