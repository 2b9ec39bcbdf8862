/* regkb: keep statuses right on the reader's day, and "as in force on" navigation.
   The page was built on one day and is read on later days: dates travel as data attributes. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "fr").slice(0, 2);
  /* BEGIN words: generated from catalogue/*.yml (python -m regkb.catalogue.scripts --write), do not edit */
  var WORDS = {"fr": {"days": ["1er", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31"], "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"], "status": {"expired": "Expirée", "in-force": "En vigueur", "newer": "Une version plus récente est en vigueur depuis le ", "past": "Remplacée", "read": "Lire la version en vigueur", "repealed": "Abrogé", "upcoming": "À venir"}}, "nl": {"days": ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31"], "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"], "status": {"expired": "Verlopen", "in-force": "Van kracht", "newer": "Een nieuwere versie is van kracht sinds ", "past": "Vervangen", "read": "Lees de versie die van kracht is", "repealed": "Opgeheven", "upcoming": "Toekomstig"}}};
  /* END words */
  // An added language's words come with its pages (catalogue/scripts.py); French and Dutch are above.
  var own = document.getElementById("regkb-words"), W = null;
  try { W = own ? JSON.parse(own.textContent) : null; } catch (e) { W = null; }
  W = W || WORDS[lang] || WORDS.fr;
  var L = W.status;

  /* BEGIN status rules: generated from core/status_rules.py, do not edit */
  var RULES = {"default": "in-force", "rules": [["upcoming", "before", "from"], ["repealed", "on_or_after", "repealed"], ["past", "on_or_after", "until"]], "zone": "Europe/Brussels"};
  /* END status rules */

  function p2(n) { return (n < 10 ? "0" : "") + n; }
  // A real calendar day written YYYY-MM-DD (2026-13-01 and 2026-02-29 are not).
  function isDay(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text || "")) return false;
    var d = new Date(Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)));
    return d.getUTCFullYear() + "-" + p2(d.getUTCMonth() + 1) + "-" + p2(d.getUTCDate()) === text;
  }
  // The legal day is Belgium's: the calendar day in Brussels at `now`, whatever the device's zone.
  function legalDay(now) {
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-US", { timeZone: RULES.zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
      var day = parts.year + "-" + parts.month + "-" + parts.day;
      if (isDay(day)) return day;
    } catch (e) { /* no time zone data: Belgium's rule below */ }
    return belgianDay(now);
  }
  // Without time zone data (old browsers), Belgium's own rule, not the device's day: UTC+1, and
  // UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
  function belgianDay(now) {
    var t = now.getTime(), year = now.getUTCFullYear();
    function lastSunday(month) {
      var last = new Date(Date.UTC(year, month + 1, 0, 1));
      return last.getTime() - last.getUTCDay() * 86400000;
    }
    var local = new Date(t + (t >= lastSunday(2) && t < lastSunday(9) ? 2 : 1) * 3600000);
    return local.getUTCFullYear() + "-" + p2(local.getUTCMonth() + 1) + "-" + p2(local.getUTCDate());
  }
  function today() {
    var forced = new URLSearchParams(window.location.search).get("today");
    if (isDay(forced)) return forced;
    return legalDay(new Date());
  }
  window.regkbToday = today;  // the search box's marks follow the same day (search.js)
  function human(iso, words) {
    var w = words || W, parts = iso.split("-"), day = parseInt(parts[2], 10);
    return (w.days[day - 1] || String(day)) + " " + w.months[parseInt(parts[1], 10) - 1] + " " + parts[0];
  }
  // On paper, the day the reader consulted the page (main.html, the FR ‖ NL pages), in the
  // language of its line: the build day alone would date a page printed months later.
  function consulted(day) {
    document.querySelectorAll("[data-regkb-consulted]").forEach(function (el) {
      var time = el.querySelector("time"), own = (el.closest("[lang]") || document.documentElement).lang.slice(0, 2);
      if (!time) return;
      time.setAttribute("datetime", day);
      time.textContent = human(day, own === lang ? W : WORDS[own]);
      el.hidden = false;
    });
  }
  // The first rule that holds gives the status (the table is Python's, see above).
  function status(from, until, repealed, day) {
    var fields = { from: from, until: until, repealed: repealed };
    for (var i = 0; i < RULES.rules.length; i++) {
      var rule = RULES.rules[i], value = fields[rule[2]];
      if (!value) continue;
      if (rule[1] === "before" ? day < value : day >= value) return rule[0];
    }
    return RULES["default"];
  }

  function refresh() {
    var day = today();
    document.querySelectorAll("[data-regkb-status]").forEach(function (el) {
      var s = status(el.dataset.from, el.dataset.until, el.dataset.repealed, day);
      var key = s === "repealed" && el.dataset.kind === "convention" ? "expired" : s;
      el.className = "regkb-status regkb-status--" + s;
      el.textContent = L[key];
    });
    // An answer's period notices (valid_from, valid_until): the one of the reader's day is shown.
    document.querySelectorAll("[data-regkb-answer-when]").forEach(function (el) {
      el.hidden = status(el.dataset.from, "", el.dataset.repealed, day) !== el.dataset.regkbAnswerWhen;
    });
    agenda(day);
    consulted(day);
    // A link to an article repealed later while the citing text applies: "(abrogé le …)" from that
    // day (the day is in a class: the sanitizer of authors' texts keeps classes, not data-*)
    document.querySelectorAll(".regkb-ref-repealed").forEach(function (el) {
      var due = /(?:^|\s)regkb-ref-from-(\d{4}-\d{2}-\d{2})(?:\s|$)/.exec(el.className);
      if (due) el.classList.toggle("regkb-ref-due", day >= due[1]);
    });
    // "as in force on" proposes the reader's day, not the build day (unless the reader typed one)
    document.querySelectorAll("form[data-regkb-asof] input[type=date]").forEach(function (input) {
      if (input.value === input.defaultValue && input.defaultValue !== day) input.value = input.defaultValue = day;
    });
    var dataEl = document.getElementById("regkb-doc");
    if (!dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    var inForce = null, shown = null, next = null;
    data.versions.forEach(function (v, i) {
      if (status(v.from, v.until, data.repealed, day) === "in-force") inForce = v;
      if (v.key === data.shown) { shown = v; next = data.versions[i + 1] || null; }
    });
    var shownStatus = shown ? status(shown.from, shown.until, data.repealed, day) : null;
    // Build-day banners: each holds for one status of the version shown (see document.py _holds).
    document.querySelectorAll("[data-regkb-when]").forEach(function (el) {
      var when = el.dataset.regkbWhen;
      el.hidden = when === "next"
        ? !(shownStatus === "in-force" && next && next.from > day)
        : shownStatus !== when;
    });
    // schema.org's legal force of the version shown, for the crawlers that run the script
    document.querySelectorAll('script[type="application/ld+json"]').forEach(function (script) {
      var ld;
      try { ld = JSON.parse(script.textContent); } catch (e) { return; }
      if (!shownStatus || !ld || !ld.legislationLegalForce) return;
      var force = "https://schema.org/" + (shownStatus === "in-force" ? "InForce" : "NotInForce");
      if (ld.legislationLegalForce !== force) { ld.legislationLegalForce = force; script.textContent = JSON.stringify(ld); }
    });
    // An article's page: another text of the article (or none) applies on the reader's day.
    var article = document.querySelector("[data-regkb-article-newer]");
    if (article) {
      var line = article.firstElementChild, end = shown && (shown.until || data.repealed), show = false;
      line.textContent = "";
      if (inForce && (!shown || inForce.key !== shown.key)) {
        show = true;
        line.appendChild(document.createTextNode(article.dataset.newer.replace("{date}", human(inForce.from)) + " "));
        var to = document.createElement("a");
        to.href = inForce.url; to.textContent = article.dataset.link;
        line.appendChild(to);
      } else if (!inForce && end && day >= end) {
        show = true;
        line.textContent = article.dataset.ended.replace("{date}", human(end));
      }
      article.hidden = !show;
    }
    var banner = document.querySelector("[data-regkb-newer]");
    var newer = !!(banner && data.stable && inForce && shown && shownStatus === "past" && inForce.from > shown.from);
    if (banner) banner.hidden = !newer;
    if (newer) {
      banner.firstElementChild.textContent = "";
      banner.firstElementChild.appendChild(document.createTextNode(L.newer + human(inForce.from) + ". "));
      var a = document.createElement("a");
      a.href = inForce.url; a.textContent = L.read;
      banner.firstElementChild.appendChild(a);
    }
  }
  // The agenda, built on one day and read on later ones: an entry of "coming" whose day has passed
  // goes to the top of "recent", under its month (recent is latest first); emptied months go.
  function agenda(day) {
    var coming = document.getElementById("coming"), recent = document.getElementById("recent");
    if (!coming || !recent || coming.parentNode !== recent.parentNode) return;
    var passed = [];
    for (var el = coming.nextElementSibling; el && el !== recent; el = el.nextElementSibling) {
      el.querySelectorAll("li.regkb-agenda-entry").forEach(function (li) {
        var time = li.querySelector("time");
        if (time && time.getAttribute("datetime") < day) passed.push(li);
      });
    }
    var parent = recent.parentNode, none = recent.nextElementSibling;
    passed.forEach(function (li) {  // soonest first: each goes above those moved before it
      var list = li.parentNode, month = list.previousElementSibling;
      var id = month.id.replace(/^coming-/, "recent-"), target = document.getElementById(id);
      if (!target) {
        target = month.cloneNode(true);
        target.id = id;
        var ul = document.createElement("ul");
        ul.className = list.className;
        parent.insertBefore(ul, none.nextSibling);
        parent.insertBefore(target, ul);
      }
      target.nextElementSibling.insertBefore(li, target.nextElementSibling.firstChild);
      if (!list.children.length) { parent.removeChild(list); parent.removeChild(month); }
    });
    [coming, recent].forEach(function (h2) {
      var empty = h2.nextElementSibling, next = empty && empty.nextElementSibling;
      if (empty && empty.classList.contains("regkb-agenda-empty")) empty.hidden = !!(next && next.tagName === "H3");
    });
  }
  // "As in force on": bound once; the day typed is checked against the same rules.
  function bindForms() {
    var dataEl = document.getElementById("regkb-doc");
    if (!dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    document.querySelectorAll("form[data-regkb-asof]").forEach(function (form) {
      function on(versions, value) {
        var found = null;
        versions.forEach(function (v) { if (status(v.from, v.until, data.repealed, value) === "in-force") found = v; });
        return found;
      }
      function say(message) {
        form.querySelector("input[type=date]").setAttribute("aria-invalid", "true");
        form.querySelector("output").textContent = message;
      }
      form.addEventListener("submit", function (event) {
        var input = form.querySelector("input[type=date]"), value = input.value;
        var first = data.first || (data.versions[0] && data.versions[0].from), found = null, message = null;
        event.preventDefault();
        var before = form.dataset.before || form.dataset.none, after = form.dataset.after || form.dataset.none;
        if (!isDay(value)) message = form.dataset.invalid || form.dataset.none;
        else if (first && value < first) message = before.replace("{date}", human(value)).replace("{first}", human(first));
        else if (data.repealed && value >= data.repealed) message = after.replace("{date}", human(value));
        else {
          found = on(data.versions, value);
          if (!found && data.all) {
            /* a version page of a much-amended text lists its neighbours only: the whole list is
               beside the text's page (its addresses relative to it); offline, the list of versions */
            var list = new URL(data.all, window.location.href);
            fetch(list).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); }).then(function (all) {
              var hit = on(all.versions, value);
              if (hit) window.location.href = new URL(hit.url, list).href;
              else say(form.dataset.none);
            }).catch(function () { window.location.href = new URL("./#versions", list).href; });
            return;
          }
          if (!found) message = form.dataset.none;
        }
        if (found) { window.location.href = found.url; return; }
        say(message);
      });
      form.querySelector("input[type=date]").addEventListener("input", function (event) {
        event.target.removeAttribute("aria-invalid");
        form.querySelector("output").textContent = "";
      });
    });
  }
  function start() {
    refresh();
    bindForms();
    // a page left open past midnight in Brussels (or brought back later) shows the new day's statuses
    document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
    window.addEventListener("beforeprint", function () { consulted(today()); });
  }
  window.regkbDates = { legalDay: legalDay, belgianDay: belgianDay, today: today, status: status, isDay: isDay, refresh: refresh };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
