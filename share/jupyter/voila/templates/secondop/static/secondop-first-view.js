/* Swap the app's first view for the live app once the live app is drawn and the view has been seen.
 *
 * The server puts the app's first view into the page as static HTML (#secondop-first-view, from the same
 * widgets the kernel builds), so a person can read it while Voilà's scripts load and the widgets are drawn;
 * the page's body has the class `secondop-first-view-on` meanwhile, for which the stylesheet hides Voilà's
 * spinner and keeps the live app out of sight. The view says how many widgets it stands for; when the live app has drawn as
 * many, the view is removed and the class dropped in one step, and the app shows in its place, laid out the
 * same way. If the live app draws fewer (it was built from other content, or it stopped), the swap happens
 * once it has drawn nothing new for SETTLE_MS; if it draws nothing at all after Voilà has shown its cells (an
 * error), after GIVE_UP_MS, so Voilà's own message is seen.
 *
 * The swap also waits until the browser has put the whole view on screen (its paint timing reports a paint,
 * and a frame was drawn after the page was parsed): a view removed before it was ever shown helped nobody,
 * and the browser would not count it as the page's content. When that is not reported within UNSEEN_MS of
 * the app being ready (a page opened in a background tab draws no frames), the swap does not wait for it.
 */
(function () {
  "use strict";

  var restoreListeners = null;  // set while the window's addEventListener is patched (runLateLoadListeners)

  var SETTLE_MS = 1500;
  var LOADING_ID = "secondop-first-view-loading";
  var GIVE_UP_MS = 10000;
  var UNSEEN_MS = 3000;

  function view() {
    return document.getElementById("secondop-first-view");
  }

  function supports(type) {
    return !!(window.PerformanceObserver && PerformanceObserver.supportedEntryTypes &&
      PerformanceObserver.supportedEntryTypes.indexOf(type) >= 0);
  }

  /* While the view shows, its boxes are disabled: a tap does nothing. Say why, visibly and to a screen reader:
   * the app's own words (`data-secondop-loading`, from data/) in a status line fixed at the bottom of the
   * screen (over the view, so nothing is laid out differently from the live app), which every disabled control
   * of the view names as its description; a tap on one brings the line back into notice. */
  function markLoading(first) {
    var marker = first.querySelector("[data-secondop-loading]");
    var text = marker && marker.getAttribute("data-secondop-loading");
    if (!text || document.getElementById(LOADING_ID)) return;
    var note = document.createElement("div");  // not a <p>: the view has the live app's text boxes, no more
    note.id = LOADING_ID;
    note.className = "secondop-loading";
    note.setAttribute("role", "status");
    note.textContent = text;
    first.appendChild(note);
    var controls = first.querySelectorAll("input:disabled, select:disabled, button:disabled");
    for (var i = 0; i < controls.length; i++) {
      controls[i].setAttribute("aria-describedby", LOADING_ID);
      controls[i].setAttribute("aria-disabled", "true");
    }
    first.addEventListener("click", function (event) {
      var target = event.target;
      if (target && target.closest && target.closest("label, input, select, button")) {
        note.classList.remove("secondop-loading-nudge");
        void note.offsetWidth;  // restart the nudge
        note.classList.add("secondop-loading-nudge");
      }
    });
  }

  function start() {
    var first = view();
    if (!first) return;
    markLoading(first);
    var expected = Number(first.getAttribute("data-secondop-widgets")) || 1;
    var seen = false;
    var ready = false;
    var readyAt = 0;
    var settle = null;
    var lastDrawn = 0;
    var shownAt = 0;
    var observer = new MutationObserver(check);
    var poll = setInterval(check, 250);

    var painted = !supports("paint");
    var framed = false;
    if (!painted) {
      if (performance.getEntriesByType("paint").length) painted = true;
      else new PerformanceObserver(function (list, paints) { painted = true; paints.disconnect(); check(); })
        .observe({ type: "paint", buffered: true });
    }
    // The whole view is in the page by now (this runs once the page is parsed): a frame drawn after this
    // one has put all of it on screen, not only the part that had arrived at the first paint.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        setTimeout(function () { framed = true; check(); }, 0);
      });
    });

    function swap() {
      observer.disconnect();
      clearTimeout(settle);
      clearInterval(poll);
      var element = view();
      var scrolled = window.scrollY;
      if (element) element.parentNode.removeChild(element);
      document.body.classList.remove("secondop-first-view-on");
      // The view scrolls the window; the live app scrolls inside Voilà's shell: keep the place being read.
      var cells = document.getElementById("rendered_cells");
      if (cells && scrolled) cells.scrollTop = scrolled;
      window.secondopFirstView = "swapped";
      if (restoreListeners) restoreListeners();  // Voilà's front end has started: no late listener is to come
    }

    function markReady() {
      ready = true;
      readyAt = readyAt || Date.now();
    }

    function check() {
      if (!view()) return;
      var cells = document.getElementById("rendered_cells");
      if (!cells) return;
      if (!ready) {
        var drawn = cells.querySelectorAll(".jupyter-widgets").length;
        if (drawn >= expected) {
          markReady();
        } else if (drawn > 0 && drawn !== lastDrawn) {
          lastDrawn = drawn;  // something new: wait SETTLE_MS from now
          clearTimeout(settle);
          settle = setTimeout(function () { markReady(); check(); }, SETTLE_MS);
        } else if (cells.style.display !== "none") {
          shownAt = shownAt || Date.now();
          if (Date.now() - shownAt >= GIVE_UP_MS) markReady();
        }
      }
      seen = seen || (painted && framed);
      if (ready && (seen || Date.now() - readyAt >= UNSEEN_MS)) swap();
    }

    window.secondopFirstView = "shown";
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  }

  /* Voilà's main script, asked for by the page (the template) in place of its own tag when a first view is
   * shown: at once if the view has been painted, else once a frame has been drawn, so the view is on screen
   * before 4.7 MiB of JavaScript are parsed and run. A page in a background tab draws no frames: there the
   * script is asked for after LOAD_ANYWAY_MS. */
  var LOAD_ANYWAY_MS = 3000;

  /* Voilà's front end starts from a window "load" listener, added while its files arrive. Asked for after a
   * frame, they may arrive after the page's load event: a "load" listener added once the page has loaded
   * runs at once (as it would have, had it been added in time) instead of never. Only until the live app
   * shows: the swap gives the window its own addEventListener back (restoreListeners). */
  function runLateLoadListeners() {
    if (restoreListeners) return;
    var own = Object.prototype.hasOwnProperty.call(window, "addEventListener");
    var add = window.addEventListener;
    restoreListeners = function () {
      if (own) window.addEventListener = add;
      else delete window.addEventListener;
      restoreListeners = null;
    };
    window.addEventListener = function (type, listener, options) {
      if (type === "load" && document.readyState === "complete" && listener) {
        setTimeout(function () {
          var event = new Event("load");
          if (typeof listener === "function") listener.call(window, event);
          else listener.handleEvent(event);
        }, 0);
        return;
      }
      return add.call(this, type, listener, options);
    };
  }

  window.secondopAfterFirstPaint = function (src) {
    var asked = false;
    runLateLoadListeners();
    function load() {
      if (asked) return;
      asked = true;
      var script = document.createElement("script");
      script.src = src;
      document.body.appendChild(script);
      // The light front end loads the styles the head names in <meta>s (Voilà's style script, nbconvert's
      // index.css) before it draws: fetch them now, beside the main script, rather than after it (0.5-0.7 s
      // later on a phone's slow link).
      var deferred = document.querySelectorAll('meta[name="secondop-deferred-style"], meta[name="secondop-deferred-css"]');
      for (var i = 0; i < deferred.length; i++) {
        if (!deferred[i].getAttribute("content")) continue;
        var preload = document.createElement("link");
        preload.rel = "preload";
        preload.as = deferred[i].getAttribute("name") === "secondop-deferred-css" ? "style" : "script";
        preload.href = deferred[i].getAttribute("content");
        document.head.appendChild(preload);
      }
    }
    // Already on screen (the usual case: the view arrived long before the kernel's output): ask now.
    var paints = window.performance && performance.getEntriesByName ? performance.getEntriesByName("first-contentful-paint") : [];
    if (paints.length) {
      load();
      return;
    }
    // else the frame after the next one: the next one (with the view) has been shown by then
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { setTimeout(load, 0); });
    });
    setTimeout(load, LOAD_ANYWAY_MS);
  };

  /* The static edition's loader puts its view into the page later (fetched): it starts the swap then. */
  window.secondopStartFirstView = function () {
    if (window.secondopFirstView !== "shown" && window.secondopFirstView !== "swapped") start();
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
