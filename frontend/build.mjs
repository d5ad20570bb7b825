// Builds the served dashboard's front end (src/) into one file in the page template's static folder, with the
// licences of everything bundled beside it. Run by `make frontend` (npm ci first). The output is committed:
// Binder and a fresh checkout serve it without Node.js. Its first line records a digest of what it was built
// from (src/, build.mjs, package-lock.json); tests/test_frontend_bundle.py fails when they no longer match.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'share', 'jupyter', 'voila', 'templates', 'secondop', 'static');
const bundle = join(out, 'secondop-widgets.js');
const licences = join(out, 'secondop-widgets.licenses.txt');

/** The digest the test recomputes: every source file's path and bytes, in a fixed order. */
function sourceDigest() {
  const files = ['build.mjs', 'package-lock.json', ...readdirSync(join(here, 'src')).map((f) => `src/${f}`)].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(here, file)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

const css = await esbuild.build({
  entryPoints: [join(here, 'src', 'styles.css')],
  bundle: true,
  minify: true,
  write: false,
  logLevel: 'warning'
});

const stylesModule = {
  name: 'secondop-styles',
  setup(build) {
    build.onResolve({ filter: /^secondop:styles$/ }, () => ({ path: 'styles', namespace: 'secondop' }));
    build.onLoad({ filter: /.*/, namespace: 'secondop' }, () => ({
      contents: `export default ${JSON.stringify(css.outputFiles[0].text)};`,
      loader: 'js'
    }));
  }
};

const digest = sourceDigest();
const result = await esbuild.build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  legalComments: 'none',
  outfile: bundle,
  metafile: true,
  plugins: [stylesModule],
  alias: { 'sanitize-html': join(here, 'src', 'escape-html.js') },
  banner: {
    js: `/*! secondop-widgets source-digest ${digest} — built by frontend/build.mjs; licences in secondop-widgets.licenses.txt */`
  },
  logLevel: 'warning'
});

// One licence text per bundled package, named with its version.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (!match || input.startsWith('(disabled)')) continue;
  const root = input.slice(0, input.indexOf(match[0]) + match[0].length);
  packages.set(match[1], join(here, root));
}
const sections = [];
for (const [name, root] of [...packages].sort()) {
  const meta = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = readdirSync(root).find((f) => /^(licen[cs]e|copying)/i.test(f));
  const text = file ? readFileSync(join(root, file), 'utf8').trim() : `License: ${meta.license}`;
  sections.push(`${name} ${meta.version} (${meta.license})\n\n${text}\n`);
}
writeFileSync(
  licences,
  `Third-party software in secondop-widgets.js (${packages.size} packages):\n\n${sections.join('\n' + '-'.repeat(72) + '\n\n')}`
);
const size = readFileSync(bundle).length;
console.log(`${relative(process.cwd(), bundle)}: ${(size / 1024).toFixed(0)} KiB, ${packages.size} packages`);
