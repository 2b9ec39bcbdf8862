"""mkdocs-static-i18n's state, read in one place.

static-i18n builds the default language, then each other language inside the default's
`on_post_build` (an inner build of the same plugins), and tells them apart by a private flag,
`building`, read here only. If a release of static-i18n renames it, this module is the one place
to change.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def i18n_plugin(config: MkDocsConfig) -> Any | None:
    """static-i18n's plugin instance, if the site uses it."""
    return config.plugins.get("i18n")


def _building(i18n: Any | None) -> bool:
    return bool(getattr(i18n, "building", False))


def inner_build(config: MkDocsConfig) -> bool:
    """True in static-i18n's builds of the other languages, nested in the default language's."""
    return _building(i18n_plugin(config))


def current_language(config: MkDocsConfig) -> str | None:
    """The language static-i18n is building now (None without static-i18n)."""
    return getattr(i18n_plugin(config), "current_language", None)


def language_names(config: MkDocsConfig) -> dict[str, str]:
    """Every configured language's name, built in this process or not."""
    i18n = i18n_plugin(config)
    return {language.locale: language.name for language in (i18n.config.languages if i18n else [])}


def build_only(config: MkDocsConfig, lang: str) -> None:
    """Have static-i18n build `lang` alone (`regkb build`'s language processes), before it
    configures itself; not in its inner builds."""
    i18n = i18n_plugin(config)
    if i18n is None or _building(i18n):
        return
    for language in i18n.config.languages:
        language["build"] = language.locale == lang
    i18n.current_language = lang
