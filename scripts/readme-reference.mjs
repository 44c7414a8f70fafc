// Regenerates the settings and commands reference in README.md from package.json's `contributes`
// (the settings themselves are generated from the zod policy schema), so the README cannot drift.
//   node scripts/readme-reference.mjs          rewrite README.md
//   node scripts/readme-reference.mjs --check  exit 1 if README.md is out of date
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- generated:reference:start (node scripts/readme-reference.mjs) -->';
const END = '<!-- generated:reference:end -->';

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
const firstSentence = (s) => {
  const text = cell(s);
  // A sentence ends at . ! ? followed by a capital letter or the end ("e.g. `x`" does not end one).
  const m = /^(.+?[.!?])(?=\s+[A-Z]|$)/.exec(text);
  return m ? m[1] : text;
};
const shortDefault = (v) => {
  if (v === undefined) return '';
  const json = JSON.stringify(v);
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
};

export function reference(pkg) {
  const c = pkg.contributes ?? {};
  const configs = Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : [];
  const props = configs.flatMap((x) => Object.entries(x.properties ?? {}));
  const lines = ['### Settings', ''];
  if (props.length === 0) lines.push('_No settings are contributed yet._');
  else {
    lines.push('| Setting | Type | Default | What it does |', '|---|---|---|---|');
    for (const [key, p] of props.sort(([a], [b]) => a.localeCompare(b))) {
      const type = Array.isArray(p.type) ? p.type.join(' \\| ') : p.type ?? (p.enum ? 'enum' : '');
      lines.push(`| \`${key}\` | ${cell(type)} | \`${cell(shortDefault(p.default))}\` | ${firstSentence(p.markdownDescription ?? p.description)} |`);
    }
  }
  lines.push('', '### Commands', '');
  const commands = (c.commands ?? []).filter((x) => x.title);
  const keys = new Map((c.keybindings ?? []).map((k) => [k.command, k.key]));
  if (commands.length === 0) lines.push('_No commands are contributed yet._');
  else {
    lines.push('| Command | Key |', '|---|---|');
    for (const x of commands) lines.push(`| ${cell(x.category ? `${x.category}: ${x.title}` : x.title)} | ${keys.has(x.command) ? `\`${keys.get(x.command)}\`` : ''} |`);
  }
  return lines.join('\n');
}

export function render(readme, pkg) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${reference(pkg)}\n${readme.slice(b)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  const next = render(readme, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md settings/commands reference is out of date: run node scripts/readme-reference.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(file, next);
    console.log('README.md reference updated');
  }
}
