// Cloud and platform CLIs deleting what holds data or serves users: databases, buckets, volumes,
// instances, projects, apps. One rule per CLI so a policy can tune each provider.
import { guessEnvironment } from '../environment';
import { commandViews, onlyDescribes, type CommandView } from './lib/runners';
import { hasOption, identifierWords, optionValue, positionals } from './lib/words';
import type { RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';

interface CloudSpec {
  name: string;
  clis: string[];
  reason: string;
  severity?: 'high' | 'critical';
  /** Options whose value is the next word, so their values are not mistaken for sub-commands. */
  valued?: string[];
  /** What would be destroyed, when the command words (options removed) are destructive. */
  test(w: string[], v: CommandView, ctx: RuleContext): string | undefined;
  examples: ShellRule['examples'];
}

function environment(cmd: SimpleCommand, target: string): RuleMatch['environment'] {
  return guessEnvironment([target, cmd.text, ...Object.entries(cmd.assignments).map(([k, val]) => `${k}=${val}`)]);
}

function cloudRule(spec: CloudSpec): ShellRule {
  const valued = new Set(spec.valued ?? []);
  const clis = new Set(spec.clis);
  return {
    id: `cloud.${spec.name}`,
    pack: 'cloud',
    kind: 'shell',
    // match() below only looks at views named one of `clis`; classify() skips the rule for other commands
    viewNames: spec.clis,
    severity: spec.severity ?? 'critical',
    reason: spec.reason,
    defaultDecision: 'ask',
    match(cmd, ctx) {
      for (const v of commandViews(cmd, ctx)) {
        if (!clis.has(v.name) || onlyDescribes(v)) continue;
        const target = spec.test(positionals(v.args, valued), v, ctx);
        if (target !== undefined) return { target, environment: environment(cmd, target), detail: `${v.name} ${positionals(v.args, valued).slice(0, 3).join(' ')}` };
      }
      return undefined;
    },
    examples: spec.examples,
  };
}

/** Index of the first word (within the first `depth` words) that is one of `verbs`, also as a `topic:verb` part. */
function verbAt(w: string[], verbs: readonly string[], depth = 4): number {
  for (let i = 0; i < Math.min(w.length, depth); i++) {
    const parts = w[i].toLowerCase().split(':');
    if (verbs.includes(parts[0]) || (parts.length > 1 && verbs.includes(parts[parts.length - 1]))) return i;
  }
  return -1;
}

const AWS_VALUED = ['--profile', '--region', '--output', '--endpoint-url', '--query', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format'];
const AWS_ID_OPTIONS = [
  '--db-instance-identifier', '--db-cluster-identifier', '--table-name', '--bucket', '--instance-ids', '--stack-name', '--function-name',
  '--cluster', '--cluster-name', '--file-system-id', '--volume-id', '--snapshot-id', '--backup-vault-name', '--recovery-point-arn',
  '--repository-name', '--queue-url', '--log-group-name', '--secret-id', '--key-id', '--name', '--id', '--domain-name',
];

export const CLOUD_RULES: ShellRule[] = [
  cloudRule({
    name: 'aws-delete',
    clis: ['aws', 'awslocal'],
    reason: 'The AWS CLI deletes or terminates a resource (a database, table, instance, stack, backup …); deleted resources cannot be brought back.',
    valued: AWS_VALUED,
    test(w, v, ctx) {
      const op = w[1]?.toLowerCase() ?? '';
      // Point-in-time recovery switched off: the restorable history is thrown away
      if (w[0] === 'dynamodb' && op === 'update-continuous-backups' && /PointInTimeRecoveryEnabled\s*=\s*false|"PointInTimeRecoveryEnabled"\s*:\s*false/i.test(v.args.join(' '))) return `point-in-time recovery of ${optionValue(v.args, ['--table-name']) ?? 'the table'}`;
      // Versioning suspended: deleted and overwritten objects stop being recoverable
      if (w[0] === 's3api' && op === 'put-bucket-versioning' && /Status\s*=\s*Suspended|"Status"\s*:\s*"Suspended"/i.test(v.args.join(' '))) return `versioning of ${optionValue(v.args, ['--bucket']) ?? 'the bucket'} (suspended)`;
      // Overwriting the local AWS credentials: nothing keeps the old key
      if (w[0] === 'configure' && op === 'set' && /^(?:aws_secret_access_key|aws_access_key_id|aws_session_token)$/i.test(w[2] ?? '')) return `${w[2]} in ~/.aws/credentials`;
      // `dynamodb batch-write-item --request-items file://x.json` with DeleteRequest entries (an unreadable file in doubt)
      if (w[0] === 'dynamodb' && op === 'batch-write-item') {
        const items = optionValue(v.args, ['--request-items']) ?? '';
        const text = items.startsWith('file://') ? ctx.readFile?.(items.slice(7)) : items;
        if (text === undefined || /DeleteRequest/.test(text)) return `items of ${/"([\w.-]+)"\s*:\s*\[/.exec(text ?? '')?.[1] ?? 'the table'} (batch DeleteRequest)`;
      }
      // EC2 calls with --dry-run only check permissions; other services have no such option (the CLI refuses it)
      if (w[0] === 'ec2' && v.args.includes('--dry-run') && !v.args.includes('--no-dry-run')) return undefined;
      // A backup retention of 0 turns automated backups off and deletes the ones that exist
      if (/^modify-db-(instance|cluster)$/.test(op) && optionValue(v.args, ['--backup-retention-period']) === '0') {
        return `${w[0]} ${optionValue(v.args, AWS_ID_OPTIONS) ?? op} automated backups`;
      }
      // `admin-delete-user`, `cancel-spot-fleet-requests --terminate-instances`, and lifecycle/retention/TTL settings that
      // expire data on a schedule (a rule that matches everything at age 0 is a delete of everything).
      const expires = /^put-(?:bucket-lifecycle(?:-configuration)?|lifecycle-policy|retention-policy)$|^update-time-to-live$/.test(op);
      const terminates = /^cancel-spot-fleet-requests$/.test(op) && v.args.includes('--terminate-instances');
      const emptied = op === 'put-object' && /^(?:\/dev\/null|fileb?:\/\/\/dev\/null)$/.test(optionValue(v.args, ['--body']) ?? '');
      if (!expires && !terminates && !emptied && !/^(batch-)?(delete|terminate)-|^admin-delete-|^purge-queue$|^schedule-key-deletion$|^(remove|deregister)-(db|volume|instance|targets)/.test(op)) return undefined;
      return `${w[0]} ${optionValue(v.args, AWS_ID_OPTIONS) ?? w[2] ?? op}`;
    },
    examples: {
      flag: [
        'aws rds delete-db-instance --db-instance-identifier prod-db --skip-final-snapshot',
        'aws rds delete-db-cluster --db-cluster-identifier app-cluster',
        'aws ec2 terminate-instances --instance-ids i-0abc1234',
        'aws --profile prod dynamodb delete-table --table-name Orders',
        'aws backup delete-recovery-point --backup-vault-name Default --recovery-point-arn arn:aws:backup:x',
        'aws cloudformation delete-stack --stack-name app-prod',
        'aws s3api delete-bucket --bucket my-data',
        'aws ecr batch-delete-image --repository-name api --image-ids imageTag=latest',
        'aws kms schedule-key-deletion --key-id 1234abcd',
        'aws secretsmanager delete-secret --secret-id prod/db --force-delete-without-recovery',
        'aws ssm delete-parameter --name /prod/db/password',
        'aws route53 delete-hosted-zone --id Z1',
        'aws cognito-idp admin-delete-user --user-pool-id us-east-1_abc --username alice',
        'aws ec2 cancel-spot-fleet-requests --spot-fleet-request-ids sfr-123 --terminate-instances',
        'aws logs put-retention-policy --log-group-name /app/prod --retention-in-days 1',
        'aws s3api put-bucket-lifecycle-configuration --bucket b --lifecycle-configuration file://l.json',
        'aws s3api put-object --bucket b --key db/latest.dump --body /dev/null',
        'aws elbv2 deregister-targets --target-group-arn arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/tg/a --targets Id=i-0abc',
        'aws elbv2 delete-load-balancer --load-balancer-arn arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/lb/a',
        'aws cloudfront delete-distribution --id E2ABC --if-match ETAG',
        'aws rds modify-db-instance --db-instance-identifier prod --backup-retention-period 0 --apply-immediately',
        'aws rds modify-db-cluster --db-cluster-identifier app --backup-retention-period=0',
        'aws dynamodb update-continuous-backups --table-name Orders --point-in-time-recovery-specification PointInTimeRecoveryEnabled=false',
        'aws configure set aws_secret_access_key placeholder --profile prod',
        'aws s3api put-bucket-versioning --bucket b --versioning-configuration Status=Suspended',
        'aws dynamodb batch-write-item --request-items \'{"users":[{"DeleteRequest":{"Key":{"id":{"S":"1"}}}}]}\'',
        'aws ec2 terminate-instances --instance-ids i-0abc --no-dry-run',
        'aws rds delete-db-instance --db-instance-identifier prod --dry-run',
        'aws rds delete-db-snapshot --db-snapshot-identifier nightly-1',
      ],
      allow: ['aws ec2 terminate-instances --instance-ids i-0abc --dry-run', 'aws dynamodb batch-write-item --request-items \'{"users":[{"PutRequest":{"Item":{"id":{"S":"1"}}}}]}\'', 'aws ec2 delete-volume --volume-id vol-1 --dry-run', 'aws rds modify-db-instance --db-instance-identifier prod --backup-retention-period 7', 'aws rds describe-db-instances', 'aws ec2 describe-instances --filters Name=tag:env,Values=prod', 'aws dynamodb scan --table-name Orders', 'aws sts get-caller-identity', 'aws s3api list-buckets', 'aws elbv2 describe-target-health --target-group-arn arn:x', 'aws elbv2 register-targets --target-group-arn arn:x --targets Id=i-0abc'],
    },
  }),
  cloudRule({
    name: 'aws-s3-destroy',
    clis: ['aws', 'awslocal'],
    reason: 'Deletes an S3 bucket, every object under a prefix, or (sync --delete) every destination object missing from the source.',
    valued: AWS_VALUED,
    test(w, v) {
      if (w[0] !== 's3') return undefined;
      if (w[1] === 'rb') return w[2] ?? 'bucket';
      if (w[1] === 'rm' && hasOption(v.args, ['--recursive'])) return w[2] ?? 'bucket';
      if (w[1] === 'sync' && hasOption(v.args, ['--delete'])) return w[3] ?? 'bucket';
      return undefined;
    },
    examples: {
      flag: ['aws s3 rb s3://prod-uploads --force', 'aws-vault exec prod -- aws s3 rb s3://acme-prod --force', 'assume prod --exec "aws s3 rb s3://acme-prod --force"', 'aws s3 rm s3://app-backups/ --recursive', 'aws s3 sync ./build s3://www.example.com --delete'],
      allow: ['aws s3 ls', 'aws s3 ls s3://app-backups/', 'aws s3 cp report.csv s3://reports/', 'aws s3 rm s3://tmp-bucket/old.log', 'aws s3 sync s3://app-backups ./restore'],
    },
  }),
  cloudRule({
    name: 'gcloud-delete',
    clis: ['gcloud', 'gsutil', 'bq'],
    reason: 'Google Cloud deletes a resource (instance, database, bucket, project, BigQuery dataset or table …) or every object under a path, or undeploys an Apigee API proxy (its traffic fails).',
    valued: ['--project', '--zone', '--region', '--format', '--account', '--configuration', '--filter', '-o'],
    test(w, v) {
      if (v.name === 'bq') {
        if (w[0] === 'rm') return w[1] ?? 'dataset or table';
        // `bq load --replace`, `bq query --replace --destination_table t`, `bq cp -f a b`: the table's rows are replaced
        const replace = hasOption(v.args, ['--replace']) || v.args.some((a) => /^--replace=(?:true|1)$/i.test(a));
        if (w[0] === 'load' && replace) return `table ${w[1] ?? '?'} (replaced)`;
        if (w[0] === 'query' && replace) return `table ${optionValue(v.args, ['--destination_table']) ?? '?'} (replaced)`;
        if (w[0] === 'cp' && hasOption(v.args, ['--force'], 'f') && w.length >= 3) return `table ${w[w.length - 1]} (overwritten)`;
        return undefined;
      }
      if (v.name === 'gsutil') {
        const i = w.findIndex((x) => x === 'rm' || x === 'rb' || x === 'rsync');
        if (i < 0) return undefined;
        if (w[i] === 'rb') return w[i + 1] ?? 'bucket';
        if (w[i] === 'rm' && (hasOption(v.args, [], 'rRa') || w.slice(i + 1).some((x) => x.includes('*')))) return w[i + 1] ?? 'objects';
        if (w[i] === 'rsync' && hasOption(v.args, [], 'd')) return w[i + 2] ?? 'bucket';
        return undefined;
      }
      if (w[0] === 'storage' && w[1] === 'rm' && (hasOption(v.args, ['--recursive'], 'r') || w.slice(2).some((x) => x.includes('*')))) return w[2] ?? 'objects';
      // `firestore bulk-delete`, `sql backups restore` (over the live instance), `pubsub subscriptions seek --time` (acks the backlog)
      if (w.some((x) => x === 'bulk-delete')) return w.join(' ');
      if (w[0] === 'sql' && w[1] === 'backups' && w[2] === 'restore') return optionValue(v.args, ['--restore-instance']) ?? 'instance';
      // `sql instances restore-backup` replaces the instance's data; a log bucket's retention cut deletes older logs
      if (w[0] === 'sql' && w[1] === 'instances' && w[2] === 'restore-backup') return `${w[3] ?? 'instance'} (restored over)`;
      if (w[0] === 'logging' && w[1] === 'buckets' && w[2] === 'update' && v.args.some((a) => a.startsWith('--retention-days'))) return `logs in ${w[3] ?? 'the bucket'} older than the new retention`;
      if (w[0] === 'pubsub' && w[1] === 'subscriptions' && w[2] === 'seek' && v.args.some((a) => a.startsWith('--time'))) return w[3] ?? 'subscription';
      const i = verbAt(w, ['delete', 'undeploy'], 5);
      return i >= 0 ? `${w.slice(0, i).join(' ')} ${w[i + 1] ?? optionValue(v.args, ['--api', '--project']) ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: [
        'gcloud sql instances delete prod-db',
        'gcloud compute instances delete web-1 --zone us-central1-a --quiet',
        'gcloud projects delete my-app-prod',
        "gcloud firestore bulk-delete --collection-ids=users --database='(default)'",
        'gcloud sql backups restore 1700000000 --restore-instance=prod-db',
        'gcloud sql instances restore-backup prod-db --backup-id=1700000000000 --quiet',
        'gcloud logging buckets update _Default --location=global --retention-days=1',
        'gcloud pubsub subscriptions seek orders-sub --time=2100-01-01T00:00:00Z',
        'gsutil -m rm -r gs://prod-assets',
        'gsutil rb gs://old-bucket',
        'gcloud storage rm --recursive gs://backups/2024',
        'bq rm -r -f -d myproject:analytics',
        'bq load --replace --source_format=CSV web.sessions ./out/daily.csv',
        "bq query --use_legacy_sql=false --destination_table web.sessions --replace 'SELECT 1 AS x'",
        'gcloud secrets delete db-pass --quiet',
        'gcloud dns record-sets delete www.example.com. --zone z --type A',
        'gcloud dns managed-zones delete prod-zone',
        'gcloud apigee deployments undeploy --api=my-api --environment=prod',
        'gcloud apigee apis undeploy --api=orders --environment=prod --revision=3',
      ],
      allow: ['gcloud sql instances list', 'gcloud compute instances describe web-1', 'gsutil ls gs://prod-assets', 'gsutil cp file.txt gs://bucket/', 'gcloud config set project my-app', 'bq ls myproject:analytics', 'bq query "SELECT 1"', 'bq load --source_format=CSV web.sessions ./out/daily.csv', "bq query --destination_table web.tmp 'SELECT 1'", 'gcloud apigee deployments list', 'gcloud apigee apis deploy --api=orders --environment=prod'],
    },
  }),
  cloudRule({
    name: 'az-delete',
    clis: ['az'],
    reason: 'The Azure CLI deletes or purges a resource (resource group, database, storage, key vault …) or untags a container image (an untagged image can be purged).',
    valued: ['--subscription', '-g', '--resource-group', '-n', '--name', '--output', '-o', '--query'],
    test(w, v) {
      const i = w.findIndex((x, k) => k < 5 && /^(?:(?:delete|purge)(?:-batch)?|untag)$/.test(x));
      if (i >= 0) return `${w.slice(0, i).join(' ')} ${optionValue(v.args, ['--name', '--resource-group'], ['-n', '-g']) ?? ''}`.trim();
      // A Complete-mode deployment deletes every resource in the group that the template does not name
      if (w[0] === 'deployment' && w.includes('create') && (optionValue(v.args, ['--mode']) ?? '').toLowerCase() === 'complete') return `resources of ${optionValue(v.args, ['--resource-group'], ['-g']) ?? 'the group'} not in the template (--mode Complete)`;
      // `sync --delete-destination true` deletes blobs/files the source lacks; `acr run --cmd 'acr purge …'` purges images
      if (w[0] === 'storage' && w.includes('sync') && /^(?:true|prompt)$/i.test(optionValue(v.args, ['--delete-destination']) ?? '')) return `destination of ${optionValue(v.args, ['--container', '--destination'], ['-c', '-d']) ?? 'the sync'}`;
      if (w[0] === 'acr' && w[1] === 'run' && /\bacr\s+purge\b/.test(optionValue(v.args, ['--cmd']) ?? '')) return `images in ${optionValue(v.args, ['--registry'], ['-r']) ?? 'registry'} (acr purge)`;
      return undefined;
    },
    examples: {
      flag: [
        'az group delete --name rg-prod --yes',
        'az sql db delete -g rg -s sqlsrv -n appdb',
        'az storage blob delete-batch --source uploads --account-name prodstore',
        'az keyvault purge --name kv-prod',
        'az keyvault secret delete --vault-name kv-prod --name db-password',
        'az keyvault secret purge --vault-name kv-prod --name db-password',
        'az network dns record-set a delete -g rg -z example.com -n www --yes',
        'az network dns zone delete -g rg -n example.com --yes',
        'az acr repository delete --name myregistry --image api:1.2',
        'az acr repository untag --name myregistry --image repo:tag',
        'az deployment group create -g prod --mode Complete --template-file infra/empty.json',
        'az storage blob sync -c backups --account-name appprod -s ./empty --delete-destination true',
        'az acr run --registry appreg --cmd \'acr purge --filter "app:.*" --ago 0d --untagged\' /dev/null',
      ],
      allow: ['az group list', 'az account show', 'az storage blob list --container-name uploads', 'az webapp deploy --name app', 'az acr repository list --name myregistry', 'az acr repository show-tags --name myregistry --repository api', 'az deployment group create -g prod --template-file infra/main.json', 'az storage blob sync -c site --account-name appprod -s ./dist', 'az acr run --registry appreg --cmd \'acr build .\' /dev/null'],
    },
  }),
  cloudRule({
    name: 'railway-delete',
    clis: ['railway'],
    reason: 'Railway deletes a project, service, environment or volume, or takes the latest deployment down.',
    valued: ['-s', '--service', '-e', '--environment', '-p', '--project'],
    test(w, v) {
      const i = verbAt(w, ['delete', 'down', 'remove', 'rm', 'destroy']);
      return i >= 0 ? `${w.slice(0, i + 1).join(' ')} ${w[i + 1] ?? optionValue(v.args, ['--service', '--environment', '--volume'], ['-s', '-e', '-v']) ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['railway down', 'railway delete --yes', 'railway volume delete --volume vol_123', 'railway environment delete staging'],
      allow: ['railway up', 'railway status', 'railway logs', 'railway variables', 'railway link'],
    },
  }),
  cloudRule({
    name: 'fly-destroy',
    clis: ['fly', 'flyctl'],
    reason: 'Fly.io destroys an app, machine, volume or database cluster, with its data.',
    valued: ['-a', '--app', '-c', '--config', '-r', '--region'],
    test(w, v) {
      const i = verbAt(w, ['destroy', 'delete', 'remove', 'rm']);
      return i >= 0 ? `${w.slice(0, i).join(' ') || 'app'} ${w[i + 1] ?? optionValue(v.args, ['--app'], ['-a']) ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['fly apps destroy my-app', 'flyctl volumes destroy vol_abc123 --yes', 'fly machine destroy 148ed --force', 'fly destroy my-app-staging'],
      allow: ['fly deploy', 'fly status', 'fly logs -a my-app', 'fly volumes list', 'fly ssh console'],
    },
  }),
  cloudRule({
    name: 'heroku-destroy',
    clis: ['heroku'],
    reason: 'Heroku destroys an app or add-on, resets a Postgres database (every table dropped), or restores/copies another database over it (its current content replaced).',
    valued: ['-a', '--app', '-r', '--remote', '--confirm'],
    test(w, v) {
      const t = w[0] ?? '';
      // pg:backups:restore and pg:copy replace the target database's whole content
      if (t === 'pg:backups:restore' || t === 'pg:copy') return `${t} into ${w[2] ?? w[1] ?? 'DATABASE_URL'} ${optionValue(v.args, ['--app'], ['-a']) ?? ''}`.trim();
      if (!/(^|:)(destroy|delete|reset|remove)$/.test(t) || t.startsWith('run')) return undefined;
      return `${t} ${w[1] ?? optionValue(v.args, ['--app'], ['-a']) ?? ''}`.trim();
    },
    examples: {
      flag: ['heroku pg:backups:restore b101 DATABASE_URL -a app-prod --confirm app-prod', 'heroku pg:copy app-staging::DATABASE_URL DATABASE_URL -a app-prod --confirm app-prod', 'heroku apps:destroy my-app --confirm my-app', 'heroku pg:reset DATABASE_URL -a my-app', 'heroku addons:destroy heroku-postgresql -a my-app', 'heroku pg:backups:delete b042 -a my-app'],
      allow: ['heroku logs --tail -a my-app', 'heroku ps', 'heroku pg:info -a my-app', 'heroku config -a my-app', 'heroku pg:backups:capture -a my-app'],
    },
  }),
  cloudRule({
    name: 'vercel-remove',
    clis: ['vercel', 'vc'],
    severity: 'high',
    reason: 'Vercel removes a project or deployment (vercel remove / rm), taking what it serves offline, or deletes a stored blob.',
    valued: ['--scope', '--token', '-t', '-S', '--cwd'],
    test(w) {
      // `vercel blob del URL` deletes a stored file (blob stores keep no copy)
      if (w[0] === 'blob' && (w[1] === 'del' || w[1] === 'rm' || w[1] === 'delete' || w[1] === 'remove')) return `blob ${w[2] ?? ''}`.trim();
      const i = verbAt(w, ['remove', 'rm'], 3);
      return i >= 0 ? `${w.slice(0, i + 1).join(' ')} ${w[i + 1] ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['vercel remove my-app --yes', 'vercel rm my-app-git-main.vercel.app', 'vercel project rm my-app', 'vercel blob del https://abc.public.blob.vercel-storage.com/uploads/avatar.png'],
      allow: ['vercel deploy --prod', 'vercel ls', 'vercel env pull .env.local', 'vercel logs my-app.vercel.app'],
    },
  }),
  cloudRule({
    name: 'netlify-delete',
    clis: ['netlify', 'ntl'],
    severity: 'high',
    reason: 'Netlify deletes a site (or calls a delete API method).',
    valued: ['--site', '--auth', '--data', '-d'],
    test(w) {
      const i = verbAt(w, ['delete', 'destroy', 'remove'], 2);
      if (i >= 0) return w[i + 1] ?? w[i];
      if (w[0] === 'api' && w[1] && identifierWords(w[1]).some((x) => x === 'delete' || x === 'destroy')) return w[1];
      return undefined;
    },
    examples: {
      flag: ['netlify sites:delete 1a2b3c --force', 'netlify api deleteSite --data \'{"site_id":"abc"}\''],
      allow: ['netlify deploy --prod', 'netlify sites:list', 'netlify api listSites', 'netlify status'],
    },
  }),
  cloudRule({
    name: 'render-delete',
    clis: ['render'],
    reason: 'Render deletes a service, database or other resource.',
    valued: ['-o', '--output'],
    test(w) {
      const i = verbAt(w, ['delete', 'destroy', 'remove', 'rm']);
      return i >= 0 ? w.slice(0, i + 2).join(' ') : undefined;
    },
    examples: { flag: ['render services delete srv-abc123', 'render postgres delete dpg-123 --confirm'], allow: ['render services list', 'render deploys create srv-abc123', 'render logs -r srv-abc123'] },
  }),
  cloudRule({
    name: 'supabase-delete',
    clis: ['supabase'],
    reason: 'Supabase deletes a project, branch, secret or stored files, or stops the local stack deleting its database volumes.',
    valued: ['--project-ref', '--workdir', '-o', '--output'],
    test(w, v) {
      const i = verbAt(w, ['delete', 'remove', 'destroy'], 3);
      if (i >= 0) return `${w.slice(0, i).join(' ')} ${w[i + 1] ?? optionValue(v.args, ['--project-ref']) ?? ''}`.trim();
      if (w[0] === 'storage' && w[1] === 'rm') return w[2] ?? 'storage';
      if (w[0] === 'secrets' && w[1] === 'unset') return `secret ${w[2] ?? ''}`.trim();
      // `stop --no-backup` deletes the local database's volumes
      if (w[0] === 'stop' && hasOption(v.args, ['--no-backup'])) return 'local database volumes';
      return undefined;
    },
    examples: {
      flag: ['supabase projects delete abcdefghijklmnop', 'supabase branches delete feature-x', 'supabase storage rm -r ss:///avatars', 'supabase secrets unset STRIPE_SECRET_KEY', 'supabase stop --no-backup'],
      allow: ['supabase projects list', 'supabase functions deploy hello', 'supabase link --project-ref abc', 'supabase storage ls ss:///avatars', 'supabase stop', 'supabase secrets list', 'supabase secrets set FOO=bar'],
    },
  }),
  cloudRule({
    name: 'neon-delete',
    clis: ['neon', 'neonctl'],
    reason: 'Neon deletes (or resets) a project, branch, database or role.',
    valued: ['--project-id', '--org-id', '--api-key', '-o', '--output', '--context-file', '--name', '--parent'],
    test(w, v) {
      const i = verbAt(w, ['delete', 'reset', 'remove', 'rm'], 3);
      return i >= 0 ? `${w.slice(0, i).join(' ')} ${w[i + 1] ?? optionValue(v.args, ['--project-id']) ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['neonctl projects delete late-bird-123456', 'neon branches delete preview/pr-42 --project-id p1', 'neonctl branches reset main --parent'],
      allow: ['neonctl projects list', 'neon branches create --name dev', 'neonctl connection-string main'],
    },
  }),
  cloudRule({
    name: 'planetscale-delete',
    clis: ['pscale'],
    reason: 'PlanetScale deletes a database, branch, backup or password.',
    valued: ['--org', '--format', '-f'],
    test(w) {
      const i = verbAt(w, ['delete', 'rm'], 2);
      return i >= 0 ? `${w.slice(0, i).join(' ')} ${w.slice(i + 1, i + 3).join(' ')}`.trim() : undefined;
    },
    examples: { flag: ['pscale database delete shop --force', 'pscale branch delete shop main'], allow: ['pscale database list', 'pscale branch create shop dev', 'pscale connect shop main'] },
  }),
  cloudRule({
    name: 'turso-destroy',
    clis: ['turso'],
    reason: 'Turso destroys a database or group with its data.',
    valued: ['--group', '--location', '--org'],
    test(w) {
      const i = verbAt(w, ['destroy', 'delete'], 3);
      return i >= 0 ? `${w.slice(0, i).join(' ')} ${w[i + 1] ?? ''}`.trim() : undefined;
    },
    examples: { flag: ['turso db destroy acme --yes', 'turso group destroy default'], allow: ['turso db list', 'turso db shell acme "SELECT 1"', 'turso db create acme-dev'] },
  }),
  cloudRule({
    name: 'gh-repo-delete',
    clis: ['gh'],
    reason: 'gh repo delete permanently deletes a GitHub repository with its issues, pull requests and wiki.',
    valued: ['-R', '--repo', '--hostname'],
    test(w) {
      return w[0] === 'repo' && w[1] === 'delete' ? w[2] ?? 'current repository' : undefined;
    },
    examples: { flag: ['gh repo delete my-org/api --yes', 'gh repo delete'], allow: ['gh repo view', 'gh repo clone my-org/api', 'gh pr list', 'gh issue create --title "delete repo docs"'] },
  }),
  cloudRule({
    name: 'doctl-delete',
    clis: ['doctl'],
    reason: 'DigitalOcean deletes a droplet, database, volume, cluster or app.',
    valued: ['--context', '-t', '--access-token', '-o', '--output', '--format'],
    test(w) {
      const i = verbAt(w, ['delete', 'rm', 'd'], 5);
      return i >= 1 ? `${w.slice(0, i).join(' ')} ${w[i + 1] ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['doctl compute droplet delete web-01 --force', 'doctl databases delete 9cc10173-e9ea', 'doctl kubernetes cluster delete prod-k8s'],
      allow: ['doctl compute droplet list', 'doctl databases list', 'doctl apps create --spec app.yaml'],
    },
  }),
  cloudRule({
    name: 'firebase-delete',
    clis: ['firebase'],
    reason: 'Firebase deletes Firestore/Realtime Database data (or replaces it with database:set), functions, hosting channels or other project resources.',
    valued: ['--project', '-P', '--token'],
    test(w, v) {
      const t = w[0] ?? '';
      if (/(^|:)(delete|remove)$/.test(t) || t === 'hosting:disable') return `${t} ${w[1] ?? (hasOption(v.args, ['--all-collections']) ? 'all collections' : '')}`.trim();
      // `database:set PATH` replaces everything under PATH (the whole database at `/`)
      if (t === 'database:set' && w[1] !== undefined) return `everything under ${w[1]} (database:set)`;
      return undefined;
    },
    examples: {
      flag: ['firebase database:set / config/empty.json --force', 'firebase firestore:delete --all-collections --project prod', 'firebase database:remove /users --project my-app', 'firebase functions:delete sendEmail', 'firebase hosting:disable'],
      allow: ['firebase deploy --only hosting', 'firebase emulators:start', 'firebase projects:list', 'firebase firestore:indexes'],
    },
  }),
  cloudRule({
    name: 'wrangler-delete',
    clis: ['wrangler'],
    reason: 'Cloudflare Wrangler deletes a Worker, D1 database, R2 bucket/object, KV namespace or queue.',
    valued: ['--env', '-e', '--config', '-c', '--binding', '--namespace-id'],
    test(w) {
      const i = verbAt(w, ['delete'], 4);
      return i >= 0 ? `${w.slice(0, i).join(' ') || 'worker'} ${w[i + 1] ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['wrangler delete', 'npx wrangler d1 delete prod-db', 'wrangler r2 bucket delete uploads', 'wrangler kv namespace delete --binding CACHE'],
      allow: ['wrangler deploy', 'wrangler dev', 'wrangler d1 list', 'wrangler tail'],
    },
  }),
  cloudRule({
    name: 'platform-delete',
    clis: [
      'stripe', 'atlas', 'mongocli', 'confluent', 'upstash', 'linode-cli', 'hcloud', 'vultr-cli', 'scw', 'oci', 'ibmcloud',
      'civo', 'koyeb', 'northflank', 'appwrite', 'algolia', 'exoscale', 'aiven', 'ccloud', 'convex', 'xata', 'tigris', 'zeabur',
      'sentry-cli', 'influx', 'okteto', 'porter', 'qovery', 'nhost', 'hasura', 'cf', 'dokku', 'coolify', 'kamal', 'upcloud',
    ],
    reason: 'A hosting or SaaS platform CLI deletes or destroys a resource (database, cluster, app, index, customer record …).',
    valued: ['--project', '--project-id', '--org', '--profile', '-o', '--output', '--region', '--api-key', '--context'],
    test(w) {
      // `rebuild`/`reinstall` put a fresh image on the server's disk: what was on it is gone
      const i = verbAt(w, ['delete', 'destroy', 'rm', 'remove', 'purge', 'terminate', 'drop', 'apps:destroy', 'apps:delete', 'rebuild', 'reinstall'], 4);
      return i >= 0 ? `${w.slice(0, i).join(' ')} ${w[i + 1] ?? ''}`.trim() : undefined;
    },
    examples: {
      flag: ['influx bucket delete -n metrics', 'stripe customers delete cus_123', 'atlas clusters delete prod-cluster --force', 'hcloud server delete web-1', 'hcloud server rebuild --image ubuntu-22.04 web1', 'algolia indices delete products', 'dokku apps:destroy api --force', 'cf delete my-app -f -r'],
      allow: ['stripe listen --forward-to localhost:3000/webhook', 'atlas clusters list', 'hcloud server list', 'algolia search products --query shoe', 'dokku apps:list', 'cf push my-app'],
    },
  }),
];
