// `npm test`: type-check, build, then every suite in turn (unit, integration in the
// real editor, UI in the real workbench). Each suite prints its own counts; this
// script ends with one plain "N passed, N failed" line over all of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const suites = [
  // First, so a missing system package is one line with the command to run, not a build trace later.
  { name: 'system packages', cmd: ['node', 'scripts/provision.mjs', '--for', 'test'], stopOnFail: true },
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'typecheck webview', cmd: ['npx', 'tsc', '--noEmit', '-p', 'src/editor/webview'] },
  { name: 'build', cmd: ['node', 'esbuild.js'] },
  { name: 'unit', cmd: ['node', 'scripts/test-unit.mjs'], counts: true },
];
// Later suites register themselves by existing: each is a script that prints
// "N passed, N failed" as its last counting line.
for (const [name, script] of [
  ['integration', 'test/integration/run.mjs'],
  ['ui', 'test/e2e/run.mjs'],
  ['hardening', 'test/hardening/run.mjs'],
  ['agents', 'test/agents/run.mjs'],
]) {
  if (fs.existsSync(script)) suites.push({ name, cmd: ['node', script], counts: true });
}

let passed = 0;
let failed = 0;
const failures = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name}: ${suite.cmd.join(' ')}`);
  const r = spawnSync(suite.cmd[0], suite.cmd.slice(1), { stdio: ['ignore', suite.stopOnFail ? 'inherit' : 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? '');
  const out = r.stdout ?? '';
  if (suite.counts) {
    // node:test prints "# pass N" / "# fail N"; our own runners print "N passed, N failed".
    const p = [...out.matchAll(/^(?:# pass|ℹ pass) (\d+)$/gm)].pop() ?? [...out.matchAll(/^(\d+) passed, \d+ failed/gm)].pop();
    const f = [...out.matchAll(/^(?:# fail|ℹ fail) (\d+)$/gm)].pop() ?? [...out.matchAll(/^\d+ passed, (\d+) failed/gm)].pop();
    if (p) passed += Number(p[1]);
    if (f) failed += Number(f[1]);
    if (!p) failures.push(`${suite.name}: no test count found`);
  }
  if (r.status !== 0) failures.push(`${suite.name}: exit ${r.status ?? r.signal}`);
  if (r.status !== 0 && suite.stopOnFail) break;
}
console.log('');
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length === 0 && failed === 0 ? 0 : 1);
