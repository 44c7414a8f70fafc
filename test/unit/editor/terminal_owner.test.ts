import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePs } from '../../../src/editor/lockdown/processTree';
import { interruptedLine, ownerOf } from '../../../src/editor/lockdown/terminalOwner';
import { interruptedEvent } from '../../../src/editor/lockdown/interrupted';

test('agent terminals: by name, by the env they were created with, by an agent CLI or an agent-marked process running in them', () => {
  const agent = [
    ownerOf({ name: 'Copilot' }, []),
    ownerOf({ name: 'Claude Code' }, []),
    ownerOf({ name: 'bash', env: { CLINE_ACTIVE: 'true' } }, []),
    ownerOf({}, [{ comm: 'claude' }]),
    ownerOf({}, [{ comm: 'node', args: '/usr/lib/node_modules/@google/gemini-cli/dist/index.js -p x' }]),
    ownerOf({}, [{ comm: 'sleep', args: 'sleep 600', envNames: ['PATH', 'CLAUDECODE'] }]),
    ownerOf({ name: 'zsh' }, [{ comm: 'rm', envNames: ['CODEX_SANDBOX'] }]),
  ];
  for (const o of agent) assert.equal(o.owner, 'agent', o.why);
  assert.match(agent[5]!.why, /CLAUDECODE/);
});

test("a person's own shell is left alone; a terminal Airlock cannot place is 'unknown'", () => {
  const person = [ownerOf({}, [{ comm: 'sleep', args: 'sleep 2', envNames: ['PATH', 'HOME'] }]), ownerOf({ name: 'bash' }, [{ comm: 'npm' }]), ownerOf({ name: 'pwsh' }, [])];
  for (const o of person) assert.equal(o.owner, 'person', o.why);
  assert.equal(ownerOf({ name: 'Task - build' }, [{ comm: 'make' }]).owner, 'unknown');
  assert.equal(ownerOf({ extensionPty: true }, []).owner, 'unknown');
});

test('the terminal line and the Activity row say it was lockdown, and why', () => {
  assert.match(interruptedLine("an agent's terminal"), /Lockdown interrupted what was running here \(an agent's terminal\)/);
  const e = interruptedEvent({ kind: 'shell', command: 'sleep 600' }, 'an agent is running in it (claude)');
  assert.deepEqual([e.outcome, e.decidedBy, e.verdict.decision, e.verdict.rules], ['blocked', 'lockdown', 'deny', ['airlock.lockdown']]);
  assert.match(e.verdict.reason, /^Interrupted by lockdown: an agent is running in it \(claude\)\.$/);
});

test('ps output with and without the command name', () => {
  assert.deepEqual(parsePs('  10   1  10 bash\n  11  10  11 sleep\n 12 10 12\n'), [
    { pid: 10, ppid: 1, pgid: 10, comm: 'bash' },
    { pid: 11, ppid: 10, pgid: 11, comm: 'sleep' },
    { pid: 12, ppid: 10, pgid: 12 },
  ]);
});
