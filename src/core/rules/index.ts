// The registry of every rule pack. Adding a pack = one import and one entry in PACKS below.
import { BACKUP_RULES } from './backups';
import { CLOUD_RULES } from './cloud';
import { CONTAINER_RULES } from './containers';
import { CONTENT_ACTION_RULES, CONTENT_SHELL_RULES } from './content';
import { DNS_RULES } from './dns';
import { ENV_DUMP_ACTION_RULES, ENV_DUMP_RULES } from './env_dumps';
import { FILE_ACTION_RULES, FILE_SHELL_RULES } from './files';
import { FS_RULES } from './fs';
import { FS_LOSS_RULES } from './fs_loss';
import { GENERIC_CLI_RULES } from './generic_cli';
import { GIT_RULES } from './git';
import { GIT_DISCARD_RULES } from './git_discard';
import { HOSTING_RULES } from './hosting';
import { HTTP_ACTION_RULES, HTTP_RULES } from './http';
import { IAC_RULES } from './iac';
import { K8S_RULES } from './k8s';
import { MESSAGING_RULES } from './messaging';
import { ORM_RULES } from './orm';
import { PLATFORM_RULES } from './platform';
import { SEARCH_RULES } from './search';
import { PUBLISH_RULES } from './publish';
import { REMOTE_RULES } from './remote';
import { SECRETS_RULES } from './secrets';
import { SERVE_RULES } from './serve';
import { SERVICE_RULES } from './services';
import { SHELL_RULES } from './shell';
import { SQL_RULES } from './sql';
import { STORAGE_RULES } from './storage';
import { SYSTEM_RULES } from './system';
import { HOST_RULES } from './hosts';
import { TAMPER_RULES } from './tamper';
import { UNCOMMITTED_RULES } from './uncommitted';
import type { ActionRule, Rule, ShellRule } from './types';
import { VAULT_RULES } from './vaults';
import { TREE_READER_ACTION_RULES, TREE_READER_RULES } from './tree_readers';
import { TOOL_ACTION_RULES, TOOL_SHELL_RULES } from './tool_actions';
import { SQL_SECRET_ACTION_RULES, SQL_SECRET_RULES } from './sql_secrets';

const PACKS: readonly (readonly Rule[])[] = [
  FS_RULES,
  FS_LOSS_RULES,
  UNCOMMITTED_RULES,
  FILE_SHELL_RULES,
  TAMPER_RULES,
  GIT_RULES,
  GIT_DISCARD_RULES,
  SYSTEM_RULES,
  HOST_RULES,
  SECRETS_RULES,
  SERVE_RULES,
  CONTENT_SHELL_RULES,
  CONTENT_ACTION_RULES,
  TREE_READER_RULES,
  TREE_READER_ACTION_RULES,
  ENV_DUMP_RULES,
  ENV_DUMP_ACTION_RULES,
  SHELL_RULES,
  FILE_ACTION_RULES,
  SQL_RULES,
  GENERIC_CLI_RULES,
  ORM_RULES,
  CLOUD_RULES,
  HTTP_RULES,
  HTTP_ACTION_RULES,
  IAC_RULES,
  K8S_RULES,
  CONTAINER_RULES,
  BACKUP_RULES,
  VAULT_RULES,
  STORAGE_RULES,
  SEARCH_RULES,
  HOSTING_RULES,
  MESSAGING_RULES,
  DNS_RULES,
  PLATFORM_RULES,
  SERVICE_RULES,
  PUBLISH_RULES,
  REMOTE_RULES,
  TOOL_ACTION_RULES,
  TOOL_SHELL_RULES,
  SQL_SECRET_RULES,
  SQL_SECRET_ACTION_RULES,
];

export const RULES: readonly Rule[] = PACKS.flat();
export const SHELL_RULE_LIST: readonly ShellRule[] = RULES.filter((r): r is ShellRule => r.kind === 'shell');
export const ACTION_RULE_LIST: readonly ActionRule[] = RULES.filter((r): r is ActionRule => r.kind === 'action');

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

// Most rules are about a few programs (`git`, `rm`, `crontab`); classify() asks for the rules a command can
// reach instead of running all of them on every command. Built once; order kept as in RULES so verdicts list
// hits the same way. Names an agent invents share one list (no growth with input).
// `names` rules are found by the command's own name; `viewNames` rules (the data-loss packs, which see through
// `npx`, `docker compose exec`, package.json scripts …) by the names of the command's runner views.
const INDEX = new Map<ShellRule, number>(SHELL_RULE_LIST.map((r, i) => [r, i]));
const ANY_NAME: readonly ShellRule[] = SHELL_RULE_LIST.filter((r) => r.names === undefined && r.viewNames === undefined);
// The lists are built the first time a name is asked for, not all at load: the one-shot hook judges one or
// two programs, and building every list up front was a noticeable part of its start-up.
const NAMED = new Set(SHELL_RULE_LIST.flatMap((r) => r.names ?? []));
const VIEWED = new Set(SHELL_RULE_LIST.flatMap((r) => r.viewNames ?? []));
const byNameCache = new Map<string, readonly ShellRule[]>();
const byViewCache = new Map<string, readonly ShellRule[]>();
const byNameAndOwnViewCache = new Map<string, readonly ShellRule[]>();

function byName(name: string): readonly ShellRule[] | undefined {
  if (!NAMED.has(name)) return undefined;
  let rules = byNameCache.get(name);
  if (!rules) byNameCache.set(name, (rules = SHELL_RULE_LIST.filter((r) => (r.names === undefined && r.viewNames === undefined) || r.names?.includes(name))));
  return rules;
}

function byView(name: string): readonly ShellRule[] | undefined {
  if (!VIEWED.has(name)) return undefined;
  let rules = byViewCache.get(name);
  if (!rules) byViewCache.set(name, (rules = SHELL_RULE_LIST.filter((r) => r.viewNames?.includes(name))));
  return rules;
}

// The usual shape, `psql -c …` (one view, named like the command): the merged list is kept per name.
function byNameAndOwnView(name: string): readonly ShellRule[] {
  let rules = byNameAndOwnViewCache.get(name);
  if (!rules) byNameAndOwnViewCache.set(name, (rules = merge(byName(name) ?? ANY_NAME, byView(name)!)));
  return rules;
}

function merge(a: readonly ShellRule[], b: readonly ShellRule[]): ShellRule[] {
  return [...new Set([...a, ...b])].sort((x, y) => INDEX.get(x)! - INDEX.get(y)!);
}

/**
 * The shell rules that can match a command with this name whose runner views (lib/runners commandViews, with
 * the context the rules will get) are `views`, plus `moreViews` when the rules also run in a second context.
 * Every rule when the name is computed at run time.
 */
export function shellRulesFor(name: string | undefined, views: readonly { name: string }[], moreViews?: readonly { name: string }[]): readonly ShellRule[] {
  if (name === undefined) return SHELL_RULE_LIST;
  const base = byName(name) ?? ANY_NAME;
  let extra: ShellRule[] | undefined;
  let only: string | undefined;
  for (const list of moreViews ? [views, moreViews] : [views]) {
    for (const v of list) {
      const rules = byView(v.name);
      if (rules === undefined) continue;
      if (only === undefined && extra === undefined) only = v.name;
      else if (v.name !== only) {
        extra ??= byView(only!)!.slice();
        extra.push(...rules);
      }
    }
  }
  if (extra !== undefined) return merge(base, extra);
  if (only === undefined) return base;
  // `psql …` reaches the pre-merged list; `npx prisma …` (name npx, one view with rules) merges here
  return only === name ? byNameAndOwnView(only) : merge(base, byView(only)!);
}

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** For policy merging: a rule's own default decision and whether it is secret access. */
export function ruleDefaultsFromRegistry(id: string): { decision: 'ask' | 'deny'; secret: boolean } | undefined {
  const r = BY_ID.get(id);
  return r ? { decision: r.defaultDecision ?? 'ask', secret: r.pack === 'secrets' } : undefined;
}
