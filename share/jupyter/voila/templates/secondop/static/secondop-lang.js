/* The page's language follows the app's (WCAG 3.1.1 and 3.1.2), and so does its title (WCAG 2.4.2: the
 * tab says "Should I get a second opinion?", not the notebook's file name).
 *
 * The app marks its language on an element `data-secondop-lang="<code>"` (it changes when a person
 * switches language), and marks a control named in another language with the class
 * `secondop-lang-<code>` (the language switch), and carries its title in `data-secondop-title`. Widgets
 * cannot set attributes on <html> or on their own buttons, so this script copies them: <html lang> and
 * <title> from the marker, and `lang` on each marked control.
 */
(function () {
  "use strict";

  function apply() {
    var marker = document.querySelector("[data-secondop-lang]");
    if (marker) {
      var code = marker.getAttribute("data-secondop-lang");
      if (code && document.documentElement.lang !== code) document.documentElement.lang = code;
      var title = marker.getAttribute("data-secondop-title");
      if (title && document.title !== title) document.title = title;
    }
    var marked = document.querySelectorAll("[class*='secondop-lang-']");
    for (var i = 0; i < marked.length; i++) {
      var match = /(?:^|\s)secondop-lang-([a-z]{2,3}(?:-[A-Za-z0-9]+)?)(?:\s|$)/.exec(marked[i].className);
      if (match && marked[i].getAttribute("lang") !== match[1]) marked[i].setAttribute("lang", match[1]);
    }
  }

  function start() {
    apply();
    new MutationObserver(apply).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-secondop-lang", "data-secondop-title"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
