// Issue #10 acceptance: judging effects, not spelling. For destructive and secret-reading cores (rm -rf of
// a real directory, cat of `.env`, the incident's volumeDelete curl, DROP through psql), a generator rewrites
// them with every technique the shell analysis follows (redirects at any word boundary, variables, arrays,
// functions, aliases, trap, wrappers, option spellings, git alias, awk system(), find -exec, xargs, quote
// splicing, `\rm`, absolute paths…), composed a few deep. No rewrite may be allowed. Separately, inserting
// `2>/dev/null`, `>/dev/null`, `2>&1` or `</dev/null` at any word boundary of any corpus command never
// changes its decision. Fixture files live in a temp folder; the commands are only ever classified.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { AgentAction } from '../../../src/core/action';
import { classify } from '../../../src/core/classify';
import { analyzeShell } from '../../../src/core/shell';
import { createHostFacts } from '../../../src/host/facts';
import { loadShellParser } from '../../../src/host/shell_wasm';

let ws = '';
let ctx: Parameters<typeof classify>[1] = {};

before(async () => {
  await loadShellParser();
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-spelling-'));
  fs.mkdirSync(path.join(ws, 'src'));
  fs.writeFileSync(path.join(ws, 'src', 'index.ts'), 'export {};\n');
  fs.writeFileSync(path.join(ws, '.env'), 'PLAIN=1\n');
  ctx = { cwd: ws, home: '/home/u', workspaceRoots: [ws], facts: createHostFacts() };
});

after(() => {
  if (ws) fs.rmSync(ws, { recursive: true, force: true });
});

/** Single-quotes a word for the shell unless it is made of plain characters only. */
function q(w: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** A command as shell tokens (each already quoted source text); `name` is the index of the program word. */
interface Cmd {
  tokens: string[];
  /** Option spellings that read the same to the program, by the token they replace. */
  spellings: Record<string, string[][]>;
}

const VOLUME_QUERY = '{"query":"mutation { volumeDelete(volumeId: \\"v-1\\") }"}';
const CORES: Cmd[] = [
  { tokens: ['rm', '-rf', 'src'], spellings: { '-rf': [['-r', '-f'], ['-fr'], ['-Rf'], ['--recursive', '--force'], ['--rec', '--force'], ['-r', '--forc']] } },
  { tokens: ['cat', '.env'], spellings: {} },
  {
    tokens: ['curl', '-X', 'POST', 'https://backboard.railway.app/graphql/v2', '-H', q('Content-Type: application/json'), '-d', q(VOLUME_QUERY)],
    spellings: { '-d': [['--data'], ['--data-raw'], ['--data-binary']], '-X': [['--request']] },
  },
  { tokens: ['psql', '-h', 'db', '-c', q('DROP DATABASE orders')], spellings: { '-c': [['--command'], ['--comm']] } },
];

const REDIRECTS = ['2>/dev/null', '>/dev/null', '2>&1', '</dev/null'];

type WordMove = (c: Cmd, pick: number) => Cmd;
type Wrap = (s: string, pick: number) => string;

/** Wrappers that put words in front of one simple command (`sudo X`): they need a simple command to wrap. */
const PREFIX = new Set(['envPrefix', 'sudo', 'env', 'nohup', 'timeout', 'nice', 'strace', 'setsid', 'stdbuf', 'taskset', 'flock', 'command']);
/** Wrappers whose result is a list or group, not a simple command. */
const COMPOUND = new Set(['subshell', 'group', 'andTrue', 'cd']);
/** After `LC_ALL=C cmd`, only wrappers that read assignments themselves may go in front (nice would run `LC_ALL=C`). */
const READS_ASSIGNMENTS = new Set(['sudo', 'env']);

/** Rewrites of words inside the command. */
const WORD_MOVES: Record<string, WordMove> = {
  redirect: (c, pick) => {
    const at = 1 + (pick % c.tokens.length);
    return { ...c, tokens: [...c.tokens.slice(0, at), REDIRECTS[pick % REDIRECTS.length], ...c.tokens.slice(at)] };
  },
  spelling: (c, pick) => {
    const keys = Object.keys(c.spellings).filter((k) => c.tokens.includes(k));
    if (keys.length === 0) return c;
    const key = keys[pick % keys.length];
    const alts = c.spellings[key];
    const alt = alts[pick % alts.length];
    const i = c.tokens.indexOf(key);
    return { ...c, tokens: [...c.tokens.slice(0, i), ...alt, ...c.tokens.slice(i + 1)] };
  },
  spliceName: (c, pick) => {
    const n = c.tokens[0];
    if (!/^[a-z]+$/.test(n)) return c;
    const forms = [`\\${n}`, `${n[0]}''${n.slice(1)}`, `"${n[0]}"${n.slice(1)}`, `'${n}'`, `/usr/bin/${n}`, `/bin/${n}`, `$(echo ${n})`];
    return { ...c, tokens: [forms[pick % forms.length], ...c.tokens.slice(1)] };
  },
};

/** Rewrites that wrap the whole command (its source text `s`). */
const WRAPS: Record<string, Wrap> = {
  bashC: (s) => `bash -c ${q(s)}`,
  shLc: (s) => `sh -lc ${q(s)}`,
  eval: (s) => `eval ${q(s)}`,
  sudo: (s) => `sudo ${s}`,
  envPrefix: (s) => `LC_ALL=C ${s}`,
  env: (s) => `env FOO=1 ${s}`,
  nohup: (s) => `nohup ${s}`,
  timeout: (s) => `timeout 30 ${s}`,
  nice: (s) => `nice -n 5 ${s}`,
  strace: (s) => `strace -f -o /dev/null ${s}`,
  setsid: (s) => `setsid ${s}`,
  stdbuf: (s) => `stdbuf -oL ${s}`,
  taskset: (s) => `taskset -c 0 ${s}`,
  flock: (s) => `flock /tmp/airlock.lock ${s}`,
  command: (s) => `command ${s}`,
  script: (s) => `script -qc ${q(s)} /dev/null`,
  su: (s) => `su -c ${q(s)}`,
  ssh: (s) => `ssh prod-db ${q(s)}`,
  dockerExec: (s) => `docker exec -i app sh -c ${q(s)}`,
  kubectlExec: (s) => `kubectl exec -n production app-0 -- sh -c ${q(s)}`,
  gitAlias: (s) => `git -c alias.x=${q(`!${s}`)} x`,
  awk: (s) => `awk ${q(`BEGIN{system("${s.replace(/[\\"]/g, '\\$&')}")}`)}`,
  findExec: (s) => `find . -maxdepth 0 -exec sh -c ${q(s)} \\;`,
  xargs: (s) => `echo ${q(s)} | xargs -I{} sh -c {}`,
  parallel: (s) => `parallel ::: ${q(s)}`,
  atNow: (s) => `echo ${q(s)} | at now`,
  tmux: (s) => `tmux new -d ${q(s)}`,
  subshell: (s) => `(${s})`,
  group: (s) => `{ ${s}; }`,
  andTrue: (s) => `true && ${s}`,
  cd: (s) => `cd . && ${s}`,
};

/** Rewrites that store the command and run it later (they end the composition). */
const LATER: Record<string, (c: Cmd, s: string) => string> = {
  varWhole: (_c, s) => `X=${q(s)}; eval "$X"`,
  array: (c) => `c=(${c.tokens.join(' ')}); "\${c[@]}"`,
  varName: (c) => `P=${c.tokens[0]}; "$P" ${c.tokens.slice(1).join(' ')}`,
  braceName: (c) => (c.tokens[0].length > 1 && /^[a-z]+$/.test(c.tokens[0]) ? `a=${c.tokens[0][0]}; \${a}${c.tokens[0].slice(1)} ${c.tokens.slice(1).join(' ')}` : `${c.tokens.join(' ')}`),
  setArgs: (c) => `set -- ${c.tokens.join(' ')}; "$@"`,
  indirect: (c) => `n=1; set -- ${c.tokens[0]}; \${!n} ${c.tokens.slice(1).join(' ')}`,
  fnArgs: (c) => `x(){ command "$@"; }; x ${c.tokens.join(' ')}`,
  fnBody: (_c, s) => `f(){ ${s}; }; f`,
  alias: (_c, s) => `shopt -s expand_aliases; alias x=${q(s)}; x`,
  aliasName: (c) => `alias x=${c.tokens[0]}; x ${c.tokens.slice(1).join(' ')}`,
  trap: (_c, s) => `trap ${q(s)} EXIT`,
  promptCommand: (_c, s) => `PROMPT_COMMAND=${q(s)} bash -i`,
  // xargs reads quotes in its input itself: only a plain last word passes through unchanged.
  xargsArgs: (c, s) => {
    const last = c.tokens[c.tokens.length - 1];
    return last === q(last) ? `echo ${last} | xargs ${c.tokens.slice(0, -1).join(' ')}` : `echo ${q(s)} | xargs -I{} sh -c {}`;
  },
  findExecArgs: (c) => `find . -maxdepth 0 -exec ${c.tokens.join(' ')} \\;`,
};

const arbRewrite = fc.record({
  core: fc.integer({ min: 0, max: CORES.length - 1 }),
  moves: fc.array(fc.tuple(fc.constantFrom(...Object.keys(WORD_MOVES)), fc.nat(1000)), { maxLength: 3 }),
  wraps: fc.array(fc.tuple(fc.constantFrom(...Object.keys(WRAPS)), fc.nat(1000)), { maxLength: 3 }),
  later: fc.option(fc.constantFrom(...Object.keys(LATER)), { nil: undefined }),
});

function build(r: { core: number; moves: [string, number][]; wraps: [string, number][]; later: string | undefined }): string {
  let c = CORES[r.core];
  for (const [m, pick] of r.moves) c = WORD_MOVES[m](c, pick);
  let s = c.tokens.join(' ');
  let simple = true;
  let assigned = false;
  if (r.later !== undefined) {
    s = LATER[r.later](c, s);
    simple = false;
  }
  for (const [w, pick] of r.wraps) {
    // `sudo f(){ …; }; f` is not a way to run the core: a prefix wrapper over a list wraps only its first part.
    if (PREFIX.has(w) && (!simple || (assigned && !READS_ASSIGNMENTS.has(w)))) continue;
    s = WRAPS[w](s, pick);
    simple = !COMPOUND.has(w);
    assigned = w === 'envPrefix';
  }
  return s;
}

function decide(command: string) {
  return classify({ kind: 'shell', command, cwd: ws }, ctx);
}

test('every core is flagged as written', () => {
  for (const c of CORES) assert.notEqual(decide(c.tokens.join(' ')).decision, 'allow', c.tokens.join(' '));
});

test('each technique alone keeps every core flagged', () => {
  for (const c of CORES) {
    const s = c.tokens.join(' ');
    for (const [name, move] of Object.entries(WORD_MOVES)) {
      for (let pick = 0; pick < 8; pick++) {
        const line = move(c, pick).tokens.join(' ');
        assert.notEqual(decide(line).decision, 'allow', `${name}: ${line}`);
      }
    }
    for (const [name, wrap] of Object.entries(WRAPS)) assert.notEqual(decide(wrap(s, 0)).decision, 'allow', `${name}: ${wrap(s, 0)}`);
    for (const [name, later] of Object.entries(LATER)) assert.notEqual(decide(later(c, s)).decision, 'allow', `${name}: ${later(c, s)}`);
  }
});

test('spelling invariance: composed rewrites of a destructive or secret-reading core are never allowed', () => {
  fc.assert(
    fc.property(arbRewrite, (r) => {
      const line = build(r);
      const v = decide(line);
      assert.notEqual(v.decision, 'allow', `allowed: ${line}`);
    }),
    { numRuns: 400 },
  );
});

/** Every command of the corpora, with the words the analyzer sees (so insertion points are real boundaries). */
function corpusCommands(): string[] {
  const dir = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus');
  const root = fs.existsSync(dir) ? dir : path.join(process.cwd(), 'test', 'fixtures', 'corpus');
  const out: string[] = [];
  for (const f of fs.readdirSync(root).filter((x) => x.endsWith('.jsonl'))) {
    for (const line of fs.readFileSync(path.join(root, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const a = JSON.parse(line).action as AgentAction;
      if (a.kind === 'shell') out.push(a.command);
    }
  }
  return out;
}

/** Offsets of the spaces between words of a one-line, single-command-or-list corpus command. */
function boundaries(command: string): number[] {
  if (command.includes('\n') || command.includes('<<')) return [];
  const out: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '\\') i++;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ' ' && command[i - 1] !== ' ' && !/[;&|(<>]$/.test(command.slice(0, i).trimEnd()) && !/^[;&|)]/.test(command.slice(i + 1))) out.push(i);
  }
  return out;
}

/** Whether the command around offset `from` writes into a pipe (`|` before the next `;`, `&`, `&&`, `||`). */
function feedsPipe(command: string, from: number): boolean {
  let quote: string | undefined;
  for (let i = from; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '\\') i++;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ';' || ch === '&' || ch === '\n') return false;
    else if (ch === '|') return command[i + 1] !== '|';
  }
  return false;
}

test('inserting 2>/dev/null, >/dev/null, 2>&1 or </dev/null at any word boundary never changes a decision (corpora)', () => {
  // Reserved words take no redirect after them (`for 2>/dev/null f in …` is not bash).
  const commands = corpusCommands().filter((c) => boundaries(c).length > 0 && analyzeShell(c).findings.length === 0 && !/\b(?:for|while|until|if|case|select|function)\b/.test(c));
  assert.ok(commands.length > 300, `corpus commands: ${commands.length}`);
  fc.assert(
    fc.property(fc.constantFrom(...commands), fc.nat(1000), fc.constantFrom(...REDIRECTS), (command, pick, redirect) => {
      const at = boundaries(command);
      const i = at[pick % at.length];
      // Sending a pipe's producer's stdout elsewhere does change what the next stage reads: not a spelling.
      if ((redirect === '>/dev/null' || redirect === '2>&1') && feedsPipe(command, i)) return;
      const line = `${command.slice(0, i)} ${redirect}${command.slice(i)}`;
      const before = decide(command);
      const after = decide(line);
      // The parser's time bound (a busy machine) answers ask for either line: that is a bound, not a spelling.
      if (before.rules.includes('shell.too-complex') || after.rules.includes('shell.too-complex')) return;
      // tree-sitter-bash drops a word before a redirect in a few spots (`… | make -f - 2>/dev/null x` loses the `-`);
      // the analysis then asks (shell.parse-error) rather than guess. That is the parser's limit failing safe: the
      // redirect may turn an allow into an ask this way, never anything into an allow.
      if (after.rules.includes('shell.parse-error') && !before.rules.includes('shell.parse-error') && before.decision === 'allow' && after.decision === 'ask') return;
      assert.equal(after.decision, before.decision, `${command}  ->  ${line}: ${after.rules.join(',')} vs ${before.rules.join(',')}`);
    }),
    { numRuns: 600 },
  );
});
