// Secret managers and CI secret stores deleting secrets: once destroyed, every service reading them breaks and
// the value may exist nowhere else. Reading secrets is the secrets pack's business; this pack is about loss.
import { cliRule, verbIndex } from './lib/cli_rule';
import { hasOption, optionValue } from './lib/words';
import type { ShellRule } from './types';

const DELETE = new Set(['delete', 'destroy', 'rm', 'remove', 'del', 'purge', 'unset', 'delete-secret', 'remove-secret', 'clear']);

export const VAULT_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'vaults',
    name: 'hashicorp-delete',
    clis: ['vault', 'bao', 'openbao'],
    severity: 'critical',
    reason: 'Vault deletes or destroys secrets (kv destroy/delete/metadata delete), or disables a secrets engine with everything in it.',
    valued: ['-address', '-namespace', '-mount', '-versions', '-format', '-field', '-output-curl-string', '-ca-cert'],
    test(w, v) {
      if (w[0] === 'kv' && (w[1] === 'destroy' || w[1] === 'delete')) return w[2] ?? 'secret';
      if (w[0] === 'kv' && w[1] === 'metadata' && w[2] === 'delete') return w[3] ?? 'secret metadata';
      if (w[0] === 'delete') return w[1] ?? 'path';
      if ((w[0] === 'secrets' || w[0] === 'auth') && w[1] === 'disable') return `${w[0]} engine ${w[2] ?? ''}`.trim();
      if (w[0] === 'policy' && w[1] === 'delete') return `policy ${w[2] ?? ''}`.trim();
      // Revoking every lease under a prefix cuts off every service using those credentials at once.
      if (w[0] === 'lease' && w[1] === 'revoke' && v.args.some((a) => /^-(?:prefix|force)(?:=true)?$/.test(a))) return `leases under ${w[2] ?? ''}`.trim();
      return undefined;
    },
    examples: {
      flag: ['vault lease revoke -prefix secret/', 'vault kv destroy -versions=1 secret/app', 'vault kv delete secret/app', 'vault kv metadata delete secret/app', 'vault kv delete -mount=secret app/prod', 'vault delete secret/data/app', 'vault secrets disable kv', 'bao kv destroy -versions=2 secret/db'],
      allow: ['vault kv list secret/', 'vault kv put secret/app a=b', 'vault status', 'vault lease revoke database/creds/app/abc123', 'vault secrets list', 'vault kv undelete -versions=1 secret/app'],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'doppler-delete',
    clis: ['doppler'],
    severity: 'critical',
    reason: 'Doppler deletes secrets, configs, environments or projects.',
    valued: ['-p', '--project', '-c', '--config', '--token', '--scope'],
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
    valued: ['--vault', '--account', '--session', '--format', '--env', '--path', '--projectId', '--token', '-s', '-a', '-l', '--name'],
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
    valued: ['-R', '--repo', '-e', '--env', '--org', '-o', '--app', '-a', '-s', '--service', '--environment', '--scope', '-g', '--group', '--token', '--project', '--vcs-type'],
    test(w, v) {
      switch (v.name) {
        case 'gh':
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
      flag: [
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
      allow: ['gh secret list', 'gh secret set NPM_TOKEN < token.txt', 'glab variable list', 'circleci context list github org', 'fly secrets list', 'heroku config:set X=1', 'vercel env ls', 'gh variable list'],
    },
  }),
  cliRule({
    pack: 'vaults',
    name: 'cloud-secret-overwrite',
    clis: ['aws', 'awslocal'],
    severity: 'high',
    reason: 'Overwrites the value (or the encryption key) of a cloud secret; every service reading it gets the new value, and the old one is only kept as the previous version.',
    valued: ['--profile', '--region', '--output', '--endpoint-url', '--query', '--secret-id'],
    test(w, v) {
      if (w[0] !== 'secretsmanager' || (w[1] !== 'put-secret-value' && w[1] !== 'update-secret')) return undefined;
      // A description or tag change leaves the secret as it was.
      if (w[1] === 'update-secret' && !v.args.some((a) => /^--(?:secret-string|secret-binary|kms-key-id)(?:=|$)/.test(a))) return undefined;
      return `secret ${optionValue(v.args, ['--secret-id']) ?? ''}`.trim();
    },
    examples: {
      flag: [
        'aws secretsmanager put-secret-value --secret-id prod/db --secret-string "{}"',
        'aws secretsmanager update-secret --secret-id prod/db --secret-string file://new.json',
        'aws secretsmanager update-secret --secret-id my/secret --kms-key-id alias/old-key',
        'aws --profile prod secretsmanager put-secret-value --secret-id api --secret-binary fileb://k.bin',
        'aws secretsmanager update-secret --secret-id=prod/api --secret-string=x',
      ],
      allow: ['aws secretsmanager list-secrets', 'aws secretsmanager describe-secret --secret-id prod/db', 'aws secretsmanager update-secret --secret-id prod/db --description "db creds"', 'aws secretsmanager create-secret --name dev/x --secret-string y'],
    },
  }),
];
