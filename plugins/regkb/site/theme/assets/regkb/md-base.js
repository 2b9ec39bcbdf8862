/* Material's inline partials/javascripts/base.html, as a file (Content-Security-Policy without
   'unsafe-inline'). The scope is the site root: two folders above this script (assets/regkb/). */
(function () {
  var script = document.currentScript;
  var scope = script && script.dataset.scope;
  window.__md_scope = scope ? new URL(scope, location) : new URL("../../", script ? script.src : location);
  window.__md_hash = function (e) { return Array.from(e).reduce(function (e, _) { return (e << 5) - e + _.charCodeAt(0); }, 0); };
  window.__md_get = function (e, _, t) { _ = _ || localStorage; t = t || __md_scope; return JSON.parse(_.getItem(t.pathname + "." + e)); };
  window.__md_set = function (e, _, t, a) { t = t || localStorage; a = a || __md_scope; try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) {} };
})();
