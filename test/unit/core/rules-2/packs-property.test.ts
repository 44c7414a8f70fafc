// The data-loss packs never throw on whatever the analyzer hands them, and stay linear on huge arguments
// (no regex with catastrophic backtracking, no quadratic scans).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CLOUD_RULES } from '../../../../src/core/rules/cloud';
import { CONTAINER_RULES } from '../../../../src/core/rules/containers';
import { HTTP_ACTION_RULES, HTTP_RULES } from '../../../../src/core/rules/http';
import { IAC_RULES } from '../../../../src/core/rules/iac';
import { K8S_RULES } from '../../../../src/core/rules/k8s';
import { ORM_RULES } from '../../../../src/core/rules/orm';
import { SQL_RULES } from '../../../../src/core/rules/sql';
import type { SimpleCommand } from '../../../../src/core/rules/types';
import { context, ready } from './harness';

const RULES = [...SQL_RULES, ...ORM_RULES, ...CLOUD_RULES, ...HTTP_RULES, ...IAC_RULES, ...K8S_RULES, ...CONTAINER_RULES];
const NAMES = ['psql', 'mysql', 'sqlite3', 'mongosh', 'redis-cli', 'curl', 'http', 'wget', 'gh', 'aws', 'gcloud', 'az', 'terraform', 'kubectl', 'helm', 'docker', 'npx', 'python', 'node', 'heroku', 'fly', 'manage.py', 'rails', 'grpcurl', 'prisma', 'x'];
const WORDS = ['-c', '-e', '--eval', '-d', '-X', 'DELETE', 'DROP TABLE t', 'delete', 'destroy', 'exec', 'run', '--', '-f', '@body.json', '{"query":"mutation {', 'db', 'reset', 'down', '-v', 'sh', '-C'];

function command(name: string, args: string[], stdin?: string): SimpleCommand {
  const c: SimpleCommand = { name, args, dynamicName: false, argDynamic: args.map((a) => a.includes('$')), assignments: {}, redirects: [], text: [name, ...args].join(' '), via: [] };
  if (stdin !== undefined) c.stdin = stdin;
  return c;
}

test('every data-loss rule returns a match or undefined for arbitrary commands, never throws', async () => {
  await ready;
  const ctx = context();
  const arg = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 20 }));
  fc.assert(
    fc.property(fc.constantFrom(...NAMES), fc.array(arg, { maxLength: 12 }), fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), (name, args, stdin) => {
      const cmd = command(name, args, stdin);
      for (const r of RULES) {
        const m = r.match(cmd, ctx);
        assert.ok(m === undefined || typeof m === 'object');
      }
    }),
    { numRuns: 400 },
  );
  for (const r of HTTP_ACTION_RULES) {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (url, body) => void r.match({ kind: 'fetch', url, body, method: 'POST' }, ctx)), { numRuns: 200 });
  }
});

test('megabyte arguments are read in linear time', async () => {
  await ready;
  const ctx = context();
  const mb = 1024 * 1024;
  const huge = [
    command('psql', ['-c', `SELECT '${'x'.repeat(mb)}'; DROP TABLE users`]),
    command('curl', ['-d', `{"query":"mutation { ${'a('.repeat(mb / 4)} volumeDelete(id: 1) }"}`, 'https://api.example.com/graphql']),
    command('mongosh', ['--eval', `db.c.deleteMany(${' '.repeat(mb)}`]),
    command('psql', ['-c', `${'\n'.repeat(mb / 4)}${' '.repeat(mb / 4)}`]),
    command('aws', ['s3', ...Array.from({ length: 20_000 }, (_, i) => `--opt${i}`)]),
  ];
  const started = performance.now();
  const hits = huge.map((cmd) => RULES.filter((r) => r.match(cmd, ctx)).map((r) => r.id));
  const elapsed = performance.now() - started;
  assert.ok(hits[0].includes('sql.drop'), 'the DROP after a megabyte of string is still found');
  // A generous ceiling that only a catastrophic (super-linear) scan would break; speed itself is benchmarked elsewhere.
  assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
});
