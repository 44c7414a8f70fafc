import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShell } from '../../../../src/core/shell';
import { readHttpRequest, bodyTexts } from '../../../../src/core/rules/lib/http-args';
import { commandViews, recipeLines } from '../../../../src/core/rules/lib/runners';
import { identifierWords, optionValue, positionals } from '../../../../src/core/rules/lib/words';
import { context, ready } from './harness';
import type { SimpleCommand } from '../../../../src/core/rules/types';

const first = (line: string) => analyzeShell(line).commands[0];

test('HTTP clients: every spelling of the method, URLs and body sources', async () => {
  await ready;
  const cases: [string, string, number][] = [
    ['curl -X DELETE https://a.example/x', 'DELETE', 0],
    ['curl -sSLXDELETE https://a.example/x', 'DELETE', 0],
    ['curl --request=delete https://a.example/x', 'DELETE', 0],
    ['curl -d @body.json https://a.example/x', 'POST', 1],
    ['curl -T big.iso https://a.example/up', 'PUT', 1],
    ['curl --data-urlencode query@q.graphql https://a.example/x', 'POST', 1],
    ['wget --method DELETE https://a.example/x', 'DELETE', 0],
    ['http --auth u:p DELETE https://a.example/x', 'DELETE', 0],
    ['http https://a.example/x name=y', 'POST', 1],
    ['Invoke-RestMethod -Method Delete -Uri https://a.example/x', 'DELETE', 0],
    ['gh api --method=DELETE /repos/a/b', 'DELETE', 0],
  ];
  for (const [line, method, bodies] of cases) {
    const r = readHttpRequest(first(line));
    assert.ok(r, line);
    assert.equal(r.method, method, line);
    assert.equal(r.bodies.length, bodies, line);
    assert.ok(r.urls.length >= 1, line);
  }
  assert.equal(readHttpRequest(first('ls -la')), undefined);
});

test('HTTP bodies: files via readFile, stdin from heredoc or < redirect; unreadable ones are counted', async () => {
  await ready;
  const files: Record<string, string> = { 'b.json': '{"query":"mutation { x }"}' };
  const read = (p: string) => files[p];
  const a = first('curl -d @b.json https://a.example/graphql');
  assert.deepEqual(bodyTexts(readHttpRequest(a)!, a, read).texts, ['{"query":"mutation { x }"}']);
  const b = first('curl --data-binary @- https://a.example/graphql < b.json');
  assert.deepEqual(bodyTexts(readHttpRequest(b)!, b, read).texts, ['{"query":"mutation { x }"}']);
  const c = first("curl -d @- https://a.example/graphql <<'EOF'\nmutation { y }\nEOF");
  assert.match(bodyTexts(readHttpRequest(c)!, c, read).texts.join(''), /mutation \{ y \}/);
  const d = first('curl -d @nope.json https://a.example/graphql');
  assert.equal(bodyTexts(readHttpRequest(d)!, d, read).opaque, 1);
});

/** A SimpleCommand as the analyzer would hand it over, built directly so this tests runners.ts alone. */
function simple(line: string): SimpleCommand {
  const [name, ...args] = line.split(' ');
  return { name, args, dynamicName: false, argDynamic: args.map(() => false), assignments: {}, redirects: [], text: line, via: [] };
}

test('runners: project-level wrappers are peeled into views', () => {
  const names = (line: string) => commandViews(simple(line)).map((v) => v.name);
  assert.deepEqual(names('npx -y prisma migrate reset'), ['npx', 'prisma']);
  assert.deepEqual(names('pnpm exec prisma migrate reset'), ['pnpm', 'prisma']);
  assert.deepEqual(names('bundle exec rails db:drop'), ['bundle', 'rails']);
  assert.deepEqual(names('python3 manage.py flush'), ['python3', 'manage.py']);
  assert.deepEqual(names('./vendor/bin/sail php artisan db:wipe'), ['sail', 'php', 'artisan']);
  assert.deepEqual(names('docker compose exec -T db psql -c x'), ['docker', 'psql']);
  assert.deepEqual(names('kubectl exec -it pg-0 -n db -- psql -c x'), ['kubectl', 'psql']);
  assert.deepEqual(names('doppler run --config prd -- terraform destroy'), ['doppler', 'terraform']);
  assert.deepEqual(names('ls -la'), ['ls']);
  assert.deepEqual(commandViews(simple('npx prisma migrate reset'))[1].args, ['migrate', 'reset']);
});

test('runners: npm/pnpm/yarn scripts are read from package.json through the injected reader', async () => {
  await ready;
  const ctx = context();
  const names = (line: string) => commandViews(simple(line), ctx).map((v) => v.name);
  assert.ok(names('npm run db:reset').includes('prisma'));
  assert.ok(names('yarn db:reset').includes('prisma'));
  assert.ok(!names('npm run db:seed').includes('prisma'));
  assert.ok(!commandViews(simple('npm run db:reset')).some((v) => v.name === 'prisma'), 'no reader, no script');
});

test('runners: make/just targets are judged by their recipe lines', async () => {
  await ready;
  const files = { Makefile: 'DB ?= app\n\n.PHONY: reset-db\nreset-db: ## wipe it\n\t@dropdb $(DB)\n\t-createdb $(DB)\n\nbuild:\n\tnpm run build\n' };
  const ctx = context(files);
  const names = (line: string) => commandViews(simple(line), ctx).map((v) => v.name);
  assert.ok(names('make reset-db').includes('dropdb'));
  assert.ok(!names('make build').includes('dropdb'));
  assert.deepEqual(recipeLines(files.Makefile, 'reset-db'), ['dropdb $(DB)', 'createdb $(DB)']);
});

test('runners: a command line carried as one string is parsed by the shell analyzer', async () => {
  await ready;
  const names = (cmd: SimpleCommand) => commandViews(cmd).map((v) => v.name);
  const heroku: SimpleCommand = { ...simple('heroku run'), args: ['run', 'python manage.py flush --noinput', '-a', 'acme'], argDynamic: [false, false, false, false] };
  assert.deepEqual(names(heroku), ['heroku', 'python', 'manage.py']);
  const fly: SimpleCommand = { ...simple('fly ssh'), args: ['ssh', 'console', '-C', "psql -c 'DROP TABLE users'"], argDynamic: [false, false, false, false] };
  assert.deepEqual(names(fly), ['fly', 'psql']);
  assert.deepEqual(commandViews(fly)[1].args, ['-c', 'DROP TABLE users']);
});

test('words: options, positionals, identifiers', () => {
  assert.deepEqual(positionals(['--profile', 'prod', 's3', 'rb', 's3://b', '--force'], new Set(['--profile'])), ['s3', 'rb', 's3://b']);
  assert.equal(optionValue(['-n', 'db'], [], ['-n']), 'db');
  assert.equal(optionValue(['--namespace=db'], ['--namespace']), 'db');
  assert.deepEqual(identifierWords('HTTPServerReset'), ['http', 'server', 'reset']);
  assert.deepEqual(identifierWords('apps:destroy'), ['apps', 'destroy']);
});
