// Object storage deletes, down to a single object: buckets rarely have a recycle bin, and a single key is often
// the one backup or upload that mattered. Recursive S3 deletes and bucket removals through aws/gcloud/az
// are also caught by the cloud pack; this pack covers every object-storage CLI, including one-key deletes.
import { cliRule } from './lib/cli_rule';
import { hasOption, optionValue } from './lib/words';
import type { ShellRule } from './types';

const AWS_VALUED = ['--profile', '--region', '--output', '--endpoint-url', '--query', '--exclude', '--include', '--request-payer'];
/** MinIO client global options that take a value. */
const MC_VALUED = ['--config-dir', '-C', '--resolve', '--limit-upload', '--limit-download', '--custom-header', '-H', '--conn-read-deadline', '--conn-write-deadline'];
/** `mc admin` families whose remove/disable verbs cut access or drop configuration (users, keys, policies, tiers …). */
const MC_ADMIN_FAMILIES = new Set(['user', 'group', 'policy', 'bucket', 'tier', 'ilm', 'replicate', 'idp', 'kms', 'accesskey', 'svcacct', 'config', 'site-replication', 'cluster', 'remote', 'quota']);
const MC_ADMIN_VERBS = new Set(['rm', 'remove', 'delete', 'del', 'disable', 'unset', 'detach', 'reset', 'clear']);

export const STORAGE_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'storage',
    name: 's3-object-delete',
    clis: ['aws', 'awslocal', 's3cmd', 's5cmd', 'b2', 'oss', 'ossutil', 'coscmd', 'obsutil'],
    reason: 'Deletes objects or buckets in S3-compatible storage (single keys included); object stores keep no recycle bin unless versioning was on.',
    valued: [...AWS_VALUED, '-c', '--config', '--endpoint', '--credentials-file', '--numworkers'],
    test(w, v) {
      if (v.name === 'aws' || v.name === 'awslocal') {
        if (w[0] === 's3' && (w[1] === 'rm' || w[1] === 'rb')) return hasOption(v.args, ['--dryrun']) ? undefined : w[2] ?? 'objects';
        if (w[0] === 's3' && (w[1] === 'sync' || w[1] === 'mv') && hasOption(v.args, ['--delete']) && !hasOption(v.args, ['--dryrun'])) return w[3] ?? 'objects';
        if (w[0] === 's3api' && /^delete-(object|objects|bucket)$/.test(w[1] ?? '')) return w[1];
        // `aws s3 cp /dev/null s3://b/k`: the object is replaced by nothing
        if (w[0] === 's3' && (w[1] === 'cp' || w[1] === 'mv') && /^\/dev\/(?:null|zero)$/.test(w[2] ?? '') && (w[3] ?? '').startsWith('s3://')) return `${w[3]} (overwritten with an empty file)`;
        return undefined;
      }
      if (v.name === 's3cmd') {
        if (['del', 'rm', 'rb', 'delete'].includes(w[0] ?? '')) return w[1] ?? 'objects';
        return w[0] === 'sync' && hasOption(v.args, ['--delete-removed', '--delete-after']) ? w[2] ?? 'objects' : undefined;
      }
      if (v.name === 's5cmd') return w[0] === 'rm' || w[0] === 'rb' ? w[1] ?? 'objects' : w[0] === 'sync' && hasOption(v.args, ['--delete']) ? w[2] ?? 'objects' : undefined;
      if (v.name === 'b2' && w[0] === 'sync' && hasOption(v.args, ['--delete'])) return w[2] ?? 'bucket';
      if (v.name === 'b2') return /^(rm|delete-file-version|delete-bucket|delete-key|hide-file)$/.test(w[0] ?? '') || (w[0] === 'file' && w[1] === 'hide') || (w[0] === 'bucket' && w[1] === 'delete') ? w.slice(0, 3).join(' ') : undefined;
      return /^(rm|rb|delete|del)$/.test(w[0] ?? '') ? w[1] ?? 'objects' : undefined;
    },
    examples: {
      flag: [
        'aws s3 rm s3://bucket/key.txt',
        'aws s3 rm s3://prod-uploads/avatars/u1.png --profile prod',
        'aws s3api delete-object --bucket b --key k',
        'aws s3api delete-objects --bucket b --delete file://d.json',
        'aws s3api delete-bucket --bucket b',
        's3cmd del s3://b/k',
        's3cmd rb s3://b',
        's5cmd rm "s3://bucket/logs/*"',
        'b2 rm --recursive b2://bk/2024',
        'b2 sync --delete ./empty b2://acme-backups',
        'aws --endpoint-url https://r2.example.com s3 rm s3://assets/logo.png',
        'aws s3 cp /dev/null s3://app-backups/db/latest.dump',
      ],
      allow: ['aws s3 ls', 'aws s3 ls s3://app-backups/', 'aws s3 cp report.csv s3://reports/', 'aws s3 rm s3://b/k --dryrun', 'aws s3api get-object --bucket b --key k out', 's3cmd ls s3://b', 's5cmd ls s3://b/*', 'aws s3 sync s3://app-backups ./restore'],
    },
  }),
  cliRule({
    pack: 'storage',
    name: 'gcs-object-delete',
    clis: ['gsutil', 'gcloud'],
    reason: 'Deletes Cloud Storage objects or buckets (gsutil rm, gcloud storage rm), single objects included.',
    valued: ['--project', '--account', '--configuration', '--format', '-o', '-h', '-u', '--billing-project'],
    test(w, v, ctx) {
      // A lifecycle rule with a Delete action (an unreadable one in doubt) removes objects on the bucket's own schedule
      const lifecycle = v.name === 'gsutil' && w[0] === 'lifecycle' && w[1] === 'set' ? w[2] : optionValue(v.args, ['--lifecycle-file']);
      if (lifecycle !== undefined) {
        const text = ctx.readFile?.(lifecycle);
        if (text === undefined || /["']?type["']?\s*:\s*["']Delete["']/i.test(text)) return `objects in ${w.find((x) => x.startsWith('gs://')) ?? 'the bucket'} (a lifecycle Delete rule)`;
      }
      if (v.name === 'gsutil' && (w[0] === 'cp' || w[0] === 'mv') && /^\/dev\/(?:null|zero)$/.test(w[1] ?? '') && (w[2] ?? '').startsWith('gs://')) return `${w[2]} (overwritten with an empty file)`;
      if (v.name === 'gsutil') {
        const i = w.findIndex((x) => x === 'rm' || x === 'rb' || x === 'del' || x === 'delete' || x === 'remove');
        if (i >= 0 && i <= 1) return w[i + 1] ?? 'objects';
        return w[0] === 'rsync' && hasOption(v.args, [], 'd') ? w[2] ?? 'bucket' : undefined;
      }
      if (w[0] !== 'storage' && !(w[0] === 'alpha' && w[1] === 'storage')) return undefined;
      const s = w[0] === 'alpha' ? w.slice(2) : w.slice(1);
      if (s[0] === 'rm' || s[0] === 'delete') return s[1] ?? 'objects';
      if ((s[0] === 'objects' || s[0] === 'buckets' || s[0] === 'folders' || s[0] === 'managed-folders') && s[1] === 'delete') return s[2] ?? s[0];
      if (s[0] === 'rsync' && hasOption(v.args, ['--delete-unmatched-destination-objects'])) return s[2] ?? 'bucket';
      return undefined;
    },
    examples: {
      flag: ['gsutil rm gs://b/key.txt', 'gsutil -m rm gs://b/uploads/*.png', 'gsutil rm -a gs://b/k', 'gcloud storage rm gs://b/key.txt', 'gcloud storage objects delete gs://b/o.json', 'gcloud storage buckets delete gs://old', 'gcloud storage rsync ./site gs://www --delete-unmatched-destination-objects', 'gsutil lifecycle set missing-lifecycle.json gs://app-backups', 'gsutil cp /dev/null gs://acme-prod-backups/db/latest.dump'],
      allow: ['gsutil ls gs://b', 'gsutil cp a.txt gs://b/', 'gcloud storage ls gs://b', 'gcloud storage cp a gs://b/', 'gsutil rsync ./site gs://www', 'gcloud storage buckets list'],
    },
  }),
  cliRule({
    pack: 'storage',
    name: 'minio-azure-delete',
    clis: ['mc', 'mcli', 'azcopy', 'az', 'swift', 'oci'],
    reason: 'Deletes buckets, containers or objects in MinIO, Azure Blob Storage, Swift or OCI Object Storage.',
    valued: [...MC_VALUED, '--account-name', '--account-key', '--connection-string', '-c', '--container-name', '--source', '-s', '--subscription', '-g', '--resource-group', '-n', '--name', '--output', '-o', '--query', '--bucket-name', '-bn'],
    test(w, v) {
      // `az storage blob upload -f /dev/null --overwrite`: the blob replaced by nothing
      if (v.name === 'az' && w[0] === 'storage' && w[1] === 'blob' && w[2] === 'upload' && /^\/dev\/(?:null|zero)$/.test(optionValue(v.args, ['--file'], ['-f']) ?? '') && v.args.some((a) => a === '--overwrite' || a === '--overwrite=true')) return `${optionValue(v.args, ['--name'], ['-n']) ?? 'blob'} (overwritten with an empty file)`;
      if (v.name === 'mc' || v.name === 'mcli') {
        if (w[0] === 'rb' || w[0] === 'rm') return w[1] ?? 'objects';
        if (w[0] === 'mirror' && hasOption(v.args, ['--remove'])) return w[2] ?? 'bucket';
        if (w[0] === 'admin' && w[1] === 'bucket' && w[2] === 'remote' && w[3] === 'rm') return 'bucket remote';
        return undefined;
      }
      if (v.name === 'azcopy') {
        if (w[0] === 'remove' || w[0] === 'rm') return w[1] ?? 'blobs';
        const dd = v.args.find((a) => a.startsWith('--delete-destination'));
        return w[0] === 'sync' && dd !== undefined && !/=false$/i.test(dd) ? w[2] ?? 'container' : undefined;
      }
      if (v.name === 'az') {
        // `az storage … delete` also reaches cloud.az-delete; `remove` and `delete-batch` variants live here too.
        if (w[0] !== 'storage') return undefined;
        const i = w.findIndex((x, k) => k <= 4 && /^(delete|delete-batch|remove|purge)$/.test(x));
        return i >= 1 ? w.slice(1, i + 1).join(' ') : undefined;
      }
      if (v.name === 'swift') return w[0] === 'delete' ? w[1] ?? 'all containers' : undefined;
      if (v.name === 'oci') return w[0] === 'os' && w.some((x) => x === 'delete' || x === 'bulk-delete') ? w.slice(0, 3).join(' ') : undefined;
      return undefined;
    },
    examples: {
      flag: ['az storage blob upload -f /dev/null -c backups -n latest.dump --account-name prod --overwrite', 'mc rb --force local/bucket', 'mc rm -r --force local/bucket/data', 'mc rm local/bucket/obj', 'mc mirror --remove ./site local/www', 'azcopy remove https://acc.blob.core.windows.net/c/dir --recursive', 'az storage blob delete-batch --source c --account-name acc', 'az storage container delete --name c', 'az storage blob delete -c uploads -n a.png --account-name acc', 'swift delete backups', 'oci os object bulk-delete -bn prod-bucket --force'],
      allow: ['mc ls local/bucket', 'mc cp a local/b', 'mc mirror ./site local/www', 'azcopy copy a b', 'az storage blob list -c uploads', 'az storage blob upload -c c -f a -n a', 'swift list', 'oci os object list -bn b'],
    },
  }),
  cliRule({
    pack: 'storage',
    name: 'minio-admin-remove',
    clis: ['mc', 'mcli'],
    reason: 'MinIO admin removes or disables users, groups, access keys, policies, tiers, replication targets or bucket settings; whatever used them loses access, and objects moved to a removed tier can no longer be read.',
    valued: [...MC_VALUED, '--user', '--group', '--access-key', '--secret-key', '--policy', '--expiry', '--name'],
    test(w) {
      if (w[0] !== 'admin') return undefined;
      // `mc admin user remove ALIAS NAME`, `mc admin user svcacct rm ALIAS KEY`, `mc admin policy detach ALIAS P --user U`
      for (let i = 2; i <= 3 && i < w.length; i++) {
        // the words after the verb are the alias, then what is removed
        if (MC_ADMIN_VERBS.has(w[i]) && w.slice(1, i).every((x) => MC_ADMIN_FAMILIES.has(x))) return `${w.slice(1, i + 1).join(' ')} ${w[i + 2] ?? w[i + 1] ?? ''}`.trim();
      }
      return undefined;
    },
    examples: {
      flag: ['mc admin user remove myminio alice', 'mc admin user disable myminio alice', 'mc admin user svcacct rm myminio AKIAEXAMPLE', 'mc admin accesskey rm myminio AKIAEXAMPLE', 'mc admin policy rm myminio readwrite-app', 'mc admin policy detach myminio readwrite --user alice', 'mc admin group remove myminio devs', 'mc admin tier rm myminio WARM-TIER', 'mc --json admin bucket remote rm myminio/bucket --arn arn:minio:replication::x:bucket', 'mc admin config reset myminio identity_openid'],
      allow: ['mc admin info myminio', 'mc admin user list myminio', 'mc admin user add myminio alice secret123', 'mc admin policy list myminio', 'mc admin policy attach myminio readwrite --user alice', 'mc admin user info myminio alice', 'mc admin tier ls myminio', 'mc admin config get myminio identity_openid'],
    },
  }),
  cliRule({
    pack: 'storage',
    name: 'data-platform-delete',
    clis: ['hdfs', 'hadoop', 'databricks', 'aliyun', 'airflow', 'mlflow', 'dbfs'],
    severity: 'critical',
    reason: 'Deletes files on a data platform (HDFS, DBFS, Alibaba OSS) or resets its metadata database (Airflow), or garbage-collects deleted MLflow runs for good.',
    valued: ['-D', '--profile', '-p', '--conf', '-fs', '-e', '--endpoint'],
    test(w, v) {
      if (v.name === 'hdfs' || v.name === 'hadoop') return (w[0] === 'dfs' || w[0] === 'fs') && v.args.some((a) => /^-(?:rm|rmr|rmdir|expunge|truncate)$/.test(a)) ? v.args.find((a) => !a.startsWith('-') && a !== w[0]) ?? 'files' : undefined;
      if (v.name === 'databricks' || v.name === 'dbfs') return (w[0] === 'fs' && w[1] === 'rm') || (v.name === 'dbfs' && w[0] === 'rm') ? w.find((x) => x.startsWith('dbfs:')) ?? 'DBFS files' : undefined;
      if (v.name === 'aliyun') return w[0] === 'oss' && (w[1] === 'rm' || w[1] === 'remove') ? w[2] ?? 'objects' : undefined;
      if (v.name === 'airflow') return (w[0] === 'db' && (w[1] === 'reset' || w[1] === 'clean' || w[1] === 'downgrade')) || (w[0] === 'tasks' && w[1] === 'clear') ? `Airflow ${w.slice(0, 2).join(' ')}` : undefined;
      if (v.name === 'mlflow') return w[0] === 'gc' ? 'deleted MLflow runs and experiments (for good)' : undefined;
      return undefined;
    },
    examples: {
      flag: ['hdfs dfs -rm -r -skipTrash /data/events', 'databricks fs rm -r dbfs:/mnt/raw', 'aliyun oss rm -r -f oss://acme-backups/db/', 'airflow db reset --yes', 'mlflow gc'],
      allow: ['hdfs dfs -ls /data', 'databricks fs ls dbfs:/mnt', 'aliyun oss ls oss://acme-backups', 'airflow db migrate', 'mlflow ui'],
    },
  }),
];
