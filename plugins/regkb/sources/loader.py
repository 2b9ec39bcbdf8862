"""Load every source into one corpus, reporting each problem instead of stopping at the first.

Layout (see CONTRIBUTING.md):
  docs/<lang>/regulations/<id>/index.md and <YYYY-MM-DD>.md   laws and decrees, one file per version
  docs/<lang>/conventions/<id>/...                            conventions, same layout
  circulars/<year>/<id>.<lang>.md                             circulars
  faq/<topic>/<id>.md                                         questions and answers, FR and NL together
  taxonomy.yml                                                sectors, topics, audiences
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..catalogue import LANG_NAMES, REQUIRED_LANGS
from ..core.consolidate import consolidate_document, read_delta
from ..core.dates import DateError, parse_date
from ..core.diagnostics import Diagnostics
from ..core.kinds import CIRCULAR_FILES, DEFAULT_LANG, FAQ_FILES, FOLDERS, LANGS, Kind, kind_from_source, kinds_in_section, sections
from ..core.model import Corpus, Document, LocalizedMeta, Relation, Taxonomy, Text, Version
from ..core.limits import MAX_TAXONOMY_BYTES
from .circularcheck import check_circulars
from .datekeys import unread_date_keys
from .fieldnames import check_field_names
from .frontmatter import SourceFile, load_yaml, parse_source, read_text
from ..core.collation import normal_number
from .langfields import CIRCULAR_FIELDS, DOCUMENT_FIELDS, VERSION_FIELDS, check_one_sided
from .safety import markdown_files, report_links, report_static_files, site_files, under_link

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}\Z")  # ids and taxonomy keys: they become URLs and file names
# Names Windows reserves for devices (in any case, with any extension): a site folder `con/`, a
# source `con.fr.md` cannot be written or checked out there (a staff member's clone, a mirror)
WINDOWS_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])\Z")
# Identifiers that become search keys and file names (search/identifiers.py): documented in CONTRIBUTING.md
FIELD_PATTERNS = {
    "numac": (re.compile(r"^[0-9]{4}[0-9A-Z][0-9]{5}\Z"), "10 characters: the year then 6 digits, e.g. \"1996022523\""),
    "number": (re.compile(r"^[0-9]{4}/[0-9A-Za-z][0-9A-Za-z-]{0,19}\Z"), "the year, '/' and the number, e.g. \"2024/12\""),
}
# Where the official text of a Belgian law or decree lives (core/eli.py's BASE)
OFFICIAL_ELI = re.compile(r"^https://www\.ejustice\.just\.fgov\.be/eli/[^\s<>\"'?#]+\Z")
VERSION_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.md\Z")
RELATION_FIELDS = ("amends", "repeals", "implements", "replaces")
FAQ_MARKER = re.compile(r"^\s*<!--\s*([A-Za-z]{2})\s*-->\s*$")  # '<!-- fr -->' (any case: '<!-- NL -->' too)


def load_corpus(root: Path | str) -> tuple[Corpus, Diagnostics]:
    """Read all sources under `root`; never raises on bad input."""
    loader = _Loader(Path(root))
    loader.run()
    return loader.corpus, loader.diagnostics


_ABSENT = object()  # a field not given to Loader._text (None is YAML's null)

class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.corpus = Corpus()
        self.diagnostics = Diagnostics()
        self.origin: dict[str, str] = {}  # id -> path that declared it first (duplicates)
        self.relation_sets: dict[tuple[str, str], frozenset[str]] = {}  # (id, field) -> the first file's targets

    # --- entry --------------------------------------------------------------------------------
    def run(self) -> None:
        self.links = report_links(self.root, self.diagnostics)  # left out: never followed
        self.corpus.refused_files = report_static_files(self.root, self.diagnostics)  # docs/...: not published
        self.corpus.site_files = site_files(self.root, self.corpus.refused_files)  # where plain links may lead
        self.corpus.taxonomy = self._load_taxonomy()
        layouts = {FOLDERS: self._load_versioned_section, CIRCULAR_FILES: self._load_circulars,
                   FAQ_FILES: self._load_faq}
        for section in sections():  # the kind registry's order: regulations, conventions, circulars, faq
            layouts[kinds_in_section(section)[0].spec.layout](section)
        for document in self.corpus:
            if document.expires is not None:  # a convention's `end` is its last day
                document.repealed = document.expires + dt.timedelta(days=1)
            document.link_versions()
            consolidate_document(document, self.diagnostics)  # partial versions: the text in force
        from ..core.validate import validate_corpus
        from .stems import language_tools

        validate_corpus(self.corpus, self.diagnostics, words=language_tools)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def parse(self, path: Path) -> SourceFile | None:
        rel = self.rel(path)
        text = read_text(self.root, rel, self.diagnostics)
        if text is None:
            return None
        return parse_source(rel, text, self.diagnostics)

    # --- taxonomy -----------------------------------------------------------------------------
    def _load_taxonomy(self) -> Taxonomy:
        taxonomy = Taxonomy()
        path = self.root / "taxonomy.yml"
        if "taxonomy.yml" in self.links:
            return taxonomy
        if not path.exists():
            self.diagnostics.error("taxonomy.yml", 1, "the shared lists file taxonomy.yml is missing.",
                                   "Create taxonomy.yml with 'sectors', 'topics' and 'audiences'.", "taxonomy")
            return taxonomy
        text = read_text(self.root, "taxonomy.yml", self.diagnostics, limit=MAX_TAXONOMY_BYTES)
        try:
            data = load_yaml(text or "") or {}
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else 1
            self.diagnostics.error("taxonomy.yml", line, f"taxonomy.yml is not valid YAML: {exc.problem}.",
                                   "Fix the indentation: 'id:' then 'fr: ...' and 'nl: ...' indented below.", "taxonomy")
            return taxonomy
        except yaml.YAMLError as exc:  # e.g. a control character: not marked with a line
            position = getattr(exc, "position", None)
            line = (text or "")[:position].count("\n") + 1 if isinstance(position, int) else 1
            self.diagnostics.error("taxonomy.yml", line, f"taxonomy.yml is not valid YAML: {exc}.",
                                   "Remove control characters and write 'id:' then 'fr: ...' and 'nl: ...' below.",
                                   "taxonomy")
            return taxonomy
        except (ValueError, RecursionError, OverflowError) as exc:
            self.diagnostics.error("taxonomy.yml", 1, f"taxonomy.yml cannot be read: {str(exc)[:120]}.",
                                   "Write 'id:' then 'fr: ...' and 'nl: ...' indented below.", "taxonomy")
            return taxonomy
        if not isinstance(data, dict):
            data = {}
        for group in ("sectors", "topics", "audiences"):
            entries = data.get(group) or {}
            if not isinstance(entries, dict):
                self.diagnostics.error("taxonomy.yml", 1, f"'{group}' must map ids to their labels.",
                                       "Write 'id:' then 'fr: ...' and 'nl: ...' indented below.", "taxonomy")
                continue
            clean = {}
            for key, labels in entries.items():
                if not isinstance(key, str) or not ID_PATTERN.match(key) or WINDOWS_RESERVED.match(key):
                    self.diagnostics.error("taxonomy.yml", _line_in(text or "", f"{key}:"),
                                           f"the {group[:-1]} id '{str(key)[:60]}' is not a valid id (it becomes a URL).",
                                           "Use lowercase letters, digits and '-' only (e.g. physiotherapy).", "bad-id")
                    continue
                if not isinstance(labels, dict) or not all(isinstance(labels.get(lang), str) for lang in REQUIRED_LANGS):
                    self.diagnostics.error("taxonomy.yml", _line_in(text or "", f"{key}:"),
                                           f"the {group[:-1]} '{key}' needs a French and a Dutch label.",
                                           "Add 'fr: ...' and 'nl: ...' under it.", "taxonomy")
                    continue
                clean[str(key)] = {lang: labels.get(lang) if isinstance(labels.get(lang), str) else labels[DEFAULT_LANG]
                                   for lang in LANGS}  # an added language without its label: French
            setattr(taxonomy, group, clean)
        return taxonomy

    # --- decrees and conventions --------------------------------------------------------------
    def _load_versioned_section(self, section: str) -> None:
        folders: dict[str, dict[str, Path]] = {}
        for lang in LANGS:
            base = self.root / "docs" / lang / section
            if not base.is_dir():
                continue
            if under_link(base, self.root):
                continue  # reported
            for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink()):
                folders.setdefault(folder.name, {})[lang] = folder
        for doc_id, by_lang in sorted(folders.items()):
            self._load_versioned_document(section, doc_id, by_lang)

    def _load_versioned_document(self, section: str, doc_id: str, by_lang: dict[str, Path]) -> None:
        first = next(iter(by_lang.values()))
        if not self._check_id(doc_id, self.rel(first), "folder"):
            return
        document: Document | None = None
        version_files: dict[str, dict[str, SourceFile]] = {}
        index_sources: dict[str, SourceFile] = {}
        for lang, folder in by_lang.items():
            index = folder / "index.md"
            if index.is_symlink():
                continue  # reported
            if not index.exists():
                self.diagnostics.error(self.rel(folder), 1, f"the folder '{doc_id}' has no index.md.",
                                       "Add index.md with kind, title, short_title and date.", "missing-index")
                continue
            source = self.parse(index)
            if source is None or not source.ok:
                continue
            index_sources[lang] = source
            document = self._document_meta(document, doc_id, lang, source, section)
            for path in sorted(folder.glob("*.md")):
                if path.name == "index.md" or path.is_symlink():
                    continue
                if not VERSION_FILE.match(path.name):
                    self.diagnostics.error(self.rel(path), 1,
                                           f"'{path.name}' is not a version file name.",
                                           "Name each version after its entry-into-force date: YYYY-MM-DD.md.",
                                           "version-name")
                    continue
                version_source = self.parse(path)
                if version_source is not None and version_source.ok:
                    version_files.setdefault(path.stem, {})[lang] = version_source
        if document is None:
            return
        check_one_sided(index_sources, DOCUMENT_FIELDS, self.diagnostics)
        if not self._register(document, document.meta[document.langs[0]].path):
            return
        for key, sources in sorted(version_files.items()):
            version = self._version(document, key, sources, version_files)
            if version is not None:
                document.versions.append(version)
        if not document.versions:
            meta = document.meta[document.langs[0]]
            self.diagnostics.error(meta.path, 1, f"'{doc_id}' has no version.",
                                   "Add a version file named after its entry-into-force date, e.g. 2024-07-01.md, with the whole text.",
                                   "no-version")

    def _document_meta(self, document: Document | None, doc_id: str, lang: str,
                       source: SourceFile, section: str) -> Document | None:
        meta = source.meta
        kind = kind_from_source(meta.get("kind"))
        self._field_names(source, "convention" if kinds_in_section(section)[0].spec.has_term else "regulation")
        if "kind" not in meta:
            if document is None:
                self._missing(source, "kind", "one of: " + ", ".join(kinds_in_section(section)))
                return None
        elif kind is None or kind.section != section:
            allowed = ", ".join(kinds_in_section(section))
            self.diagnostics.error(source.path, source.line_of("kind"),
                                   f"unknown kind '{meta.get('kind')}' for a text in {section}/.",
                                   f"Use one of: {allowed}.", "unknown-kind")
            return document
        if document is None:
            assert kind is not None, "a new document's kind was checked above"
            document = Document(doc_id, kind)
        elif kind is not None and kind != document.kind:
            self._mismatch(source, "kind", document.kind.value)
        self._localized(document, lang, source)
        self._neutral_date(document, source, "date", required=True)
        spec = document.kind.spec
        self._unread_dates(source, "convention" if spec.has_term else "regulation")
        self._neutral_date(document, source, "end" if spec.has_term else "repealed",
                           attr="expires" if spec.has_term else "repealed")
        self._neutral_str(document, source, "numac")
        if spec.is_act:
            self._neutral_date(document, source, "published")
        if spec.has_term:
            self._neutral_str(document, source, "sector", required=True)
            institution = self._text(source, "institution")
            document.meta[lang].institution = institution if lang in document.meta else ""
            document.institution = document.institution or institution or None
        self._relations(document, source)
        return document

    def _version(self, document: Document, key: str, sources: dict[str, SourceFile],
                 siblings: dict[str, dict[str, SourceFile]] | None = None) -> Version | None:
        version: Version | None = None
        for lang, source in sources.items():
            meta = source.meta
            self._field_names(source, "version")
            self._unread_dates(source, "version")
            if "in_force" not in meta:
                self._missing(source, "in_force", f"the entry-into-force date, here {key}")
                continue
            try:
                in_force = parse_date(meta["in_force"])
            except DateError as exc:
                self._bad_date(source, "in_force", exc)
                continue
            twin = (siblings or {}).get(in_force.isoformat(), {}).get(lang)
            if in_force.isoformat() != key and twin is not None:
                self.diagnostics.error(source.path, source.line_of("in_force"),
                                       f"two versions have the same entry-into-force date {in_force.isoformat()}: "
                                       f"this file ({source.path}, line {source.line_of('in_force')}) and "
                                       f"{twin.path} (line {twin.line_of('in_force')}).",
                                       f"A document has one version per date: merge the two texts into {twin.path}, "
                                       f"or correct in_force (and the file name) of {key}.md.",
                                       "duplicate-version")
                continue
            if in_force.isoformat() != key:
                self.diagnostics.error(source.path, source.line_of("in_force"),
                                       f"in_force is {in_force.isoformat()} but the file is named {key}.md.",
                                       f"Rename the file to {in_force.isoformat()}.md or correct in_force.",
                                       "version-date")
                continue
            if version is None:
                version = Version(in_force=in_force)
            for field_name in ("published", "signed"):
                value = self._date(source, field_name)
                current = getattr(version, field_name)
                if value is not None:
                    if current is not None and current != value:
                        self._mismatch(source, field_name, current.isoformat())
                    setattr(version, field_name, value)
            if self._retroactive(source):
                version.effect_before_act = True
            amended_by = meta.get("amended_by")
            if amended_by is not None:
                amended_by = str(amended_by).strip()
                if version.amended_by not in (None, amended_by):
                    self._mismatch(source, "amended_by", version.amended_by)
                version.amended_by = amended_by
                document.relations.append(Relation("amends", amended_by, document.id, source.path,
                                                   source.line_of("amended_by")))
            delta = read_delta(meta, source.key_lines, source.path, self.diagnostics)
            if delta is None:  # a partial version may hold only its front matter (repeals)
                self._empty_body(source, "the text of the version")
            version.texts[lang] = Text(lang, source.path, source.body, source.body_line,
                                       summary=self._text(source, "summary"), label=self._text(source, "label"),
                                       lines=source.key_lines,
                                       delta=delta,
                                       duplicate_articles=_labels(meta.get("duplicate_articles")))
        if version is not None:
            _dedupe_relations(document)
            check_one_sided({lang: sources[lang] for lang in version.texts}, VERSION_FIELDS, self.diagnostics)
        return version

    # --- circulars ----------------------------------------------------------------------------
    def _load_circulars(self, section: str) -> None:
        base = self.root / section
        kind = kinds_in_section(section)[0]
        if not base.is_dir() or base.is_symlink():
            return
        files: dict[str, dict[str, Path]] = {}
        loaded: list[Document] = []
        for path in markdown_files(base):
            parts = path.name.split(".")
            if len(parts) != 3 or parts[1] not in LANGS:
                self.diagnostics.error(self.rel(path), 1, f"'{path.name}' does not say its language.",
                                       "Name circulars <id>.fr.md and <id>.nl.md.", "file-name")
                continue
            files.setdefault(parts[0], {})[parts[1]] = path
        for doc_id, by_lang in sorted(files.items()):
            first = next(iter(by_lang.values()))
            if not self._check_id(doc_id, self.rel(first), "file"):
                continue
            document = Document(doc_id, kind)
            version: Version | None = None
            read: dict[str, SourceFile] = {}
            first_given = False  # the first file read gives in_force (not its date)
            for lang, path in sorted(by_lang.items()):
                source = self.parse(path)
                if source is None or not source.ok:
                    continue
                read[lang] = source
                self._field_names(source, "circular")
                self._localized(document, lang, source)
                self._neutral_date(document, source, "date", required=True)
                self._neutral_str(document, source, "number", required=True)
                self._neutral_str(document, source, "audience", required=True)
                self._neutral_date(document, source, "reviewed", required=True)
                self._relations(document, source)
                self._unread_dates(source, "circular")
                in_force = self._date(source, "in_force") or document.date
                if in_force is None:
                    continue
                given = source.meta.get("in_force") not in (None, "")
                if version is None:
                    version = Version(in_force=in_force, published=document.date)
                    first_given = given
                elif version.in_force != in_force and given == first_given:  # in one file only: langfields
                    self._mismatch(source, "in_force", version.in_force.isoformat())
                if self._retroactive(source):
                    version.effect_before_act = True
                self._empty_body(source, "the text of the circular")
                version.texts[lang] = Text(lang, source.path, source.body, source.body_line, lines=source.key_lines)
            if not document.meta:
                continue
            check_one_sided(read, CIRCULAR_FIELDS, self.diagnostics)
            if version is not None:
                document.versions.append(version)
            if self._register(document, self.rel(first)):
                loaded.append(document)
        check_circulars(loaded, self.diagnostics)

    # --- questions and answers ----------------------------------------------------------------
    def _load_faq(self, section: str) -> None:
        base = self.root / section
        kind = kinds_in_section(section)[0]
        if not base.is_dir() or base.is_symlink():
            return
        for path in markdown_files(base):
            rel = self.rel(path)
            doc_id = path.stem
            if not self._check_id(doc_id, rel, "file"):
                continue
            source = self.parse(path)
            if source is None or not source.ok:
                continue
            self._load_answer(doc_id, source, kind)

    def _load_answer(self, doc_id: str, source: SourceFile, kind: Kind) -> None:
        meta = source.meta
        document = Document(doc_id, kind)
        self._field_names(source, "answer")
        topics = meta.get("topics")
        if topics is None:
            self._missing(source, "topics", "a list of topic ids from taxonomy.yml, e.g. [physiotherapy]")
        else:
            document.topics = [str(t) for t in (topics if isinstance(topics, list) else [topics])]
        self._neutral_str(document, source, "audience", required=True)
        self._neutral_date(document, source, "reviewed", required=True)
        self._unread_dates(source, "answer")
        valid_from = self._date(source, "valid_from")
        document.repealed = self._date(source, "valid_until")
        if valid_from is not None and document.repealed is not None and document.repealed <= valid_from:
            self.diagnostics.error(source.path, source.line_of("valid_until"),
                                   f"valid_until ({document.repealed.isoformat()}) is not after valid_from "
                                   f"({valid_from.isoformat()}): the answer would never apply.",
                                   "valid_until is the first day the answer no longer applies: correct one of "
                                   "the two dates.", "end-before-start")
        refs = meta.get("sources") or []
        document.sources = [str(r).strip().removeprefix("ref:") for r in (refs if isinstance(refs, list) else [refs])]
        if any(target.split("#")[0].split("@")[0] == doc_id for target in document.sources):
            self.diagnostics.error(source.path, source.line_of("sources"),
                                   f"sources names the answer itself ('{doc_id}').",
                                   "Name the texts the answer is based on (e.g. loi-1994-07-14#art-53).",
                                   "self-reference")
            document.sources = [t for t in document.sources if t.split("#")[0].split("@")[0] != doc_id]
        questions = meta.get("question")
        if not isinstance(questions, dict):  # one diagnostic, not one more per language
            if questions in (None, ""):
                self._missing(source, "question", "the question in both languages: 'fr: ...' and 'nl: ...' indented below")
            else:
                self.diagnostics.error(source.path, source.line_of("question"),
                                       "the field 'question' must give the question in each language.",
                                       "Write 'question:' then '  fr: ...' and '  nl: ...' indented below it.",
                                       "not-text")
            return
        answers, misplaced = _split_answers(source, self.diagnostics)
        in_force = valid_from or document.reviewed or dt.date(2000, 1, 1)
        version = Version(in_force=in_force)
        for lang in LANGS:
            question = self._text(source, f"question.{lang}", questions.get(lang))
            answer, line = answers.get(lang, ("", source.body_line))
            if not question and lang not in answers:
                if lang not in REQUIRED_LANGS:
                    continue  # a partial added language: the French answer with a notice
                self.diagnostics.warning(source.path, source.line_of("question"),
                                         f"this answer has no {LANG_NAMES[lang]} text.",
                                         f"Add question.{lang} and a '<!-- {lang} -->' section with the answer.",
                                         "missing-translation")
                continue
            if not question:
                self._missing(source, f"question.{lang}", f"the question in {LANG_NAMES[lang]}", key="question")
                continue
            if not answer.strip():
                if misplaced and lang not in answers:
                    continue  # text without a marker, a marker twice: reported once by _split_answers
                if lang in answers:
                    self.diagnostics.error(source.path, line, f"the {LANG_NAMES[lang]} answer is empty.",
                                           f"Write the answer below the line '<!-- {lang} -->'.", "empty-answer")
                else:
                    self.diagnostics.error(source.path, line, f"the {LANG_NAMES[lang]} answer is missing: there is "
                                           f"no line '<!-- {lang} -->'.", f"Add a line '<!-- {lang} -->' then the "
                                           f"answer in {LANG_NAMES[lang]} below it.", "empty-answer")
                continue
            document.meta[lang] = LocalizedMeta(lang, source.path, question, question,
                                                line=source.line_of(f"question.{lang}"), lines=source.key_lines)
            version.texts[lang] = Text(lang, source.path, answer, line, lines=source.key_lines)
        if document.meta:
            document.versions.append(version)
            self._register(document, source.path)

    # --- shared helpers -----------------------------------------------------------------------
    def _check_id(self, doc_id: str, rel: str, what: str) -> bool:
        if WINDOWS_RESERVED.match(doc_id):
            self.diagnostics.error(rel, 1, f"'{doc_id}' is a name Windows reserves for a device: its files and its "
                                   "page's folder cannot be written there.", f"Rename the {what} (e.g. '{doc_id}-1').",
                                   "bad-id")
            return False
        if ID_PATTERN.match(doc_id):
            return True
        self.diagnostics.error(rel, 1, f"'{doc_id}' is not a valid id.",
                               f"Rename the {what} with lowercase letters, digits and '-' only (e.g. ar-1996-07-03).",
                               "bad-id")
        return False

    def _register(self, document: Document, rel: str) -> bool:
        if document.id in self.origin:
            self.diagnostics.error(rel, 1, f"the id '{document.id}' is already used by {self.origin[document.id]}.",
                                   "Give this document another id (folder or file name).", "duplicate-id")
            return False
        self.origin[document.id] = rel
        self.corpus.documents[document.id] = document
        return True

    def _localized(self, document: Document, lang: str, source: SourceFile) -> None:
        title = self._text(source, "title")
        short = self._text(source, "short_title")
        if not title and not isinstance(source.meta.get("title"), (list, dict)):  # else reported by _text
            self._missing(source, "title", "the full official title")
        if not short and not isinstance(source.meta.get("short_title"), (list, dict)):
            self._missing(source, "short_title", "the short title used in citations (e.g. 'AR du 3 juillet 1996')")
        if title or short:
            document.meta[lang] = LocalizedMeta(lang, source.path, title or short, short or title,
                                                intro=source.body if document.kind.spec.versioned else "",
                                                line=source.line_of("title"), lines=source.key_lines,
                                                intro_line=source.body_line)
            eli = self._text(source, "eli")
            if eli and not re.match(r"^https://[^\s<>\"']+$", eli):
                self.diagnostics.error(source.path, source.line_of("eli"), f"eli '{eli}' is not an https:// address.",
                                       "Write the ELI as Justel gives it, e.g. https://www.ejustice.just.fgov.be/eli/"
                                       "arrete/1996/07/10/1996022453/justel, or remove the line (it is then made "
                                       "from kind, date and numac).", "eli")
            elif eli:
                document.meta[lang].eli = eli
                if not OFFICIAL_ELI.match(eli):  # the page calls it the official text
                    self.diagnostics.warning(source.path, source.line_of("eli"),
                                             f"eli '{eli[:80]}' is not an address of the Belgian official journal "
                                             "(https://www.ejustice.just.fgov.be/eli/...): the page links it as the "
                                             "official text.", "Copy the ELI from the text's Justel page, or remove "
                                             "the line (it is then made from kind, date and numac).", "eli")

    def _relations(self, document: Document, source: SourceFile) -> None:
        for relation in RELATION_FIELDS:
            value = source.meta.get(relation)
            if value is None:
                continue
            targets = value if isinstance(value, list) else [value]
            given = frozenset(str(target).strip() for target in targets)
            first = self.relation_sets.setdefault((document.id, relation), given)
            if first != given:  # both are kept: the wrong one would be linked in silence
                self._mismatch(source, relation, ", ".join(sorted(first)) or "none")
            for target in targets:
                document.relations.append(Relation(relation, document.id, str(target).strip(), source.path,
                                                   source.line_of(relation)))
        _dedupe_relations(document)

    def _neutral_date(self, document: Document, source: SourceFile, field_name: str,
                      required: bool = False, attr: str | None = None) -> None:
        attr = attr or field_name
        if field_name not in source.meta:
            if required and getattr(document, attr) is None:
                self._missing(source, field_name, "a date written YYYY-MM-DD")
            return
        if required and source.meta.get(field_name) in (None, "") and getattr(document, attr) is None:
            self._bad_date(source, field_name, DateError("the date is empty, and this field is required"))
            return
        value = self._date(source, field_name)
        if value is None:
            return
        current = getattr(document, attr)
        if current is not None and current != value:
            self._mismatch(source, field_name, current.isoformat())
        setattr(document, attr, value)

    def _neutral_str(self, document: Document, source: SourceFile, field_name: str, required: bool = False) -> None:
        raw = source.meta.get(field_name)
        value = self._text(source, field_name)
        if raw is not None and not isinstance(raw, (str, dt.date)):
            return  # a list, a number, yes/no: reported once by _text, not also as missing or invalid
        if not value:
            if required and getattr(document, field_name) is None:
                self._missing(source, field_name, f"the {field_name}")
            return
        if field_name == "number":
            value = "".join(value.split())  # "2024 / 7": the number 2024/7
        pattern = FIELD_PATTERNS.get(field_name) or (None, "")
        if pattern[0] is not None and not pattern[0].match(value):
            self.diagnostics.error(source.path, source.line_of(field_name),
                                   f"{field_name} '{value[:40]}' is not a valid {field_name}.",
                                   f"Write {pattern[1]}.", "bad-identifier")
            return
        current = getattr(document, field_name)
        same = normal_number if field_name == "number" else str
        if current is not None and same(current) != same(value):
            self._mismatch(source, field_name, current)
        if current is None or same(current) != same(value):  # "2024/07" and "2024/7": the first as written
            setattr(document, field_name, value)

    def _date(self, source: SourceFile, field_name: str) -> dt.date | None:
        if source.meta.get(field_name) in (None, ""):
            return None
        try:
            return parse_date(source.meta[field_name])
        except DateError as exc:
            self._bad_date(source, field_name, exc)
            return None

    def _retroactive(self, source: SourceFile) -> bool:
        """`retroactive: true` (YAML's true, yes, on); any other value is reported, not read as
        false in silence (the warning it was meant to answer would then ask for it again)."""
        value = source.meta.get("retroactive")
        if value is None or isinstance(value, bool):
            return value is True
        self.diagnostics.error(source.path, source.line_of("retroactive"),
                               f"retroactive is '{str(value)[:40]}', not true or false.",
                               "Write 'retroactive: true' (without quotes) when the version takes effect before "
                               "its act's date on purpose, or remove the line.", "retroactive")
        return False

    def _empty_body(self, source: SourceFile, what: str) -> None:
        """An empty page is published as if it were the text: the Markdown below the front matter is missing."""
        if not source.body.strip():
            self.diagnostics.error(source.path, source.body_line - 1, f"{what} is empty: nothing follows the front "
                                   "matter.", "Paste the whole text below the closing '---' line.", "empty-text")

    def _field_names(self, source: SourceFile, place: str) -> None:
        for line, message, fix in check_field_names(source, place):
            self.diagnostics.error(source.path, line, message, fix, "unknown-field")

    def _unread_dates(self, source: SourceFile, place: str) -> None:
        for _key, line, message, fix in unread_date_keys(source, place):
            self.diagnostics.error(source.path, line, message, fix, "unread-date")

    def _bad_date(self, source: SourceFile, field_name: str, exc: DateError) -> None:
        self.diagnostics.error(source.path, source.line_of(field_name), f"{field_name}: {exc}.",
                               exc.fix(field_name), "bad-date")

    def _text(self, source: SourceFile, key: str, value: object = _ABSENT) -> str:
        """The text of field `key` ('question.fr': `value` given), '' when absent. A list, a
        mapping, a yes/no or a number is reported (file, line): it was published as '' or as YAML
        reads it ('1.10' as 1.1, 'yes' as True, '010' as 8), not as written."""
        if value is _ABSENT:
            value = source.meta.get(key)
        if value is None or isinstance(value, (str, dt.date)):
            return _text(value)
        what = ("a list" if isinstance(value, list) else "a mapping (key: value)" if isinstance(value, dict)
                else "yes/no (true/false)" if isinstance(value, bool) else f"the number {value!r}")
        self.diagnostics.error(source.path, source.line_of(key), f"the field '{key}' must be text, but YAML reads {what}.",
                               f"Write the value in quotes on one line: {key.split('.')[-1]}: \"...\".", "not-text")
        return "" if isinstance(value, (list, dict)) else _text(value)

    def _missing(self, source: SourceFile, field_name: str, what: str, key: str | None = None) -> None:
        if field_name in source.misspelt:
            return  # reported on the line of the key written for it ('titel:'), with the name to use
        self.diagnostics.error(source.path, source.line_of(key or field_name) if key else 1,
                               f"required field '{field_name}' is missing.",
                               f"Add '{field_name.split('.')[-1]}:' with {what}.", "missing-field")

    def _mismatch(self, source: SourceFile, field_name: str, other: str) -> None:
        self.diagnostics.error(source.path, source.line_of(field_name),
                               f"{field_name} differs from the other language's file ({other}).",
                               f"Use the same {field_name} in the French and Dutch files.", "language-mismatch")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def _line_in(text: str, needle: str) -> int:
    for index, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return index
    return 1


def _dedupe_relations(document: Document) -> None:
    seen = set()
    unique = []
    for relation in document.relations:
        key = (relation.type, relation.source, relation.target)
        if key not in seen:
            seen.add(key)
            unique.append(relation)
    document.relations = unique


def _split_answers(source: SourceFile, diagnostics: Diagnostics) -> tuple[dict[str, tuple[str, int]], bool]:
    """The FAQ body cut at the `<!-- fr -->` / `<!-- nl -->` markers: text and first line. Text
    before the first marker, a marker written twice or of another language is reported: it was
    dropped, or the second section replaced the first, in silence. True with them when one was
    reported (the answer it hid is then not reported as missing too)."""
    answers: dict[str, tuple[str, int]] = {}
    current = None
    start = source.body_line
    buffer: list[str] = []
    markers: dict[str, int] = {}
    before = len(diagnostics)
    for offset, line in enumerate(source.body.split("\n")):
        match = FAQ_MARKER.match(line)
        number = source.body_line + offset
        if match and match.group(1).lower() not in LANGS:
            diagnostics.error(source.path, number, f"'{line.strip()[:40]}' is not a language of the site.",
                              f"Start each answer with a line {' or '.join(f'<!-- {lang} -->' for lang in LANGS)}.",
                              "faq-marker")
            match = None
        if match:
            if current:
                answers[current] = ("\n".join(buffer).strip(), start)
            current, start, buffer = match.group(1).lower(), number + 1, []
            if current in markers:
                diagnostics.error(source.path, number, f"the line '<!-- {current} -->' is written twice (lines "
                                  f"{markers[current]} and {number}): the second answer would replace the first.",
                                  f"Keep one '<!-- {current} -->' section; check the other is not meant for "
                                  "another language.", "faq-marker")
                current = None  # the first section stays
            else:
                markers[current] = number
        elif current:
            buffer.append(line)
        elif line.strip() and not markers:
            markers["before"] = number
            diagnostics.error(source.path, number, "this text is before the line '<!-- fr -->': it is not shown.",
                              "Put '<!-- fr -->' above the French answer and '<!-- nl -->' above the Dutch one.",
                              "faq-marker")
    if current:
        answers[current] = ("\n".join(buffer).strip(), start)
    return answers, len(diagnostics) > before


def _labels(value: object) -> tuple[str, ...]:
    """A front-matter list of article labels (`[12bis, 18bis]`, or one label)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(item).strip() for item in items if str(item).strip())
