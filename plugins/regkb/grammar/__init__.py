"""Per-language grammar: how a language writes dates, article numbers ("1er") and link texts.

One module per language (`regkb/grammar/fr.py`, `nl.py`), each defining `MONTHS`, `format_date(day)`
and `article_number(number)`; words without grammar live in the catalogue (`regkb/catalogue/`).
`grammar(lang)` finds the module: a project's `grammar/<lang>.py` (next to its catalogue folder,
see `regkb.catalogue.configure`), else the built-in one, else `neutral`, which writes the catalogue's
`months` (if any) as "1 <month> 2024" and numbers as written. Why modules and not data: "1er",
"l'AR"/"du décret", "het KB" are rules, not words.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from functools import lru_cache
from types import ModuleType

from .. import catalogue


@lru_cache(maxsize=None)
def _module(lang: str, folders: tuple) -> ModuleType:
    for folder in folders:
        path = folder.parent / "grammar" / f"{lang}.py"
        if path.is_file():
            spec = importlib.util.spec_from_file_location(f"regkb_project_grammar_{lang}", path)
            if spec and spec.loader:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module
    try:
        return importlib.import_module(f"{__name__}.{lang}")
    except ModuleNotFoundError:
        return importlib.import_module(f"{__name__}.neutral")


def grammar(lang: str) -> ModuleType:
    """The grammar module of `lang` (see the module docstring)."""
    return _module(lang, catalogue.project_folders())


def format_date(day: dt.date, lang: str) -> str:
    """A date as readers of `lang` write it: '1er juillet 2024', '1 juli 2024'."""
    return grammar(lang).format_date(day)


def article_number(number: str, lang: str) -> str:
    """An article number as `lang` writes it after 'art.': '1' -> '1er' in French."""
    return grammar(lang).article_number(number)


def month_names(lang: str) -> list[str]:
    return list(grammar(lang).MONTHS)


def part(lang: str, name: str):
    """A grammar rule of `lang` (a function or a table), or the neutral one when its module has
    none: a language module only needs what differs from `neutral`."""
    module = grammar(lang)
    if hasattr(module, name):
        return getattr(module, name)
    return getattr(importlib.import_module(f"{__name__}.neutral"), name)


def colon(lang: str) -> str:
    """The label-value separator: ' : ' in French, ': ' elsewhere."""
    return part(lang, "colon")()
