"""Every word the generated pages show: the `labels` section of `catalogue/<lang>.yml`."""

from __future__ import annotations

from ..catalogue import by_language, label

LABELS = by_language("labels")  # lang -> key -> text, read from the catalogue when used


def t(lang: str, key: str, **values: object) -> str:
    """The label `key` in `lang`, with `{placeholders}` filled."""
    return label(lang, key, **values)
