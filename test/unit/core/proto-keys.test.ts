// Names an agent picks (programs, sub-commands, scripts, targets, variables, tool names) must never reach
// Object.prototype through a lookup table: a program named `constructor` is just an unknown program, a
// script named `__proto__` is just a script, and a tool named `constructor` is just an unknown tool.
// A lookup that returns Object's own `constructor` function once crashed the Gemini dialect (found by the
// hardening fuzz) and `npm run constructor`; a crash there is a refusal, never an allow, but it hides what
// the action really does, so every position is tried here against a real workspace.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DIALECTS } from '../../../src/agents/index';
import { classify, type ClassifyContext } from '../../../src/core/classify';
import { createHostFacts } from '../../../src/host/facts';
import { realPathOf } from '../../../src/host/real_path';
import { loadShellParser } from '../../../src/host/shell_wasm';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString', 'prototype'];

const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'alproto-')));
const ws = path.join(parent, 'app');
const home = path.join(parent, 'home');

before(async () => {
  await loadShellParser();
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(ws, 'src/app.ts'), 'export {};\n');
  fs.writeFileSync(path.join(ws, '.env'), 'PORT=3000\n');
  // Every prototype name is also a script, a make target and a just recipe that deletes the sources.
  const wipe = ['rm', '-rf', 'src'].join(' ');
  const scripts = Object.fromEntries(NAMES.map((n) => [n, wipe]));
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'app', scripts }, null, 2));
  fs.writeFileSync(path.join(ws, 'Makefile'), NAMES.map((n) => `${n}:\n\t${wipe}\n`).join('\n'));
  fs.writeFileSync(path.join(ws, 'justfile'), NAMES.map((n) => `${n}:\n    ${wipe}\n`).join('\n'));
});

after(() => fs.rmSync(parent, { recursive: true, force: true }));

const ctx = (): ClassifyContext => ({ home, workspaceRoots: [ws], realPath: realPathOf, facts: createHostFacts() });

/** Unknown words in every position: allowed (nothing here touches anything), and never a crash. */
const INERT = [
  '@N', '@N --help', '@N -c x', 'npx @N run', 'curl --@N x https://example.com', 'git @N', 'git @N --@N', 'npm @N',
  'kubectl @N', 'docker @N', 'docker compose @N', 'aws @N @N', 'gcloud @N @N', 'az @N @N', 'terraform @N', 'gh @N @N', 'echo $@N', 'echo ${@N}',
  'echo "${@N:-x}"', '@N=1 ls', 'env @N=1 ls', 'git -c @N=1 status', 'ls --@N', 'ls -@N', 'printf %s @N', 'echo @N | xargs echo', 'sudo -u @N ls',
  'ssh @N ls', 'psql -c "select @N"', 'node -e "console.log(@N)"', 'python3 -c "print(@N)"', 'grep -n @N src/app.ts', 'cat src/$@N',
];

/** Destructive or secret-reading commands with a prototype name nearby: still flagged. */
const FLAGGED = [
  'npm run @N', 'npm run-script @N', 'pnpm @N', 'pnpm run @N', 'yarn @N', 'yarn run @N', 'bun run @N', 'bun @N', 'make @N', 'make -f Makefile @N', 'make @N=1 @N', 'just @N',
  '@N=1 rm -rf src', 'rm -rf src --@N', 'git @N; rm -rf src', '@N() { rm -rf src; }; @N', 'shopt -s expand_aliases; alias @N="rm -rf src"; @N',
  'x=@N; rm -rf src/$x ..', 'cat .env # @N', 'cat .env $@N', 'env @N=1 cat .env', 'git push --force origin @N', 'kubectl delete namespace @N',
  'psql -c "DROP TABLE @N"', 'aws s3 rb s3://@N --force', 'terraform destroy -target=@N', 'docker volume rm @N', 'git -c alias.@N="!rm -rf src" @N',
];

const line = (template: string, name: string): string => template.replaceAll('@N', name);

test('prototype property names in every position of a command are plain unknown words', () => {
  const c = ctx();
  const wrong: string[] = [];
  for (const name of NAMES) {
    for (const t of INERT) {
      const command = line(t, name);
      const v = classify({ kind: 'shell', command, cwd: ws, workspaceRoots: [ws] }, c);
      if (v.decision !== 'allow') wrong.push(`allow expected: ${command} -> ${v.decision} [${v.rules.join(',')}]`);
    }
    for (const t of FLAGGED) {
      const command = line(t, name);
      const v = classify({ kind: 'shell', command, cwd: ws, workspaceRoots: [ws] }, c);
      if (v.decision === 'allow') wrong.push(`flag expected: ${command} -> allow`);
    }
  }
  assert.deepEqual(wrong, []);
  // and the tables still work for the names they hold
  assert.notEqual(classify({ kind: 'shell', command: 'psql -c "DROP TABLE users"', cwd: ws }, c).decision, 'allow');
});

test('prototype property names as tool names, MCP servers and tool inputs: parsed (or refused) by every dialect, never thrown on', () => {
  const c = ctx();
  for (const [agent, dialect] of Object.entries(DIALECTS)) {
    const dir = path.join('test/fixtures/agents', agent);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const fixture = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
      for (const name of NAMES) {
        for (const key of ['tool_name', 'toolName']) {
          if (!(key in fixture)) continue;
          for (const tool of [name, `mcp__${name}__${name}`, `${name}__${name}`, `MCP:${name}`]) {
            const payload = { ...fixture, [key]: tool, tool_input: { [name]: name, command: `${name} x` } };
            const parsed = dialect.parse(payload, undefined);
            if (!parsed.ok) {
              assert.ok(parsed.error.length > 0, `${agent} ${file} ${tool}: a refusal says why`);
              continue;
            }
            assert.ok(Array.isArray(parsed.call.actions), `${agent} ${file} ${tool}: actions`);
            for (const a of parsed.call.actions) {
              assert.equal(typeof a.kind, 'string');
              assert.doesNotThrow(() => classify({ ...a, cwd: ws, workspaceRoots: [ws] }, c), `${agent} ${file} ${tool}`);
            }
          }
        }
      }
    }
  }
});
