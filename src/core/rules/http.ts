// HTTP requests that delete: DELETE from curl/wget/HTTPie/xh/gh api/PowerShell/script one-liners, GraphQL
// mutations whose top-level fields delete, destroy, drop, remove, purge, wipe, reset, truncate or erase, SQL
// sent to database HTTP APIs, POSTs to …/delete-style endpoints and destructive gRPC methods. The incident
// this project exists for was one such curl (`volumeDelete` to a provider's GraphQL API).
import type { AgentAction } from '../action';
import { guessEnvironment, worseEnvironment } from '../environment';
import { destructiveMutationFields, hasReadableOperation, isDestructiveFieldName } from './lib/graphql';
import { bodyTexts, methodOverrideIn, readHttpRequest as readRequestUncached, type HttpRequest } from './lib/http-args';
import { graphqlCandidates, sqlCandidates } from './lib/http-body';
import { memoByCommand, memoByCommandAndContext } from './lib/memo';
import { findSqlDataLoss } from './lib/sql';
import { foldConcatenation } from '../effects/code_scan';
import { firstUrl, inlineScript, scriptSendsDelete, scriptTalksHttp } from './lib/scripts';
import { clip, optionValues } from './lib/words';
import type { ActionRule, RuleContext, RuleMatch, ShellRule, SimpleCommand } from './types';

const readHttpRequest = memoByCommand(readRequestUncached);

/** The request's bodies as text and the destructive mutation fields in them, computed once per command. */
const requestBodies = memoByCommandAndContext((cmd: SimpleCommand, ctx: RuleContext) => {
  const req = readHttpRequest(cmd);
  if (!req) return undefined;
  const { texts, opaque } = bodyTexts(req, cmd, ctx.readFile?.bind(ctx));
  return { req, texts, opaque, fields: destructiveFieldsInTexts(texts) };
});

function targetOf(req: HttpRequest): string {
  return clip(req.urls[0] ?? 'unknown URL', 120);
}

function environmentOf(req: HttpRequest, cmd: SimpleCommand): RuleMatch['environment'] {
  // Every signal counts and the strongest wins: a request to a local proxy (127.0.0.1) that deletes
  // `vol-prod-7f3a` is a production delete, whatever the endpoint looks like.
  return worseEnvironment(guessEnvironment(req.urls), guessEnvironment(cmd.text));
}

/** Destructive mutation field names across every body, URL query and encoding the request carries. */
export function destructiveFieldsInTexts(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!/mutation/.test(text) && !/mutation/i.test(safeDecode(text))) continue;
    for (const doc of graphqlCandidates(text)) for (const f of destructiveMutationFields(doc)) out.add(f);
  }
  return [...out];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Last path segment that is itself a destructive verb, or an Elasticsearch/OpenSearch bulk-delete API. */
const DESTRUCTIVE_ENDPOINT = /\/(?:_delete_by_query|delete|destroy|drop|purge|wipe|truncate|erase)\/?$/i;
/**
 * A last segment that says which data it wipes (`reset-db`, `db/reset`, `drop_tables`, `wipe-all`, `truncate-events`,
 * `factory-reset`): destructive on any host, a local dev server included.
 */
const DATA_WIPE_ENDPOINT = /\/(?:(?:reset|wipe|drop|purge|truncate|nuke|flush|clear)[-_](?:db|database|data|tables?|schema|all|everything|\w+s)|(?:db|database|data)[-_/](?:reset|wipe|drop|purge|truncate|nuke)|factory[-_]reset|flushall|flushdb)\/?$/i;
/** `…/reset` on a remote API (a branch, a database); a developer's own local server resetting test state is routine. */
const RESET_ENDPOINT = /\/reset\/?$/i;
/** RPC-style method names in the last path segment: `chat.delete`, `files/delete_v2`, `deleteMessage`, `batch-delete`. */
const DESTRUCTIVE_METHOD_WORD = /^(?:delete|destroy|purge|wipe|truncate|erase|drop)$/i;
/** Machine actions that wipe a disk when sent to a provider (DigitalOcean `"type":"rebuild"`, Hetzner `/actions/rebuild`). */
const REBUILD_ENDPOINT = /\/actions\/(?:rebuild|reinstall|restore)\/?$/i;
const REBUILD_BODY = /["']type["']\s*:\s*["'](?:rebuild|restore)["']/i;
/** Elasticsearch/OpenSearch updates of every matching document that remove fields or delete the documents. */
const UPDATE_BY_QUERY_LOSS = /\.remove\s*\(|ctx\.op\s*=\s*\\?["']delete|=\s*null/;

function lastSegmentWords(path: string): string[] {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return last.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[\s._-]+/).filter((w) => w.length > 0);
}

const LOCAL_HOST = /^(?:https?:\/\/)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?(?:\/|$)/i;

function looksGraphql(req: HttpRequest): boolean {
  return req.urls.some((u) => /graphql|\/gql\b|\/v1\/graphql|backboard\./i.test(u)) || req.client === 'gh api' && req.urls.includes('graphql');
}

/** A file named in code that reads it: `open("x")`, `readFileSync('x')`, `File.read("x")`, `Path("x").read_text()`. */
const CODE_READS = /\b(?:open|readFileSync|readFile|file_get_contents|File\s*\.\s*read|IO\s*\.\s*read|Deno\s*\.\s*readTextFile|Bun\s*\.\s*file)\s*\(\s*(["'])([^"'\n]{1,200})\1|\bPath\s*\(\s*(["'])([^"'\n]{1,200})\3\s*\)\s*\.\s*read_(?:text|bytes)/g;

/** Programs that send their stdin over a raw TCP/TLS connection. */
const SOCKET_TOOLS = ['nc', 'ncat', 'netcat', 'telnet', 'socat', 'openssl', 'gnutls-cli', 'printf', 'echo'];
const RAW_REQUEST_LINE = /^\s*(DELETE|POST|PUT|PATCH)\s+(\S+)\s+HTTP\/\d(?:\.\d)?/i;

/** Where a socket tool connects: `nc host 80`, `openssl s_client -connect host:443`, `socat - TCP:host:80`, `>/dev/tcp/host/80`. */
function socketPeer(cmd: SimpleCommand): string | undefined {
  const a = cmd.args;
  if (cmd.name === 'openssl' || cmd.name === 'gnutls-cli') {
    if (cmd.name === 'openssl' && a[0] !== 's_client') return undefined;
    const i = a.findIndex((x) => x === '-connect');
    return i >= 0 ? a[i + 1] ?? '?' : a.find((x) => !x.startsWith('-') && x !== 's_client') ?? '?';
  }
  if (cmd.name === 'socat') return a.find((x) => /^(?:TCP|TCP4|TCP6|OPENSSL|SSL)[:-]/i.test(x))?.replace(/^[A-Z0-9-]+:/i, '');
  if (cmd.name === 'printf' || cmd.name === 'echo') {
    const r = cmd.redirects.find((x) => /^\/dev\/(?:tcp|udp)\//.test(x.target) || (/^\d*>&$/.test(x.op) && /^(?:[3-9]|\d\d+)$/.test(x.target)));
    return r === undefined ? undefined : r.target.startsWith('/dev/') ? r.target.slice(9) : `fd ${r.target}`;
  }
  const hosts = a.filter((x) => !x.startsWith('-'));
  return hosts.length ? hosts.join(':') : undefined;
}

/**
 * `printf 'DELETE /v1/x HTTP/1.1\r\n…' | nc host 80`, `openssl s_client -connect h:443 <<< $'DELETE …'`,
 * `printf 'DELETE …' >&3` after `exec 3<>/dev/tcp/h/80`: an HTTP request written by hand, judged as curl's would be.
 */
const rawSocketRequest: ShellRule = {
  id: 'http.raw-socket-delete',
  pack: 'http',
  kind: 'shell',
  names: SOCKET_TOOLS,
  severity: 'critical',
  reason: 'Writes an HTTP DELETE request (or a GraphQL mutation that deletes) by hand to a raw socket (nc, openssl s_client, socat, telnet, /dev/tcp).',
  defaultDecision: 'ask',
  match(cmd) {
    if (cmd.name === undefined || !SOCKET_TOOLS.includes(cmd.name)) return undefined;
    const peer = socketPeer(cmd);
    if (peer === undefined) return undefined;
    const text = cmd.name === 'printf' || cmd.name === 'echo' ? cmd.args.filter((x) => !/^-[neE]+$/.test(x)).join(' ') : cmd.stdin;
    if (text === undefined) return undefined;
    const request = text.replace(/\\r/g, '\r').replace(/\\n/g, '\n');
    const line = RAW_REQUEST_LINE.exec(request);
    if (!line) return undefined;
    const method = line[1].toUpperCase();
    const body = request.replace(/^[\s\S]*?\r?\n\r?\n/, '');
    const fields = method === 'DELETE' ? [] : destructiveFieldsInTexts([body]);
    if (method !== 'DELETE' && fields.length === 0) return undefined;
    const target = `${peer} ${line[2]}`;
    return { target: clip(target, 120), environment: guessEnvironment(target), detail: method === 'DELETE' ? `raw ${method} via ${cmd.name}` : `mutation ${fields.slice(0, 3).join(', ')} via ${cmd.name}` };
  },
  examples: {
    flag: [
      "printf 'DELETE /v1/volumes/42 HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n' | nc api.example.com 80",
      "openssl s_client -quiet -connect api.example.com:443 <<< $'DELETE /v1/volumes/42 HTTP/1.1\\r\\nHost: api.example.com\\r\\n'",
      "exec 3<>/dev/tcp/api.example.com/80; printf 'DELETE /v1/volumes/42 HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n' >&3",
      "printf 'DELETE /v1/volumes/42 HTTP/1.0\\r\\n\\r\\n' > /dev/tcp/api.example.com/80",
      "echo -e 'DELETE /indexes/movies HTTP/1.1\\r\\nHost: ms\\r\\n' | ncat ms.internal 7700",
      "printf 'DELETE /v1/volumes/42 HTTP/1.1\\r\\n\\r\\n' | socat - TCP:api.example.com:80",
      "printf 'POST /graphql HTTP/1.1\\r\\nHost: api\\r\\nContent-Type: application/json\\r\\n\\r\\n{\"query\":\"mutation { volumeDelete(volumeId: 1) }\"}' | nc api.example.com 80",
    ],
    allow: [
      "printf 'GET /health HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n' | nc api.example.com 80",
      "printf 'DELETE /v1/volumes/42 HTTP/1.1\\r\\n'",
      "openssl s_client -connect api.example.com:443 <<< $'HEAD / HTTP/1.1\\r\\nHost: api.example.com\\r\\n'",
      'nc -zv db.internal 5432',
      "printf 'POST /graphql HTTP/1.1\\r\\n\\r\\n{\"query\":\"query { volumes { id } }\"}' | nc api.example.com 80",
      "echo 'DELETE /x HTTP/1.1' > request.txt",
    ],
  },
};

export const HTTP_RULES: ShellRule[] = [
  rawSocketRequest,
  {
    id: 'http.delete-method',
    pack: 'http',
    kind: 'shell',
    severity: 'high',
    reason: 'Sends an HTTP DELETE request (or a method chosen at run time): the API deletes the resource at that URL.',
    defaultDecision: 'ask',
    match(cmd) {
      const req = readHttpRequest(cmd);
      if (req) {
        // `-X "$METHOD"`: a method chosen at run time may be DELETE
        if (req.method !== 'DELETE' && !req.method.startsWith('$')) return undefined;
        return { target: targetOf(req), environment: environmentOf(req, cmd), detail: `${req.client} ${req.method}` };
      }
      const code = inlineScript(cmd);
      if (code === undefined || !scriptSendsDelete(code)) return undefined;
      const url = firstUrl(code) ?? 'URL in script';
      return { target: clip(url, 120), environment: guessEnvironment(url), detail: `${cmd.name} script sends DELETE` };
    },
    examples: {
      flag: [
        'curl -X DELETE https://api.example.com/v1/projects/42',
        'curl --request=DELETE https://api.example.com/users/7',
        'curl -sS -XDELETE "http://localhost:9200/logs-*"',
        // search indexes and DNS records over HTTP (issue #11)
        'curl -X DELETE "https://search.example.com:9200/orders-2024" -u admin:$OS_PASS',
        'curl -X DELETE "https://ms.example.com/indexes/movies" -H "Authorization: Bearer $MEILI_KEY"',
        'curl -X DELETE "https://APPID.algolia.net/1/indexes/products" -H "X-Algolia-API-Key: $K"',
        'curl -X DELETE "https://api.cloudflare.com/client/v4/zones/Z1/dns_records/R1" -H "Authorization: Bearer $CF_TOKEN"',
        'curl -H "Authorization: Bearer $TOKEN" --request DELETE https://api.stripe.com/v1/customers/cus_123',
        'http DELETE https://api.example.com/items/3 "Authorization:Bearer $T"',
        'xh delete api.example.com/items/3',
        'wget --method=DELETE https://api.example.com/buckets/old',
        'gh api -X DELETE repos/acme/api/git/refs/heads/main',
        'M=DELETE; curl -X "$M" https://api.example.com/v1/volumes/9',
        'python3 -c "import requests; requests.delete(\'https://api.example.com/v1/volumes/9\', headers=h)"',
        "node -e \"fetch('https://api.example.com/v1/projects/1', { method: 'DELETE' })\"",
        "curl -X POST -H 'X-HTTP-Method-Override: DELETE' https://api.example.com/v1/volumes/42",
        "curl -d '_method=DELETE' https://api.example.com/v1/projects/42",
        'curl --data-urlencode _method=delete https://api.example.com/v1/projects/42',
        "curl -H 'Content-Type: application/json' -d '{\"_method\":\"DELETE\"}' https://api.example.com/v1/projects/42",
        'curl -F _method=DELETE https://api.example.com/v1/projects/42',
        "curl -X POST 'https://api.example.com/v1/projects/42?_method=DELETE'",
        'ruby -rnet/http -e \'Net::HTTP.new("api.example.com", 443).delete("/v1/volumes/42")\'',
        'wget --header="X-HTTP-Method: DELETE" --post-data= https://api.example.com/v1/volumes/42',
        "curl --variable m=DELETE --expand-request '{{m}}' https://api.example.com/v1/volumes/42",
        "curl --variable %M --expand-request '{{M}}' https://api.example.com/v1/volumes/42",
        "node -e \"fetch('https://api.example.com/v1/volumes/42',{method:'DEL'+'ETE'})\"",
        "python3 -c \"import requests; requests.request('DEL' 'ETE', 'https://api.example.com/v1/volumes/42')\"",
        'python3 -c "import urllib.request as u; u.urlopen(u.Request(\'https://api.example.com/v1/volumes/42\', method=\'DEL\' + \'ETE\'))"',
        'perl -MHTTP::Tiny -e \'HTTP::Tiny->new->delete("https://api.example.com/v1/volumes/42")\'',
        'perl -MLWP::UserAgent -e \'$ua = LWP::UserAgent->new; $ua->request(HTTP::Request->new(DELETE => "https://api.example.com/v1/volumes/42"))\'',
        'perl -MLWP::UserAgent -e \'my $ua = LWP::UserAgent->new; $ua->delete("https://api.example.com/v1/volumes/42")\'',
        'php -r \'file_get_contents("https://api.example.com/v1/volumes/42", false, stream_context_create(["http"=>["method"=>"DELETE"]]));\'',
        'php -r \'$c = curl_init("https://api.example.com/v1/volumes/42"); curl_setopt($c, CURLOPT_CUSTOMREQUEST, "DELETE"); curl_exec($c);\'',
        'ruby -rnet/http -e \'u = URI("https://api.example.com/v1/volumes/42"); Net::HTTP.start(u.host, 443, use_ssl: true) { |h| h.request(Net::HTTP::Delete.new(u)) }\'',
      ],
      allow: [
        "curl -H 'X-HTTP-Method-Override: GET' https://api.example.com/v1/volumes",
        "curl -d '_method=PUT&name=x' https://api.example.com/v1/projects/42",
        "curl 'https://api.example.com/v1/projects/42?_method=DELETE'",
        "curl -d 'note=use _method to override' https://api.example.com/v1/notes",
        'curl https://api.example.com/v1/projects/42',
        'curl -X POST -d \'{"name":"x"}\' https://api.example.com/projects',
        'http GET https://api.example.com/items',
        'curl -sSL https://example.com/delete-account-faq.html',
        'wget https://example.com/file.tar.gz',
        'gh api repos/acme/api/pulls',
        'python3 -c "import requests; print(requests.get(\'https://api.example.com/v1\').json())"',
        "node -e \"const m = new Map(); m.delete('k')\"",
        'perl -MHTTP::Tiny -e \'print HTTP::Tiny->new->get("https://api.example.com/v1/volumes")->{content}\'',
        'php -r \'echo file_get_contents("https://api.example.com/v1/volumes", false, stream_context_create(["http"=>["method"=>"GET"]]));\'',
        "node -e \"fetch('https://api.example.com/v1/volumes',{method:'G'+'ET'})\"",
        "curl --variable m=GET --expand-request '{{m}}' https://api.example.com/v1/volumes/42",
        "curl --variable id=42 --expand-url 'https://api.example.com/v1/volumes/{{id}}'",
        'perl -e \'my %h = (a => 1); delete $h{a}; print "ok"\'',
      ],
    },
  },
  {
    id: 'http.graphql-destructive',
    pack: 'http',
    kind: 'shell',
    severity: 'critical',
    reason: 'Sends a GraphQL mutation that deletes, destroys, drops, removes, purges, wipes or resets data on the server.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      // GraphQL command-line clients: `gq URL -q 'mutation …'`, `graphqurl URL --queryFile=m.graphql`
      if (cmd.name === 'graphqurl' || cmd.name === 'gq') {
        const docs = [...optionValues(cmd.args, ['--query'], ['-q']), ...optionValues(cmd.args, ['--queryFile']).map((f) => ctx.readFile?.(f) ?? '')];
        const fields = destructiveFieldsInTexts(docs);
        const url = cmd.args.find((a) => /^https?:\/\//.test(a)) ?? 'the GraphQL endpoint';
        return fields.length === 0 ? undefined : { target: clip(url, 120), environment: guessEnvironment(url), detail: `mutation ${fields.slice(0, 3).join(', ')}` };
      }
      const req = readHttpRequest(cmd);
      if (!req) {
        // fetch()/requests.post() in an interpreter one-liner carrying the same mutation
        const written = inlineScript(cmd);
        // `"mutation { " + "volume" + "Delete(…) }"`: literals joined in the code are one document
        const code = written === undefined ? undefined : foldConcatenation(written);
        if (code === undefined || !scriptTalksHttp(code)) return undefined;
        // `requests.post(url, data=open("mutation.json").read())`: the files the code reads may hold the document
        const files = [...code.matchAll(CODE_READS)].slice(0, 4).map((m) => ctx.readFile?.(m[2] ?? m[4] ?? ''));
        const fields = destructiveFieldsInTexts([code, ...files.filter((t): t is string => t !== undefined)]);
        if (fields.length === 0) return undefined;
        const url = firstUrl(code) ?? 'URL in script';
        return { target: clip(url, 120), environment: guessEnvironment(url), detail: `mutation ${fields.slice(0, 3).join(', ')}` };
      }
      const { fields } = requestBodies(cmd, ctx)!;
      if (fields.length === 0) return undefined;
      return { target: targetOf(req), environment: environmentOf(req, cmd), detail: `mutation ${fields.slice(0, 3).join(', ')}` };
    },
    examples: {
      flag: [
        'curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d \'{"query":"mutation { volumeDelete(volumeId: \\"…\\") }"}\'',
        'curl https://api.example.com/graphql --data-raw \'{"query":"mutation DeleteProject($id: ID!) { deleteProject(id: $id) { id } }","variables":{"id":"p1"}}\'',
        'curl -s https://api.example.com/graphql -H "Content-Type: application/json" --json \'{"query":"mutation { a: projectDestroy(id: 1) }"}\'',
        'curl -d @body.json https://backboard.railway.app/graphql/v2',
        'http POST https://api.example.com/graphql query=\'mutation { purge_cache(all: true) }\'',
        'gh api graphql -f query=\'mutation { deleteRepository(input: {repositoryId: "R_1"}) { clientMutationId } }\'',
        "npx graphqurl https://hasura.example.com/v1/graphql -q 'mutation { delete_orders(where: {}) { affected_rows } }'",
        "gq https://api.example.com/graphql -q 'mutation { projectDelete(id: 1) }'",
        `python3 -c "import requests; requests.post('http://localhost:3000/graphql', json={'query': 'mutation { truncateEvents }'})"`,
        'curl https://api.example.com/graphql -H "Content-Type: application/graphql" -d \'mutation { wipeDatabase }\'',
        'curl https://api.example.com/graphql -d \'{"query":"mutation { ...Gone } fragment Gone on Mutation { environmentDelete(id: \\"e\\") }"}\'',
        'curl https://backboard.railway.app/graphql/v2 -d "$(jq -n --arg id "$VOL" \'{query: "mutation { volumeDelete(volumeId: \\"\\($id)\\") }"}\')"',
        "node -e \"fetch('https://backboard.railway.app/graphql/v2', { method: 'POST', body: JSON.stringify({ query: 'mutation { volumeDelete(volumeId: \\\"v\\\") }' }) })\"",
        'python3 -c \'import requests; requests.post("https://backboard.railway.app/graphql/v2", data=open("body.json").read())\'',
        "node -e 'fetch(\"https://backboard.railway.app/graphql/v2\",{method:\"POST\",body:JSON.stringify({query: \"mutation { \" + \"volume\" + \"Delete(volumeId: 1) }\"})})'",
        'python3 -c \'import requests; requests.post("https://api.example.com/graphql", json={"query": "mutation { project" "Delete(id: 1) }"})\'',
      ],
      allow: [
        "gq https://api.example.com/graphql -q 'query { projects { id } }'",
        "node -e 'fetch(\"https://api.example.com/graphql\",{method:\"POST\",body:JSON.stringify({query: \"query { \" + \"volume\" + \"s { id } }\"})})'",
        'curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $RAILWAY_TOKEN" -d \'{"query":"query { me { projects { edges { node { id name } } } } }"}\'',
        'curl https://api.example.com/graphql -d \'{"query":"mutation { createProject(name: \\"x\\") { id deletedAt } }"}\'',
        'curl https://api.example.com/graphql -d \'{"query":"query { deletedProjects { id } }"}\'',
        'curl -d @query.json https://api.example.com/graphql',
        'python3 -c \'import requests; requests.post("https://api.example.com/graphql", data=open("query.json").read())\'',
        'curl https://api.example.com/graphql -d \'{"query":"mutation { updateUser(id: 1, name: \\"delete me\\") { id } }"}\'',
        'echo \'mutation { volumeDelete(volumeId: "x") }\'',
      ],
    },
  },
  {
    id: 'http.graphql-opaque-body',
    pack: 'http',
    kind: 'shell',
    severity: 'medium',
    reason: 'Posts to a GraphQL API a body Airlock cannot read (generated at run time or from an unreadable file), so a destructive mutation cannot be ruled out.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      const req = readHttpRequest(cmd);
      if (!req || !looksGraphql(req)) return undefined;
      const { texts, opaque } = requestBodies(cmd, ctx)!;
      if (texts.some((t) => /mutation/.test(t))) return undefined; // read by http.graphql-destructive
      // `-d "{\"query\":\"$Q\"}"`: the document itself is a run-time value, so nothing readable remains
      const dynamic = req.bodies.some((b) => b.from === 'inline' && b.dynamic);
      if (opaque === 0 && !dynamic) return undefined;
      if (texts.some((t) => graphqlCandidates(t).some(hasReadableOperation))) return undefined;
      return { target: targetOf(req), environment: environmentOf(req, cmd), detail: 'request body not readable' };
    },
    examples: {
      flag: [
        'curl -X POST https://backboard.railway.app/graphql/v2 -d "$(cat /tmp/payload | base64 -d)"',
        'curl https://api.example.com/graphql -d @missing.json',
        'curl https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $T" -d "{\\"query\\":\\"$Q\\"}"',
      ],
      allow: [
        'curl -d @query.json https://api.example.com/graphql',
        'curl https://api.example.com/graphql -d \'{"query":"{ me { id } }"}\'',
        'curl -d "$(cat body.json)" https://api.example.com/v1/items',
        'curl https://api.example.com/graphql -d "{\\"query\\":\\"query { user(id: $ID) { name } }\\"}"',
      ],
    },
  },
  {
    id: 'http.sql-destructive',
    pack: 'http',
    kind: 'shell',
    severity: 'critical',
    reason: 'Sends SQL that drops, truncates or deletes every row to a database HTTP API (ClickHouse, InfluxDB, Supabase, D1, …).',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      const got = requestBodies(cmd, ctx);
      if (!got) return undefined;
      for (const text of got.texts) {
        if (!/drop|truncate|delete|update|alter/i.test(text)) continue;
        for (const sql of sqlCandidates(text)) {
          const hit = findSqlDataLoss(sql)[0];
          if (hit) return { target: targetOf(got.req), environment: environmentOf(got.req, cmd), detail: `${hit.kind} ${hit.target}` };
        }
      }
      return undefined;
    },
    examples: {
      flag: [
        'curl -X POST http://localhost:8123/ --data-binary "DROP TABLE events"',
        'curl -G http://localhost:8123 --data-urlencode "query=TRUNCATE TABLE events"',
        'curl -X POST https://api.supabase.com/v1/projects/abc/database/query -H "Authorization: Bearer $T" -d \'{"query":"DROP TABLE users"}\'',
        'curl "http://localhost:8086/query?q=DROP+DATABASE+metrics" -X POST',
        // Hasura's run_sql: the SQL sits one level down in the JSON body
        'curl -X POST http://localhost:8080/v2/query -d \'{"type":"run_sql","args":{"sql":"DROP TABLE users"}}\'',
        'curl -X POST localhost:8080/v2/query -d \'{"type":"bulk","args":[{"type":"run_sql","args":{"sql":"TRUNCATE orders"}}]}\'',
      ],
      allow: [
        'curl -X POST http://localhost:8123/ --data-binary "SELECT count() FROM events"',
        'curl -X POST https://api.example.com/v1/items -d \'{"label":"Delete from cart","query":"SELECT 1"}\'',
        'curl https://api.example.com/v1/search -d "q=drop table"',
      ],
    },
  },
  {
    id: 'http.destructive-endpoint',
    pack: 'http',
    kind: 'shell',
    severity: 'high',
    reason: 'Sends a write request to an API endpoint named for deleting, purging or (on a remote host) resetting: …/delete, …/purge, …/reset, _delete_by_query.',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      const req = readHttpRequest(cmd);
      if (!req || req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || req.method === 'DELETE') return undefined;
      let body: string | undefined;
      const bodyText = (): string => (body ??= bodyTexts(req, cmd, ctx.readFile?.bind(ctx)).texts.join('\n'));
      const url = req.urls.find((u) => {
        const path = (u.split(/[?#]/, 1)[0] ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
        const words = lastSegmentWords(path);
        const local = LOCAL_HOST.test(u);
        if (DESTRUCTIVE_ENDPOINT.test(path) || DATA_WIPE_ENDPOINT.test(path) || (RESET_ENDPOINT.test(path) && !local)) return true;
        // `chat.delete`, `delete_v2`, `deleteMessage` on a remote API (a local dev server's own routes are routine)
        if (!local && words.length > 1 && (DESTRUCTIVE_METHOD_WORD.test(words[0]!) || DESTRUCTIVE_METHOD_WORD.test(words[words.length - 1]!) || (words.length === 2 && /^v\d+$/i.test(words[1]!) && DESTRUCTIVE_METHOD_WORD.test(words[0]!)))) return true;
        if (!local && (REBUILD_ENDPOINT.test(path) || (/\/actions\/?$/.test(path) && REBUILD_BODY.test(bodyText())))) return true;
        return /\/_update_by_query\/?$/.test(path) && UPDATE_BY_QUERY_LOSS.test(bodyText());
      });
      return url ? { target: clip(url, 120), environment: environmentOf(req, cmd), detail: `${req.method} to a destructive endpoint` } : undefined;
    },
    examples: {
      flag: [
        'curl -X POST "localhost:9200/logs/_delete_by_query" -H "Content-Type: application/json" -d \'{"query":{"match_all":{}}}\'',
        'curl -X POST https://api.neon.tech/api/v2/projects/p/branches/b/reset -H "Authorization: Bearer $NEON_API_KEY"',
        'curl -X POST https://api.example.com/v1/projects/p1/delete',
        'http POST https://api.example.com/v1/cache/purge',
        'curl -X POST https://slack.com/api/chat.delete -H "Authorization: Bearer $SLACK_TOKEN" -d channel=C123 -d ts=1700000000.000100',
        'curl -X POST https://api.dropboxapi.com/2/files/delete_v2 -d \'{"path":"/backups"}\'',
        'curl -X POST https://api.digitalocean.com/v2/droplets/123/actions -d \'{"type":"rebuild","image":"ubuntu-22-04-x64"}\'',
        'curl -X POST https://api.hetzner.cloud/v1/servers/42/actions/rebuild -d \'{"image":"ubuntu-22.04"}\'',
        'curl -X POST localhost:9200/orders/_update_by_query -d \'{"script":"ctx._source.remove(\\"email\\")"}\'',
        'curl -X POST https://api.example.com/v1/users/42/deleteUser',
        'curl -X POST http://localhost:3000/admin/reset-db',
        'curl -X PUT localhost:8080/internal/drop_tables',
        'http POST :3000/api/truncate-events',
        'curl -X POST https://staging.example.com/admin/factory-reset',
      ],
      allow: [
        'curl -X POST https://api.example.com/auth/reset-password -d \'{"email":"a@b.c"}\'',
        'curl https://api.example.com/v1/projects/p1/delete',
        'curl -X POST https://api.example.com/v1/projects -d \'{"name":"delete"}\'',
        'curl -X POST http://localhost:3000/api/test/reset',
        'curl -X POST http://localhost:3000/api/cart/remove -d \'{"sku":"A1"}\'',
        'curl -X POST https://slack.com/api/chat.postMessage -d channel=C123',
        'curl -X POST https://api.digitalocean.com/v2/droplets/123/actions -d \'{"type":"reboot"}\'',
        'curl -X POST localhost:9200/orders/_update_by_query -d \'{"script":"ctx._source.seen = true"}\'',
        'curl -X POST http://localhost:3000/api/items/deleteAll',
        'curl http://localhost:3000/admin/reset-db',
        'curl -X POST https://api.example.com/v1/clear-cart',
      ],
    },
  },
  // gRPC: `grpcurl … host:443 pkg.Users/DeleteUser` calls a method by name, the same signal as a GraphQL field.
  {
    id: 'http.grpc-destructive',
    pack: 'http',
    kind: 'shell',
    severity: 'high',
    reason: 'Calls a gRPC method whose name deletes, destroys, drops, removes, purges, wipes or resets data.',
    defaultDecision: 'ask',
    match(cmd) {
      if (cmd.name !== 'grpcurl' && cmd.name !== 'grpc_cli' && cmd.name !== 'evans') return undefined;
      const method = cmd.args.find((a) => !a.startsWith('-') && /^[\w.]+[/.][A-Z]\w*$/.test(a) && a.includes('/'));
      const name = method?.split('/').pop();
      if (!name || !isDestructiveFieldName(name)) return undefined;
      const host = cmd.args.find((a) => /^[\w.-]+:\d+$/.test(a)) ?? 'gRPC server';
      return { target: `${host} ${method}`, environment: guessEnvironment(host) };
    },
    examples: {
      flag: ['grpcurl -d \'{"id": "42"}\' api.internal:443 acme.users.v1.UserService/DeleteUser', 'grpcurl -plaintext localhost:50051 acme.Admin/PurgeCache'],
      allow: ['grpcurl -plaintext localhost:50051 list', 'grpcurl -d \'{"id": 1}\' api.internal:443 acme.users.v1.UserService/GetUser'],
    },
  },
];

/**
 * An MCP HTTP tool is a fetch tool under another name: an object in its input with an http(s) URL and a DELETE
 * method (or a body carrying `_method=DELETE`) is a DELETE request. Bounded by the walk's own limits.
 */
function mcpHttpDelete(input: unknown, tool: string): RuleMatch | undefined {
  const stack: unknown[] = [input];
  let nodes = 0;
  while (stack.length > 0 && nodes++ < 400) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      stack.push(...v.slice(0, 200));
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const entries = Object.entries(v as Record<string, unknown>).slice(0, 200);
    const url = entries.find(([k, x]) => /^(?:url|uri|endpoint|href)$/i.test(k) && typeof x === 'string' && /^\s*https?:\/\//i.test(x))?.[1] as string | undefined;
    if (url !== undefined) {
      const method = entries.find(([k, x]) => /^(?:method|http_?method|verb)$/i.test(k) && typeof x === 'string')?.[1] as string | undefined;
      const body = entries.filter(([k, x]) => /^(?:body|data|form|payload)$/i.test(k) && (typeof x === 'string' || (x !== null && typeof x === 'object'))).map(([, x]) => (typeof x === 'string' ? x : JSON.stringify(x)));
      const m = (method ?? 'GET').trim().toUpperCase();
      const override = m !== 'GET' && m !== 'HEAD' ? body.map((b) => methodOverrideIn(b.slice(0, 64 * 1024))).find((x) => x !== undefined) : undefined;
      if (m === 'DELETE' || override === 'DELETE') return { target: clip(url.trim(), 120), environment: guessEnvironment(url), detail: `MCP tool ${tool} sends ${m === 'DELETE' ? 'DELETE' : `${m} with _method=DELETE`}` };
    }
    for (const [, x] of entries) if (x && typeof x === 'object') stack.push(x);
  }
  return undefined;
}

/** Fetch-tool actions (an agent's own web/HTTP tool, not a shell): the same two questions. */
export const HTTP_ACTION_RULES: ActionRule[] = [
  {
    id: 'http.fetch-delete',
    pack: 'http',
    kind: 'action',
    severity: 'high',
    reason: 'An agent HTTP tool (its own or an MCP one) sends a DELETE request, or a POST the server reads as one (`_method`): the API deletes the resource at that URL.',
    defaultDecision: 'ask',
    match(action: AgentAction): RuleMatch | undefined {
      if (action.kind === 'mcp') return mcpHttpDelete(action.input, action.tool);
      if (action.kind !== 'fetch') return undefined;
      const method = (action.method ?? 'GET').toUpperCase();
      if (method === 'DELETE') return { target: clip(action.url, 120), environment: guessEnvironment(action.url) };
      // A POST carrying `_method=DELETE` (form, JSON or query): Rails, Laravel and method-override treat it as a DELETE.
      if (method === 'GET' || method === 'HEAD') return undefined;
      const q = action.url.indexOf('?');
      const override = methodOverrideIn(action.body ?? '') ?? (q >= 0 ? methodOverrideIn(action.url.slice(q)) : undefined);
      if (override !== 'DELETE') return undefined;
      return { target: clip(action.url, 120), environment: guessEnvironment(action.url), detail: `${method} with _method=DELETE` };
    },
    examples: {
      flag: [
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42', method: 'DELETE' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42', method: 'delete' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42', method: 'POST', body: '_method=DELETE' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42', method: 'POST', body: 'authenticity_token=x&_method=delete' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42', method: 'POST', body: '{"_method":"DELETE"}' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42?_method=DELETE', method: 'POST' },
        { kind: 'mcp', server: 'http', tool: 'http_request', input: { url: 'https://api.example.com/v1/projects/42', method: 'DELETE' } },
        { kind: 'mcp', tool: 'request', input: { request: { method: 'delete', url: 'https://api.example.com/v1/volumes/9' } } },
        { kind: 'mcp', tool: 'http_request', input: { url: 'https://api.example.com/v1/projects/42', method: 'POST', body: '_method=DELETE' } },
      ],
      allow: [
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects', method: 'POST', body: '{"name":"x"}' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42', method: 'POST', body: '_method=PATCH&name=x' },
        { kind: 'fetch', url: 'https://api.example.com/v1/projects/42?_method=DELETE' },
        { kind: 'mcp', server: 'http', tool: 'http_request', input: { url: 'https://api.example.com/v1/projects/42', method: 'GET' } },
        { kind: 'mcp', tool: 'cache', input: { method: 'DELETE', key: 'session:1' } },
      ],
    },
  },
  {
    id: 'http.fetch-graphql-destructive',
    pack: 'http',
    kind: 'action',
    severity: 'critical',
    reason: 'An agent HTTP tool sends a GraphQL mutation that deletes, destroys, drops, removes, purges, wipes or resets data.',
    defaultDecision: 'ask',
    match(action: AgentAction, _ctx: RuleContext): RuleMatch | undefined {
      if (action.kind !== 'fetch') return undefined;
      const q = action.url.indexOf('?');
      const texts = [action.body ?? '', q >= 0 ? action.url.slice(q + 1) : ''];
      const fields = destructiveFieldsInTexts(texts);
      if (fields.length === 0) return undefined;
      return { target: clip(action.url, 120), environment: guessEnvironment(action.url), detail: `mutation ${fields.slice(0, 3).join(', ')}` };
    },
    examples: {
      flag: [{ kind: 'fetch', url: 'https://backboard.railway.app/graphql/v2', method: 'POST', body: '{"query":"mutation { volumeDelete(volumeId: \\"v\\") }"}' }],
      allow: [{ kind: 'fetch', url: 'https://backboard.railway.app/graphql/v2', method: 'POST', body: '{"query":"query { me { id } }"}' }],
    },
  },
  {
    id: 'http.fetch-sql-destructive',
    pack: 'http',
    kind: 'action',
    severity: 'critical',
    reason: 'An agent HTTP tool sends SQL that drops, truncates or deletes every row to a database HTTP API.',
    defaultDecision: 'ask',
    match(action: AgentAction): RuleMatch | undefined {
      if (action.kind !== 'fetch') return undefined;
      const q = action.url.indexOf('?');
      for (const text of [action.body ?? '', q >= 0 ? action.url.slice(q + 1) : '']) {
        if (!/drop|truncate|delete|update|alter/i.test(text)) continue;
        for (const sql of sqlCandidates(text)) {
          const hit = findSqlDataLoss(sql)[0];
          if (hit) return { target: clip(action.url, 120), environment: guessEnvironment(action.url), detail: `${hit.kind} ${hit.target}` };
        }
      }
      return undefined;
    },
    examples: {
      flag: [{ kind: 'fetch', url: 'https://api.supabase.com/v1/projects/abc/database/query', method: 'POST', body: '{"query":"DROP TABLE users"}' }],
      allow: [{ kind: 'fetch', url: 'https://api.supabase.com/v1/projects/abc/database/query', method: 'POST', body: '{"query":"SELECT 1"}' }],
    },
  },
];
