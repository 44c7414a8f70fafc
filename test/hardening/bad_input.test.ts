// Bad input for the hook, per agent, against the built dist/hook.js as a child process with no
// editor running: every case gets a decision in bounded time, a clear "Airlock blocked this"
// reason (never a stack trace), and is blocked when it cannot be understood. A benign control per
// agent proves the harness can tell an allow from a block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { AGENTS, CLI, describe, freshHome, isAllowed, isBlocked, pool, runHook, setPath, STACK_TRACE, type Run } from './lib/hook';

const env = freshHome();
// Generous: a hook answers in well under a second; this only catches hangs on a loaded 2-core box.
const BOUND_MS = 8000;

/** Shell tricks that bash turns into a destructive command (or that hide what runs). */
const TRICKS: Array<[string, string]> = [
  ['RTL override (U+202E)', '\u202erm -rf ~'],
  ['zero-width space inside rm', 'r\u200bm -rf ~'],
  ['homoglyph rm (Cyrillic г)', '\u0433m -rf ~'],
  ['homoglyph rm (Cyrillic м)', 'r\u043c -rf /'],
  ['ANSI-C quoted name', "$'\\x72\\x6d' -rf ~"],
  ['$IFS splitting', 'rm${IFS}-rf${IFS}~'],
  ['brace expansion', '{rm,-rf,~}'],
];

function assertRefused(agent: string, what: string, r: Run): void {
  assert.ok(isBlocked(agent, r), `${agent} ${what}: not blocked: ${describe(r)}`);
  assert.ok(r.ms < BOUND_MS, `${agent} ${what}: took ${r.ms} ms`);
  // Refusals say "Airlock blocked this: <why>"; flagged actions "Airlock: <rule reason> <what to do>".
  assert.match(r.stderr, /^Airlock(?: blocked this)?: \S.{8,}/, `${agent} ${what}: no clear reason: ${describe(r)}`);
  assert.doesNotMatch(r.stderr + r.stdout, STACK_TRACE, `${agent} ${what}: stack trace`);
  if (r.stdout.trim()) assert.doesNotThrow(() => JSON.parse(r.stdout), `${agent} ${what}: stdout is not the agent's JSON`);
}

for (const shape of AGENTS) {
  const { agent } = shape;
  const valid = shape.shell('git status', env.cwd);

  test(`${agent}: empty, non-JSON, truncated, binary and non-object payloads are refused`, async () => {
    const full = JSON.stringify(shape.shell('rm -rf src', env.cwd));
    const cases: Array<[string, string | Buffer]> = [
      ['empty stdin', ''],
      ['whitespace only', ' \n\t\n'],
      ['non-JSON', 'please run rm -rf src'],
      ['truncated JSON', full.slice(0, Math.floor(full.length / 2))],
      ['binary bytes', Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0]), crypto.randomBytes(4096)])],
      ['JSON null', 'null'],
      ['JSON number', '42'],
      ['JSON string', '"rm -rf src"'],
      ['JSON array', JSON.stringify([valid])],
      ['two JSON objects', `${JSON.stringify(valid)}\n${JSON.stringify(valid)}`],
      ['UTF-16 encoded JSON', Buffer.from(`\ufeff${JSON.stringify(valid)}`, 'utf16le')],
    ];
    const runs = await pool(cases.map(([, input]) => () => runHook(agent, { input, env })));
    runs.forEach((r, i) => assertRefused(agent, cases[i]![0], r));
  });

  test(`${agent}: unknown events, missing fields and wrong types are refused`, async () => {
    const cases: Array<[string, unknown]> = [
      ['unknown event', setPath(valid, [shape.eventKey], 'noSuchEvent')],
      ['event name of the wrong type', setPath(valid, [shape.eventKey], { name: 'PreToolUse' })],
      ['command missing', setPath(valid, shape.commandPath, undefined)],
      ['command is a number', setPath(valid, shape.commandPath, 42)],
      ['command is an object', setPath(valid, shape.commandPath, { rm: '-rf' })],
      ['command is null', setPath(valid, shape.commandPath, null)],
      ['command is an array of numbers', setPath(valid, shape.commandPath, [1, 2, 3])],
      ...(shape.commandPath.length > 1 ? ([['tool input is a string', setPath(valid, shape.commandPath.slice(0, -1), 'rm -rf src')]] as Array<[string, unknown]>) : []),
      ['empty object', {}],
    ];
    const runs = await pool(cases.map(([, payload]) => () => runHook(agent, { input: JSON.stringify(payload), env })));
    runs.forEach((r, i) => assertRefused(agent, cases[i]![0], r));
  });

  test(`${agent}: a 50 MB payload is refused quickly without being read into memory`, async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const r = await runHook(agent, {
      env,
      measureRss: true,
      input: (stdin) => {
        // The payload starts like a real one so only its size is wrong; written as fast as the pipe takes it.
        stdin.write(`{"hook_event_name":"PreToolUse","command":"`);
        let sent = 0;
        const pump = (): void => {
          while (sent < 50) {
            sent++;
            if (!stdin.write(chunk)) return void stdin.once('drain', pump);
          }
          stdin.end('"}');
        };
        pump();
      },
    });
    assertRefused(agent, '50 MB payload', r);
    assert.match(r.stderr, /larger than \d+ MB/);
    // Reading it all would hold 50 MB of chunks plus a 50 MB copy on top of Node's own ~50 MB.
    assert.ok(r.maxRssMb !== undefined && r.maxRssMb < 110, `peak memory ${r.maxRssMb?.toFixed(0)} MB`);
    console.log(`# ${agent}: 50 MB payload refused in ${r.ms} ms, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
  });

  test(`${agent}: unicode tricks, ANSI-C quoting, $IFS and brace expansion are blocked; git status passes`, async () => {
    const runs = await pool(TRICKS.map(([, command]) => () => runHook(agent, { input: JSON.stringify(shape.shell(command, env.cwd)), env })));
    runs.forEach((r, i) => assertRefused(agent, TRICKS[i]![0], r));
    const benign = await runHook(agent, { input: JSON.stringify(valid), env });
    assert.ok(isAllowed(agent, benign), `${agent} git status: ${describe(benign)}`);
    assert.ok(benign.ms < BOUND_MS);
  });
}

test('unknown or missing --agent is refused with the usage line', async () => {
  for (const args of [[], ['--agent'], ['--agent', 'notanagent'], ['--agent', '__proto__'], ['--agent', 'constructor']]) {
    const r = await runHook('', { input: JSON.stringify({ hook_event_name: 'PreToolUse' }), env, args });
    assert.equal(r.code, 2, `${args.join(' ')}: ${describe(r)}`);
    assert.match(r.stderr, /Airlock blocked this: .*(usage|unknown agent)/);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
  }
});

test('`airlock hook --agent <a>` (the CLI entry, dist/cli.js) refuses the same bad input as dist/hook.js', async () => {
  const cases: Array<[string, (a: (typeof AGENTS)[number]) => string | Buffer]> = [
    ['empty stdin', () => ''],
    ['truncated JSON', (a) => JSON.stringify(a.shell('git status', env.cwd)).slice(0, 20)],
    ['binary bytes', () => crypto.randomBytes(2048)],
    ['homoglyph rm', (a) => JSON.stringify(a.shell('\u0433m -rf ~', env.cwd))],
  ];
  const tasks = AGENTS.flatMap((shape) => cases.map(([what, make]) => async () => ({ agent: shape.agent, what, r: await runHook(shape.agent, { input: make(shape), env, script: CLI, args: ['hook', '--agent', shape.agent] }) })));
  for (const { agent, what, r } of await pool(tasks)) assertRefused(agent, `cli ${what}`, r);
});
