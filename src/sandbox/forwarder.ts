// The bridge that runs inside the sandbox when a host list is set. The sandbox's network namespace
// has only loopback, so this small node program listens on 127.0.0.1:<proxy port> (where
// HTTP(S)_PROXY points) and carries every connection to the proxy's unix socket outside
// (proxy.ts), which decides. For each allow-list entry naming the host's own loopback with a port
// (`127.0.0.1:5173`), it also listens on that port inside and tunnels it through a CONNECT, so a dev
// server outside stays reachable at the same address. It keeps one connection to the proxy open and
// exits when that closes (`airlock run` is gone) or when the command it was started for has exited.
// Written to the run's private temp dir as a plain script: it must not depend on where Airlock lives.
import { HOLD_LINE } from './proxy';

export interface ForwarderConfig {
  socket: string;
  proxyPort: number;
  forwards: { host: string; port: number }[];
  /** Created once every listener is up; the shell that starts the command waits for it. */
  ready: string;
}

export const FORWARDER_SOURCE = `'use strict';
const fs = require('fs');
const net = require('net');
const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const parent = process.ppid;
const say = (m) => process.stderr.write('airlock run: ' + m + '\\n');

function pipeBoth(a, b) {
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
  // end(), not destroy(): what is still buffered for the other side gets written first.
  a.on('close', () => b.end());
  b.on('close', () => a.end());
  a.pipe(b);
  b.pipe(a);
}

function tunnel(client, target) {
  const up = net.connect(cfg.socket);
  if (!target) return pipeBoth(client, up);
  client.pause();
  client.on('error', () => up.destroy());
  up.on('error', () => client.destroy());
  up.write('CONNECT ' + target + ' HTTP/1.1\\r\\nHost: ' + target + '\\r\\n\\r\\n');
  let head = Buffer.alloc(0);
  const onData = (d) => {
    head = Buffer.concat([head, d]);
    const end = head.indexOf('\\r\\n\\r\\n');
    if (end < 0) {
      if (head.length > 65536) { up.destroy(); client.destroy(); }
      return;
    }
    up.off('data', onData);
    if (!/^HTTP\\/1\\.[01] 200/.test(head.toString('latin1', 0, end))) { up.destroy(); client.destroy(); return; }
    const rest = head.subarray(end + 4);
    if (rest.length) client.write(rest);
    pipeBoth(client, up);
    client.resume();
  };
  up.on('data', onData);
}

function listen(port, host, target) {
  return new Promise((resolve, reject) => {
    const server = net.createServer((c) => tunnel(c, target));
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

const hold = net.connect(cfg.socket);
hold.on('error', () => process.exit(0));
hold.on('close', () => process.exit(0));
hold.on('connect', async () => {
  hold.write('${HOLD_LINE}\\r\\n\\r\\n');
  try {
    await listen(cfg.proxyPort, '127.0.0.1', undefined);
    for (const f of cfg.forwards) {
      const target = (f.host.includes(':') ? '[' + f.host + ']' : f.host) + ':' + f.port;
      await listen(f.port, '127.0.0.1', target);
      await listen(f.port, '::1', target).catch(() => undefined);
    }
  } catch (err) {
    say('the network bridge inside the sandbox cannot listen: ' + (err && err.message));
    process.exit(2);
  }
  fs.writeFileSync(cfg.ready, '');
  // The command replaced the shell that started this bridge; when it is gone, so is the bridge.
  setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 500);
});
`;

