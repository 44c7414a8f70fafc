// The platform pack and the nsupdate rule beyond their own examples: files read through the injected reader,
// shell assignments, look-alike programs, and read-only requests to the same endpoints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DNS_RULES } from '../../../../src/core/rules/dns';
import { PLATFORM_RULES } from '../../../../src/core/rules/platform';
import type { ShellRule } from '../../../../src/core/rules/types';
import { context, matchLine, ready } from './harness';

function rule(rules: readonly ShellRule[], id: string): ShellRule {
  const r = rules.find((x) => x.id === id);
  assert.ok(r, id);
  return r;
}

const FILES: Record<string, string> = {
  'adds.txt': 'server ns1.example.com\nupdate add www.example.com 300 A 192.0.2.1\nsend\n',
  'dels.txt': 'server ns1.example.com\nupdate delete old.example.com A\nsend\n',
  'purge.rb': 'Ci::Build.where("created_at < ?", 1.year.ago).find_each(&:destroy)\nUser.where(state: "blocked").delete_all\n',
  'report.rb': 'puts Project.count\nputs User.active.count\n',
};

test('platform pack: ids, pack and reasons', () => {
  for (const r of PLATFORM_RULES) {
    assert.ok(r.id.startsWith('platform.'), r.id);
    assert.equal(r.pack, 'platform');
    assert.equal(r.defaultDecision, 'ask');
    assert.ok(r.reason.endsWith('.'), r.id);
  }
});

test('dns.nsupdate-delete reads the update file and a stdin redirect', async () => {
  await ready;
  const r = rule(DNS_RULES, 'dns.nsupdate-delete');
  const ctx = context(FILES);
  assert.equal(matchLine(r, 'nsupdate -k Kexample.key adds.txt', ctx), undefined);
  assert.equal(matchLine(r, 'nsupdate < adds.txt', ctx), undefined);
  assert.match(matchLine(r, 'nsupdate -k Kexample.key dels.txt', ctx)?.target ?? '', /old\.example\.com/);
  assert.ok(matchLine(r, 'nsupdate < dels.txt', ctx));
  assert.ok(matchLine(r, 'nsupdate missing.txt', ctx), 'an unreadable file may delete');
  assert.equal(matchLine(r, 'nsupdate -T', ctx), undefined);
});

test('platform.gitlab-admin reads a runner script and DRY_RUN from the environment', async () => {
  await ready;
  const r = rule(PLATFORM_RULES, 'platform.gitlab-admin');
  const ctx = context(FILES);
  assert.ok(matchLine(r, 'gitlab-rails runner purge.rb', ctx));
  assert.equal(matchLine(r, 'gitlab-rails runner report.rb', ctx), undefined);
  assert.ok(matchLine(r, 'gitlab-rails runner missing.rb', ctx), 'an unreadable script may delete');
  assert.ok(matchLine(r, 'DRY_RUN=false gitlab-rake gitlab:cleanup:orphan_job_artifact_files', ctx));
  assert.equal(matchLine(r, 'DRY_RUN=true gitlab-rake gitlab:cleanup:orphan_job_artifact_files', ctx), undefined);
  assert.equal(matchLine(r, 'gitlab-rails runner "puts \'title\'.truncate(10)"', ctx), undefined, 'String#truncate is not SQL');
  // Other rake tasks are the orm pack's.
  assert.equal(matchLine(r, 'bundle exec rake db:drop', ctx), undefined);
});

test('platform.observability-data-delete: only requests that can delete', async () => {
  await ready;
  const r = rule(PLATFORM_RULES, 'platform.observability-data-delete');
  assert.ok(matchLine(r, 'http POST localhost:9090/api/v1/admin/tsdb/delete_series match[]==up'));
  assert.ok(matchLine(r, 'curl -X PUT "http://vm:8428/api/v1/admin/tsdb/delete_series?match[]=up"'));
  assert.equal(matchLine(r, 'curl -I http://localhost:9090/api/v1/admin/tsdb/delete_series'), undefined);
  assert.equal(matchLine(r, 'splunk clean locks'), undefined);
  assert.equal(matchLine(r, 'splunk remove monitor /var/log/app.log'), undefined);
});

test('platform.feature-flag-retire leaves coreutils split alone', async () => {
  await ready;
  const r = rule(PLATFORM_RULES, 'platform.feature-flag-retire');
  assert.equal(matchLine(r, 'split -b 10M backup.tar backup.part.'), undefined);
  assert.equal(matchLine(r, 'split kill archive'), undefined);
  assert.ok(matchLine(r, 'split splits kill checkout --environment prod'));
});
