/* The static edition (Voici): hand the page's query string to Python, as Voilà does on a server.
 *
 * Python runs in a web worker there, whose own `location` is the worker script's address, so it cannot
 * read `?scenario=` or `?lang=` itself. Before the app starts, this copies `location.search` into the
 * Pyodide kernel's start options as the environment variable QUERY_STRING (Pyodide's `env` option), the
 * same variable Voilà sets. It must run after the page's #jupyter-config-data and before Voici's bundle.
 * On a public host it also passes the page's own address as SECONDOP_PAGE_URL: presenter mode's QR code
 * points there when no public address is set (`public_url` in settings.yaml wins); a page on this machine
 * passes none, since nobody else could open it.
 */
(function () {
  "use strict";
  var KERNEL = "@jupyterlite/pyodide-kernel-extension:kernel";
  var element = document.getElementById("jupyter-config-data");
  if (!element) return;
  try {
    var config = JSON.parse(element.textContent);
    var plugins = (config.litePluginSettings = config.litePluginSettings || {});
    var kernel = (plugins[KERNEL] = plugins[KERNEL] || {});
    var options = (kernel.loadPyodideOptions = kernel.loadPyodideOptions || {});
    // Pyodide's default environment is {HOME: "/home/pyodide"}: keep it, add the query.
    var env = { QUERY_STRING: window.location.search.replace(/^\?/, "") };
    var local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(window.location.hostname);
    if (!local && /^https?:$/.test(window.location.protocol)) {
      env.SECONDOP_PAGE_URL = window.location.origin + window.location.pathname;
    }
    options.env = Object.assign({ HOME: "/home/pyodide" }, options.env || {}, env);
    element.textContent = JSON.stringify(config);
  } catch (error) {
    console.warn("secondop: the link's choices could not be passed to the app", error);
  }
})();
