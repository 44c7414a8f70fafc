// A corpus built at test time (never committed: its fakes are token-shaped), one file per assignment
// shape and language, plus one per provider format. Values are wrapped in \u0001rule\u0002value\u0003
// markers while the files are written, so each planted line is known exactly.
import { withGithubChecksum } from '../../../../src/core/secrets/checksums';
import { fake } from '../../../../src/core/secrets/samples';
import { DETECTORS } from '../../../../src/core/secrets/scan';

export interface Planted {
  file: string;
  line: number;
  rule: string;
}

const P = (rule: string, value: string): string => `\u0001${rule}\u0002${value}\u0003`;
const tok = (seed: string, n = 32): string => fake(seed, ['alnum', n]);
const pw = (seed: string): string => fake(seed, ['alnum', 8], '#', ['alnum', 5]);
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

function sources(): Record<string, string> {
  const long = fake('long', ['b64', 700]);
  const jwt = `${b64url('{"alg":"RS256","typ":"JWT"}')}.${b64url('{"sub":"ci","aud":"deploy"}')}.${fake('jwt', ['url', 86])}`;
  return {
    // Typed declarations.
    'src/config.ts': `export const region = 'eu-west-1';\nconst apiToken: string = "${P('generic-secret', tok('ts'))}";\nlet count: number = 3;\n`,
    'app/settings.py': `DEBUG: bool = False\nAPI_TOKEN: str = "${P('generic-secret', tok('py'))}"\nNAME: str = "billing"\n`,
    'src/main.rs': `const NAME: &str = "svc";\nconst API_TOKEN: &str = "${P('generic-secret', tok('rs'))}";\nstatic SIGNING_SECRET: &'static str = "${P('generic-secret', tok('rs2'))}";\n`,
    'app/src/App.kt': `val region: String = "eu"\nval apiToken: String = "${P('generic-secret', tok('kt'))}"\n`,
    'cmd/main.go': `package main\n\nvar apiToken string = "${P('generic-secret', tok('go'))}"\nvar name string = "svc"\n\nfunc main() {\n\tclientSecret := \`${P('generic-secret', tok('go2'))}\`\n\t_ = clientSecret\n}\n`,
    'swift/Config.swift': `let host: String = "api.internal"\nlet authToken: String = "${P('generic-secret', tok('swift'))}"\n`,
    // Assignment forms.
    'java/Main.java': `class Main {\n  static void init() {\n    System.setProperty("PAYMENTS_TOKEN", "${P('generic-secret', tok('java'))}");\n    props.put("db.password", "${P('generic-password', pw('java2'))}");\n  }\n}\n`,
    'web/index.php': `<?php\n$apiToken .= "${P('generic-secret', tok('php'))}";\n$name = "shop";\n`,
    // A credential stated in prose, as a handover note or a commit message has it.
    'ops/handover.txt': `Cutover notes\nThe temporary billing_admin password on the new instance\nis ${P('prose-credential', fake('prose', ['alnum', 10], '7', ['alnum', 6]))} until rotation on Monday.\n`,
    // Fallback defaults of credential-named environment variables.
    'config/database.yml': `default: &default\n  adapter: postgresql\n  username: <%= ENV.fetch("DB_USER") { "shop" } %>\n  password: <%= ENV.fetch("DB_PASSWORD") { "${P('generic-password', pw('erb'))}" } %>\n  host: <%= ENV.fetch("DB_HOST", "localhost") %>\n`,
    'app/settings_env.py': `import os\nREGION = os.getenv("REGION", "eu-west-1")\nAPI_TOKEN = os.getenv("API_TOKEN", "${P('generic-secret', tok('getenv'))}")\nEMPTY = os.getenv("SECRET_KEY", "")\n`,
    'src/config_env.js': `const port = process.env.PORT || 3000;\nconst secret = process.env.SESSION_SECRET || '${P('generic-secret', tok('jsdefault'))}';\nconst other = process.env.API_KEY ?? 'changeme';\n`,
    'scripts/start.sh': `#!/bin/sh\nexport PORT=\${PORT:-8080}\nexport DB_PASSWORD=\${DB_PASSWORD:-${P('generic-password', pw('shdefault'))}}\n`,
    'web/wp-config.php': `<?php\ndefine( 'DB_NAME', 'shop' );\ndefine( 'DB_PASSWORD', '${P('generic-password', pw('wp'))}' );\ndefine('AUTH_KEY', '${P('generic-secret', tok('wp2', 48))}');\ndefine( 'SECURE_AUTH_SALT', '${P('generic-secret', fake('wp-salt', ['printable', 64]))}' );\ndefine( 'LOGGED_IN_SALT', '${P('generic-secret', fake('wp-salt2', ['printable', 64]))}' );\n`,
    Makefile: `NAME := svc\nAPI_TOKEN ::= ${P('generic-secret', tok('mk'))}\nDEPLOY_SECRET :::= "${P('generic-secret', tok('mk2'))}"\nREGISTRY_PASSWORD ?= ${P('generic-password', pw('mk3'))}\n`,
    'deploy/Dockerfile': `FROM node:20\nENV NODE_ENV=production\nARG NPM_AUTH_TOKEN=${P('generic-secret', tok('docker'))}\nENV SESSION_SECRET ${P('generic-secret', tok('docker2'))}\n`,
    'deploy/docker-compose.yml': `services:\n  api:\n    environment:\n      - API_TOKEN=${P('generic-secret', tok('compose'))}\n      LOG_LEVEL: info\n      JWT_SECRET: "${P('generic-secret', tok('compose2'))}"\n`,
    'infra/main.tf': `resource "x" "y" {\n  name = "svc"\n  api_token = "${P('generic-secret', tok('hcl'))}"\n}\n`,
    'conf/app.properties': `app.name=svc\nmail.smtp.password=${P('generic-password', pw('props'))}\n`,
    'conf/app.toml': `[server]\nport = 8080\n[auth]\nclient_secret = "${P('generic-secret', tok('toml'))}"\n`,
    'conf/web.xml': `<config>\n  <name>svc</name>\n  <apiToken>${P('generic-secret', tok('xml'))}</apiToken>\n</config>\n`,
    'scripts/env.sh': `#!/bin/sh\nexport PATH=/usr/bin\nexport DEPLOY_TOKEN='${P('generic-secret', tok('sh'))}'\n`,
    'ruby/config.rb': `ENV["STRIPE_WEBHOOK_SECRET"] = "${P('generic-secret', tok('rb'))}"\n`,
    // NEW_/OLD_ keys, digitless tokens, long unquoted values.
    '.env': `NEW_API_TOKEN=${P('generic-secret', tok('new'))}\nOLD_DB_PASSWORD=${P('generic-password', pw('old'))}\nHF_TOKEN=${P('huggingface-token', fake('hf', 'hf_', ['letters', 34]))}\nSIGNING_SECRET=${P('generic-secret', long)}\n`,
    'k8s/values.yaml': `replicas: 2\nsigning_secret: ${P('generic-secret', long)}\n`,
    // Command lines and URLs.
    'scripts/backup.sh': `#!/bin/sh\ncurl -fsS -u backup:${P('curl-basic-auth', pw('curl'))} https://storage.internal/upload\n`,
    'scripts/clone.sh': `git clone https://deploy:${P('url-password', 'Tr0ub4dor-' + fake('url', ['alnum', 6]))}@git.corp-net.io/acme/app.git\n`,
    'config/database.env': `DATABASE_URL=postgres://billing:${P('database-url-password', 'correcthorsebattery')}@db.prod.internal:5432/billing\n`,
    // Base64-wrapped JWTs and Kubernetes Secrets.
    'k8s/jwt-config.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  token: ${P('jwt-base64', b64(jwt))}\n`,
    'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ntype: Opaque\ndata:\n  username: ${b64('deploy')}\n  api-key: ${P('kubernetes-secret', b64(tok('k8s', 40)))}\n`,
    'NuGet.Config': `<configuration>\n  <packageSourceCredentials>\n    <feed>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${P('nuget-config-password', tok('nuget', 20))}" />\n    </feed>\n  </packageSourceCredentials>\n</configuration>\n`,
    Gemfile: `source "https://rubygems.org"\nsource "https://${P('sidekiq-credential', `${fake('sk1', ['hex', 8])}:${fake('sk2', ['hex', 8])}`)}@gems.contribsys.com/" do\n  gem "sidekiq-pro"\nend\n`,
    'web/package.json': `{\n  "name": "web",\n  "dependencies": {\n    "private-lib": "git+https://${P('git-url-token', fake('xo', ['hex', 40]))}:x-oauth-basic@github.com/acme/lib.git#v1.0.0"\n  }\n}\n`,
    // A CI checkout's leftover header in a repository's git config
    'ci/gitconfig': `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${P('basic-auth-header', b64(`x-access-token:${tok('ghs', 36)}`))}\n`,
    // A checksummed GitHub token that reads like a placeholder to a variety check.
    'ci/gh.env': `GH_TOKEN=${P('github-token', withGithubChecksum('ghp_', 'AbAbAbAbAbAbAbAbAbAbAbAbAbAbAb'))}\n`,
    // Decoys: none of these may be reported.
    'decoys/lock.json': `{"integrity": "sha512-${fake('lock', ['b64', 86])}==", "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz"}\n`,
    'decoys/ids.ts': `const requestId: string = "${fake('uuid', ['hex', 8])}-1234-4abc-9def-${fake('uuid2', ['hex', 12])}";\nconst commitSha = "${fake('sha', ['hex', 40])}";\n`,
    'decoys/placeholders.env': `API_TOKEN=your-api-token-here\nSECRET_KEY=abc123xyz456def789\nPASSWORD=changeme\nTOKEN=\${TOKEN}\nAPI_KEY=<api-key>\nAUTH_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxx\nCLIENT_SECRET=12345678901234567890\n`,
    'decoys/names.py': `refresh_token_client_acquire_token = "refreshTokenClientAcquireTokenSilently"\nTOKEN_TYPE: str = "Bearer"\n`,
  };
}

/** Every provider-format detector planted once, from its own first example, in its own file. */
function providerFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of DETECTORS) {
    if (!d.id.match(/^[a-z0-9-]+$/) || d.examples.flag.length === 0) continue;
    const first = d.examples.flag[0]!;
    if (first.includes('\n') || !/^[A-Z][A-Z0-9_]*=/.test(first)) continue;
    const eq = first.indexOf('=');
    out[`providers/${d.id}.env`] = `# ${d.id}\n${first.slice(0, eq + 1)}${P(d.id, first.slice(eq + 1))}\n`;
  }
  return out;
}

export function buildShapesCorpus(): { files: Record<string, string>; planted: Planted[] } {
  const files: Record<string, string> = {};
  const planted: Planted[] = [];
  for (const [file, marked] of Object.entries({ ...sources(), ...providerFiles() })) {
    const lines = marked.split('\n');
    lines.forEach((l, i) => {
      for (const m of l.matchAll(/\u0001([a-z0-9-]+)\u0002/g)) planted.push({ file, line: i + 1, rule: m[1]! });
    });
    files[file] = marked.replace(/\u0001[a-z0-9-]+\u0002/g, '').replace(/\u0003/g, '');
  }
  return { files, planted };
}
