"""The changes of a consolidated version, found from its delta: the diff page of a version that
changes three articles of a thousand compares (and shows) those three, not the whole text."""

from __future__ import annotations

from ..core.consolidate import ConsolidatedText, changed_keys, units_of
from ..core.diff import ArticleChange
from ..core.model import Text
from .context import SiteContext
from .links import plain_refs


def delta_changes(ctx: SiteContext, old: Text, new: Text, lang: str) -> list[ArticleChange] | None:
    """The changed units of `new` against `old`, in the new text's order (removed ones last), as
    plain text; None when `new` is not a consolidation of `old` (compare the whole texts)."""
    if not isinstance(new, ConsolidatedText):
        return None
    keys = changed_keys(old, new)
    if keys is None:
        return None
    before = {unit.key: unit for unit in units_of(old)}  # cut already: changed_keys compared them
    after = {unit.key: unit for unit in new.units}
    ordered = [u.key for u in new.units if u.key in keys] + [k for k in before if k in keys and k not in after]

    def plain(text: str) -> str:
        return plain_refs(text, lang, ctx.corpus, ctx.today) if "ref:" in text else text

    out = []
    for key in ordered:
        old_unit, new_unit = before.get(key), after.get(key)
        unit = new_unit or old_unit
        assert unit is not None, f"changed key {key!r} is in neither text"  # ordered comes from both
        if unit.article is not None:
            anchor, head = unit.article.anchor, unit.article.heading
            old_text = plain(old_unit.article.text) if old_unit is not None and old_unit.article else ""
            new_text = plain(new_unit.article.text) if new_unit is not None and new_unit.article else ""
        else:
            anchor = key
            head = unit.source.split("\n", 1)[0].lstrip("#").strip()
            old_text = plain(old_unit.source.lstrip("#")) if old_unit is not None else ""
            new_text = plain(new_unit.source.lstrip("#")) if new_unit is not None else ""
        status = "added" if old_unit is None else "removed" if new_unit is None else "changed"
        out.append(ArticleChange(status, anchor, head, old_text, new_text))
    return out
