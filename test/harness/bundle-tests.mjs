// Bundles TypeScript test files with esbuild, one output file per input, so a runner can find
// the compiled files by name at run time (mocha.addFile) without a TypeScript loader.
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.mjs';

/**
 * @param {object} o
 * @param {string} o.srcDir folder (relative to the repo) holding the sources
 * @param {(name: string) => boolean} o.include which file names (in srcDir, not recursive) are entry points
 * @param {string} o.outDir folder (relative to the repo) for the bundles; emptied first
 * @param {string[]} [o.external] modules resolved at run time (vscode, mocha, playwright-core)
 * @returns {Promise<string[]>} absolute paths of the bundles
 */
export async function bundleTests({ srcDir, include, outDir, external = [] }) {
  const src = path.join(REPO_ROOT, srcDir);
  const out = path.join(REPO_ROOT, outDir);
  fs.rmSync(out, { recursive: true, force: true });
  const entryPoints = fs
    .readdirSync(src)
    .filter(include)
    .map((f) => path.join(src, f));
  await esbuild.build({
    entryPoints,
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external,
    logLevel: 'warning',
    absWorkingDir: REPO_ROOT,
  });
  return entryPoints.map((f) => path.join(out, path.basename(f).replace(/\.ts$/, '.js')));
}
