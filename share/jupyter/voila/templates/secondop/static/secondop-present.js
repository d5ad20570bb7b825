/* Presenter mode (secondop/ui/presenter.py): a presentation clicker steps through the examples, and the
 * app's announcements are read out.
 *
 * A clicker sends PageDown/PageUp (some send the left and right arrows). While the app is in presenter mode
 * (class `secondop-presenting`) and focus is not in a form field, these keys click the app's own
 * Next/Previous buttons, so the kernel does the work exactly as for a mouse. The up and down arrows keep
 * scrolling the page. The app's live region (class `secondop-live`) gets role="status" and aria-live here:
 * widgets cannot set attributes on their own elements.
 */
(function () {
  "use strict";

  var KEYS = { PageDown: "next", ArrowRight: "next", PageUp: "previous", ArrowLeft: "previous" };
  var NOT_FIELDS = { button: true, checkbox: true, submit: true, reset: true, image: true };

  function inFormField(element) {
    if (!element || element === document.body) return false;
    if (element.isContentEditable) return true;
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || tag === "OPTION") return true;
    if (tag === "INPUT") return !NOT_FIELDS[(element.getAttribute("type") || "text").toLowerCase()];
    var role = element.getAttribute("role");
    return role === "textbox" || role === "combobox" || role === "listbox" || role === "slider" || role === "spinbutton";
  }

  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var action = KEYS[event.key];
    if (!action || inFormField(event.target)) return;
    var button = document.querySelector(".secondop-app.secondop-presenting .secondop-present-" + action);
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
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

  function start() {
    markLiveRegions();
    new MutationObserver(markLiveRegions).observe(document.body, { childList: true, subtree: true });
  }

  document.addEventListener("keydown", onKey);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
