"""Abbreviations and synonyms of the site search, kept in one editable file (`synonyms.yml`).

The search box expands a query with each group's other terms; the groups are per language because
the same letters mean different things ("MB": Moniteur belge in French, ministerieel besluit in
Dutch).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..core.kinds import LANGS

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")


class SynonymsError(Exception):
    """The synonyms file is malformed; the message names the file and the fix."""


def load_synonyms(path: Path = SYNONYMS_FILE) -> dict[str, list[list[str]]]:
    """{lang: [[term, term, ...], ...]}; raises SynonymsError with the file and the fix."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SynonymsError(f"{path}: cannot read the synonyms ({exc}); fix: one list of groups per language") from None
    if not isinstance(data, dict):
        raise SynonymsError(f"{path}: expected 'fr:' and 'nl:' keys, each with a list of groups")
    out: dict[str, list[list[str]]] = {}
    for lang in LANGS:
        groups = data.get(lang) or []
        if not isinstance(groups, list):
            raise SynonymsError(f"{path}: '{lang}' must be a list of groups like [AR, arrêté royal]")
        clean = []
        for number, group in enumerate(groups, start=1):
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(t, (str, int)) for t in group):
                raise SynonymsError(f"{path}: {lang}, group {number}: expected a list of two or more terms, "
                                    f"got {group!r}; fix: write it as [term, other term]")
            clean.append([str(term).strip() for term in group if str(term).strip()])
        out[lang] = clean
    return out


def write_synonyms(site_dir: Path | str, path: Path = SYNONYMS_FILE) -> list[Path]:
    """Write `assets/regkb/synonyms.<lang>.json` (a few hundred bytes each) for the search box."""
    folder = Path(site_dir) / "assets/regkb"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, groups in load_synonyms(path).items():
        target = folder / f"synonyms.{lang}.json"
        target.write_text(json.dumps(groups, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        written.append(target)
    return written
