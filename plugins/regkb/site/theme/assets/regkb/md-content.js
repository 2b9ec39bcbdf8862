/* Material's inline partials/javascripts/content.html, as a file (Content-Security-Policy). */
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
