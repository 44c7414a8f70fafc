// Search engines losing their indexes: Elasticsearch/OpenSearch, Meilisearch, Algolia, Typesense, Solr and Vespa.
// An index is often rebuilt from a primary store, but rebuilding can take hours and the search is down meanwhile;
// for many apps (logs, analytics, Algolia as the only store) the index is the data. A plain HTTP DELETE of an
// index is http.delete-method's and `…/_delete_by_query` is http.destructive-endpoint's; this pack covers the
// POST/PUT/GET shapes those rules do not read (closing an index, cluster settings, batch deletes, clears,
// Solr's admin actions), the search CLIs and the SDK calls in interpreter one-liners.
import { guessEnvironment, worseEnvironment } from '../environment';
import { cliRule } from './lib/cli_rule';
import { bodyTexts, HTTP_CLIENT_NAMES as HTTP_CLIENTS, readHttpRequest } from './lib/http-args';
import { inlineScript } from './lib/scripts';
import { clip, hasOption } from './lib/words';
import type { RuleMatch, ShellRule, SimpleCommand } from './types';


/** `http://host:9200/a/b?x` -> `/a/b`; HTTPie's `:9200/a/b` and bare `localhost:9200/a/b` too. */
function urlPath(url: string): string {
  const noQuery = url.split(/[?#]/, 1)[0];
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]*|:\d*|[^/]*:\d+|[a-z0-9.-]+\.[a-z]{2,})(\/.*)?$/i.exec(noQuery);
  return m ? m[1] ?? '/' : noQuery;
}

function urlQuery(url: string): string {
  const q = url.indexOf('?');
  return q >= 0 ? url.slice(q + 1).split('#', 1)[0] : '';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** What a request to a search engine would lose, or undefined. `bodies` are the request bodies as text. */
export function searchRequestLoss(method: string, url: string, bodies: readonly string[]): string | undefined {
  const path = urlPath(url);
  const query = safeDecode(urlQuery(url));
  const write = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
  const body = bodies.join('\n');
  // Solr's Collections/Cores/ConfigSets APIs act on GET: `/solr/admin/collections?action=DELETE&name=x`.
  if (/\/admin\/(?:collections|cores|configs)\/?$/i.test(path)) {
    const action = /(?:^|&)action=([A-Za-z]+)/i.exec(query)?.[1]?.toUpperCase();
    if (action && (/^DELETE/.test(action) || (action === 'UNLOAD' && /(?:^|&)delete(?:Index|DataDir|InstanceDir)=true/i.test(query)))) return `Solr ${action} ${/(?:^|&)(?:name|core|collection)=([^&]+)/i.exec(query)?.[1] ?? ''}`.trim();
  }
  // Solr update handler: `<delete><query>*:*</query></delete>` or `{"delete":{"query":"*:*"}}`, in the body or stream.body.
  if (/\/update(?:\/json|\/xml)?\/?$/i.test(path) && (/<delete>/i.test(body) || /"delete"\s*:/.test(body) || /stream\.body=\s*<delete>/i.test(query))) return `Solr delete in ${path}`;
  if (!write) return undefined;
  // Elasticsearch / OpenSearch
  if (/\/_close\/?$/i.test(path)) return `close index ${path.replace(/\/_close\/?$/i, '') || '/'}`;
  if (/^\/_cluster\/settings\/?$/i.test(path) && method !== 'POST') return 'cluster settings';
  if (/^\/_aliases\/?$/i.test(path) && /"remove_index"\s*:/.test(body)) return 'index removed through _aliases';
  // Meilisearch
  if (/\/indexes\/[^/]+\/documents\/delete-batch\/?$/i.test(path)) return `documents in ${path.split('/')[2]}`;
  // Algolia: clear records, rules or synonyms; delete by query; a move/copy replaces the destination; batch deletes.
  const algolia = /^\/1\/indexes\/([^/]+)\/(clear|deleteByQuery|rules\/clear|synonyms\/clear|operation|batch)\/?$/i.exec(path);
  if (algolia) {
    const [, index, op] = algolia;
    if (op === 'operation') return /"operation"\s*:\s*"(?:move|copy)"/i.test(body) ? `index replaced by ${index}` : undefined;
    if (op === 'batch') return /"action"\s*:\s*"(?:deleteObject|delete|clear)"/.test(body) ? `records in ${index}` : undefined;
    return `${op} ${index}`;
  }
  if (/^\/1\/indexes\/\*\/batch\/?$/i.test(path) && /"action"\s*:\s*"(?:deleteObject|delete|clear)"/.test(body)) return 'records in several indexes';
  // Typesense: a schema change that drops fields drops their data
  if (/^\/collections\/[^/]+\/?$/i.test(path) && method === 'PATCH' && /"drop"\s*:\s*true/.test(body)) return `fields of ${path.split('/')[2]}`;
  return undefined;
}

/** Search-SDK calls that delete an index, its records, rules or synonyms (JS, Python, Ruby, PHP spellings). */
const SDK_LOSS =
  /(?:\.|->|::)\s*(deleteIndex|delete_index|clearObjects|clear_objects|clearIndex|clear_index|deleteAllDocuments|delete_all_documents|deleteByQuery|delete_by_query|deleteBy|clearRules|clear_rules|clearSynonyms|clear_synonyms|deleteDocuments|delete_documents)\s*\(|\bindices\s*\.\s*(delete|close)\s*\(|\bcollections\s*[[(]\s*["'][^"']*["']\s*[\])]\s*\.\s*(delete)\s*\(\s*\)|\bindex\s*\(\s*["'][^"']*["']\s*\)\s*\.\s*(delete)\s*\(\s*\)/;

const INTERPRETERS = ['node', 'nodejs', 'bun', 'deno', 'python', 'python3', 'python2', 'py', 'ruby', 'php'];

function environmentOf(target: string, cmd: SimpleCommand): RuleMatch['environment'] {
  return worseEnvironment(guessEnvironment(target), guessEnvironment(cmd.text));
}

export const SEARCH_RULES: readonly ShellRule[] = [
  {
    id: 'search.http-index-loss',
    pack: 'search',
    kind: 'shell',
    names: HTTP_CLIENTS,
    severity: 'high',
    reason: 'Sends a search-engine API request that closes an index, changes cluster-wide settings, or deletes or replaces records, rules or whole indexes (Elasticsearch/OpenSearch, Meilisearch, Algolia, Typesense, Solr).',
    defaultDecision: 'ask',
    match(cmd, ctx) {
      if (cmd.name === undefined || !HTTP_CLIENTS.includes(cmd.name)) return undefined;
      const req = readHttpRequest(cmd);
      if (!req || req.method === 'DELETE') return undefined; // a DELETE is http.delete-method's
      const { texts } = bodyTexts(req, cmd, ctx.readFile?.bind(ctx));
      for (const url of req.urls) {
        const lost = searchRequestLoss(req.method, url, texts);
        if (lost) return { target: clip(url, 120), environment: environmentOf(url, cmd), detail: `${req.method} ${lost}` };
      }
      return undefined;
    },
    examples: {
      flag: [
        'curl -X POST "https://es.example.com:9200/orders-2024/_close"',
        'curl -XPUT localhost:9200/_cluster/settings -H "Content-Type: application/json" -d \'{"persistent":{"cluster.routing.allocation.enable":"none"}}\'',
        'http PUT https://search.internal:9200/_cluster/settings persistent:=\'{"action.destructive_requires_name":false}\'',
        'curl -X POST localhost:9200/_aliases -H "Content-Type: application/json" -d \'{"actions":[{"remove_index":{"index":"logs-old"}}]}\'',
        'curl -X POST "https://ms.example.com/indexes/movies/documents/delete-batch" -H "Content-Type: application/json" --data-binary "[1,2,3]"',
        'curl -X POST "https://APPID.algolia.net/1/indexes/products/clear" -H "X-Algolia-API-Key: $K"',
        'curl -X POST "https://APPID.algolia.net/1/indexes/products/deleteByQuery" -d \'{"params":"filters=brand:acme"}\'',
        'curl -X POST "https://APPID.algolia.net/1/indexes/products_tmp/operation" -d \'{"operation":"move","destination":"products"}\'',
        'curl "http://localhost:8983/solr/admin/collections?action=DELETE&name=products"',
        'curl http://localhost:8983/solr/products/update?commit=true -H "Content-Type: text/xml" --data-binary "<delete><query>*:*</query></delete>"',
        'curl -X PATCH "http://localhost:8108/collections/products" -d \'{"fields":[{"name":"price","drop":true}]}\'',
        'wget --method=POST -O- "http://localhost:9200/logs-*/_close"',
      ],
      allow: [
        'curl -X GET "http://localhost:9200/_cluster/settings"',
        'curl -X POST "http://localhost:9200/orders/_open"',
        'curl -X POST "http://localhost:9200/logs-2024/_search" -H "Content-Type: application/json" -d \'{"query":{"match_all":{}}}\'',
        'curl -X POST "http://localhost:9200/_aliases" -d \'{"actions":[{"add":{"index":"logs-2","alias":"logs"}}]}\'',
        'curl "http://localhost:9200/_cat/indices?v"',
        'http POST :7700/indexes/products/search q=shoe',
        'curl -X POST "https://APPID-dsn.algolia.net/1/indexes/products/query" -d \'{"params":"query=phone"}\'',
        'curl -X POST "https://APPID.algolia.net/1/indexes/products/batch" -d \'{"requests":[{"action":"addObject","body":{"name":"x"}}]}\'',
        'curl "http://localhost:8983/solr/admin/collections?action=LIST"',
        'curl http://localhost:8983/solr/products/update?commit=true -H "Content-Type: application/json" -d \'[{"id":"1","name":"x"}]\'',
      ],
    },
  },
  {
    id: 'search.sdk-index-loss',
    pack: 'search',
    kind: 'shell',
    names: INTERPRETERS,
    severity: 'high',
    reason: 'Interpreter code calls a search SDK method that deletes or clears an index, its records, rules or synonyms (deleteIndex, clearObjects, deleteAllDocuments, indices.delete, delete_by_query …).',
    defaultDecision: 'ask',
    match(cmd) {
      if (cmd.name === undefined || !INTERPRETERS.includes(cmd.name)) return undefined;
      const code = inlineScript(cmd);
      if (code === undefined) return undefined;
      const m = SDK_LOSS.exec(code);
      if (!m) return undefined;
      const call = m[1] ?? (m[2] ? `indices.${m[2]}` : m[3] ? 'collection delete' : 'index delete');
      const arg = /\(\s*\{?\s*(?:index(?:Name|_name)?\s*[:=]\s*)?["']([^"']{1,80})["']/.exec(code.slice(m.index))?.[1];
      const target = arg ? `index ${arg}` : 'search index';
      return { target, environment: environmentOf(target, cmd), detail: `${cmd.name} calls ${call}` };
    },
    examples: {
      flag: [
        "node -e \"const client = algoliasearch('app', process.env.ALGOLIA_KEY); client.deleteIndex('prod_products')\"",
        "node -e \"algolia.clearObjects({ indexName: 'products' })\"",
        "python3 -c \"from meilisearch import Client; Client('http://localhost:7700', k).index('movies').delete_all_documents()\"",
        "python3 -c \"from elasticsearch import Elasticsearch; Elasticsearch('http://localhost:9200').indices.delete(index='logs-*')\"",
        "node -e \"client.deleteByQuery({ index: 'orders', query: { match_all: {} } })\"",
        "python -c \"import typesense; c = typesense.Client(cfg); c.collections['products'].delete()\"",
        "node -e \"new MeiliSearch({ host: 'http://localhost:7700' }).index('movies').delete()\"",
        "ruby -e \"client.clear_objects('products')\"",
      ],
      allow: [
        "node -e \"algolia.search({ requests: [{ indexName: 'products', query: 'shoe' }] })\"",
        "python3 -c \"from elasticsearch import Elasticsearch; print(Elasticsearch('http://localhost:9200').indices.get(index='logs-*'))\"",
        "node -e \"const m = new Map(); m.delete('k')\"",
        "python3 -c \"import meilisearch; print(meilisearch.Client('http://localhost:7700').get_indexes())\"",
        "node -e \"console.log('deleteIndex is the method to call')\"",
      ],
    },
  },
  cliRule({
    pack: 'search',
    name: 'cli-index-loss',
    clis: ['algolia', 'solr', 'curator_cli', 'elasticsearch-node', 'opensearch-node', 'vespa'],
    severity: 'high',
    reason: 'A search CLI deletes or clears indexes, records, rules, synonyms or API keys, replaces an index (move/copy over it), or runs an unsafe node repair that can drop index data.',
    valued: ['-p', '--profile', '--application-id', '--api-key', '--admin-api-key', '-o', '--output', '-F', '--file', '--object-ids', '--filters', '--rule-ids', '--synonym-ids', '-c', '--collection', '-z', '--zk-host', '--solr-url', '-t', '--target', '-a', '--application', '--config', '--filter_list', '--host', '--port'],
    test(w, v) {
      if (v.name === 'algolia') {
        if (w[0] === 'indices' && (w[1] === 'clear' || w[1] === 'delete' || w[1] === 'move' || w[1] === 'copy')) return `index ${w[1] === 'move' || w[1] === 'copy' ? w[3] ?? '' : w[2] ?? ''}`.trim();
        if (['objects', 'rules', 'synonyms', 'apikeys', 'dictionary', 'dictionaries'].includes(w[0]) && (w[1] === 'delete' || w[1] === 'clear')) return `${w[0]} ${w[2] ?? ''}`.trim();
        if (w[0] === 'rules' && w[1] === 'import' && hasOption(v.args, ['--clear-existing-rules'], 'c')) return `rules of ${w[2] ?? 'index'}`;
        if (w[0] === 'synonyms' && w[1] === 'import' && hasOption(v.args, ['--replace-existing-synonyms'], 'r')) return `synonyms of ${w[2] ?? 'index'}`;
        if ((w[0] === 'indices' || w[0] === 'index') && w[1] === 'config' && w[2] === 'import' && hasOption(v.args, ['--clear-existing-rules', '--clear-existing-synonyms'])) return `config of ${w[3] ?? 'index'}`;
        return undefined;
      }
      if (v.name === 'solr') return w[0] === 'delete' || (w[0] === 'zk' && (w[1] === 'rm' || w[1] === 'remove')) ? `${w.slice(0, 2).join(' ')} ${optionValue(v.args) ?? ''}`.trim() : undefined;
      if (v.name === 'curator_cli') return hasOption(v.args, ['--dry-run']) ? undefined : w.find((x) => /^(delete_indices|delete_snapshots|close)$/.test(x));
      if (v.name === 'elasticsearch-node' || v.name === 'opensearch-node') return /^(repurpose|unsafe-bootstrap|detach-cluster|remove-settings|remove-customs|override-version)$/.test(w[0] ?? '') ? `node ${w[0]}` : undefined;
      if (v.name === 'vespa') return w[0] === 'destroy' ? 'application' : w[0] === 'document' && w[1] === 'remove' ? `document ${w[2] ?? ''}`.trim() : undefined;
      return undefined;
    },
    examples: {
      flag: [
        'algolia indices clear products',
        'algolia indices delete products --confirm',
        'algolia indices move products_tmp products -y',
        'algolia objects delete products --object-ids 1,2 --confirm',
        'algolia rules delete products --rule-ids r1',
        'algolia synonyms delete products --synonym-ids s1',
        'algolia rules import products -F rules.json --clear-existing-rules',
        'algolia -p prod apikeys delete abcd1234',
        'bin/solr delete -c products',
        'curator_cli --host es.internal delete_indices --filter_list \'{"filtertype":"none"}\'',
        'elasticsearch-node repurpose',
        'vespa destroy',
      ],
      allow: [
        'algolia indices list',
        'algolia indices browse products',
        'algolia search products --query phone',
        'algolia settings get products',
        'algolia rules import products -F rules.json',
        'bin/solr status',
        'curator_cli --dry-run delete_indices --filter_list \'{"filtertype":"none"}\'',
        'vespa deploy',
      ],
    },
  }),
];

/** `-c name` / `--collection name` / `-collection name` (the Solr CLI spells it several ways). */
function optionValue(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length - 1; i++) if (/^--?(?:c|collection|core|name)$/.test(args[i])) return args[i + 1];
  return undefined;
}
