// Regenerates the policy part of package.json `contributes.configuration` from the zod schema in
// src/core/policy/. Other airlock.* settings in package.json are kept as they are.
// Usage: node scripts/gen-settings.mjs [--check]   (--check exits 1 when package.json is out of date)
import esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function loadGenerator() {
  const out = esbuild.buildSync({
    entryPoints: ['src/core/policy/settings.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

const { policySettingsProperties } = loadGenerator();
const generated = policySettingsProperties();
const text = fs.readFileSync('package.json', 'utf8');
const pkg = JSON.parse(text);
const contributes = (pkg.contributes ??= {});
const existing = contributes.configuration ?? { title: 'Airlock', properties: {} };
const properties = { ...existing.properties, ...generated };
const next = { ...pkg, contributes: { ...contributes, configuration: { ...existing, title: existing.title ?? 'Airlock', properties } } };
const nextText = `${JSON.stringify(next, null, 2)}\n`;

if (process.argv.includes('--check')) {
  if (nextText !== text) {
    console.error('package.json contributes.configuration is out of date: run node scripts/gen-settings.mjs');
    process.exit(1);
  }
  console.log('package.json settings are up to date');
} else if (nextText !== text) {
  fs.writeFileSync('package.json', nextText);
  console.log(`wrote ${Object.keys(generated).length} settings to package.json`);
} else {
  console.log('package.json settings already up to date');
}
