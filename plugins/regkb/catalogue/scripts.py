"""The catalogue as the page scripts read it (regkb.js, search.js).

The scripts carry the built-in languages' words in a block generated from `catalogue/<lang>.yml`
(between `BEGIN words` and `END words`; `python -m regkb.catalogue.scripts --write` regenerates
it, tests/test_catalogue.py checks it is current), so French and Dutch pages need no extra bytes.
A language added by a project (German) has no entry there: its pages carry the same data as
`<script type="application/json" id="regkb-words">` (site plugin), which the scripts read first.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

from . import BUILTIN_LANGS, by_language
from .. import grammar

ASSETS = Path(__file__).resolve().parents[1] / "site" / "theme" / "assets" / "regkb"
SCRIPTS = {"regkb.js": ("status", "months", "days"), "search.js": ("search",)}
_BEGIN = "/* BEGIN words: generated from catalogue/*.yml (python -m regkb.catalogue.scripts --write), do not edit */"
_END = "/* END words */"
_BLOCK = re.compile(re.escape(_BEGIN) + r".*?" + re.escape(_END), re.DOTALL)
ELEMENT_ID = "regkb-words"


def _nested(flat: dict[str, str]) -> dict[str, Any]:
    """`filters.kind` -> {"filters": {"kind": ...}}; `didYouMean.0`, `.1` -> a list."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        head, _, rest = key.partition(".")
        if rest:
            out.setdefault(head, {})[rest] = value
        else:
            out[head] = value
    for key, value in out.items():
        if isinstance(value, dict) and value and all(k.isdigit() for k in value):
            out[key] = [value[k] for k in sorted(value, key=int)]
    return out


def script_words(lang: str) -> dict[str, Any]:
    """Everything the scripts show in `lang`: statuses, month names, how each day is written."""
    written = [grammar.format_date(dt.date(2001, 1, day), lang) for day in range(1, 32)]
    return {
        "status": dict(by_language("page_script")[lang]),
        "months": grammar.month_names(lang),
        # the day as written before the month name ("1er", "1."): from the grammar's own dates
        "days": [w.split(" ", 1)[0] if " " in w else str(i + 1) for i, w in enumerate(written)],
        "search": _nested(dict(by_language("search_box")[lang])),
    }


def page_json(lang: str) -> str:
    """The words of an added language for its pages, safe inside a <script> element."""
    return json.dumps(script_words(lang), ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def js_block(script: str) -> str:
    parts = SCRIPTS[script]
    data = {lang: {k: v for k, v in script_words(lang).items() if k in parts} for lang in BUILTIN_LANGS}
    return f"{_BEGIN}\n  var WORDS = {json.dumps(data, ensure_ascii=False, sort_keys=True)};\n  {_END}"


def js_in_file(text: str) -> str | None:
    match = _BLOCK.search(text)
    return match.group(0) if match else None


def write_js() -> list[str]:
    """Regenerate the words block of each script; the names of the files that changed."""
    changed = []
    for script in SCRIPTS:
        path = ASSETS / script
        text = path.read_text(encoding="utf-8")
        new = _BLOCK.sub(js_block(script).replace("\\", "\\\\"), text)  # a template: backslashes doubled
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(script)
    return changed


if __name__ == "__main__":  # pragma: no cover - maintenance command
    if "--write" in sys.argv:
        print(", ".join(write_js()) or "scripts already up to date")
    else:
        print(js_block("regkb.js"))
