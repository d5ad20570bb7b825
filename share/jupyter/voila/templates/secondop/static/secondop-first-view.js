/* Swap the app's first view for the live app once the live app is drawn and the view has been seen.
 *
 * The server puts the app's first view into the page as static HTML (#secondop-first-view, from the same
 * widgets the kernel builds), so a person can read it while Voilà's scripts load and the widgets are drawn;
 * the page's body has the class `secondop-first-view-on` meanwhile, for which the stylesheet hides Voilà's
 * spinner and the live app. The view says how many widgets it stands for; when the live app has drawn as
 * many, the view is removed and the class dropped in one step, and the app shows in its place, laid out the
 * same way. If the live app draws fewer (it was built from other content, or it stopped), the swap happens
 * once it has drawn nothing new for SETTLE_MS; if it draws nothing at all after Voilà has shown its cells (an
 * error), after GIVE_UP_MS, so Voilà's own message is seen.
 *
 * The swap also waits until the browser has put the view on screen (its paint timing says so): a view
 * removed before it was ever shown helped nobody, and the browser would not count it as the page's content.
 * Without paint timing, or when no paint is reported within UNSEEN_MS of the app being ready (a page opened
 * in a background tab), the swap does not wait for it.
 */
(function () {
  "use strict";

  var SETTLE_MS = 1500;
  var GIVE_UP_MS = 10000;
  var UNSEEN_MS = 3000;

  function view() {
    return document.getElementById("secondop-first-view");
  }

  function supports(type) {
    return !!(window.PerformanceObserver && PerformanceObserver.supportedEntryTypes &&
      PerformanceObserver.supportedEntryTypes.indexOf(type) >= 0);
  }

  function start() {
    var first = view();
    if (!first) return;
    var expected = Number(first.getAttribute("data-secondop-widgets")) || 1;
    var seen = !supports("paint");
    var ready = false;
    var readyAt = 0;
    var settle = null;
    var shownAt = 0;
    var observer = new MutationObserver(check);
    var poll = setInterval(check, 250);

    if (!seen) {
      if (performance.getEntriesByType("paint").length) seen = true;
      else new PerformanceObserver(function (list, paints) { seen = true; paints.disconnect(); check(); })
        .observe({ type: "paint", buffered: true });
    }

    function swap() {
      observer.disconnect();
      clearTimeout(settle);
      clearInterval(poll);
      var element = view();
      if (element) element.parentNode.removeChild(element);
      document.body.classList.remove("secondop-first-view-on");
      window.secondopFirstView = "swapped";
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
        } else if (drawn > 0) {
          clearTimeout(settle);
          settle = setTimeout(function () { markReady(); check(); }, SETTLE_MS);
        } else if (cells.style.display !== "none") {
          shownAt = shownAt || Date.now();
          if (Date.now() - shownAt >= GIVE_UP_MS) markReady();
        }
      }
      if (ready && (seen || Date.now() - readyAt >= UNSEEN_MS)) swap();
    }

    window.secondopFirstView = "shown";
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
