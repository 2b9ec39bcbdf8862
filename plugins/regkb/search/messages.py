"""The search API's messages: its errors and notice, from the catalogue (`search_api` section).

Every answer carries a message in every language of the site (`message`, `notice`: the JSON
contract, API.md) and the one in the language of the request (`text`, `notice_text`): the
`lang` parameter when it is valid, else the default language (French), since an error may come
before `lang` is read, or be about it.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import catalogue
from ..core.kinds import DEFAULT_LANG, LANGS

SECTION = "search_api"
INVALID = "invalid"  # the message of a code the catalogue does not know


def request_lang(lang: object) -> str:
    """The language the answer's `text` is written in."""
    return lang if isinstance(lang, str) and lang in LANGS else DEFAULT_LANG


def message(key: str, lang: str, **values: object) -> str:
    """`key` of the catalogue's search_api section in `lang`, `{placeholders}` filled."""
    section: Mapping[str, str] = catalogue.by_language(SECTION)[lang]
    text = section.get(key) or section[INVALID]
    return text.format(**values) if values else text


def in_every_language(key: str, **values: object) -> dict[str, str]:
    """`{"fr": ..., "nl": ...}`: the message in every language of the site."""
    return {lang: message(key, lang, **values) for lang in LANGS}


def error(code: str, lang: object = None, detail: str = "", **values: object) -> dict:
    """The JSON body of an error: `error`, `message` (every language), `text` (the request's)."""
    out: dict = {"error": code, "message": in_every_language(code, **values),
                 "text": message(code, request_lang(lang), **values)}
    if detail:
        out["detail"] = detail
    return out
