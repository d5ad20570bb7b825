/* Stop the page's kernel when the page goes away before Voilà's own scripts have taken over.
 *
 * Voilà starts a kernel for every page request and asks the server to stop it (a beacon to
 * voila/api/shutdown/<kernel id>, on "beforeunload") only once its widget manager is running. A page
 * closed or reloaded while still loading (a slow classroom network, an impatient reload) would leave
 * its kernel running until the server's culler finds it. This script, loaded in the page's head,
 * sends the same beacon on "pagehide" when the page knows its kernel id but Voilà's widget manager has
 * not started yet, so exactly one beacon leaves the page either way.
 */
(function () {
  "use strict";

  var released = false;

  function config() {
    var element = document.getElementById("jupyter-config-data");
    if (!element) return null; // the server has not sent the kernel id yet
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function voilaWillRelease() {
    return !!(window.jupyterapp && window.jupyterapp.widgetManager);
  }

  function release() {
    if (released || voilaWillRelease()) return;
    var page = config();
    if (!page || !page.kernelId || !navigator.sendBeacon) return;
    var form = new FormData();
    var xsrf = document.cookie.match("\\b_xsrf=([^;]*)\\b");
    form.append("_xsrf", (xsrf && xsrf[1]) || "");
    released = navigator.sendBeacon(
      (page.baseUrl || "/") + "voila/api/shutdown/" + encodeURIComponent(page.kernelId),
      form
    );
  }

  window.addEventListener("pagehide", release);
  // Restored from the back-forward cache after the kernel was released: load a fresh app.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && released) window.location.reload();
  });
})();
