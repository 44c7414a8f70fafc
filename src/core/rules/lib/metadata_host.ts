// Cloud metadata addresses written so a pattern for `169.254.169.254` misses them but the resolver and the
// socket library still reach them: one number (`2852039166`), hex (`0xa9fea9fe`), octal parts (`0251.0376.0251.0376`),
// short forms (`169.254.43518`), IPv4 inside IPv6 (`[::ffff:169.254.169.254]`, `[::ffff:a9fe:a9fe]`) and wildcard DNS
// names that resolve to the address they embed (`169.254.169.254.nip.io`, `a9fea9fe.sslip.io`). Each is rewritten to
// the dotted address so the metadata rules judge it as written plainly.

/** The addresses of metadata services (AWS/GCP/Azure/OCI, ECS task credentials, Alibaba). */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200']);

/** inet_aton's reading of a host: 1 to 4 parts, each decimal, 0x-hex or 0-octal; the last part fills the rest. */
export function parseInetAton(host: string): string | undefined {
  if (host.length === 0 || host.length > 64) return undefined;
  const parts = host.split('.');
  if (parts.length > 4 || parts.some((p) => p.length === 0)) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]+$/.test(p)) n = parseInt(p, 8);
    else if (/^(?:0|[1-9][0-9]*)$/.test(p)) n = parseInt(p, 10);
    else return undefined;
    if (!Number.isFinite(n)) return undefined;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255)) return undefined;
  const room = 4 - nums.length;
  if (last >= 2 ** (8 * room)) return undefined;
  const bytes = [...nums];
  for (let i = room - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes.join('.');
}

/** The IPv4 address inside an IPv6 one (mapped `::ffff:x`, compatible `::x`, NAT64 `64:ff9b::x`), dotted. */
function embeddedV4(host: string): string | undefined {
  let h = host.toLowerCase();
  if (!h.includes(':')) return undefined;
  h = h.replace(/%.*$/, '');
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (dotted) {
    const v4 = dotted[2]!.split('.').map(Number);
    if (v4.some((n) => n > 255)) return undefined;
    h = `${dotted[1]}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = h.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if ([...head, ...tail].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail].map((g) => parseInt(g, 16));
  const prefix = groups.slice(0, 6);
  const mapped = prefix.slice(0, 5).every((g) => g === 0) && (prefix[5] === 0xffff || prefix[5] === 0);
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!mapped && !nat64) return undefined;
  return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
}

/** Wildcard DNS services whose names resolve to the address written in them. */
const WILDCARD_DNS = /^(?:.*[.-])?((?:\d{1,3}[.-]){3}\d{1,3}|[0-9a-f]{8})\.(?:nip\.io|sslip\.io|xip\.io|nip\.direct|ip\.addr\.tools)$/i;

/** The dotted IPv4 address a URL host reaches, when it is written in any of the forms above. */
export function hostAddress(rawHost: string): string | undefined {
  let host = rawHost.replace(/^.*@/, '').toLowerCase();
  if (host.startsWith('[')) return embeddedV4(host.slice(1, host.indexOf(']') > 0 ? host.indexOf(']') : undefined));
  host = host.replace(/:\d*$/, '').replace(/\.$/, '');
  const dns = WILDCARD_DNS.exec(host);
  if (dns) {
    const a = dns[1]!;
    // nip.io and sslip.io read eight characters without dots as hex (`a9fea9fe.nip.io`).
    return /^[0-9a-f]{8}$/i.test(a) ? parseInetAton(`0x${a}`) : a.replace(/-/g, '.');
  }
  return parseInetAton(host) ?? embeddedV4(host);
}

/** Cheap test before any parsing: text that could hold a metadata address in another spelling. */
const SPELLING_HINT = /\d{6,}|0x[0-9a-f]|0[0-7]{2,3}\.|\.(?:nip|sslip|xip)\.io|nip\.direct|addr\.tools|\[[0-9a-f:]*:|169\.254\.\d+(?![.\d])/i;
/** A URL's host (with scheme) or a host at the start of a word followed by a port or path (curl takes both). */
const HOST_IN_TEXT = /([a-z][a-z0-9+.-]*:\/\/)([^/\s"'`?#]{1,255})|(^|[\s"'`=(,])((?:[^\s"'`/@]{1,64}@)?(?:\[[0-9a-fA-F:.]{2,60}\]|[0-9a-zA-Z.-]{1,253})(?::\d{1,5})?)(?=\/)/g;

/**
 * The text with every host that reaches a metadata address rewritten to the plain dotted address, or undefined
 * when there is none. Bounded: only the first 64 hosts are looked at.
 */
export function canonicalMetadataHosts(text: string): string | undefined {
  if (!SPELLING_HINT.test(text)) return undefined;
  let changed = false;
  let seen = 0;
  const out = text.replace(HOST_IN_TEXT, (whole, scheme: string | undefined, urlHost: string | undefined, lead: string | undefined, bareHost: string | undefined) => {
    if (++seen > 64) return whole;
    const host = scheme !== undefined ? urlHost! : bareHost!;
    const addr = hostAddress(host);
    if (addr === undefined || !METADATA_V4.has(addr)) return whole;
    // The dotted spelling already is what the rules read.
    if (host.replace(/^.*@/, '').replace(/:\d*$/, '') === addr) return whole;
    changed = true;
    const port = /:(\d{1,5})$/.exec(host.replace(/^\[.*\]/, ''))?.[0] ?? '';
    return scheme !== undefined ? `${scheme}${addr}${port}` : `${lead}${addr}${port}`;
  });
  return changed ? out : undefined;
}
