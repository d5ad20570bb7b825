/* The static edition's first view (devtools/static/first_views.py): fetch the view drawn at build time for this
 * page's own link, and show it in the spinner's place until the live app is drawn.
 *
 * The link is spelled as the address bar spells it (`lang` unless the default, `scenario`, `present=1`) and
 * looked up in window.secondopFirstViews (written into the page by the build); a link with anything else in it
 * has no view. The view goes before Voici's #loading, the body gets the class `secondop-first-view-on` (the
 * page's stylesheet then hides the spinner and keeps the live app out of sight), and the served edition's
 * swap (secondop-first-view.js, `secondopStartFirstView`) replaces it by the live app once that is drawn.
 */
(function () {
  "use strict";
  var config = window.secondopFirstViews;
  if (!config || !window.fetch || !window.URLSearchParams) return;
  var PRESENT = /^(1|true|yes|on)$/i;

  function link(search, defaultLanguage) {
    var params = new URLSearchParams(search);
    var pairs = [];
    var language = "";
    var scenario = "";
    var present = false;
    var other = false;
    params.forEach(function (value, key) {
      key = key.trim().toLowerCase();
      if (key === "lang" || key === "language") language = value.trim().toLowerCase();
      else if (key === "scenario") scenario = value.trim().toLowerCase();
      else if (key === "present") present = present || PRESENT.test(value.trim());
      else other = true;
    });
    if (other) return null;
    if (language && language !== defaultLanguage) pairs.push("lang=" + encodeURIComponent(language));
    if (scenario) pairs.push("scenario=" + encodeURIComponent(scenario));
    if (present) pairs.push("present=1");
    return pairs.join("&");
  }

  var key = link(window.location.search, config.language);
  var file = key === null ? null : config.views[key];
  if (!file) return;

  function place(html) {
    if (!html || document.getElementById("secondop-first-view")) return;
    if (document.querySelector(".secondop-app.secondop-ready")) return;  // the live app came first
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var view = holder.firstElementChild;
    if (!view) return;
    var loading = document.getElementById("loading");
    if (loading && loading.parentNode) loading.parentNode.insertBefore(view, loading);
    else document.body.insertBefore(view, document.body.firstChild);
    // Out of the body's flow: Voici's page keeps the browser's body margin and its CSS, arriving later, changes
    // the body's padding; the live app sits in a fixed shell that ignores both. So the view starts where the
    // live app will, and nothing moves when those styles arrive.
    view.style.position = "absolute";
    view.style.top = "0";
    view.style.left = "0";
    view.style.right = "0";
    document.body.classList.add("secondop-first-view-on");
    if (window.secondopStartFirstView) window.secondopStartFirstView();
  }

  /* As soon as the spinner is in the page: not at DOMContentLoaded, which waits until Voici's module scripts
   * have run (over a second of a phone's CPU) while the view is already here. */
  function whenSpinnerIsThere(then) {
    if (document.getElementById("loading") || document.readyState !== "loading") {
      then();
      return;
    }
    var watch = new MutationObserver(function () {
      if (document.getElementById("loading")) {
        watch.disconnect();
        then();
      }
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", function () { watch.disconnect(); then(); });
  }

  fetch(config.folder + file, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) { whenSpinnerIsThere(function () { place(html); }); })
    .catch(function () { /* no view: the page shows its spinner, as before */ });
})();
