"""Cheaper page templates: what Material's templates compute the same way on every page is
computed once per build.

* `lang.t(key)`: Material's `partials/language.html` builds a dict of ~90 strings on every call
  (~25 calls a page); ours (theme/partials/language.html) looks the key up in a memo.
* `{% regkb_cache key, ... %}...{% endregkb_cache %}`: a fragment rendered once per key and build.
  The key must hold everything the fragment depends on that varies between pages, in practice the
  relative URLs it links to (MkDocs writes relative URLs, so two pages at different depths, or
  sharing a different prefix with the target, get different HTML). A key whose first part is
  `None` is not cached (the fragment is rendered as usual). theme/base.html (Material's, with
  fragments) leaves only what differs between pages to render for each page.
* Jinja's bytecode cache (`<root>/.cache/jinja`): the ~35 templates of a page are parsed and
  compiled once, not in every build process (~0.25 s a language); an edited template is compiled
  again (the cache checks its source).

Upgrading Material (done for 9.7.7 -> 9.8.2): theme/base.html is Material's base.html with the
fragments put around it; take the new version's `material/templates/base.html`, put the same
`regkb_cache` tags back (`diff` the old Material base.html against ours shows where), and check
the result: a copy of the project whose theme/base.html is Material's own must build the same
site, byte for byte (`diff -r`). partials/nav.html, toc.html and header.html are compared the same
way with Material's partials (they did not change in 9.8), and `toc_items` below with
partials/toc-item.html.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

from jinja2 import FileSystemBytecodeCache, nodes, pass_context
from jinja2.ext import Extension
from mkdocs.utils import normalize_url


class FragmentCache(Extension):
    """The fragment is compiled into plain template code, not a call block: a block's `caller`
    macro and Jinja's `context.call` cost more, on a page's ~12 fragments, than rendering most of
    them. Filters are called directly. Roughly:

        {% set k = (key, ...) | regkb_fragment %}   {#- the cached HTML, else the key -#}
        {% if k is string %}{{ k }}{% else %}{% set h %}...{% endset %}{{ h | regkb_store(k) }}{% endif %}

    A set inside the fragment stays local to it, as in a call block.
    """

    tags = {"regkb_cache"}  # an instance variable of Jinja's Extension, set on the class as Jinja does

    def __init__(self, environment):
        super().__init__(environment)
        cache: dict = {}
        environment.extend(regkb_fragments=cache)
        environment.filters["regkb_fragment"], environment.filters["regkb_store"] = _filters(cache)
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


def _filters(cache: dict):
    """The two filters of a fragment. `pass_context` (unused) keeps Jinja's optimizer from calling
    them when it compiles the template: it folds a filter of constants (a key like ("top",)) into
    its value at compile time, which would freeze the cache's state then into the template."""

    @pass_context
    def lookup(context, key):
        return cache.get(key, key) if key[0] is not None else key

    @pass_context
    def store(context, html, key):
        if key[0] is not None:
            cache[key] = html
        return html

    return lookup, store


# The bytecode cache checks only a template's source: a change to the code FragmentCache compiles
# (its parse) must change this name, so that templates are compiled again.
BYTECODE_PATTERN = "__regkb_fragments3_%s.cache"


def install(env, config, cache_dir: Path | None = None) -> None:
    """Called from the plugin's on_env, once per build (static-i18n: once per language)."""
    env.add_extension(FragmentCache)
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(cache_dir), BYTECODE_PATTERN)
        except OSError:
            pass  # a read-only project: templates are compiled in memory, as without the cache
    translators: dict[str, object] = {}
    nav_urls: dict[int, tuple] = {}

    def translator(language: str):
        """Material's `lang.t` for this language, its answers memoized (same strings, same
        fallback to English, then to the key)."""
        try:
            return translators[language]
        except KeyError:
            pass
        own = env.get_template(f"partials/languages/{language}.html").module
        fallback = env.get_template("partials/languages/en.html").module
        memo: dict = {}

        def t(key):
            try:
                return memo[key]
            except KeyError:
                memo[key] = text = str(own.t(key) or fallback.t(key) or key)
                return text

        translators[language] = t
        return t

    langs: dict[str, SimpleNamespace] = {}

    def lang_module(language: str):
        """`lang` in theme/base.html: what Material's `{% import "partials/language.html" as lang
        with context %}` gives (an object with `t`), made once per language, not on every page."""
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
        urls = nav_urls.get(id(nav))
        if urls is None:
            found, ids = [], set()

            def walk(items):
                for item in items:
                    if getattr(item, "url", None) is not None:
                        found.append(item.url)
                    if item.is_page:
                        ids.add(id(item))
                    if item.children:
                        walk(item.children)

            walk(nav.items)
            if nav.homepage is not None:
                found.append(nav.homepage.url)
            depth = max((len([p for p in str(u).split("/") if p]) for u in found), default=0)
            urls = nav_urls[id(nav)] = (tuple(found), frozenset(ids), nav, depth, {})
        if id(page) in urls[1]:
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
        the same markup, whitespace included, without a template per heading."""
        pad = " " * indent
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

