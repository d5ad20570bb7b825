/* Presenter mode (secondop/ui/presenter.py): a presentation clicker builds each example like a slide, the
 * app's announcements are read out, and the page's address follows the app.
 *
 * A clicker sends PageDown/PageUp (some send the right and left arrows). While the app is in presenter mode
 * (class `secondop-presenting`) and focus is not in a form field, these keys click the app's own hidden
 * Forward/Back buttons, so the kernel takes each step (story, answer, next example; or back) in order, exactly
 * as for a mouse. Keys pressed before the live app is there (its first view is on screen, or the kernel is
 * still starting) are kept, up to MAX_QUEUED, and pressed in order once it is ready: nothing a clicker sends
 * is lost. The up and down arrows keep scrolling the page.
 *
 * The app's live region (class `secondop-live`) gets role="status" and aria-live here: widgets cannot set
 * attributes on their own elements. The app marks the address of what it shows (`data-secondop-address`:
 * language, example, presenter mode); the address bar is kept to it with history.replaceState, so a reload
 * (or a clicker's F5) opens the same example in the same language. Other keys of the address are kept.
 */
(function () {
  "use strict";

  var KEYS = { PageDown: "forward", ArrowRight: "forward", PageUp: "back", ArrowLeft: "back" };
  var NOT_FIELDS = { button: true, checkbox: true, submit: true, reset: true, image: true };
  var MANAGED = ["lang", "language", "scenario", "present"];
  var MAX_QUEUED = 20;
  var queued = [];

  function inFormField(element) {
    if (!element || element === document.body) return false;
    if (element.isContentEditable) return true;
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || tag === "OPTION") return true;
    if (tag === "INPUT") return !NOT_FIELDS[(element.getAttribute("type") || "text").toLowerCase()];
    var role = element.getAttribute("role");
    return role === "textbox" || role === "combobox" || role === "listbox" || role === "slider" || role === "spinbutton";
  }

  /* The live app, once built (its first view never has the ready class). */
  function liveApp() {
    return document.querySelector(".secondop-app.secondop-ready");
  }

  function replay() {
    if (!queued.length) return;
    var app = liveApp();
    if (!app) return;
    if (!app.classList.contains("secondop-presenting")) {
      queued = [];  // the page did not open in presenter mode: the keys were not for it
      return;
    }
    var buttons = {};
    for (var key in KEYS) {
      var action = KEYS[key];
      buttons[action] = app.querySelector(".secondop-present-" + action);
      if (!buttons[action]) return;  // not all drawn yet: the next change tries again
    }
    var actions = queued;
    queued = [];
    for (var i = 0; i < actions.length; i++) buttons[actions[i]].click();
  }

  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var action = KEYS[event.key];
    if (!action || inFormField(event.target)) return;
    var app = liveApp();
    if (app && !app.classList.contains("secondop-presenting")) return;
    if (!app) {
      // Still starting: keep the key for a page that will present (its first view says so, or its address).
      var first = document.querySelector(".secondop-app.secondop-presenting");
      if (!first && !/[?&]present=(1|true|yes|on)(&|$)/i.test(location.search)) return;
    }
    event.preventDefault();
    if (queued.length < MAX_QUEUED) queued.push(action);
    replay();
  }

  function markLiveRegions() {
    var regions = document.querySelectorAll(".secondop-live");
    for (var i = 0; i < regions.length; i++) {
      if (regions[i].getAttribute("aria-live") !== "polite") {
        regions[i].setAttribute("role", "status");
        regions[i].setAttribute("aria-live", "polite");
        regions[i].setAttribute("aria-atomic", "true");
      }
    }
  }

  function keepAddress() {
    var marker = document.querySelector(".secondop-app.secondop-ready [data-secondop-address]");
    if (!marker || !window.history || !history.replaceState || !window.URLSearchParams) return;
    var wanted = new URLSearchParams(marker.getAttribute("data-secondop-address") || "");
    var params = new URLSearchParams(location.search);
    for (var i = 0; i < MANAGED.length; i++) params.delete(MANAGED[i]);
    if (wanted.get("scenario") || wanted.get("present")) {
      // an example (or the stage) stands for its own boxes: older ones in the address would add to them
      params.delete("circumstances");
      params.delete("concerns");
    }
    wanted.forEach(function (value, key) { params.append(key, value); });
    var search = params.toString();
    if (search.replace(/^\?/, "") === location.search.replace(/^\?/, "")) return;
    try {
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + location.hash);
    } catch (error) {
      // a page opened from a file cannot change its address: nothing to keep
    }
  }

  function changed() {
    markLiveRegions();
    replay();
    keepAddress();
  }

  function start() {
    changed();
    new MutationObserver(changed).observe(document.body, { childList: true, subtree: true });
  }

  document.addEventListener("keydown", onKey);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
