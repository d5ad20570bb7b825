/* The served dashboard's front end: a widget manager for the page's kernel and the ipywidgets controls.
 *
 * Why not Voilà's own front end: on a phone from a workshop's QR code (issue #22: slow 4G, a 4x slower CPU)
 * Voilà's JupyterLab application was 1.4 MB on the wire in ~95 files (notebook, console, CodeMirror, MathJax,
 * Vega and theme plugins) before a box could be ticked; the dashboard needs none of that. This file does what
 * Voilà's front end does for this page, and only that:
 *
 * - lays the page out in the same Lumino shell (#main > #jp-main-content-panel > #rendered_cells), so the
 *   app scrolls, measures and looks exactly as under Voilà (the first view is checked against it, pixel by
 *   pixel, by tests/browser/test_first_view_page.py);
 * - connects to the kernel Voilà started for the page (its id is in the page config) and loads every widget
 *   model from it in one request (ipywidgets' `jupyter.widget.control` comm), again after a reconnection;
 * - draws each cell output that is a widget view where Voilà would (a Lumino panel `jp-OutputArea-output`),
 *   and a plain-text output as text (an error the notebook printed);
 * - asks the server to stop the kernel when the page goes away (Voilà's beacon, same URL and form);
 * - exposes `window.jupyterapp.widgetManager` (with its `kernel`), which the template's scripts watch
 *   (secondop-connection.js, secondop-release.js), as Voilà's application does.
 *
 * Only the widget modules the dashboard uses are known here (@jupyter-widgets/base and controls, protocol
 * 2.x, ipywidgets 8): a widget from any other module draws ipywidgets' own error box, which a test would see.
 * The page template uses this front end only for notebooks that ask for it (`secondop.frontend: "light"` in
 * the notebook's metadata, the dashboard's); any other notebook gets Voilà's.
 */
import * as base from '@jupyter-widgets/base';
import { ManagerBase } from '@jupyter-widgets/base-manager';
import * as controls from '@jupyter-widgets/controls';
import { PageConfig } from '@jupyterlab/coreutils';
import { KernelConnection } from '@jupyterlab/services/lib/kernel/default';
import { ServerConnection } from '@jupyterlab/services/lib/serverconnection';
import { BoxLayout, BoxPanel, Panel, Widget } from '@lumino/widgets';

import styles from 'secondop:styles';

const WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json';
const MODULES = {
  '@jupyter-widgets/base': base,
  '@jupyter-widgets/controls': controls
};
/** The widget protocol's major version this file draws (ipywidgets 8 sends "2.0.0" for both modules). */
const PROTOCOL_MAJOR = '2.';

/** How long the page may work on widgets before the browser gets a turn (ms): under the 50 ms of a long task. */
const SLICE_MS = 30;
let sliceStart = performance.now();
/** Only the first draw is sliced: a tick draws a few views, at once, without a task hop. */
let startingUp = true;

/** Every model and view is made through `loadClass`: a pause there, once a slice of time is used up, splits
 * drawing ~170 widgets (one 300-800 ms task on a slow phone) into short tasks, so a tap or a scroll in the
 * meantime is answered at once. A message channel, not setTimeout: no 4 ms clamp, no throttling in the
 * background. */
function yieldNow(always = false) {
  if (!always && (!startingUp || performance.now() - sliceStart < SLICE_MS)) return Promise.resolve();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      sliceStart = performance.now();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A widget manager bound to one kernel: ipywidgets' ManagerBase plus what JupyterLab's kernel manager adds. */
class PageWidgetManager extends ManagerBase {
  constructor(kernel) {
    super();
    this.kernel = kernel;
    this.restoring = null;
    this.restored = false;
    kernel.registerCommTarget(this.comm_target_name, (comm, message) =>
      this.handle_comm_open(new base.shims.services.Comm(comm), message)
    );
    kernel.statusChanged.connect((_sender, status) => {
      if (status === 'restarting') this.disconnect();
    });
    kernel.connectionStatusChanged.connect((_sender, status) => {
      // A phone that lost the network for a moment: load the models again once the kernel answers.
      if (status === 'connected' && this.restored && !this.restoring) this.restore();
    });
  }

  /** Load every widget model from the kernel (one request), once at a time. */
  restore() {
    if (!this.restoring) {
      this.restoring = this._loadFromKernel().then(
        () => {
          this.restored = true;
          this.restoring = null;
        },
        (error) => {
          this.restoring = null;
          throw error;
        }
      );
    }
    return this.restoring;
  }

  async loadClass(className, moduleName, moduleVersion) {
    await yieldNow();
    const module = MODULES[moduleName];
    if (!module) throw new Error(`The widget module ${moduleName} is not part of this page's front end`);
    if (!String(moduleVersion).replace(/^[~^]/, '').startsWith(PROTOCOL_MAJOR)) {
      throw new Error(`${moduleName} ${moduleVersion} is not the version this page draws (${PROTOCOL_MAJOR}x)`);
    }
    const cls = module[className];
    if (!cls) throw new Error(`Class ${className} not found in module ${moduleName}`);
    return cls;
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) comm.open(data, metadata, buffers);
    return new base.shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === 'ok' ? reply.content.comms : {};
  }
}

/** Voilà's shell: the page's cells in a box panel filling the window, scrolled inside (lab `VoilaShell`). */
function createShell() {
  const shell = new Widget();
  shell.id = 'main';
  shell.addClass('jp-LabShell');
  const layout = new BoxLayout();
  layout.alignment = 'start';
  layout.spacing = 0;
  // Voilà's empty top and bottom areas, hidden as there, so the page's landmarks are the same.
  const hiddenArea = (id, role) => {
    const panel = new Panel();
    panel.id = id;
    panel.node.setAttribute('role', role);
    BoxLayout.setStretch(panel, 0);
    panel.hide();
    return panel;
  };
  const main = new BoxPanel();
  main.id = 'jp-main-content-panel';
  main.direction = 'top-to-bottom';
  BoxLayout.setStretch(main, 1);
  layout.addWidget(hiddenArea('voila-top-panel', 'banner'));
  layout.addWidget(main);
  layout.addWidget(hiddenArea('voila-bottom-panel', 'contentinfo'));
  shell.layout = layout;
  return { shell, main };
}

/** The page's cells as a Lumino widget that tells the window when it is resized (Voilà's `RenderedCells`). */
class RenderedCells extends Widget {
  processMessage(message) {
    super.processMessage(message);
    if (message.type === 'resize') window.dispatchEvent(new Event('resize'));
  }
}

function addStyles() {
  const element = document.createElement('style');
  element.setAttribute('data-secondop', 'widgets');
  element.textContent = styles;
  document.head.appendChild(element);
}

/** Show the cells as Voilà's theme plugin does once its styles are in (the template's `voila_finish`). */
function showCells() {
  window.themeLoaded = true;
  if (window.cellLoaded && window.voila_finish) window.voila_finish();
}

/** Where each cell output goes: a panel in place of its script tag, drawn once the models are loaded. */
function placeOutputs() {
  const outputs = [];
  for (const script of document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]')) {
    let output;
    try {
      output = JSON.parse(script.textContent);
    } catch (error) {
      console.error('secondop: a cell output could not be read', error);
      continue;
    }
    const container = script.parentElement;
    if (!container) continue;
    const panel = new Panel();
    panel.addClass('jp-OutputArea-output');
    container.removeChild(script);
    Widget.attach(panel, container);
    outputs.push({ output, panel });
  }
  return outputs;
}

async function drawOutput(manager, { output, panel }) {
  const data = output.data || {};
  const view = data[WIDGET_VIEW];
  if (view) {
    if (!view.model_id) {
      panel.hide();
      return;
    }
    try {
      const model = await manager.get_model(view.model_id);
      const widgetView = await manager.create_view(model);
      panel.addWidget(widgetView.luminoWidget);
    } catch (error) {
      panel.node.textContent = 'Error displaying widget';
      panel.addClass('jupyter-widgets');
      console.error(error);
    }
    return;
  }
  const text = data['text/plain'] || output.text || (output.traceback ? output.traceback.join('\n') : '');
  if (text) {
    const pre = document.createElement('pre');
    pre.textContent = Array.isArray(text) ? text.join('') : String(text);
    panel.node.appendChild(pre);
  }
}

/** Ask the server to stop the page's kernel when the page goes away (Voilà's beacon, same URL and form). */
function releaseOnUnload(kernel) {
  window.addEventListener('beforeunload', () => {
    const form = new FormData();
    const xsrf = document.cookie.match('\\b_xsrf=([^;]*)\\b');
    form.append('_xsrf', (xsrf && xsrf[1]) || '');
    navigator.sendBeacon(`${PageConfig.getBaseUrl()}voila/api/shutdown/${kernel.id}`, form);
    kernel.dispose();
  });
}

/** Styles the page's head names in <meta>s instead of loading them before the first paint (the template):
 * Voilà's style script (`secondop-deferred-style`: JupyterLab's and Lumino's styles and Font Awesome, 340 KB
 * of script, Lighthouse's most costly render-blocking file) and nbconvert's index.css (`secondop-deferred-css`:
 * JupyterLab's styles, 235 KB). The first view needs neither; the live app does. Each is loaded now and put
 * at its <meta>'s place, so the cascade is in the same order as when the head loaded them. */
function loadOneDeferred(marker) {
  const url = marker.getAttribute('content');
  if (!url) return Promise.resolve();
  if (marker.getAttribute('name') === 'secondop-deferred-css') {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    const loaded = new Promise((resolve) => {
      link.onload = link.onerror = () => resolve();
    });
    marker.after(link);
    return loaded;
  }
  const before = new Set(document.head.querySelectorAll('style'));
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = script.onerror = () => resolve();
    document.head.appendChild(script);
  }).then(() => {
    let anchor = marker;
    for (const style of [...document.head.querySelectorAll('style')].filter((s) => !before.has(s))) {
      anchor.after(style);
      anchor = style;
    }
  });
}

function loadDeferredStyles() {
  const markers = document.querySelectorAll('meta[name="secondop-deferred-style"], meta[name="secondop-deferred-css"]');
  return Promise.all([...markers].map(loadOneDeferred));
}

async function main() {
  const styled = loadDeferredStyles();
  const kernelId = PageConfig.getOption('kernelId');
  let manager = null;
  if (kernelId) {
    // Connect and load the models while the styles arrive.
    const serverSettings = ServerConnection.makeSettings({ baseUrl: PageConfig.getBaseUrl() });
    const kernel = new KernelConnection({ model: { id: kernelId, name: '' }, serverSettings });
    manager = new PageWidgetManager(kernel);
    window.jupyterapp = { name: 'secondop-widgets', shell: null, widgetManager: manager };
    releaseOnUnload(kernel);
  }
  const restored = manager ? manager.restore() : Promise.resolve();
  await styled;
  await yieldNow(true); // each step below restyles or lays out the whole page: one task each
  addStyles();
  showCells();
  await yieldNow(true);
  const { shell, main: mainPanel } = createShell();
  const outputs = placeOutputs();
  const node = document.getElementById('rendered_cells');
  Widget.attach(shell, document.body);
  window.addEventListener('resize', () => shell.update());
  if (node) mainPanel.addWidget(new RenderedCells({ node }));
  if (!manager) return;
  window.jupyterapp.shell = shell;
  await restored;
  await Promise.all(outputs.map((item) => drawOutput(manager, item)));
  startingUp = false;
}

function run() {
  main().catch((error) => console.error('secondop: the page could not start its widgets', error));
}

// Not in the task that evaluated this file (already ~300 ms on a slow phone).
if (document.readyState === 'complete') setTimeout(run, 0);
else window.addEventListener('load', run);
