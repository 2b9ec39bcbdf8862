/* regkb: keep statuses right on the reader's day, and "as in force on" navigation.
   The page was built on one day and is read on later days: dates travel as data attributes. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "fr").slice(0, 2);
  var L = {
    fr: { "in-force": "En vigueur", upcoming: "À venir", past: "Remplacée", repealed: "Abrogé", expired: "Expirée",
          newer: "Une version plus récente est en vigueur depuis le ", read: "Lire la version en vigueur",
          months: ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"] },
    nl: { "in-force": "Van kracht", upcoming: "Toekomstig", past: "Vervangen", repealed: "Opgeheven", expired: "Verlopen",
          newer: "Een nieuwere versie is van kracht sinds ", read: "Lees de versie die van kracht is",
          months: ["januari","februari","maart","april","mei","juni","juli","augustus","september","oktober","november","december"] }
  }[lang === "nl" ? "nl" : "fr"];

  function today() {
    var forced = new URLSearchParams(window.location.search).get("today");
    if (forced && /^\d{4}-\d{2}-\d{2}$/.test(forced)) return forced;
    var d = new Date();
    var p = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  }
  function human(iso) {
    var parts = iso.split("-"), day = parseInt(parts[2], 10);
    var first = lang === "fr" && day === 1 ? "1er" : String(day);
    return first + " " + L.months[parseInt(parts[1], 10) - 1] + " " + parts[0];
  }
  function status(from, until, repealed, day) {
    if (from > day) return "upcoming";
    if (repealed && day >= repealed) return "repealed";
    if (until && day >= until) return "past";
    return "in-force";
  }

  function refresh() {
    var day = today();
    document.querySelectorAll("[data-regkb-status]").forEach(function (el) {
      var s = status(el.dataset.from, el.dataset.until, el.dataset.repealed, day);
      var key = s === "repealed" && el.dataset.kind === "convention" ? "expired" : s;
      el.className = "regkb-status regkb-status--" + s;
      el.textContent = L[key];
    });
    var dataEl = document.getElementById("regkb-doc");
    if (!dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    var inForce = null, shown = null, next = null;
    data.versions.forEach(function (v, i) {
      if (v.from <= day && (!v.until || day < v.until)) inForce = v;
      if (v.key === data.shown) { shown = v; next = data.versions[i + 1] || null; }
    });
    if (inForce && data.repealed && day >= data.repealed) inForce = null;
    var shownStatus = shown ? status(shown.from, shown.until, data.repealed, day) : null;
    // Build-day banners: each holds for one status of the version shown (see document.py _holds).
    document.querySelectorAll("[data-regkb-when]").forEach(function (el) {
      var when = el.dataset.regkbWhen;
      el.hidden = when === "next"
        ? !(shownStatus === "in-force" && next && next.from > day)
        : shownStatus !== when;
    });
    var banner = document.querySelector("[data-regkb-newer]");
    if (banner && data.stable && inForce && shown && shownStatus === "past" && inForce.from > shown.from) {
      banner.hidden = false;
      banner.firstElementChild.textContent = "";
      banner.firstElementChild.appendChild(document.createTextNode(L.newer + human(inForce.from) + ". "));
      var a = document.createElement("a");
      a.href = inForce.url; a.textContent = L.read;
      banner.firstElementChild.appendChild(a);
    }
    document.querySelectorAll("form[data-regkb-asof]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var value = form.querySelector("input[type=date]").value;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
        var found = null;
        data.versions.forEach(function (v) { if (v.from <= value && (!v.until || value < v.until)) found = v; });
        if (found && data.repealed && value >= data.repealed) found = null;
        event.preventDefault();
        if (found) { window.location.href = found.url; }
        else { form.querySelector("output").textContent = form.dataset.none; }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", refresh);
  else refresh();
})();
