"""What `mkdocs.yml` makes every page load from other origins (issue 21).

A public institution's pages load nothing from third parties: each such request sends the
reader's address (and the page they read) to someone else, and fails on filtered networks. The
settings that would make Material do it are reported as warnings by `regkb check`, with the line
and the fix: a font other than the system's (`theme.font`, Material's default is Roboto from
Google Fonts), scripts or style sheets given as URLs, Material's analytics and its repository
facts (fetched from the forge's API).

The file is read as a YAML node tree (no object is constructed), so MkDocs' own tags
(`!!python/name:`, `!ENV`) need no loader of theirs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..core.diagnostics import Diagnostics

CODE = "third-party-request"
EXTERNAL_URL = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")
FORGES = re.compile(r"^\s*https?://(?:www\.)?(?:github\.com|gitlab\.com)/", re.IGNORECASE)


def check_site_config(root: Path, diagnostics: Diagnostics, name: str = "mkdocs.yml") -> None:
    """Warn about every setting of `root/name` that makes pages request another origin."""
    path = root / name
    try:
        tree = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError):
        return  # no configuration to check (the build reports a missing or unreadable one)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        diagnostics.warning(name, (mark.line + 1) if mark else 1,
                            f"{name} is not valid YAML, so its fonts and scripts were not checked ({exc}).",
                            "correct the YAML syntax at that line.", code=CODE)
        return
    if not isinstance(tree, yaml.MappingNode):
        return
    theme = _get(tree, "theme")
    if _is_material(theme):
        _check_font(name, theme, diagnostics)
    for key in ("extra_javascript", "extra_css"):
        entries = _get(tree, key)
        for entry in entries.value if isinstance(entries, yaml.SequenceNode) else []:
            url = _get(entry, "path") if isinstance(entry, yaml.MappingNode) else entry
            if isinstance(url, yaml.ScalarNode) and EXTERNAL_URL.match(str(url.value)):
                diagnostics.warning(name, _line(url), f"{key} loads {url.value} from another origin on every page.",
                                    "vendor the file under docs/ (or the theme's assets) with its licence and "
                                    "give its path relative to the site.", code=CODE)
    analytics = _get(_get(tree, "extra"), "analytics", key=True)
    if analytics is not None and not _is_false(_get(_get(tree, "extra"), "analytics")):
        diagnostics.warning(name, _line(analytics), "extra.analytics makes every page load a third party's "
                            "tracking script.", "remove extra.analytics (or use an analytics service run by "
                            "the institution itself, served from the site's origin).", code=CODE)
    repo = _get(tree, "repo_url")
    if _is_material(theme) and isinstance(repo, yaml.ScalarNode) and FORGES.match(str(repo.value)):
        diagnostics.warning(name, _line(repo), f"repo_url {repo.value}: Material's script asks the forge's API "
                            "for the repository's stars and forks on every visit.",
                            "remove repo_url (link to the repository from a page instead).", code=CODE)


def _check_font(name: str, theme: yaml.Node, diagnostics: Diagnostics) -> None:
    font = _get(theme, "font")
    if font is not None and _is_false(font):
        return
    if font is None:
        diagnostics.warning(name, _line(theme), "the theme sets no font: Material then loads Roboto from "
                            "fonts.googleapis.com and fonts.gstatic.com on every page.",
                            "add `font: false` under `theme:` (the reader's system fonts).", code=CODE)
        return
    names = [f"{key.value}: {value.value}" for key, value in font.value
             if isinstance(value, yaml.ScalarNode)] if isinstance(font, yaml.MappingNode) else [str(font.value)]
    diagnostics.warning(name, _line(_get(theme, "font", key=True)), f"theme.font ({', '.join(names) or 'set'}) makes Material load the "
                        "font from fonts.googleapis.com and fonts.gstatic.com on every page.",
                        "set `font: false` under `theme:`; to use another font, vendor its files with their "
                        "licence in the theme's assets and declare them in extra_css.", code=CODE)


def _get(node: yaml.Node | None, name: str, key: bool = False) -> yaml.Node | None:
    """The value of `name` in a mapping node (its key's node with `key`, for the line), else None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == name:
            return k if key else v
    return None


def _is_material(theme: yaml.Node | None) -> bool:
    named = _get(theme, "name") if isinstance(theme, yaml.MappingNode) else theme
    return isinstance(named, yaml.ScalarNode) and named.value == "material"


def _is_false(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value.lower() in ("false", "no", "off")


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


def site_languages(root: Path, name: str = "mkdocs.yml") -> list[str]:
    """The i18n plugin's languages in `root/name` (default first), for commands that run outside
    MkDocs (`regkb build` starts one process per language); [] when none can be read."""
    try:
        tree = yaml.compose((root / name).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    found: list[tuple[bool, str]] = []
    for plugin in _child(tree, "plugins", yaml.SequenceNode):
        i18n = _child(plugin, "i18n", yaml.MappingNode) if isinstance(plugin, yaml.MappingNode) else None
        for language in _child(i18n, "languages", yaml.SequenceNode) if i18n is not None else []:
            locale = _child(language, "locale", yaml.ScalarNode)
            if locale is not None:
                default = _child(language, "default", yaml.ScalarNode)
                found.append((default is not None and default.value == "true", str(locale.value)))
    return [lang for _, lang in sorted(found, key=lambda f: not f[0])]


def _child(node: Any, key: str, kind: type) -> Any:
    """The value node of `key` in a mapping node, if it is of `kind` (a sequence: its items)."""
    empty: Any = [] if kind is yaml.SequenceNode else None
    if not isinstance(node, yaml.MappingNode):
        return empty
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key and type(value) is kind:
            found: Any = value
            return found.value if kind is yaml.SequenceNode else found
    return empty
