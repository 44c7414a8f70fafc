// Reads HTTP client command lines (curl, wget, HTTPie `http`/`https`, xh/xhs, `gh api`, PowerShell
// Invoke-RestMethod/Invoke-WebRequest) into one shape: method, URLs and where the body comes from.
import type { SimpleCommand } from '../types';
import { baseName, isOption } from './words';
import { table } from '../../table';

export type BodySource =
  | { from: 'inline'; text: string; dynamic: boolean }
  | { from: 'file'; path: string }
  | { from: 'stdin' };

export interface HttpRequest {
  client: string;
  /** Upper-cased; defaults as the client would (GET, or POST when a body is sent). */
  method: string;
  urls: string[];
  bodies: BodySource[];
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|localhost[:/]|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\/)/i;
const DYNAMIC = /\$\(|`|\$\{?[A-Za-z_]/;

/** curl short options that take a value (curl 8). */
const CURL_SHORT_VALUED = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
const CURL_LONG_VALUED = new Set([
  '--request', '--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode', '--json', '--form', '--form-string',
  '--header', '--url', '--user', '--user-agent', '--output', '--cookie', '--cookie-jar', '--referer', '--proxy', '--config',
  '--max-time', '--connect-timeout', '--retry', '--upload-file', '--write-out', '--cert', '--key', '--cacert', '--resolve',
  '--connect-to', '--oauth2-bearer', '--variable', '--expand-data', '--expand-json', '--expand-url', '--range', '--interface',
  '--limit-rate', '--proxy-user', '--aws-sigv4', '--dump-header', '--trace', '--trace-ascii', '--unix-socket', '-K',
]);

function curlBody(kind: string, value: string, dynamic: boolean, out: BodySource[]): void {
  if (kind === '--data-raw' || kind === '--form-string') {
    out.push({ from: 'inline', text: value, dynamic });
    return;
  }
  if (kind === '--data-urlencode') {
    // content | =content | name=content | @file | name@file
    const at = value.indexOf('@');
    const eq = value.indexOf('=');
    if (at >= 0 && (eq < 0 || at < eq)) out.push(fileOrStdin(value.slice(at + 1)));
    else out.push({ from: 'inline', text: eq >= 0 ? value.slice(eq + 1) : value, dynamic });
    return;
  }
  if (value.startsWith('@')) out.push(fileOrStdin(value.slice(1)));
  else out.push({ from: 'inline', text: value, dynamic });
}

function fileOrStdin(path: string): BodySource {
  return path === '-' ? { from: 'stdin' } : { from: 'file', path };
}

const BODY_LONG = table<string>({
  '--data': '--data', '--data-ascii': '--data', '--data-binary': '--data', '--data-raw': '--data-raw',
  '--data-urlencode': '--data-urlencode', '--json': '--data', '--form': '--form', '--form-string': '--form-string',
  '--upload-file': '--upload-file',
});

/** `--variable name=value` pairs (a value read from a file or the environment is not known: left out). */
function curlVariables(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const spec = args[i] === '--variable' ? args[++i] : args[i].startsWith('--variable=') ? args[i].slice(11) : undefined;
    const m = spec === undefined ? null : /^([A-Za-z0-9_]+)=(.*)$/s.exec(spec);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

function readCurl(cmd: SimpleCommand): HttpRequest {
  const { args } = cmd;
  let method: string | undefined;
  const urls: string[] = [];
  const bodies: BodySource[] = [];
  const take = (opt: string, value: string | undefined, dyn: boolean): void => {
    if (value === undefined) return;
    if (opt === '--request' || opt === '-X') method = value.toUpperCase();
    else if (opt === '--url') urls.push(value);
    else if (opt === '-d') curlBody('--data', value, dyn, bodies);
    else if (opt === '-F' || opt === '--form' || opt === '--form-string') {
      // multipart: `name=@file` uploads a file, `name=<file` its content as a field, else the value itself
      const eq = value.indexOf('=');
      const v = eq >= 0 ? value.slice(eq + 1) : value;
      if (v.startsWith('@') || v.startsWith('<')) bodies.push(fileOrStdin(v.slice(1).split(';', 1)[0]));
      else bodies.push({ from: 'inline', text: v, dynamic: dyn });
    } else if (opt === '-T' || opt === '--upload-file') {
      bodies.push(fileOrStdin(value));
      method ??= 'PUT';
    } else if (BODY_LONG[opt]) curlBody(BODY_LONG[opt], value, dyn, bodies);
  };
  const vars = curlVariables(args);
  // curl 8.3+: `--expand-request '{{m}}'` is --request with `{{name}}` replaced by a --variable's value
  const takeLong = (name: string, value: string | undefined, dyn: boolean): void => {
    if (!name.startsWith('--expand-') || value === undefined) return take(name, value, dyn);
    let unknown = false;
    const expanded = value.replace(/\{\{([A-Za-z0-9_]+)(?::[^}]*)?\}\}/g, (_, v: string) => {
      const known = vars.get(v);
      if (known === undefined) unknown = true;
      return known ?? `$${v}`;
    });
    take(`--${name.slice(9)}`, expanded, dyn || unknown);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const dyn = cmd.argDynamic[i] ?? DYNAMIC.test(a);
    if (a === '--') {
      urls.push(...args.slice(i + 1).filter((x) => URL_LIKE.test(x)));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (eq > 0) takeLong(name, a.slice(eq + 1), dyn);
      else if (CURL_LONG_VALUED.has(name) || name.startsWith('--expand-')) {
        takeLong(name, args[i + 1], cmd.argDynamic[i + 1] ?? false);
        i++;
      }
      continue;
    }
    if (isOption(a)) {
      // short cluster: -sSLX DELETE, -XDELETE, -d@body.json
      for (let k = 1; k < a.length; k++) {
        const ch = a[k];
        if (!CURL_SHORT_VALUED.has(ch)) continue;
        const rest = a.slice(k + 1);
        if (rest) take(`-${ch}`, rest, dyn);
        else {
          take(`-${ch}`, args[i + 1], cmd.argDynamic[i + 1] ?? false);
          i++;
        }
        break;
      }
      continue;
    }
    urls.push(a);
  }
  const hasBody = bodies.length > 0;
  return { client: 'curl', method: method ?? (hasBody ? 'POST' : 'GET'), urls: urls.filter((u) => URL_LIKE.test(u) || !u.includes(' ')), bodies };
}

function readWget(cmd: SimpleCommand): HttpRequest {
  let method: string | undefined;
  const urls: string[] = [];
  const bodies: BodySource[] = [];
  const { args } = cmd;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') ? (eq > 0 ? a.slice(0, eq) : a) : a;
    const value = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const next = (): string | undefined => value ?? args[++i];
    if (name === '--method') method = next()?.toUpperCase();
    else if (name === '--post-data' || name === '--body-data') bodies.push({ from: 'inline', text: next() ?? '', dynamic: cmd.argDynamic[i] ?? false });
    else if (name === '--post-file' || name === '--body-file') bodies.push(fileOrStdin(next() ?? ''));
    else if (!isOption(a) && URL_LIKE.test(a)) urls.push(a);
  }
  return { client: 'wget', method: method ?? (bodies.length ? 'POST' : 'GET'), urls, bodies };
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const HTTPIE_VALUED = new Set([
  '--auth', '-a', '--auth-type', '-A', '--output', '-o', '--session', '--session-read-only', '--timeout', '--verify',
  '--cert', '--cert-key', '--cert-key-pass', '--proxy', '--print', '-p', '--pretty', '--style', '-s', '--format-options',
  '--default-scheme', '--max-redirects', '--boundary', '--response-charset', '--response-mime', '--ssl', '--ciphers',
  '--raw', '--bearer', '--http-version',
]);

/** HTTPie and xh: `http [opts] [METHOD] URL [items]`; `query=...` items become JSON body fields. */
function readHttpie(cmd: SimpleCommand, client: string): HttpRequest {
  const { args } = cmd;
  const words: string[] = [];
  const bodies: BodySource[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--raw' || a.startsWith('--raw=')) {
      const v = a === '--raw' ? args[++i] : a.slice(6);
      if (v !== undefined) bodies.push({ from: 'inline', text: v, dynamic: cmd.argDynamic[i] ?? false });
      continue;
    }
    if (isOption(a)) {
      if (!a.includes('=') && HTTPIE_VALUED.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  let method: string | undefined;
  if (words.length >= 2 && HTTP_METHODS.has(words[0].toUpperCase()) && /^[A-Za-z]+$/.test(words[0])) method = words.shift()!.toUpperCase();
  const url = words.shift();
  const fields: Record<string, string> = {};
  for (const item of words) {
    const m = /^([^=:@]*?)(:=@|=@|:=|==|=|@|:)(.*)$/s.exec(item);
    if (!m) continue;
    const [, key, sep, value] = m;
    if (sep === '=' || sep === ':=') fields[key] = value;
    else if (sep === '=@' || sep === ':=@' || sep === '@') bodies.push(fileOrStdin(value));
  }
  if (Object.keys(fields).length) bodies.push({ from: 'inline', text: JSON.stringify(fields), dynamic: false });
  if (cmd.stdin !== undefined) bodies.push({ from: 'stdin' });
  return { client, method: method ?? (bodies.length ? 'POST' : 'GET'), urls: url ? [url] : [], bodies };
}

/** `gh api [-X METHOD] endpoint [-f key=value] [-F key=@file]`; `gh api graphql -f query=...`. */
function readGhApi(cmd: SimpleCommand): HttpRequest | undefined {
  const { args } = cmd;
  if (args[0] !== 'api') return undefined;
  let method: string | undefined;
  const urls: string[] = [];
  const fields: Record<string, string> = {};
  const bodies: BodySource[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const val = (): string => (eq > 0 ? a.slice(eq + 1) : args[++i] ?? '');
    if (name === '-X' || name === '--method') method = val().toUpperCase();
    else if (a.startsWith('-X') && a.length > 2) method = a.slice(2).toUpperCase();
    else if (name === '-f' || name === '--raw-field' || name === '-F' || name === '--field') {
      const kv = val();
      const k = kv.indexOf('=');
      const v = kv.slice(k + 1);
      if (v.startsWith('@') && (name === '-F' || name === '--field')) bodies.push(fileOrStdin(v.slice(1)));
      else fields[kv.slice(0, k)] = v;
    } else if (name === '--input') bodies.push(fileOrStdin(val()));
    else if (name === '-H' || name === '--header' || name === '-q' || name === '--jq' || name === '-t' || name === '--template' || name === '--hostname' || name === '--cache' || name === '-p' || name === '--preview') i += eq > 0 ? 0 : 1;
    else if (!isOption(a)) urls.push(a);
  }
  if (Object.keys(fields).length) bodies.push({ from: 'inline', text: JSON.stringify(fields), dynamic: false });
  return { client: 'gh api', method: method ?? (bodies.length ? 'POST' : 'GET'), urls, bodies };
}

/** PowerShell `Invoke-RestMethod -Method Delete -Uri ... -Body ...` (also iwr/irm aliases). */
function readPowershell(cmd: SimpleCommand): HttpRequest {
  const { args } = cmd;
  let method: string | undefined;
  const urls: string[] = [];
  const bodies: BodySource[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i].toLowerCase();
    if (a === '-method') method = args[++i]?.toUpperCase();
    else if (a === '-uri') urls.push(args[++i] ?? '');
    else if (a === '-body') bodies.push({ from: 'inline', text: args[++i] ?? '', dynamic: cmd.argDynamic[i] ?? false });
    else if (a === '-infile') bodies.push(fileOrStdin(args[++i] ?? ''));
    else if (!a.startsWith('-') && URL_LIKE.test(args[i])) urls.push(args[i]);
  }
  return { client: 'powershell', method: method ?? (bodies.length ? 'POST' : 'GET'), urls, bodies };
}

/**
 * `-H 'X-HTTP-Method-Override: DELETE'` (also `X-HTTP-Method`, `X-Method-Override`): many frameworks and APIs
 * treat a POST carrying it as the named method, so that is the request's real method.
 */
const METHOD_OVERRIDE = /^\s*x-(?:http-method(?:-override)?|method-override)\s*:\s*([A-Za-z]+)\s*$/i;

/** The HTTP clients readHttpRequest reads (`gh api` aside), as a command line may name them: PowerShell cmdlets keep their case. */
export const HTTP_CLIENT_NAMES: readonly string[] = ['curl', 'curl.exe', 'wget', 'wget2', 'http', 'https', 'xh', 'xhs', 'invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr', 'Invoke-RestMethod', 'Invoke-WebRequest'];

/** The request a command would send, or undefined when it is not an HTTP client we know. */
export function readHttpRequest(cmd: SimpleCommand): HttpRequest | undefined {
  const req = readClient(cmd);
  if (req === undefined) return undefined;
  for (const a of cmd.args) {
    const m = METHOD_OVERRIDE.exec(a.startsWith('--header=') ? a.slice(9) : a);
    if (m) return { ...req, method: m[1].toUpperCase() };
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Every argument, not only the bodies read: `--data-urlencode _method=delete` keeps just the value as its body.
    for (const t of cmd.args) {
      const m = methodOverrideIn(t);
      if (m !== undefined) return { ...req, method: m };
    }
  }
  return req;
}

const FORM_METHOD = /(?:^|[?&;\s=])_method=([A-Za-z]{3,7})(?:$|[&;\s#])/i;
const JSON_METHOD = /"_method"\s*:\s*"([A-Za-z]{3,7})"/i;

/**
 * `_method=DELETE` in a form body, a URL query or a JSON body (`{"_method":"DELETE"}`): Rails, Laravel, Express's
 * method-override and many APIs treat a POST carrying it as the named method. Undefined when there is none.
 */
export function methodOverrideIn(text: string): string | undefined {
  if (text.length > 64 * 1024 || !/_method/i.test(text)) return undefined;
  let decoded = text;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    /* not URL-encoded: read as written */
  }
  const m = FORM_METHOD.exec(text) ?? FORM_METHOD.exec(decoded) ?? JSON_METHOD.exec(decoded);
  return m ? m[1]!.toUpperCase() : undefined;
}

function readClient(cmd: SimpleCommand): HttpRequest | undefined {
  const name = baseName(cmd.name ?? '');
  switch (name) {
    case 'curl':
    case 'curl.exe':
      return readCurl(cmd);
    case 'wget':
    case 'wget2':
      return readWget(cmd);
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return readHttpie(cmd, name);
    case 'gh':
      return readGhApi(cmd);
    case 'invoke-restmethod':
    case 'invoke-webrequest':
    case 'irm':
    case 'iwr':
      return readPowershell(cmd);
    default:
      return undefined;
  }
}

/** Bodies resolved to text where possible; `opaque` counts bodies Airlock cannot see. */
export function bodyTexts(req: HttpRequest, cmd: SimpleCommand, readFile?: (p: string) => string | undefined): { texts: string[]; opaque: number } {
  const texts: string[] = [];
  let opaque = 0;
  const stdinFile = cmd.redirects.find((r) => r.op === '<')?.target;
  for (const b of req.bodies) {
    if (b.from === 'inline') {
      texts.push(b.text);
      if (b.dynamic && /\$\(|`/.test(b.text)) opaque++;
    } else if (b.from === 'stdin') {
      if (cmd.stdin !== undefined) texts.push(cmd.stdin);
      else if (stdinFile && readFile?.(stdinFile) !== undefined) texts.push(readFile(stdinFile) as string);
      else opaque++;
    } else {
      const text = readFile?.(b.path);
      if (text === undefined) opaque++;
      else texts.push(text);
    }
  }
  // URL query strings can carry GraphQL too (`?query=mutation…`).
  for (const u of req.urls) {
    const q = u.indexOf('?');
    if (q >= 0) texts.push(u.slice(q + 1));
  }
  return { texts, opaque };
}
