"""The build-speed machinery, in one module, and the one switch that turns it off.

Nothing here changes a byte of the site: it only makes the build faster. `REGKB_FAST=0` (in the
environment of `mkdocs build`, `regkb build` or `mkdocs serve`) builds without it, and the site
must be the same, file for file (`tests/test_reproducible.py` builds the sample both ways). So a
maintainer can check a suspected difference, and a move to another generator (ProperDocs, a later
MkDocs) can drop what it cannot keep: delete the fast paths, keep the `REGKB_FAST=0` ones.

Templates (`install`, from the plugin's on_env; theme/ holds the tags and globals they use):

* `lang.t(key)`: Material's `partials/language.html` builds a dict of ~90 strings on every call
  (~25 calls a page); ours (theme/partials/language.html) looks the key up in a memo. Off:
  Material's own `partials/language.html`, imported for every page as Material's templates do.
* `{% regkb_cache key, ... %}...{% endregkb_cache %}`: a fragment rendered once per key and build.
  The key must hold everything the fragment depends on that varies between pages, in practice the
  relative URLs it links to (MkDocs writes relative URLs, so two pages at different depths, or
  sharing a different prefix with the target, get different HTML). A key whose first part is
  `None` is not cached (the fragment is rendered as usual). theme/base.html (Material's, with
  fragments) leaves only what differs between pages to render for each page. Off: every fragment
  is rendered on every page.
* `regkb_toc_items`: Material's `partials/toc-item.html`, included once per heading, written in
  Python. Off: Material's template, included per heading.
* Generated pages in shells (site/shell.py): a generated page's template is `regkb-shell.html`,
  which writes the page's values into a shell of `main.html` rendered once per shape of page
  (depth, navigation, metadata present, facet names...). Off: `main.html` for every page.
* Jinja's bytecode cache (`<root>/.cache/jinja`): the ~35 templates of a page are parsed and
  compiled once, not in every build process (~0.25 s a language); an edited template is compiled
  again (the cache checks its source). Off: compiled in memory by each process.

Processes:

* `collect_less`: `regkb build`'s language processes (commands/language.py) collect cyclic garbage
  less often. With Python's thresholds (700, 10, 10) a language process spent 3.0 s of its 60 s in
  2,700 collections at 20,000 pages (0.14 s at 2,000); with GC_THRESHOLDS 1.1 s, in 34, at the same
  peak memory (800 MB). A build makes little cyclic garbage.
* `leave`: a language process leaves without the interpreter's teardown. It holds the whole corpus
  and every page it built; Python's orderly exit frees those objects one by one (0.2 to 0.4 s at
  2,000 pages) while Pagefind, which the build waits for, needs the CPU. Its work is files, written
  and closed when MkDocs returns. Off: an ordinary exit.
* `yield_cpu`: once a language process has written its pages it lowers its priority, so Pagefind
  goes first and the search index is written with the CPU it leaves. Off: same priority.

Elsewhere, under the same switch: the Markdown memo of site/memory.py (a text whose Markdown did
not change is not converted again, in a build or the next `mkdocs serve` rebuild). Not under it,
because they are how the pages are made rather than shortcuts, each with its own test: generated
pages are composed as HTML and skip MkDocs' per-page Markdown pipeline (site/plugin.py
`GeneratedPage`: they have no Markdown to run it on), `regkb build`'s process per language
(tests/test_parallel_build.py) and the Markdown preparation in pages/ (tests/test_fragments.py).

Upgrading Material (done for 9.7.7 -> 9.8.2): theme/base.html is Material's base.html with the
fragments put around it; take the new version's `material/templates/base.html`, put the same
`regkb_cache` tags back (`diff` the old Material base.html against ours shows where) and the
escaped `<title>` (`| e`, a security fix), and check the result: a copy of the project whose
theme/base.html is Material's own with that one fix must build the same site, byte for byte
(`diff -r`). partials/nav.html, toc.html and header.html are compared the same
way with Material's partials (they did not change in 9.8); `regkb_toc_items` and `lang.t` are
checked against Material's own templates by the `REGKB_FAST=0` build.
"""

from __future__ import annotations

import gc
import itertools
import logging
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import NoReturn

from jinja2 import FileSystemBytecodeCache, FileSystemLoader, nodes, pass_context
from jinja2.ext import Extension

FAST_ENV = "REGKB_FAST"  # "0": build without the machinery of this module (README, CONTRIBUTING)
GC_THRESHOLDS = (50_000, 20, 10)


def enabled() -> bool:
    """The switch: on unless REGKB_FAST is 0 (or false, no, off)."""
    return os.environ.get(FAST_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


# --- processes ----------------------------------------------------------------------------------
def collect_less() -> None:
    """Fewer collections of cyclic garbage in a language process (the module's docstring)."""
    if enabled():
        gc.set_threshold(*GC_THRESHOLDS)


def leave(code: int) -> NoReturn:
    """End a language process: without freeing the heap once logs and standard streams are
    flushed, or (switch off) as the interpreter ends."""
    if not enabled():
        sys.exit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def yield_cpu() -> None:
    """Once this process's pages are written: let Pagefind, which the build waits for, go first."""
    if enabled():
        try:
            os.nice(10)
        except OSError:
            pass


# --- templates ----------------------------------------------------------------------------------
class FragmentCache(Extension):
    """The fragment is compiled into plain template code, not a call block: a block's `caller`
    macro and Jinja's `context.call` cost more, on a page's ~12 fragments, than rendering most of
    them. Filters are called directly. Roughly:

        {% set k = (key, ...) | regkb_fragment %}   {#- the cached HTML, else the key -#}
        {% if k is string %}{{ k }}{% else %}{% set h %}...{% endset %}{{ h | regkb_store(k) }}{% endif %}

    A set inside the fragment stays local to it, as in a call block. With the switch off the tag
    stays (the templates use it) but nothing is kept: every fragment is rendered on every page.
    """

    tags = {"regkb_cache"}  # an instance variable of Jinja's Extension, set on the class as Jinja does

    def __init__(self, environment):
        super().__init__(environment)
        cache: dict = {}
        environment.extend(regkb_fragments=cache)
        environment.filters["regkb_fragment"], environment.filters["regkb_store"] = _filters(cache, enabled())
        self._names = itertools.count()

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endregkb_cache",), drop_needle=True)
        n = next(self._names)
        found, html = f"regkb_fragment_{n}", f"regkb_fragment_html_{n}"
        lookup = nodes.Assign(nodes.Name(found, "store"),
                              nodes.Filter(nodes.Tuple(parts, "load"), "regkb_fragment", [], [], None, None))
        hit = [nodes.Output([nodes.Name(found, "load")])]
        miss = [nodes.AssignBlock(nodes.Name(html, "store"), None, body),
                nodes.Output([nodes.Filter(nodes.Name(html, "load"), "regkb_store",
                                           [nodes.Name(found, "load")], [], None, None)])]
        test = nodes.Test(nodes.Name(found, "load"), "string", [], [], None, None)
        return [node.set_lineno(lineno) for node in (lookup, nodes.If(test, hit, [], miss))]


def _filters(cache: dict, keep: bool = True):
    """The two filters of a fragment. `pass_context` (unused) keeps Jinja's optimizer from calling
    them when it compiles the template: it folds a filter of constants (a key like ("top",)) into
    its value at compile time, which would freeze the cache's state then into the template."""

    @pass_context
    def lookup(context, key):
        return cache.get(key, key) if keep and key[0] is not None else key

    @pass_context
    def store(context, html, key):
        if keep and key[0] is not None:
            cache[key] = html
        return html

    return lookup, store


# The bytecode cache checks only a template's source: a change to the code FragmentCache compiles
# (its parse) must change this name, so that templates are compiled again.
BYTECODE_PATTERN = "__regkb_fragments3_%s.cache"


def theme_words(language: str) -> dict[str, str]:
    """The catalogue's words for Material's interface (its `theme` section, keyed as `lang.t`),
    escaped for HTML as Material's own are written: Material's Dutch says "Header" and "Footer",
    and its French and Dutch are not the site's wording (CONTRIBUTING, "the catalogue")."""
    from markupsafe import escape

    from .. import catalogue

    try:
        words = catalogue.words(language).get("theme", {})
    except catalogue.CatalogueError:
        return {}
    ours = {key: str(escape(text)) for key, text in words.items()}
    if "generator" in ours:  # the footer's "Made with Material for MkDocs" (partials/copyright.html)
        try:
            ours["generator"] = ours["generator"].format(name=GENERATOR_LINK)
        except (KeyError, IndexError, ValueError):  # a translation without {name}, or other braces
            ours["generator"] = f"{ours['generator']} {GENERATOR_LINK}"
    return ours


GENERATOR_LINK = ('<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener" lang="en">'
                  "Material for MkDocs</a>")


def themed(language: str, t):
    """Material's `t` for `language` under the catalogue's words (the switch's plain path)."""
    ours = theme_words(language)
    return lambda key: ours.get(key) or t(key)


def install(env, config, cache_dir: Path | None = None) -> None:
    """Called from the plugin's on_env, once per build (static-i18n: once per language)."""
    # imported here: commands/language.py imports this module before the generator, and ProperDocs
    # answers `mkdocs.*` imports only once it is loaded
    from mkdocs.utils import normalize_url

    fast = enabled()
    env.add_extension(FragmentCache)
    if cache_dir is not None and fast:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir), BYTECODE_PATTERN)
        except OSError:
            pass  # a read-only project: templates are compiled in memory, as without the cache
    translators: dict[str, object] = {}
    nav_urls: dict[object, tuple] = {}  # per Navigation object (one per language build)

    def translator(language: str):
        """Material's `lang.t` for this language, its answers memoized (same strings, same
        fallback to English, then to the key), the catalogue's `theme` words first (themed).
        Off: Material's own, for every page, under the same catalogue words."""
        if not fast:
            return themed(language, material_language().t)
        try:
            return translators[language]
        except KeyError:
            pass
        own = env.get_template(f"partials/languages/{language}.html").module
        fallback = env.get_template("partials/languages/en.html").module
        memo: dict = {}

        ours = theme_words(language)

        def t(key):
            try:
                return memo[key]
            except KeyError:
                memo[key] = text = ours.get(key) or str(own.t(key) or fallback.t(key) or key)
                return text

        translators[language] = t
        return t

    langs: dict[str, SimpleNamespace] = {}
    material = FileSystemLoader([d for d in config.theme.dirs if d != config.theme.custom_dir])
    material_language_html: list = []

    def material_language():
        """Material's partials/language.html (which ours hides), imported with the page's
        `config` as Material's templates import it (`with context`)."""
        if not material_language_html:
            material_language_html.append(env.from_string(material.get_source(env, "partials/language.html")[0]))
        return material_language_html[0].make_module({"config": config})

    def lang_module(language: str):
        """`lang` in theme/base.html: what Material's `{% import "partials/language.html" as lang
        with context %}` gives (an object with `t`), made once per language, not on every page.
        Off: that import itself, for every page."""
        if not fast:
            return SimpleNamespace(t=translator(language))
        try:
            return langs[language]
        except KeyError:
            langs[language] = module = SimpleNamespace(t=translator(language))
            return module

    def nav_key(page, nav, base_url):
        """What the primary navigation of this page depends on: None (no cache) if the page is in
        the navigation (it is then marked active and may show its table of contents), else the
        relative URLs of every link in the navigation, as this page's `url` filter gives them."""
        if page is None or nav is None:
            return None
        urls = nav_urls.get(nav)  # a Navigation hashes by identity
        if urls is None:
            found, ids = [], set()

            def walk(items):
                for item in items:
                    if getattr(item, "url", None) is not None:
                        found.append(item.url)
                    if item.is_page:
                        ids.add(item.file.src_uri)  # a Page does not hash: its source names it
                    if item.children:
                        walk(item.children)

            walk(nav.items)
            if nav.homepage is not None:
                found.append(nav.homepage.url)
            depth = max((len([p for p in str(u).split("/") if p]) for u in found), default=0)
            urls = nav_urls[nav] = (tuple(found), frozenset(ids), nav, depth, {})
        if page.file.src_uri in urls[1]:
            return None
        # The relative URL of a link of depth d depends only on the page's depth and its first d
        # folders (mkdocs.utils.get_relative_url): one key per such prefix, computed once.
        url = page.url or ""
        folder, _, name = url.rpartition("/")
        parts = [p for p in (folder if "." in name else url).split("/") if p and p != "."]
        prefix = (len(parts), *parts[:urls[3]])
        key = urls[4].get(prefix)
        if key is None:
            key = urls[4][prefix] = ("nav", base_url, *(normalize_url(str(u), page=page, base=base_url)
                                                       for u in urls[0]))
        return key

    def depth_key(name, page, base_url):
        """For fragments that link only to files under assets/ (styles, scripts, Material's
        configuration): their relative URLs depend only on the page's depth, that is base_url."""
        if page is not None and (page.url or "").startswith("assets/"):
            return None  # not cached: (None, base_url) was a key like any other
        return name, base_url

    striptags, escape = env.filters["striptags"], env.filters["e"]

    def toc_items(items, indent=6):
        """Material's partials/toc-item.html, included once per heading by partials/toc.html:
        the same markup, whitespace included, without a template per heading. Off: that template,
        included per heading as by Material's partials/toc.html."""
        pad = " " * indent
        if not fast:
            item = env.get_template("partials/toc-item.html")
            return "".join(f"\n{pad}  {item.render(toc_item=toc_item)}\n{pad}" for toc_item in items)
        out = []
        for item in items:
            typeset = getattr(item, "typeset", None)
            if typeset:
                title = typeset["title"] if isinstance(typeset, dict) else typeset.title
                label = f'\n        <span class="md-typeset">\n          {title}\n        </span>\n      '
            else:
                label = f"\n        {item.title}\n      "
            html = (f'<li class="md-nav__item">\n  <a href="{escape(item.url)}" class="md-nav__link">\n'
                    f'    <span class="md-ellipsis">\n      {label}\n    </span>\n  </a>\n  ')
            if item.children:
                html += (f'\n    <nav class="md-nav" aria-label="{escape(striptags(item.title))}">\n'
                         f'      <ul class="md-nav__list">\n        {toc_items(item.children, 8)}\n      </ul>\n'
                         '    </nav>\n  ')
            out.append(f"\n  {pad}{html}\n</li>\n{pad}")
        return "".join(out)

    env.globals["regkb_translator"] = translator
    env.globals["regkb_lang"] = lang_module
    env.globals["regkb_nav_key"] = nav_key
    env.globals["regkb_depth_key"] = depth_key
    env.globals["regkb_toc_items"] = toc_items
    from .csp import CSP

    env.globals["regkb_csp"] = CSP

