"""The `regkb/site` MkDocs plugin: loads the corpus once, adds its pages, rewrites references.

static-i18n runs every event once per language (French first, then Dutch inside French's
`on_post_build`). Whole-corpus work (loading, validation, indexes, the page plan) is therefore done
once and kept on the plugin; per-language work only renders that language's pages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .buildenv import ONLY_LANG_ENV, READY_FD_ENV, SHARE_ENV, SHARED_FOLDER  # set by `regkb build` for its language processes
from .config import RegkbConfig
from .memory import ProcessMemory
from ..core.kinds import DEFAULT_LANG, FOLDERS, LANGS, sections, sections_with_layout
from ..core.dates import format_date
from ..core.model import Corpus
from ..core.urls import lang_prefix
from ..core.validate import BuildDateError, build_date, parse_build_date
from ..pages.unithtml import splittable
from ..pages.context import SiteContext, SiteOptions
from ..pages.feeds import feed_files
from ..pages.facets import guide_facets
from ..pages.plan import PageSpec, build_plan
from ..pages.toc import anchor_ids, toc_tokens
from ..pages.sitemap import neutral_path, sitemap_xml
from ..sources.inventory import check_handwritten_refs
from ..search.index import related_questions, search_rows
from ..search.pagefind import PagefindError, build_site_search, write_search_data
from ..sources import load_corpus
from ..sources.safety import site_dir_problem, under_link
from ..pages.html import safe_meta
from ..core.limits import INVISIBLE
from ..sources.inventory import PAGE_FIELDS
from ..pages.sanitize import sanitize
from ..pages.tables import scroll_tables
from . import i18n, speed
from .shell import SHELL_TEMPLATE, Shells
from .. import catalogue
from ..catalogue import scripts

log = get_plugin_logger("regkb")
SAFE_PATH = re.compile(r"^(?:\w[\w.-]*/)*\Z")  # a generated page's folder: no '..', no absolute path


class RegkbSitePlugin(BasePlugin[RegkbConfig]):
    memory: ClassVar[ProcessMemory] = ProcessMemory()  # one for the process, across `mkdocs serve` rebuilds

    def __init__(self) -> None:
        super().__init__()
        self.ctx: SiteContext | None = None
        self.plan: list[PageSpec] = []
        self.lang = DEFAULT_LANG
        self.serving = False  # `mkdocs serve` (on_startup): previews skip the site search
        self._search_rows: dict[str, list[dict]] = {}
        self._refused: set[str] = set()  # hand-written pages refused by the check (docs/...)

    # --- events, in build order -----------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # `make site` builds the site search

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _configure_languages(config, self._root(config))
        _only_one_language(config)
        self.lang = self._current_language(config)
        problem = site_dir_problem(self._root(config), config.site_dir)
        if problem:  # before MkDocs empties the folder
            raise PluginError(f"regkb: {problem}. Choose another --site-dir (the default is site/).")
        if self.ctx is None or not i18n.inner_build(config):
            self._load(config)  # the outermost build (each `mkdocs serve` rebuild too), not the nested one
        return config

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild when circulars, answers or the shared lists change, not only docs/."""
        root = self._root(config)
        for name in (*(s for s in sections() if s not in sections_with_layout(FOLDERS)), "taxonomy.yml"):
            if (root / name).exists():
                server.watch(str(root / name))
        return server

    @event_priority(-110)  # after static-i18n (-100) has chosen this language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.lang = self._current_language(config)
        sources = _source_folders()
        for file in [f for f in files if sources.match(f.src_uri)]:
            files.remove(file)
        docs = Path(config.docs_dir)
        for file in [f for f in files if f.abs_src_path and under_link(Path(f.abs_src_path), docs)]:
            files.remove(file)  # a symbolic link is never published (reported by the loader)
        refused = {rel.split("/", 1)[1] for rel in self._refused | (self.ctx.corpus.refused_files if self.ctx else set())}
        for file in [f for f in files if f.src_uri in refused]:
            files.remove(file)  # too large, not UTF-8, a front matter MkDocs must not read, or a
            # file type a browser could run (.html, .svg, .js...): all reported by the check
        prefix = lang_prefix(self.lang)
        assert self.ctx is not None  # on_config loaded the corpus
        for spec in self.plan:
            if not SAFE_PATH.match(spec.path):  # ids and keys are checked: this is the last guard
                log.error(f"regkb: page path '{spec.path}' refused: it could leave the site folder.")
                continue
            file = _generated(config, spec.src_uri, prefix + spec.path + "index.html", "",
                              InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV)
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None and existing.src_uri == spec.src_uri:
                files.remove(existing)
            files.append(file)
            GeneratedPage(file, config, spec, self.lang)
        # `regkb build` (which alone passes the ready pipe, and fills the FR ‖ NL pages' other column)
        shared = (os.environ.get(SHARE_ENV) == "1" and os.environ.get(ONLY_LANG_ENV) in LANGS
                  and READY_FD_ENV in os.environ)
        for name, content in feed_files(self.ctx, self.lang, side_by_side=not shared).items():  # agenda feed and calendar
            files.append(_generated(config, name, prefix + name, content.encode("utf-8")))
        if shared:  # `regkb build`: this process's part of the FR ‖ NL pages (sidebyside.Share)
            from ..pages.sidebyside import shared_files

            folder = "" if self.lang == DEFAULT_LANG else SHARED_FOLDER + "/"
            for name, content in shared_files(self.ctx, self.lang).items():
                files.append(_generated(config, name, folder + name, content.encode("utf-8")))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages (home, guide): their `ref:` links; generated pages have no Markdown."""
        assert self.ctx is not None
        if isinstance(page, GeneratedPage):
            return markdown
        for key in [key for key in page.meta if key not in PAGE_FIELDS]:  # reported by the check
            del page.meta[key]
        if not page.meta.get("regkb_index"):  # a hand-written guide: found by the site search
            page.meta["regkb_search"] = guide_facets(self.lang)
        page.meta.update(safe_meta(page.meta))  # the templates print title and description as HTML
        # MkDocs read the file itself: the invisible characters the check reported go here
        return self.ctx.links(INVISIBLE.sub("", markdown), self.lang, page.file.src_uri)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages (home, guide) go through the authors' HTML policy too; generated pages
        are composed from escaped values and sanitized texts."""
        if isinstance(page, GeneratedPage):
            return html
        return scroll_tables(sanitize(html))

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Cheaper templates: memoized translations and fragments cached per build (speed.py)."""
        speed.install(env, config, self._root(config) / ".cache" / "jinja")
        if speed.enabled():  # generated pages written into shells of main.html (shell.py)
            Shells(env, env.globals["regkb_nav_key"], env.globals["regkb_toc_items"]).install()
        env.globals["regkb_words"] = _template_words  # the catalogue's labels, for our templates
        env.globals["regkb_date"] = _template_date  # "22 novembre 2026" (the printed footer)
        return env

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """The language switcher and hreflang links: the same path in every language."""
        path = self._neutral_path(page)
        names = i18n.language_names(config)  # every language's, built in this process or not
        site_url = self.ctx.site_url if self.ctx else "/"
        page.meta["regkb_alternates"] = [
            {"lang": lang, "name": names.get(lang) or lang, "link": (lang_prefix(lang) + path) or "./",
             "absolute": site_url + lang_prefix(lang) + path}
            for lang in LANGS
        ]
        return context

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """sitemap.xml: ours, with every language and its hreflang alternates, written once by the
        outermost build (empty in static-i18n's inner builds, which MkDocs then skips)."""
        if template_name == "sitemap.xml":
            outer = not i18n.inner_build(config)
            paths = [neutral_path(f.url, self.lang) for f in context.get("pages") or [] if f.page is not None]
            context["regkb_sitemap"] = sitemap_xml(paths, self.ctx.site_url if self.ctx else "/") if outer else ""
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """One 404 page at the root, written by the first (default-language) build: static-i18n's
        inner builds would overwrite it with theirs."""
        if template_name == "404.html" and i18n.inner_build(config):
            return ""  # MkDocs skips a template with empty output
        return output

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """A language added by the project (German): its words for the page scripts, as JSON in
        the page (French and Dutch carry theirs in the scripts: catalogue/scripts.py)."""
        if self.lang in catalogue.BUILTIN_LANGS or "</head>" not in output:
            return output
        element = f'<script type="application/json" id="{scripts.ELEMENT_ID}">{scripts.page_json(self.lang)}</script>'
        return output.replace("</head>", element + "\n</head>", 1)

    @event_priority(-150)  # after static-i18n (-100) has built the other languages
    def on_post_build(self, config: MkDocsConfig) -> None:
        """The search indexes, once, when every language is written (not in static-i18n's inner
        builds)."""
        if i18n.inner_build(config) or self.ctx is None:
            return
        _signal_pages_written()  # `regkb build` starts the site search now, while this goes on
        self._write_search_index(config)
        if not self.config.pagefind or self.serving:
            return
        only = os.environ.get(ONLY_LANG_ENV)
        if only:  # `regkb build` indexes the site once both languages are in place; the default
            if only == DEFAULT_LANG:  # language's process, which has the corpus, writes the data
                try:
                    write_search_data(config.site_dir, self.ctx.corpus, self.ctx.today, self._root(config) / "docs")
                except PagefindError as exc:
                    raise PluginError(f"site search: {exc}") from None
            return
        try:
            report = build_site_search(config.site_dir, self.ctx.corpus, self.ctx.today, self._root(config) / "docs")
        except PagefindError as exc:
            raise PluginError(f"site search: {exc}") from None
        log.info(report.summary())

    # --- helpers --------------------------------------------------------------------------------
    def _load(self, config: MkDocsConfig) -> None:
        root = self._root(config)
        try:  # an impossible build day stops the build (never silently the wall clock)
            today = parse_build_date(self.config.today, "the regkb/site option 'today'") if self.config.today else build_date()
        except BuildDateError as exc:
            raise PluginError(str(exc)) from None
        _declare_build_date(today, self.memory)
        corpus, diagnostics = load_corpus(root)
        self._refused = check_handwritten_refs(root, corpus, today, diagnostics)  # home, guide: their refs too
        for diagnostic in diagnostics.sorted():
            (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
        options = SiteOptions(site_url=config.site_url or "/", sample_notice=self.config.sample_notice)
        self.ctx = SiteContext(corpus, today, options)
        self.ctx.fragments.render = self.memory.converter(config)
        self.ctx.fragments.by_units = splittable(config.markdown_extensions)  # else each text whole
        self._search_rows = search_rows(corpus, today, self.ctx.site_url, _index_languages())
        self.ctx.related_ids = {lang: related_questions(rows, lang) for lang, rows in self._search_rows.items()}
        self.plan = build_plan(self.ctx)
        for impact in self.ctx.impacts:  # INFO: a to-do for staff, not an error in the sources
            log.info(f"impact: {impact.format()}")
        config.extra["regkb_today"] = today.isoformat()

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(self.config.root or os.path.dirname(config.config_file_path or ".") or ".").resolve()

    def _write_search_index(self, config: MkDocsConfig) -> None:
        """The whoosh index (for `regkb search`, `regkb serve`), written once per build after the
        pages (`regkb build` runs the site search meanwhile)."""
        from ..search import build_search_index, default_index_dir

        if self.ctx is None or not self._search_rows:
            return
        folder = default_index_dir(self._root(config))
        try:
            build_search_index(self.ctx.corpus, folder, self.ctx.today, self.ctx.site_url,
                               tuple(self._search_rows), self._search_rows)
        except OSError as exc:
            log.warning(f"search index not written to {folder}: {exc}.")
            return
        log.info(f"search index written to {folder}")

    @staticmethod
    def _current_language(config: MkDocsConfig) -> str:
        lang = i18n.current_language(config) or config.theme.get("language") or DEFAULT_LANG
        return lang if lang in LANGS else DEFAULT_LANG

    def _neutral_path(self, page: Page) -> str:
        """The page's path without its language prefix: the same document in every language."""
        url = page.url or ""
        prefix = lang_prefix(self.lang)
        if prefix and url.startswith(prefix):
            url = url[len(prefix):]
        return url

    @property
    def corpus(self) -> Corpus | None:
        return self.ctx.corpus if self.ctx else None


class GeneratedPage(Page):
    """A page the core composes as final HTML (a document, version, diff or listing).

    MkDocs' per-page pipeline (a new Python-Markdown instance per page, its tree processors, then
    the HTML parsed again for anchors) is skipped: the core converts only the authors' texts, once
    each, with one shared instance. The table of contents is read back from the HTML in one pass;
    the anchors, against which MkDocs checks links from hand-written pages, only for the pages
    such a link targets.
    """

    def __init__(self, file: File, config: MkDocsConfig, spec: PageSpec, lang: str) -> None:
        self._anchors: set[str] | None = None
        super().__init__(None, file, config)
        self._spec, self._lang, self._html = spec, lang, ""

    def read_source(self, config: MkDocsConfig) -> None:
        title, self._html, meta = self._spec.render(self._lang)
        self.meta = safe_meta({**meta, "title": title})  # plain text in, HTML for the templates out
        if speed.enabled():  # rendered into a shell of main.html (site/shell.py)
            self.meta["template"] = SHELL_TEMPLATE
        self.markdown = ""  # other plugins' Markdown events see an empty page

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self._html = self._html, ""
        self.toc = get_toc(toc_tokens(self.content))  # type: ignore[arg-type] # MkDocs' TypedDict, same keys
        self._anchors = None
        self.links_to_anchors = None  # links written by the core, from checked references

    @property  # type: ignore[override]
    def present_anchor_ids(self) -> set[str] | None:
        """The page's ids, read from its HTML when first asked (a hand-written page links here)."""
        if self._anchors is None and self.content is not None:
            self._anchors = anchor_ids(self.content)
        return self._anchors

    @present_anchor_ids.setter
    def present_anchor_ids(self, value: set[str] | None) -> None:
        self._anchors = value


def _generated(config: MkDocsConfig, src_uri: str, dest_uri: str, content: str | bytes,
               inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """A file of ours (MkDocs' `File.generated`), written at `dest_uri` under this language's
    prefix (static-i18n's files are already chosen: ours are added per language)."""
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    file.dest_uri = dest_uri  # before its URL is first computed (cached from the destination)
    return file


def _index_languages() -> tuple[str, ...]:
    """The languages whose search entries this process computes: its own under `regkb build`
    (each language process writes its part of the index), else all."""
    only = os.environ.get(ONLY_LANG_ENV)
    return (only,) if only and only in LANGS else tuple(LANGS)


def _signal_pages_written() -> None:
    """Tell `regkb build` (REGKB_READY_FD, a pipe it opened) that every page is written: it
    starts the site search while this process writes its search index."""
    fd = os.environ.pop(READY_FD_ENV, "")
    if fd.isdigit():
        try:
            os.write(int(fd), b"1")
            os.close(int(fd))
        except OSError:
            return  # the parent will wait for this process instead
        speed.yield_cpu()  # Pagefind, which everything now waits for, goes first


def _template_words(lang: str | None):
    """`regkb_words(config.theme.language).quick_search`: a language's labels (French if unknown)."""
    return catalogue.words(lang if lang in catalogue.languages() else DEFAULT_LANG)["labels"]


def _template_date(iso: str | None, lang: str | None) -> str:
    """`regkb_date(config.extra.regkb_today, config.theme.language)`: a day as the language writes it."""
    try:
        day = dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso or "")
    return format_date(day, lang if lang in catalogue.languages() else DEFAULT_LANG)


def _configure_languages(config: MkDocsConfig, root: Path) -> None:
    """The site's languages are static-i18n's (default first); their words come from the project's
    `catalogue/<lang>.yml`, else the built-in ones. A language without a catalogue stops the build
    with the fix; words a catalogue lacks are shown in French and listed (CONTRIBUTING.md)."""
    plugin = i18n.i18n_plugin(config)
    configured = [language.locale for language in (plugin.config.languages if plugin else [])]
    langs = [DEFAULT_LANG] + [lang for lang in configured if lang != DEFAULT_LANG] if configured else None
    catalogue.configure(langs, [root / "catalogue"] if (root / "catalogue").is_dir() else [])
    for lang in catalogue.languages():
        if catalogue.path_of(lang) is None:
            raise PluginError(f"mkdocs.yml: language '{lang}' has no catalogue of words. Add "
                              f"catalogue/{lang}.yml next to mkdocs.yml (copy {catalogue.BUILTIN / 'fr.yml'} "
                              "and translate its values), or remove the language.")
        missing = catalogue.missing_words(lang) if not i18n.inner_build(config) else []  # said once
        if missing:
            log.warning(f"catalogue/{lang}.yml: {len(missing)} word(s) not translated, shown in French: "
                        f"{', '.join(missing[:8])}{' …' if len(missing) > 8 else ''}. Add them to the file.")
    if plugin and not i18n.inner_build(config):
        _own_site_words(config, plugin.config.languages)


def _own_site_words(config: MkDocsConfig, languages) -> None:
    """A language without its own site_name, site_description or copyright shows the default
    language's in every page's title, description, header and footer (a Dutch page described
    itself in French): said, with the fix; strict mode fails the build."""
    for language in languages:
        if language.default:
            continue
        for field in ("site_name", "site_description", "copyright"):
            if config.get(field) and not language.get(field):
                log.warning(f"mkdocs.yml: language '{language.locale}' has no {field} of its own: its pages "
                            f"show the default language's ({config[field][:60]!r}). Add `{field}:` in its "
                            "language, under plugins > i18n > languages.")


def _only_one_language(config: MkDocsConfig) -> None:
    """`regkb build` builds each language in its own process (one per core): REGKB_BUILD_LANG
    names the language this process builds, alone, before static-i18n configures itself."""
    only = os.environ.get(ONLY_LANG_ENV, "")
    if only in LANGS:
        i18n.build_only(config, only)


def _declare_build_date(today: dt.date, memory: ProcessMemory) -> None:
    """MkDocs dates its pages (and the sitemap.xml.gz header) from SOURCE_DATE_EPOCH, else the
    clock: derive it from our one declared build date, so two builds of the same day and sources
    are identical. A value set by the caller is kept."""
    epoch = str(int(dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc).timestamp()))
    if os.environ.get("SOURCE_DATE_EPOCH") in (None, memory.epoch):
        os.environ["SOURCE_DATE_EPOCH"] = memory.epoch = epoch


def _source_folders() -> re.Pattern:
    """docs/<lang>/<section>/ of the sections written as folders (the kind registry): the loader
    reads them, MkDocs must not render them as pages."""
    return re.compile(r"^(?:%s)/(?:%s)/" % ("|".join(LANGS), "|".join(sections_with_layout(FOLDERS))))
