"""What every generated page needs: the corpus, the build day, the site options, the indexes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..core.kinds import Kind
from ..core.model import Corpus, Document
from ..core.references import ReferenceIndex
from ..core.urls import document_path, md_link, url_link
from .html import esc, notice
from .labels import t
from .links import rewrite_refs

RELATION_LABELS = {
    "fr": {"cites": "Cité par", "amends": "Modifié par", "implements": "Exécuté par",
           "replaces": "Remplacé par", "repeals": "Abrogé par"},
    "nl": {"cites": "Geciteerd door", "amends": "Gewijzigd bij", "implements": "Uitgevoerd door",
           "replaces": "Vervangen door", "repeals": "Opgeheven door"},
}
RELATION_ORDER = ("amends", "repeals", "replaces", "implements", "cites")


@dataclass
class SiteOptions:
    site_url: str = "https://regkb.example.be/"
    sample_notice: dict[str, str] = field(default_factory=dict)


@dataclass
class SiteContext:
    corpus: Corpus
    today: dt.date
    options: SiteOptions = field(default_factory=SiteOptions)
    _backlinks: dict[str, list[tuple[str, str, str | None, str]]] | None = None
    related_ids: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lang -> id -> ids (search)

    @property
    def site_url(self) -> str:
        url = self.options.site_url or "/"
        return url if url.endswith("/") else url + "/"

    @property
    def references(self) -> ReferenceIndex:
        return getattr(self.corpus, "references", None) or ReferenceIndex()

    def links(self, markdown: str, lang: str, src: str) -> str:
        return rewrite_refs(markdown, lang, src, self.corpus, self.today)

    def top_notices(self, document: Document, lang: str, path: str) -> list[str]:
        """Notices at the top of a document: missing translation, replaced circular."""
        out = []
        if not document.has_lang(lang):
            out.append(notice("warning", esc(t(lang, "missing_translation")), " data-regkb-missing-translation"))
        successor = self.replaced_by(document.id) if document.kind is Kind.CIRCULAR else None
        if successor is not None:
            link = f'<a href="{url_link(path, document_path(successor))}">{esc(successor.short_title(lang))}</a>'
            out.append(notice("warning", t(lang, "replaced_by_banner", link=link), " data-regkb-replaced"))
        return out

    def impact_notes(self, document: Document, lang: str, path: str) -> list[str]:
        """Neutral notes on an answer or circular whose cited article changed since its review."""
        return []

    def related(self, document: Document, lang: str) -> list[Document]:
        """Related questions (same language), computed once per build by the search index."""
        ids = self.related_ids.get(lang, {}).get(document.id, [])
        return [d for d in map(self.corpus.get, ids) if d is not None and d.has_lang(lang)]

    # --- backlinks: built once for the whole corpus -----------------------------------------
    def backlink_index(self) -> dict[str, list[tuple[str, str, str | None, str]]]:
        """target id -> [(relation, source id, target anchor, citing version)], one pass."""
        if self._backlinks is None:
            index: dict[str, list[tuple[str, str, str | None, str]]] = defaultdict(list)
            seen = set()
            for document in self.corpus:
                for relation in document.relations:
                    target = relation.target.split("#")[0].split("@")[0]
                    key = (relation.type, relation.source, target, None)
                    if relation.source != target and key not in seen:
                        seen.add(key)
                        index[target].append((relation.type, relation.source, None, ""))
            for reference in self.references.references:
                key = ("cites", reference.source_id, reference.target.doc_id, reference.target.anchor)
                if key not in seen and reference.source_id != reference.target.doc_id:
                    seen.add(key)
                    index[reference.target.doc_id].append(
                        ("cites", reference.source_id, reference.target.anchor, reference.version_key))
            self._backlinks = index
        return self._backlinks

    def replaced_by(self, doc_id: str) -> Document | None:
        for relation, source, _anchor, _v in self.backlink_index().get(doc_id, []):
            if relation == "replaces":
                return self.corpus.get(source)
        return None

    def backlinks(self, document: Document, lang: str, src: str) -> str:
        entries = self.backlink_index().get(document.id, [])
        if not entries:
            return ""
        groups: dict[str, dict[str | None, list[Document]]] = defaultdict(lambda: defaultdict(list))
        for relation, source, anchor, _version in entries:
            citing = self.corpus.get(source)
            if citing is not None and citing not in groups[relation][anchor]:
                groups[relation][anchor].append(citing)
        heading = "Liens vers ce texte" if lang == "fr" else "Verwijzingen naar deze tekst"
        lines = [f'## {heading} {{#backlinks}}', ""]
        for relation in RELATION_ORDER:
            if relation not in groups:
                continue
            lines.append(f"**{RELATION_LABELS[lang][relation]}**")
            lines.append("")
            for anchor in sorted(groups[relation], key=lambda a: (a is not None, _article_sort(a))):
                for citing in sorted(groups[relation][anchor], key=lambda d: (d.kind.value, d.id)):
                    prefix = f"art. {anchor.removeprefix('art-')} ← " if anchor else ""
                    link = md_link(src, document_path(citing))
                    lines.append(f"- {prefix}[{citing.short_title(lang)}]({link}) "
                                 f"<span class=\"regkb-kind-tag\">{esc(citing.kind.label(lang))}</span>")
            lines.append("")
        return "\n".join(lines)


def _article_sort(anchor: str | None) -> tuple[int, str]:
    if not anchor:
        return (0, "")
    digits = "".join(ch for ch in anchor if ch.isdigit())
    return (int(digits or 0), anchor)
