"""Generate a synthetic but realistic bilingual regkb project of about N built pages.

The corpus follows CONTRIBUTING.md: decrees and laws with articles and several versions (later
versions change amounts, add paragraphs and articles, so diffs do real work), conventions in the
taxonomy's sectors with amendments, circulars by year, answers by topic, and valid `ref:` links
between them (only to articles present in every version of the cited text). The result is a
complete project (mkdocs.yml, taxonomy.yml, docs/, circulars/, faq/) that passes `regkb check`
and builds in strict mode. Same seed and size: same files, byte for byte.

Pages the build makes, per language: a versioned text with v versions gives 1 stable page + v
version pages + (v - 1) diff pages = 2v; a circular or an answer gives 1; plus about 30 listing
and hand-written pages. `--pages` counts both languages.

    python bench/make_corpus.py --pages 2000 /tmp/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LISTING_PAGES_PER_LANG = 30  # home, sections, sectors, years, topics, audiences (approximate)
SHARE = {"regulations": 0.50, "conventions": 0.15, "circulars": 0.20, "faq": 0.15}  # of document pages

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Parallel sentence templates: the same slots in French and Dutch, so translations stay aligned.
SENTENCES = [
    ("L'assurance intervient dans le coût de {n} séances au maximum par année civile et par bénéficiaire.",
     "De verzekering komt tegemoet in de kosten van ten hoogste {n} zittingen per kalenderjaar en per rechthebbende."),
    ("La demande est introduite auprès du médecin-conseil dans un délai de {days} jours à compter de la prescription.",
     "De aanvraag wordt binnen {days} dagen na het voorschrift ingediend bij de adviserend arts."),
    ("Le montant de l'intervention est fixé à {amount} EUR par prestation (numéro de code {code}).",
     "Het bedrag van de tegemoetkoming wordt vastgesteld op {amount} EUR per verstrekking (codenummer {code})."),
    ("Le Comité de l'assurance peut adapter ces conditions après avis du Conseil technique compétent.",
     "Het Verzekeringscomité kan deze voorwaarden aanpassen na advies van de bevoegde Technische raad."),
    ("Les prestations visées au présent article ne sont pas cumulables le même jour avec celles visées à l'{ref}.",
     "De in dit artikel bedoelde verstrekkingen zijn op dezelfde dag niet cumuleerbaar met die bedoeld in {ref}."),
    ("L'organisme assureur notifie sa décision au bénéficiaire par écrit dans les {days} jours.",
     "De verzekeringsinstelling deelt haar beslissing binnen {days} dagen schriftelijk mee aan de rechthebbende."),
    ("Le dispensateur de soins conserve les documents justificatifs pendant {n} ans dans le dossier du bénéficiaire.",
     "De zorgverlener bewaart de bewijsstukken gedurende {n} jaar in het dossier van de rechthebbende."),
    ("Pour les bénéficiaires de l'intervention majorée, l'intervention personnelle est réduite à {amount} EUR.",
     "Voor de rechthebbenden op de verhoogde tegemoetkoming wordt het persoonlijk aandeel verminderd tot {amount} EUR."),
    ("La prescription mentionne le diagnostic, le nombre de séances prescrites et, le cas échéant, la nécessité de soins à domicile.",
     "Het voorschrift vermeldt de diagnose, het aantal voorgeschreven zittingen en, in voorkomend geval, de noodzaak van thuiszorg."),
    ("Le montant visé à l'alinéa précédent est lié à l'indice pivot {index} et adapté conformément à la loi du 1er mars 1977.",
     "Het in het vorige lid bedoelde bedrag is gekoppeld aan de spilindex {index} en wordt aangepast overeenkomstig de wet van 1 maart 1977."),
    ("Une prolongation de {n} mois peut être accordée sur demande motivée du médecin traitant, conformément à l'{ref}.",
     "Een verlenging van {n} maanden kan worden toegestaan op met redenen omklede aanvraag van de behandelend arts, overeenkomstig {ref}."),
    ("Les données sont transmises par voie électronique à l'Institut au plus tard le {day} de chaque mois.",
     "De gegevens worden uiterlijk de {day}e van elke maand elektronisch aan het Instituut bezorgd."),
    ("Le bénéficiaire qui séjourne dans un établissement de soins n'a pas droit à l'intervention pendant la durée de son séjour.",
     "De rechthebbende die in een verzorgingsinrichting verblijft, heeft tijdens de duur van zijn verblijf geen recht op de tegemoetkoming."),
    ("Les séances sont attestées au moyen des numéros de code {code} ou {code2} de la nomenclature.",
     "De zittingen worden aangerekend met de codenummers {code} of {code2} van de nomenclatuur."),
]
REF_SENTENCES = {4, 10}
REF = re.compile(r"\[(?P<text>[^\]\n]*)\]\(\s*ref:(?P<target>[^)\s]*)\s*\)")  # as core/references.py
CHAPTERS = [
    ("Dispositions générales", "Algemene bepalingen"),
    ("Conditions de remboursement", "Voorwaarden voor terugbetaling"),
    ("Procédure d'accord", "Akkoordprocedure"),
    ("Honoraires et prix", "Honoraria en prijzen"),
    ("Facturation", "Facturatie"),
    ("Dispositions finales", "Slotbepalingen"),
]
SUBJECTS = [
    ("kinésithérapie", "kinesitherapie"), ("logopédie", "logopedie"),
    ("soins infirmiers", "thuisverpleging"), ("rééducation fonctionnelle", "functionele revalidatie"),
    ("autogestion du diabète", "zelfregulatie van diabetes"), ("oxygénothérapie", "zuurstoftherapie"),
    ("soins dentaires", "tandheelkundige verzorging"), ("biologie clinique", "klinische biologie"),
    ("bandagisterie", "bandagisterie"), ("transport des patients", "patiëntenvervoer"),
]
CIRCULAR_SERIES = [  # id prefix, audience, French and Dutch series names
    ("oa", "insurers", "Circulaire OA", "Omzendbrief VI"),
    ("kine", "physiotherapists", "Circulaire aux kinésithérapeutes", "Omzendbrief aan de kinesitherapeuten"),
    ("logo", "speech-therapists", "Circulaire aux logopèdes", "Omzendbrief aan de logopedisten"),
    ("inf", "nurses", "Circulaire aux praticiens de l'art infirmier", "Omzendbrief aan de verpleegkundigen"),
    ("hop", "hospitals", "Circulaire aux hôpitaux", "Omzendbrief aan de ziekenhuizen"),
]
CITIES = [("Liège", "Luik"), ("Namur", "Namen"), ("Gand", "Gent"), ("Anvers", "Antwerpen"),
          ("Bruxelles", "Brussel"), ("Louvain", "Leuven"), ("Bruges", "Brugge"), ("Mons", "Bergen"),
          ("Charleroi", "Charleroi"), ("Hasselt", "Hasselt"), ("Arlon", "Aarlen"), ("Tournai", "Doornik"),
          ("Courtrai", "Kortrijk"), ("Malines", "Mechelen"), ("Wavre", "Waver"), ("Ostende", "Oostende")]
SECTORS = {  # sector id -> (id word, French and Dutch subject of the convention)
    "locomotor-rehabilitation": ("loco", "rééducation fonctionnelle des troubles locomoteurs", "functionele revalidatie van locomotorische aandoeningen"),
    "drug-addiction": ("toxico", "prise en charge des toxicomanes", "opvang van druggebruikers"),
    "autism": ("autisme", "rééducation des enfants atteints d'autisme", "revalidatie van kinderen met autisme"),
    "diabetes-self-management": ("diabete", "autogestion du diabète", "zelfregulatie van diabetes"),
    "home-oxygen": ("oxygene", "oxygénothérapie à domicile", "zuurstoftherapie thuis"),
    "chronic-pain": ("douleur", "prise en charge de la douleur chronique", "behandeling van chronische pijn"),
}
KINDS = [  # kind, id prefix, weight, French and Dutch short-title words
    ("royal-decree", "ar", 6, "AR", "KB", "Arrêté royal", "Koninklijk besluit"),
    ("ministerial-decree", "am", 3, "AM", "MB", "Arrêté ministériel", "Ministerieel besluit"),
    ("law", "loi", 1, "Loi", "Wet", "Loi", "Wet"),
]
# Questions are made of four parts, the fourth chosen from the other three (a code of distance 2):
# two questions differ in at least two parts, so none is a near-duplicate of another.
Q_FRAMES = [
    ("Comment obtenir le remboursement", "Hoe krijg ik de terugbetaling"),
    ("Quel montant reste à ma charge", "Welk bedrag blijft ten laste"),
    ("Faut-il un accord préalable du médecin-conseil", "Is een voorafgaand akkoord van de adviserend arts nodig"),
    ("Quels documents dois-je remettre à ma mutualité", "Welke documenten moet ik aan mijn ziekenfonds bezorgen"),
    ("Combien de séances sont couvertes", "Hoeveel zittingen worden gedekt"),
    ("Quel délai s'applique à la demande", "Welke termijn geldt voor de aanvraag"),
    ("Le tiers payant est-il possible", "Is de derdebetalersregeling mogelijk"),
    ("Qui établit la prescription", "Wie stelt het voorschrift op"),
    ("Puis-je changer de prestataire", "Mag ik van zorgverlener veranderen"),
    ("Que faire en cas de refus", "Wat doen bij een weigering"),
    ("Comment contester une décision", "Hoe betwist ik een beslissing"),
    ("Quelles conditions dois-je remplir", "Aan welke voorwaarden moet ik voldoen"),
    ("Où introduire ma demande", "Waar dien ik mijn aanvraag in"),
    ("Existe-t-il un plafond annuel", "Bestaat er een jaarlijks plafond"),
]
Q_SITUATIONS = [
    ("après une hospitalisation", "na een ziekenhuisopname"), ("pour un enfant mineur", "voor een minderjarig kind"),
    ("lors d'un séjour à l'étranger", "tijdens een verblijf in het buitenland"),
    ("en maison de repos", "in een rusthuis"), ("pendant une incapacité de travail", "tijdens een arbeidsongeschiktheid"),
    ("avec le statut BIM", "met het VT-statuut"), ("après un accident de sport", "na een sportongeval"),
    ("pour une maladie chronique", "voor een chronische ziekte"), ("pendant la grossesse", "tijdens de zwangerschap"),
    ("après une opération programmée", "na een geplande operatie"),
    ("en cas de handicap reconnu", "bij een erkende handicap"), ("pour un pensionné", "voor een gepensioneerde"),
]
Q_CONTEXTS = [
    ("au cabinet", "in de praktijk"), ("à domicile", "aan huis"), ("par téléconsultation", "via teleconsult"),
    ("en centre conventionné", "in een geconventioneerd centrum"), ("la première année", "het eerste jaar"),
    ("lors d'un renouvellement", "bij een hernieuwing"), ("avec une prescription papier", "met een papieren voorschrift"),
    ("en urgence", "bij hoogdringendheid"), ("le week-end", "tijdens het weekend"),
    ("chez un prestataire non conventionné", "bij een niet-geconventioneerde zorgverlener"),
    ("avec une attestation électronique", "met een elektronisch getuigschrift"),
    ("en soirée", "'s avonds"), ("pendant les vacances scolaires", "tijdens de schoolvakanties"),
    ("sans carte d'identité", "zonder identiteitskaart"),
]
TOPIC_AUDIENCES = ["patients", "providers", "physiotherapists", "nurses", "speech-therapists", "insurers"]


def fr_date(day: dt.date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS['fr'][day.month - 1]} {day.year}"


def nl_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS['nl'][day.month - 1]} {day.year}"


# --- versioned texts ---------------------------------------------------------------------------
@dataclass
class Article:
    number: str                                  # "7", "7bis"
    paragraphs: list[list[tuple[int, dict]]]     # paragraphs of (sentence index, slots)
    chapter: int | None = None                   # chapter heading before it


@dataclass
class Versioned:
    doc_id: str
    base_articles: int                           # art-1..art-N exist in every version: safe to cite
    versions: list[tuple[dt.date, list[Article]]] = field(default_factory=list)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.citable: list[Versioned] = []       # decrees that others may cite
        self.used_ids: set[str] = set()

    # slots and text ---------------------------------------------------------------------------
    def slots(self) -> dict:
        r = self.rng
        return {"n": r.choice([6, 9, 12, 18, 20, 24, 30, 60]), "days": r.choice([15, 30, 45, 60, 90]),
                "amount": f"{r.randint(5, 250)},{r.randint(0, 99):02d}", "code": str(r.randint(420000, 799999)),
                "code2": str(r.randint(420000, 799999)), "index": f"{r.randint(100, 125)},{r.randint(0, 99):02d}",
                "day": r.randint(5, 28), "ref": self.ref()}

    def ref(self) -> str | None:
        """A valid reference target, or None when nothing is citable yet."""
        if not self.citable:
            return None
        target = self.rng.choice(self.citable[-400:])  # recent ones: bounded in-degree on average
        article = self.rng.randint(1, target.base_articles)
        if self.rng.random() < 0.15:  # as in force on its first version's date
            return f"{target.doc_id}@{target.versions[0][0].isoformat()}#art-{article}"
        return f"{target.doc_id}#art-{article}"

    def sentence(self) -> tuple[int, dict]:
        index = self.rng.randrange(len(SENTENCES))
        slots = self.slots()
        if index in REF_SENTENCES and slots["ref"] is None:
            index = 3
        return index, slots

    def paragraph(self) -> list[tuple[int, dict]]:
        return [self.sentence() for _ in range(self.rng.randint(2, 5))]

    def article(self, number: str) -> Article:
        return Article(number, [self.paragraph() for _ in range(self.rng.choice([1, 1, 2, 3, 4]))])

    def amend(self, articles: list[Article]) -> list[Article]:
        """The next version: some amounts and periods changed, a paragraph or an article added."""
        new = [Article(a.number, [list(p) for p in a.paragraphs], a.chapter) for a in articles]
        for article in self.rng.sample(new, min(len(new), self.rng.randint(1, 3))):
            paragraph = self.rng.choice(article.paragraphs)
            i = self.rng.randrange(len(paragraph))
            index, slots = paragraph[i]
            slots = dict(slots, n=slots["n"] + self.rng.choice([2, 4, 6]), amount=f"{self.rng.randint(5, 250)},{self.rng.randint(0, 99):02d}",
                         days=slots["days"] + 15)
            paragraph[i] = (index, slots)
            if self.rng.random() < 0.4:
                article.paragraphs.append(self.paragraph())
        if self.rng.random() < 0.4:
            at = self.rng.randrange(len(new))
            base = new[at].number
            if base.isdigit():
                suffix = "bis" if not any(a.number == base + "bis" for a in new) else "ter"
                if not any(a.number == base + suffix for a in new):
                    new.insert(at + 1, self.article(base + suffix))
        return new

    def versioned(self, doc_id: str, first: dt.date, count: int) -> Versioned:
        n = self.rng.randint(6, 14)
        articles = [self.article(str(i)) for i in range(1, n + 1)]
        for i in range(0, n, 4):
            articles[i].chapter = i // 4
        doc = Versioned(doc_id, n)
        day = first
        for k in range(count):
            if k:
                articles = self.amend(articles)
                day = dt.date(min(day.year + self.rng.randint(1, 4), 2027), self.rng.choice([1, 4, 7, 10]), 1)
                if day <= doc.versions[-1][0]:
                    day = doc.versions[-1][0] + dt.timedelta(days=200)
            doc.versions.append((day, articles))
        return doc


def render_articles(articles: list[Article], lang: str, convention: bool) -> str:
    out = []
    for article in articles:
        if article.chapter is not None:
            word = "Chapitre" if lang == "fr" else "Hoofdstuk"
            out.append(f"## {word} {ROMAN[article.chapter]} – {CHAPTERS[article.chapter % len(CHAPTERS)][0 if lang == 'fr' else 1]}")
        number = article.number
        if lang == "fr":
            shown = "1er" if number == "1" else number
            out.append(f"## {'Article' if convention else 'Art.'} {shown}")
        else:
            out.append(f"## Artikel {number}")
        numbered = len(article.paragraphs) > 1
        for i, paragraph in enumerate(article.paragraphs, 1):
            text = " ".join(_sentence(index, slots, lang) for index, slots in paragraph)
            if numbered:
                mark = ("§ 1er." if i == 1 else f"§ {i}.") if lang == "fr" else f"§ {i}."
                text = f"{mark} {text}"
            out.append(text)
    return "\n\n".join(out) + "\n"


def _sentence(index: int, slots: dict, lang: str) -> str:
    template = SENTENCES[index][0 if lang == "fr" else 1]
    values = dict(slots)
    if "{ref}" in template:
        values["ref"] = f"[](ref:{slots['ref']})"
    return template.format(**values)


def front(fields: dict) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_yaml(v)}" for k, v in value.items()]
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{key}: {_yaml(value)}")
    return "\n".join(lines + ["---", ""])


def _yaml(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- the project -------------------------------------------------------------------------------
class Corpus:
    def __init__(self, target: Path, pages: int, seed: int) -> None:
        self.target = target
        self.gen = Generator(seed)
        self.rng = self.gen.rng
        per_lang = max(pages // 2 - LISTING_PAGES_PER_LANG, 40)
        self.budget = {k: int(per_lang * share) for k, share in SHARE.items()}
        self.pages = 0  # per language
        self.files = 0

    def write(self, rel: str, text: str) -> None:
        path = self.target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.files += 1

    def unique(self, candidate: str) -> str:
        doc_id, n = candidate, 2
        while doc_id in self.gen.used_ids:
            doc_id, n = f"{candidate}-{n}", n + 1
        self.gen.used_ids.add(doc_id)
        return doc_id

    def project(self) -> None:
        if self.target.exists():
            shutil.rmtree(self.target)
        self.target.mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", self.target / "mkdocs.yml")
        shutil.copy(REPO / "taxonomy.yml", self.target / "taxonomy.yml")
        os.symlink(REPO / "plugins", self.target / "plugins")  # theme overrides and assets, as in the repo
        for lang in ("fr", "nl"):
            self.write(f"docs/{lang}/index.md", _home(lang))
            for page in _handwritten(lang):
                text = (REPO / page).read_text(encoding="utf-8")
                self.write(page, REF.sub(lambda m: m["text"] or m["target"].split("#")[0], text))
        self.regulations()
        self.conventions()
        self.circulars()
        self.answers()

    # decrees and laws --------------------------------------------------------------------------
    def regulations(self) -> None:
        used = 0
        days: set[dt.date] = set()
        while used < self.budget["regulations"]:
            kind, prefix, _w, short_fr, short_nl, long_fr, long_nl = self.rng.choices(KINDS, [k[2] for k in KINDS])[0]
            date = dt.date(1970, 1, 1) + dt.timedelta(days=self.rng.randint(0, 20000))
            if date in days:
                continue
            days.add(date)
            count = self.rng.choices([1, 2, 3, 4, 5], [2, 3, 3, 2, 1])[0]
            doc_id = self.unique(f"{prefix}-{date.isoformat()}")
            later = date + dt.timedelta(days=self.rng.randint(30, 180))
            first = dt.date(later.year, later.month, 1)
            doc = self.gen.versioned(doc_id, first, count)
            subject = self.rng.choice(SUBJECTS)
            repealed = None
            if self.rng.random() < 0.05:
                repealed = doc.versions[-1][0] + dt.timedelta(days=365 * 3)
            numac = f"{date.year}{self.rng.randint(100000, 999999):06d}"
            intro_ref = self.gen.ref()
            shared: list[dict] = []  # per version, the same dates and amending act in both languages
            for k, (in_force, _articles) in enumerate(doc.versions):
                fields: dict = {"in_force": in_force}
                if k:
                    signed = in_force - dt.timedelta(days=self.rng.randint(40, 90))
                    fields.update(published=signed + dt.timedelta(days=self.rng.randint(5, 25)), signed=signed)
                    fields["amended_by"] = self._amender(doc_id)
                shared.append(fields)
            for lang, short, long_, subj, fmt in (("fr", short_fr, long_fr, subject[0], fr_date),
                                                   ("nl", short_nl, long_nl, subject[1], nl_date)):
                title = (f"{long_} du {fmt(date)} relatif à l'intervention de l'assurance en matière de {subj}"
                         if lang == "fr" else f"{long_} van {fmt(date)} betreffende de tegemoetkoming van de verzekering inzake {subj}")
                short_title = f"{short} du {fmt(date)}" if lang == "fr" else f"{short} van {fmt(date)}"
                meta = front({"kind": kind, "title": title, "short_title": short_title, "date": date,
                              "numac": numac, "repealed": repealed})
                self.write(f"docs/{lang}/regulations/{doc_id}/index.md", meta + _intro(lang, subj, intro_ref))
                for k, (in_force, articles) in enumerate(doc.versions):
                    fields = dict(shared[k])
                    if k:
                        fields["summary"] = ("Adaptation des montants et des délais ; précisions sur la procédure."
                                             if lang == "fr" else "Aanpassing van de bedragen en termijnen; verduidelijking van de procedure.")
                    self.write(f"docs/{lang}/regulations/{doc_id}/{in_force.isoformat()}.md",
                               front(fields) + render_articles(articles, lang, convention=False))
            if repealed is None:  # an undated reference to a repealed text is a warning (ended-text)
                self.gen.citable.append(doc)
            used += 2 * count
        self.pages += used

    def _amender(self, doc_id: str) -> str | None:
        decrees = [d for d in self.gen.citable[-50:] if d.doc_id.startswith("ar-") and d.doc_id != doc_id]
        return self.rng.choice(decrees).doc_id if decrees and self.rng.random() < 0.5 else None

    # conventions -------------------------------------------------------------------------------
    def conventions(self) -> None:
        used = 0
        while used < self.budget["conventions"]:
            sector = self.rng.choice(sorted(SECTORS))
            word, subj_fr, subj_nl = SECTORS[sector]
            city = self.rng.choice(CITIES)
            doc_id = self.unique(f"conv-{word}-{city[1].lower()}")
            date = dt.date(self.rng.randint(2005, 2025), self.rng.choice([1, 4, 7, 10]), 1)
            count = self.rng.choices([1, 2, 3], [3, 3, 1])[0]
            doc = self.gen.versioned(doc_id, date, count)
            number = self.rng.randint(1, 99)
            institution = f"Centre {subj_fr.split(' ')[0].capitalize()} {city[0]} n° {number}"
            end = date.replace(year=date.year + 10) if self.rng.random() < 0.2 else None
            if end and end <= doc.versions[-1][0]:
                end = doc.versions[-1][0] + dt.timedelta(days=730)
            for lang, subj, place in (("fr", subj_fr, city[0]), ("nl", subj_nl, city[1])):
                if lang == "fr":
                    title = f"Convention de {subj} entre le Comité de l'assurance et le {institution}"
                    short = f"Convention {word} – {place} {number}"
                else:
                    title = f"Overeenkomst inzake {subj} tussen het Verzekeringscomité en het {institution}"
                    short = f"Overeenkomst {word} – {place} {number}"
                meta = front({"kind": "convention", "title": title, "short_title": short, "sector": sector,
                              "institution": institution, "date": date, "end": end})
                self.write(f"docs/{lang}/conventions/{doc_id}/index.md", meta)
                for k, (in_force, articles) in enumerate(doc.versions):
                    fields = {"in_force": in_force}
                    if k:
                        fields["label"] = f"Avenant n° {k}" if lang == "fr" else f"Wijzigingsclausule nr. {k}"
                        fields["signed"] = in_force - dt.timedelta(days=45)
                        fields["summary"] = ("Revalorisation des prix et adaptation de l'équipe."
                                             if lang == "fr" else "Herwaardering van de prijzen en aanpassing van het team.")
                    self.write(f"docs/{lang}/conventions/{doc_id}/{in_force.isoformat()}.md",
                               front(fields) + render_articles(articles, lang, convention=True))
            used += 2 * count
        self.pages += used

    # circulars ---------------------------------------------------------------------------------
    def circulars(self) -> None:
        count = self.budget["circulars"]
        numbers: dict[tuple[int, str], int] = {}
        previous: dict[str, list[tuple[dt.date, str]]] = {}
        for _ in range(count):
            prefix, audience, series_fr, series_nl = self.rng.choice(CIRCULAR_SERIES)
            year = self.rng.randint(2012, 2026)
            numbers[(year, prefix)] = n = numbers.get((year, prefix), 0) + 1
            doc_id = self.unique(f"circ-{prefix}-{year}-{n}")
            date = dt.date(year, self.rng.randint(1, 10), self.rng.randint(1, 28))
            subject = self.rng.choice(SUBJECTS)
            implements = sorted({self.rng.choice(self.gen.citable[-400:]).doc_id for _ in range(self.rng.randint(1, 2))})
            replaces = None
            candidates = [c for c in previous.get(prefix, []) if c[0] < date]  # a circular replaces an older one
            if candidates and self.rng.random() < 0.2:
                replaced = candidates[self.rng.randrange(len(candidates))]
                previous[prefix].remove(replaced)
                replaces = replaced[1]
            reviewed = max(date, min(date + dt.timedelta(days=self.rng.randint(0, 700)), dt.date(2026, 10, 1)))
            for lang, series, subj in (("fr", series_fr, subject[0]), ("nl", series_nl, subject[1])):
                num = f"{year}/{n}"
                title = (f"{series} n° {num} – Modalités d'application en matière de {subj}" if lang == "fr"
                         else f"{series} nr. {num} – Toepassingsregels inzake {subj}")
                meta = front({"number": num, "date": date, "audience": audience, "title": title,
                              "short_title": f"{series} {num}", "implements": implements, "replaces": replaces,
                              "reviewed": reviewed})
                self.write(f"circulars/{year}/{doc_id}.{lang}.md", meta + self._letter(lang, subj))
            previous.setdefault(prefix, []).append((date, doc_id))
        self.pages += count

    def _letter(self, lang: str, subject: str) -> str:
        heads = (["Champ d'application", "Conditions", "Facturation", "Entrée en vigueur"] if lang == "fr"
                 else ["Toepassingsgebied", "Voorwaarden", "Facturatie", "Inwerkingtreding"])
        parts = ["Madame, Monsieur," if lang == "fr" else "Geachte mevrouw, geachte heer,",
                 (f"La présente circulaire précise les modalités d'application en matière de {subject}."
                  if lang == "fr" else f"Deze omzendbrief verduidelijkt de toepassingsregels inzake {subject}.")]
        for i, head in enumerate(heads[: self.rng.randint(2, 4)], 1):
            parts.append(f"## {i}. {head}")
            for _ in range(self.rng.randint(1, 3)):
                parts.append(" ".join(_sentence(*self.gen.sentence(), lang) for _ in range(self.rng.randint(2, 4))))
        return "\n\n".join(parts) + "\n"

    # answers -----------------------------------------------------------------------------------
    def answers(self) -> None:
        topics = ["physiotherapy", "speech-therapy", "home-nursing", "diabetes", "reimbursement",
                  "rehabilitation", "billing"]
        combos = [(a, b, c, (a + b + c) % len(Q_CONTEXTS)) for a in range(len(Q_FRAMES))
                  for b in range(len(SUBJECTS)) for c in range(len(Q_SITUATIONS))]
        picked = self.rng.sample(combos, min(self.budget["faq"], len(combos)))
        questions = [_question(*combo) for combo in picked]
        for n in range(len(picked)):
            topic = self.rng.choice(topics)
            extra = self.rng.choice(topics) if self.rng.random() < 0.2 else None
            doc_id = self.unique(f"q-{topic}-{n + 1}")
            q_fr, q_nl = questions[n]
            fields = {"topics": [topic] + ([extra] if extra and extra != topic else []),
                      "audience": self.rng.choice(TOPIC_AUDIENCES),
                      "reviewed": dt.date(2026, 1, 1) + dt.timedelta(days=self.rng.randint(0, 270)),
                      "question": {"fr": q_fr, "nl": q_nl}}
            body = []
            paragraphs = [[self.gen.sentence() for _ in range(self.rng.randint(2, 4))] for _ in range(self.rng.randint(2, 4))]
            for lang in ("fr", "nl"):
                body.append(f"<!-- {lang} -->")
                body += [" ".join(_sentence(i, s, lang) for i, s in p) for p in paragraphs]
            self.write(f"faq/{topic}/{doc_id}.md", front(fields) + "\n\n".join(body) + "\n")
        self.pages += self.budget["faq"]


def _intro(lang: str, subject: str, ref: str | None) -> str:
    if lang == "fr":
        text = f"Texte coordonné des dispositions relatives à la {subject}."
        return text + (f" Voir aussi [le texte d'exécution](ref:{ref.split('#')[0]}).\n" if ref else "\n")
    text = f"Gecoördineerde tekst van de bepalingen betreffende de {subject}."
    return text + (f" Zie ook [de uitvoeringstekst](ref:{ref.split('#')[0]}).\n" if ref else "\n")


def _question(frame: int, subject: int, situation: int, context: int) -> tuple[str, str]:
    f, s, p, c = Q_FRAMES[frame], SUBJECTS[subject], Q_SITUATIONS[situation], Q_CONTEXTS[context]
    return (f"{f[0]} en matière de {s[0]} {p[0]}, {c[0]} ?", f"{f[1]} inzake {s[1]} {p[1]}, {c[1]}?")


def _handwritten(lang: str) -> list[str]:
    """The repository's hand-written pages other than the home page (the guide, ...)."""
    base = REPO / "docs" / lang
    return sorted(p.relative_to(REPO).as_posix() for p in base.rglob("*.md")
                  if p.relative_to(base).parts[0] not in ("regulations", "conventions", "index.md"))


def _home(lang: str) -> str:
    """The repository's home page without its last section (which cites a sample decree)."""
    text = (REPO / "docs" / lang / "index.md").read_text(encoding="utf-8")
    cut = text.find("\n## Ce qui change bientôt" if lang == "fr" else "\n## Wat binnenkort verandert")
    return (text[:cut] if cut > 0 else text).rstrip() + "\n"


# --- a nomenclature-scale text, written as partial versions ---------------------------------------
BIG_TEXT_ID = "ar-1984-09-14-nomenclature-bench"


def sample_project(target: Path | str) -> Path:
    """The repository's sample project (sources only; the plugins linked), into `target` (replaced)."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("docs", "circulars", "faq"):
        shutil.copytree(REPO / name, target / name)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(REPO / name, target / name)
    os.symlink(REPO / "plugins", target / "plugins")
    return target


def big_text(project: Path | str, articles: int = 1000, versions: int = 300, seed: int = 8) -> dict:
    """Add to `project` a text of `articles` articles in chapters and sections, and `versions` - 1
    partial versions after the first (whole) one, each replacing a few articles, sometimes
    inserting one (7bis), repealing one or renaming a chapter heading, in French and Dutch.
    Returns counts, and the folder's path."""
    gen = Generator(seed)
    rng = gen.rng
    project = Path(project)
    items: list[Article] = [gen.article(str(i)) for i in range(1, articles + 1)]
    per_chapter = 25
    for i in range(0, articles, per_chapter):
        items[i].chapter = i // per_chapter
    first = dt.date(2001, 1, 1)
    folder = {lang: project / "docs" / lang / "regulations" / BIG_TEXT_ID for lang in ("fr", "nl")}
    titles = {"fr": ("Arrêté royal du 14 septembre 1984 établissant la nomenclature des prestations de santé "
                     "(texte de mesure)", "AR nomenclature (mesure)"),
              "nl": ("Koninklijk besluit van 14 september 1984 tot vaststelling van de nomenclatuur van de "
                     "geneeskundige verstrekkingen (meettekst)", "KB nomenclatuur (meting)")}
    for lang in ("fr", "nl"):
        folder[lang].mkdir(parents=True, exist_ok=True)
        (folder[lang] / "index.md").write_text(front({"kind": "royal-decree", "title": titles[lang][0],
                                                      "short_title": titles[lang][1], "date": dt.date(1984, 9, 14)}),
                                               encoding="utf-8")
    def chapter_heading(index: int, lang: str, renamed: int = 0) -> str:
        word = "Chapitre" if lang == "fr" else "Hoofdstuk"
        name = CHAPTERS[index % len(CHAPTERS)][0 if lang == "fr" else 1]
        suffix = f" ({renamed})" if renamed else ""
        return f"## {word} {index + 1} – {name}{suffix}"

    def render(article: Article, lang: str) -> str:
        text = render_articles([Article(article.number, article.paragraphs)], lang, False)
        return text.replace("## ", "### ", 1).rstrip("\n")  # articles under their chapter (## )

    def whole(lang: str) -> str:
        out = []
        for article in items:
            if article.chapter is not None:
                out.append(chapter_heading(article.chapter, lang))
            out.append(render(article, lang))
        return "\n\n".join(out) + "\n"

    for lang in ("fr", "nl"):
        (folder[lang] / f"{first.isoformat()}.md").write_text(front({"in_force": first}) + whole(lang), encoding="utf-8")
    distinct = 2 * articles
    repealed: set[str] = set()
    renamed: dict[int, int] = {}
    day = first
    for k in range(1, versions):
        day = first + dt.timedelta(days=30 * k + rng.randint(0, 20))
        changed: list[Article] = []
        live = [a for a in items if a.number not in repealed]
        for article in rng.sample(live, rng.randint(1, 4)):
            before = [render(article, lang) for lang in ("fr", "nl")]
            paragraph = rng.choice(article.paragraphs)
            i = rng.randrange(len(paragraph))
            index, slots = paragraph[i]
            paragraph[i] = (index, dict(slots, n=slots["n"] + rng.choice([2, 4, 6]), days=slots["days"] + 15,
                                        amount=f"{rng.randint(5, 250)},{rng.randint(0, 99):02d}"))
            if rng.random() < 0.3 or any(render(article, lang) == text for lang, text in zip(("fr", "nl"), before)):
                article.paragraphs.append(gen.paragraph())  # a sentence without the slots changed is
                # the same text: an amendment that changes nothing (regkb check warns of it)
            changed.append(article)
        inserts: dict[str, str] = {}
        if rng.random() < 0.3:
            at = rng.randrange(len(items))
            base = items[at]
            for suffix in ("bis", "ter", "quater"):
                number = base.number.rstrip("abcdefghijklmnopqrstuvwxyz") + suffix
                if base.number.isdigit() and not any(a.number == number for a in items):
                    new = gen.article(number)
                    items.insert(at + 1, new)
                    inserts[f"art-{number}"] = f"art-{base.number}"
                    changed.append(new)
                    break
        repeals: list[str] = []
        if rng.random() < 0.1:
            victim = rng.choice([a for a in items if a.number not in repealed and a not in changed])
            repealed.add(victim.number)
            repeals.append(f"art-{victim.number}")
        rename = None
        if rng.random() < 0.05:
            rename = rng.randrange(0, articles // per_chapter)
            renamed[rename] = renamed.get(rename, 0) + 1
        changed.sort(key=items.index)
        for lang in ("fr", "nl"):
            fields: dict = {"in_force": day, "published": day - dt.timedelta(days=10),
                            "summary": f"{'Modification des articles' if lang == 'fr' else 'Wijziging van de artikelen'} "
                                       + ", ".join(a.number for a in changed), "partial": "true"}
            parts = [render(a, lang) for a in changed]
            if rename is not None:
                parts.insert(0, chapter_heading(rename, lang, renamed[rename]))
            text = front(fields).replace('partial: "true"', "partial: true")
            if inserts:
                text = text.replace("---\n", "", 1)
                text = "---\ninserts: {" + ", ".join(f"{a}: {b}" for a, b in inserts.items()) + "}\n" + text
            if repeals:
                text = text.replace("---\n", "", 1)
                text = "---\nrepeals: [" + ", ".join(repeals) + "]\n" + text
            (folder[lang] / f"{day.isoformat()}.md").write_text(text + "\n\n".join(parts) + "\n", encoding="utf-8")
        distinct += 2 * len(changed)
    return {"articles": len(items), "versions": versions, "distinct_article_texts": distinct,
            "folder": str(folder["fr"].parent.parent.parent.parent)}


def make_corpus(target: Path | str, pages: int, seed: int = 8) -> dict:
    """Write the project into `target` (replaced); return what was written."""
    corpus = Corpus(Path(target), pages, seed)
    corpus.project()
    return {"files": corpus.files, "document_pages": 2 * corpus.pages, "target": str(target)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="folder to write the project into (replaced)")
    parser.add_argument("--pages", type=int, default=2000, help="approximate number of built pages, both languages")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    info = make_corpus(args.target, args.pages, args.seed)
    print(f"wrote {info['files']} files into {info['target']}: about "
          f"{info['document_pages'] + 2 * LISTING_PAGES_PER_LANG} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
