// Secret access without naming a secret file: dumping the environment (`set`, `declare -p`, interpreters
// printing os.environ / process.env / ENV / getenv, dotenv loaders that then print), asking a cloud
// metadata service for the machine's credentials, and tools that decrypt or export stored secrets
// (sops -d, gpg -d, age -d, terraform output -json, kubectl config view --raw, npm config get …_authToken).
import { pipedToNamesOrCount, presenceTests } from './lib/pipe_sinks';
import { keyWords, secretKeyKind } from '../secrets/assignments';
import { foldConcatenation } from '../effects/code_scan';
import { policyContext } from '../policy/context';
import { normalizePath } from '../paths';
import { hasFlag, operands } from '../shell/argv';
import { inlineScript } from './lib/scripts';
import { optionValues } from './lib/words';
import { canonicalMetadataHosts } from './lib/metadata_host';
import { mcpStringWalk } from './files';
import type { ActionRule, RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';

const SHELL_DUMPERS = ['set', 'declare', 'typeset', 'ps', 'docker', 'docker-compose', 'podman', 'podman-compose', 'systemctl', 'compgen', 'tmux', 'awk', 'gawk', 'mawk', 'nawk', 'jq', 'gojq', 'jaq'];
/** awk's ENVIRON array: whole (`for (k in ENVIRON)`) or a credential-named entry. */
const AWK_ENVIRON = /\bENVIRON\b(?!\s*\[)|\bENVIRON\s*\[\s*"([A-Za-z_][A-Za-z0-9_]*)"/g;

/**
 * `${!name}` prints the variable a name points to: the environment read by a name chosen at run time. (`${!PREFIX*}`
 * alone lists names, no value; the `${!v}` that usually follows it is what reads them.)
 */
const INDIRECT = /\$\{![A-Za-z_][A-Za-z0-9_]*\}/;

const envDump: ShellRule = {
  id: 'secrets.env-dump',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Prints every shell or environment variable (tokens and passwords included) where the agent can read them.',
  names: [...SHELL_DUMPERS, 'echo', 'printf', 'print'],
  match(cmd, ctx): RuleMatch | undefined {
    if (pipedToNamesOrCount(cmd)) return undefined;
    const n = cmd.name;
    const ops = operands(cmd.args);
    switch (n) {
      case 'set':
        // `set -euo pipefail`, `set -x`, `set -- a b` change options or arguments; only a bare `set` prints.
        return cmd.args.length === 0 ? { target: 'all shell variables' } : undefined;
      case 'declare':
      case 'typeset':
        if (ops.length === 0 && (cmd.args.length === 0 || hasFlag(cmd.args, [], 'px'))) return { target: 'all shell variables' };
        return undefined;
      case 'compgen':
        return undefined;
      case 'tmux':
        return ops[0]?.value === 'show-environment' || ops[0]?.value === 'showenv' ? { target: 'tmux environment' } : undefined;
      case 'awk':
      case 'gawk':
      case 'mawk':
      case 'nawk': {
        const program = ops[0]?.value ?? '';
        for (const m of program.matchAll(AWK_ENVIRON)) if (m[1] === undefined || policyContext(ctx).isCredentialEnvName(m[1])) return { target: m[1] ?? 'ENVIRON', detail: 'awk prints the environment' };
        return undefined;
      }
      case 'jq':
      case 'gojq':
      case 'jaq': {
        // `jq -n env`, `jq -n '$ENV'`, `jq -n 'env.GITHUB_TOKEN'`: jq reads the environment itself.
        const filter = ops[0]?.value ?? '';
        const m = /(?:^|[^A-Za-z0-9_.$])(?:env|\$ENV)\b(?:\s*\.\s*([A-Za-z_][A-Za-z0-9_]*))?/.exec(filter);
        if (m && (m[1] === undefined || policyContext(ctx).isCredentialEnvName(m[1]))) return { target: m[1] ?? 'the whole environment', detail: 'jq prints the environment' };
        return undefined;
      }
      case 'ps':
        // BSD-style `e` (ps eww, ps auxe) and `-E` show each process's environment.
        return cmd.args.some((a) => (/^[a-zA-Z]+$/.test(a) && a.includes('e')) || a === '-E' || a === 'e') ? { target: 'process environments' } : undefined;
      case 'systemctl':
        return ops[0]?.value === 'show-environment' ? { target: 'the service manager environment' } : undefined;
      case 'docker':
      case 'podman':
      case 'docker-compose':
      case 'podman-compose': {
        // `docker compose --env-file .env -f x.yml config`: option values are not sub-commands
        const words = operands(cmd.args, DOCKER_VALUED).map((o) => o.value);
        const compose = n.endsWith('compose') ? words : words[0] === 'compose' ? words.slice(1) : undefined;
        // `docker compose config` prints the resolved file with every .env value interpolated.
        // `convert` is compose's old name for `config`.
        if ((compose?.[0] === 'config' || compose?.[0] === 'convert') && !cmd.args.some((a) => /^--(?:services|volumes|images|profiles|networks|hash|quiet)$|^-q$/.test(a))) return { target: 'docker compose config (interpolated .env values)' };
        if (words[0] === 'inspect' || (words[0] === 'container' && words[1] === 'inspect')) {
          const format = cmd.args.find((a, i) => (cmd.args[i - 1] === '--format' || cmd.args[i - 1] === '-f' || a.startsWith('--format=')));
          if (format === undefined || /Env|json \./i.test(format)) return { target: 'container environment (docker inspect)' };
        }
        return undefined;
      }
      default: {
        if (n !== 'echo' && n !== 'printf' && n !== 'print') return undefined;
        const hit = cmd.args.find((a, i) => cmd.argDynamic[i] && INDIRECT.test(a));
        return hit ? { target: hit, detail: 'indirect variable expansion' } : undefined;
      }
    }
  },
  examples: {
    flag: ["awk 'BEGIN{for (k in ENVIRON) print k\"=\"ENVIRON[k]}'", "awk 'BEGIN{print ENVIRON[\"RAILWAY_TOKEN\"]}'", 'jq -n env', "jq -n '$ENV.GITHUB_TOKEN'", 'tmux show-environment -g', 'set', 'set | grep -i token', 'declare -p', 'declare -x', 'typeset -p', 'for v in ${!RAIL*}; do echo "$v=${!v}"; done', 'echo ${!name}', 'ps eww', 'ps auxe', 'docker compose config', 'docker compose --env-file .env.production -f compose.prod.yml config', 'docker-compose config', 'docker compose convert', 'docker inspect api', 'systemctl show-environment', 'set | cut -d= -f2', 'declare -p | sort'],
    allow: ['set | wc -l', 'set | cut -d= -f1', "declare -x | awk -F= '{print $1}'", "awk '{print $1}' access.log", "jq -n 'env.HOME'", 'jq .version package.json', "awk 'BEGIN{print ENVIRON[\"HOME\"]}'", 'set -euo pipefail', 'set -x', 'declare -a arr', 'declare -p PATH', 'ps aux', 'docker compose config --services', 'docker inspect --format "{{.State.Status}}" api', 'echo ${HOME}', 'echo ${!RAIL*}', 'printf "%s\\n" ${!AWS@}'],
  },
};

/** Code that prints something: without output, reading a variable is using it, not showing it. */
const PRINTS = /\b(?:print|pprint|puts|pp|p|say|printf|echo|var_dump|print_r|var_export|console\s*\.\s*(?:log|info|dir|error|warn|table)|process\s*\.\s*stdout\s*\.\s*write|sys\s*\.\s*stdout\s*\.\s*write|Write-Output|Write-Host|json\s*\.\s*dumps?|JSON\s*\.\s*stringify|Dumper)\b/;
/** The whole environment at once. */
const WHOLE_ENV = [
  /\bos\s*\.\s*environb?\b(?!\s*(?:\[|\.\s*(?:get|setdefault|pop)\s*\())/,
  /\bprocess\s*\.\s*env\b(?!\s*(?:\.|\[|\?\.))/,
  /\bENV\b(?!\s*(?:\[|\.\s*fetch\s*\(|\{))/,
  /%ENV\b/,
  /\bgetenv\s*\(\s*\)/,
  /\$_(?:ENV|SERVER)\b(?!\s*\[)/,
  /\bDeno\s*\.\s*env\s*\.\s*toObject\s*\(/,
  /\b(?:Bun\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env)\b(?!\s*(?:\.|\[|\?\.))/,
  /\b(?:gci|dir|ls|Get-ChildItem)\s+env:/i,
  /\bdotenv_values\s*\(|\bdotenv\s*\.\s*(?:parse|config)\s*\(/,
  // libraries that return a stored login token: Hugging Face, boto3's resolved keys, Google's default credentials
  /\b(?:get_token|HfFolder\s*\.\s*get_token)\s*\(\s*\)|\bget_credentials\s*\(\s*\)\s*(?:\.\s*(?:get_frozen_credentials\s*\(\s*\)|secret_key|token))|\bgoogle\s*\.\s*auth\s*\.\s*default\s*\(/,
];
/** One variable by name: `os.getenv("X")`, `process.env.X`, `ENV["X"]`, `$ENV{X}`, `$env:X`. */
const ONE_VAR = [
  /\bos\s*\.\s*(?:getenv|environ\s*\.\s*get)\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /\bos\s*\.\s*environ\s*\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /\bprocess\s*\.\s*env\s*(?:\?\.|\.)\s*([A-Za-z_][A-Za-z0-9_]*)/g,
  /\bprocess\s*\.\s*env\s*\[\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]/g,
  /\bENV\s*(?:\[|\.fetch\s*\()\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /\$ENV\s*\{\s*["']?([A-Za-z_][A-Za-z0-9_]*)/g,
  /\bgetenv\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /\$_(?:ENV|SERVER)\s*\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /\$env:([A-Za-z_][A-Za-z0-9_]*)/gi,
  /\bDeno\s*\.\s*env\s*\.\s*get\s*\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g,
  /\b(?:Bun\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env)\s*(?:\?\.|\.)\s*([A-Za-z_][A-Za-z0-9_]*)/g,
];
/** A settings object printed whole, or a secret value unwrapped (pydantic's SecretStr). */
const SETTINGS_DUMP = /\b(?:settings|config|conf|cfg|Settings\s*\(\s*\))\s*\.\s*(?:model_dump(?:_json)?|dict|json)\s*\(|\bvars\s*\(\s*(?:settings|config)\s*\)|\b(?:settings|config)\s*\.\s*__dict__|\.\s*get_secret_value\s*\(/;
/** One setting by name: `settings.database_url`, `app.config["SECRET_KEY"]`, `Settings().openai_api_key`. */
const SETTINGS_ATTR = /\b(?:settings|config|conf|cfg|Settings\s*\(\s*\))\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*["']([A-Za-z_]\w*)["']\s*\])/g;
const MAX_CODE = 64 * 1024;
/** A value looked up by a name computed at run time (`$ENV{$_}`, `os.environ[k]`, `process.env[k]`): any value. */
const ENV_BY_COMPUTED_NAME = /\$ENV\s*\{\s*\$|\bENV\s*\[\s*[^"'\]\s]|\benviron\s*\[\s*[^"'\]\s]|\bprocess\s*\.\s*env\s*\[\s*[^"'`\]\s]|\bgetenv\s*\(\s*[^"')\s]|\benviron\s*\.\s*get\s*\(\s*[^"')\s]/;
/** Expressions that give the environment's variable names and never a value. */
const KEYS_ONLY = /\bENV\s*\.\s*keys\b|\bos\s*\.\s*environ\s*\.\s*keys\s*\(\s*\)|\b(?:sorted|list|set|len)\s*\(\s*os\s*\.\s*environ\s*\)|\bObject\s*\.\s*keys\s*\(\s*process\s*\.\s*env\s*\)|\bkeys\s*(?:\(\s*)?%ENV\b|\barray_keys\s*\(\s*(?:getenv\s*\(\s*\)|\$_ENV)\s*\)/g;


const ANY_PRESENCE_TEST = presenceTests();

/** What env-printing code reveals: the whole environment or a credential variable; undefined when nothing. */
export function envPrinted(code: string, ctx: RuleContext, printsAnyway = false): string | undefined {
  // `os.getenv('GITHUB'+'_TOKEN')`, `process.env['GITHUB'+'_TOKEN']`: names joined from literals are read joined.
  // a length or a presence test prints no value: `len(os.environ["TOKEN"])`, `"TOKEN" in os.environ`, `process.env.TOKEN?.length`
  const text = foldConcatenation(code.length > MAX_CODE ? code.slice(0, MAX_CODE) : code).replace(ANY_PRESENCE_TEST, '0');
  if (!printsAnyway && !PRINTS.test(text)) return undefined;
  // Names only: `ENV.keys`, `os.environ.keys()`, `sorted(os.environ)`, `Object.keys(process.env)`, `list(os.environ)`
  const namesOnly = text.replace(KEYS_ONLY, '');
  if (namesOnly !== text && !WHOLE_ENV.some((re) => re.test(namesOnly)) && !ONE_VAR.some((re) => new RegExp(re.source, re.flags.replace('g', '')).test(namesOnly)) && !ENV_BY_COMPUTED_NAME.test(namesOnly)) return undefined;
  if (WHOLE_ENV.some((re) => re.test(text))) return 'the whole environment';
  // An app's settings object, which its loader filled from .env (pydantic-settings, Flask/Django config)
  if (SETTINGS_DUMP.test(text)) return 'the settings loaded from the environment';
  const pc = policyContext(ctx);
  for (const m of text.matchAll(SETTINGS_ATTR)) {
    const name = m[1] ?? m[2]!;
    if (pc.isCredentialEnvName(name.toUpperCase())) return name;
  }
  for (const re of ONE_VAR) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) if (pc.isCredentialEnvName(m[1]!)) return m[1];
  }
  return printedCredentialName(text, pc.isCredentialEnvName);
}

/**
 * A credential-named constant or attribute handed to a print call: `puts SLACK_BOT_TOKEN` (an initializer's constant),
 * `print(s.SECRET_KEY)`, `puts c.config.password`. Its value is whatever the app loaded; a length, a presence test
 * or a call on it (`len(x)`, `x.present?`) prints no value.
 */
function printedCredentialName(text: string, isCredential: (name: string) => boolean): string | undefined {
  const printCall = new RegExp(PRINTS.source, 'g');
  for (const p of text.matchAll(printCall)) {
    const args = text.slice(p.index! + p[0].length, p.index! + p[0].length + 200).split('\n')[0]!.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, '""');
    for (const m of args.matchAll(/(?<![\w.$])((?:[A-Za-z_$][\w$]*\s*\.\s*)*)([A-Za-z_][\w]*)(?![\w(])(\s*\.\s*(?:present\?|nil\?|blank\?|empty\?|length|size|to_s\.length))?/g)) {
      const name = m[2]!;
      // (named as a secret by the same word rules as the scanner's: `MAX_TOKENS` is a count, not a token)
      if (m[3] !== undefined || !isCredential(name.toUpperCase()) || secretKeyKind(keyWords(name)) === undefined) continue;
      // `len(token)`, `bool(secret)`, `!!key`: a length or a truth value
      const before = args.slice(0, m.index);
      if (/(?:\blen|\bbool|\bdefined\?|!!)\s*\(?\s*$/.test(before)) continue;
      return `${m[1]!.replace(/\s+/g, '')}${name}`;
    }
  }
  return undefined;
}

const INTERPRETERS = ['node', 'nodejs', 'bun', 'deno', 'python', 'python2', 'python3', 'py', 'ruby', 'perl', 'php', 'pwsh', 'powershell'];

const interpreterEnv: ShellRule = {
  id: 'secrets.interpreter-env',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Runs inline code that prints environment variables (credentials included) where the agent can read them.',
  names: INTERPRETERS,
  match(cmd, ctx) {
    const code = inlineScript(cmd);
    if (code === undefined) return undefined;
    // `node -p expr` prints its expression's value.
    const printsAnyway = cmd.args.includes('-p') || cmd.args.includes('--print');
    const hit = envPrinted(code, ctx, printsAnyway);
    return hit === undefined ? undefined : { target: hit, detail: 'inline code prints it' };
  },
  examples: {
    flag: [
      "python3 -c 'from huggingface_hub import get_token; print(get_token())'",
      "node -r dotenv/config -e 'console.log(process.env.RAILWAY_TOKEN)'",
      'python3 -c \'import os; print(os.getenv("RAILWAY_TOKEN"))\'',
      "python3 -c 'import os; print(os.environ)'",
      "python3 -c 'import os; print(os.environb)'",
      "python3 -c \"import os;print(os.getenv('GITHUB'+'_TOKEN'))\"",
      "node -p \"process.env['GITHUB'+'_TOKEN']\"",
      "node -e 'console.log(JSON.stringify(process.env))'",
      'node -p process.env',
      "ruby -e 'puts ENV.to_h'",
      'ruby -e \'puts ENV["GITHUB_TOKEN"]\'',
      "perl -e 'print \"$_=$ENV{$_}\\n\" for keys %ENV'",
      'php -r \'var_dump(getenv());\'',
      "python3 -c 'from dotenv import dotenv_values; print(dotenv_values())'",
      "ruby -e 'puts SLACK_BOT_TOKEN'",
      'python3 -c "import settings_local as s; print(s.SECRET_KEY)"',
      "ruby -e 'puts Sidekiq.redis_pool.with { |c| c.config.password }'",
      "bun -e 'console.log(Bun.env)'",
      'python3 -c "from app.settings import settings; print(settings.database_url)"',
      'python3 -c "from app.settings import settings; print(settings.openai_api_key.get_secret_value())"',
      'python3 -c "from app.settings import settings; print(settings.model_dump())"',
      "python -c 'from app import app; print(app.config[\"SECRET_KEY\"])'",
    ],
    allow: [
      "ruby -e 'puts ENV.keys.sort'",
      'python3 -c "import os; print(sorted(os.environ))"',
      "node -e 'console.log(Object.keys(process.env).join(\"\\n\"))'",
      "node -e 'console.log(process.env.NODE_ENV)'",
      'python3 -c \'import os; print(os.getenv("HOME"))\'',
      "python3 -c 'print(1+1)'",
      "node -e 'fetch(process.env.API_URL)'",
      "ruby -e 'puts ENV[\"PATH\"]'",
      'python3 -c "from app.settings import settings; print(settings.debug, settings.log_level)"',
      'python3 -c "from app.config import config; print(config.region)"',
      "ruby -e 'puts Rails.env'",
      "ruby -e 'puts Rails.application.credentials.stripe.present?'",
      'python3 -c "import settings_local as s; print(len(s.SECRET_KEY))"',
      "ruby -e 'puts MAX_TOKENS'",
      'python -c \'import os; print(len(os.environ["HF_TOKEN"]))\'',
      'python3 -c "from dotenv import dotenv_values; print(\'HF_TOKEN\' in dotenv_values())"',
      "node -e 'console.log(process.env.GITHUB_TOKEN?.length)'",
      "ruby -e 'puts ENV[\"GITHUB_TOKEN\"].nil?'",
      "node -e 'console.log(tokenizer.encode(text).length)'",
    ],
  },
};

/** Programs that load secrets into the environment of the command they run. */
const LOADERS: Record<string, { sub?: string }> = Object.assign(Object.create(null) as Record<string, { sub?: string }>, {
  dotenv: {}, 'dotenv-cli': {}, 'env-cmd': {}, dotenvx: { sub: 'run' }, direnv: { sub: 'exec' }, op: { sub: 'run' }, doppler: { sub: 'run' },
  infisical: { sub: 'run' }, railway: { sub: 'run' }, 'aws-vault': { sub: 'exec' }, chamber: { sub: 'exec' }, teller: { sub: 'run' }, sops: { sub: 'exec-env' },
  // Procfile runners and pipenv load ./.env into the command they run.
  foreman: { sub: 'run' }, honcho: { sub: 'run' }, heroku: { sub: 'local:run' }, pipenv: { sub: 'run' }, forego: { sub: 'run' },
});
const PRINTERS_OF_ALL = new Set(['env', 'printenv', 'set', 'export', 'declare', 'typeset']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish']);
const VAR_REF = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** The command a loader runs: after `--` when there is one, else after the loader's own options. */
function loadedCommand(cmd: SimpleCommand): string[] | undefined {
  const spec = cmd.name === undefined ? undefined : LOADERS[cmd.name];
  if (!spec) return undefined;
  let args = cmd.args;
  if (spec.sub !== undefined) {
    const i = args.indexOf(spec.sub);
    if (i < 0) return undefined;
    args = args.slice(i + 1);
  }
  const dd = args.indexOf('--');
  if (dd >= 0) return args.slice(dd + 1);
  // Without `--`: skip options and their values (`env-cmd -f .env cmd`, `direnv exec . cmd`, `sops exec-env f 'cmd'`).
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += /^-[a-z]$|^--(?:file|env-file|path|environment|config|project|service)$/.test(args[i]!) ? 2 : 1;
  if (cmd.name === 'direnv' || cmd.name === 'aws-vault' || cmd.name === 'chamber' || cmd.name === 'sops') i++;
  // python-dotenv's CLI: `dotenv -f .env run cmd`
  if (cmd.name === 'dotenv' && args[i] === 'run') i++;
  const rest = args.slice(i);
  // `sops exec-env file 'cmd args'`: the command is one word.
  return rest.length === 1 && /\s/.test(rest[0]!) ? rest[0]!.split(/\s+/) : rest;
}

const dotenvPrint: ShellRule = {
  id: 'secrets.dotenv-print',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Loads secrets (.env, a vault, a secret manager) into a command that prints them.',
  names: [...Object.keys(LOADERS), 'python', 'python3'],
  match(cmd, ctx) {
    // dotenv-cli `-p VAR` prints a variable; python-dotenv's `dotenv list` / `dotenv get KEY` print values.
    if (cmd.name !== undefined && /^python[0-9.]*$/.test(cmd.name)) {
      // `python -m dotenv list|get KEY` is python-dotenv's own CLI.
      const m = cmd.args.indexOf('-m');
      if (m < 0 || cmd.args[m + 1] !== 'dotenv') return undefined;
      const sub = operands(cmd.args.slice(m + 2), ['-f', '--file'])[0]?.value;
      return sub === 'list' || sub === 'get' ? { target: `dotenv ${sub}` } : undefined;
    }
    if (cmd.name === 'dotenv' || cmd.name === 'dotenv-cli') {
      const p = cmd.args.indexOf('-p');
      if (p >= 0 && cmd.args[p + 1] !== undefined) return { target: cmd.args[p + 1] };
      const first = operands(cmd.args, ['-f', '--file', '-e', '-c', '-v'])[0]?.value;
      if (first === 'list' || first === 'get') return { target: `dotenv ${first}` };
    }
    const inner = loadedCommand(cmd);
    if (!inner || inner.length === 0) return undefined;
    const [name, ...rest] = inner as [string, ...string[]];
    const base = name.replace(/^.*\//, '');
    const pc = policyContext(ctx);
    const printsVar = (text: string) => [...text.matchAll(VAR_REF)].map((m) => m[1]!).find((v) => pc.isCredentialEnvName(v));
    if (PRINTERS_OF_ALL.has(base)) {
      const named = rest.filter((w) => !w.startsWith('-'));
      if (named.length === 0) return { target: `${cmd.name} … ${base}` };
      const cred = named.find((w) => pc.isCredentialEnvName(w));
      return cred ? { target: cred } : undefined;
    }
    if (SHELLS.has(base)) {
      const c = rest.indexOf('-c');
      const script = c >= 0 ? rest[c + 1] ?? '' : '';
      if (/(?:^|[;&|]\s*)(?:env|printenv|set|export -p|declare -p)\s*(?:$|[;&|])/.test(script)) return { target: `${cmd.name} … ${base} -c` };
      if (/\b(?:echo|printf|print)\b/.test(script)) {
        const v = printsVar(script);
        if (v) return { target: `$${v}` };
      }
      return undefined;
    }
    if (base === 'echo' || base === 'printf') {
      const v = printsVar(rest.join(' '));
      return v ? { target: `$${v}` } : undefined;
    }
    const code = inlineScript({ ...cmd, name: base, args: rest, argDynamic: rest.map(() => false), via: [] });
    if (code !== undefined) {
      const hit = envPrinted(code, ctx, rest.includes('-p'));
      return hit ? { target: hit } : undefined;
    }
    return undefined;
  },
  examples: {
    flag: [
      "npx dotenv -- sh -c 'echo $RAILWAY_TOKEN'",
      'dotenv -- printenv',
      'env-cmd -f .env printenv',
      'dotenvx run -- env',
      'op run -- printenv',
      "doppler run -- node -e 'console.log(process.env)'",
      'aws-vault exec prod -- env',
      "sops exec-env secrets.enc.yaml 'printenv'",
      'npx dotenv -p RAILWAY_TOKEN',
      'dotenv list',
      'python3 -m dotenv list',
      'dotenv -f .env.production get DATABASE_URL',
      'foreman run env',
      'honcho run printenv',
      'heroku local:run env',
      'pipenv run printenv RAILWAY_TOKEN',
    ],
    allow: ['foreman start', 'pipenv run pytest', 'heroku local:run npm test', 'python3 -m dotenv set PORT 3000', 'python3 -m http.server', 'dotenv -- npm start', 'env-cmd -f .env node server.js', 'dotenvx run -- npm test', "npx dotenv -- sh -c 'echo $NODE_ENV'", 'doppler run -- npm run dev'],
  },
};

/** Metadata services that hand out the machine's credentials, and the paths that do. */
const METADATA = [
  { host: /(?:^|[/@])(?:169\.254\.169\.254|instance-data(?:\.ec2\.internal)?)(?::\d+)?\//, path: /\/latest\/(?:meta-data\/iam\/security-credentials|api\/token|user-data|meta-data\/identity-credentials)|\/metadata\/identity\/oauth2\/token|\/computeMetadata\/v1\/instance\/service-accounts|\/opc\/v\d\/identity|\/metadata\/v1\/user-data|\/metadata\/v1\.json/ },
  { host: /(?:^|[/@])\[?fd00:ec2::254\]?(?::\d+)?\//, path: /\/latest\/(?:meta-data\/iam\/security-credentials|api\/token|user-data)/ },
  { host: /(?:^|[/@])metadata(?:\.google\.internal)?(?::\d+)?\//, path: /\/computeMetadata\/v1(?:beta1)?\/(?:instance\/service-accounts|project\/attributes|instance\/attributes)/ },
  // Local secret services answering on this machine: Vault's KV, Consul's KV dumped whole, the Docker API's container
  // config (its Env), the kubelet's pod specs
  { host: /(?:^|[/@])(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|vault(?:\.[\w.-]+)?):8200\//, path: /\/v1\/(?!sys\/health|sys\/seal-status)[\w-]+\/(?:data\/)?\S/ },
  { host: /(?:^|[/@])(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]):8500\//, path: /\/v1\/kv\/\S*recurse/ },
  { host: /(?:^|[/@])(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]|docker):237[56]\//, path: /\/containers\/[^/\s]+\/json/ },
  { host: /(?:^|[/@])(?:localhost|127\.\d+\.\d+\.\d+|\[::1\]):1025[05]\//, path: /\/pods\b|\/configz/ },
  { host: /(?:^|[/@])169\.254\.170\.2(?::\d+)?(?:\/|\$)/, path: /./ },
  { host: /(?:^|[/@])100\.100\.100\.200(?::\d+)?\//, path: /\/latest\/meta-data\/ram\/security-credentials/ },
];
const METADATA_HINT = /169\.254\.|metadata|instance-data|IDENTITY_ENDPOINT|MSI_ENDPOINT|fd00:ec2|100\.100\.100\.200|AWS_CONTAINER_CREDENTIALS|ACTIONS_ID_TOKEN_REQUEST|:8200\/|:8500\/|:237[56]\/|:1025[05]\//;

function metadataUrl(text: string): string | undefined {
  const plain = metadataUrlAsWritten(text);
  if (plain !== undefined) return plain;
  // `curl --resolve imds.internal:80:169.254.169.254 http://imds.internal/…`, `--connect-to ::169.254.169.254:80`:
  // the request goes to the metadata address whatever host the URL names
  const pinned = /--(?:resolve|connect-to)[=\s]+\S*?:(169\.254\.169\.254|\[?fd00:ec2::254\]?|169\.254\.170\.2|100\.100\.100\.200)(?::\d+)?(?:\s|$)/.exec(text);
  if (pinned) {
    const moved = metadataUrlAsWritten(text.replace(/https?:\/\/[^/\s"'`]+\//g, `http://${pinned[1]}/`));
    if (moved !== undefined) return moved;
  }
  // `http://2852039166/…`, `http://169.254.169.254.nip.io/…`: the same address in another spelling.
  const canonical = canonicalMetadataHosts(text);
  return canonical === undefined ? undefined : metadataUrlAsWritten(canonical);
}

function metadataUrlAsWritten(text: string): string | undefined {
  if (!METADATA_HINT.test(text)) return undefined;
  if (/\$\{?AWS_CONTAINER_CREDENTIALS_(?:RELATIVE|FULL)_URI/.test(text)) return 'ECS task credentials endpoint';
  if (/\$\{?ACTIONS_ID_TOKEN_REQUEST_(?:URL|TOKEN)/.test(text)) return 'GitHub Actions OIDC token endpoint';
  // Azure App Service and Functions: the managed identity's token endpoint is handed over in the environment
  if (/\$\{?(?:IDENTITY_ENDPOINT|MSI_ENDPOINT)\b/.test(text)) return 'Azure managed identity token endpoint';
  // `nc 169.254.169.254 80 <<< 'GET /latest/meta-data/iam/security-credentials/ …'`: the address and the request apart
  const bare = /(?:^|\s)(169\.254\.169\.254|\[?fd00:ec2::254\]?|instance-data(?:\.ec2\.internal)?)(?=\s|$)/.exec(text);
  if (bare && METADATA[0]!.path.test(text)) return `${bare[1]} (raw request)`;
  for (const m of METADATA) {
    const h = m.host.exec(text);
    if (h && m.path.test(text.slice(h.index))) return text.slice(h.index, h.index + 120).replace(/^[/@]/, '').split(/[\s"'`]/)[0];
  }
  return undefined;
}

const metadataShell: ShellRule = {
  id: 'secrets.cloud-metadata',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Asks the cloud metadata service for this machine\'s credentials (IAM role keys, service-account or managed-identity tokens).',
  // Any program can fetch a URL; the one regex test below is all an unrelated command pays.
  match(cmd) {
    const text = [...cmd.args, cmd.stdin ?? ''].join(' ');
    const url = metadataUrl(text.length > MAX_CODE ? text.slice(0, MAX_CODE) : text);
    return url === undefined ? undefined : { target: url };
  },
  examples: {
    flag: [
      'curl http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/app-role',
      'curl http://instance-data.ec2.internal/latest/meta-data/iam/security-credentials/',
      'curl -s "$IDENTITY_ENDPOINT?resource=https://vault.azure.net&api-version=2019-08-01" -H "X-IDENTITY-HEADER: $IDENTITY_HEADER"',
      "nc 169.254.169.254 80 <<< $'GET /latest/meta-data/iam/security-credentials/ HTTP/1.0\\r\\n\\r\\n'",
      'curl -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60"',
      'curl -H "Metadata-Flavor: Google" http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token',
      'curl -s http://127.0.0.1:8200/v1/secret/data/prod/orders -H "X-Vault-Token: $VAULT_TOKEN"',
      'curl -s "http://localhost:8500/v1/kv/?recurse"',
      'curl -s http://127.0.0.1:2375/containers/web/json',
      'curl -sk https://127.0.0.1:10250/pods',
      'curl -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com"',
      'curl -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"',
      'curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'wget -qO- http://169.254.169.254/latest/user-data',
      "python3 -c 'import urllib.request as u; print(u.urlopen(\"http://169.254.169.254/latest/meta-data/iam/security-credentials/\").read())'",
      'curl -s http://169.254.169.254.nip.io/latest/meta-data/iam/security-credentials/',
      'curl http://2852039166/latest/meta-data/iam/security-credentials/',
      'wget -qO- http://0xa9fea9fe/latest/user-data',
      'curl 0251.0376.0251.0376/latest/meta-data/iam/security-credentials/',
      'curl -g "http://[::ffff:169.254.169.254]/latest/meta-data/iam/security-credentials/"',
      'curl http://a9fea9fe.sslip.io/latest/meta-data/iam/security-credentials/',
    ],
    allow: [
      'curl -s http://127.0.0.1:8200/v1/sys/health',
      'curl -s http://localhost:8500/v1/kv/config/app',
      'curl -s http://127.0.0.1:2375/containers/json',
      'curl http://169.254.169.254/latest/meta-data/instance-id',
      'curl -H "Metadata-Flavor: Google" http://metadata.google.internal/computeMetadata/v1/instance/zone',
      'curl https://docs.aws.amazon.com/latest/meta-data/iam/security-credentials',
      'curl http://localhost:3000/api/token',
      'curl http://2852039166/latest/meta-data/instance-id',
      'curl http://10.0.0.5.nip.io/latest/meta-data/iam/security-credentials/',
      'echo 1700000000 && curl https://example.com/latest/api/token-info',
    ],
  },
};

const metadataFetch: ActionRule = {
  id: 'secrets.cloud-metadata-fetch',
  pack: 'secrets',
  kind: 'action',
  severity: 'high',
  reason: 'Fetches this machine\'s cloud credentials from the metadata service (through an agent HTTP tool or a URL given to an MCP tool).',
  match(action) {
    if (action.kind === 'fetch') {
      if (action.url.length > 4096) return undefined;
      const url = metadataUrl(action.url);
      return url === undefined ? undefined : { target: url };
    }
    if (action.kind !== 'mcp') return undefined;
    // An MCP fetch/browser/HTTP tool is a fetch tool under another name: any string that is a URL counts.
    for (const { value } of mcpStringWalk(action.input).strings) {
      if (value.length > 4096 || !/^\s*(?:https?:)?\/\//i.test(value)) continue;
      const url = metadataUrl(value.trim());
      if (url !== undefined) return { target: url, detail: `MCP tool ${action.tool}` };
    }
    return undefined;
  },
  examples: {
    flag: [
      { kind: 'fetch', url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/role' },
      { kind: 'fetch', url: 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token' },
      { kind: 'fetch', url: 'http://169.254.169.254/metadata/identity/oauth2/token?resource=x' },
      { kind: 'fetch', url: 'http://169.254.169.254/latest/api/token', method: 'PUT' },
      { kind: 'fetch', url: 'http://169.254.169.254/latest/user-data' },
      { kind: 'fetch', url: 'http://2852039166/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'http://0xa9fea9fe/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'http://0251.0376.0251.0376/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'http://169.254.43518/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'http://[::ffff:169.254.169.254]/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'http://[::ffff:a9fe:a9fe]/latest/api/token', method: 'PUT' },
      { kind: 'fetch', url: 'http://169.254.169.254.nip.io/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'http://a9fea9fe.nip.io/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'http://169-254-169-254.sslip.io/latest/meta-data/iam/security-credentials/' },
      { kind: 'mcp', server: 'fetch', tool: 'fetch', input: { url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' } },
      { kind: 'mcp', server: 'browser', tool: 'navigate', input: { target: { href: 'http://2852039166/latest/meta-data/iam/security-credentials/' } } },
    ],
    allow: [
      { kind: 'fetch', url: 'http://169.254.169.254/latest/meta-data/placement/region' },
      { kind: 'fetch', url: 'https://example.com/docs' },
      { kind: 'fetch', url: 'http://metadata.google.internal/computeMetadata/v1/instance/zone' },
      { kind: 'fetch', url: 'http://2852039166/latest/meta-data/placement/region' },
      { kind: 'fetch', url: 'http://10.0.0.5.nip.io/latest/meta-data/iam/security-credentials/' },
      { kind: 'fetch', url: 'https://2852039167.example.com/latest/meta-data/iam/security-credentials/' },
      { kind: 'mcp', server: 'fetch', tool: 'fetch', input: { url: 'https://docs.aws.amazon.com/latest/meta-data/iam/security-credentials/' } },
      { kind: 'mcp', tool: 'create_issue', input: { body: 'See 169.254.169.254 docs' } },
    ],
  },
};

const DOCKER_VALUED = ['--env-file', '-f', '--file', '-p', '--project-name', '--profile', '--project-directory', '-H', '--host', '--context', '-c', '--ansi', '--progress', '--parallel', '--log-level', '-l', '--config'];

function words(cmd: SimpleCommand): string[] {
  return operands(cmd.args).map((o) => o.value);
}

interface Exporter {
  names: readonly string[];
  test(cmd: SimpleCommand, w: string[], ctx: RuleContext): boolean;
}

/** Where pip reads its configuration (user and site). */
const PIP_CONFIGS = ['~/.config/pip/pip.conf', '~/.pip/pip.conf', '/etc/pip.conf', '/etc/xdg/pip/pip.conf'];

/** Terraform output names that hold a credential (or a connection string that embeds one). */
const CREDENTIAL_OUTPUT = /pass|secret|token|key|cred|auth|private|cert|conn|dsn|url|uri|kubeconfig|sas|jwt|session|login/i;

/** Whether the group_vars/host_vars beside the inventory (or the cwd) hold a credential or an ansible-vault file (bounded). */
function ansibleVarsHoldSecrets(cmd: SimpleCommand, ctx: RuleContext): boolean {
  const facts = ctx.facts;
  if (!facts || ctx.cwd === undefined) return true;
  const inv = optionValues(cmd.args, ['-i', '--inventory', '--inventory-file'])[0];
  const bases = [ctx.cwd, ...(inv !== undefined ? [normalizePath(inv, { cwd: ctx.cwd }).replace(/\/[^/]*$/, ''), normalizePath(inv, { cwd: ctx.cwd })] : [])];
  let files = 0;
  const visit = (dir: string, depth: number): boolean => {
    const l = facts.listDir(dir);
    if (!l) return false;
    for (const name of l.names) {
      const abs = `${dir}/${name}`;
      const kind = facts.lstat(abs)?.kind;
      if (kind === 'dir' && depth < 2 && visit(abs, depth + 1)) return true;
      if (kind !== 'file' || ++files > 64) continue;
      if ((facts.readText(abs, 64 * 1024) ?? '').includes('$ANSIBLE_VAULT') || (facts.secretsIn(abs)?.length ?? 0) > 0) return true;
    }
    return false;
  };
  return bases.some((b) => ['group_vars', 'host_vars'].some((v) => visit(`${b.replace(/\/+$/, '')}/${v}`, 0)));
}

const EXPORTERS: Exporter[] = [
  { names: ['sops'], test: (c, w) => hasFlag(c.args, ['--decrypt', '--extract'], 'd') || w[0] === 'decrypt' || w[0] === 'exec-file' },
  { names: ['ansible-vault'], test: (_c, w) => w[0] === 'view' || w[0] === 'decrypt' },
  { names: ['gpg', 'gpg2'], test: (c) => hasFlag(c.args, ['--decrypt', '--export-secret-keys', '--export-secret-subkeys', '--show-session-key'], 'd') },
  { names: ['age', 'rage'], test: (c) => hasFlag(c.args, ['--decrypt'], 'd') },
  { names: ['security'], test: (_c, w) => w[0] === 'dump-keychain' || w[0] === 'export' },
  { names: ['secret-tool'], test: (_c, w) => w[0] === 'lookup' },
  { names: ['keyring'], test: (_c, w) => w[0] === 'get' },
  // --flatten inlines the credentials files and tokens, like --raw
  { names: ['kubectl', 'oc'], test: (c) => {
    const w = operands(c.args, ['--kubeconfig', '--context', '-n', '--namespace', '--cluster', '--user', '-s', '--server', '--as']).map((o) => o.value);
    return (w[0] === 'config' && w[1] === 'view' && hasFlag(c.args, ['--raw', '--flatten'], '')) || w[0] === 'view-secret';
  } },
  // python-dotenv's CLI prints the file's values; .NET's user secrets, Airflow's connections, variables and config
  // keys, Supabase's project API keys are credentials
  { names: ['dotenv'], test: (c) => operands(c.args, ['-f', '--file']).some((o) => o.value === 'list' || o.value === 'get') },
  { names: ['dotnet'], test: (_c, w) => w[0] === 'user-secrets' && w[1] === 'list' },
  { names: ['airflow'], test: (_c, w) => ((w[0] === 'connections' || w[0] === 'variables') && (w[1] === 'get' || w[1] === 'export')) || (w[0] === 'config' && w[1] === 'get-value' && /key|secret|passw|token|conn|dsn|url/i.test(w[3] ?? '')) },
  { names: ['supabase'], test: (_c, w) => w[0] === 'projects' && w[1] === 'api-keys' },
  // ansible-inventory --list prints every host's variables, vault-decrypted ones included: a read when the
  // inventory's group_vars/host_vars hold a credential or a vault
  { names: ['ansible-inventory'], test: (c, _w, ctx) => c.args.some((a) => a === '--list' || a === '--host') && !c.args.includes('--graph') && ansibleVarsHoldSecrets(c, ctx) },
  // wp-cli prints wp-config.php's constants: the database password, the auth keys and salts
  { names: ['wp'], test: (c, w) => {
    if (w[0] === 'config' && (w[1] === 'get' || w[1] === 'pull')) return /pass|key|salt|secret|token|auth/i.test(w[2] ?? '') || w[2] === undefined;
    if (w[0] === 'config' && w[1] === 'list') return !c.args.some((a) => /^--fields?=name$/.test(a));
    return (w[0] === 'eval' || w[0] === 'shell') && /\b(?:DB_PASSWORD|[A-Z_]*(?:_KEY|_SALT|_PASS|SECRET|TOKEN)[A-Z_]*)\b|get_defined_constants|wp_salt/.test(w.slice(1).join(' '));
  } },
  { names: ['stripe'], test: (c, w) => w[0] === 'config' && hasFlag(c.args, ['--list'], '') },
  { names: ['rclone'], test: (_c, w) => w[0] === 'config' && (w[1] === 'show' || w[1] === 'dump' || w[1] === 'reveal') },
  { names: ['mysql', 'mariadb', 'mysqldump', 'mysqladmin'], test: (c) => c.args.includes('--print-defaults') },
  { names: ['gopass'], test: (_c, w) => w[0] === 'show' || w[0] === 'cat' || w[0] === 'otp' || (w[0] !== undefined && !/^(?:ls|list|find|search|sync|init|setup|insert|generate|edit|rm|mv|cp|audit|help|version|config|git|mounts|recipients|templates|update|fsck|completion|create|new|import|clone|alias)$/.test(w[0])) },
  { names: ['keepassxc-cli'], test: (c, w) => (w[0] === 'show' && hasFlag(c.args, ['--show-protected', '--attributes', '--totp'], 'sat')) || w[0] === 'export' },
  // Secret scanners that print what they find in the clear: trufflehog always, gitleaks with -v unless --redact
  { names: ['trufflehog'], test: (_c, w) => /^(?:filesystem|git|github|gitlab|s3|gcs|docker|stdin|syslog|circleci|travisci|postman|huggingface|elasticsearch|jenkins)$/.test(w[0] ?? '') },
  { names: ['gitleaks'], test: (c, w) => /^(?:detect|protect|dir|git|stdin|directory|files)$/.test(w[0] ?? '') && hasFlag(c.args, ['--verbose'], 'v') && !c.args.some((a) => a === '--redact' || a.startsWith('--redact=')) },
  // `terraform console` fed an expression that names a value: sensitive variables print in the clear there
  { names: ['terraform', 'tofu'], test: (c, w) => w[0] === 'console' && c.stdin !== undefined && /\b(?:var|local|module|data|output|nonsensitive)\b/.test(c.stdin) },
  { names: ['direnv'], test: (_c, w, ctx) => w[0] === 'dotenv' && w.slice(1).some((x) => ctx.isProtectedPath(x)) },
  // git's ini parser prints any file it is pointed at: `git config -f ~/.aws/credentials --list`
  { names: ['git'], test: (c, w, ctx) => w[0] === 'config' && (optionValues(c.args, ['--file'], ['-f']).some((f) => ctx.isProtectedPath(f))) && !hasFlag(c.args, ['--unset', '--unset-all', '--remove-section', '--rename-section', '--add', '--replace-all', '--name-only'], '') },
  // `file -f .env` echoes each line of the list file back as a file name
  { names: ['file'], test: (c, _w, ctx) => optionValues(c.args, ['--files-from'], ['-f']).some((f) => ctx.isProtectedPath(f)) },
  // `history -r [file]` loads a history file (tokens typed on command lines) for `history`/`fc` to print
  { names: ['history', 'fc'], test: (c) => c.name === 'history' && c.args.some((a) => /^-[a-z]*r[a-z]*$/.test(a)) },
  // pip prints an index URL with the password in it: judged on the pip config files' content
  { names: ['pip', 'pip3'], test: (_c, w, ctx) => w[0] === 'config' && (w[1] === 'list' || w[1] === 'get' || w[1] === 'debug') && (w[1] !== 'get' || /index-url|extra-index|trusted/.test(w[2] ?? '')) && PIP_CONFIGS.some((f) => /:\/\/[^/\s:@]+:[^@\s]+@/.test(ctx.readFile?.(f.replace(/^~(?=\/)/, ctx.home ?? '~')) ?? '')) },
  // Password managers and credential helpers that print (or export) what they hold
  { names: ['bw'], test: (c, w) => w[0] === 'export' || (w[0] === 'get' && /^(?:password|item|notes|totp|attachment)$/.test(w[1] ?? '')) || (w[0] === 'unlock' && c.args.includes('--raw')) || (w[0] === 'login' && c.args.includes('--raw')) },
  { names: ['rbw'], test: (_c, w) => w[0] === 'get' || w[0] === 'code' },
  { names: ['passage', 'pass', 'gopass'], test: (_c, w) => w[0] === 'show' || (w[0] !== undefined && !/^(?:ls|list|find|search|insert|generate|edit|rm|mv|cp|git|init|grep|help|version|otp)$/.test(w[0]) && w.length === 1) },
  { names: ['dcli'], test: (_c, w) => w[0] === 'password' || w[0] === 'p' || w[0] === 'note' || w[0] === 'otp' || w[0] === 'secret' },
  { names: ['kwallet-query'], test: (c) => c.args.some((a) => a === '-r' || a === '--read-password') },
  { names: ['keyctl'], test: (_c, w) => w[0] === 'print' || w[0] === 'pipe' || w[0] === 'read' },
  { names: ['ykman'], test: (_c, w) => w[0] === 'oath' && w[1] === 'accounts' && w[2] === 'code' },
  { names: ['op'], test: (c, w) => (w[0] === 'signin' && c.args.includes('--raw')) || w[0] === 'inject' },
  { names: ['aws-vault'], test: (_c, w) => w[0] === 'export' },
  { names: ['gh'], test: (_c, w) => w[0] === 'auth' && w[1] === 'git-credential' },
  { names: ['poetry'], test: (_c, w) => w[0] === 'config' && /^(?:http-basic|pypi-token)\./.test(w[1] ?? '') && w.length === 2 },
  { names: ['redis-cli', 'valkey-cli'], test: (c) => /\bCONFIG\s+GET\s+(?:requirepass|masterauth|\*)/i.test(c.args.join(' ')) },
  { names: ['consul'], test: (c, w) => w[0] === 'kv' && (w[1] === 'get' || w[1] === 'export') && (c.args.some((a) => /^-?-recurse/.test(a)) || w[1] === 'export') },
  { names: ['etcdctl'], test: (c, w) => w[0] === 'get' && /secret/i.test(w[1] ?? '') && c.args.some((a) => a.startsWith('--prefix')) },
  { names: ['rails'], test: (_c, w) => w[0] === 'credentials:show' || w[0] === 'encrypted:show' },
  // `EDITOR=cat rails credentials:edit`: the "editor" prints the decrypted file
  // (any "editor" that is not an editor a person types in: `EDITOR='sed -n p'`, `EDITOR=cp\ /tmp/x`, a script)
  { names: ['rails'], test: (c, w) => {
    const editor = c.assignments.EDITOR ?? c.assignments.VISUAL;
    return (w[0] === 'credentials:edit' || w[0] === 'encrypted:edit') && editor !== undefined && !/^(?:vim?|nvim|gvim|nano|pico|emacs(?:client)?|micro|hx|helix|kak|ed|joe|mcedit|code|codium|cursor|subl|mate|zed|gedit|kate|notepad(?:\+\+)?)(?:\s+(?:-w|--wait|-nw|-f|--new-window))*$/.test(editor.trim().replace(/^\S*\//, ''));
  } },
  // `rails runner 'puts Rails.application.credentials.x'`: Ruby run inside the app, its credentials decrypted
  { names: ['rails'], test: (c, w) => (w[0] === 'runner' || w[0] === 'r') && /\bRails\s*\.\s*application\s*\.\s*(?:credentials|secrets|config_for)\b|\bENV\s*\[|\bENV\b\s*(?:\.to_h|\.each|$)|database_configuration|connection_db_config|\.configuration_hash/.test(c.args.slice(1).join(' ')) && /\b(?:puts|p|pp|print|inspect|to_s|display)\b/.test(c.args.slice(1).join(' ')) },
  { names: ['az'], test: (_c, w) => w[0] === 'acr' && w[1] === 'credential' && w[2] === 'show' },
  { names: ['cf'], test: (_c, w) => w[0] === 'oauth-token' },
  { names: ['databricks'], test: (_c, w) => w[0] === 'auth' && w[1] === 'token' },
  { names: ['oc'], test: (c, w) => w[0] === 'whoami' && (c.args.includes('-t') || c.args.includes('--show-token')) },
  { names: ['argocd'], test: (_c, w) => w[0] === 'account' && w[1] === 'generate-token' },
  // Commands that mint a credential and print it: a CI token, a service principal's password, an OAuth token
  { names: ['firebase'], test: (_c, w) => w[0] === 'login:ci' },
  { names: ['az'], test: (_c, w) => (w[0] === 'ad' && w[1] === 'sp' && (w[2] === 'create-for-rbac' || (w[2] === 'credential' && w[3] === 'reset'))) || (w[0] === 'ad' && w[1] === 'app' && w[2] === 'credential' && w[3] === 'reset') },
  { names: ['heroku'], test: (_c, w) => w[0] === 'authorizations:create' || w[0] === 'auth:token' },
  { names: ['systemctl'], test: (c, w) => w[0] === 'show' && (c.args.some((a) => /^(?:-p|--property)(?:=|$)/.test(a)) ? c.args.some((a) => /Environment/.test(a)) : false) },
  // `docker cp ctr:/app/.env ./dist/`: a secret file copied out of a container
  { names: ['docker', 'podman', 'kubectl'], test: (_c, w, ctx) => w[0] === 'cp' && w.slice(1, -1).some((x) => /^[\w.-]+(?:\/[\w.-]+)?:\//.test(x) && ctx.isProtectedPath(x.slice(x.indexOf(':') + 1).split('/').pop() ?? '')) },
  // `keyring.get_password(...)` in a one-liner: the OS keyring's secret printed
  { names: ['python', 'python3', 'node', 'ruby'], test: (c) => /\bkeyring\s*\.\s*get_password\s*\(|\bkeytar\s*\.\s*getPassword\s*\(|\bSecKeychainFindGenericPassword\b/.test(c.args.join(' ')) },
  // `envsubst <<< '$OPENAI_API_KEY'`: expands credential variables into its output
  { names: ['envsubst'], test: (c, _w, ctx) => c.stdin !== undefined && [...c.stdin.matchAll(/\$\{?([A-Za-z_]\w*)/g)].some((m) => policyContext(ctx).isCredentialEnvName(m[1]!)) },
  // `terraform output` lists outputs with sensitive ones masked; -json prints them all, a named one prints its value
  // (a credential when the name says so: `db_password`, `kubeconfig`, `admin_token`; not `db_endpoint`)
  { names: ['terraform', 'tofu', 'terragrunt'], test: (c, w) => (w[0] === 'output' && ((w.length === 1 && c.args.some((a) => /^--?(?:json|raw)$/.test(a))) || (w.length > 1 && !/^[\w-]+$/.test(w[1]!)) || (w.length > 1 && CREDENTIAL_OUTPUT.test(w[1]!)))) || (w[0] === 'state' && w[1] === 'pull') || (w[0] === 'show' && c.args.some((a) => /^--?json$/.test(a))) },
  { names: ['npm', 'pnpm', 'yarn'], test: (c, w) => (w[0] === 'config' && w[1] === 'get' && /_?auth(?:Token)?$|_password$|npmAuthToken$/i.test(w[2] ?? '')) || (w[0] === 'config' && (w[1] === 'list' || w[1] === 'ls') && hasFlag(c.args, ['--json'], 'l')) },
  { names: ['vercel'], test: (_c, w, ctx) => w[0] === 'env' && w[1] === 'pull' && w[2] !== undefined && !ctx.isProtectedPath(w[2]) },
  { names: ['netlify'], test: (c, w) => w[0] === 'env:get' || (w[0] === 'env:list' && hasFlag(c.args, ['--plain', '--json'], '')) },
  { names: ['infisical'], test: (_c, w) => w[0] === 'export' || (w[0] === 'secrets' && (w[1] === undefined || w[1] === 'get')) },
  { names: ['dotenvx'], test: (_c, w) => w[0] === 'get' || w[0] === 'decrypt' },
  { names: ['git-crypt'], test: (_c, w) => w[0] === 'unlock' },
  { names: ['aws'], test: (c, w) => (w[0] === 'kms' && w[1] === 'decrypt') || (w[0] === 'ssm' && w[1] === 'get-parameters-by-path' && c.args.includes('--with-decryption')) },
  { names: ['gcloud'], test: (_c, w) => w[0] === 'kms' && w[1] === 'decrypt' },
  { names: ['az'], test: (_c, w) => w[0] === 'keyvault' && w[1] === 'secret' && w[2] === 'download' },
  { names: ['glab'], test: (_c, w) => w[0] === 'variable' && (w[1] === 'get' || w[1] === 'export') },
  { names: ['chamber'], test: (_c, w) => w[0] === 'read' || w[0] === 'export' },
  { names: ['openssl'], test: (c, w) => w[0] === 'enc' && hasFlag(c.args, [], 'd') },
  { names: ['aws'], test: (c, w) => (w[0] === 'ssm' && w[1] === 'get-parameters' && c.args.includes('--with-decryption')) || (w[0] === 'sts' && (w[1] === 'assume-role' || w[1] === 'get-federation-token' || w[1] === 'assume-role-with-web-identity')) },
  { names: ['gcloud'], test: (_c, w) => w[0] === 'config' && w[1] === 'config-helper' },
  { names: ['supabase'], test: (_c, w) => w[0] === 'status' },
  { names: ['helm'], test: (_c, w) => w[0] === 'get' && (w[1] === 'values' || w[1] === 'all') },
  { names: ['firebase'], test: (_c, w) => w[0] === 'functions:config:get' },
  // `pulumi stack export --show-secrets`, `pulumi config --show-secrets`, `pulumi stack output --show-secrets`
  { names: ['pulumi'], test: (c) => c.args.includes('--show-secrets') },
  { names: ['my_print_defaults', 'mysql_config_editor'], test: (_c, w) => w.length > 0 && w[0] !== 'set' && w[0] !== 'remove' },
];
const EXPORTER_NAMES = [...new Set(EXPORTERS.flatMap((e) => e.names))];

const decryptExport: ShellRule = {
  id: 'secrets.decrypt-export',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Decrypts or exports stored secrets (sops, gpg, age, vaults, keychains, Terraform outputs, kubeconfig) where the agent can read them.',
  names: EXPORTER_NAMES,
  match(cmd, ctx) {
    if (cmd.name === undefined) return undefined;
    const w = words(cmd);
    const hit = EXPORTERS.some((e) => e.names.includes(cmd.name!) && e.test(cmd, w, ctx));
    return hit ? { target: [cmd.name, ...cmd.args.slice(0, 3)].join(' ') } : undefined;
  },
  examples: {
    flag: [
      'dotnet user-secrets list --project api',
      'wp config get DB_PASSWORD',
      'wp config list',
      "wp eval 'echo DB_PASSWORD;'",
      'wp config get AUTH_SALT --path=/var/www',
      'airflow connections get snowflake_default -o json',
      'airflow config get-value core fernet_key',
      'supabase projects api-keys --project-ref abc',
      'kubectl --kubeconfig infra/k.yaml config view --raw',
      'kubectl view-secret db --all',
      'dotenv -f .env list',
      'sops -d secrets.enc.yaml',
      'sops --decrypt --extract \'["db"]\' secrets.yaml',
      'ansible-vault view group_vars/prod/vault.yml',
      'gpg -d secrets.txt.gpg',
      'gpg --export-secret-keys --armor me@example.com',
      'age -d -i key.txt secrets.age',
      'security dump-keychain -d login.keychain',
      'secret-tool lookup service github',
      'kubectl config view --raw',
      'terraform output -json',
      'pulumi stack export --show-secrets',
      'pulumi config --show-secrets',
      'terraform output -raw db_password',
      'terraform state pull',
      'npm config get //registry.npmjs.org/:_authToken',
      'vercel env pull env.txt',
      'git-crypt unlock',
      'aws kms decrypt --ciphertext-blob fileb://blob',
      'aws sts assume-role --role-arn arn:aws:iam::1:role/admin --role-session-name x',
      'gcloud config config-helper --format=json',
      'supabase status',
      'helm get values api -n prod',
      'my_print_defaults client',
      "kubectl config view --minify --flatten -o jsonpath='{.users[0].user.token}'",
      'stripe config --list',
      'rclone config show',
      'mysql --print-defaults',
      'gopass show -o prod/orders-db',
      'keepassxc-cli show -s -a Password vault.kdbx prod/db',
      'trufflehog filesystem --no-verification . --json',
      'gitleaks detect --no-banner -v',
      "terraform -chdir=infra console <<< 'var.db_password'",
      'direnv dotenv bash .env',
      'git config -f ~/.aws/credentials --list',
      'git config -f ~/.pypirc pypi.password',
      'file -f .env',
      'HISTFILE=~/.zsh_history; set -o history; history -r; history',
      "envsubst <<< 'k=$OPENAI_API_KEY'",
      'firebase login:ci',
      'bw export --format json',
      'rbw get stripe-prod',
      'passage show work/stripe',
      'kwallet-query -r github kdewallet',
      'keyctl print %user:github',
      'ykman oath accounts code',
      'op signin --raw',
      'aws-vault export prod',
      'gh auth git-credential get',
      'poetry config http-basic.pypi',
      "redis-cli CONFIG GET requirepass",
      'consul kv get -recurse secrets/',
      'bin/rails credentials:show',
      'EDITOR=cat bin/rails credentials:edit',
      "EDITOR='sed -n p' bin/rails credentials:edit",
      'VISUAL=./dump.sh rails credentials:edit --environment production',
      "bin/rails runner 'puts Rails.application.credentials.secret_key_base'",
      "bin/rails runner 'puts ENV[\"STRIPE_SECRET_KEY\"]'",
      "bin/rails runner 'p Rails.configuration.database_configuration'",
      'az acr credential show -n acmeregistry',
      'cf oauth-token',
      'oc whoami -t',
      'argocd account generate-token',
      'az ad sp create-for-rbac --name orders-ci',
      'heroku authorizations:create -d agent',
      'systemctl show -p Environment orders.service',
      'docker cp orders-app-1:/app/.env ./dist/',
      `python3 -c 'import keyring;print(keyring.get_password("gh:github.com",""))'`,
    ],
    allow: [
      'airflow config get-value core dags_folder',
      'dotnet user-secrets set Db:Host localhost',
      'wp config get DB_NAME',
      'wp config list --fields=name',
      "wp eval 'echo home_url();'",
      'wp plugin list',
      'kubectl --kubeconfig infra/k.yaml config view', 'EDITOR=vim bin/rails credentials:edit', "EDITOR='code --wait' bin/rails credentials:edit", 'bin/rails credentials:edit', 'bw list items --search x', 'rbw list', 'passage ls', 'keyctl show', 'op item list', 'aws-vault list', 'poetry config --list', 'consul kv get config/app', 'rails routes', 'oc whoami', 'firebase login', 'az ad sp list', 'heroku authorizations', 'systemctl show -p ActiveState orders.service', 'docker cp orders-app-1:/app/logs ./dist/', 'kubectl config view --minify', 'stripe config --help', 'rclone config file', 'mysql --help', 'gopass ls', 'keepassxc-cli show vault.kdbx prod/db', 'trufflehog --help', 'gitleaks detect --redact -v', 'gitleaks detect', "terraform console <<< '1 + 1'", 'git config -f .gitmodules --list', 'file -f files.txt', 'history 20', "envsubst < deploy.tmpl > deploy.yaml", "envsubst <<< 'home=$HOME'", 'sops -e secrets.yaml', 'sops secrets.enc.yaml', 'ansible-vault encrypt vault.yml', 'gpg --list-keys', 'gpg -e -r me file', 'kubectl config view', 'terraform output', 'terraform -chdir=infra output db_endpoint', 'terraform plan', 'npm config get registry', 'vercel env pull .env.local', 'security list-keychains', 'helm get manifest api', 'helm list', 'pulumi config', 'pulumi stack output'],
  },
};

/** Options of strace/ltrace that pick what is printed; a read or getenv trace prints the bytes or values. */
function traceShowsData(args: readonly string[]): boolean {
  const traced = [...optionValues(args, ['--trace', '--expr'], ['-e']), ...args.filter((a) => /^-e./.test(a)).map((a) => a.slice(2))].join(',');
  return /(?:^|[=,!])(?:read|pread64|readv|recvfrom|recvmsg|getenv|secure_getenv|%file|%read)(?:,|$)/.test(traced) || /(?:^|,)(?:read|write)=/.test(traced);
}

/**
 * A live process's memory, environment or syscalls read from outside: a debugger attached to it (`gdb -p`, `lldb -p`,
 * `py-spy dump --locals`), a core dump (`gcore`), strace/ltrace attached or tracing reads and getenv, and
 * `/proc/<pid>/mem`. What a running app holds in memory is every secret it loaded.
 */
const processMemory: ShellRule = {
  id: 'secrets.process-memory',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Reads a running process\'s memory, environment or system calls from outside (a debugger attached, a core dump, strace of its reads, /proc/<pid>/mem): every secret the process loaded can be printed.',
  // Any program may read /proc/<pid>/mem; the one pass over the arguments is all an unrelated command pays.
  match(cmd) {
    const n = cmd.name;
    const a = cmd.args;
    const memFile = a.find((x) => /^\/proc\/(?:.+\/mem|kcore)$|^\/dev\/(?:k?mem|crash)$/.test(x) || /^if=\/proc\/(?:.+\/mem|kcore)$|^if=\/dev\/k?mem$/.test(x));
    if (memFile !== undefined) return { target: memFile.replace(/^if=/, '') };
    // Java heap dumps hold every string the program loaded: jmap -dump, jcmd <pid> GC.heap_dump, jhsdb
    if (n === 'jmap' && a.some((x) => x.startsWith('-dump'))) return { target: 'a running JVM (heap dump)' };
    if (n === 'jcmd' && a.some((x) => /^(?:GC\.heap_dump|VM\.system_properties|Thread\.print)$/.test(x))) return { target: 'a running JVM (heap dump)' };
    if (n === 'jhsdb' && a.some((x) => x === 'jmap' || x === 'hsdb' || x === 'clhsdb')) return { target: 'a running JVM' };
    // `node inspect host:port` attaches to a running Node process's inspector (`kill -USR1 <pid>` opens it; alone,
    // USR1 is also how nginx and others reopen logs, so it is no finding)
    if ((n === 'node' || n === 'nodejs') && a[0] === 'inspect' && a.some((x) => /^(?:[\w.-]+:\d+|-p|--port=\d+)$/.test(x))) return { target: 'a running Node process (inspector attached)' };
    // eBPF probes on another program's functions (readline, SSL_write) print what it handles: typed lines, TLS plaintext
    if ((n === 'bpftrace' || n === 'bpftool') && a.some((x) => /\b(?:uprobe|uretprobe|usdt)\s*:/.test(x))) return { target: 'a running program (eBPF probe)' };
    if (n === 'sslsniff' || n === 'sslsniff-bpfcc' || n === 'bashreadline' || n === 'bashreadline-bpfcc' || n === 'ecapture') return { target: 'running programs (eBPF capture)' };
    if (n === 'gdb') {
      const attach = a.some((x) => x === '-p' || x === '--pid' || x.startsWith('--pid=') || /^-p\d/.test(x)) || optionValues(a, ['--eval-command', '--ex'], ['-ex']).some((e) => /^\s*attach\b/.test(e));
      return attach ? { target: 'a running process (gdb attached)' } : undefined;
    }
    if (n === 'lldb') {
      const attach = a.some((x) => x === '-p' || x === '--attach-pid' || x === '-n' || x === '--attach-name' || x.startsWith('--attach-')) || optionValues(a, ['--one-line'], ['-o']).some((e) => /^\s*(?:process\s+attach|attach)\b/.test(e));
      return attach ? { target: 'a running process (lldb attached)' } : undefined;
    }
    if (n === 'gcore') return { target: 'a running process (core dump)' };
    if (n === 'strace' || n === 'ltrace') {
      const attach = a.some((x) => x === '-p' || x.startsWith('--attach') || /^-p\d/.test(x));
      if (attach || traceShowsData(a)) return { target: attach ? `a running process (${n} attached)` : `what the traced program reads (${n})` };
      return undefined;
    }
    if ((n === 'py-spy' || n === 'rbspy' || n === 'pystack') && (a.includes('--locals') || a.includes('-l') || n === 'pystack') && (a[0] === 'dump' || a[0] === 'remote' || n === 'pystack')) return { target: 'a running process (local variables)' };
    return undefined;
  },
  examples: {
    flag: [
      "gdb -p 4242 -batch -ex 'call (char*)getenv(\"STRIPE_SECRET_KEY\")'",
      'gcore -o dist/core 4242',
      'strace -f -e trace=read -s 4096 -p 4242',
      "strace -e trace=openat,read -s 9999 node -e 'require(\"dotenv\").config()'",
      'ltrace -e getenv -s 200 node src/index.js',
      "lldb -p 4242 --batch -o 'expr (char*)getenv(\"GITHUB_TOKEN\")'",
      'py-spy dump --locals --pid 4242',
      "grep -a -o 'sk_live_[A-Za-z0-9]*' /proc/4242/mem",
      'jmap -dump:format=b,file=/tmp/heap.hprof 4242',
      'jcmd 4242 GC.heap_dump /tmp/heap.hprof',
      'node inspect 127.0.0.1:9229',
      "bpftrace -e 'uprobe:/bin/bash:readline { printf(\"%s\\n\", str(retval)); }'",
      'strings /proc/kcore',
      'sudo sslsniff-bpfcc',
    ],
    allow: ['gdb ./a.out', 'gdb -batch -ex bt ./a.out core', 'strace -c ls', 'strace -e trace=openat ls', 'ltrace -c ls', 'py-spy top --pid 4242', 'py-spy record -o profile.svg --pid 4242', 'cat /proc/4242/status', 'lldb ./a.out', 'jmap -histo 4242', 'kill -TERM 4242', 'kill -USR1 4242', 'node inspect app.js', "bpftrace -e 'tracepoint:syscalls:sys_enter_openat { @[comm] = count(); }'"],
  },
};

/**
 * Verbose HTTP that prints the credentials it sends: `curl -v --netrc` (the Authorization header built from ~/.netrc),
 * `GIT_TRACE_CURL=1 GIT_TRACE_REDACT=0 git fetch` (git's own trace with redaction switched off).
 */
const verboseCredentials: ShellRule = {
  id: 'secrets.verbose-credentials',
  pack: 'secrets',
  kind: 'shell',
  severity: 'high',
  reason: 'Prints the credentials a request sends: verbose curl with credentials from ~/.netrc or a credentials option, or git\'s HTTP trace with redaction turned off.',
  names: ['curl', 'git'],
  match(cmd) {
    if (cmd.name === 'curl') {
      const verbose = hasFlag(cmd.args, ['--verbose', '--trace', '--trace-ascii'], 'v') || cmd.args.some((x) => x.startsWith('--trace'));
      const creds = hasFlag(cmd.args, ['--netrc', '--netrc-optional', '--netrc-file'], 'n') || cmd.args.some((x) => x.startsWith('--netrc-file='));
      return verbose && creds ? { target: 'the Authorization header built from ~/.netrc' } : undefined;
    }
    if (cmd.name !== 'git') return undefined;
    const env = cmd.assignments;
    const tracing = ['GIT_TRACE_CURL', 'GIT_CURL_VERBOSE', 'GIT_TRACE', 'GIT_TRACE_PACKET'].some((k) => Object.hasOwn(env, k) && !/^(?:0|false|)$/i.test(env[k] ?? ''));
    return tracing && Object.hasOwn(env, 'GIT_TRACE_REDACT') && /^(?:0|false|no|off)$/i.test(env.GIT_TRACE_REDACT ?? '') ? { target: 'git\'s HTTP trace with credentials unredacted' } : undefined;
  },
  examples: {
    flag: ['curl -v --netrc https://api.github.com/user', 'curl --trace-ascii - -n https://api.example.com', 'GIT_CURL_VERBOSE=1 GIT_TRACE_REDACT=0 git ls-remote https://github.com/acme/app', 'GIT_TRACE_CURL=1 GIT_TRACE_REDACT=0 git fetch origin'],
    allow: ['curl -v https://example.com', 'curl --netrc https://api.github.com/user', 'GIT_TRACE_CURL=1 git fetch origin', 'GIT_TRACE=1 git status'],
  },
};

export const ENV_DUMP_RULES: readonly ShellRule[] = [envDump, interpreterEnv, dotenvPrint, metadataShell, decryptExport, processMemory, verboseCredentials];
/** Cluster and cloud MCP tools asked for a Secret object: its data comes back to the agent (base64 is no cover). */
const mcpClusterSecret: ActionRule = {
  id: 'secrets.mcp-cluster-secret',
  pack: 'secrets',
  kind: 'action',
  severity: 'high',
  reason: 'Asks a cluster or cloud MCP tool for a Secret object (Kubernetes Secret, secret manager value): its data reaches the agent.',
  defaultDecision: 'ask',
  match(action) {
    if (action.kind !== 'mcp' || !/get|describe|read|show|fetch|view|export|access|reveal|retrieve/i.test(action.tool)) return undefined;
    const input = action.input;
    // A tool named for reading a secret (`get_secret`, `read_secret`, `secrets_get`, `vault_read`), or a password
    // manager item asked with `reveal`: the value comes back to the agent
    if (/(?:^|[._-])(?:get|read|reveal|show|fetch|retrieve|view|access)[._-]?(?:secret|secret[._-]?value|password|credential)s?$|(?:^|[._-])secrets?[._-](?:get|read|reveal|show|value)$|(?:^|[._-])vault[._-](?:read|kv[._-]?get)$/i.test(action.tool)) return { target: `${action.server ? `${action.server}/` : ''}${action.tool}` };
    if (input && typeof input === 'object' && (input as Record<string, unknown>).reveal === true && /item|entry|get/i.test(action.tool)) return { target: `${action.tool} (reveal)` };
    if (!input || typeof input !== 'object') return undefined;
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      if (/^(?:kind|resource|resourceType|resource_type|type|resourceKind)$/i.test(k) && typeof v === 'string' && /^(?:secrets?|v1\/secrets?)$/i.test(v.trim())) {
        const name = (input as Record<string, unknown>).name;
        return { target: `secret ${typeof name === 'string' ? name : ''}`.trim() };
      }
    }
    return undefined;
  },
  examples: {
    flag: [
      { kind: 'mcp', server: 'kubernetes', tool: 'kubectl_get', input: { resourceType: 'secrets', name: 'orders-db', output: 'yaml' } },
      { kind: 'mcp', server: 'k8s', tool: 'resources_get', input: { kind: 'Secret', name: 'db', namespace: 'prod' } },
      { kind: 'mcp', server: 'k8s', tool: 'get_secret', input: { name: 'api', namespace: 'prod', decode: true } },
      { kind: 'mcp', server: 'vault', tool: 'read_secret', input: { path: 'secret/app/prod' } },
      { kind: 'mcp', server: '1password', tool: 'item_get', input: { vault: 'Eng', item: 'master.key', reveal: true } },
    ],
    allow: [
      { kind: 'mcp', server: 'kubernetes', tool: 'kubectl_get', input: { resourceType: 'pods', namespace: 'prod' } },
      { kind: 'mcp', server: 'kubernetes', tool: 'kubectl_describe', input: { resourceType: 'deployment', name: 'api' } },
      { kind: 'mcp', server: 'vault', tool: 'list_secrets', input: { path: 'secret/app' } },
      { kind: 'mcp', server: '1password', tool: 'item_get', input: { vault: 'Eng', item: 'deploy notes' } },
      { kind: 'mcp', server: 'github', tool: 'get_secret_scanning_alert', input: { owner: 'a', repo: 'b', alertNumber: 1 } },
    ],
  },
};

export const ENV_DUMP_ACTION_RULES: readonly ActionRule[] = [metadataFetch, mcpClusterSecret];
