// The network side of `airlock run` when a host list is set: the sandbox has no network of its own
// (bubblewrap --unshare-net, loopback only), and this proxy, in the `airlock run` process outside,
// is its only way out. It listens on a unix socket (which crosses the network namespace); the bridge
// inside the sandbox (forwarder.ts) carries 127.0.0.1:<port> to it. It speaks HTTP CONNECT (HTTPS and
// any TCP) and plain HTTP forwarding (absolute-form requests), checks every destination against the
// policy, and reports each refusal. A name is resolved here and the connection goes to the address
// that was checked, so a name that resolves to the host's own loopback is refused unless the
// allow-list names exactly that host and port.
import * as dns from 'node:dns';
import * as net from 'node:net';
import { decideHost, isLoopbackAddress, loopbackAllowed, normalizeHost, type NetworkRefusal, type SandboxNetwork } from '../core/sandbox/network';

const MAX_HEAD = 64 * 1024;
const HEAD_TIMEOUT_MS = 30_000;
/** What the bridge inside sends on the connection it keeps open for as long as it runs. */
export const HOLD_LINE = 'AIRLOCK-HOLD';

export interface BlockedConnection {
  host: string;
  port: number;
  why: NetworkRefusal;
  /** `CONNECT`, or the method of a plain HTTP request. */
  method: string;
  /** For plain HTTP: the URL asked for (query removed). */
  url?: string;
}

export interface NetworkProxyOptions {
  socketPath: string;
  network: SandboxNetwork;
  onBlocked(b: BlockedConnection): void;
  /** Tests: resolve names differently. */
  lookup?: (host: string) => Promise<string>;
}

export interface NetworkProxy {
  close(): Promise<void>;
}

function defaultLookup(host: string): Promise<string> {
  if (net.isIP(host)) return Promise.resolve(host);
  return dns.promises.lookup(host).then((r) => r.address);
}

function reply(socket: net.Socket, status: string, body: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** `host:port`, `[v6]:port`, or `host` with the default port. */
function splitHostPort(target: string, defaultPort: number): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:/\s]+)(?::(\d{1,5}))?$/.exec(target);
  if (!m) return undefined;
  const port = m[2] !== undefined ? Number(m[2]) : defaultPort;
  if (!(port >= 1 && port <= 65535)) return undefined;
  return { host: normalizeHost(m[1]!), port };
}

export function refusalText(b: { host: string; port: number; why: NetworkRefusal }): string {
  const where = b.host.includes(':') ? `[${b.host}]:${b.port}` : `${b.host}:${b.port}`;
  const note = b.why === 'loopback' ? `loopback: the host's own 127.0.0.1 is reachable only through an allow-list entry such as ${where}` : b.why;
  return `blocked connection to ${where} (${note})`;
}

export function startNetworkProxy(opts: NetworkProxyOptions): Promise<NetworkProxy> {
  const lookup = opts.lookup ?? defaultLookup;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };

  const decide = async (host: string, port: number): Promise<{ address: string } | { why: NetworkRefusal }> => {
    const d = decideHost(opts.network, host, port);
    if (!d.allowed) return { why: d.why };
    const explicitLoopback = loopbackAllowed(opts.network, host, port);
    if (isLoopbackAddress(host) && !explicitLoopback) return { why: 'loopback' };
    const address = await lookup(host);
    if (isLoopbackAddress(address) && !explicitLoopback) return { why: 'loopback' };
    return { address };
  };

  const handle = (client: net.Socket): void => {
    track(client);
    let head = Buffer.alloc(0);
    const timer = setTimeout(() => client.destroy(), HEAD_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD) {
          client.off('data', onData);
          clearTimeout(timer);
          reply(client, '431 Request Header Fields Too Large', 'airlock: request head too large\n');
        }
        return;
      }
      client.off('data', onData);
      client.pause();
      clearTimeout(timer);
      void route(client, head.subarray(0, end).toString('latin1'), head.subarray(end + 4));
    };
    client.on('data', onData);
  };

  const route = async (client: net.Socket, headText: string, rest: Buffer): Promise<void> => {
    const lines = headText.split('\r\n');
    // The bridge's own connection: held open so the bridge knows when `airlock run` is gone.
    if (lines[0] === HOLD_LINE) return;
    const [method, target, version] = (lines[0] ?? '').split(' ');
    if (!method || !target || !version || !/^HTTP\/1\.[01]$/.test(version)) {
      reply(client, '400 Bad Request', 'airlock: not an HTTP proxy request\n');
      return;
    }
    let host: string;
    let port: number;
    let url: URL | undefined;
    if (method === 'CONNECT') {
      const hp = splitHostPort(target, 443);
      if (!hp) {
        reply(client, '400 Bad Request', 'airlock: CONNECT needs host:port\n');
        return;
      }
      ({ host, port } = hp);
    } else {
      try {
        url = new URL(target);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== 'http:') {
        reply(client, '400 Bad Request', 'airlock: this proxy forwards http:// URLs and CONNECT (use https:// through CONNECT)\n');
        return;
      }
      host = normalizeHost(url.hostname);
      port = url.port ? Number(url.port) : 80;
    }
    let decision: { address: string } | { why: NetworkRefusal };
    try {
      decision = await decide(host, port);
    } catch {
      reply(client, '502 Bad Gateway', `airlock: cannot resolve ${host}\n`);
      return;
    }
    if ('why' in decision) {
      const blocked: BlockedConnection = { host, port, why: decision.why, method, ...(url ? { url: `${url.origin}${url.pathname}` } : {}) };
      try {
        opts.onBlocked(blocked);
      } catch {
        // reporting must never open the connection
      }
      reply(client, '403 Forbidden', `airlock: ${refusalText(blocked)}\n`);
      return;
    }
    const upstream = net.connect({ host: decision.address, port });
    track(upstream);
    upstream.setNoDelay(true);
    const fail = () => {
      if (!client.destroyed && client.bytesWritten === 0) reply(client, '502 Bad Gateway', `airlock: cannot connect to ${host}:${port}\n`);
      else client.destroy();
    };
    upstream.once('error', fail);
    upstream.once('connect', () => {
      upstream.off('error', fail);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      if (method === 'CONNECT') {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      } else {
        // Origin-form for the server; one request per connection, so every request is checked.
        const kept = lines.slice(1).filter((l) => !/^(proxy-connection|proxy-authorization|connection|keep-alive)\s*:/i.test(l));
        upstream.write(`${method} ${url!.pathname}${url!.search} ${version}\r\n${[...kept, 'Connection: close'].join('\r\n')}\r\n\r\n`, 'latin1');
      }
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };

  const server = net.createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.socketPath, () => {
      server.off('error', reject);
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
