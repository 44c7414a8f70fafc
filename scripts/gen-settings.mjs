// Regenerates package.json `contributes.configuration` from the two zod sources of settings: the policy
// (src/core/policy/) and the editor's own settings (src/editor/settings.ts). Nothing is hand-written there.
// Usage: node scripts/gen-settings.mjs [--check]   (--check exits 1 when package.json is out of date)
import esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function loadGenerator() {
  const out = esbuild.buildSync({
    stdin: {
      contents: "export { policySettingsProperties } from './src/core/policy/settings';\nexport { editorSettingsProperties } from './src/editor/settings';\n",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
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

const { policySettingsProperties, editorSettingsProperties } = loadGenerator();
const generated = { ...policySettingsProperties(), ...editorSettingsProperties() };
const text = fs.readFileSync('package.json', 'utf8');
const pkg = JSON.parse(text);
const contributes = (pkg.contributes ??= {});
const existing = contributes.configuration ?? { title: 'Airlock', properties: {} };
const properties = generated;
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
