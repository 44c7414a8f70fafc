// Secret managers and CI secret stores deleting secrets: once destroyed, every service reading them breaks and
// the value may exist nowhere else. Reading secrets is the secrets pack's business; this pack is about loss.
import { cliRule, verbIndex } from './lib/cli_rule';
import { hasOption, optionValue } from './lib/words';
import type { ShellRule } from './types';

/** Vault CLI options that take a value, in both `-name` and `--name` spellings. */
const VAULT_VALUED = [
  'address', 'agent-address', 'namespace', 'ns', 'ca-cert', 'ca-path', 'client-cert', 'client-key', 'tls-server-name', 'wrap-ttl',
  'header', 'mfa', 'format', 'field', 'mount', 'versions', 'version', 'method', 'path', 'description',
  'plugin-name', 'plugin-version', 'default-lease-ttl', 'max-lease-ttl', 'type', 'mode', 'log-level',
].flatMap((n) => [`-${n}`, `--${n}`]);

/** AWS CLI global options that take a value. */
const AWS_VALUED = ['--profile', '--region', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'];

const DELETE = new Set(['delete', 'destroy', 'rm', 'remove', 'del', 'purge', 'unset', 'delete-secret', 'remove-secret', 'clear']);

export const VAULT_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'vaults',
    name: 'hashicorp-delete',
    clis: ['vault', 'bao', 'openbao'],
    severity: 'critical',
    reason: 'Vault deletes or destroys secrets (kv destroy/delete/metadata delete), disables a secrets engine, auth method or audit device with everything in it, deletes a namespace, revokes tokens or leases, or restores a snapshot over the current data.',
    // Vault reads `-flag` and `--flag` alike, global flags may come before the sub-command
    valued: VAULT_VALUED,
    test(w, v) {
      // `-output-curl-string` / `-output-policy` print what the command would send and exit
      if (v.args.some((a) => /^--?output-(?:curl-string|policy)(?:=true)?$/.test(a))) return undefined;
      if (w[0] === 'kv' && (w[1] === 'destroy' || w[1] === 'delete')) return w[2] ?? 'secret';
      if (w[0] === 'kv' && w[1] === 'metadata' && w[2] === 'delete') return w[3] ?? 'secret metadata';
      if (w[0] === 'delete') return w[1] ?? 'path';
      // KV v2's destroy and delete endpoints written to directly: `vault write secret/destroy/app versions=1,2`
      if (w[0] === 'write' && /^[^/]+\/(?:destroy|delete)\//.test(w[1] ?? '')) return w[1]!;
      if ((w[0] === 'secrets' || w[0] === 'auth' || w[0] === 'audit') && w[1] === 'disable') return `${w[0] === 'secrets' ? 'secrets engine' : w[0] === 'auth' ? 'auth method' : 'audit device'} ${w[2] ?? ''}`.trim();
      if (w[0] === 'policy' && w[1] === 'delete') return `policy ${w[2] ?? ''}`.trim();
      if (w[0] === 'namespace' && w[1] === 'delete') return `namespace ${w[2] ?? ''}`.trim();
      // Revoking every lease under a prefix cuts off every service using those credentials at once.
      if (w[0] === 'lease' && w[1] === 'revoke' && v.args.some((a) => /^--?(?:prefix|force)(?:=true)?$/.test(a))) return `leases under ${w[2] ?? ''}`.trim();
      // A revoked token (and, by default, every child token and lease it created) stops working everywhere it is used;
      // revoking one's own token (`-self`) is a logout.
      if (w[0] === 'token' && w[1] === 'revoke' && !v.args.some((a) => /^--?self(?:=true)?$/.test(a))) return `token ${w[2] ?? ''}`.trim();
      if (w[0] === 'operator' && w[1] === 'raft' && w[2] === 'snapshot' && w[3] === 'restore') return `all Vault data (restored from ${w[4] ?? 'a snapshot'})`;
      return undefined;
    },
    examples: {
      flag: [
        'vault write secret/destroy/prod/db versions=1,2,3',
        'vault lease revoke -prefix secret/',
        'vault kv destroy -versions=1 secret/app',
        'vault kv delete secret/app',
        'vault kv metadata delete secret/app',
        'vault kv delete -mount=secret app/prod',
        'vault delete secret/data/app',
        'vault secrets disable kv',
        'bao kv destroy -versions=2 secret/db',
        'vault --namespace admin secrets disable kv/',
        'vault -namespace admin kv delete secret/app',
        'vault -address https://vault.prod:8200 auth disable github',
        'vault token revoke hvs.CAESIabc',
        'vault token revoke -accessor 8609694a-cdbc-db9b-d345-e782dbb562ed',
        'vault lease revoke --prefix database/creds/',
        'vault audit disable file/',
        'vault namespace delete team-a',
        'vault operator raft snapshot restore backup.snap',
      ],
      allow: [
        'vault write secret/data/prod/db password=x',
        'vault kv list secret/',
        'vault kv put secret/app a=b',
        'vault status',
        'vault lease revoke database/creds/app/abc123',
        'vault secrets list',
        'vault kv undelete -versions=1 secret/app',
        'vault --namespace admin policy list',
        'vault -namespace=admin status',
        'vault token lookup',
        'vault token revoke -self',
        'vault operator raft snapshot save backup.snap',
        'vault kv delete -output-curl-string secret/app',
      ],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'doppler-delete',
    clis: ['doppler'],
    severity: 'critical',
    reason: 'Doppler deletes secrets, configs, environments or projects.',
    valued: ['-p', '--project', '-c', '--config', '--token', '--scope', '--configuration', '--config-dir', '--api-host', '--dashboard-host'],
    test(w) {
      const i = verbIndex(w, DELETE, 3);
      return i >= 1 && ['secrets', 'configs', 'environments', 'projects', 'configs:tokens'].includes(w[0]) ? `${w[0]} ${w[i + 1] ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['doppler secrets delete API_KEY', 'doppler secrets delete STRIPE_KEY --yes -p web -c prd', 'doppler configs delete prd', 'doppler environments delete staging', 'doppler projects delete web'],
      allow: ['doppler secrets set API_KEY', 'doppler setup', 'doppler run -- npm start', 'doppler projects', 'doppler configs'],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'password-manager-delete',
    clis: ['op', 'bw', 'pass', 'gopass', 'lpass', 'keeper', 'akeyless', 'infisical', 'security', 'secret-tool'],
    severity: 'critical',
    reason: 'A password manager deletes stored items, vaults or keychain entries.',
    valued: ['--vault', '--account', '--session', '--format', '--env', '--path', '--projectId', '--token', '-s', '-a', '-l', '--name', '--config', '--encoding', '--server', '--user', '--profile', '--domain', '--type', '--projectSlug'],
    test(w, v) {
      if (v.name === 'security') return /^delete-(generic|internet)-password$|^delete-keychain$|^delete-certificate$/.test(w[0] ?? '') ? `keychain ${w[0]}` : undefined;
      if (v.name === 'secret-tool') return w[0] === 'clear' ? 'keyring entry' : undefined;
      const i = verbIndex(w, DELETE, 3);
      if (i < 0 || w[i] === 'clear' || w[i] === 'unset') return undefined;
      // `op item delete x`, `bw delete item x`, `pass rm x`, `infisical secrets delete X`
      return `${v.name} ${w.slice(0, i + 2).join(' ')}`.trim();
    },
    examples: {
      flag: ['op item delete "Prod DB"', 'op vault delete Prod', 'op document delete id_rsa_backup', 'bw delete item 2f3e', 'pass rm -f web/prod', 'gopass rm -r infra', 'infisical secrets delete DB_PASSWORD --env=prod', 'security delete-generic-password -s github'],
      allow: ['op item list', 'op item create --category login', 'bw list items', 'pass ls', 'gopass ls', 'security find-identity -p codesigning', 'infisical run -- npm start'],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'ci-secret-delete',
    clis: ['gh', 'glab', 'circleci', 'travis', 'buildkite-agent', 'fly', 'flyctl', 'heroku', 'vercel', 'vc', 'netlify', 'railway', 'wrangler', 'render', 'az'],
    severity: 'high',
    reason: 'Deletes CI or platform secrets and variables (gh secret delete, glab variable delete, circleci context delete, secrets unset …); the deploys that need them fail.',
    valued: ['-R', '--repo', '-e', '--env', '--org', '-o', '--app', '-a', '-s', '--service', '--environment', '--scope', '-g', '--group', '--token', '--project', '--vcs-type', '-r', '--remote', '--cwd', '--context', '--org-id', '--host', '--hostname', '--subscription'],
    test(w, v) {
      switch (v.name) {
        case 'gh':
          // `gh secret set X --body ''`: the write-only value replaced by nothing
          if (w[0] === 'secret' && w[1] === 'set' && optionValue(v.args, ['--body'], ['-b']) === '') return `secret ${w[2] ?? ''} (emptied)`.trim();
          return (w[0] === 'secret' || w[0] === 'variable') && (w[1] === 'delete' || w[1] === 'remove') ? `${w[0]} ${w[2] ?? ''}`.trim() : undefined;
        case 'glab':
          return (w[0] === 'variable' || w[0] === 'secret') && (w[1] === 'delete' || w[1] === 'remove') ? `${w[0]} ${w[2] ?? ''}`.trim() : undefined;
        case 'circleci':
          return w[0] === 'context' && ['delete', 'remove-secret', 'delete-secret'].includes(w[1] ?? '') ? `context ${w.slice(2).join(' ')}`.trim() : undefined;
        case 'travis':
          return w[0] === 'env' && (w[1] === 'unset' || w[1] === 'clear') ? 'travis env' : undefined;
        case 'fly':
        case 'flyctl':
          return w[0] === 'secrets' && w[1] === 'unset' ? `secrets ${w.slice(2).join(' ')}`.trim() : undefined;
        case 'heroku':
          return w[0] === 'config:unset' ? `config ${w.slice(1).join(' ')}`.trim() : undefined;
        case 'vercel':
        case 'vc':
          return w[0] === 'env' && (w[1] === 'rm' || w[1] === 'remove') ? `env ${w[2] ?? ''}`.trim() : undefined;
        case 'netlify':
          return w[0] === 'env:unset' || w[0] === 'env:delete' ? `env ${w[1] ?? ''}`.trim() : undefined;
        case 'railway':
          return w[0] === 'variables' && (w[1] === 'delete' || hasOption(v.args, ['--remove'])) ? 'railway variables' : undefined;
        case 'wrangler':
          return w[0] === 'secret' && w[1] === 'delete' ? `secret ${w[2] ?? ''}`.trim() : undefined;
        case 'az':
          // `az keyvault … delete/purge` is cloud.az-delete's; pipeline variables and app settings are here
          return (w[0] === 'pipelines' && w.includes('variable') && w.includes('delete')) || (w.includes('appsettings') && w.includes('delete')) ? w.slice(0, 4).join(' ') : undefined;
        default:
          return undefined;
      }
    },
    examples: {
      flag: ["gh secret set DATABASE_URL --body ''", 
        'gh secret delete NPM_TOKEN',
        'gh secret delete DEPLOY_KEY --env production -R org/api',
        'gh variable delete RELEASE_CHANNEL',
        'glab variable delete NPM_TOKEN',
        'circleci context delete github org-global',
        'circleci context remove-secret github org-global AWS_KEY',
        'fly secrets unset DATABASE_URL -a api',
        'heroku config:unset STRIPE_KEY -a shop',
        'vercel env rm DATABASE_URL production',
        'wrangler secret delete API_TOKEN',
      ],
      allow: ['gh secret set DATABASE_URL --body postgres://x', 'gh secret list', 'gh secret set NPM_TOKEN < token.txt', 'glab variable list', 'circleci context list github org', 'fly secrets list', 'heroku config:set X=1', 'vercel env ls', 'gh variable list'],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'cloud-secret-overwrite',
    clis: ['aws', 'awslocal'],
    severity: 'high',
    reason: 'Overwrites the value (or the encryption key) of a cloud secret or secure parameter; every service reading it gets the new value, and the old one is at best kept as a previous version.',
    valued: [...AWS_VALUED, '--secret-id', '--name', '--value', '--type', '--version-stage', '--move-to-version-id', '--remove-from-version-id', '--add-replica-regions'],
    test(w, v) {
      // A plain String parameter (a feature flag, a host name) is configuration; a SecureString, or a parameter whose
      // type the command does not say, may be a credential.
      if (w[0] === 'ssm') return w[1] === 'put-parameter' && hasOption(v.args, ['--overwrite']) && /^(?:SecureString)?$/.test(optionValue(v.args, ['--type']) ?? '') ? `parameter ${optionValue(v.args, ['--name']) ?? ''}`.trim() : undefined;
      if (w[0] !== 'secretsmanager') return undefined;
      const id = optionValue(v.args, ['--secret-id']) ?? '';
      // Moving the AWSCURRENT label makes another version the live value.
      if (w[1] === 'update-secret-version-stage') return `secret ${id} (${optionValue(v.args, ['--version-stage']) ?? 'stage'} moved)`;
      if (w[1] === 'replicate-secret-to-regions') return hasOption(v.args, ['--force-overwrite-replica-secret']) ? `replicas of ${id}`.trim() : undefined;
      if (w[1] !== 'put-secret-value' && w[1] !== 'update-secret') return undefined;
      // A description or tag change leaves the secret as it was.
      if (w[1] === 'update-secret' && !v.args.some((a) => /^--(?:secret-string|secret-binary|kms-key-id)(?:=|$)/.test(a))) return undefined;
      return `secret ${id}`.trim();
    },
    examples: {
      flag: [
        'aws secretsmanager put-secret-value --secret-id prod/db --secret-string "{}"',
        'aws secretsmanager update-secret --secret-id prod/db --secret-string file://new.json',
        'aws secretsmanager update-secret --secret-id my/secret --kms-key-id alias/old-key',
        'aws --profile prod secretsmanager put-secret-value --secret-id api --secret-binary fileb://k.bin',
        'aws secretsmanager update-secret --secret-id=prod/api --secret-string=x',
        'aws secretsmanager update-secret-version-stage --secret-id prod/db --version-stage AWSCURRENT --move-to-version-id v1 --remove-from-version-id v2',
        'aws secretsmanager replicate-secret-to-regions --secret-id prod/db --add-replica-regions Region=eu-west-1 --force-overwrite-replica-secret',
        'aws ssm put-parameter --name /prod/db/password --type SecureString --value "$PW" --overwrite',
      ],
      allow: [
        'aws secretsmanager list-secrets',
        'aws secretsmanager describe-secret --secret-id prod/db',
        'aws secretsmanager update-secret --secret-id prod/db --description "db creds"',
        'aws secretsmanager create-secret --name dev/x --secret-string y',
        'aws secretsmanager replicate-secret-to-regions --secret-id prod/db --add-replica-regions Region=eu-west-1',
        'aws ssm put-parameter --name /dev/feature-flag --type String --value on --overwrite',
        'aws ssm get-parameter --name /prod/db/host',
      ],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'cloud-secret-delete',
    clis: ['aws', 'awslocal'],
    severity: 'critical',
    reason: 'Deletes an AWS Secrets Manager secret or its replicas in other regions; every service reading it breaks, and without a recovery window the value is gone.',
    valued: [...AWS_VALUED, '--secret-id', '--recovery-window-in-days', '--remove-replica-regions'],
    test(w, v) {
      if (w[0] !== 'secretsmanager') return undefined;
      const id = optionValue(v.args, ['--secret-id']) ?? '';
      if (w[1] === 'delete-secret') return `secret ${id}`.trim();
      if (w[1] === 'remove-regions-from-replication') return `replicas of ${id} in ${optionValue(v.args, ['--remove-replica-regions']) ?? 'other regions'}`;
      return undefined;
    },
    examples: {
      flag: [
        'aws secretsmanager delete-secret --secret-id prod/db',
        'aws secretsmanager delete-secret --secret-id prod/db --force-delete-without-recovery',
        'aws --region us-east-1 secretsmanager delete-secret --secret-id my/secret --recovery-window-in-days 7',
        'aws secretsmanager remove-regions-from-replication --secret-id prod/db --remove-replica-regions us-east-1',
        'awslocal secretsmanager delete-secret --secret-id test/x',
      ],
      allow: ['aws secretsmanager list-secrets', 'aws secretsmanager describe-secret --secret-id prod/db', 'aws secretsmanager restore-secret --secret-id prod/db', 'aws secretsmanager list-secret-version-ids --secret-id prod/db'],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'cloud-secret-change',
    clis: ['aws', 'awslocal', 'gcloud', 'az'],
    severity: 'high',
    reason:
      'Changes a secret stored in a cloud secret manager: a new value or version, a version disabled or destroyed, rotation started or cancelled, a deleted secret brought back, or its settings edited; services reading it may get another value, or none.',
    valued: [...AWS_VALUED, '--secret-id', '--secret', '--vault-name', '--name', '--id', '--project', '--data-file', '--value', '--file', '--subscription', '--description', '--kms-key-id', '--rotation-lambda-arn', '--rotation-rules', '--client-request-token', '--version', '--etag', '--location'],
    test(w, v) {
      if (v.name === 'gcloud') {
        // `gcloud [beta] secrets versions add|disable|enable|destroy …`, `gcloud secrets update …`
        const at = w.indexOf('secrets');
        if (at < 0 || at > 1) return undefined;
        const [group, verb] = [w[at + 1], w[at + 2]];
        if (group === 'versions' && ['add', 'disable', 'enable', 'destroy'].includes(verb ?? '')) {
          const secret = optionValue(v.args, ['--secret']) ?? (verb === 'add' ? w[at + 3] : undefined) ?? '';
          return `secret ${secret} (versions ${verb})`.replace('  ', ' ');
        }
        return group === 'update' ? `secret ${w[at + 2] ?? ''} (update)`.replace(' ()', '') : undefined;
      }
      if (v.name === 'az') {
        // `az keyvault secret set|set-attributes|recover|restore`: a new value, a disabled or re-enabled secret, one brought back
        if (w[0] !== 'keyvault' || w[1] !== 'secret' || !['set', 'set-attributes', 'recover', 'restore'].includes(w[2] ?? '')) return undefined;
        return `secret ${optionValue(v.args, ['--name', '-n']) ?? ''} in vault ${optionValue(v.args, ['--vault-name']) ?? ''} (${w[2]})`.replace(/ {2,}/g, ' ');
      }
      if (w[0] !== 'secretsmanager') return undefined;
      const id = optionValue(v.args, ['--secret-id']) ?? '';
      // Value overwrites are vaults.cloud-secret-overwrite; deletes are vaults.cloud-secret-delete. The rest of the
      // verbs that change a stored secret: rotation (a new value made by a Lambda), a cancelled rotation (a
      // half-rotated value may stay live), a restored secret (a value thought gone is served again), edited settings.
      if (w[1] === 'update-secret' && v.args.some((a) => /^--(?:secret-string|secret-binary|kms-key-id)(?:=|$)/.test(a))) return undefined;
      return ['rotate-secret', 'cancel-rotate-secret', 'restore-secret', 'update-secret', 'put-resource-policy', 'delete-resource-policy', 'stop-replication-to-replica'].includes(w[1] ?? '')
        ? `secret ${id} (${w[1]})`.replace('  ', ' ')
        : undefined;
    },
    examples: {
      flag: [
        'aws secretsmanager update-secret --secret-id my/secret --description "rotated"',
        'aws secretsmanager rotate-secret --secret-id prod/db',
        'aws secretsmanager cancel-rotate-secret --secret-id prod/db',
        'aws secretsmanager restore-secret --secret-id prod/db',
        'aws --profile prod secretsmanager update-secret --secret-id api --rotation-rules AutomaticallyAfterDays=1',
        'gcloud secrets versions add db-pass --data-file=pw.txt',
        'gcloud secrets versions disable 3 --secret=db-pass',
        'gcloud secrets versions destroy 3 --secret=db-pass',
        'gcloud beta secrets versions enable 2 --secret db-pass',
        'az keyvault secret set --vault-name kv-prod --name db-password --value "$PW"',
        'az keyvault secret set-attributes --vault-name kv --name db --enabled false',
      ],
      allow: [
        'aws secretsmanager list-secrets',
        'aws secretsmanager describe-secret --secret-id prod/db',
        'aws secretsmanager list-secret-version-ids --secret-id prod/db',
        'aws secretsmanager create-secret --name dev/x --secret-string y',
        'aws secretsmanager get-random-password',
        'gcloud secrets versions list db-pass',
        'gcloud secrets describe db-pass',
        'az keyvault secret list --vault-name kv',
        'az keyvault secret show-deleted --vault-name kv --name db',
      ],
    },
  }),
];
