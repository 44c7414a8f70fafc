// classify(): path tricks, merging, MCP and fetch actions, environment, redaction, and the incident itself.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { AgentAction } from '../../../src/core/action';
import { classify } from '../../../src/core/classify';
import { guessEnvironment } from '../../../src/core/environment';
import { defaultPolicy } from '../../../src/core/policy/default_policy';
import { loadShellParser } from '../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

const CTX = { cwd: '/w', home: '/home/u' };
const decide = (a: AgentAction) => classify(a, CTX);

test('the incident: the railway volumeDelete curl is flagged and asks', () => {
  const v = decide({
    kind: 'shell',
    command: `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d '{"query":"mutation { volumeDelete(volumeId: \\"3d1c…\\") }"}'`,
  });
  assert.equal(v.decision, 'ask');
  assert.ok(v.rules.includes('http.graphql-destructive'), v.rules.join(','));
});

describe('path tricks reach the same protected file', () => {
  for (const path of ['.env', './.env', 'src/../.env', '/w/.env', '.ENV', '~/../u/.ssh/id_rsa', '/home/u/.aws/credentials', '~/.aws/credentials', 'C:\\w\\.env']) {
    test(path, () => assert.equal(decide({ kind: 'read', path }).decision, 'ask'));
  }
  test('a relative path inside a protected directory', () => {
    assert.equal(classify({ kind: 'read', path: 'credentials.db', cwd: '/home/u/.config/gcloud' }, CTX).decision, 'ask');
    assert.equal(classify({ kind: 'shell', command: 'cat id_ed25519', cwd: '/home/u/.ssh' }, CTX).decision, 'ask');
    assert.equal(classify({ kind: 'write', path: 'hooks.json', cwd: '/w/.cursor' }, CTX).decision, 'deny');
  });
  for (const path of ['.env.example', 'src/.env.ts', 'docs/env.md', '/home/u/.ssh/id_rsa.pub']) {
    test(`not ${path}`, () => assert.equal(decide({ kind: 'read', path }).decision, 'allow'));
  }
});

describe("Airlock's own files", () => {
  test('agents may read them', () => assert.equal(decide({ kind: 'read', path: '.cursor/hooks.json' }).decision, 'allow'));
  test('writes are denied, not asked', () => {
    assert.equal(decide({ kind: 'write', path: '.claude/settings.json', content: '{}' }).decision, 'deny');
    assert.equal(decide({ kind: 'shell', command: 'echo {} > .cursor/hooks.json' }).decision, 'deny');
    assert.equal(decide({ kind: 'delete', path: '/home/u/.airlock/lockdown' }).decision, 'deny');
  });
});

describe('merging', () => {
  test('the strictest decision and highest severity win; all rules are listed', () => {
    const v = decide({ kind: 'shell', command: 'rm -rf src && echo {} > .cursor/hooks.json && git push -f' });
    assert.equal(v.decision, 'deny');
    assert.equal(v.severity, 'critical');
    assert.deepEqual([...v.rules].sort(), ['fs.airlock-tamper', 'fs.recursive-delete', 'git.force-push']);
  });
  test('benign commands are allowed with no rules', () => {
    for (const command of ['ls -la', 'npm test', 'git status && git diff', 'rm -rf node_modules && npm ci', 'echo "rm -rf /"']) {
      const v = decide({ kind: 'shell', command });
      assert.deepEqual([v.decision, v.rules], ['allow', []], command);
    }
  });
  test('the reason says where an unwrapped command was found', () => {
    assert.match(decide({ kind: 'shell', command: 'sudo bash -c "rm -rf /srv"' }).reason, /inside sudo → bash -c/);
  });
});

describe('MCP and fetch', () => {
  test('an MCP shell tool gets the shell analysis', () => {
    const v = decide({ kind: 'mcp', tool: 'run_command', input: { command: 'git reset --hard' } });
    assert.ok(v.rules.includes('git.reset-hard'));
  });
  test('destructive MCP tools and SQL inputs', () => {
    assert.equal(decide({ kind: 'mcp', tool: 'mcp__railway__volumeDelete', input: {} }).decision, 'ask');
    assert.equal(decide({ kind: 'mcp', tool: 'execute_sql', input: { query: 'select count(*) from users' } }).decision, 'allow');
  });
  test('command lines under any command-like key, and argv arrays, get the shell analysis', () => {
    const flagged: AgentAction[] = [
      { kind: 'mcp', server: 'aws', tool: 'call_aws', input: { cli_command: 'aws s3 rb s3://acme-prod --force' } },
      { kind: 'mcp', server: 'exec', tool: 'exec', input: { cmd: ['rm', '-rf', 'src'], cwd: '/w' } },
      { kind: 'mcp', tool: 'spawn', input: { command: ['git', 'reset', '--hard'] } },
      { kind: 'mcp', tool: 'spawn', input: { argv: ['bash', '-c', 'rm -rf src'] } },
      { kind: 'mcp', tool: 'process', input: { program: 'rm', args: ['-rf', 'src'] } },
      { kind: 'mcp', tool: 'task', input: { step: { commandLine: 'git push --force origin main' } } },
      { kind: 'mcp', tool: 'task', input: { args: 'git reset --hard HEAD~3' } },
    ];
    for (const a of flagged) assert.notEqual(decide(a).decision, 'allow', JSON.stringify(a));
    const allowed: AgentAction[] = [
      { kind: 'mcp', tool: 'spawn', input: { cmd: ['npm', 'test'] } },
      { kind: 'mcp', tool: 'process', input: { program: 'ls', args: ['-la', 'src'] } },
      { kind: 'mcp', tool: 'search', input: { args: ['rm', '-rf'] } },
      { kind: 'mcp', tool: 'task', input: { run: true, name: 'build' } },
    ];
    for (const a of allowed) assert.equal(decide(a).decision, 'allow', JSON.stringify(a));
  });
  test('without file-system facts the delete tool is judged by name as rm would be; an empty write is not judged', () => {
    for (const path of ['/w/src', '.git', '~/projects/api', 'data/']) assert.ok(decide({ kind: 'delete', path }).rules.includes('fs.delete-tool-tree'), path);
    for (const path of ['/w/src/old.ts', 'node_modules', 'dist', '/tmp/scratch', '.gitignore']) assert.ok(!decide({ kind: 'delete', path }).rules.includes('fs.delete-tool-tree'), path);
    assert.equal(decide({ kind: 'write', path: '/w/src/app.ts', content: '' }).decision, 'allow');
  });
  test('fetch DELETE', () => assert.equal(decide({ kind: 'fetch', url: 'https://api.example.com/x/1', method: 'delete' }).decision, 'ask'));
  test('prompts are not classified', () => assert.equal(decide({ kind: 'prompt', text: 'rm -rf / please' }).decision, 'allow'));
});

describe('environment', () => {
  const cases: [string, string][] = [
    ['psql -h prod-db.internal -c "DROP TABLE x"', 'production'],
    ['RAILS_ENV=production rails db:drop', 'production'],
    ['terraform destroy -var env=staging', 'staging'],
    ['psql postgres://localhost:5432/app', 'local'],
    ['curl http://127.0.0.1:8080', 'local'],
    ['mysql -h db.example.com', 'unknown'],
    ['cat product-list.txt', 'unknown'],
    ['deploy --env preprod', 'staging'],
  ];
  for (const [text, env] of cases) test(text, () => assert.equal(guessEnvironment(text), env));
  test('a verdict carries it', () => {
    assert.equal(decide({ kind: 'shell', command: 'ssh prod-web-1 "rm -rf /var/www"' }).environment, 'production');
  });
  // The demo's replay: the endpoint is a local fake API, the volume is production. The strongest signal wins.
  test('a loopback endpoint deleting a production volume is production', () => {
    const command = `curl -sS -X POST http://127.0.0.1:4111/graphql -H 'Content-Type: application/json' -d '{"query":"mutation { volumeDelete(volumeId: \\"vol-prod-9a7e\\") }"}'`;
    const v = decide({ kind: 'shell', command });
    assert.notEqual(v.decision, 'allow');
    assert.equal(v.environment, 'production');
  });
  test('a loopback endpoint with nothing else stays local', () => {
    const command = `curl -sS -X POST http://127.0.0.1:4111/graphql -d '{"query":"mutation { volumeDelete(volumeId: \\"vol-9a7e\\") }"}'`;
    assert.equal(decide({ kind: 'shell', command }).environment, 'local');
  });
  test('an MCP call names its environment in its input', () => {
    const v = decide({ kind: 'mcp', tool: 'delete_volume', server: 'railway', input: { volumeId: 'vol-prod-9a7e' } });
    assert.notEqual(v.decision, 'allow');
    assert.equal(v.environment, 'production');
  });
});

test('a credential in the command never appears in the verdict', () => {
  const token = `ghp_${'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH3jK5'}`;
  const v = decide({ kind: 'shell', command: `curl -X DELETE -H "Authorization: token ${token}" https://api.github.com/repos/o/r` });
  assert.notEqual(v.decision, 'allow');
  assert.ok(!JSON.stringify(v).includes(token), 'verdict leaks the token');
});

describe('readings in doubt (spellings bash would not run as written) ask, never deny', () => {
  const strict = { ...CTX, policy: { ...defaultPolicy(), destructiveDecision: 'deny' as const } };
  const shell = (command: string) => classify({ kind: 'shell', command }, strict);
  test('the plain command is denied under a strict policy', () => {
    assert.equal(shell('rm -rf src').decision, 'deny');
  });
  for (const [command, why] of [
    ['1A=2 rm -rf src', 'names no variable'],
    ['command -v rm -rf src', '`command -v` only describes its operands'],
    ['rm \u2010rf src', 'Unicode dashes'],
    ['1A=2 bash -c "rm -rf src"', 'names no variable'],
  ] as const) {
    test(`${command} asks and says why`, () => {
      const v = shell(command);
      assert.equal(v.decision, 'ask');
      assert.ok(v.reason.includes(why), v.reason);
    });
  }
  test('an upper-case program name is no doubt: a case-insensitive file system runs it', () => {
    const v = shell('RM -rf src');
    assert.equal(v.decision, 'deny');
    assert.ok(v.reason.includes('case-insensitive file system'), v.reason);
  });
});
