// The sandbox's network policy (`airlock.sandboxNetwork`, `airlock run --deny-host/--allow-host`): which
// hosts a command inside `airlock run` may connect to through Airlock's proxy. Open (nothing set), a
// deny-list, an allow-list, or both (allowed = on the allow-list and not on the deny-list); an empty
// allow-list means no network at all. Pure: host patterns, matching, and the tighten-only merge that
// repository-level sources must follow (they may add deny entries or narrow what is allowed, never widen).

export interface SandboxNetwork {
  /** Hosts never reachable. Every source may add; nothing removes. */
  deny: string[];
  /** When present: only these hosts are reachable (`[]`: none). Absent: every host not denied. */
  allow?: string[];
}

export interface HostPattern {
  /** Lower-case host name or IP address (IPv6 without brackets). */
  host: string;
  /** `*.example.com`: any name below example.com (at any depth), not example.com itself. */
  wildcard: boolean;
  port?: number;
}

/** What the settings UI checks; parseHostPattern() is the full check (port range, label lengths). */
export const HOST_PATTERN_SOURCE = '^(\\*\\.)?([A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$';
const HOST_PATTERN_RE = new RegExp(HOST_PATTERN_SOURCE);

export const HOST_PATTERN_HELP = 'a host pattern is a host name (api.example.com), *.example.com for every name below it, or an IP address, each optionally with :PORT';

/** Parses one pattern, or says why it is not one. */
export function parseHostPattern(raw: string): HostPattern | string {
  const text = raw.trim();
  if (!HOST_PATTERN_RE.test(text)) return `"${raw}": ${HOST_PATTERN_HELP}`;
  let rest = text.toLowerCase();
  const wildcard = rest.startsWith('*.');
  if (wildcard) rest = rest.slice(2);
  let port: number | undefined;
  const portMatch = /:(\d{1,5})$/.exec(rest);
  if (portMatch) {
    port = Number(portMatch[1]);
    if (port < 1 || port > 65535) return `"${raw}": the port must be 1-65535`;
    rest = rest.slice(0, -portMatch[0].length);
  }
  if (rest.startsWith('[')) {
    if (wildcard) return `"${raw}": an IP address takes no *.`;
    return { host: rest.slice(1, -1), wildcard, ...(port !== undefined ? { port } : {}) };
  }
  rest = rest.replace(/\.$/, '');
  if (rest.split('.').some((label) => label.length === 0 || label.length > 63)) return `"${raw}": ${HOST_PATTERN_HELP}`;
  return { host: rest, wildcard, ...(port !== undefined ? { port } : {}) };
}

/** Host as a client names it (CONNECT target, URL host): lower-case, no trailing dot, IPv6 without brackets. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h.replace(/\.$/, '');
}

export function hostMatches(p: HostPattern, host: string, port: number): boolean {
  if (p.port !== undefined && p.port !== port) return false;
  const h = normalizeHost(host);
  return p.wildcard ? h.endsWith(`.${p.host}`) : h === p.host;
}

function matchesAny(patterns: readonly string[], host: string, port: number): boolean {
  return patterns.some((raw) => {
    const p = parseHostPattern(raw);
    return typeof p !== 'string' && hostMatches(p, host, port);
  });
}

/** Whether the policy restricts anything (then the sandbox has no network of its own, only the proxy). */
export function isRestricted(net: SandboxNetwork | undefined): net is SandboxNetwork {
  return !!net && (net.deny.length > 0 || net.allow !== undefined);
}

export type NetworkRefusal = 'deny-list' | 'allow-list' | 'loopback';

/** Where a connection to host:port may go; `loopback` is decided by the proxy once the name is resolved. */
export function decideHost(net: SandboxNetwork, host: string, port: number): { allowed: true } | { allowed: false; why: NetworkRefusal } {
  if (matchesAny(net.deny, host, port)) return { allowed: false, why: 'deny-list' };
  if (net.allow !== undefined && !matchesAny(net.allow, host, port)) return { allowed: false, why: 'allow-list' };
  return { allowed: true };
}

/**
 * The host's own loopback (a dev server on 127.0.0.1 outside the sandbox) is reachable only through an
 * allow-list entry that names exactly this host and port, such as `127.0.0.1:5173`.
 */
export function loopbackAllowed(net: SandboxNetwork, host: string, port: number): boolean {
  const h = normalizeHost(host);
  return (net.allow ?? []).some((raw) => {
    const p = parseHostPattern(raw);
    return typeof p !== 'string' && !p.wildcard && p.port === port && p.host === h;
  });
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', 'ip6-localhost', 'ip6-loopback']);

/** An address (or literal host) on the machine's own loopback, or the unspecified address. */
export function isLoopbackAddress(address: string): boolean {
  const a = normalizeHost(address);
  if (LOOPBACK_NAMES.has(a) || a.endsWith('.localhost')) return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\./.test(v4) || v4 === '0.0.0.0' || a === '::' || a === '0:0:0:0:0:0:0:1';
}

/** Allow-list entries that name a loopback host with a port: forwarded into the sandbox on that port. */
export function loopbackForwards(net: SandboxNetwork | undefined): { host: string; port: number }[] {
  const out: { host: string; port: number }[] = [];
  for (const raw of net?.allow ?? []) {
    const p = parseHostPattern(raw);
    if (typeof p === 'string' || p.wildcard || p.port === undefined || !isLoopbackAddress(p.host)) continue;
    if (!out.some((f) => f.port === p.port)) out.push({ host: p.host, port: p.port });
  }
  return out;
}

/** q allows everything p allows. */
function covers(q: HostPattern, p: HostPattern): boolean {
  if (q.port !== undefined && q.port !== p.port) return false;
  if (!q.wildcard) return !p.wildcard && p.host === q.host;
  return p.host.endsWith(`.${q.host}`) || (p.wildcard && p.host === q.host);
}

function render(p: HostPattern): string {
  const host = p.host.includes(':') ? `[${p.host}]` : p.host;
  return `${p.wildcard ? '*.' : ''}${host}${p.port !== undefined ? `:${p.port}` : ''}`;
}

/** The hosts both allow-lists allow (exact for these patterns, except a port-bound wildcard against a portless name). */
function intersect(current: readonly string[], next: readonly HostPattern[]): string[] {
  const cur = current.map(parseHostPattern).filter((p): p is HostPattern => typeof p !== 'string');
  const out = new Set<string>();
  for (const p of next) if (cur.some((q) => covers(q, p))) out.add(render(p));
  for (const q of cur) if (next.some((p) => covers(p, q))) out.add(render(q));
  return [...out];
}

export interface NetworkInput {
  deny?: readonly string[];
  allow?: readonly string[];
}

/**
 * Merges one source into the current network policy. `tightenOnly` sources (workspace settings, the
 * policy file, command-line flags) add deny entries and narrow an allow-list to what both allow; an
 * allow-list where there was none switches open to allow-list. Bad patterns are reported and skipped.
 */
export function mergeNetwork(current: SandboxNetwork | undefined, input: NetworkInput, tightenOnly: boolean): { network: SandboxNetwork; errors: string[] } {
  const errors: string[] = [];
  const parse = (list: readonly string[]): HostPattern[] =>
    list.flatMap((raw) => {
      const p = parseHostPattern(raw);
      if (typeof p === 'string') {
        errors.push(p);
        return [];
      }
      return [p];
    });
  const deny = [...(current?.deny ?? [])];
  for (const p of parse(input.deny ?? [])) if (!deny.includes(render(p))) deny.push(render(p));
  let allow = current?.allow ? [...current.allow] : undefined;
  if (input.allow !== undefined) {
    const next = parse(input.allow);
    if (allow === undefined || !tightenOnly) allow = [...new Set(next.map(render))];
    else allow = intersect(allow, next);
  }
  return { network: { deny, ...(allow !== undefined ? { allow } : {}) }, errors };
}

/** One line for people: "open", "deny-list (3 hosts)", "allow-list: a, b". */
export function describeNetwork(net: SandboxNetwork | undefined): string {
  if (!isRestricted(net)) return 'open';
  const parts: string[] = [];
  if (net.allow !== undefined) parts.push(net.allow.length === 0 ? 'no network (empty allow-list)' : `allow-list: ${net.allow.join(', ')}`);
  if (net.deny.length > 0) parts.push(`deny-list: ${net.deny.join(', ')}`);
  return parts.join('; ');
}
