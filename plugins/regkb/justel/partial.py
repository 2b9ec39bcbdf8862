"""A newer Justel snapshot written as a partial version: only the articles that changed.

Justel gives whole consolidated texts; an amending act changes a few articles. `regkb import
--partial` writes each version after the first as the core's partial versions are written
(CONTRIBUTING.md, "Partial versions"): the units (articles, headings) whose text changed, the new
ones with their place in `inserts`. Anything a partial version cannot say exactly (the preamble
changed, a unit gone or moved) is
not guessed: the version is written whole and the report says why. Every partial version is
checked by consolidating it with the core onto the previous text: it must give the whole text
back, unit for unit, or it is written whole.
"""

from __future__ import annotations

import datetime as dt

from ..core.articles import DUPLICATE_SEPARATOR
from ..core.consolidate import PREAMBLE, Unit, apply_delta, heading_key, join, read_delta, segment
from ..core.diagnostics import Diagnostics
from ..core.model import Text


def _positional(unit: Unit) -> bool:
    """A key the core gives by position (a second 'Art. 12bis', a second 'Section 1'): a partial
    version holding only the second one would replace the first."""
    if unit.is_article:
        return DUPLICATE_SEPARATOR in unit.key
    return unit.key != _base(unit)


def _base(unit: Unit) -> str:
    if unit.is_article:
        return unit.key.split(DUPLICATE_SEPARATOR)[0]
    return unit.key if unit.key == PREAMBLE else heading_key(unit.source.split("\n", 1)[0])


def _place(new: list[Unit], index: int, old_map: dict[str, Unit]) -> object:
    """Where a new unit goes: after the unit before it, or (first after the preamble) before
    the first unit after it that the previous version has."""
    if index and new[index - 1].key != PREAMBLE:
        return new[index - 1].key
    following = next((u.key for u in new[index + 1:] if u.key in old_map), None)
    if following is not None:
        return {"before": following}
    return new[index - 1].key if index else None


def partial_delta(previous: str, current: str, lang: str, day: dt.date, path: str) -> tuple[dict, str] | str:
    """(front-matter keys, body) of the partial version turning the whole body `previous` into
    the whole body `current`, or why it is written whole."""
    old, new = segment(previous, path), segment(current, path)
    old_map = {u.key: u for u in old}
    new_map = {u.key: u for u in new}
    gone = [u.key for u in old if u.key not in new_map]
    if gone:
        return f"{', '.join(gone[:3])}{' …' if len(gone) > 3 else ''} no longer in the text (a partial version would keep them as repealed)"
    if old_map.get(PREAMBLE, None) is not None and old_map[PREAMBLE].source != new_map[PREAMBLE].source \
            or (PREAMBLE in new_map and PREAMBLE not in old_map):
        return "the preamble changes"
    kept_old = [u.key for u in old]
    kept_new = [u.key for u in new if u.key in old_map]
    if kept_old != kept_new:
        return "articles or headings change places"
    written: list[Unit] = []
    inserts: dict[str, object] = {}
    for index, unit in enumerate(new):
        if unit.key not in old_map:
            inserts[unit.key] = _place(new, index, old_map)
            written.append(unit)
        elif unit.source != old_map[unit.key].source:
            written.append(unit)
    if not written:
        return "it changes nothing"
    # a second 'Art. 12bis' written alone would be read as the first: its namesakes are written
    # with it, unchanged, so that each one keeps its key
    bases = {_base(u) for u in written if _positional(u)}
    if bases:
        chosen = {u.key for u in written}
        written = [u for u in new if u.key in chosen or _base(u) in bases]
    if any(v is None for v in inserts.values()):
        return "a new unit has no place"
    meta: dict = {"partial": True}
    if inserts:
        meta["inserts"] = inserts
    body = join(written)
    # the proof: the core's consolidation of this file onto the previous text is the whole text
    diagnostics = Diagnostics()
    delta = read_delta(meta, {}, path, diagnostics)
    text = Text(lang, path, body, 1, delta=delta)
    if delta is None:
        return "the partial version could not be read back"
    result = apply_delta(tuple(old), text, delta, day, "the previous version", diagnostics)
    if diagnostics.items or [(u.key, u.source) for u in result] != [(u.key, u.source) for u in new]:
        return "consolidating it onto the previous version would not give the whole text back"
    return meta, body
