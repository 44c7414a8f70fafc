// `airlock exposure`: fixture homes with every store type (made-up credentials), a fixture workspace with
// the incident's kind of token in an unrelated file, token kinds, and the JSON output validated against
// its published JSON Schema by a real validator.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { credentialKind } from '../../../src/core/exposure/kinds';
import { exposureJsonSchema, summaryLine, type ExposureReport } from '../../../src/core/exposure/report';
import { CREDENTIAL_STORES } from '../../../src/core/exposure/stores';
import { collectExposure } from '../../../src/exposure/collect';
import { exposureCommand } from '../../../src/cli/exposure';
import { PassThrough } from 'node:stream';

function tmp(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

// Made-up values, built from pieces so no token-shaped literal sits in this file.
const fakeKeyBody = (n: number) => Array.from({ length: n }, (_, i) => 'Q7xK2mP9wR4tZ8vB3nL6'[(i * 7) % 20]).join('');
const SECRET_MARK = fakeKeyBody(24);

function fixtureHome(): string {
  const home = tmp('airlock-exposure-home-');
  write(home, '.aws/credentials', `[default]\naws_access_key_id = ${'AK'}IA${fakeKeyBody(16)}\naws_secret_access_key = ${SECRET_MARK}\n[prod-admin]\naws_access_key_id = ${'AS'}IA${fakeKeyBody(16)}\naws_secret_access_key = ${SECRET_MARK}\naws_session_token = ${SECRET_MARK}\n`);
  write(home, '.aws/config', '[default]\nregion = eu-west-1\n[profile staging]\nregion = eu-west-1\n');
  write(home, '.config/gcloud/credentials.db', 'x');
  write(home, '.kube/config', 'apiVersion: v1\nclusters: []\ncontexts:\n- context:\n    cluster: a\n    user: a\n  name: prod-eu\n- context:\n    cluster: b\n    user: b\n  name: kind-dev\ncurrent-context: kind-dev\n');
  write(home, '.docker/config.json', JSON.stringify({ auths: { 'registry.example.com': { auth: SECRET_MARK } } }));
  write(home, '.npmrc', `//registry.npmjs.org/:_authToken=${SECRET_MARK}\n`);
  write(home, '.netrc', `machine api.heroku.com\n  login me@example.com\n  password ${SECRET_MARK}\n`);
  write(home, '.git-credentials', `https://me:${SECRET_MARK}@github.com\n`);
  write(home, '.config/gh/hosts.yml', `github.com:\n    oauth_token: ${SECRET_MARK}\n    user: me\n`);
  write(home, '.pgpass', `prod-db.internal:5432:orders:admin:${SECRET_MARK}\n`);
  write(home, '.my.cnf', `[client]\npassword=${SECRET_MARK}\n`);
  write(home, '.terraform.d/credentials.tfrc.json', JSON.stringify({ credentials: { 'app.terraform.io': { token: SECRET_MARK } } }));
  write(home, '.railway/config.json', JSON.stringify({ user: { token: SECRET_MARK } }));
  write(home, '.fly/config.yml', `access_token: ${SECRET_MARK}\n`);
  write(home, '.local/share/com.vercel.cli/auth.json', JSON.stringify({ token: SECRET_MARK }));
  write(home, '.config/netlify/config.json', JSON.stringify({ users: {} }));
  write(home, '.config/heroku/config.json', '{}');
  write(home, '.supabase/access-token', SECRET_MARK);
  write(home, '.doppler/.doppler.yaml', `scoped:\n  /:\n    token: ${SECRET_MARK}\n`);
  return home;
}

function fixtureWorkspace(): string {
  const ws = tmp('airlock-exposure-ws-');
  const uuid = ['8c1f0e4b', '3d2a', '4f7e', '9b6c', '2e5d7a1c9f30'].join('-');
  write(ws, 'config/legacy-deploy.json', JSON.stringify({ description: 'legacy deploy bot - full account scope', provider: 'railway', scope: 'account', token: uuid }, null, 2));
  write(ws, '.env', 'APP_NAME=shop\n');
  write(ws, 'src/index.ts', 'export const x = 1;\n');
  return ws;
}

async function collect(home: string, ws: string, env: NodeJS.ProcessEnv = {}): Promise<ExposureReport> {
  return collectExposure({ workspace: ws, home, env, now: () => new Date(0) });
}

describe('credential kinds', () => {
  const cases: [string, string, string, string, string][] = [
    ['github-token', 'ghp_', '', 'GitHub classic token', 'account-wide'],
    ['github-fine-grained-token', 'github_pat_', '', 'GitHub fine-grained token', 'scoped'],
    ['stripe-live-key', 'sk_live_', '', 'Stripe live secret key', 'account-wide'],
    ['stripe-live-key', 'rk_live_', '', 'Stripe restricted key', 'scoped'],
    ['generic-secret', 'sk_test_', '', 'Stripe test key', 'test'],
    ['aws-access-key-id', 'AKIA', '', 'AWS long-term access key', 'account-wide'],
    ['aws-access-key-id', 'ASIA', '', 'AWS session credentials', 'session'],
    ['generic-secret', '8c1f', 'RAILWAY_API_TOKEN', 'Railway account token', 'account-wide'],
    ['generic-secret', '8c1f', 'RAILWAY_TOKEN project', 'Railway project token', 'scoped'],
  ];
  for (const [rule, prefix, ctx, kind, scope] of cases) {
    test(`${rule} ${prefix} ${ctx} -> ${kind} (${scope})`, () => {
      const k = credentialKind(rule, prefix, ctx);
      assert.equal(k.kind, kind);
      assert.equal(k.scope, scope);
    });
  }
  test('an account-wide Railway token is the incident kind; a project token is not', () => {
    assert.equal(credentialKind('generic-secret', '', 'railway scope account').infrastructure, true);
    assert.equal(credentialKind('generic-secret', '', 'RAILWAY_TOKEN project').infrastructure, false);
    assert.equal(credentialKind('github-token', 'ghp_', '').infrastructure, false);
  });
});

describe('airlock exposure', () => {
  test('every store type in a fixture home is listed with its metadata, and no value is ever printed', async () => {
    const home = fixtureHome();
    const ws = fixtureWorkspace();
    const r = await collect(home, ws);
    const ids = new Set(r.items.filter((i) => i.source === 'home-store').map((i) => i.id.replace('home-store:', '')));
    for (const s of CREDENTIAL_STORES) assert.ok(ids.has(s.id), `store ${s.id} not listed`);
    const aws = r.items.find((i) => i.id === 'home-store:aws-credentials')!;
    assert.equal(aws.scope, 'account-wide');
    assert.equal(aws.production, true, 'the prod-admin profile looks like production');
    assert.match(aws.detail ?? '', /default, prod-admin/);
    const kube = r.items.find((i) => i.id === 'home-store:kubeconfig')!;
    assert.match(kube.detail ?? '', /prod-eu, kind-dev/);
    assert.equal(kube.production, true);
    assert.equal(r.items.find((i) => i.id === 'home-store:railway')!.infrastructure, true);
    assert.match(r.items.find((i) => i.id === 'home-store:pgpass')!.detail ?? '', /prod-db\.internal:5432\/orders/);
    const everything = JSON.stringify(r);
    assert.ok(!everything.includes(SECRET_MARK), 'a secret value reached the report');
  });

  test("the incident's token in an unrelated file: account-wide, infrastructure, open to unguarded agents", async () => {
    const r = await collect(tmp('airlock-exposure-empty-home-'), fixtureWorkspace());
    const token = r.items.find((i) => i.source === 'workspace-file' && i.location === 'config/legacy-deploy.json');
    assert.ok(token, JSON.stringify(r.items.map((i) => i.label)));
    assert.equal(token.kind, 'Railway account token');
    assert.equal(token.infrastructure, true);
    assert.ok(token.reach.some((x) => x.how === 'open'));
    assert.ok(token.fixes.some((f) => f.action === 'scope' && f.url?.startsWith('https://')));
    assert.ok(r.items.some((i) => i.source === 'protected-file' && i.location === '.env'));
    assert.match(summaryLine(r.summary), /^\d+ credentials? reachable by agents, [1-9]\d* looks? production-wide\.$/);
  });

  test('credential-named variables are listed by name only, and blanking covers terminals', async () => {
    const r = await collect(tmp('airlock-exposure-empty-home-'), tmp('airlock-exposure-empty-ws-'), { RAILWAY_API_TOKEN: SECRET_MARK, PATH: '/usr/bin', HOME: '/h' });
    const v = r.items.find((i) => i.source === 'environment');
    assert.ok(v);
    assert.equal(v.location, '$RAILWAY_API_TOKEN');
    assert.equal(v.reach.find((x) => x.agent === 'terminal')?.how, 'blanked');
    assert.equal(r.items.filter((i) => i.source === 'environment').length, 1, 'PATH and HOME are not credentials');
    assert.ok(!JSON.stringify(r).includes(SECRET_MARK));
  });

  test('malformed and unreadable stores are reported as such, never a crash', async () => {
    const home = tmp('airlock-exposure-bad-home-');
    write(home, '.docker/config.json', '{not json');
    write(home, '.kube/config', '\u0000\u0001 binary junk');
    write(home, '.aws/credentials', 'no sections here');
    const r = await collect(home, tmp('airlock-exposure-empty-ws-'));
    assert.match(r.items.find((i) => i.id === 'home-store:docker-config')!.detail ?? '', /present but not valid JSON/);
    assert.match(r.items.find((i) => i.id === 'home-store:kubeconfig')!.detail ?? '', /present but no contexts/);
    assert.match(r.items.find((i) => i.id === 'home-store:aws-credentials')!.detail ?? '', /present but no \[profile\]/);
  });

  test('--format json validates against the published JSON Schema (a real validator)', async () => {
    const home = fixtureHome();
    const ws = fixtureWorkspace();
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const err = new PassThrough();
    const code = await exposureCommand.run([ws, '--home', home, '--format', 'json'], { stdin: new PassThrough(), stdout: out, stderr: err });
    assert.equal(code, 1, 'something is open to an agent');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(exposureJsonSchema());
    const report = JSON.parse(text) as unknown;
    assert.ok(validate(report), JSON.stringify(validate.errors));
    // And the validator is not a rubber stamp: a report with a made-up reach fails it.
    const broken = JSON.parse(text) as ExposureReport;
    (broken.items[0]!.reach[0] as { how: string }).how = 'maybe';
    assert.equal(validate(broken), false);
  });

  test('bad options: one line and exit 2; --help exits 0', async () => {
    const run = async (args: string[]) => {
      let stderr = '';
      const err = new PassThrough();
      err.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await exposureCommand.run(args, { stdin: new PassThrough(), stdout: new PassThrough(), stderr: err });
      return { code, stderr };
    };
    assert.equal((await run(['--help'])).code, 0);
    const missing = await run(['/nonexistent-airlock-dir']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.equal((await run(['--format', 'xml'])).code, 2);
    assert.equal((await run(['--bogus'])).code, 2);
  });
});
