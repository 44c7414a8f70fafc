// A stand-in for the hosting provider's GraphQL API, on 127.0.0.1 only. It accepts the demo's
// fake token, answers like the real API would, and records every destructive mutation it receives
// instead of performing it: the record is "what would have been deleted".
import http from 'node:http';

// The made-up token in demo/workspace/config/legacy-deploy.json; nothing else is accepted.
export const DEMO_TOKEN = '8c1f0e4b-3d2a-4f7e-9b6c-5a0d2e91c7f3';

const VOLUMES = [
  { id: 'vol-staging-3c1d', name: 'staging-db', environment: 'staging', sizeGb: 5, backups: 3 },
  { id: 'vol-prod-9a7e', name: 'production-db', environment: 'production', sizeGb: 120, backups: 14 },
];
const DESTRUCTIVE = /^(volumeDelete|serviceDelete|environmentDelete|projectDelete|databaseDelete|backupDelete)$/;

function mutations(query) {
  const body = /\bmutation\b[^{]*\{([\s\S]*)\}\s*$/.exec(query ?? '');
  if (!body) return [];
  return [...body[1].matchAll(/(\w+)\s*\(([^)]*)\)/g)].map((m) => ({ name: m[1], args: m[2].trim() }));
}

function page(deletions) {
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = deletions
    .map((d) => `<tr><td>${esc(new Date(d.time).toISOString())}</td><td>${esc(d.mutation)}</td><td>${esc(d.args)}</td><td>${esc(d.wouldDelete)}</td></tr>`)
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>Fake provider API</title>
<style>body{font:14px system-ui;margin:2em}td,th{border:1px solid #ccc;padding:4px 8px}table{border-collapse:collapse}</style>
<h1>Fake provider API (Airlock demo)</h1><p>Nothing here is real. Destructive calls are recorded, not performed.</p>
<h2>Volumes</h2><ul>${VOLUMES.map((v) => `<li>${esc(v.id)}: ${esc(v.name)} (${esc(v.environment)}, ${v.sizeGb} GB, ${v.backups} backups in the same volume)</li>`).join('')}</ul>
<h2>What would have been deleted</h2>${deletions.length ? `<table><tr><th>time</th><th>mutation</th><th>arguments</th><th>would have deleted</th></tr>${rows}</table>` : '<p>Nothing yet.</p>'}`;
}

/**
 * @param {{ port?: number, onDeletion?: (d: object) => void }} [opts]
 * @returns {Promise<{ url: string, graphqlUrl: string, deletions: object[], stop: () => Promise<void> }>}
 */
export function startFakeApi(opts = {}) {
  const deletions = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      if (req.url === '/deletions.json') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(deletions));
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(page(deletions));
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      raw += c;
      if (raw.length > 1e6) req.destroy();
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if ((req.headers.authorization ?? '') !== `Bearer ${DEMO_TOKEN}`) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ errors: [{ message: 'Not Authorized' }] }));
      }
      let query = '';
      try {
        query = JSON.parse(raw).query ?? '';
      } catch {
        res.statusCode = 400;
        return res.end(JSON.stringify({ errors: [{ message: 'body must be JSON with a "query"' }] }));
      }
      const data = {};
      for (const m of mutations(query)) {
        if (!DESTRUCTIVE.test(m.name)) continue;
        const id = /"([^"]+)"/.exec(m.args)?.[1];
        const volume = VOLUMES.find((v) => v.id === id);
        const record = {
          time: Date.now(),
          mutation: m.name,
          args: m.args,
          wouldDelete: volume ? `${volume.name} (${volume.environment}, ${volume.sizeGb} GB) and its ${volume.backups} backups` : `unknown resource ${id ?? ''}`,
        };
        deletions.push(record);
        opts.onDeletion?.(record);
        data[m.name] = true;
      }
      if (/\bvolumes\b/.test(query)) data.volumes = VOLUMES;
      res.end(JSON.stringify({ data }));
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        graphqlUrl: `${url}/graphql/v2`,
        deletions,
        stop: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
