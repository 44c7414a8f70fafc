// What a credential can do, where that is knowable offline from its format and the words around it:
// GitHub classic (every repo the user can reach) vs fine-grained, Stripe live vs test vs restricted,
// AWS long-term key vs session, an account-wide infrastructure token (the incident's kind) vs a
// project token. Pure: callers pass the detector id, the redacted preview's prefix and context words,
// never the secret.

export type CredentialScope = 'account-wide' | 'scoped' | 'read-only' | 'test' | 'session' | 'unknown';

export interface CredentialKind {
  /** Short, for a person: "GitHub classic token", "Railway account token". */
  kind: string;
  provider: string;
  scope: CredentialScope;
  /** An account-wide token for infrastructure that holds data (hosting, cloud, databases): what deleted the volume. */
  infrastructure: boolean;
}

const INFRA_PROVIDERS = new Set(['railway', 'aws', 'gcp', 'azure', 'fly', 'vercel', 'netlify', 'heroku', 'supabase', 'digitalocean', 'render', 'cloudflare', 'terraform', 'kubernetes', 'doppler', 'planetscale', 'neon', 'database']);

interface KindRule {
  /** Detector ids (or provider words) this applies to. */
  match: (rule: string, prefix: string) => boolean;
  kind: (prefix: string, context: string) => Omit<CredentialKind, 'infrastructure'>;
}

const ACCOUNT_WORDS = /\b(?:account|team|org(?:ani[sz]ation)?|admin|full[ -]?(?:access|scope)|all[ -]projects|personal access|owner)\b/i;
const PROJECT_WORDS = /\b(?:project|environment|service|deploy key|read[ -]?only|scoped)\b/i;

const KIND_RULES: KindRule[] = [
  {
    match: (r, p) => r.startsWith('github') || /^gh[pousr]_|^github_pat_/.test(p),
    kind: (p) =>
      p.startsWith('github_pat_')
        ? { kind: 'GitHub fine-grained token', provider: 'github', scope: 'scoped' }
        : p.startsWith('ghs_')
          ? { kind: 'GitHub App installation token', provider: 'github', scope: 'session' }
          : p.startsWith('gho_') || p.startsWith('ghu_')
            ? { kind: 'GitHub OAuth token', provider: 'github', scope: 'account-wide' }
            : { kind: 'GitHub classic token', provider: 'github', scope: 'account-wide' },
  },
  {
    match: (r, p) => r.startsWith('stripe') || /^(?:sk|rk|pk)_(?:live|test)_/.test(p),
    kind: (p) =>
      p.startsWith('rk_')
        ? { kind: 'Stripe restricted key', provider: 'stripe', scope: 'scoped' }
        : p.includes('_test_')
          ? { kind: 'Stripe test key', provider: 'stripe', scope: 'test' }
          : { kind: 'Stripe live secret key', provider: 'stripe', scope: 'account-wide' },
  },
  {
    match: (r, p) => r.startsWith('aws') || /^(?:AKIA|ASIA|A3T|AGPA|AIDA|AROA|ANPA|ANVA|ASCA)/.test(p),
    kind: (p) =>
      p.startsWith('ASIA')
        ? { kind: 'AWS session credentials', provider: 'aws', scope: 'session' }
        : { kind: 'AWS long-term access key', provider: 'aws', scope: 'account-wide' },
  },
  {
    match: (r) => r.includes('railway'),
    kind: (_p, ctx) =>
      ACCOUNT_WORDS.test(ctx) || /RAILWAY_API_TOKEN/.test(ctx)
        ? { kind: 'Railway account token', provider: 'railway', scope: 'account-wide' }
        : PROJECT_WORDS.test(ctx) || /RAILWAY_TOKEN/.test(ctx)
          ? { kind: 'Railway project token', provider: 'railway', scope: 'scoped' }
          : { kind: 'Railway token', provider: 'railway', scope: 'unknown' },
  },
  { match: (r) => r.startsWith('gcp') || r.startsWith('google'), kind: () => ({ kind: 'Google Cloud credential', provider: 'gcp', scope: 'unknown' }) },
  { match: (r) => r.startsWith('gitlab'), kind: () => ({ kind: 'GitLab token', provider: 'gitlab', scope: 'account-wide' }) },
  { match: (r) => r.startsWith('slack'), kind: () => ({ kind: 'Slack token', provider: 'slack', scope: 'unknown' }) },
  { match: (r) => r.startsWith('npm'), kind: () => ({ kind: 'npm token', provider: 'npm', scope: 'account-wide' }) },
  { match: (r) => r.startsWith('openai') || r.startsWith('anthropic'), kind: (_p) => ({ kind: 'AI API key', provider: 'ai', scope: 'account-wide' }) },
  { match: (r) => r === 'private-key' || r === 'putty-private-key', kind: () => ({ kind: 'private key', provider: 'ssh', scope: 'unknown' }) },
  { match: (r) => r.includes('database') || r === 'url-password', kind: () => ({ kind: 'database password', provider: 'database', scope: 'unknown' }) },
];

/** The provider a detector id or key name speaks of (`railway-token`, `RAILWAY_API_TOKEN` -> railway). */
export function providerWord(text: string): string | undefined {
  const m = /(railway|github|gitlab|stripe|aws|gcp|google|azure|fly|vercel|netlify|heroku|supabase|doppler|digitalocean|cloudflare|slack|npm|openai|anthropic|terraform)/i.exec(text);
  return m?.[1]?.toLowerCase();
}

/**
 * @param rule detector id (`github-token`, `generic-assignment:railway`, ...)
 * @param prefix the redacted preview's visible prefix (a few characters, never the secret)
 * @param context words near the finding: its key, the file's name, neighbouring keys and notes
 */
export function credentialKind(rule: string, prefix: string, context = ''): CredentialKind {
  // The detector id first, then the provider the surrounding words name (a generic finding under RAILWAY_...).
  const r = `${rule.toLowerCase()} ${providerWord(context) ?? ''}`;
  const hit = KIND_RULES.find((k) => k.match(r, prefix));
  const base = hit?.kind(prefix, context) ?? fallbackKind(r, context);
  let scope = base.scope;
  // Context can say more than the format: "full account scope" next to a token that could be either.
  if (scope === 'unknown' && ACCOUNT_WORDS.test(context)) scope = 'account-wide';
  return { ...base, scope, infrastructure: scope === 'account-wide' && INFRA_PROVIDERS.has(base.provider) };
}

function fallbackKind(rule: string, context: string): Omit<CredentialKind, 'infrastructure'> {
  const provider = providerWord(rule) ?? providerWord(context) ?? 'unknown';
  return { kind: provider === 'unknown' ? 'credential' : `${provider[0]!.toUpperCase()}${provider.slice(1)} credential`, provider, scope: 'unknown' };
}
