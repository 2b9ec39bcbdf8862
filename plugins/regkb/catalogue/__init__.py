"""One catalogue of user-facing words per language: `catalogue/<lang>.yml`.

Why: words used to live in a dozen modules, scripts and templates, so a new language (German,
Belgium's third official language) meant editing about 30 files. Now a language is one YAML file
(its words) plus, optionally, one grammar module (`regkb.grammar.<lang>`: dates, "1er", link texts).

A catalogue is a mapping of sections, each a mapping of key -> text with `{placeholders}`:
`language` (`english`, the name in diagnostics; `native`, the name in the language switcher),
`kinds` (kind value -> label, e.g. `law: Loi`), `labels` (the words of most pages) and one section
per page family that has its own vocabulary (`agenda`, `relations`, `article_page`, `side_by_side`,
`language_names`, `document_feed`, `search_page`; `search_api` for the search API). A project may add or override catalogues in its own folder (`catalogue/` next
to mkdocs.yml, or the plugin's `catalogue_dir` option): `configure()` says where. Words missing from
a catalogue fall back to the default language's (French) and `missing_words()` lists them so the
build can warn: a German page with a French word is better than a traceback, but never silent.

The core does not import MkDocs; the site plugin calls `configure()` once per build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

BUILTIN = Path(__file__).parent
DEFAULT_LANG = "fr"
BUILTIN_LANGS = ("fr", "nl")
# Languages every text, answer and list label must have (federal texts are published in both); a
# language added by configuration (German) may be partial: its pages show the French text (a
# document's first language) with a notice, and its missing taxonomy labels are the French ones.
REQUIRED_LANGS = BUILTIN_LANGS
SECTIONS = ("language", "kinds", "labels")

_folders: tuple[Path, ...] = ()
_languages: tuple[str, ...] = BUILTIN_LANGS


class CatalogueError(ValueError):
    """A catalogue file that cannot be read; the message names the file and the fix."""


def configure(languages: Iterable[str] | None = None, folders: Iterable[Path] = ()) -> None:
    """The site's languages (default first) and the project folders searched before the built-in one."""
    global _folders, _languages
    _folders = tuple(Path(f) for f in folders)
    _languages = tuple(languages) if languages else BUILTIN_LANGS
    _load.cache_clear()


def languages() -> tuple[str, ...]:
    """The languages of the site, the default (French) first."""
    return _languages


def project_folders() -> tuple[Path, ...]:
    """The project's catalogue folders (its grammar modules sit in `../grammar/` next to them)."""
    return _folders


def path_of(lang: str) -> Path | None:
    """The catalogue file used for `lang`: the project's first, then the built-in one."""
    for folder in (*_folders, BUILTIN):
        candidate = folder / f"{lang}.yml"
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, Any]:
    path = path_of(lang)
    if path is None:
        raise CatalogueError(f"no catalogue for language '{lang}': add catalogue/{lang}.yml "
                             f"(copy {BUILTIN / 'fr.yml'} and translate its values).")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"{path}: cannot be read as YAML ({exc}).") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CatalogueError(f"{path}: expected sections ({', '.join(SECTIONS)}, ...), each a mapping "
                             "of key: text.")
    words = {str(s): {str(k): v for k, v in (data.get(s) or {}).items()} for s in data}
    for section, entries in words.items():
        for key, value in entries.items():
            if not isinstance(value, str):
                raise CatalogueError(f"{path}: {section}.{key} must be text, got {value!r}; "
                                     "quote it (\"...\").")
    if lang != DEFAULT_LANG:  # missing words: the default language's, listed by missing_words()
        base = _load(DEFAULT_LANG)
        for section in base:
            words[section] = {**base[section], **words.get(section, {})}
    return words


def words(lang: str) -> Mapping[str, Mapping[str, str]]:
    """Every word of `lang`: `words(lang)["labels"][key]`, `words(lang)["kinds"][kind.value]`,
    `words(lang)["language"]["english"]`. Do not mutate."""
    return _load(lang)


def label(lang: str, key: str, **values: object) -> str:
    """The label `key` in `lang`, with `{placeholders}` filled (pages/labels.t is this)."""
    text = _load(lang)["labels"][key]
    return text.format(**values) if values else text


def kind_label(lang: str, kind: str) -> str:
    """How `lang` names a kind of document ('law' -> 'Loi' / 'Wet')."""
    return _load(lang)["kinds"][kind]


def language_name(lang: str) -> str:
    """The language's English name, for build diagnostics ('French', 'Dutch')."""
    return _load(lang)["language"].get("english") or lang


def missing_words(lang: str) -> list[str]:
    """`section.key` of every default-language word the catalogue of `lang` does not translate."""
    path = path_of(lang)
    if lang == DEFAULT_LANG or path is None:
        return []
    own = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    base = _load(DEFAULT_LANG)
    return [f"{s}.{k}" for s in base if s != "language" for k in base[s] if k not in (own.get(s) or {})]


def as_json(lang: str, sections: Iterable[str] = SECTIONS) -> str:
    """The catalogue for page scripts (`<script type="application/json">`), `<` escaped so that
    no value can close the script element."""
    data = {s: _load(lang)[s] for s in sections}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


_V = TypeVar("_V")


class _PerLanguage(Mapping[str, _V], Generic[_V]):
    """A mapping over the configured languages, each value read when asked for."""

    def __iter__(self) -> Iterator[str]:
        return iter(_languages)

    def __len__(self) -> int:
        return len(_languages)


class _Section(_PerLanguage[Mapping[str, str]]):
    """lang -> the section's words: what the old per-module `{"fr": {...}, "nl": {...}}` tables were."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        try:
            return _load(lang)[self.name]
        except CatalogueError:
            raise KeyError(lang) from None



def by_language(section: str) -> Mapping[str, Mapping[str, str]]:
    """`by_language("agenda")["nl"]["title"]`: a section in every language, read when used (so a
    project's catalogue configured later is seen)."""
    return _Section(section)


class _EnglishNames(_PerLanguage[str]):
    """lang -> its English name ('French'), read from each catalogue's `language.english`."""

    def __getitem__(self, lang: str) -> str:
        try:
            return language_name(lang)
        except CatalogueError:
            raise KeyError(lang) from None



LANG_NAMES: Mapping[str, str] = _EnglishNames()  # was written out in four modules


class _Languages(Sequence[str]):
    """The site's languages as a live sequence: `from ..core.kinds import LANGS` keeps working in
    every module while `configure()` (the site's i18n languages) decides what it holds."""

    def __getitem__(self, index):  # type: ignore[override]
        return _languages[index]

    def __len__(self) -> int:
        return len(_languages)

    def __contains__(self, lang: object) -> bool:
        return lang in _languages

    def __repr__(self) -> str:
        return repr(_languages)


LANGUAGES: Sequence[str] = _Languages()
