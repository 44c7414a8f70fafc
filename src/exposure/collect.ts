// Collects the exposure report: workspace files with live findings and protected files present, the
// credential-named environment variables (names only), and the CLI credential stores in the home
// directory, each with what it can do and which agents can reach it today. No network, ever; files are
// read bounded (≤ 256 KB) and only for metadata; values never leave this module except redacted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOOK_AGENTS, type HookAgentId } from '../core/action';
import { guessEnvironment } from '../core/environment';
import { credentialKind, providerWord } from '../core/exposure/kinds';
import { summarize, type ExposureItem, type ExposureReport, type Reach } from '../core/exposure/report';
import { CREDENTIAL_STORES, SCOPE_DOCS, type CredentialStore, type StoreReading } from '../core/exposure/stores';
import { compilePolicy } from '../core/policy/compile';
import { defaultPolicy } from '../core/policy/default_policy';
import type { Policy } from '../core/policy/schema';
import type { SecretFinding } from '../core/secrets/types';
import { hookFileStatus } from '../agents/install/index';
import { readTextFacts } from '../host/facts';
import { walkFiles } from '../host/tree_walk';
import { createScanner } from '../scan/scanner';
import ignore from 'ignore';

const MAX_STORE_BYTES = 256 * 1024;
const MAX_PROTECTED_LISTED = 200;
const PROTECTED_WALK_LIMIT = 20_000;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.cache', '.venv', 'venv', 'target']);

/** What the exposure report needs of a finding (the editor's findings carry a silenced flag, the scanner's a reason). */
export type KnownFinding = Pick<SecretFinding, 'file' | 'line' | 'rule' | 'secret'> & { silenced?: unknown };

export interface CollectOptions {
  workspace: string;
  home: string;
  env: NodeJS.ProcessEnv;
  policy?: Policy;
  /** Findings already known (the editor's scan); when absent the workspace is scanned here. */
  findings?: readonly KnownFinding[];
  /** Whether new integrated terminals get credential variables blanked (the editor setting). */
  blanking?: boolean;
  now?: () => Date;
}

function connected(workspace: string): HookAgentId[] {
  return HOOK_AGENTS.filter((a) => {
    try {
      return hookFileStatus(a, workspace).installed;
    } catch {
      return false;
    }
  });
}

/** Each agent's own ignore file (a hint the agent honours in its file tools, not a boundary). */
const IGNORE_FILE: Partial<Record<HookAgentId, string>> = {
  cursor: '.cursorignore',
  gemini: '.geminiignore',
  windsurf: '.codeiumignore',
  cline: '.clineignore',
};

/** Which agents' ignore files list a workspace-relative path (Claude: a Read() deny in its settings). */
function ignoredBy(workspace: string): (rel: string) => Set<HookAgentId> {
  const matchers: [HookAgentId, (rel: string) => boolean][] = [];
  for (const [agent, file] of Object.entries(IGNORE_FILE) as [HookAgentId, string][]) {
    const text = readTextFacts(path.join(workspace, file), MAX_STORE_BYTES);
    if (text) {
      const ig = ignore().add(text);
      matchers.push([agent, (rel) => ig.ignores(rel)]);
    }
  }
  const claude = readTextFacts(path.join(workspace, '.claude', 'settings.local.json'), MAX_STORE_BYTES);
  if (claude) matchers.push(['claude', (rel) => claude.includes(`Read(./${rel})`) || claude.includes(`Read(${rel})`)]);
  return (rel) => new Set(matchers.filter(([, m]) => m(rel)).map(([a]) => a));
}

function reachFor(guardedAgents: readonly HookAgentId[], protectedNow: boolean, hiddenFrom: ReadonlySet<HookAgentId> = new Set()): ExposureItem['reach'] {
  // A hook asks before any agent read of a protected file, and content checks catch a live credential in
  // any file; an ignore file only hides it from that agent's own file tools; otherwise it is open.
  const reach: ExposureItem['reach'] = HOOK_AGENTS.map((agent) => ({
    agent,
    how: (guardedAgents.includes(agent) && protectedNow ? 'guarded' : hiddenFrom.has(agent) ? 'hidden' : 'open') as Reach,
  }));
  reach.push({ agent: 'terminal', how: 'open' });
  return reach;
}

function fixesFor(provider: string, source: ExposureItem['source'], protectedNow: boolean): ExposureItem['fixes'] {
  const fixes: ExposureItem['fixes'] = [];
  if (!protectedNow) fixes.push({ action: 'protect', label: 'Add to protected paths (agents must ask before reading it)' });
  fixes.push({ action: 'hide', label: source === 'environment' ? 'Blank it in new terminals' : "List it in every agent's ignore file" });
  if (source === 'workspace-file') fixes.push({ action: 'move-out', label: 'Move the value to .env (not committed) or a secret store' });
  const url = SCOPE_DOCS[provider];
  if (url) fixes.push({ action: 'scope', label: 'Replace it with a narrower token', url });
  return fixes;
}

/**
 * Words around a finding that say what the token can do ("scope": "account"), never the value itself,
 * nearest lines first (the first provider named wins, and the finding's own line says most).
 */
function contextWords(text: string, line: number): string {
  const lines = text.split('\n');
  const order: string[] = [];
  for (let d = 0; d <= 6; d++) {
    const before = lines[line - 1 - d];
    const after = d > 0 ? lines[line - 1 + d] : undefined;
    if (before !== undefined) order.push(before);
    if (after !== undefined) order.push(after);
  }
  const near = order.join('\n');
  // Keep only word-like tokens that cannot be the secret: short words and key names.
  return (near.match(/[A-Za-z_][A-Za-z_ -]{1,40}/g) ?? []).filter((w) => w.length <= 40 && !/\d/.test(w)).join(' ');
}

function readStore(home: string, store: CredentialStore): { rel: string; reading?: StoreReading; isDir: boolean } | undefined {
  for (const rel of store.paths) {
    const abs = path.join(home, rel);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      continue;
    }
    if (rel.endsWith('/')) return st.isDirectory() ? { rel, isDir: true } : undefined;
    if (!st.isFile()) continue;
    if (!store.parse) return { rel, isDir: false };
    const text = readTextFacts(abs, MAX_STORE_BYTES);
    if (text === undefined) return { rel, isDir: false, reading: { entries: [], malformed: st.size > MAX_STORE_BYTES ? 'too large to read' : 'unreadable' } };
    let reading: StoreReading;
    try {
      reading = store.parse(text);
    } catch {
      reading = { entries: [], malformed: 'could not be parsed' };
    }
    return { rel, isDir: false, reading };
  }
  return undefined;
}

function walkProtected(root: string, isSecret: (abs: string) => boolean): string[] {
  const out: string[] = [];
  walkFiles(root, {
    maxDepth: 16,
    budget: { left: PROTECTED_WALK_LIMIT },
    skipDir: (name) => SKIP_DIRS.has(name),
    onFile: (abs) => {
      if (isSecret(abs)) out.push(abs);
      return out.length < MAX_PROTECTED_LISTED;
    },
  });
  return out.sort();
}

export async function collectExposure(opts: CollectOptions): Promise<ExposureReport> {
  const workspace = path.resolve(opts.workspace);
  const policy = compilePolicy(opts.policy ?? defaultPolicy(), { home: opts.home });
  const isSecret = (abs: string) => policy.isSecretPath(abs.replace(/\\/g, '/'));
  const agents = connected(workspace);
  const hiddenFrom = ignoredBy(workspace);
  const items: ExposureItem[] = [];

  // 1. Live credentials in workspace files (the incident's token lived in an unrelated file).
  let findings = opts.findings;
  if (!findings) {
    const found: KnownFinding[] = [];
    const scanner = createScanner({ root: workspace, workers: 0, onFinding: (f) => found.push(f) });
    try {
      await scanner.scanAll();
    } finally {
      await scanner.dispose();
    }
    findings = found;
  }
  const textCache = new Map<string, string>();
  for (const f of findings) {
    if (f.silenced) continue;
    const abs = path.join(workspace, f.file);
    let text = textCache.get(abs);
    if (text === undefined) {
      text = readTextFacts(abs, MAX_STORE_BYTES) ?? '';
      textCache.set(abs, text);
    }
    const context = `${f.file} ${contextWords(text, f.line)}`;
    const prefix = f.secret.replace(/….*$/, '');
    const k = credentialKind(f.rule, prefix, context);
    const production = guessEnvironment(context) === 'production';
    // A file with a live finding is protected by the running extension, and content checks flag its reads offline.
    items.push({
      id: `workspace-file:${f.file}:${f.line}:${f.rule}`,
      source: 'workspace-file',
      location: f.file,
      label: `${k.kind} in ${f.file}:${f.line}`,
      kind: k.kind,
      provider: k.provider,
      scope: k.scope,
      infrastructure: k.infrastructure,
      production,
      preview: f.secret,
      reach: reachFor(agents, true, hiddenFrom(f.file)),
      fixes: fixesFor(k.provider, 'workspace-file', true),
    });
  }

  // 2. Protected files present (.env*, keys, state files), whatever their content.
  const withFindings = new Set(findings.map((f) => path.join(workspace, f.file)));
  for (const abs of walkProtected(workspace, isSecret)) {
    if (withFindings.has(abs)) continue;
    const rel = path.relative(workspace, abs).replace(/\\/g, '/');
    const provider = providerWord(rel) ?? 'unknown';
    items.push({
      id: `protected-file:${rel}`,
      source: 'protected-file',
      location: rel,
      label: `Protected file ${rel}`,
      kind: 'protected file',
      provider,
      scope: 'unknown',
      infrastructure: false,
      production: guessEnvironment(rel) === 'production',
      reach: reachFor(agents, true, hiddenFrom(rel)),
      fixes: fixesFor(provider, 'protected-file', true),
    });
  }

  // 3. Credential-named environment variables: names only.
  const blanking = opts.blanking ?? true;
  for (const name of Object.keys(opts.env).sort()) {
    if (!opts.env[name] || !policy.isCredentialEnvName(name)) continue;
    const k = credentialKind('environment', '', name);
    const reach = reachFor(agents, false).map((r) => (r.agent === 'terminal' && blanking ? { ...r, how: 'blanked' as Reach } : r));
    items.push({
      id: `environment:${name}`,
      source: 'environment',
      location: `$${name}`,
      label: `Environment variable ${name}`,
      kind: k.kind === 'credential' ? 'credential variable' : k.kind,
      provider: k.provider,
      scope: k.scope,
      infrastructure: k.infrastructure,
      production: guessEnvironment(name) === 'production',
      reach,
      fixes: fixesFor(k.provider, 'environment', false),
    });
  }

  // 4. CLI credential stores in the home directory.
  for (const store of CREDENTIAL_STORES) {
    const found = readStore(opts.home, store);
    if (!found) continue;
    const abs = path.join(opts.home, found.rel);
    const protectedNow = isSecret(found.isDir ? `${abs.replace(/\/$/, '')}/x` : abs);
    const entries = found.reading?.entries ?? [];
    const production = entries.some((e) => e.production);
    const broad = entries.find((e) => e.scope === 'account-wide');
    const scope = broad ? 'account-wide' : entries.find((e) => e.scope)?.scope ?? store.scope;
    const names = entries.map((e) => e.name);
    const detail = found.reading?.malformed
      ? `present but ${found.reading.malformed}`
      : names.length
        ? `${names.slice(0, 8).join(', ')}${names.length > 8 ? ` and ${names.length - 8} more` : ''}`
        : undefined;
    items.push({
      id: `home-store:${store.id}`,
      source: 'home-store',
      location: `~/${found.rel}`,
      label: store.label,
      kind: broad?.kind ?? store.label,
      provider: store.provider,
      scope,
      infrastructure: store.infrastructure && scope === 'account-wide',
      production,
      ...(detail ? { detail } : {}),
      reach: reachFor(agents, protectedNow),
      fixes: fixesFor(store.provider, 'home-store', protectedNow),
    });
  }

  return { version: 1, workspace, generatedAt: (opts.now?.() ?? new Date()).toISOString(), summary: summarize(items), items };
}
