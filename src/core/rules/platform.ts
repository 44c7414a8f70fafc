// Self-hosted platforms and SaaS control planes whose destructive verbs are not called `delete`: a GitLab
// instance's admin tools (rails runner code, backup restore, cleanup tasks), Stripe key rolls and cancellations,
// Kong decK reset/sync, feature-flag archive/kill, and monitoring data removal (Splunk indexes, Prometheus TSDB
// series). Plain `<tool> <thing> delete` sub-commands are shell.cli-delete-verb's (or cloud.platform-delete's).
import { HTTP_CLIENT_NAMES as HTTP_CLIENTS, readHttpRequest } from './lib/http-args';
import { cliRule } from './lib/cli_rule';
import { optionValue } from './lib/words';
import type { RuleContext, ShellRule, SimpleCommand } from './types';

// Ruby that deletes or rewrites records: ActiveRecord destroy/delete (one or all), update_all, the services and
// workers GitLab deletes through, and raw SQL that drops, truncates or deletes.
const RUBY_DESTRUCTIVE =
  /\.(?:destroy_all|delete_all|destroy|delete|really_destroy|update_all|purge|purge_later)(?:!|\b)|\b(?:Destroy|Delete)\w*(?:Service|Worker)\b|\bdrop_table\b|\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA)\b|TRUNCATE\s+(?:TABLE\s+)?[a-z_"]|DELETE\s+FROM\b)/i;

/** Ruby code a `gitlab-rails runner` / `console` would run: the inline code, a readable script file, or stdin. */
function rubyCode(words: string[], cmd: SimpleCommand, ctx: RuleContext): { code?: string; opaque?: string } {
  const arg = words[1];
  if (words[0] === 'runner') {
    if (arg === undefined) return {};
    if (/\.rb$/.test(arg) && !/\s/.test(arg)) {
      const text = ctx.readFile?.(arg);
      return text === undefined ? { opaque: `${arg} (not readable)` } : { code: text };
    }
    if (arg === '-') return cmd.stdin !== undefined ? { code: cmd.stdin } : { opaque: 'code on stdin' };
    return { code: arg };
  }
  if (words[0] === 'console' || words[0] === 'c') {
    if (cmd.stdin !== undefined) return { code: cmd.stdin };
    const file = cmd.redirects.find((r) => r.op === '<')?.target;
    if (file !== undefined) {
      const text = ctx.readFile?.(file);
      return text === undefined ? { opaque: `${file} (not readable)` } : { code: text };
    }
  }
  return {};
}

/** `DRY_RUN=false` as a rake argument or a shell assignment. */
function dryRunOff(words: string[], cmd: SimpleCommand): boolean {
  const value = words.find((w) => w.startsWith('DRY_RUN='))?.slice('DRY_RUN='.length) ?? cmd.assignments.DRY_RUN;
  return value !== undefined && /^(false|0|no|off)$/i.test(value);
}

const GITLAB_RAKE_LOSS = /^(?:gitlab:backup:restore|gitlab:setup|gitlab:db:drop_tables|gitlab:db:truncate_legacy_tables:\S+|db:drop|db:reset|db:schema:load|gitlab:cleanup:delete_\S+|gitlab:cleanup:orphan_lfs_files)$/;

// Prometheus / VictoriaMetrics / Thanos / Mimir admin endpoints that delete series (and, with clean_tombstones,
// make a deletion final on disk); Loki's log deletion requests.
const TSDB_DELETE = /\/api\/v1\/admin\/tsdb\/(?:delete_series|clean_tombstones)\b|\/loki\/api\/v1\/delete\b/;

const SPLIT_RESOURCES = new Set(['splits', 'split', 'environments', 'segments', 'workspaces', 'traffic-types', 'flag-sets', 'rule-based-segments']);

export const PLATFORM_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'platform',
    name: 'gitlab-admin',
    clis: ['gitlab-rails', 'gitlab-rake', 'gitlab-backup', 'gitlab-ctl', 'rake'],
    severity: 'critical',
    reason: 'A GitLab instance admin tool destroys data: Rails code that deletes or rewrites records, a backup restore over the live instance, a database reset, a cleanup task run for real, or gitlab-ctl cleanse.',
    valued: ['-e', '--environment'],
    test(w, v, ctx, cmd) {
      switch (v.name) {
        case 'gitlab-rails': {
          const { code, opaque } = rubyCode(w, cmd, ctx);
          if (opaque !== undefined) return opaque;
          if (code === undefined || code.length > 200_000) return code === undefined ? undefined : 'rails code (too large to check)';
          const m = RUBY_DESTRUCTIVE.exec(code);
          return m ? `rails ${w[0]}: ${m[0].trim()}` : undefined;
        }
        case 'gitlab-backup':
          return w[0] === 'restore' ? `restore ${w.find((x) => x.startsWith('BACKUP='))?.slice(7) ?? 'latest backup'}` : undefined;
        case 'gitlab-ctl':
          return w[0] === 'cleanse' ? 'every GitLab data directory (cleanse)' : undefined;
        default: {
          // gitlab-rake, and `bundle exec rake gitlab:…` on a source install (other rake tasks are the orm pack's)
          const tasks = w.filter((x) => !x.includes('=') || /^\S+\[.*\]$/.test(x)).map((x) => x.replace(/\[.*\]$/, ''));
          if (v.name === 'rake' && !tasks.some((t) => t.startsWith('gitlab:'))) return undefined;
          const lost = tasks.find((t) => GITLAB_RAKE_LOSS.test(t));
          if (lost !== undefined) return lost;
          const cleanup = tasks.find((t) => t.startsWith('gitlab:cleanup:'));
          return cleanup !== undefined && dryRunOff(w, cmd) ? `${cleanup} (DRY_RUN=false)` : undefined;
        }
      }
    },
    examples: {
      flag: [
        'gitlab-rails runner "Project.destroy_all"',
        'sudo gitlab-rails runner "User.where(state: \'blocked\').delete_all"',
        'gitlab-rails runner "Projects::DestroyService.new(Project.find(42), User.first).execute"',
        'gitlab-rake gitlab:backup:restore',
        'gitlab-rake gitlab:backup:restore BACKUP=1700000000_2024_01_01_16.0.0',
        'gitlab-backup restore BACKUP=1700000000_2024_01_01_16.0.0',
        'gitlab-rake gitlab:cleanup:orphan_job_artifact_files DRY_RUN=false',
        'gitlab-rake gitlab:cleanup:project_uploads DRY_RUN=false',
        'gitlab-rake gitlab:setup',
        'gitlab-ctl cleanse',
        'docker exec -it gitlab gitlab-rake gitlab:backup:restore',
        'bundle exec rake gitlab:backup:restore RAILS_ENV=production',
        'gitlab-rails console <<< "Ci::Build.where(project_id: 1).destroy_all"',
      ],
      allow: [
        'gitlab-rails runner "puts Project.count"',
        'gitlab-rails runner "puts Gitlab::VERSION"',
        'gitlab-rake gitlab:check SANITIZE=true',
        'gitlab-rake gitlab:env:info',
        'gitlab-rake gitlab:backup:create',
        'gitlab-backup create STRATEGY=copy',
        'gitlab-rake gitlab:cleanup:orphan_job_artifact_files',
        'gitlab-ctl status',
        'gitlab-ctl reconfigure',
        'bundle exec rake gitlab:env:info RAILS_ENV=production',
      ],
    },
  }),
  cliRule({
    pack: 'platform',
    name: 'stripe-irreversible',
    clis: ['stripe'],
    reason: 'The Stripe CLI rolls or revokes an API key (every integration using it stops), cancels a subscription or voids an invoice; none of these can be undone.',
    valued: ['--api-key', '--project-name', '-p', '--stripe-account', '--color', '--log-level', '-d', '--data', '-e', '--expand', '--idempotency', '-i', '--stripe-version', '-v', '--config'],
    test(w) {
      if ((w[0] === 'api_keys' || w[0] === 'api-keys') && /^(roll|revoke|expire)$/.test(w[1] ?? '')) return `API key ${w[1]} ${w[2] ?? ''}`.trim();
      if (w[0] === 'subscriptions' && w[1] === 'cancel') return `subscription ${w[2] ?? ''}`.trim();
      if (w[0] === 'invoices' && (w[1] === 'void_invoice' || w[1] === 'mark_uncollectible')) return `invoice ${w[2] ?? ''}`.trim();
      return undefined;
    },
    examples: {
      flag: ['stripe api_keys roll', 'stripe api_keys roll rk_live_123 --live', 'stripe subscriptions cancel sub_123', 'stripe subscriptions cancel sub_123 --live', 'stripe invoices void_invoice in_123', 'stripe invoices mark_uncollectible in_123'],
      allow: ['stripe listen --forward-to localhost:3000/webhook', 'stripe customers list', 'stripe subscriptions list --limit 3', 'stripe logs tail', 'stripe trigger payment_intent.succeeded', 'stripe invoices retrieve in_123'],
    },
  }),
  cliRule({
    pack: 'platform',
    name: 'kong-reset',
    clis: ['deck', 'kong'],
    reason: 'Kong decK reset deletes every entity in the gateway, and decK sync deletes every entity missing from the state file (services, routes, consumers, credentials, plugins); kong migrations reset drops the database.',
    valued: ['--select-tag', '--kong-addr', '--headers', '-s', '--state', '--workspace', '-w', '--konnect-token', '--konnect-addr', '--konnect-control-plane-name', '--konnect-runtime-group-name', '--parallelism', '--config', '-c', '--output-file', '-o'],
    test(w, v) {
      if (v.name === 'kong') return w[0] === 'migrations' && w[1] === 'reset' ? 'Kong database (migrations reset)' : undefined;
      const s = w[0] === 'gateway' || w[0] === 'konnect' ? w.slice(1) : w;
      if (s[0] === 'reset') return `all Kong entities${optionValue(v.args, ['--select-tag']) ? ` tagged ${optionValue(v.args, ['--select-tag'])}` : ''}`;
      if (s[0] === 'sync') return `Kong entities not in ${s[1] ?? optionValue(v.args, ['--state'], ['-s']) ?? 'kong.yaml'}`;
      return undefined;
    },
    examples: {
      flag: ['deck reset', 'deck reset --force', 'deck gateway reset --select-tag team-a', 'deck sync --select-tag production', 'deck gateway sync kong.yaml', 'deck sync -s kong.yaml', 'deck konnect sync --konnect-token $TOKEN', 'kong migrations reset --yes'],
      allow: ['deck diff', 'deck dump --output-file kong.yaml', 'deck gateway diff kong.yaml', 'deck gateway dump -o kong.yaml', 'deck gateway apply kong.yaml', 'deck validate', 'deck ping', 'deck file openapi2kong -s api.yaml', 'kong migrations list', 'kong health'],
    },
  }),
  cliRule({
    pack: 'platform',
    name: 'feature-flag-retire',
    clis: ['ldcli', 'split', 'unleash'],
    severity: 'medium',
    reason: 'Archives or kills a feature flag (LaunchDarkly, Split, Unleash): every application evaluating it falls back to its default at once, in production too.',
    valued: ['--project', '--flag', '--workspace', '--environment', '-e', '--access-token', '--api-key', '--base-uri', '-o', '--output', '--data', '-d'],
    test(w, v) {
      if (v.name === 'split' && !SPLIT_RESOURCES.has(w[0] ?? '')) return undefined;
      const i = w.findIndex((x, k) => k >= 1 && k <= 2 && (x === 'archive' || x === 'kill'));
      return i >= 0 ? `${w[0]} ${w[i]} ${w[i + 1] ?? optionValue(v.args, ['--flag']) ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['ldcli flags archive my-flag --project my-project', 'ldcli flags archive --flag new-checkout --project default', 'split splits kill my-split --workspace my-workspace', 'unleash features archive my-toggle', 'unleash features archive my-toggle --project default'],
      allow: ['ldcli flags list --project my-project', 'ldcli flags get my-flag', 'split splits list', 'split -l 1000 big.csv part_', 'unleash features list', 'unleash features enable my-toggle'],
    },
  }),
  cliRule({
    pack: 'platform',
    name: 'observability-data-delete',
    clis: ['splunk', ...HTTP_CLIENTS],
    reason: 'Deletes indexed monitoring data: a Splunk index or its events (remove index, clean eventdata, a search piped to delete), or Prometheus/Loki series through the admin delete API.',
    valued: ['-index', '-auth', '-uri', '-app', '-owner', '-earliest_time', '-latest_time', '-maxout', '-output'],
    test(w, v, _ctx, cmd) {
      if (v.name === 'splunk') {
        if (w[0] === 'remove' && /^(index|app|user|role|saved-search)$/.test(w[1] ?? '')) return `${w[1]} ${w[2] ?? ''}`.trim();
        if (w[0] === 'clean' && /^(all|eventdata|globaldata|userdata|inputdata|kvstore)$/.test(w[1] ?? '')) return `${w[1]} ${optionValue(v.args, ['-index']) ?? ''}`.trim();
        if (w[0] === 'search' && /\|\s*delete\s*$/.test(w[1] ?? '')) return `events matching ${w[1].replace(/\|\s*delete\s*$/, '').trim().slice(0, 60)}`;
        return undefined;
      }
      const req = readHttpRequest({ ...cmd, name: v.name, args: v.args });
      if (req === undefined || req.method === 'GET' || req.method === 'HEAD') return undefined;
      return req.urls.find((u) => TSDB_DELETE.test(u));
    },
    examples: {
      flag: [
        'splunk remove index main',
        'splunk clean eventdata -index main',
        'splunk clean eventdata -index web -f',
        'splunk clean all -f',
        "splunk search 'index=web sourcetype=access | delete' -auth admin:changeme",
        'curl -X POST http://localhost:9090/api/v1/admin/tsdb/delete_series?match[]=up',
        "curl -g -X POST 'http://prometheus:9090/api/v1/admin/tsdb/delete_series?match[]={job=\"node\"}'",
        'curl -XPOST http://localhost:9090/api/v1/admin/tsdb/clean_tombstones',
        "curl -g -X POST 'http://loki:3100/loki/api/v1/delete?query={app=\"web\"}&start=1700000000'",
      ],
      allow: [
        'splunk list index',
        'splunk search "index=web | stats count"',
        'splunk add index web',
        'splunk status',
        'curl -X GET http://localhost:9090/api/v1/query?query=up',
        'curl http://localhost:9090/api/v1/admin/tsdb/delete_series',
        'curl -X POST http://localhost:9090/api/v1/admin/tsdb/snapshot',
        'curl http://loki:3100/loki/api/v1/delete',
      ],
    },
  }),
];
