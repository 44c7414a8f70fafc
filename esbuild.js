// Bundles the extension and the CLI (which is also the hook program) into dist/.
// The shell parser's wasm files are copied next to the bundles so the packaged
// extension needs no node_modules at run time.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { stripExamplesPlugin } = require('./scripts/lib/strip-examples.js');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const WASM_FILES = [
  require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
];

function copyWasm(outdir) {
  fs.mkdirSync(outdir, { recursive: true });
  for (const file of WASM_FILES) fs.copyFileSync(file, path.join(outdir, path.basename(file)));
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD entry requires its parts at run time, which a bundle cannot follow: prefer ESM entries.
  mainFields: ['module', 'main'],
  // Rule and detector examples are test data: the bundles ship empty lists (see the plugin).
  plugins: [stripExamplesPlugin()],
};

/** Resolves `web-tree-sitter` to the separately bundled ./tree-sitter.js next to the output. */
function treeSitterBeside() {
  return {
    name: 'tree-sitter-beside',
    setup(build) {
      build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: './tree-sitter.js', external: true }));
    },
  };
}

const entries = [
  { entryPoints: ['src/editor/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The hook alone, for the shim agents run on every tool call (start-up cost matters there). Its
  // offline classifier is a separate file, loaded only when no editor answers.
  // (require, not import(): Node would lex the whole CommonJS file for ESM interop on every call.)
  { entryPoints: ['src/hook/bin.ts'], outfile: 'dist/hook.js', external: ['./offline.js'], supported: { 'dynamic-import': false } },
  // The parser's JS glue is its own file (dist/tree-sitter.js), required only when a command needs the
  // parser: most hook calls are plain commands, and every byte in offline.js is parsed on each such call.
  { entryPoints: ['src/hook/offline.ts'], outfile: 'dist/offline.js', plugins: [stripExamplesPlugin(), treeSitterBeside()] },
  { entryPoints: [require.resolve('web-tree-sitter')], outfile: 'dist/tree-sitter.js' },
  // Secret-scan worker thread, loaded by src/scan/pool.ts from next to dist/extension.js and dist/cli.js.
  { entryPoints: ['src/scan/worker.ts'], outfile: 'dist/scan-worker.js' },
  // The activity sidebar's script runs in the webview (a browser), not in Node.
  { entryPoints: ['src/editor/webview/main.ts'], outfile: 'dist/webview/activity.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

async function main() {
  copyWasm('dist');
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  fs.chmodSync('dist/cli.js', 0o755);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
module.exports = { copyWasm, common };
