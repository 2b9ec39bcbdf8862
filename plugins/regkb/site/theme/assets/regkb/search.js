/* regkb site search: the header box and the search page, driven by Pagefind.
 *
 * - Pagefind (/pagefind/pagefind.js) picks the index of the page's <html lang>: French or Dutch,
 *   with its stemming; only its few chunks for the query's words are downloaded.
 * - Identifiers ("2024/7", "AR 3 juillet 1996", "art. 7 KB 3 juli 1996", NUMAC, code 560011) are
 *   matched against the shard of assets/regkb/ids/<lang>/ that the query names (fetched only for
 *   queries with digits) and shown first.
 * - Abbreviations and synonyms (assets/regkb/synonyms.<lang>.json, from search/synonyms.yml): the
 *   query is also run with each synonym, and the results merged by score.
 * Keyboard: "/" or "s" focuses the box, Esc closes it.
 */
(function () {
  "use strict";

  var TEXT = {
    fr: {
      loading: "Recherche…", none: "Aucun résultat", one: "1 résultat", many: "{n} résultats",
      direct: "Accès direct", error: "La recherche n'a pas pu se charger.", all: "Tous les résultats et les filtres",
      type: "Tapez au moins deux caractères", any: "Tous",
      filters: { kind: "Type", year: "Année", sector: "Secteur", audience: "Public" },
      article: "art. {n}", code: "code {c}"
    },
    nl: {
      loading: "Zoeken…", none: "Geen resultaten", one: "1 resultaat", many: "{n} resultaten",
      direct: "Rechtstreeks", error: "De zoekfunctie kon niet worden geladen.", all: "Alle resultaten en filters",
      type: "Typ minstens twee tekens", any: "Alle",
      filters: { kind: "Soort", year: "Jaar", sector: "Sector", audience: "Doelgroep" },
      article: "art. {n}", code: "code {c}"
    }
  };
  var MONTHS = {
    janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, septembre: 9,
    octobre: 10, novembre: 11, decembre: 12, januari: 1, februari: 2, maart: 3, april: 4, mei: 5,
    juni: 6, juli: 7, augustus: 8, oktober: 10
  };
  var KINDS = [
    ["royal-decree", /\b(a\.?r\.?|arrete royal|k\.?b\.?|koninklijk besluit)(?=\s|$|\b)/],
    ["ministerial-decree", /\b(a\.?m\.?|arrete ministeriel|ministerieel besluit)(?=\s|$|\b)/],
    ["law", /\b(loi|wet)\b/]
  ];
  var MAX_RESULTS = 10;
  var MAX_VARIANTS = 4;
  var SYNONYM_WEIGHT = 0.7;

  var lang = (document.documentElement.lang || "fr").slice(0, 2).toLowerCase();
  var text = TEXT[lang] || TEXT.fr;
  var box = document.querySelector("[data-regkb-search=header]");
  if (!box) return;
  var root = new URL(box.getAttribute("data-root") || ".", document.baseURI).href.replace(/\/?$/, "/");
  var pagefindPromise = null, synonymsPromise = null, shards = {};

  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
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
  function json(name) {
    return fetch(root + "assets/regkb/" + name).then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  // --- Pagefind --------------------------------------------------------------------------------
  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(root + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: new URL(root).pathname, excerptLength: 24 }).then(function () {
          return pf.init ? pf.init() : null;
        }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }
  function synonyms() {
    if (!synonymsPromise) synonymsPromise = json("synonyms." + lang + ".json").then(function (d) { return d || []; });
    return synonymsPromise;
  }
  /* One shard of the identifier map (assets/regkb/ids/<lang>/<name>.json), fetched once. */
  function shard(name) {
    if (!shards[name]) shards[name] = json("ids/" + lang + "/" + name + ".json").then(function (d) { return d || {}; });
    return shards[name];
  }

  /* The query, and the query with each synonym of a term it contains (whole words, accents ignored). */
  function variants(query, groups) {
    var folded = " " + fold(query) + " ";
    var out = [query];
    groups.forEach(function (group) {
      group.forEach(function (term) {
        var needle = " " + fold(String(term)) + " ";
        if (out.length >= MAX_VARIANTS || folded.indexOf(needle) < 0) return;
        group.forEach(function (other) {
          if (other === term || out.length >= MAX_VARIANTS) return;
          out.push(folded.replace(needle, " " + String(other) + " ").trim());
        });
      });
    });
    return out;
  }

  // --- identifiers -----------------------------------------------------------------------------
  function findDate(q) {
    var m = /\b(\d{1,2})(?:er|e|ste)?\s+([a-z]+)\s+(\d{4})\b/.exec(q);
    if (m && MONTHS[m[2]]) return { iso: iso(m[3], MONTHS[m[2]], m[1]), match: m[0] };
    m = /\b(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})\b/.exec(q);
    if (m) return { iso: iso(m[3], m[2], m[1]), match: m[0] };
    m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(q);
    if (m) return { iso: m[0], match: m[0] };
    return null;
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
    var circ = /\b(\d{4})\s*\/\s*(\d{1,4})\b/.exec(rest);
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
        var art = /\bart(?:icle|ikel|\.)?\s*(\d+(?:\/\d+)?)\s*(?:er|e|ste)?\s*(bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)?\b/.exec(rest);
        (typed.length ? typed : candidates).forEach(function (e) {
          var number = art ? art[1].replace("/", "-") + (art[2] || "") : null;
          if (number && e[4].indexOf(number) >= 0) {
            hits.push(target(e, "art-" + number, fill(text.article, { n: art[1] + (art[2] || "") })));
          }
          hits.push(target(e));
        });
      }
      if (circ) {
        /* The same number exists in several series (OA, kiné, logo): the series named in the query first. */
        ((got[1].circ || {})[circ[1] + "/" + circ[2]] || []).slice().sort(function (a, b) {
          return named(q, b[1]) - named(q, a[1]);
        }).forEach(function (e) { hits.push(target(e)); });
      }
      var byNumac = numac && (got[2].numac || {})[numac[1]];
      if (byNumac) hits.push(target(byNumac));
      var byCode = code && (got[3].codes || {})[code[1]];
      if (byCode) hits.push(target(byCode, byCode[5], fill(text.code, { c: code[1] })));
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
      var pf = got[0], groups = got[1], direct = got[2];
      var searches = variants(query, groups).map(function (v) {
        return pf.search(v, filters ? { filters: filters } : {});
      });
      return Promise.all(searches).then(function (all) {
        var best = {};
        all.forEach(function (search, index) {
          var weight = index === 0 ? 1 : SYNONYM_WEIGHT; // the reader's own words first
          (search && search.results || []).forEach(function (r) {
            var score = r.score * weight;
            if (!best[r.id] || best[r.id].score < score) best[r.id] = { id: r.id, score: score, data: r.data };
          });
        });
        var ranked = Object.keys(best).map(function (k) { return best[k]; })
          .sort(function (a, b) { return b.score - a.score; });
        return Promise.all(ranked.slice(0, MAX_RESULTS).map(function (r) { return r.data(); })).then(function (data) {
          var seen = {};
          direct.forEach(function (d) { seen[d.url] = true; seen[d.url.split("#")[0]] = true; });
          var found = data.filter(function (d) {
            var url = new URL(d.url, root).href;
            if (seen[url]) return false;
            seen[url] = true;
            return true;
          }).map(function (d) {
            return {
              url: new URL(d.url, root).href, title: (d.meta && d.meta.title) || d.url,
              kind: d.meta && d.meta.kind, date: d.meta && d.meta.date, excerpt: d.excerpt
            };
          });
          var unique = {};
          direct = direct.filter(function (d) { return unique[d.url] ? false : (unique[d.url] = true); });
          return { items: direct.concat(found), total: direct.length + ranked.length };
        });
      });
    });
  }

  function render(list, status, result, query) {
    list.innerHTML = result.items.map(function (item) {
      var facts = [item.direct ? '<span class="regkb-search-direct">' + escapeHtml(text.direct) + "</span>" : "",
        item.kind ? '<span class="regkb-search-kind">' + escapeHtml(item.kind) + "</span>" : "",
        item.date ? '<time datetime="' + escapeHtml(item.date) + '">' + escapeHtml(formatDate(item.date)) + "</time>" : ""]
        .filter(Boolean).join(" · ");
      return '<li class="md-search-result__item"><a href="' + escapeHtml(item.url) + '" class="md-search-result__link">' +  // reachable with Tab (a11y test)
        '<article class="md-search-result__article md-typeset"><h2 class="regkb-search-title">' + escapeHtml(item.title) + "</h2>" +
        '<p class="regkb-search-facts">' + facts + "</p>" + (item.excerpt ? "<p>" + item.excerpt + "</p>" : "") +
        "</article></a></li>";
    }).join("");
    var n = result.total;
    status.textContent = n === 0 ? text.none : n === 1 ? text.one : fill(text.many, { n: n });
  }

  function attach(container, options) {
    var input = container.querySelector("[data-regkb-query]");
    var list = container.querySelector("[data-regkb-results]");
    var status = container.querySelector("[data-regkb-search-status]");
    var timer = null, counter = 0;
    function update() {
      var query = input.value.trim();
      var mine = ++counter;
      if (query.length < 2) {
        list.innerHTML = "";
        status.textContent = query ? text.type : "";
        return;
      }
      status.textContent = text.loading;
      container.setAttribute("data-regkb-busy", "");
      run(query, options.filters ? options.filters() : null).then(function (result) {
        if (mine !== counter) return;
        render(list, status, result, query);
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
