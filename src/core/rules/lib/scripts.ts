// Interpreter one-liners and piped scripts (`node -e`, `python -c`, `python3 <<EOF`, `deno eval`, …): the code
// text, so the HTTP pack can see a fetch/requests call that deletes, the same way it reads a curl.
import type { SimpleCommand } from '../types';
import { baseName } from './words';
import { foldConcatenation } from '../../effects/code_scan';
import { table } from '../../table';

const CODE_FLAGS = table<string[]>({
  node: ['-e', '--eval', '-p', '--print'],
  nodejs: ['-e', '--eval', '-p', '--print'],
  bun: ['-e', '--eval', '-p', '--print'],
  python: ['-c'],
  python3: ['-c'],
  pypy: ['-c'],
  pypy3: ['-c'],
  ipython: ['-c'],
  ipython3: ['-c'],
  tsx: ['-e', '--eval', '-p', '--print'],
  'ts-node': ['-e', '--eval', '-p', '--print'],
  zx: ['--eval', '-e'],
  python2: ['-c'],
  py: ['-c'],
  ruby: ['-e'],
  perl: ['-e', '-E'],
  php: ['-r'],
  pwsh: ['-c', '-command', '-Command'],
  powershell: ['-c', '-command', '-Command'],
  julia: ['-e', '--eval', '-E', '--print'],
  racket: ['-e', '--eval'],
  ghc: ['-e'],
  runghc: ['-e'],
  guile: ['-c'],
  sbcl: ['--eval'],
  clisp: ['-x'],
  ecl: ['-eval'],
  clojure: ['-e', '--eval'],
  clj: ['-e', '--eval'],
  bb: ['-e', '--eval'],
  nim: ['--eval'],
  swift: ['-e'],
  erl: ['-eval'],
  jsonnet: ['-e', '--exec'],
  m4: [],
  ocaml: [],
  jshell: [],
  groovy: ['-e'],
  elixir: ['-e', '--eval'],
  raku: ['-e'],
  perl6: ['-e'],
  rakudo: ['-e'],
  lua: ['-e'],
  luajit: ['-e'],
  // (keys are lower case: baseName() lowers the program name, so `Rscript` is looked up as `rscript`)
  rscript: ['-e'],
  r: ['-e'],
  osascript: ['-e'],
  scala: ['-e'],
});

/**
 * `pwsh -EncodedCommand <base64>` (any prefix PowerShell accepts: `-e`, `-ec`, `-enc`…): the script is base64 of
 * UTF-16LE text. Decoded so it is read like `-Command`.
 */
function encodedPowerShell(args: readonly string[]): string | undefined {
  const i = args.findIndex((a) => /^[-/](?:e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedco|encodedcom|encodedcomm|encodedcomma|encodedcomman|encodedcommand)$/i.test(a));
  const b64 = i >= 0 ? args[i + 1] : undefined;
  if (b64 === undefined || !/^[A-Za-z0-9+/=\s]{4,}$/.test(b64)) return undefined;
  try {
    const bytes = atob(b64.replace(/\s+/g, ''));
    let text = '';
    for (let j = 0; j + 1 < bytes.length; j += 2) text += String.fromCharCode(bytes.charCodeAt(j) | (bytes.charCodeAt(j + 1) << 8));
    return text;
  } catch {
    return undefined;
  }
}

/** The inline code a command runs, or undefined when it runs none we can see. */
export function inlineScript(cmd: SimpleCommand): string | undefined {
  const name = baseName(cmd.name ?? '').replace(/\.exe$/, '').replace(/^(python)3\.\d+$/, '$13');
  if ((name === 'deno' || name === 'crystal') && cmd.args[0] === 'eval') return cmd.args.slice(1).find((a) => !a.startsWith('-'));
  // `mix run -e 'Repo.query!("DELETE …")'`: Elixir code run inside the project, its Repo and config loaded
  if (name === 'mix' && cmd.args[0] === 'run') {
    const i = cmd.args.findIndex((a) => a === '-e' || a === '--eval');
    return i > 0 ? cmd.args[i + 1] : undefined;
  }
  const flags = CODE_FLAGS[name];
  if (!flags) return undefined;
  if (name === 'pwsh' || name === 'powershell') {
    const encoded = encodedPowerShell(cmd.args);
    if (encoded !== undefined) return encoded;
  }
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i];
    if (flags.includes(a)) return cmd.args[i + 1];
    // `perl -ne '…'`, `ruby -we '…'`: the code flag closes a cluster of short options
    if ((name === 'perl' || name === 'ruby') && /^-[a-zA-Z]+$/.test(a) && /[eE]$/.test(a)) return cmd.args[i + 1];
    const glued = flags.find((f) => f.length === 2 && a.startsWith(f) && a.length > 2 && !a.startsWith('--'));
    if (glued) return a.slice(2);
  }
  // `python3 - <<EOF` / `node <<EOF`: code on stdin when no script file is named
  const firstOperand = cmd.args.find((a) => !a.startsWith('-') || a === '-');
  if (cmd.stdin !== undefined && (firstOperand === undefined || firstOperand === '-')) return cmd.stdin;
  return undefined;
}

/** HTTP libraries' delete calls and DELETE method options, in JS/Python/Ruby/PHP/PowerShell code. */
const SCRIPT_DELETE = [
  /\bmethod\s*[:=]\s*["'`]DELETE["'`]/i,
  /\b(?:requests|axios|httpx|session|client|got|ky|superagent|http|https|api|\$http)\s*\.\s*delete\s*\(/,
  /Net::HTTP::Delete/,
  // k6: `http.del(url)`; axios-like `request({ method: 'delete' })` is the method option above
  /\bhttp\s*\.\s*del\s*\(/,
  // `Net::HTTP.new(host, 443).delete(path)`, `Net::HTTP.start(host) { |h| h.delete(path) }`
  /\bNet::HTTP\s*\.\s*(?:new|start)\b[^;\n]{0,300}?\.\s*delete\s*\(/,
  /-Method\s+["']?Delete\b/i,
  /CURLOPT_CUSTOMREQUEST\s*,\s*["']DELETE["']/,
  // Perl: `HTTP::Tiny->new->delete(url)`, `$ua->delete(url)` (LWP), `HTTP::Request->new(DELETE => url)`, `request('DELETE', url)`
  /\bHTTP::Tiny\b[^;\n]{0,300}?->\s*delete\s*\(/,
  /\$(?:ua|http|client|agent|lwp|tiny|h)\s*->\s*delete\s*\(/,
  /\bHTTP::Request(?:::Common)?\s*(?:->\s*new\s*\(|::)\s*["']?DELETE\b/,
  /->\s*request\s*\(\s*["']DELETE["']/,
  // PHP stream context / Guzzle options: `["http" => ["method" => "DELETE"]]`, `$client->request('DELETE', …)`
  /["']method["']\s*=>\s*["']DELETE["']/i,
  /\b(?:request|requestAsync|send)\s*\(\s*["']DELETE["']/,
];

/** True when script code sends an HTTP DELETE. Literals joined by `+` / `.` / adjacency are read as one. */
export function scriptSendsDelete(code: string): boolean {
  const folded = foldConcatenation(code);
  return SCRIPT_DELETE.some((re) => re.test(folded));
}

/** The first http(s) URL in code, for the verdict's target. */
export function firstUrl(code: string): string | undefined {
  return /https?:\/\/[^\s"'`)]+/.exec(code)?.[0];
}

/** Whether code looks like it talks HTTP at all (so a GraphQL-looking string in it is a request, not a test fixture). */
export function scriptTalksHttp(code: string): boolean {
  return /\b(fetch|requests|axios|httpx|urllib|http\.request|https\.request|got|ky|Net::HTTP|Invoke-RestMethod|Invoke-WebRequest|curl_exec|GraphQLClient|request\()/.test(code);
}
