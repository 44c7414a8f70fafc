// `airlock run` with a host list, in a real bubblewrap sandbox: the command has no network of its own
// (--unshare-net), Airlock's proxy outside is its only way out and refuses what the list rules out
// (stderr line + a record in the offline log the editor imports), an allow-listed 127.0.0.1:PORT on the
// host is reachable at the same address inside, a direct connection has no route, unix sockets (the
// gate's) still work, and a broken list refuses to start. The proxy's decisions are also tested directly.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readOfflineText } from '../../../src/gate/offline_log';
import { startNetworkProxy, type BlockedConnection } from '../../../src/sandbox/proxy';
import { sandboxAvailable } from '../../../src/sandbox/run';

const CLI = path.resolve('dist/cli.js');

function tmp(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

// Runs inside the sandbox with node: each line of output is "label: result".
const INSIDE = `'use strict';
const http = require('http');
const net = require('net');
const proxy = new URL(process.env.HTTPS_PROXY || 'http://127.0.0.1:1');
const port = Number(process.argv[2]);
function connectVia(target) {
  return new Promise((resolve) => {
    const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: target });
    req.on('connect', (res, socket) => { socket.destroy(); resolve(String(res.statusCode)); });
    req.on('response', (res) => resolve(String(res.statusCode)));
    req.on('error', (e) => resolve(e.code));
    req.end();
  });
}
function get(opts) {
  return new Promise((resolve) => {
    http.get(opts, (res) => { let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => resolve(res.statusCode + ' ' + b.trim())); }).on('error', (e) => resolve(e.code));
  });
}
function direct(host, p) {
  return new Promise((resolve) => {
    const s = net.connect(p, host);
    s.setTimeout(3000, () => { s.destroy(); resolve('TIMEOUT'); });
    s.on('connect', () => { s.destroy(); resolve('CONNECTED'); });
    s.on('error', (e) => resolve(e.code));
  });
}
function unix(p) {
  return new Promise((resolve) => {
    const s = net.connect(p);
    let b = '';
    s.on('data', (d) => (b += d));
    s.on('end', () => resolve(b.trim()));
    s.on('error', (e) => resolve(e.code));
  });
}
(async () => {
  console.log('proxy-env: ' + (process.env.HTTPS_PROXY || '') + ' no_proxy=' + (process.env.NO_PROXY || ''));
  console.log('connect-denied: ' + (await connectVia('blocked.test:443')));
  console.log('connect-below-denied: ' + (await connectVia('api.blocked.test:443')));
  console.log('get-denied: ' + (await get({ host: proxy.hostname, port: proxy.port, path: 'http://blocked.test/x?secret=1', headers: { host: 'blocked.test' } })));
  console.log('get-allowed-via-proxy: ' + (await get({ host: proxy.hostname, port: proxy.port, path: 'http://127.0.0.1:' + port + '/via-proxy' })));
  console.log('get-allowed-forward: ' + (await get({ host: '127.0.0.1', port, path: '/forward' })));
  console.log('big-via-proxy: ' + (await get({ host: proxy.hostname, port: proxy.port, path: 'http://127.0.0.1:' + port + '/big' })).length);
  console.log('big-forward: ' + (await get({ host: '127.0.0.1', port, path: '/big' })).length);
  console.log('direct-host-loopback-other: ' + (await direct('127.0.0.1', port + 1)));
  console.log('direct-public: ' + (await direct('192.0.2.10', 443)));
  console.log('gate-socket: ' + (await unix(process.argv[3])));
})();
`;

const available = sandboxAvailable();

describe('airlock run with a host list', { skip: 'bwrap' in available ? false : 'bubblewrap missing' }, () => {
  let server: http.Server;
  let gate: net.Server;
  let port = 0;
  let home = '';
  let ws = '';
  let gateSocket = '';

  before(async () => {
    server = http.createServer((req, res) => res.end(req.url === '/big' ? 'x'.repeat(3 * 1024 * 1024) : `outside ${req.url}\n`));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
    home = tmp('airlock-net-home-');
    ws = tmp('airlock-net-ws-');
    fs.mkdirSync(path.join(home, '.airlock', 's'), { recursive: true, mode: 0o700 });
    // Stands in for the editor's gate: a unix socket in Airlock's state dir.
    gateSocket = path.join(home, '.airlock', 's', 'gate.sock');
    gate = net.createServer((c) => c.end('pong\n'));
    await new Promise<void>((r) => gate.listen(gateSocket, r));
    fs.writeFileSync(path.join(ws, 'inside.js'), INSIDE);
  });

  after(() => {
    server.close();
    gate.close();
  });

  // Asynchronous: the fake server and gate answer from this process, which spawnSync would block.
  const run = (flags: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'run', ...flags, '--', process.execPath, 'inside.js', String(port), gateSocket], {
        cwd: ws,
        env: { ...process.env, HOME: home, HTTPS_PROXY: '', HTTP_PROXY: '', NO_PROXY: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });

  test('denied hosts are refused by the proxy (stderr + offline log); an allow-listed 127.0.0.1:PORT works; no direct route; the gate socket works', async () => {
    fs.rmSync(path.join(home, '.airlock', 'offline.jsonl'), { force: true });
    // Deny-list plus an allow-list: allowed = listed in allow and not denied.
    const r = await run(['--deny-host', '*.blocked.test', '--deny-host=blocked.test', '--allow-host', `127.0.0.1:${port}`, '--allow-host', 'blocked.test,*.blocked.test']);
    assert.equal(r.status, 0, r.stderr);
    const out = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
    assert.match(out['proxy-env']!, /^http:\/\/127\.0\.0\.1:\d+ no_proxy=localhost,127\.0\.0\.1/);
    assert.equal(out['connect-denied'], '403');
    assert.equal(out['connect-below-denied'], '403');
    assert.match(out['get-denied']!, /^403 airlock: blocked connection to blocked\.test:80 \(deny-list\)/);
    assert.equal(out['get-allowed-via-proxy'], '200 outside /via-proxy');
    assert.equal(out['get-allowed-forward'], '200 outside /forward', 'an allow-listed 127.0.0.1:PORT is at the same address inside');
    assert.equal(out['big-via-proxy'], String(4 + 3 * 1024 * 1024), 'a large response arrives whole through the proxy');
    assert.equal(out['big-forward'], String(4 + 3 * 1024 * 1024), 'and through the loopback forward');
    assert.equal(out['direct-host-loopback-other'], 'ECONNREFUSED', "the host's other loopback ports are not there");
    assert.match(out['direct-public']!, /^(ENETUNREACH|EHOSTUNREACH|ECONNREFUSED)$/, 'no route out except the proxy');
    assert.equal(out['gate-socket'], 'pong', 'unix sockets cross the network namespace: hooks still reach the gate');
    assert.match(r.stderr, /^airlock run: network: allow-list: .*deny-list: /m);
    assert.match(r.stderr, /^airlock: blocked connection to blocked\.test:443 \(deny-list\)$/m);
    assert.match(r.stderr, /^airlock: blocked connection to api\.blocked\.test:443 \(deny-list\)$/m);
    const log = readOfflineText([fs.readFileSync(path.join(home, '.airlock', 'offline.jsonl'), 'utf8')]);
    assert.deepEqual(log.problems, []);
    assert.equal(log.lines.length, 3);
    const first = log.lines[0]!;
    assert.equal(first.decision, 'deny');
    assert.deepEqual(first.rules, ['sandbox.network-deny-list']);
    assert.deepEqual(first.action, { kind: 'fetch', url: 'https://blocked.test:443', method: 'CONNECT', cwd: ws });
    assert.ok(log.lines.every((l) => !JSON.stringify(l).includes('secret=1')), 'query strings are not recorded');
  });

  test("the hook's check of the gate still finds the editor's socket: through /proc/<editor pid>/net/unix, not its own namespace's list", async () => {
    // gate/trust.ts reads the listening socket's inode from the editor's network namespace; inside
    // --unshare-net, /proc/net/unix lists only the sandbox's own sockets.
    fs.writeFileSync(path.join(ws, 'proc.sh'), `grep -c " $1$" /proc/$2/net/unix; grep -c " $1$" /proc/net/unix\n`);
    const r = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'run', '--deny-host', 'blocked.test', '--', 'sh', 'proc.sh', gateSocket, String(process.pid)], { cwd: ws, env: { ...process.env, HOME: home } });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (status) => resolve({ status, stdout }));
    });
    assert.deepEqual(r.stdout.trim().split('\n'), ['1', '0']);
  });

  test("a deny-list alone: other hosts go through, the host's loopback does not", async () => {
    const r = await run(['--deny-host', 'blocked.test']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /connect-denied: 403/);
    assert.match(r.stdout, /get-allowed-via-proxy: 403/);
    assert.match(r.stderr, /blocked connection to 127\.0\.0\.1:\d+ \(loopback: /);
    assert.match(r.stdout, /get-allowed-forward: ECONNREFUSED/);
  });

  test("the workspace's .airlock/policy.json adds its deny-list; with no list at all the network is open as before", async () => {
    fs.mkdirSync(path.join(ws, '.airlock'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.airlock', 'policy.json'), JSON.stringify({ sandboxNetwork: { deny: ['*.blocked.test'] } }));
    try {
      const r = await run([]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /connect-below-denied: 403/);
      assert.match(r.stdout, /connect-denied: (?!403)/, 'blocked.test itself is not below *.blocked.test');
    } finally {
      fs.rmSync(path.join(ws, '.airlock'), { recursive: true, force: true });
    }
    const open = await run([]);
    assert.equal(open.status, 0, open.stderr);
    assert.match(open.stdout, /proxy-env:  no_proxy=/);
    assert.doesNotMatch(open.stderr, /network:/);
  });

  test('a broken list refuses to start with one line, and nothing runs', () => {
    fs.rmSync(path.join(ws, 'ran'), { force: true });
    const marker = ['sh', '-c', 'touch ran'];
    for (const flags of [['--deny-host', 'https://blocked.test/'], ['--allow-host', 'a b'], ['--allow-host']]) {
      const r = spawnSync(process.execPath, [CLI, 'run', ...flags, '--', ...marker], { cwd: ws, env: { ...process.env, HOME: home }, encoding: 'utf8' });
      assert.equal(r.status, 2, flags.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    fs.mkdirSync(path.join(ws, '.airlock'), { recursive: true });
    fs.writeFileSync(path.join(ws, '.airlock', 'policy.json'), JSON.stringify({ sandboxNetwork: { deny: ['*.railway.app', 'http://x'] } }));
    try {
      const r = spawnSync(process.execPath, [CLI, 'run', '--', ...marker], { cwd: ws, env: { ...process.env, HOME: home }, encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^airlock run: cannot start the sandbox: bad network list: .airlock\/policy.json: airlock.sandboxNetwork: /);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    } finally {
      fs.rmSync(path.join(ws, '.airlock'), { recursive: true, force: true });
    }
    assert.ok(!fs.existsSync(path.join(ws, 'ran')));
  });
});

describe('the proxy decides', () => {
  const ask = (socket: string, head: string): Promise<string> =>
    new Promise((resolve) => {
      const c = net.connect(socket);
      let b = '';
      c.on('connect', () => c.write(head));
      c.on('data', (d) => {
        b += d.toString('latin1');
        if (/^HTTP\/1\.1 200 Connection Established\r\n\r\n/.test(b)) c.destroy();
      });
      c.on('close', () => resolve(b));
      c.on('error', () => resolve(b));
    });

  test('CONNECT to a denied name is refused before any lookup; a name that resolves to loopback is refused; an allowed one connects', async () => {
    const target = net.createServer((c) => c.end());
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const port = (target.address() as net.AddressInfo).port;
    const dir = tmp('airlock-net-proxy-');
    const blocked: BlockedConnection[] = [];
    const looked: string[] = [];
    const proxy = await startNetworkProxy({
      socketPath: path.join(dir, 'p.sock'),
      network: { deny: ['*.railway.app'], allow: ['*.railway.app', 'sneaky.example', `ok.example:${port}`] },
      onBlocked: (b) => blocked.push(b),
      lookup: async (h) => {
        looked.push(h);
        return '127.0.0.1';
      },
    });
    try {
      const sock = path.join(dir, 'p.sock');
      assert.match(await ask(sock, 'CONNECT backboard.railway.app:443 HTTP/1.1\r\n\r\n'), /^HTTP\/1\.1 403 .*\r\n\r\nairlock: blocked connection to backboard\.railway\.app:443 \(deny-list\)/s);
      assert.match(await ask(sock, 'CONNECT elsewhere.example:443 HTTP/1.1\r\n\r\n'), /^HTTP\/1\.1 403 [^]*\(allow-list\)/);
      assert.match(await ask(sock, 'CONNECT sneaky.example:22 HTTP/1.1\r\n\r\n'), /^HTTP\/1\.1 403 [^]*\(loopback: /);
      assert.match(await ask(sock, `CONNECT ok.example:${port} HTTP/1.1\r\n\r\n`), /^HTTP\/1\.1 200 Connection Established/, 'an exact host:port entry may reach the loopback');
      assert.match(await ask(sock, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 400 /);
      assert.match(await ask(sock, 'ftp://x\r\n\r\n'), /^HTTP\/1\.1 400 /);
      assert.deepEqual(looked, ['sneaky.example', 'ok.example'], 'denied names are never looked up');
      assert.deepEqual(
        blocked.map((b) => `${b.host}:${b.port} ${b.why}`),
        ['backboard.railway.app:443 deny-list', 'elsewhere.example:443 allow-list', 'sneaky.example:22 loopback'],
      );
    } finally {
      await proxy.close();
      target.close();
    }
  });
});
