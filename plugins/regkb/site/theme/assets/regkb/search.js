/* regkb site search: the header box and the search page, driven by Pagefind.
 *
 * - Pagefind (/pagefind/pagefind.js) picks the index of the page's <html lang>: French or Dutch,
 *   with its stemming; only its few chunks for the query's words are downloaded.
 * - Identifiers ("2024/7", "AR 3 juillet 1996", "art. 7 KB 3 juli 1996", NUMAC, code 560011) are
 *   matched against the shard of assets/regkb/ids/<lang>/ that the query names (fetched only for
 *   queries with digits) and shown first.
 * - Abbreviations and synonyms (assets/regkb/synonyms.<lang>.json, from search/synonyms.yml): a
 *   term of the query is also searched as each of its synonyms.
 * - No dead end: one Pagefind search per term (and the whole query); pages ranked by how many
 *   terms they match, all-words first; filler words dropped.
 * - The vocabulary (assets/regkb/vocab/<lang>/<letter>.json, search/vocabulary.py) corrects typos
 *   ("Vouliez-vous dire…"), meets French gender/number forms and Dutch compounds, keeps unknown
 *   words from matching on one letter, and tells a word of the other language: then that site's
 *   results and a link to the same search there.
 * Keyboard: "/" or "s" focuses the box, Esc closes it.
 */
(function () {
  "use strict";

  /* BEGIN words: generated from catalogue/*.yml (python -m regkb.catalogue.scripts --write), do not edit */
  var WORDS = {"fr": {"search": {"all": "Tous les résultats et les filtres", "any": "Tous", "article": "art. {n}", "code": "code {c}", "didYouMean": ["Vouliez-vous dire ", " ?"], "direct": "Accès direct", "error": "La recherche n'a pas pu se charger.", "filters": {"audience": "Public", "kind": "Type", "sector": "Secteur", "year": "Année"}, "loading": "Recherche…", "many": "{n} résultats", "none": "Aucun résultat", "noneHelp": "Aucune page ne contient ces mots. Essayez moins de mots ou un mot plus courant (« kiné », « ticket modérateur »), vérifiez l'orthographe, ou tapez un numéro : circulaire 2024/7, AR 3 juillet 1996, art. 7bis, code 560011.", "one": "1 résultat", "other": "Ces mots se trouvent sur le site en néerlandais :", "otherLink": "Chercher « {q} » sur le site en néerlandais", "partial": "Aucun texte ne contient tous les mots ; voici ceux qui en contiennent le plus.", "showing": "Résultats pour « {q} ».", "some": "{n} résultats, les {k} premiers ci-dessous", "type": "Tapez au moins deux caractères"}}, "nl": {"search": {"all": "Alle resultaten en filters", "any": "Alle", "article": "art. {n}", "code": "code {c}", "didYouMean": ["Bedoelde u ", "?"], "direct": "Rechtstreeks", "error": "De zoekfunctie kon niet worden geladen.", "filters": {"audience": "Doelgroep", "kind": "Soort", "sector": "Sector", "year": "Jaar"}, "loading": "Zoeken…", "many": "{n} resultaten", "none": "Geen resultaten", "noneHelp": "Geen enkele pagina bevat deze woorden. Probeer minder woorden of een gangbaarder woord (‘kine’, ‘remgeld’), controleer de spelling, of typ een nummer: omzendbrief 2024/7, KB 3 juli 1996, art. 7bis, code 560011.", "one": "1 resultaat", "other": "Deze woorden staan op de Franstalige site:", "otherLink": "‘{q}’ zoeken op de Franstalige site", "partial": "Geen tekst bevat alle woorden; dit zijn de teksten die er de meeste bevatten.", "showing": "Resultaten voor ‘{q}’.", "some": "{n} resultaten, de eerste {k} hieronder", "type": "Typ minstens twee tekens"}}};
  /* END words */
  /* Month names and their usual abbreviations, French and Dutch, folded (accents off). */
  var MONTHS = {
    janvier: 1, janv: 1, jan: 1, januari: 1, fevrier: 2, fevr: 2, fev: 2, februari: 2, feb: 2, febr: 2,
    mars: 3, maart: 3, mrt: 3, mar: 3, avril: 4, avr: 4, april: 4, apr: 4, mai: 5, mei: 5,
    juin: 6, juni: 6, jun: 6, juillet: 7, juil: 7, juli: 7, jul: 7, aout: 8, augustus: 8, aug: 8,
    septembre: 9, september: 9, sept: 9, sep: 9, octobre: 10, oktober: 10, oct: 10, okt: 10,
    novembre: 11, november: 11, nov: 11, decembre: 12, december: 12, dec: 12
  };
  /* Words a question carries that name nothing (dropped from the search unless nothing else is left). */
  var FILLER = {
    fr: ("a au aux avec c ca cela ce ces cet cette combien comment d dans de des dois doit du elle en est et " +
      "etre faut il ils j je l la le les leur leurs m ma me mes moi mon n ne nos notre on ou par pas peut sert " +
      "pour pourquoi puis qu quand que quel quelle quelles quels qui quoi s sa se ses si son sont sur t ta " +
      "te tes ton tu un une vos votre vous y ai as ont suis").split(" "),
    nl: ("aan al als ben bij dan dat de deze die dit door een en er geen heb heeft hebben het hoe hoelang " +
      "hoeveel hun ik in is je jij kan kun kunnen mag me met mij mijn moet moeten mogen na naar niet nog " +
      "of om ook op over te tot u uit uw van voor waar waarom wanneer wat we welk welke werd wie wij " +
      "wordt worden ze zij zijn").split(" ")
  };
  var OTHER = { fr: "nl", nl: "fr" };
  var KINDS = [
    ["royal-decree", /\b(a\.?r\.?|arrete royal|k\.?b\.?|koninklijk besluit)(?=\s|$|\b)/],
    ["ministerial-decree", /\b(a\.?m\.?|arrete ministeriel|ministerieel besluit)(?=\s|$|\b)/],
    ["law", /\b(loi|wet)\b/]
  ];
  var MAX_RESULTS = 10;
  var MAX_VARIANTS = 4;
  var SYNONYM_WEIGHT = 0.7;
  var ABBREVIATION_WEIGHT = 0.5;  // of a synonym, when an abbreviation stands for the word typed
  var COMPOUND_WEIGHT = 0.4;  // a compound holding the word (zitting -> kinesitherapiezitting) counts, less

  var lang = (document.documentElement.lang || "fr").slice(0, 2).toLowerCase();
  // An added language's words come with its pages (catalogue/scripts.py); French and Dutch are above.
  var own = document.getElementById("regkb-words"), text = null;
  try { text = own ? JSON.parse(own.textContent).search : null; } catch (e) { text = null; }
  text = text || (WORDS[lang] || WORDS.fr).search;
  var box = document.querySelector("[data-regkb-search=header]");
  if (!box) return;
  var root = new URL(box.getAttribute("data-root") || ".", document.baseURI).href.replace(/\/?$/, "/");
  var pagefindPromise = null, synonymsPromise = {}, shards = {}, manifest = null, vocabs = {}, wordFiles = {};

  /* As search/understand.fold: compatibility forms too ("２０２４/７", "art. 1ᵉʳ", "ﬁ"), invisible
     format characters dropped (a soft hyphen pasted inside a word is no word break). */
  function fold(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .replace(/\s+/g, " ").trim();
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }
  function escapeHtml(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function formatDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!parts) return iso || "";
    var day = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
    try {
      return new Intl.DateTimeFormat(lang + "-BE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(day);
    } catch (e) { return iso; }
  }
  function json(name, init) {
    return fetch(root + "assets/regkb/" + name, init).then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  // --- Pagefind --------------------------------------------------------------------------------
  /* On the page's own thread: Pagefind's worker script would be 41 kB more for every first search,
     and the index chunks it decodes are small (search/pagefind_chunks.py). */
  var PAGEFIND_OPTIONS = { baseUrl: new URL(root).pathname, excerptLength: 24, noWorker: true };
  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(root + "pagefind/pagefind.js").then(function (pf) {
        return pf.options(PAGEFIND_OPTIONS).then(function () {
          return pf.init ? pf.init() : null;
        }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }
  function synonyms(l) {
    l = l || lang;
    if (!synonymsPromise[l]) synonymsPromise[l] = json("synonyms." + l + ".json").then(function (d) { return d || []; });
    return synonymsPromise[l];
  }
  /* One shard of the identifier map (assets/regkb/ids/<lang>/<name>.json), fetched once. */
  function shard(name) {
    if (!manifest) manifest = json("ids/" + lang + "/index.json").then(function (d) { return d || []; });
    if (!shards[name]) {
      shards[name] = manifest.then(function (names) {  // only the shards that exist: no 404
        return names.indexOf(name) < 0 ? {} : json("ids/" + lang + "/" + name + ".json").then(function (d) { return d || {}; });
      });
    }
    return shards[name];
  }

  /* The vocabulary of a language (assets/regkb/vocab/<lang>/<letter>.json: {word: texts, or
     [texts, spelling with accents]}), one shard per first letter, each fetched once. */
  function vocab(l, letters) {
    return Promise.all(letters.map(function (letter) {
      var key = l + "/" + letter;
      if (!/^[a-z]$/.test(letter)) return {};
      if (!vocabs[key]) vocabs[key] = json("vocab/" + key + ".json").then(function (d) { return d || {}; });
      return vocabs[key];
    })).then(function (parts) {
      var out = {};
      parts.forEach(function (part) { Object.keys(part).forEach(function (w) { out[w] = part[w]; }); });
      return out;
    });
  }
  function count(entry) { return typeof entry === "number" ? entry : entry ? entry[0] : 0; }
  function spelling(word, entry) { return entry && typeof entry !== "number" && entry[1] || word; }
  /* Dutch compounds ending with a known word (verpleging -> thuisverpleging), from the vocabulary. */
  function compoundsOf(entry) { return entry && typeof entry !== "number" && entry[2] || []; }
  function firstLetters(words) {
    var seen = {};
    words.forEach(function (w) { if (/^[a-z]/.test(w)) seen[w[0]] = true; });
    return Object.keys(seen);
  }
  /* French feminine and plural forms meet their base: remboursé, remboursée, remboursés -> rembours. */
  function base(word, l) {
    if (l !== "fr" || word.length < 5) return word;
    return word.replace(/aux$/, "al").replace(/[sx]$/, "").replace(/ive$/, "if").replace(/euse$/, "eur")
      .replace(/e+$/, "");
  }
  /* The other spellings of a known word in the vocabulary: French gender and number. */
  function relatives(word, l, words) {
    if (l === "nl") return dutchForms(word, words);
    var key = base(word, l);
    if (key === word && l !== "fr") return [];
    return Object.keys(words).filter(function (w) {
      return w !== word && w[0] === word[0] && Math.abs(w.length - word.length) <= 3 && base(w, l) === key;
    }).sort(function (a, b) { return count(words[b]) - count(words[a]); }).slice(0, 4);
  }
  /* The known Dutch words an unknown one is the plural of (tegemoetkomingen, verzekeringen), as
     wordKey cuts them: the word index and Pagefind's stemming already meet them. */
  function plurals(word, words) {
    if (word.length < 6) return [];
    var key = word.replace(/(en|s|e)$/, "");
    if (key === word) return [];
    return Object.keys(words).filter(function (w) { return w !== word && (w === key || wordKey(w, "nl") === key); })
      .sort(function (a, b) { return count(words[b]) - count(words[a]); }).slice(0, 4);
  }
  /* The other Dutch forms of a known word, singular and plural (dagforfaits, dagforfait), as wordKey
     cuts them: Pagefind's stemming does not always meet them. */
  function dutchForms(word, words) {
    var key = wordKey(word, "nl");
    if (word.length < 6) return [];
    return Object.keys(words).filter(function (w) {
      return w !== word && w[0] === word[0] && (w === key || wordKey(w, "nl") === key);
    }).sort(function (a, b) { return count(words[b]) - count(words[a]); }).slice(0, 4);
  }
  /* Letters that sound alike (remgelt -> remgeld, kinesiterapie -> kinesitherapie): half an edit. */
  var ALIKE = "dttdckkcszzsfvvfiyyigkkgaooa";
  /* Damerau-Levenshtein distance, stopping early past `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = [], prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : ALIKE.indexOf(a[i - 1] + b[j - 1]) >= 0 ? 0.5 : 1;
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
        if (row[j] < least) least = row[j];
      }
      if (least > max) return max + 1;
      prev2 = prev; prev = row;
    }
    return prev[b.length];
  }
  /* The known word nearest an unknown one (one edit up to 5 letters, two beyond), the most used first. */
  function nearest(word, words) {
    if (word.length < 4) return null;
    var max = word.length <= 5 ? 1 : 2, best = null, bestD = max + 1, bestN = 0;
    Object.keys(words).forEach(function (w) {
      if (w.length < 3) return;
      var d = distance(word, w, max);
      if (d < bestD || (d === bestD && d <= max && count(words[w]) > bestN)) { best = w; bestD = d; bestN = count(words[w]); }
    });
    return bestD <= max ? best : null;
  }
  function isPrefix(word, words) {
    if (word.length < 3) return false;
    return Object.keys(words).some(function (w) { return w.length > word.length && w.lastIndexOf(word, 0) === 0; });
  }
  /* The known Dutch compounds ending with a word written only inside them (verpleging). */
  function endingWith(word, words) {
    if (word.length < 5) return [];
    return Object.keys(words).filter(function (w) { return w.length > word.length + 2 && w.slice(-word.length) === word; })
      .sort(function (a, b) { return count(words[b]) - count(words[a]); }).slice(0, 4);
  }
  /* A Dutch compound nobody wrote in one word, split into two known words (kinesitherapiezitting). */
  function split(word, words) {
    if (word.length < 8) return null;
    for (var i = word.length - 3; i >= 3; i--) {
      var head = word.slice(0, i), tail = word.slice(i);
      if (!words[tail]) continue;
      if (words[head]) return [head, tail];
      if (/[se]$/.test(head) && words[head.slice(0, -1)]) return [head.slice(0, -1), tail];
    }
    return null;
  }

  /* The query as terms to match: each a list of Pagefind searches (its own word first, then its
     other forms, its correction, or its synonyms), fillers dropped, unknown words set aside. */
  function analyse(query, groups, l) {
    var folded = fold(query);
    var tokens = (folded.match(/\d+(?:[\/.-]\d+)+|[a-z0-9]+/g) || []).map(function (t) {  // 2024/7, 14.09.1984: one token
      return t.replace(/^(\d{4})[\/-]0*(\d{1,4})$/, "$1/$2");  // a circular's number as the texts write it
    });
    return (l === "nl" ? dutchCompounds(tokens, l) : Promise.resolve(tokens)).then(function (tokens) {
      return analyseTokens(tokens, groups, l);
    });
  }
  /* Two Dutch words written apart whose compound the texts have ("zittingen teller": zittingenteller),
     joined before the synonyms take either word: the compound then also meets its parts (split).
     Only the shards of the pairs' first letters are read (a compound is in its first word's shard),
     which the words' own lookup reads anyway, unless that word is a synonym. */
  function dutchCompounds(tokens, l) {
    var filler = FILLER[l] || [];
    function pairs(i) {
      var a = tokens[i], b = tokens[i + 1];
      return b && /^[a-z]+$/.test(a + b) && filler.indexOf(a) < 0 && filler.indexOf(b) < 0;
    }
    var firsts = tokens.filter(function (_w, i) { return pairs(i); });
    if (!firsts.length) return Promise.resolve(tokens);
    return vocab(l, firstLetters(firsts)).then(function (words) {
      var out = [];
      for (var i = 0; i < tokens.length; i++) {
        if (pairs(i) && words[tokens[i] + tokens[i + 1]]) { out.push(tokens[i] + tokens[i + 1]); i += 1; } else out.push(tokens[i]);
      }
      return out;
    });
  }
  function analyseTokens(tokens, groups, l) {
    var terms = [], line = " " + tokens.join(" ") + " ";
    var phrases = [];
    groups.forEach(function (group) {
      group.forEach(function (term) { phrases.push({ term: fold(String(term)).split(/[^a-z0-9]+/).filter(Boolean).join(" "), group: group }); });
    });
    phrases.sort(function (a, b) { return b.term.length - a.term.length; });
    phrases.forEach(function (p) {
      if (!p.term || line.indexOf(" " + p.term + " ") < 0) return;
      line = line.replace(" " + p.term + " ", " | ");
      var others = p.group.map(function (t) { return fold(String(t)); }).filter(function (t) { return t !== p.term; });
      /* words that have an abbreviation (mutuelle: OA) weigh its letters less: they also stand in
         the titles of a whole series ("Circulaire OA n° …"), whatever its subject */
      var weights = [1].concat(others.map(function (t) {
        return p.term.length > 3 && /^[a-z0-9]{1,3}$/.test(t) ? SYNONYM_WEIGHT * ABBREVIATION_WEIGHT : SYNONYM_WEIGHT;
      }));
      terms.push({ word: p.term, searches: [p.term].concat(others), synonym: true, weights: weights });
    });
    var rest = line.split(" ").filter(function (w) { return w && w !== "|"; });
    var filler = FILLER[l] || [];
    var meaningful = rest.filter(function (w) { return filler.indexOf(w) < 0; });
    if (!meaningful.length && !terms.length) meaningful = rest;
    var need = meaningful.filter(function (w) { return !/^\d/.test(w); });
    return vocab(l, firstLetters(need)).then(function (words) {
      /* A long Dutch word unknown in its letter's shard may be part of a compound written elsewhere
         in the alphabet (verpleging in thuisverpleging): then the whole vocabulary is read. */
      var more = l === "nl" && need.some(function (w) {  // long, unknown, and no typo of a word of its letter
        return w.length >= 9 && !words[w] && !isPrefix(w, words) && !nearest(w, words);
      });
      return more ? vocab(l, "abcdefghijklmnopqrstuvwxyz".split("")) : words;
    }).then(function (words) {
      var corrections = [], unknown = [];
      /* Two words a reader wrote apart that the texts write as one (e-attest, thuis verpleging). */
      var joined = [];
      for (var i = 0; i < meaningful.length; i++) {
        var pair = meaningful[i] + (meaningful[i + 1] || "");
        var apart = i + 1 < meaningful.length && words[meaningful[i]] && words[meaningful[i + 1]];  // both words: keep them
        if (i + 1 < meaningful.length && !apart && /^[a-z]+$/.test(pair) && words[pair]) {
          terms.push({ word: pair, searches: [pair] });
          i += 1;
        } else joined.push(meaningful[i]);
      }
      joined.forEach(function (w) {
        if (/^\d/.test(w)) { terms.push({ word: w, searches: [/^\d+$/.test(w) ? exact(w) : w] }); return; }
        if (words[w]) {
          var own = l === "nl" ? split(w, words) : null;  // a compound also meets its parts written apart
          var forms = [exact(w)].concat(relatives(w, l, words).map(exact));
          terms.push({ word: w, searches: forms.concat(compoundsOf(words[w]), own ? [own.join(" ")] : []),
            weights: forms.map(function () { return 0.9; }).concat(compoundsOf(words[w]).map(function () { return COMPOUND_WEIGHT; }), [COMPOUND_WEIGHT]) });
        } else if (isPrefix(w, words)) {
          terms.push({ word: w, searches: [w] });  // a word being typed: Pagefind matches it as a prefix
        } else {
          /* another form of a known word (dagforfaits: dagforfait) before a split (dag + forfaits): no typo */
          var forms = l === "nl" ? plurals(w, words) : relatives(w, l, words);
          if (forms.length) { terms.push({ word: w, searches: forms }); return; }
          var parts = l === "nl" ? split(w, words) : null;
          if (parts) { terms.push({ word: w, searches: [parts.join(" ")] }); return; }
          var whole = l === "nl" ? endingWith(w, words) : [];
          if (whole.length) { terms.push({ word: w, searches: whole }); return; }
          var near = nearest(w, words);
          if (near) {
            corrections.push([w, spelling(near, words[near])]);
            terms.push({ word: w, searches: [near].concat(relatives(near, l, words), compoundsOf(words[near])), corrected: near });
          } else {
            unknown.push(w);
          }
        }
      });
      return { terms: terms, corrections: corrections, unknown: unknown, words: need };
    });
  }
  /* Words under 3 letters are searched exactly (Pagefind would match any longer word they begin). */
  function exact(word) { return word.length < 3 ? '"' + word + '"' : word; }

  /* Pages ranked by how many terms they match (all-words first), then by their best scores. */
  function rank(pf, terms, filters) {
    var cache = {};
    function search(v) {
      if (!cache[v]) cache[v] = pf.search(v, filters ? { filters: filters } : {});
      return cache[v];
    }
    /* The whole query too, when it has several words: the pages Pagefind finds with all of them
       (its own scoring of the words together) get that score on top. */
    var whole = terms.length > 1 ? terms.map(function (t) { return t.searches[0]; }).join(" ") : null;
    return Promise.all(terms.map(function (term) {
      return Promise.all(term.searches.slice(0, 6).map(search));
    }).concat(whole ? [search(whole)] : [])).then(function (all) {
      var together = {};
      if (whole) (all.pop() || {}).results.forEach(function (r) { together[r.id] = r; });
      var pages = tally(all.map(function (searches, t) {
        var best = {};
        searches.forEach(function (found, index) {
          var weight = searchWeight(terms[t], index);
          (found && found.results || []).forEach(function (r) {
            var score = r.score * weight;
            if (!best[r.id] || best[r.id].score < score) best[r.id] = { score: score, data: r.data };
          });
        });
        return best;
      }));
      Object.keys(together).forEach(function (id) {  // its excerpt marks all the words
        if (pages[id]) { pages[id].score += together[id].score; pages[id].data = together[id].data; }
      });
      return ordered(pages, terms.length);
    });
  }
  /* A search's weight among its term's: its own word 1, a synonym less, another form or a
     compound as `analyse` weighed it. */
  function searchWeight(term, index) {
    return index === 0 ? 1 : (term.weights || [])[index] || (term.synonym ? SYNONYM_WEIGHT : 0.9);
  }
  /* {page: how many terms it matches, their best scores summed}, from each term's {page: best}. */
  function tally(bests) {
    var pages = {};
    bests.forEach(function (best) {
      Object.keys(best).forEach(function (id) {
        var page = pages[id] || (pages[id] = { id: id, matched: 0, score: 0, data: best[id].data });
        page.matched += 1;
        page.score += best[id].score;
      });
    });
    return pages;
  }
  /* All-words first, then by score; a page matching under half the most terms is left out. */
  function ordered(pages, terms) {
    var ranked = Object.keys(pages).map(function (k) { return pages[k]; })
      .sort(function (a, b) { return b.matched - a.matched || b.score - a.score; });
    var most = ranked.length ? ranked[0].matched : 0;
    return { ranked: ranked.filter(function (p) { return p.matched >= Math.max(1, Math.ceil(most / 2)); }),
      all: most === terms };
  }

  // --- identifiers -----------------------------------------------------------------------------
  /* Article numbers as core/articles.py reads them (its LATIN, LATIN_VARIANTS and normalize_number;
     tests/test_site_search.py checks both give the same anchors): "7bis", "7 undecies", "22bis/1",
     "xi.172", "1er". A shorter match would name another article in silence (7 for 7 undecies). */
  var UNITS = "bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies";
  var TEN_PREFIXES = "un|duo|ter|tre|quater|quattuor|quinquies|quin|sexies|sex|se|septies|septem|sept|octies|octo|" +
    "novies|nonies|novem|undevi|duodevi";
  var TENS = "decies|vicies|tricies|trecies|quadragies|quinquagies|sexagies|septuagies|octogies|nonagies";
  /* Justel also writes a compound in two words ("11quinquies decies"): the same number, glued. */
  var LATIN = "(?:(?:(?:" + TEN_PREFIXES + ")[ -]?)?(?:" + TENS + ")(?:[ -]?(?:semel|" + UNITS + "))?|" + UNITS + "|semel)";
  var LATIN_VARIANTS = [["nonies", "novies"], ["quindecies", "quinquiesdecies"], ["sedecies", "sexiesdecies"],
    ["tredecies", "terdecies"], ["quattuordecies", "quaterdecies"], ["septemdecies", "septiesdecies"],
    ["septdecies", "septiesdecies"], ["duodevicies", "octiesdecies"], ["undevicies", "noviesdecies"],
    ["noniesdecies", "noviesdecies"], ["trecies", "tricies"]];
  /* The ordinal ends the number, or stands before a Latin suffix (Justel's "Art. 1erbis" is 1bis). */
  var ORDINAL = "(?:er|re|ste|de|e)(?:(?![a-z])|(?=\\s?" + LATIN + "(?![a-z]{2})))";
  var SEGMENT = "\\d+(?:" + ORDINAL + ")?(?:\\s?" + LATIN + "(?![a-z]{2}))?(?:[a-z](?![a-z]))?";
  var ARTICLE = new RegExp("\\bart(?:icles?|ikel(?:en)?)?\\.?\\s*((?:[ivxlc]+\\.(?=\\d)|[a-z]{1,2}(?=\\d))?" + SEGMENT +
    "(?:[./:-]" + SEGMENT + ")*)(?![a-z0-9_/])");
  /* A number with a Latin suffix standing alone ("7bis", "37 bis", "7 undecies"): only articles are
     numbered so (search/understand.ARTICLE_BARE). */
  var ARTICLE_BARE = new RegExp("(?:^|[^a-z0-9\\/.-])(\\d+\\s?(?:" + LATIN + "))(?![a-z0-9\\/])");
  /* The article a query cites, {number: its anchor without "art-", cited: as written}, or null. */
  function citedArticle(q) {
    var m = ARTICLE.exec(q) || ARTICLE_BARE.exec(q);
    return m ? { number: articleNumber(m[1]), cited: articleCited(m[1]) } : null;
  }
  /* The number as cited: ordinal off, a Latin suffix glued ("7 bis" -> "7bis"). */
  function articleCited(raw) {
    return raw.replace(/\s+/g, " ").replace(new RegExp("(\\d)" + ORDINAL, "g"), "$1")
      .replace(new RegExp("(\\d) (?=" + LATIN + ")", "g"), "$1");
  }
  /* Its anchor without "art-", as normalize_number writes it ("22bis/1" -> "22bis-1"). */
  function articleNumber(raw) {
    var value = raw.replace(/\s+/g, " ").replace(new RegExp("(\\d)" + ORDINAL, "g"), "$1")
      .replace(new RegExp("(" + TEN_PREFIXES + ")[ -](?=" + TENS + ")", "g"), "$1");
    LATIN_VARIANTS.forEach(function (v) { value = value.split(v[0]).join(v[1]); });
    value = value.replace(new RegExp("(\\d) (" + LATIN + ")", "g"), "$1$2")
      .replace(new RegExp("(decies|vicies|tricies|gies)[ -](semel|" + UNITS + ")", "g"), "$1$2")
      .replace(/([0-9a-z]) ([a-z])(?![a-z0-9])/g, "$1$2");
    if (!/^[ivxlc]+\.\d/.test(value)) value = value.replace(/^([a-z]{1,2})\.?\s?(?=\d)/, "$1");
    return value.replace(/[.\/:\s-]+/g, "-").replace(/^-+|-+$/g, "");
  }
  function findDate(q) {
    var words = /\b(\d{1,2})(?:er|e|ste|de)?\s+([a-z]+)\.?\s+(\d{4}|\d{2})\b/g, m;
    while ((m = words.exec(q))) {
      var y = fullYear(m[3]);
      if (MONTHS[m[2]] && valid(y, MONTHS[m[2]], m[1])) return { iso: iso(y, MONTHS[m[2]], m[1]), match: m[0] };
      words.lastIndex = m.index + 1;  // "7 kb 14 sept. 1984": the date may begin inside this match
    }
    m = /\b(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})\b/.exec(q) ||
      /\b(\d{1,2})\/(\d{1,2})\/(\d{2})\b/.exec(q);  // "3/7/96": slashes only (7.1.12 may be an article)
    if (m && valid(fullYear(m[3]), m[2], m[1])) return { iso: iso(fullYear(m[3]), m[2], m[1]), match: m[0] };
    m = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(q);
    if (m && valid(m[1], m[2], m[3])) return { iso: iso(m[1], m[2], m[3]), match: m[0] };
    return null;
  }
  /* A year of two digits: this century's up to this year, else the last's (search/understand.full_year). */
  function fullYear(y) {
    if (y.length !== 2) return y;
    var now = new Date().getFullYear(), year = now - now % 100 + (+y);
    return String(year <= now ? year : year - 100);
  }
  function valid(y, m, d) {
    return +m >= 1 && +m <= 12 && +d >= 1 && +d <= 31 && +y >= 1800;
  }
  function iso(y, m, d) {
    return y + "-" + ("0" + m).slice(-2) + "-" + ("0" + d).slice(-2);
  }
  function target(entry, anchor, label) {
    return {
      // an article opens its own page (text in force and history: pages/articlepage.py)
      url: root + entry[0] + (anchor ? (/^art-/.test(anchor) ? anchor + "/" : "#" + anchor) : ""), title: (label ? label + " – " : "") + entry[1],
      kind: entry[2], direct: true
    };
  }
  /* Exact targets named by the query, best first (empty when it names none). Only the shards the
     query names are fetched: circulars and acts by year, NUMACs by year, codes by first digits. */
  function matchIdentifiers(query) {
    var q = fold(query);
    var date = findDate(q);
    var rest = date ? q.replace(date.match, " ") : q;
    var circ = /\b(\d{4})\s*[\/-]\s*0*(\d{1,4})\b/.exec(rest);  // 2024/7 = 2024/07 = 2024-7
    var numac = /\b(\d{10})\b/.exec(rest);
    var code = /\b(\d{6})\b/.exec(rest);
    var names = [date && "a" + date.iso.slice(0, 4), circ && "c" + circ[1], numac && "n" + numac[1].slice(0, 4),
      code && "k" + code[1].slice(0, 3)];
    return Promise.all(names.map(function (n) { return n ? shard(n) : {}; })).then(function (got) {
      var hits = [];
      if (date) {
        var candidates = (got[0].acts || {})[date.iso] || [];
        var kind = null;
        KINDS.forEach(function (k) { if (!kind && k[1].test(rest)) kind = k[0]; });
        if (!kind && lang === "nl" && /\bmb\b/.test(rest)) kind = "ministerial-decree";
        var typed = candidates.filter(function (e) { return !kind || e[3] === kind; });
        var art = ARTICLE.exec(rest);
        var number = art ? articleNumber(art[1]) : null;  // "22bis/1" is 22bis-1, never 22bis
        (typed.length ? typed : candidates).forEach(function (e) {
          if (number && e[4].indexOf(number) >= 0) {
            hits.push(target(e, "art-" + number, fill(text.article, { n: articleCited(art[1]) })));
          }
          hits.push(target(e));
        });
      }
      if (circ) {
        /* The same number exists in several series (OA, kiné, logo): the series named in the query first. */
        ((got[1].circ || {})[circ[1] + "/" + (+circ[2])] || []).slice().sort(function (a, b) {
          return named(q, b[1]) - named(q, a[1]);
        }).forEach(function (e) { hits.push(target(e)); });
      }
      var byNumac = numac && (got[2].numac || {})[numac[1]];
      if (byNumac) hits.push(target(byNumac));
      /* A code is named by several texts (the nomenclature, conventions, circulars): all are direct hits. */
      var byCode = code && (got[3].codes || {})[code[1]];
      (byCode || []).forEach(function (e) { hits.push(target(e, e[5], fill(text.code, { c: code[1] }))); });
      return hits;
    });
  }

  /* How many words of a title the query also contains (to order same-numbered circulars). */
  function named(q, title) {
    return fold(title).split(/[^a-z0-9]+/).filter(function (w) {
      return w.length > 1 && !/^\d+$/.test(w) && new RegExp("\\b" + w + "\\b").test(q);
    }).length;
  }

  // --- searching -------------------------------------------------------------------------------
  function run(query, filters) {
    var digits = /\d/.test(query);
    return Promise.all([pagefind(), synonyms(), digits ? matchIdentifiers(query) : Promise.resolve([])]).then(function (got) {
      var pf = got[0], direct = got[2];
      return analyse(query, got[1], lang).then(function (plan) {
        return rank(pf, plan.terms, filters).then(function (found) {
          plan.best = found.ranked.length ? found.ranked[0].matched : 0;
          return results(found.ranked, direct, citedArticle(fold(query))).then(function (result) {
            result.corrections = plan.corrections;
            result.partial = plan.terms.length > 1 && !found.all && found.ranked.length > 0;
            var few = result.total < 3 || plan.unknown.length > 0 || plan.corrections.length > 0;
            if (!few || !plan.words.length) return result;
            return elsewhere(query, plan, filters).then(function (other) {
              result.other = other;
              if (other && other.words) {  // a "typo" that is a word of the other language was none
                result.corrections = result.corrections.filter(function (c) { return other.words.indexOf(c[0]) < 0; });
              }
              return result;
            });
          });
        });
      });
    });
  }
  /* A text before its own articles' pages when both are among the first results: an article page
     repeats the text's name and is shorter, so Pagefind ranks it first for the text's own title
     ("convention autisme Bruges"); a search naming an article gets it as a direct hit. */
  function textsFirst(items) {
    var out = items.slice();
    for (var i = 0; i < out.length; i++) {
      var m = /^(.*\/)art-[^\/]+\/$/.exec(out[i].url);
      if (!m) continue;
      for (var j = i + 1; j < out.length; j++) {
        if (out[j].url === m[1]) { out.splice(i, 0, out.splice(j, 1)[0]); break; }
      }
    }
    return out;
  }
  /* A query citing an article without naming its text by date ("l'article 32 de la loi", "art 7bis"):
     each text found that has that article (an anchor of its page) leads to the article's own page
     (every article of a text has one: pages/articlepage.py), and these come first, in the order
     found; an article page found for itself counts the same. Other results keep their order. */
  function toArticles(items, data, article) {
    if (!article) return items;
    var id = "art-" + article.number, seen = {}, hits = [], rest = [];
    items.forEach(function (entry, i) {
      var own = /\/(art-[^\/]+)\/$/.exec(entry.url);
      var has = own ? own[1] === id : (data[i].anchors || []).some(function (a) { return a.id === id; });
      if (!has) { rest.push(entry); return; }
      var url = own ? entry.url : entry.url.replace(/#.*$/, "") + id + "/";
      if (seen[url]) return;
      seen[url] = true;
      var title = own ? entry.title : fill(text.article, { n: article.cited }) + " – " + ((data[i].meta || {}).short || entry.title);
      hits.push({ url: url, title: title, kind: entry.kind, date: entry.date, validity: entry.validity, excerpt: own ? entry.excerpt : "" });
    });
    return hits.concat(rest.filter(function (entry) { return !seen[entry.url]; }));
  }
  /* The first results' data, the direct hits first; the count is of distinct pages. */
  function results(ranked, direct, article) {
    var unique = {};
    direct = direct.filter(function (d) { return unique[d.url] ? false : (unique[d.url] = true); });
    return Promise.all(ranked.slice(0, MAX_RESULTS + direct.length).map(function (r) { return r.data(); })).then(function (data) {
      var seen = {}, duplicates = 0;
      direct.forEach(function (d) { seen[d.url] = true; seen[d.url.split("#")[0]] = true; });
      if (direct.length) article = null;  // the query named the text: its article is a direct hit already
      var kept = data.filter(function (d) {
        var url = new URL(d.url, root).href;
        if (seen[url]) { duplicates += 1; return false; }
        seen[url] = true;
        return true;
      });
      var found = kept.map(function (d) {
        return {
          url: new URL(d.url, root).href, title: (d.meta && d.meta.title) || d.url,
          kind: d.meta && d.meta.kind, date: d.meta && d.meta.date, validity: validityOn(d.meta),
          excerpt: d.excerpt
        };
      });
      var routed = toArticles(found, kept, article);
      duplicates += found.length - routed.length;
      return { items: direct.concat(textsFirst(routed).slice(0, MAX_RESULTS)), total: direct.length + ranked.length - duplicates };
    });
  }
  /* The same words on the other language's site: when the reader's words are known there but not
     (or barely) here, its first results and a link to the same search on that site. */
  function elsewhere(query, plan, filters) {
    var other = OTHER[lang];
    if (!other) return Promise.resolve(null);
    var words = plan.words;
    return Promise.all([vocab(other, firstLetters(words)), vocab(lang, firstLetters(words))]).then(function (v) {
      var there = v[0], here = v[1];
      var known = words.filter(function (w) { return there[w] && (!here[w] || count(there[w]) > 3 * count(here[w])); });
      if (!known.length || known.length * 2 < words.length) return null;
      var prefix = other === "fr" ? "" : other + "/";
      var link = new URL(prefix + "search/", root);
      link.searchParams.set("q", query);
      /* Its results come first when every word is of the other language, when a word taken for a
         typo here is written there as typed, or when they match more of the words. */
      var fixed = plan.corrections.map(function (c) { return c[0]; }).filter(function (w) { return there[w]; });
      var sum = function (v) { return words.reduce(function (n, w) { return n + count(v[w]); }, 0); };
      var first = known.length === words.length || fixed.length > 0 || sum(there) > 3 * sum(here);
      return synonyms(other).then(function (groups) {
        return analyse(query, groups, other).then(function (theirs) { return rankWords(other, theirs.terms); });
      }).then(function (found) {
        if (found.ranked.length && found.ranked[0].matched > plan.best) first = true;
        return Promise.all(found.ranked.slice(0, 5).map(function (r) { return r.data(); }));
      }).then(function (data) {
        return { lang: other, link: link.href, first: first, words: fixed, items: data.filter(Boolean).map(function (d) {
          return { url: new URL(d.url, root).href, title: (d.meta && d.meta.title) || d.url, kind: d.meta && d.meta.kind,
            date: d.meta && d.meta.date, validity: validityOn(d.meta), excerpt: d.excerpt, lang: other };
        }) };
      }).catch(function () { return { lang: other, link: link.href, items: [] }; });
    });
  }
  /* The other language's pages for the query's terms, from its word index (search/wordpages.py:
     a few kB of buckets and cards instead of that language's whole Pagefind, 185 kB at 20,000
     pages), ranked as `rank` ranks: how many terms a page matches, then their weights. */
  function wordIndex(l, name, version) {
    var k = l + "/" + name;
    /* index.json revalidated, the other files named with its hash: never a cached file of an
       earlier build (whose page numbers differ) beside the new ones */
    if (!wordFiles[k]) wordFiles[k] = name === "index" ? json("wordpages/" + k + ".json", { cache: "no-cache" })
      : json("wordpages/" + k + ".json?v=" + encodeURIComponent(version || ""));
    return wordFiles[k];
  }
  /* A folded word's key, as search/wordpages.key computes it (tested against it). */
  function wordKey(word, l) {
    if (word.length < 5 || /^\d+$/.test(word)) return word;
    if (l === "fr") return word.replace(/aux$/, "al").replace(/[sx]$/, "").replace(/ive$/, "if").replace(/euse$/, "eur").replace(/e+$/, "");
    if (l === "nl" && word.length >= 6) return word.replace(/(en|s|e)$/, "");
    return word;
  }
  /* FNV-1a (32 bits) of the key, modulo the bucket count: search/wordpages.bucket_of. */
  function bucketOf(k, buckets) {
    var h = 0x811c9dc5;
    for (var i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193) >>> 0;
    return h % buckets;
  }
  function rankWords(l, terms) {
    return wordIndex(l, "index").then(function (info) {
      if (!info || !info.buckets) throw new Error("no word index for " + l);
      var forms = terms.map(function (term) {  // per term, per search: the keys it needs, all of them
        return term.searches.slice(0, 6).map(function (s) {
          return fold(String(s)).split(/[^a-z0-9]+/).filter(Boolean).map(function (w) { return wordKey(w, l); });
        });
      });
      var names = {};
      forms.forEach(function (f) { f.forEach(function (keys) { keys.forEach(function (k) { names["b" + bucketOf(k, info.buckets)] = true; }); }); });
      return Promise.all(Object.keys(names).map(function (n) { return wordIndex(l, n, info.v); })).then(function (parts) {
        var flat = Object.create(null), decoded = Object.create(null);  // no word is "constructor"
        parts.forEach(function (part) { Object.keys(part || {}).forEach(function (k) { flat[k] = part[k]; }); });
        function pagesOf(k) {  // {page: weight}, from [bitset of a frequent word's pages, page delta, weight, ...]
          if (decoded[k]) return decoded[k];
          var out = {}, list = flat[k] || [], page = 0, start = 0;
          if (typeof list[0] === "string") {  // its other pages match it too, weighing little
            var bits = atob(list[0]);
            for (var b = 0; b < bits.length; b++) {
              var byte = bits.charCodeAt(b);
              for (var j = 0; byte && j < 8; j++) if (byte & (1 << j)) out[b * 8 + j] = 1;
            }
            start = 1;
          }
          for (var i = start; i + 1 < list.length; i += 2) { page += list[i]; out[page] = list[i + 1]; }
          return (decoded[k] = out);
        }
        /* (ties in page order: the pages' keys are numbers, listed in order, and the sort is stable) */
        var found = ordered(tally(forms.map(function (f, t) {
          var best = {};
          f.forEach(function (keys, index) {
            if (!keys.length) return;
            var weight = searchWeight(terms[t], index);
            Object.keys(pagesOf(keys[0])).forEach(function (page) {
              var score = 0;
              for (var w = 0; w < keys.length; w++) {  // a phrase: every word on the page, weighed as one
                var s = pagesOf(keys[w])[page];
                if (!s) return;
                score += s / keys.length;
              }
              if (!best[page] || best[page].score < score * weight) best[page] = { score: score * weight };
            });
          });
          return best;
        })), terms.length);
        found.ranked.forEach(function (p) {
          var id = +p.id;
          p.data = function () {
            return wordIndex(l, "c" + Math.floor(id / info.cards), info.v).then(function (cards) {
              var c = (cards || [])[id % info.cards];
              if (!c || typeof c[0] !== "string") return null;  // a card missing: no empty result
              return { url: c[0], meta: { title: c[1], kind: c[2], date: c[3], validity: c[4], period: c[5] },
                excerpt: "" };
            });
          };
        });
        return found;
      });
    });
  }

  // --- showing ---------------------------------------------------------------------------------
  /* An answer's mark on the reader's day in Brussels (regkb.js's day): "FROM|UNTIL|before|after"
     (pages/facets.py) when it changes after the build; the build day's mark otherwise. */
  function validityOn(meta) {
    if (!meta) return "";
    var period = typeof meta.period === "string" ? meta.period.split("|") : null;
    var day = window.regkbToday ? window.regkbToday() : null;
    if (!period || period.length !== 4 || !day) return meta.validity || "";
    if (period[0] && day < period[0]) return period[2];
    if (period[1] && day >= period[1]) return period[3];
    return "";
  }
  function item(item) {
    var facts = [item.direct ? '<span class="regkb-search-direct">' + escapeHtml(text.direct) + "</span>" : "",
      item.kind ? '<span class="regkb-search-kind">' + escapeHtml(item.kind) + "</span>" : "",
      item.date ? '<time datetime="' + escapeHtml(item.date) + '">' + escapeHtml(formatDate(item.date)) + "</time>" : "",
      // an answer outside its valid_from/valid_until period (pages/facets.py): said in the result
      item.validity ? '<strong class="regkb-search-validity">' + escapeHtml(item.validity) + "</strong>" : ""]
      .filter(Boolean).join(" · ");
    return '<li class="md-search-result__item"' + (item.lang ? ' lang="' + escapeHtml(item.lang) + '"' : "") +
      '><a href="' + escapeHtml(item.url) + '" class="md-search-result__link">' +  // reachable with Tab (a11y test)
      '<article class="md-search-result__article md-typeset"><h2 class="regkb-search-title">' + escapeHtml(item.title) + "</h2>" +
      '<p class="regkb-search-facts">' + facts + "</p>" + (item.excerpt ? "<p>" + item.excerpt + "</p>" : "") +
      "</article></a></li>";
  }
  /* The query with its unknown words replaced by their corrections. */
  function corrected(query, corrections) {
    var out = fold(query);
    corrections.forEach(function (c) { out = out.replace(new RegExp("(^|[^a-z0-9])" + c[0] + "(?![a-z0-9])"), "$1" + c[1]); });
    return out;
  }
  function render(list, status, result, query, notice) {
    var others = result.other ? result.other.items : [];
    /* a direct hit (an identifier the query names) stays first, even before the other language */
    var direct = result.items.filter(function (i) { return i.direct; }).map(item).join("");
    var mine = result.items.filter(function (i) { return !i.direct; }).map(item).join(""), theirs = others.map(item).join("");
    list.innerHTML = direct + (result.other && result.other.first ? theirs + mine : mine + theirs);
    var n = result.total + others.length, k = result.items.length + others.length;
    /* the count is of the pages found; when the list shows fewer, it says how many it shows */
    status.textContent = n === 0 ? text.none : n === 1 ? text.one : k < n ? fill(text.some, { n: n, k: k }) : fill(text.many, { n: n });
    var parts = [];
    /* nothing found: what to try instead (catalogue search_box.noneHelp), not a bare "no results" */
    if (n === 0 && text.noneHelp) parts.push("<p data-regkb-no-results>" + escapeHtml(text.noneHelp) + "</p>");
    if (result.corrections && result.corrections.length) {
      var fixed = corrected(query, result.corrections);
      parts.push('<p data-regkb-suggestion>' + escapeHtml(text.didYouMean[0]) + '<a href="#" data-regkb-suggest="' + escapeHtml(fixed) +
        '">' + escapeHtml(fixed) + "</a>" + escapeHtml(text.didYouMean[1]) + " " + escapeHtml(fill(text.showing, { q: fixed })) + "</p>");
    }
    if (result.partial) parts.push("<p data-regkb-partial>" + escapeHtml(text.partial) + "</p>");
    if (result.other) {
      parts.push('<p data-regkb-other-lang="' + escapeHtml(result.other.lang) + '">' + escapeHtml(text.other) + ' <a href="' +
        escapeHtml(result.other.link) + '" hreflang="' + escapeHtml(result.other.lang) + '">' +
        escapeHtml(fill(text.otherLink, { q: query })) + "</a></p>");
    }
    notice.innerHTML = parts.join("");
    notice.hidden = !parts.length;
  }

  function attach(container, options) {
    var input = container.querySelector("[data-regkb-query]");
    var list = container.querySelector("[data-regkb-results]");
    var status = container.querySelector("[data-regkb-search-status]");
    var notice = document.createElement("div");
    notice.className = "regkb-search-notice";
    notice.setAttribute("data-regkb-search-notice", "");
    notice.setAttribute("aria-live", "polite");
    notice.hidden = true;
    list.parentNode.insertBefore(notice, list);
    notice.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("[data-regkb-suggest]");
      if (!link) return;
      event.preventDefault();
      input.value = link.getAttribute("data-regkb-suggest");
      update();
    });
    var timer = null, counter = 0;
    function update() {
      var query = input.value.trim();
      var mine = ++counter;
      if (query.length < 2) {
        list.innerHTML = "";
        notice.innerHTML = "";
        notice.hidden = true;
        status.textContent = query ? text.type : "";
        return;
      }
      status.textContent = text.loading;
      container.setAttribute("data-regkb-busy", "");
      run(query, options.filters ? options.filters() : null).then(function (result) {
        if (mine !== counter) return;
        render(list, status, result, query, notice);
        if (options.more) options.more(query);
        container.removeAttribute("data-regkb-busy");
        container.setAttribute("data-regkb-done", query);
      }).catch(function (error) {
        if (mine !== counter) return;
        status.textContent = text.error;
        container.removeAttribute("data-regkb-busy");
        if (window.console) console.error(error);
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first && options.header) { event.preventDefault(); window.location.href = first.href; }
      }
    });
    return { input: input, update: update };
  }

  // --- the header box --------------------------------------------------------------------------
  var toggle = document.getElementById("__search");
  var header = attach(box, {
    header: true,
    more: function (query) {
      var link = box.querySelector(".regkb-search-more");
      var page = new URL(box.getAttribute("data-search-page"), document.baseURI);
      page.searchParams.set("q", query);
      if (!link) {
        link = document.createElement("a");
        link.className = "regkb-search-more";
        box.querySelector(".md-search-result").appendChild(link);
      }
      link.href = page.href;
      link.textContent = text.all;
    }
  });
  function open() {
    if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    header.input.focus();
  }
  function close() {
    if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    header.input.blur();
  }
  header.input.addEventListener("focus", function () {
    if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    pagefind(); // start loading while the reader types
  });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) header.input.focus(); });
  box.querySelector("form").addEventListener("reset", function () { setTimeout(header.update, 0); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    if (event.key === "Escape" && toggle && toggle.checked) { event.preventDefault(); close(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") { event.preventDefault(); open(); }
  });

  // --- the search page -------------------------------------------------------------------------
  var page = document.querySelector("[data-regkb-search=page]");
  if (page) {
    var nojs = document.querySelector("[data-regkb-nojs]");
    if (nojs) nojs.hidden = true;
    var filtersBox = page.querySelector("[data-regkb-filters]");
    var selects = {};
    var pageSearch = attach(page, {
      filters: function () {
        var chosen = {};
        Object.keys(selects).forEach(function (name) { if (selects[name].value) chosen[name] = selects[name].value; });
        return Object.keys(chosen).length ? chosen : null;
      }
    });
    page.addEventListener("submit", function (event) { event.preventDefault(); pageSearch.update(); });
    pagefind().then(function (pf) { return pf.filters(); }).then(function (available) {
      ["kind", "year", "sector", "audience"].forEach(function (name) {
        var values = Object.keys((available || {})[name] || {}).sort();
        if (name === "year") values.reverse();
        if (!values.length) return;
        var id = "regkb-filter-" + name;
        var label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = text.filters[name];
        var select = document.createElement("select");
        select.id = id;
        select.name = name;
        select.innerHTML = '<option value="">' + escapeHtml(text.any) + "</option>" + values.map(function (v) {
          return '<option value="' + escapeHtml(v) + '">' + escapeHtml(v) + "</option>";
        }).join("");
        select.addEventListener("change", pageSearch.update);
        selects[name] = select;
        var field = document.createElement("span");
        field.className = "regkb-search-filter";
        field.appendChild(label);
        field.appendChild(select);
        filtersBox.appendChild(field);
      });
      filtersBox.hidden = !Object.keys(selects).length;
    }).catch(function () {});
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      pageSearch.input.value = initial;
      pageSearch.update();
    }
  }
})();
