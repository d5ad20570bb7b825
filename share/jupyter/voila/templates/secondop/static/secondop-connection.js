/* Tell the person when the app behind the page has stopped.
 *
 * Voilà's page keeps showing the widgets after their kernel died or the server restarted, and
 * nothing reacts any more. This script watches the page's kernel connection (the widget manager's
 * KernelConnection, window.jupyterapp.widgetManager.kernel) and, when the kernel is gone, reveals
 * the app's own hidden note `.secondop-connection-lost` (its wording comes from data/, never from
 * here) at the top of the page as an alert.
 *
 * Gone for good ("hard"): the kernel's status becomes dead / restarting / autorestarting (a
 * restarted kernel has lost the app), the connection gives up ("disconnected"), or, once the
 * kernel's websocket closed, the server answers 404 for the kernel (a restarted server).
 * Unreachable server ("soft"): shown after a few seconds without an answer, hidden again if the
 * same kernel comes back (a phone's network blip).
 */
(function () {
  "use strict";

  var NOTE = ".secondop-connection-lost";
  var POLL_MS = 2000;
  var SOFT_AFTER_MS = 6000;
  var hard = false;
  var leaving = false;
  var pollTimer = null;
  var lostSince = 0;

  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pagehide", function () { leaving = true; });

  function note() {
    return document.querySelector(NOTE);
  }

  function reveal(isHard) {
    if (leaving) return;
    hard = hard || isHard;
    var element = note();
    if (!element) return; // the app never rendered its note: there is no wording to show
    if (element.parentNode !== document.body) {
      // Out of the widget containers (overflow, containment) to the top of the page.
      document.body.insertBefore(element, document.body.firstChild);
    }
    element.setAttribute("role", "alert");
    element.hidden = false;
    window.secondopConnection = hard ? "lost" : "unreachable";
  }

  function conceal() {
    if (hard) return;
    var element = note();
    if (element) {
      element.hidden = true;
      element.removeAttribute("role");
    }
    window.secondopConnection = "connected";
  }

  function config() {
    try {
      return JSON.parse(document.getElementById("jupyter-config-data").textContent);
    } catch (error) {
      return {};
    }
  }

  function checkServer() {
    var page = config();
    if (!page.kernelId) return;
    var base = page.baseUrl || "/";
    fetch(base + "api/kernels/" + encodeURIComponent(page.kernelId), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 404) reveal(true);
        else if (response.ok) lostSince = 0;
      })
      .catch(function () {
        if (!lostSince) lostSince = Date.now();
        if (Date.now() - lostSince >= SOFT_AFTER_MS) reveal(false);
      });
  }

  function startPolling() {
    if (pollTimer) return;
    lostSince = 0;
    checkServer();
    pollTimer = setInterval(function () {
      if (hard || leaving) return stopPolling();
      checkServer();
    }, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  }

  function watch(kernel) {
    window.secondopConnection = "connected";
    kernel.statusChanged.connect(function (_sender, status) {
      if (status === "dead" || status === "restarting" || status === "autorestarting") reveal(true);
    });
    kernel.connectionStatusChanged.connect(function (_sender, status) {
      if (status === "disconnected") {
        stopPolling();
        reveal(true);
      } else if (status === "connecting") {
        startPolling();
      } else if (status === "connected") {
        stopPolling();
        conceal();
      }
    });
    if (kernel.isDisposed || kernel.status === "dead") reveal(true);
  }

  // The kernel connection notices a closed websocket only after a 10-30 s wait when the server is down,
  // so watch the kernel's websocket itself: a subclass keeps WebSocket's constants and instanceof.
  if (window.WebSocket) {
    var Native = window.WebSocket;
    var Watched = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        if (/\/api\/kernels\/[^/]+\/channels/.test(String(url))) {
          this.addEventListener("close", function () {
            if (!leaving && !hard) startPolling();
          });
          this.addEventListener("open", function () {
            stopPolling();
            conceal();
          });
        }
      }
    };
    window.WebSocket = Watched;
  }

  function findKernel() {
    var app = window.jupyterapp;
    var manager = app && app.widgetManager;
    return manager && manager.kernel;
  }

  // The widget manager exists only once Voilà's bundle has started (after the notebook ran); a page
  // that never gets one (it failed to render) stops looking after ten minutes.
  var started = Date.now();
  var waited = setInterval(function () {
    var kernel = findKernel();
    if (kernel) {
      clearInterval(waited);
      watch(kernel);
    } else if (Date.now() - started > 600000) {
      clearInterval(waited);
    }
  }, 250);
})();
