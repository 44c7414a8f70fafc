// Loads the offline classifier (dist/offline.js) for the hook. Parsing and compiling that bundle is most of
// what a hook call with no editor costs over a bare `node` start; a V8 code cache kept in the per-user state
// dir cuts compiling from about 15 ms to 3. The cache sits beside the hook's own launcher (same trust,
// same 0700 directory), V8 checks it against the source and rejects a stale or foreign one, and any problem
// at all falls back to a plain import, so the cache can make the hook faster but never change an answer.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { enableLinearRegex } from '../host/regex_engine';

type OfflineModule = typeof import('./offline');

function bundledOffline(): string | undefined {
  // Only the shipped dist/hook.js has dist/offline.js beside it; tests and the CLI bundle import it.
  if (path.basename(__filename) !== 'hook.js') return undefined;
  const file = path.join(__dirname, 'offline.js');
  return fs.existsSync(file) ? file : undefined;
}

function writeAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function loadWithCodeCache(file: string, cacheDir: string): OfflineModule {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = path.join(cacheDir, 'offline.js.v8cache');
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundle switches this V8 flag on when it runs; V8 rejects a cache made under other flags, so it is
  // switched on before compiling, and the cache made after the run (with the functions it compiled) fits.
  enableLinearRegex();
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const stale = !cachedData || script.cachedDataRejected === true;
  const mod = { exports: {} as OfflineModule };
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown, f: string, d: string) => void;
  wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  if (stale) {
    // Written as the process ends, so the cache also holds the functions this call compiled to judge and
    // record: the next call runs them without compiling.
    process.once('exit', () => {
      try {
        fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // A cache we cannot write only costs speed.
      }
    });
  }
  return mod.exports;
}

/**
 * The offline classifier; `trustedRoot` is the per-user state dir when it passed the ownership checks, else ''.
 * Loaded once per process: the hook asks for it to judge and again to record, and a second load would compile
 * and run the whole bundle again (after its first run had changed V8's flags, so the cache did not fit).
 */
let loaded: { root: string; module: Promise<OfflineModule> } | undefined;

export function loadOffline(trustedRoot: string): Promise<OfflineModule> {
  if (loaded?.root === trustedRoot) return loaded.module;
  const module = (async (): Promise<OfflineModule> => {
    const file = bundledOffline();
    if (file && trustedRoot) {
      try {
        return loadWithCodeCache(file, path.join(trustedRoot, 'cache'));
      } catch {
        // fall through to the plain import
      }
    }
    return import('./offline.js');
  })();
  loaded = { root: trustedRoot, module };
  return module;
}
