// Credentials found by the structure around them: `curl -u user:pass`, a JWT wrapped in base64, a
// Kubernetes Secret's base64 `data:` values, NuGet's cleartext password element. Examples are built
// from pieces (samples.ts), so no token-shaped literal sits in the source or the bundle.
import { regexMatcher } from './kit';
import { fake } from './samples';
import type { MatchInput, RawMatch, SecretDetector } from './types';
import { isPlausiblePassword, isPlausibleToken } from './values';

function b64(s: string): string {
  return btoa(s);
}

function b64url(s: string): string {
  return b64(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function decodeBase64(s: string): string | undefined {
  try {
    const clean = s.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
    const out = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
    // Binary (a certificate, a keystore) decodes to control characters: judge only text.
    return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

const fakeJwt = (): string => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"svc-deploy","iat":1767225600}')}.${fake('jwt-sig', ['url', 43])}`;

/** `user:pass` from curl's -u/--user, unquoted or quoted; the password part is the secret. */
function curlUserMatches({ text }: MatchInput): RawMatch[] {
  const out: RawMatch[] = [];
  // Bounded gaps: a megabyte line with `curl` all over it must stay linear.
  const re = /\bcurl\b[^\n]{0,500}?(?:\\\n[^\n]{0,500}?){0,5}[ \t](?:-u|--user)(?:=|[ \t]{1,5})(["']?)([^\s"':]{0,64}):([^\s"']{3,128})\1(?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const user = m[2] ?? '';
    const pass = m[3] ?? '';
    if (pass === user || /^[$%<{]/.test(pass) || /^\$/.test(user) || !isPlausiblePassword(pass)) continue;
    const at = m.index + m[0].length - pass.length - m[1]!.length;
    out.push({ index: at, value: pass });
  }
  return out;
}

/** base64 of a JWT starts `ZXlK` (`eyJ`); decoding it must give a JWT whose header names an algorithm. */
function base64JwtMatches({ text }: MatchInput): RawMatch[] {
  const out: RawMatch[] = [];
  const re = /(?<![A-Za-z0-9+/])(ZXlK[A-Za-z0-9+/]{40,}={0,2})(?![A-Za-z0-9+/=])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const decoded = decodeBase64(m[1]!);
    if (!decoded) continue;
    const [h, p, sig] = decoded.trim().split('.');
    const header = h ? decodeBase64(h) : undefined;
    if (!header || !p || !sig || !/"alg"\s*:/.test(header)) continue;
    out.push({ index: m.index, value: m[1]! });
  }
  return out;
}

/**
 * `kind: Secret` manifests keep values base64-encoded under `data:`; each one is decoded and judged
 * like a literal under a secret-named key (so `ZGVidWc=` "debug" or a port number are not findings).
 */
function k8sSecretMatches({ text }: MatchInput): RawMatch[] {
  if (!/^\s*kind:\s*["']?Secret["']?\s*$/m.test(text)) return [];
  const out: RawMatch[] = [];
  const block = /^([ \t]*)data:[ \t]*\r?\n((?:\1[ \t]+[^\n]*\r?\n?|[ \t]*\r?\n)+)/gm;
  for (let b = block.exec(text); b; b = block.exec(text)) {
    const bodyStart = b.index + b[0].length - b[2]!.length;
    const entry = /^[ \t]+([\w.-]+):[ \t]*["']?([A-Za-z0-9+/]{8,}={0,2})["']?[ \t]*$/gm;
    for (let e = entry.exec(b[2]!); e; e = entry.exec(b[2]!)) {
      const decoded = decodeBase64(e[2]!);
      if (!decoded) continue;
      const value = decoded.trim();
      if (!(isPlausibleToken(value) || isPlausiblePassword(value) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value))) continue;
      out.push({ index: bodyStart + e.index + e[0].indexOf(e[2]!), value: e[2]! });
    }
  }
  return out;
}

export const STRUCTURED_DETECTORS: SecretDetector[] = [
  {
    id: 'curl-basic-auth',
    reason: 'A password on a curl command line (-u user:pass); anyone reading the script or history can log in.',
    severity: 'high',
    keywords: ['curl'],
    match: curlUserMatches,
    // Built when read (the tests), not when a scan loads this module.
    get examples() {
      return {
        flag: [
          `curl --cacert ca.crt -u elastic:${fake('curl1', ['alnum', 14])} https://search.internal:9200`,
          `curl -fsS --user "deploy:${fake('curl2', ['alnum', 8], '#', ['alnum', 6])}" https://ci.internal/api`,
          `curl -u 'admin:${fake('curl3', ['alnum', 16])}' -X POST https://10.0.0.5/reset`,
          `curl -k -X POST https://cache:11222/rest \\\n  -H 'Content-type: text/plain' \\\n  -u developer:${fake('curl4', ['alnum', 12])}`,
          `curl --user=ops:${fake('curl5', ['alnum', 18])} https://registry.internal/v2/`,
        ],
        allow: [
          "curl -i -u 'test:test' https://localhost",
          'curl -sL --user "$1:$2" "$3" > "$4"',
          'curl -u <user:password> https://test.com/endpoint',
          'curl -u "$USER:$TOKEN" https://api.internal',
          'curl -u admin:changeme https://localhost:9200',
        ],
      };
    },
  },
  {
    id: 'jwt-base64',
    reason: 'A JSON Web Token wrapped in base64 (as in Kubernetes secrets and config maps); it grants API access until it expires.',
    severity: 'medium',
    keywords: ['zxlk'],
    placeholderCheck: 'markers',
    match: base64JwtMatches,
    // Built when read (the tests), not when a scan loads this module.
    get examples() {
      return {
        flag: [
          `token: ${b64(fakeJwt())}`,
          `AUTH_BLOB=${b64(fakeJwt())}`,
          `{"session": "${b64(fakeJwt())}"}`,
          `  id-token: "${b64(fakeJwt())}"`,
          `const wrapped = '${b64(fakeJwt())}';`,
        ],
        allow: [`blob: ${b64('eyJub3QiOiJhIGp3dCJ9 and some more words to pad it out')}`, 'ZXlKaGJHY2lPaU...', `note: ${b64('eyJ' + 'x'.repeat(60))}`],
      };
    },
  },
  {
    id: 'kubernetes-secret',
    reason: 'A value in a Kubernetes Secret manifest (base64 is encoding, not encryption); anyone reading it has the credential.',
    severity: 'high',
    keywords: ['secret'],
    match: k8sSecretMatches,
    // Built when read (the tests), not when a scan loads this module.
    get examples() {
      return {
        flag: [
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64(fake('k8s1', ['alnum', 20]))}\n`,
          `kind: Secret\ndata:\n  api-token: ${b64(fake('k8s2', ['alnum', 40]))}\n  username: ${b64('deploy')}\n`,
          `apiVersion: v1\nkind: "Secret"\nmetadata:\n  name: x\ndata:\n  AWS_SECRET: "${b64(fake('k8s3', ['b64', 40]))}"\n`,
          `---\nkind: Secret\nmetadata:\n  name: tls\ndata:\n  tls.key: ${b64(`-----BEGIN PRIVATE KEY-----\n${fake('k8s4', ['b64', 64])}\n-----END PRIVATE KEY-----\n`)}\n`,
          `kind: Secret\ndata:\n  DATABASE_PASSWORD: ${b64(fake('k8s5', ['alnum', 10], '!', ['alnum', 6]))}\n`,
        ],
        allow: [
          `kind: Secret\ndata:\n  username: ${b64('admin')}\n  port: ${b64('5432')}\n`,
          `kind: ConfigMap\ndata:\n  settings.blob: ${b64(fake('k8s6', ['alnum', 20]))}\n`,
          `kind: Secret\ndata:\n  password: ${b64('changeme')}\n`,
          `kind: Secret\nstringData:\n  password: "\${DB_PASSWORD}"\n`,
        ],
      };
    },
  },
  {
    id: 'git-url-token',
    reason: 'A token as the user name of a git URL (`<token>:x-oauth-basic@github.com`); anyone reading it can clone and push.',
    severity: 'high',
    keywords: ['x-oauth-basic'],
    match: regexMatcher(/(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{20,255}):x-oauth-basic@/g, (v) => isPlausibleToken(v)),
    get examples() {
      return {
        flag: [
          `"dep": "git+https://${fake('xoauth1', ['hex', 40])}:x-oauth-basic@github.com/acme/private.git#v1.0.0"`,
          `git clone https://${fake('xoauth2', ['alnum', 40])}:x-oauth-basic@github.com/acme/app.git`,
          `url = https://${fake('xoauth3', ['hex', 40])}:x-oauth-basic@github.com/acme/infra`,
          `"resolved": "git+https://${fake('xoauth4', ['alnum', 36])}:x-oauth-basic@github.com/acme/x.git"`,
          `REPO_URL=https://${fake('xoauth5', ['hex', 40])}:x-oauth-basic@github.com/acme/y`,
        ],
        allow: [
          'git clone https://${GITHUB_TOKEN}:x-oauth-basic@github.com/acme/app.git',
          'git clone https://<token>:x-oauth-basic@github.com/acme/app.git',
          'url = https://xxxxxxxxxxxxxxxxxxxxxxxx:x-oauth-basic@github.com/acme/app',
        ],
      };
    },
  },
  {
    id: 'sumologic-credential',
    reason: 'A Sumo Logic access id or key (named for Sumo Logic); with both, anyone can read and change the logs and collectors.',
    severity: 'high',
    keywords: ['sumo'],
    // Sumo Logic ids (`su` + 12) and keys (64 characters) have no prefix of their own: only next to the name.
    // The name is matched with its case (`sumOfValues` is not Sumo Logic).
    match: regexMatcher(/(?:[Ss]umo|SUMO)[\w.-]{0,50}?[ \t'"]{0,3}(?::{1,3}=|=>|\?=|\.=|[=:,])[ \t'"`=]{0,5}(su[A-Za-z0-9]{12}|[A-Za-z0-9]{64})(?![A-Za-z0-9])/g, (v) => isPlausibleToken(v) || /^su[A-Za-z0-9]{12}$/.test(v)),
    get examples() {
      return {
        flag: [
          `SUMO_ACCESS_ID=su${fake('sumo1', ['alnum', 12])}`,
          `sumologic.accessId = "su${fake('sumo2', ['alnum', 12])}"`,
          `SUMO_ACCESS_KEY=${fake('sumo3', ['alnum', 64])}`,
          `  sumo_access_key: '${fake('sumo4', ['alnum', 64])}'`,
          `{"sumoAccessId": "su${fake('sumo5', ['alnum', 12])}"}`,
        ],
        allow: [
          'SUMO_ACCESS_ID=suxxxxxxxxxxxx',
          'SUMO_ENDPOINT=https://api.sumologic.com/api/',
          `- (NSNumber *)sumOfProperty:(NSString *)property;`,
          'sumOfExposures = sumOfExposures;',
          `sumObj = su${fake('sumo6', ['alnum', 12])}`,
        ],
      };
    },
  },
  {
    id: 'nuget-config-password',
    reason: 'A cleartext password in a NuGet config; anyone reading it can use the package feed as that user.',
    severity: 'high',
    keywords: ['<add key='],
    match: regexMatcher(/<add key="(?:ClearText)?Password"\s*value="([^"]{8,})"\s*\/>/gi, (v) => isPlausiblePassword(v) || isPlausibleToken(v)),
    // Built when read (the tests), not when a scan loads this module.
    get examples() {
      return {
        flag: [
          `<add key="ClearTextPassword" value="${fake('nuget1', ['alnum', 16])}" />`,
          `<packageSourceCredentials>\n  <feed>\n    <add key="Username" value="ci" />\n    <add key="ClearTextPassword" value="${fake('nuget2', ['alnum', 24])}" />\n  </feed>\n</packageSourceCredentials>`,
          `<add key="Password" value="${fake('nuget3', ['b64', 40])}" />`,
          `<add key="ClearTextPassword" value="${fake('nuget4', ['alnum', 9], '$', ['alnum', 5])}"/>`,
          `  <add key="cleartextpassword" value="${fake('nuget5', ['hex', 32])}" />`,
        ],
        allow: [
          '<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />',
          '<add key="ClearTextPassword" value="changeme123" />',
          '<add key="Username" value="someone@example.com" />',
        ],
      };
    },
  },
];
