// What no named pack knows: a command-line tool's own delete sub-command (`fastly service delete`,
// `ldcli flags delete`, `pd schedule delete`, `apigeecli envs delete`), and SQL typed as a shell line
// (`DROP TABLE users;` sent where a REPL, tmux or a pasted script will run it). Tools with a pack of
// their own (git, kubectl, docker, aws, ...) are judged there, with their own precision.
import { guessEnvironment } from '../environment';
import { findSqlDataLoss } from './lib/sql';
import { positionals } from './lib/words';
import type { RuleMatch, ShellRule } from './types';

const DELETE_VERBS = new Set(['delete', 'destroy', 'purge', 'drop', 'wipe', 'nuke', 'terminate', 'erase', 'obliterate', 'delete-all', 'deleteall', 'remove-all']);

/** Programs that print or search words (a verb among their arguments is data), or that have a pack of their own. */
const NOT_HERE = new Set([
  'echo', 'printf', 'print', 'grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'sed', 'awk', 'gawk', 'mawk', 'jq', 'yq', 'cat', 'less', 'more', 'head',
  'tail', 'man', 'info', 'tldr', 'help', 'which', 'type', 'command', 'whatis', 'apropos', 'test', '[', 'true', 'false', 'ls', 'find', 'touch', 'mkdir',
  'cp', 'mv', 'rm', 'git', 'gh', 'glab', 'kubectl', 'helm', 'oc', 'terraform', 'tofu', 'terragrunt', 'pulumi', 'aws', 'gcloud', 'gsutil', 'bq', 'az',
  'docker', 'podman', 'docker-compose', 'npm', 'npx', 'yarn', 'pnpm', 'bun', 'pip', 'pip3', 'pipx', 'uv', 'poetry', 'brew', 'apt', 'apt-get', 'dnf',
  'yum', 'apk', 'pacman', 'snap', 'cargo', 'go', 'gem', 'bundle', 'curl', 'wget', 'http', 'https', 'xh', 'psql', 'mysql', 'sqlite3', 'redis-cli',
  'mongo', 'mongosh', 'cqlsh', 'clickhouse-client', 'vault', 'doppler', 'op', 'restic', 'borg', 'rclone', 'mc', 'gsutil', 'firebase', 'heroku',
  'railway', 'fly', 'flyctl', 'vercel', 'netlify', 'supabase', 'wrangler', 'doctl', 'stripe', 'eksctl', 'argocd', 'velero', 'kafka-topics', 'rpk',
  'make', 'just', 'task', 'node', 'python', 'python3', 'ruby', 'perl', 'php', 'bash', 'sh', 'zsh', 'ssh', 'tmux', 'screen', 'xargs', 'env', 'sudo',
  'timeout', 'nohup', 'nice', 'watch', 'time', 'history', 'alias', 'export', 'set', 'declare', 'tee', 'code', 'cursor', 'vim', 'nvim', 'nano', 'emacs',
  // Searchers and test runners: `fd delete src`, `pytest -k delete`, `jest -t delete` name tests and files.
  'ugrep', 'fd', 'fdfind', 'locate', 'plocate', 'mlocate', 'pytest', 'py.test', 'jest', 'vitest', 'mocha', 'ava', 'tap', 'playwright', 'cypress',
  'dotnet', 'rush',
]);
/**
 * A delete verb inside a sub-command word: `cluster-delete`, `bulk-delete`, `field-delete`, `api:core:numbers:remove`,
 * `delete-all-records`; and `del`/`rm` spelled as a whole word after a topic (`blob del`). Lower case only: a
 * capitalised word is a name (`DeleteUser`), not a command.
 */
const COMPOUND_DELETE = /^(?:[a-z0-9]+[-:_])+(?:delete|destroy|purge|wipe|nuke|erase|terminate|drop|remove)(?:[-:_][a-z0-9]+)*$|^(?:delete|destroy|purge|wipe|nuke|erase)-all(?:[-:_][a-z0-9]+)*$/;
const HELP = new Set(['--help', '-h', 'help', '--dry-run', '--dryrun', '--what-if', '--plan']);

const cliDeleteVerb: ShellRule = {
  id: 'shell.cli-delete-verb',
  pack: 'shell',
  kind: 'shell',
  severity: 'medium',
  reason: "Runs a command-line tool's delete sub-command (a service, an environment, a flag, a record): what it deletes may not come back.",
  defaultDecision: 'ask',
  match(cmd): RuleMatch | undefined {
    const name = cmd.name?.toLowerCase();
    if (name === undefined || NOT_HERE.has(name) || cmd.args.length === 0) return undefined;
    if (cmd.args.some((a) => HELP.has(a))) return undefined;
    // The sub-command path: the first few words that are not options (`pd schedule delete P234`).
    const words = positionals(cmd.args).slice(0, 4);
    const at = words.findIndex((w) => DELETE_VERBS.has(w.toLowerCase()) || COMPOUND_DELETE.test(w));
    if (at < 0) return undefined;
    const target = words.slice(at + 1).join(' ') || words.slice(0, at).join(' ') || name;
    return { target: `${name} ${words.slice(0, at + 1).join(' ')} ${words.slice(at + 1).join(' ')}`.trim(), environment: guessEnvironment(cmd.text), detail: `${name}: ${target}` };
  },
  examples: {
    flag: [
      'fastly service delete --service-id abc123',
      'ldcli flags delete my-flag --project my-project',
      'pd schedule delete P234',
      'apigeecli envs delete --name prod',
      'newrelic apm application delete 123',
      'flipt namespace delete production',
      'datadog-ci monitors delete 123',
      'linode-cli lke cluster-delete 12345',
      'ldcli flags bulk-delete --project web',
      'twilio api:core:incoming-phone-numbers:remove --sid PN123',
      'mytool records delete-all --zone prod',
    ],
    allow: ['fastly service list', 'linode-cli lke cluster-list', 'twilio api:core:incoming-phone-numbers:list', 'ldcli flags get my-flag', 'pd schedule delete --help', 'echo delete', 'grep -rn delete src/', 'mytool show delete-history', 'git branch -a', 'pytest -k delete', 'fd delete src', 'npx jest -t delete', 'dotnet test --filter Delete'],
  },
};

const SQL_KEYWORDS = new Set(['drop', 'delete', 'truncate', 'alter', 'update']);

const bareSql: ShellRule = {
  id: 'sql.bare-statement',
  pack: 'sql',
  kind: 'shell',
  severity: 'high',
  reason: 'A destructive SQL statement typed as a command line: wherever it lands (a database prompt, a pasted script, tmux send-keys), it drops or wipes data.',
  defaultDecision: 'ask',
  names: [...SQL_KEYWORDS].flatMap((k) => [k, k.toUpperCase(), `${k[0]!.toUpperCase()}${k.slice(1)}`]),
  match(cmd): RuleMatch | undefined {
    const name = cmd.name;
    if (name === undefined || !SQL_KEYWORDS.has(name.toLowerCase())) return undefined;
    // SQL's own shape, so `truncate -s 0 log` (coreutils) and `update` (some tool) are not SQL.
    const [w1 = '', w2 = ''] = cmd.args.map((a) => a.toLowerCase());
    const kw = name.toLowerCase();
    const sqlShaped =
      (kw === 'delete' && w1 === 'from') ||
      (kw === 'drop' && /^(?:table|database|schema|view|index|collection|keyspace|user|role|materialized|sequence)$/.test(w1)) ||
      (kw === 'truncate' && (w1 === 'table' || (name === 'TRUNCATE' && !w1.startsWith('-')))) ||
      (kw === 'alter' && w1 === 'table') ||
      (kw === 'update' && w2 === 'set');
    if (!sqlShaped) return undefined;
    const statement = [name, ...cmd.args].join(' ');
    const found = findSqlDataLoss(statement.endsWith(';') ? statement : `${statement};`);
    if (found.length === 0) return undefined;
    return { target: found[0]!.target, environment: guessEnvironment(statement), detail: found.map((f) => f.kind).join(', ') };
  },
  examples: {
    flag: ['DROP DATABASE mydb;', 'DROP TABLE IF EXISTS users;', 'DELETE FROM users;', 'TRUNCATE TABLE orders;', 'drop schema public cascade;'],
    allow: ['DELETE FROM users WHERE id = 7;', 'update', 'drop --help', 'truncate -s 0 app.log', 'truncate log', 'delete old-files'],
  },
};

export const GENERIC_CLI_RULES: readonly ShellRule[] = [cliDeleteVerb, bareSql];
