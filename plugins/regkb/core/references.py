"""References between texts: `[text](ref:ID@DATE#art-N)` links, resolved once for the corpus.

The index is built in one pass over every text; each page then looks its links up in it, so the
cost is linear in the corpus, never a scan of all pages per page.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from ..grammar import article_number, part
from .articlerepeals import RepealState, repeal_state, transitions
from .articles import canonical_anchor
from .collation import loose_id
from .dates import DateError, format_date, parse_date
from .diagnostics import Diagnostics
from .kinds import Kind
from .model import Corpus, Document, LocalizedMeta, Text, Version

REF_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\(\s*ref:(?P<target>[^)\s]*)\s*\)")
TARGET = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)(?:@(?P<date>[^#]+))?(?:#(?P<anchor>[a-z0-9-]+))?\Z")


@dataclass(frozen=True)
class Target:
    doc_id: str
    on: dt.date | None = None
    anchor: str | None = None

    def __str__(self) -> str:
        text = self.doc_id
        if self.on:
            text += f"@{self.on.isoformat()}"
        if self.anchor:
            text += f"#{self.anchor}"
        return text


@dataclass(frozen=True)
class Reference:
    """One `ref:` link found in a text."""

    source_id: str
    version_key: str
    lang: str
    path: str
    line: int
    target: Target
    relation: str = "cites"
    day: dt.date | None = None  # the day an undated reference resolves on (reference_day)


@dataclass(frozen=True)
class Resolution:
    document: Document
    version: Version | None  # set for dated references
    anchor: str | None
    lands: Version | None = None  # undated: the version page to open when the stable page shows another
    checked: Version | None = None  # the version the article was found in


def reference_day(version: Version | None, today: dt.date) -> dt.date:
    """The day an undated reference written in `version` resolves on.

    An undated reference cites the other text as in force while the citing text applies. The day
    is the build day kept within the citing version's period: its first day for a version still
    to come (an announced amendment cites the articles it brings), its last day for a version
    already replaced or repealed (its history stays readable), the build day otherwise. So the
    check and the link do not depend on the build day beyond what the law does; `version` None
    (a document's introduction, a hand-written page) resolves on the build day."""
    if version is None:
        return today
    if today < version.in_force:
        return version.in_force
    if version.end is not None and today >= version.end:
        return version.end - dt.timedelta(days=1)
    return today


class TargetError(ValueError):
    """A reference that cannot be resolved; the message says why, `fix` says what to do."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix or ("Write ref:ID, ref:ID#art-N or ref:ID@YYYY-MM-DD#art-N with an existing id, "
                           "article and date.")


# A `ref:` link that REF_LINK does not accept (space in the target, title, autolink, definition).
MALFORMED = re.compile(r"\]\(\s*<?ref:|<ref:|^\s*\[[^\]]+\]:\s*<?ref:", re.MULTILINE)
FRONT_MATTER_TEXTS = ("title", "short_title", "summary", "label", "institution")


def parse_target(raw: str) -> Target:
    match = TARGET.match(raw.strip())
    if not match:
        raise TargetError(f"'ref:{raw}' is not a valid reference",
                          "Write ref:ID, ref:ID#art-N or ref:ID@YYYY-MM-DD#art-N: a lowercase id, "
                          "no spaces, an article anchor such as art-7bis.")
    on = None
    if match["date"]:
        try:
            on = parse_date(match["date"])
        except DateError as exc:
            raise TargetError(f"'ref:{raw}': {exc}", f"Write @{exc.suggestion}." if exc.suggestion
                              else "Write the date as YYYY-MM-DD, e.g. @2024-07-01.") from None
    return Target(match["id"], on, canonical_anchor(match["anchor"]) if match["anchor"] else None)


def replaced_from(corpus: Corpus) -> dict[str, dt.date]:
    """Id -> the first day a text replacing it applies (its first version's entry into force)."""
    return {doc_id: day for doc_id, (day, _by) in replacements(corpus).items()}


def replacements(corpus: Corpus) -> dict[str, tuple[dt.date, str]]:
    """Id -> (the first day a text replacing it applies, that text's id)."""
    out: dict[str, tuple[dt.date, str]] = {}
    for document in corpus:
        for relation in document.relations:
            if relation.type == "replaces" and relation.source == document.id and document.versions:
                day = document.versions[0].in_force
                if relation.target not in out or (day, document.id) < out[relation.target]:
                    out[relation.target] = (day, document.id)
    return out


@dataclass(frozen=True)
class CitingDays:
    """The days the undated references of one text resolve on: `day` (reference_day), checked
    up to `until` (the citing version's end); for the texts it amends or repeals, its own entry
    into force (`pinned`): an amending act cites the article as it amends it, whatever that
    article becomes later."""

    day: dt.date
    until: dt.date | None | Literal[False] = False  # False: later versions not checked
    pinned: dt.date | None = None
    acted_on: frozenset[str] = frozenset()

    def of(self, doc_id: str) -> tuple[dt.date, dt.date | None | Literal[False]]:
        if self.pins(doc_id):
            return self.pinned or self.day, False
        return self.day, self.until

    def pins(self, doc_id: str) -> bool:
        """This text amends or repeals `doc_id`: it cites its articles as they were then."""
        return self.pinned is not None and doc_id in self.acted_on


def acts_on(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Document id -> the ids of the texts it amends or repeals (front matter, amended_by)."""
    found: dict[str, set[str]] = defaultdict(set)
    for document in corpus:
        for relation in document.relations:
            if relation.type in ("amends", "repeals"):
                found[relation.source].add(relation.target)
    return {doc_id: frozenset(ids) for doc_id, ids in found.items()}


def citing_days(acts: dict[str, frozenset[str]], doc_id: str, version: Version | None,
                today: dt.date) -> CitingDays:
    if version is None:
        return CitingDays(today)
    return CitingDays(reference_day(version, today), version.end, version.in_force,
                      acts.get(doc_id, frozenset()))


def resolve(corpus: Corpus, target: Target, today: dt.date, day: dt.date | None = None) -> Resolution:
    """Check `target`; an undated one against the version in force on `day` (reference_day),
    which it lands on when that is not the version the stable page shows on `today`."""
    day = day or today
    document = corpus.get(target.doc_id)
    if document is None:
        meant = corpus.loose_ids.get(loose_id(target.doc_id))
        raise TargetError(f"unknown document '{target.doc_id}'",
                          f"Write '{meant}': the id of that text (its numbers as in its file or folder name)."
                          if meant else
                          "Use the id of an existing text: its folder name (decrees, conventions) or its "
                          "file name without the language (circulars, answers), e.g. ar-1996-07-03.")
    version = None
    if target.on is not None:
        version = document.version_on(target.on)
        if version is None:
            first = document.versions[0].in_force.isoformat() if document.versions else "?"
            raise TargetError(f"'{target.doc_id}' has no version in force on {target.on.isoformat()}",
                              f"Use a date on which the text is in force (its first version starts on {first}).")
    checked = version or document.current(day)
    if target.anchor:
        if checked is None or not any(target.anchor in t.article_map for t in checked.texts.values()):
            where = f"the version of {checked.key}" if checked else "the document"
            known = sorted({a for t in checked.texts.values() for a in t.article_map}) if checked else []
            hint = f" Articles there: {', '.join(known[:12])}." if known else ""
            raise TargetError(f"'{target.doc_id}' has no article '{target.anchor}' in {where}",
                              "Check the article number (anchors are art-7, art-7bis, art-7-1)"
                              + (", or add @YYYY-MM-DD for a version that has it." if not version else ".") + hint)
    lands = None
    if version is None and checked is not None and day != today and checked is not document.current(today):
        lands = checked
    return Resolution(document, version, target.anchor, lands, checked)


def _check_later_versions(index: "ReferenceIndex", document: Document, checked: Version, target: Target,
                          until: dt.date | None) -> None:
    """An undated reference in a text that still applies after `checked` ends: the cited text's
    later versions, up to `until` (the citing version's end), must keep the article too; an
    article they drop would break the link on a later build day, so it is reported now."""
    key = (document.id, target.anchor)
    missing = index.missing.get(key)
    if missing is None:  # the days of the versions without the article, once per (text, article)
        missing = [v.in_force for v in document.versions
                   if not any(target.anchor in t.article_map for t in v.texts.values())]
        index.missing[key] = missing
    position = bisect.bisect_right(missing, checked.in_force)
    if position == len(missing) or (until is not None and missing[position] >= until):
        return
    dropped = missing[position].isoformat()
    raise TargetError(
        f"'{target.doc_id}' has no article '{target.anchor}' from {dropped} (its version of that day), while "
        f"this text still applies then: the link would break on that day",
        f"Cite the version meant with ref:{target.doc_id}@{checked.key}#{target.anchor}, update this text, "
        f"or end it before {dropped} (a new version, valid_until for an answer).")


def _check_repeal(index: "ReferenceIndex", document: Document, target: Target, raw: str, day: dt.date,
                  until: dt.date | None, path: str, line: int, diagnostics: Diagnostics) -> None:
    """An undated reference to an article repealed on its day, or later while the citing text
    still applies: the link keeps working (the article's page tells its history) but says
    "(abrogé le …)" from that day; the author is warned now, not on the day."""
    assert target.anchor is not None
    state = index.repeal_state(document, target.anchor, day, until)
    if state is None:
        return
    label = _article_label(target.anchor, "fr")
    before = f"ref:{target.doc_id}@{state.before.key}#{target.anchor}" if state.before else None
    cite = f"Cite the version meant with {before}, or u" if before else "U"
    if state.since is not None:
        diagnostics.warning(path, line, f"'ref:{raw}' cites {label} of '{target.doc_id}', repealed on "
                            f"{state.since.isoformat()} (its version of that day): the link shows it repealed.",
                            f"{cite}pdate this text: the article no longer applies.", "repealed-article")
    else:
        assert state.coming is not None
        diagnostics.warning(path, line, f"'ref:{raw}': {label} of '{target.doc_id}' is repealed from "
                            f"{state.coming.isoformat()} (its version of that day), while this text still applies "
                            "then: the link shows it repealed from that day.",
                            f"{cite}pdate this text, or end it before {state.coming.isoformat()} (a new version, "
                            "valid_until for an answer).", "repealed-article")


def _check_ended(document: Document, raw: str, day: dt.date, until: dt.date | None | Literal[False],
                 path: str, line: int, diagnostics: Diagnostics) -> bool:
    """An undated reference to a text repealed (or a convention ended) on the citing text's day,
    or later while the citing text still applies: the link opens the text's last version, whose
    rules no longer hold. Warned now, with the version to cite by date; True when warned."""
    ended = document.repealed
    if ended is None or not document.versions:
        return False
    what = "ended" if document.kind.spec.has_term else "repealed"
    last = document.version_on(ended - dt.timedelta(days=1)) or document.versions[-1]
    dated = raw.split("#")[0] + f"@{last.key}" + (f"#{raw.split('#', 1)[1]}" if "#" in raw else "")
    if day >= ended:
        diagnostics.warning(path, line, f"'ref:{raw}' cites '{document.id}', {what} on {ended.isoformat()} (its last "
                            f"day {(ended - dt.timedelta(days=1)).isoformat()}), on this text's day ({day.isoformat()}): "
                            "its rules no longer apply then.",
                            f"Cite the text that applies instead, or the version meant by date (ref:{dated}).",
                            "ended-text")
        return True
    if until is not False and (until is None or ended < until):
        diagnostics.warning(path, line, f"'ref:{raw}': '{document.id}' is {what} from {ended.isoformat()}, while this "
                            "text still applies then.",
                            f"Update or end this text before {ended.isoformat()} (a new version, valid_until for an "
                            f"answer), or cite the version meant by date (ref:{dated}).", "ended-text")
        return True
    return False


def _check_replaced(index: "ReferenceIndex", document: Document, citing: str, raw: str, day: dt.date,
                    until: dt.date | None | Literal[False], path: str, line: int, diagnostics: Diagnostics) -> bool:
    """An undated reference to a circular replaced on the citing day (or later while the citing
    text applies) sends readers to instructions that no longer hold; the replacing text itself
    may cite what it replaces."""
    found = index.replaced.get(document.id)
    if found is None or found[1] == citing:
        return False
    replaced, by = found
    if day >= replaced:
        diagnostics.warning(path, line, f"'ref:{raw}' cites '{document.id}', replaced by '{by}' from "
                            f"{replaced.isoformat()}, on this text's day ({day.isoformat()}).",
                            f"Cite '{by}', which applies instead, or update this text.", "ended-text")
        return True
    if until is not False and (until is None or replaced < until):
        diagnostics.warning(path, line, f"'ref:{raw}': '{document.id}' is replaced by '{by}' from "
                            f"{replaced.isoformat()}, while this text still applies then.",
                            f"Cite '{by}' from that day (a new version of this text), or end this text before "
                            f"{replaced.isoformat()}.", "ended-text")
        return True
    return False


@dataclass
class ReferenceIndex:
    """All references of the corpus, by citing document and by cited document."""

    references: list[Reference] = field(default_factory=list)
    cited: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    by_source: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    resolved: dict[Target, Resolution] = field(default_factory=dict)  # first resolution of each target
    resolutions: dict[tuple[Target, dt.date | None], Resolution] = field(default_factory=dict)  # by (target, day)
    acts: dict[str, frozenset[str]] = field(default_factory=dict)  # acts_on(corpus)
    missing: dict[tuple[str, str | None], list[dt.date]] = field(default_factory=dict)  # (id, anchor) -> days without it
    targets: dict[str, Target] = field(default_factory=dict)  # raw reference -> parsed (valid ones)
    by_raw: dict[tuple[str, dt.date], Resolution] = field(default_factory=dict)
    repeals: dict[tuple[str, str], list] = field(default_factory=dict)  # (id, anchor) -> articlerepeals.transitions
    replaced: dict[str, tuple[dt.date, str]] = field(default_factory=dict)  # replacements(corpus)

    def repeal_state(self, document: Document, anchor: str, day: dt.date, until: dt.date | None) -> RepealState | None:
        """How an article cited on `day` (by a text applying until `until`) is repealed, if it is."""
        key = (document.id, anchor)
        changes = self.repeals.get(key)
        if changes is None:
            changes = self.repeals[key] = transitions(document, anchor)
        return repeal_state(changes, document, day, until)

    def resolution(self, reference: Reference) -> Resolution | None:
        """How `reference` resolved, on its own day."""
        return self.resolutions.get((reference.target, reference.day)) or self.resolved.get(reference.target)

    def citing(self, doc_id: str) -> list[Reference]:
        """References to `doc_id` from other documents."""
        return self.cited.get(doc_id, [])

    def made_by(self, doc_id: str) -> list[Reference]:
        """References written in `doc_id`, in source order."""
        return self.by_source.get(doc_id, [])


def build_index(corpus: Corpus, today: dt.date, diagnostics: Diagnostics) -> ReferenceIndex:
    """Find, resolve and check every `ref:` link and front-matter relation in one pass."""
    index = ReferenceIndex(acts=acts_on(corpus), replaced=replacements(corpus))
    for document in corpus:
        for lang, meta in document.meta.items():
            _check_front_matter(meta, diagnostics)
            if meta.intro and "ref:" in meta.intro:
                _scan(index, corpus, today, diagnostics, document, "", lang, meta.path,
                      getattr(meta, "intro_line", 1), meta.intro, CitingDays(today, document.repealed))  # applies till the end
        for version in document.versions:
            days = citing_days(index.acts, document.id, version, today)
            for lang, text in version.texts.items():
                _check_front_matter(text, diagnostics)
                _scan(index, corpus, today, diagnostics, document, version.key, lang, text.path,
                      text.body_line, text.source_body if hasattr(text, "source_body") else text.body, days)  # partial: its delta
            _check_same_articles(document, version, diagnostics)
        for relation in document.relations:
            if relation.source != document.id:
                continue
            _check_relation(corpus, today, diagnostics, relation.target, relation.type, relation.path, relation.line,
                            reference_day(document.current(today), today))
        for raw in document.sources:
            meta = document.meta[document.langs[0]]
            _add(index, corpus, today, diagnostics, document, "", document.langs[0], meta.path,
                 meta.lines.get("sources", 1), raw, CitingDays(reference_day(document.current(today), today)))
    for document in corpus:
        for relation in document.relations:
            if relation.target == document.id and corpus.get(relation.source) is None:
                diagnostics.error(relation.path, relation.line,
                                  f"amended_by names '{relation.source}', which is not a document of the corpus.",
                                  "Use the id of the amending act (its folder name), or add that act.",
                                  "unknown-reference")
    return index


def _scan(index: ReferenceIndex, corpus: Corpus, today: dt.date, diagnostics: Diagnostics,
          document: Document, version_key: str, lang: str, path: str, first_line: int, body: str,
          days: CitingDays) -> None:
    for offset, line in enumerate(body.split("\n")):
        if "ref:" not in line:
            continue
        for match in REF_LINK.finditer(line):
            _add(index, corpus, today, diagnostics, document, version_key, lang, path, first_line + offset,
                 match["target"], days)
        _check_malformed(REF_LINK.sub("", line), path, first_line + offset, diagnostics)


def _check_malformed(rest: str, path: str, line: int, diagnostics: Diagnostics) -> None:
    if MALFORMED.search(rest):
        diagnostics.error(path, line, "malformed reference: a 'ref:' link that cannot be read.",
                          "Write [text](ref:ID#art-N) on one line, with no space or title inside the "
                          "parentheses.", "unknown-reference")


def _check_front_matter(where: LocalizedMeta | Text, diagnostics: Diagnostics) -> None:
    """References belong in the body: front matter is shown as plain text."""
    for key in FRONT_MATTER_TEXTS:
        value = getattr(where, key, "")
        if isinstance(value, str) and "ref:" in value:
            _front_matter_error(where.path, getattr(where, "lines", {}).get(key, 1), key, diagnostics)


def _front_matter_error(path: str, line: int, key: str, diagnostics: Diagnostics) -> None:
    diagnostics.error(path, line, f"a 'ref:' reference in the front matter ('{key}') would be shown as raw text.",
                      "Write references in the body of the text; in front matter, name texts by their id "
                      "(amended_by, implements, replaces).", "unknown-reference")


def _check_same_articles(document: Document, version: Version, diagnostics: Diagnostics) -> None:
    """The same article anchors in French and Dutch, so links and the language switcher keep them."""
    texts = [version.texts[lang] for lang in ("fr", "nl") if lang in version.texts]
    if len(texts) < 2:
        return
    from .consolidate import touched

    for text, other in (texts, texts[::-1]):
        inherited = touched(text, other)  # a partial version: only what its delta changed
        # (the rest is reported on the version that wrote it: the cost follows the delta)
        theirs, ours = other.article_map, text.article_map
        if inherited is None and theirs and not ours:  # an empty text (reported), or no heading read:
            if text.body.strip():                      # one report, not one per article
                diagnostics.error(text.path, text.body_line,
                                  f"this text has no article heading that can be read, but {other.path} has "
                                  f"{len(theirs)} articles: both languages need the same articles.",
                                  "Write each article's heading as in the other file (e.g. '## Art. 1er' / "
                                  "'## Artikel 1').", "article-mismatch")
            continue
        missing = (theirs.keys() - ours.keys() if inherited is None else
                   {anchor for anchor in inherited if anchor in theirs and anchor not in ours})
        for anchor in missing:
            article = other.article_map[anchor]
            diagnostics.error(text.path, 1,
                              f"article '{anchor}' ({article.heading}) is in {other.path} but not in this "
                              f"text: both languages need the same articles.",
                              "Add the article's heading (e.g. '## Art. 7bis' / '## Artikel 7bis') or correct "
                              "its number in one of the two files.", "article-mismatch")


def _report(diagnostics: Diagnostics, path: str, line: int, exc: TargetError) -> None:
    diagnostics.error(path, line, f"broken reference: {exc}.", exc.fix, "unknown-reference")


def _add(index: ReferenceIndex, corpus: Corpus, today: dt.date, diagnostics: Diagnostics,
         document: Document, version_key: str, lang: str, path: str, line: int, raw: str,
         days: CitingDays) -> None:
    try:
        target = index.targets.get(raw) or parse_target(raw)
        index.targets[raw] = target
        day, until = days.of(target.doc_id)
        resolution = index.by_raw.get((raw, day))  # strings hash faster than targets
        if resolution is None:
            key = (target, day)
            resolution = index.resolutions.get(key) or resolve(corpus, target, today, day)
            index.resolutions[key] = index.by_raw[(raw, day)] = resolution
        checked = resolution.checked
        if until is not False and target.on is None and target.anchor and checked is not None:
            if day >= checked.in_force:  # else the cited text starts later: its first version is checked
                _check_later_versions(index, resolution.document, checked, target, until)
    except TargetError as exc:
        _report(diagnostics, path, line, exc)
        return
    if target.on is None and not days.pins(target.doc_id) and target.doc_id != document.id:
        ended = (_check_ended(resolution.document, raw, day, until, path, line, diagnostics)
                 or _check_replaced(index, resolution.document, document.id, raw, day, until, path, line, diagnostics))
        if target.anchor and not ended:
            _check_repeal(index, resolution.document, target, raw, day, None if until is False else until,
                          path, line, diagnostics)
    index.resolved.setdefault(target, resolution)
    reference = Reference(document.id, version_key, lang, path, line, target, day=day)
    index.references.append(reference)
    index.by_source[document.id].append(reference)
    if target.doc_id != document.id:
        index.cited[target.doc_id].append(reference)


def _check_relation(corpus: Corpus, today: dt.date, diagnostics: Diagnostics, raw: str, kind: str,
                    path: str, line: int, day: dt.date | None = None) -> None:
    if raw.startswith("ref:"):
        diagnostics.error(path, line, f"{kind}: '{raw}' names a text with 'ref:'.",
                          f"Write the id alone: '{kind}: {raw.removeprefix('ref:')}'.", "unknown-reference")
        return
    try:
        resolve(corpus, parse_target(raw), today, day)
    except TargetError as exc:
        diagnostics.error(path, line, f"{kind}: {exc}.", exc.fix if exc.fix.startswith("Write '") else
                          "Name an existing document id (e.g. ar-1996-07-03).", "unknown-reference")


# --- link text ---------------------------------------------------------------------------------
# The grammar (articles, genders, determiners) is each language's: regkb/grammar/<lang>.py.


def _of(short_title: str, lang: str, kind: Kind | None = None) -> str:
    """'de l'AR du 3 juillet 1996', 'de la loi coordonnée ...', 'du décret ...' /
    'van het KB van 3 juli 1996', 'van de gecoördineerde wet ...'."""
    return part(lang, "of")(short_title, (kind or Kind.ROYAL_DECREE).value)


def _article_label(anchor: str, lang: str) -> str:
    number = anchor.removeprefix("art-").replace("-", "/")
    return f"art. {article_number(number, lang)}"


def _context(before: str, lang: str) -> tuple[bool, bool, str]:
    """From the text just before an empty link: (sentence start, needs a determiner, last word)."""
    tail = before.rstrip()
    if not tail or tail[-1] in ".!?" or tail.endswith(("- ", "* ")) or tail in ("-", "*", "+"):
        return True, False, ""
    if before[-1:] in "'’":
        return False, False, ""  # "à l'[](...)": the author wrote the article
    if tail[-1] == "," and before[-1:].isspace() and before.count("(") <= before.count(")"):
        return False, True, ","  # "Par exemple, l'art. 2 ...", "modifié par l'art. 1er, l'art. 2"
    if not before[-1:].isspace() or not tail[-1].isalpha():
        return False, False, ""  # "([](...))", "(art. 7, art. 8)": a citation, no determiner
    last = tail.split()[-1].lower()
    return False, last not in part(lang, "DETERMINERS"), last


def link_text(resolution: Resolution, target: Target, lang: str, before: str | None = None) -> str:
    """The text of an empty reference: "art. 7 de l'AR du 3 juillet 1996" and the like.

    `before` is the text that precedes the link in its paragraph: after a word, French gets its
    article ("selon l'art. 7 ...", "fixé par la loi ..."), Dutch documents get "het"/"de" (each
    language's `link_text` in regkb/grammar/); at the start of a sentence it starts with a capital."""
    document = resolution.document
    short = document.short_title(lang)
    start, determiner, last = _context(before, lang) if before is not None else (False, False, "")
    article = _article_label(target.anchor, lang) if target.anchor else None
    on = format_date(target.on, lang) if target.on is not None else None
    text = part(lang, "link_text")(short, document.kind.value, article, determiner, last, on)
    if start:
        text = text[:1].upper() + text[1:]
    return text
