// The CLI credential stores in a home directory that an agent running as you can read: where each lives,
// what it holds, and what is knowable from its metadata (profile names, kube contexts, hosts), parsed
// from the file's text. Pure: the host reads the files (bounded) and hands the text in. A parser returns
// names and kinds only, never a value.
import { guessEnvironment } from '../environment';
import type { CredentialScope } from './kinds';
import { table } from '../table';

export interface StoreEntry {
  /** A profile, context, host or account name: metadata, never a secret. */
  name: string;
  production: boolean;
  /** What this entry's credential can do, when its form says (AWS key type, ...). */
  kind?: string;
  scope?: CredentialScope;
}

export interface StoreReading {
  entries: StoreEntry[];
  /** Set when the file exists but says nothing parsable (reported as such, never a crash). */
  malformed?: string;
}

export interface CredentialStore {
  id: string;
  label: string;
  provider: string;
  /** Paths relative to the home directory; the first that exists is read. A trailing / is a folder. */
  paths: string[];
  /** An account-wide token for infrastructure that holds data: the incident's kind. */
  infrastructure: boolean;
  /** What a token from this store can do, when the store itself says (Railway's CLI login is account-wide). */
  scope: CredentialScope;
  parse?(text: string): StoreReading;
}

const prod = (name: string) => guessEnvironment(name) === 'production';
const entry = (name: string, extra: Partial<StoreEntry> = {}): StoreEntry => ({ name, production: prod(name), ...extra });

function iniSections(text: string): string[] {
  return [...text.matchAll(/^\s*\[([^\]\n]{1,200})\]\s*$/gm)].map((m) => m[1]!.trim());
}

function yamlListNames(text: string, list: string): string[] {
  // `contexts:` then `- name: x` items (kubeconfig); good enough without a YAML parser, and bounded.
  const start = text.search(new RegExp(`^${list}:\\s*$`, 'm'));
  if (start < 0) return [];
  const tail = text.slice(start).split('\n').slice(1);
  const names: string[] = [];
  for (const line of tail) {
    if (/^[A-Za-z]/.test(line)) break; // the next top-level key
    // An item's own name: `- name: x`, or `  name: x` under `- context:` (kubectl writes the latter).
    const m = /^(?:\s*- |  )name:\s*["']?([^"'\n]{1,200})["']?\s*$/.exec(line);
    if (m) names.push(m[1]!.trim());
  }
  return names;
}

function jsonKeys(text: string, pick: (o: Record<string, unknown>) => string[]): StoreReading {
  try {
    const o = JSON.parse(text) as unknown;
    if (!o || typeof o !== 'object') return { entries: [], malformed: 'not a JSON object' };
    return { entries: pick(o as Record<string, unknown>).slice(0, 50).map((n) => entry(n)) };
  } catch {
    return { entries: [], malformed: 'not valid JSON' };
  }
}

const objectKeys = (v: unknown): string[] => (v && typeof v === 'object' ? Object.keys(v as object) : []);

export const CREDENTIAL_STORES: readonly CredentialStore[] = [
  {
    id: 'aws-credentials',
    label: 'AWS credentials',
    provider: 'aws',
    paths: ['.aws/credentials'],
    infrastructure: true,
    scope: 'account-wide',
    parse: (text) => {
      const entries: StoreEntry[] = [];
      // Each [profile]; its key id's prefix says long-term (AKIA) or session (ASIA). Only the prefix is read.
      const blocks = text.split(/^\s*\[/m).slice(1);
      for (const b of blocks.slice(0, 50)) {
        const name = b.slice(0, b.indexOf(']')).trim();
        const key = /aws_access_key_id\s*=\s*([A-Z0-9]{4})/i.exec(b)?.[1]?.toUpperCase();
        const session = key === 'ASIA' || /aws_session_token\s*=/.test(b);
        entries.push(entry(name, session ? { kind: 'AWS session credentials', scope: 'session' } : { kind: 'AWS long-term access key', scope: 'account-wide' }));
      }
      return entries.length ? { entries } : { entries, malformed: 'no [profile] sections' };
    },
  },
  {
    id: 'aws-config',
    label: 'AWS config profiles',
    provider: 'aws',
    paths: ['.aws/config'],
    infrastructure: true,
    scope: 'unknown',
    parse: (text) => ({ entries: iniSections(text).slice(0, 50).map((s) => entry(s.replace(/^profile\s+/, ''))) }),
  },
  { id: 'gcloud', label: 'Google Cloud SDK credentials', provider: 'gcp', paths: ['.config/gcloud/'], infrastructure: true, scope: 'account-wide' },
  {
    id: 'kubeconfig',
    label: 'Kubernetes contexts',
    provider: 'kubernetes',
    paths: ['.kube/config'],
    infrastructure: true,
    scope: 'unknown',
    parse: (text) => {
      const names = yamlListNames(text, 'contexts');
      return names.length ? { entries: names.slice(0, 50).map((n) => entry(n)) } : { entries: [], malformed: 'no contexts found' };
    },
  },
  {
    id: 'docker-config',
    label: 'Docker registry logins',
    provider: 'docker',
    paths: ['.docker/config.json'],
    infrastructure: false,
    scope: 'account-wide',
    parse: (text) => jsonKeys(text, (o) => objectKeys(o.auths)),
  },
  {
    id: 'npmrc',
    label: 'npm registry tokens',
    provider: 'npm',
    paths: ['.npmrc'],
    infrastructure: false,
    scope: 'account-wide',
    parse: (text) => ({ entries: [...text.matchAll(/^\s*(\/\/[^\s:]+):_(?:authToken|auth|password)\s*=/gm)].slice(0, 50).map((m) => entry(m[1]!)) }),
  },
  {
    id: 'netrc',
    label: '.netrc logins',
    provider: 'netrc',
    paths: ['.netrc', '_netrc'],
    infrastructure: false,
    scope: 'unknown',
    parse: (text) => ({ entries: [...text.matchAll(/\bmachine\s+(\S{1,200})/g)].slice(0, 50).map((m) => entry(m[1]!)) }),
  },
  {
    id: 'git-credentials',
    label: 'git stored credentials',
    provider: 'git',
    paths: ['.git-credentials'],
    infrastructure: false,
    scope: 'account-wide',
    // https://user:token@host: only the host is kept.
    parse: (text) => ({ entries: [...text.matchAll(/^\s*\w+:\/\/[^@\s]*@([^/\s]{1,200})/gm)].slice(0, 50).map((m) => entry(m[1]!)) }),
  },
  {
    id: 'gh-hosts',
    label: 'GitHub CLI logins',
    provider: 'github',
    paths: ['.config/gh/hosts.yml'],
    infrastructure: false,
    scope: 'account-wide',
    parse: (text) => ({ entries: [...text.matchAll(/^([A-Za-z0-9.-]{1,200}):\s*$/gm)].slice(0, 50).map((m) => entry(m[1]!, { kind: 'GitHub OAuth token', scope: 'account-wide' })) }),
  },
  {
    id: 'pgpass',
    label: 'PostgreSQL passwords',
    provider: 'database',
    paths: ['.pgpass'],
    infrastructure: true,
    scope: 'unknown',
    parse: (text) => ({
      entries: text
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .slice(0, 50)
        .map((l) => {
          const [host = '', port = '', db = ''] = l.split(':');
          return entry(`${host}:${port}/${db}`);
        }),
    }),
  },
  { id: 'mycnf', label: 'MySQL client password', provider: 'database', paths: ['.my.cnf'], infrastructure: true, scope: 'unknown', parse: (text) => ({ entries: iniSections(text).map((s) => entry(s)) }) },
  {
    id: 'terraform',
    label: 'Terraform Cloud tokens',
    provider: 'terraform',
    paths: ['.terraform.d/credentials.tfrc.json'],
    infrastructure: true,
    scope: 'account-wide',
    parse: (text) => jsonKeys(text, (o) => objectKeys(o.credentials)),
  },
  { id: 'railway', label: 'Railway CLI login', provider: 'railway', paths: ['.railway/config.json'], infrastructure: true, scope: 'account-wide' },
  { id: 'fly', label: 'Fly.io CLI login', provider: 'fly', paths: ['.fly/config.yml'], infrastructure: true, scope: 'account-wide' },
  { id: 'vercel', label: 'Vercel CLI login', provider: 'vercel', paths: ['.local/share/com.vercel.cli/auth.json', '.vercel/auth.json', 'Library/Application Support/com.vercel.cli/auth.json'], infrastructure: true, scope: 'account-wide' },
  { id: 'netlify', label: 'Netlify CLI login', provider: 'netlify', paths: ['.config/netlify/config.json', '.netlify/config.json', 'Library/Preferences/netlify/config.json'], infrastructure: true, scope: 'account-wide' },
  { id: 'heroku', label: 'Heroku CLI login', provider: 'heroku', paths: ['.config/heroku/', '.heroku/'], infrastructure: true, scope: 'account-wide' },
  { id: 'supabase', label: 'Supabase CLI access token', provider: 'supabase', paths: ['.supabase/access-token'], infrastructure: true, scope: 'account-wide' },
  { id: 'doppler', label: 'Doppler CLI login', provider: 'doppler', paths: ['.doppler/.doppler.yaml'], infrastructure: true, scope: 'account-wide' },
];

/** Where a person learns to make a narrower token (no network: shipped as data). */
export const SCOPE_DOCS = table<string>({
  github: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens#creating-a-fine-grained-personal-access-token',
  stripe: 'https://docs.stripe.com/keys#limit-access',
  aws: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html',
  gcp: 'https://cloud.google.com/iam/docs/service-account-overview',
  railway: 'https://docs.railway.com/reference/public-api#project-token',
  kubernetes: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
  docker: 'https://docs.docker.com/security/for-developers/access-tokens/',
  npm: 'https://docs.npmjs.com/about-access-tokens#about-granular-access-tokens',
  terraform: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
  fly: 'https://fly.io/docs/security/tokens/',
  vercel: 'https://vercel.com/docs/rest-api#creating-an-access-token',
  netlify: 'https://docs.netlify.com/api/get-started/#authentication',
  heroku: 'https://devcenter.heroku.com/articles/authentication',
  supabase: 'https://supabase.com/docs/guides/api/api-keys',
  doppler: 'https://docs.doppler.com/docs/service-tokens',
  gitlab: 'https://docs.gitlab.com/ee/user/project/settings/project_access_tokens.html',
  database: 'https://www.postgresql.org/docs/current/ddl-priv.html',
});
