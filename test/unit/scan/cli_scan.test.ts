// `airlock scan` in-process: exit codes, the JSONL contract, SARIF 2.1.0 shape, text output; and
// that no output format ever contains a secret.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { scanCommand } from '../../../src/cli/scan';

const TOKEN = ['ghp', 'AirlockFakeu8jzPde0IgxLd6GncfBAepfJB'].join('_');
const UUID = 'a1f0c4e2-7b3d-4c8e-9f1a-692f09e2e8c6';
let dirty = '';
let clean = '';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await scanCommand.run([...args, '--workers', '1'], { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

before(() => {
  dirty = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cli-scan-'));
  fs.mkdirSync(path.join(dirty, 'config'));
  fs.writeFileSync(path.join(dirty, 'config', 'deploy.json'), `{\n  "region": "eu",\n  "railwayToken": "${UUID}"\n}\n`);
  fs.writeFileSync(path.join(dirty, 'ci.sh'), `export GITHUB_TOKEN=${TOKEN}\nexport OLD=${TOKEN} # airlock:allow rotated\n`);
  clean = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cli-clean-'));
  fs.writeFileSync(path.join(clean, 'a.ts'), 'export const apiKey = process.env.API_KEY;\n');
});

after(() => {
  fs.rmSync(dirty, { recursive: true, force: true });
  fs.rmSync(clean, { recursive: true, force: true });
});

const JsonlLine = z.strictObject({
  file: z.string(),
  line: z.number().int().positive(),
  rule: z.string(),
  secret: z.string().regex(/^.{0,4}…\(\d+ chars\)$/),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
});

test('jsonl: exactly the DESIGN.md contract, exit 1 on findings', async () => {
  const { code, out } = await run([dirty, '--format', 'jsonl']);
  assert.equal(code, 1);
  const lines = out.trim().split('\n').map((l) => JsonlLine.parse(JSON.parse(l)));
  assert.deepEqual(
    lines.map((l) => [l.file, l.line, l.rule]),
    [
      ['ci.sh', 1, 'github-token'],
      ['config/deploy.json', 3, 'railway-token'],
    ],
  );
  assert.ok(!out.includes(TOKEN.slice(4)) && !out.includes(UUID.slice(4)), 'no secret in output');
});

test('jsonl --include-silenced adds silenced findings, marked', async () => {
  const { out } = await run([dirty, '--format=jsonl', '--include-silenced']);
  const silenced = out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.silenced);
  assert.deepEqual(silenced.map((l) => [l.file, l.line, l.silenced, l.why]), [['ci.sh', 2, 'inline', 'airlock:allow comment: rotated']]);
});

const Sarif = z.object({
  version: z.literal('2.1.0'),
  $schema: z.string().includes('sarif-2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({
          driver: z.object({
            name: z.string().min(1),
            version: z.string(),
            rules: z.array(z.object({ id: z.string(), shortDescription: z.object({ text: z.string().min(1) }), defaultConfiguration: z.object({ level: z.enum(['none', 'note', 'warning', 'error']) }) })),
          }),
        }),
        results: z.array(
          z.object({
            ruleId: z.string(),
            ruleIndex: z.number().int().nonnegative(),
            level: z.enum(['none', 'note', 'warning', 'error']),
            message: z.object({ text: z.string().min(1) }),
            locations: z
              .array(
                z.object({
                  physicalLocation: z.object({
                    artifactLocation: z.object({ uri: z.string().min(1), uriBaseId: z.string().optional() }),
                    region: z.object({ startLine: z.number().int().positive(), startColumn: z.number().int().positive(), endColumn: z.number().int().positive() }),
                  }),
                }),
              )
              .length(1),
            partialFingerprints: z.record(z.string(), z.string()),
            suppressions: z.array(z.object({ kind: z.enum(['inSource', 'external']), justification: z.string() })).optional(),
          }),
        ),
      }),
    )
    .length(1),
});

test('sarif: valid 2.1.0 shape, rule indexes point at the right rules, silenced become suppressions', async () => {
  const { code, out } = await run([dirty, '--format', 'sarif']);
  assert.equal(code, 1);
  const sarif = Sarif.parse(JSON.parse(out));
  const run0 = sarif.runs[0]!;
  const base = (JSON.parse(out) as { runs: { originalUriBaseIds: Record<string, { uri: string }> }[] }).runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri;
  assert.ok(base.startsWith('file://') && base.endsWith('/') && decodeURIComponent(base).includes(path.basename(dirty)), 'SRCROOT is the scanned directory');
  for (const r of run0.results) assert.equal(run0.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
  assert.equal(run0.results.length, 3);
  assert.equal(run0.results.filter((r) => r.suppressions?.[0]?.kind === 'inSource').length, 1);
  assert.ok(!out.includes(TOKEN.slice(4)) && !out.includes(UUID.slice(4)), 'no secret in output');
});

test('text: readable lines and a summary; exit 0 and "No secrets found" when clean', async () => {
  const dirtyRun = await run([dirty]);
  assert.equal(dirtyRun.code, 1);
  assert.match(dirtyRun.out, /config\/deploy\.json:3:\d+\s+critical\s+railway-token\s+a1f0…\(36 chars\)/);
  assert.match(dirtyRun.out, /2 secrets in 2 files \(1 silenced/);
  assert.ok(!dirtyRun.out.includes(TOKEN.slice(4)));
  const cleanRun = await run([clean]);
  assert.equal(cleanRun.code, 0);
  assert.match(cleanRun.out, /No secrets found/);
  const cleanJsonl = await run([clean, '--format', 'jsonl']);
  assert.equal(cleanJsonl.code, 0);
  assert.equal(cleanJsonl.out, '');
});

test('errors exit 2 with a clear message and no stack trace', async () => {
  for (const args of [[path.join(clean, 'nope')], [clean, '--format', 'xml'], [clean, '--bogus'], [clean, clean], ['/dev/null']]) {
    const { code, err } = await run(args);
    assert.equal(code, 2, `exit code for ${args.join(' ')}`);
    assert.match(err, /^airlock scan: /);
    assert.ok(!/\n\s+at /.test(err), 'no stack trace');
  }
});

test('one named file: scanned from its folder (its .airlockignore applies), even when gitignored', async () => {
  const jsonl = async (file: string): Promise<{ code: number; rules: string[] }> => {
    const { code, out } = await run([file, '--format', 'jsonl', '--include-silenced']);
    const lines = out.trim() === '' ? [] : out.trim().split('\n').map((l) => JsonlLine.extend({ silenced: z.string().optional(), why: z.string().optional() }).parse(JSON.parse(l)));
    return { code, rules: lines.map((l) => `${l.file}:${l.line}:${l.rule}${l.silenced ? ' silenced' : ''}`) };
  };
  assert.deepEqual(await jsonl(path.join(dirty, 'ci.sh')), { code: 1, rules: ['ci.sh:1:github-token', 'ci.sh:2:github-token silenced'] });
  assert.deepEqual(await jsonl(path.join(dirty, 'config', 'deploy.json')), { code: 1, rules: ['deploy.json:3:railway-token'] });
  assert.deepEqual(await jsonl(path.join(clean, 'a.ts')), { code: 0, rules: [] });
  const ignored = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-cli-ignored-'));
  try {
    fs.writeFileSync(path.join(ignored, '.gitignore'), 'secrets.txt\n');
    fs.writeFileSync(path.join(ignored, 'secrets.txt'), `token: ${TOKEN}\n`);
    assert.deepEqual(await jsonl(path.join(ignored, 'secrets.txt')), { code: 1, rules: ['secrets.txt:1:github-token'] });
    const { code, out } = await run([path.join(ignored, 'secrets.txt')]);
    assert.equal(code, 1);
    assert.match(out, /1 files scanned/);
    assert.ok(!out.includes(TOKEN), 'redacted');
  } finally {
    fs.rmSync(ignored, { recursive: true, force: true });
  }
});
