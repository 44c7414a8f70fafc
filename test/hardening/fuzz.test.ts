// Fuzzing with fast-check: the shell analyzer, classify() and every agent dialect's parser and
// renderer never throw and never hang on anything; a printed simple command parses back to itself.
// Runs are bounded (numRuns) and each run has a generous time guard; a failure prints fast-check's
// shrunk counterexample and seed, so it can be replayed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DIALECTS } from '../../src/agents/index';
import { classify } from '../../src/core/classify';
import { analyzeShell } from '../../src/core/shell';
import { loadShellParser } from '../../src/host/shell_wasm';
import { runHook } from '../../src/hook/main';
import { freshHome } from './lib/hook';
import { Readable, Writable } from 'node:stream';

// Far above any real run (microseconds to a few ms); only a hang or a blow-up trips it.
const GUARD_MS = 3000;
const RUNS = 1000;

function timed<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  assert.ok(ms < GUARD_MS, `${what} took ${ms.toFixed(0)} ms`);
  return out;
}

const TOKENS = [
  'rm', '-rf', '~', '/', '.env', 'cat', 'echo', 'sudo', 'bash', '-c', 'sh', 'eval', 'env', 'xargs', 'find', '-exec', '{}', '\\;',
  ';', '&&', '||', '|', '&', '>', '>>', '<', '<<EOF', 'EOF', '<<<', '2>&1', '$(', ')', '`', '"', "'", '$\'', '\\x72', '${IFS}', '$IFS',
  '{', '}', '{a,b}', '(', '((', '))', '[[', ']]', 'if', 'then', 'fi', 'for', 'do', 'done', 'case', 'esac', 'function', '!', '*', '?',
  '$HOME', '${HOME}', '$1', '$@', '\\', '\n', ' ', '\t', '#', '=', 'X=1', 'cd', '..', '\u202e', '\u200b', 'г', 'м', '💥', '\0',
];

const shellSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(' '));
const shellGlued = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 300 });
const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
/** Well-formed wrappers, each a way bash runs the inner text; folded up to 8 deep. */
const WRAPS: Array<(inner: string) => string> = [
  (x) => `echo $(${x})`,
  (x) => `bash -c ${sq(x)}`,
  (x) => `sh -c ${sq(x)}`,
  (x) => `(${x})`,
  (x) => `{ ${x}; }`,
  (x) => `eval ${sq(x)}`,
  (x) => `true && ${x}`,
  (x) => `if true; then ${x}; fi`,
];
// sudo/env/nohup run a program, not a group, so they only wrap the innermost simple command.
const nested = fc
  .tuple(fc.constantFrom('rm -rf ~', 'sudo rm -rf ~', 'env A=1 rm -rf ~', 'nohup rm -rf ~', "$'\\x72\\x6d' -rf ~"), fc.array(fc.integer({ min: 0, max: WRAPS.length - 1 }), { minLength: 1, maxLength: 8 }))
  .map(([base, ws]) => ws.reduce<string>((inner, w) => WRAPS[w]!(inner), base));

test('shell analyzer and classify(): never throw, never hang, always a decision', async () => {
  await loadShellParser();
  fc.assert(
    fc.property(fc.oneof(shellSoup, shellGlued, anyText, nested), (command) => {
      const a = timed('analyzeShell', () => analyzeShell(command));
      assert.ok(Array.isArray(a.commands) && Array.isArray(a.findings));
      for (const c of a.commands) {
        assert.ok(c.name === undefined || typeof c.name === 'string');
        assert.equal(c.args.length, c.argDynamic.length);
      }
      const v = timed('classify', () => classify({ kind: 'shell', command, cwd: '/w/app' }, { home: '/home/dev', cwd: '/w/app' }));
      assert.ok(['allow', 'ask', 'deny'].includes(v.decision));
      assert.equal(typeof v.reason, 'string');
    }),
    { numRuns: RUNS * 2 },
  );
});

test('rm -rf ~ (plain, sudo, env, nohup, ANSI-C) behind up to 8 layers of $( ), bash -c, sh -c, subshells, groups, eval, if and && is never allowed', async () => {
  await loadShellParser();
  fc.assert(
    fc.property(nested, (command) => {
      const v = timed('classify', () => classify({ kind: 'shell', command, cwd: '/w/app' }, { home: '/home/dev', cwd: '/w/app' }));
      assert.notEqual(v.decision, 'allow', command.slice(0, 80));
    }),
    { numRuns: 200 },
  );
});

test('classify(): non-shell actions with arbitrary fields never throw', async () => {
  await loadShellParser();
  const str = fc.string({ unit: 'binary', maxLength: 200 });
  const action = fc.oneof(
    fc.record({ kind: fc.constant('read' as const), path: str }),
    fc.record({ kind: fc.constant('write' as const), path: str, content: fc.option(str, { nil: undefined }) }),
    fc.record({ kind: fc.constant('delete' as const), path: str }),
    fc.record({ kind: fc.constant('search' as const), pattern: fc.option(str, { nil: undefined }), path: fc.option(str, { nil: undefined }) }),
    fc.record({ kind: fc.constant('mcp' as const), tool: str, input: fc.jsonValue({ maxDepth: 4 }) }),
    fc.record({ kind: fc.constant('fetch' as const), url: str, method: fc.option(str, { nil: undefined }), body: fc.option(str, { nil: undefined }) }),
  );
  fc.assert(
    fc.property(action, (a) => {
      const v = timed('classify', () => classify(a, { home: '/home/dev', cwd: '/w/app' }));
      assert.ok(['allow', 'ask', 'deny'].includes(v.decision));
    }),
    { numRuns: RUNS },
  );
});

// Programs the analyzer does not unwrap, so the printed command stays one simple command.
const PROGRAMS = ['ls', 'cat', 'grep', 'git', 'npm', 'rm', 'cp', 'mv', 'curl', 'mkdir', 'touch', 'wc', 'head', 'tail', 'chmod', 'terraform', 'kubectl', 'psql'];
const ARG_CHARS = ['a', 'b', 'Z', '0', ' ', '-', '.', '/', '~', '*', '?', '$', '`', '"', "'", '\\', ';', '|', '&', '>', '<', '(', ')', '{', '}', '#', '!', '=', '\t', 'é', 'г', '💥'];
const arg = fc.string({ unit: fc.constantFrom(...ARG_CHARS), minLength: 1, maxLength: 12 });
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

test('a printed simple command parses back to the same name and arguments, and printing is stable', async () => {
  await loadShellParser();
  fc.assert(
    fc.property(fc.constantFrom(...PROGRAMS), fc.array(arg, { maxLength: 6 }), (name, args) => {
      const printed = [name, ...args.map(quote)].join(' ');
      const a = timed('analyzeShell', () => analyzeShell(printed));
      // A word in capitals also gets a lower-case reading (respell.ts: `git CHECKOUT` on a case-insensitive
      // file system); that extra reading is judged too, but the command as written is the one to print back.
      const written = a.commands.filter((x) => !x.via.includes('respelled'));
      assert.equal(written.length, 1, `one command for ${JSON.stringify(printed)}`);
      const c = written[0]!;
      assert.equal(c.name, name);
      assert.deepEqual(c.args, args, `args of ${JSON.stringify(printed)}`);
      assert.ok(c.argDynamic.every((d) => !d), 'single-quoted words are static');
      const again = [c.name!, ...c.args.map(quote)].join(' ');
      assert.equal(again, printed);
      assert.deepEqual(analyzeShell(again).commands.filter((x) => !x.via.includes('respelled')).map((x) => [x.name, x.args]), [[name, args]]);
    }),
    { numRuns: RUNS * 2 },
  );
});

function fixturePayloads(agentDir: string): unknown[] {
  const dir = path.join(process.cwd(), 'test/fixtures/agents', agentDir);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown);
}

/** Every path to a value inside a JSON value, so one can be replaced by something arbitrary. */
function paths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return out;
}

function replaceAt(v: unknown, at: Array<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let o = copy;
  for (const k of at.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[at[at.length - 1]!] = value;
  return copy;
}

for (const [agent, dialect] of Object.entries(DIALECTS)) {
  test(`${agent} dialect: parse and render never throw on arbitrary or mutated payloads`, () => {
    const fixtures = fixturePayloads(agent);
    assert.ok(fixtures.length > 0, 'fixtures exist');
    const mutated = fc.constantFrom(...fixtures).chain((f) => {
      const ps = paths(f);
      return fc.tuple(fc.constantFrom(...ps), fc.oneof(fc.anything({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 100 }), fc.constant(undefined))).map(([at, value]) => replaceAt(f, at, value));
    });
    const event = fc.option(fc.oneof(fc.constantFrom(...dialect.events), fc.string()), { nil: undefined });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.anything({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 })), event, fc.constantFrom('allow', 'ask', 'deny') as fc.Arbitrary<'allow' | 'ask' | 'deny'>, fc.string({ maxLength: 200 }), (payload, hint, decision, reason) => {
        const parsed = timed('parse', () => dialect.parse(payload, hint));
        if (!parsed.ok) {
          assert.ok(parsed.error.length > 0, 'a refusal says why');
          const out = dialect.renderRefusal(parsed.error);
          assert.ok(out.exitCode === 2 || (agent === 'cline' && out.exitCode === 0));
          return;
        }
        for (const a of parsed.call.actions) assert.equal(typeof a.kind, 'string');
        const out = timed('render', () => dialect.render(parsed.call, { decision, reason, rules: ['x.y'] }));
        assert.ok([0, 2].includes(out.exitCode));
        if (out.stdout) JSON.parse(out.stdout);
        // Cline reads cancel/overrideInput on exit 0; the Copilot CLI reads a JSON deny on exit 0 (it hides an exit-2 reason).
        const copilotCliDeny = agent === 'copilot' && parsed.call.frontEnd === 'copilot-cli' && out.exitCode === 0 && JSON.parse(out.stdout).permissionDecision === 'deny';
        if (decision === 'deny' && parsed.call.phase === 'pre') assert.ok(out.exitCode === 2 || agent === 'cline' || copilotCliDeny, 'a deny blocks');
      }),
      { numRuns: RUNS },
    );
  });
}

test('the whole hook in-process (runHook): any stdin, any agent, is answered 0 or 2 with a reason on block and no stack trace', async () => {
  await loadShellParser();
  const root = path.join(freshHome('alfuzz-').home, '.airlock');
  const sink = () => {
    let text = '';
    return { stream: new Writable({ write(c, _e, cb) { text += String(c); cb(); } }), text: () => text };
  };
  const fixtures = Object.keys(DIALECTS).flatMap((a) => fixturePayloads(a).map((p) => JSON.stringify(p)));
  const stdin = fc.oneof(
    fc.constantFrom(...fixtures),
    fc.constantFrom(...fixtures).chain((f) => fc.nat(f.length).map((n) => f.slice(0, n))),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 500 }),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(DIALECTS)), stdin, async (agent, input) => {
      const out = sink();
      const err = sink();
      const t0 = performance.now();
      const code = await runHook({ agent }, { stdin: Readable.from([Buffer.from(input)]), stdout: out.stream, stderr: err.stream }, { root, cwd: '/w/app' });
      assert.ok(performance.now() - t0 < GUARD_MS);
      assert.ok(code === 0 || code === 2, `exit ${code}`);
      if (code === 2) assert.match(err.text(), /^Airlock(?: blocked this)?: \S/);
      assert.doesNotMatch(err.text() + out.text(), /\n\s+at /);
      if (out.text()) JSON.parse(out.text());
    }),
    { numRuns: 500 },
  );
});
