// Node-side loader for the shell parser's wasm. The bundles find the files copied next to them by
// esbuild.js (dist/); tests and tools running from source fall back to node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initShell, type ShellWasm } from '../core/shell';

const FILES = { runtime: 'web-tree-sitter.wasm', bash: 'tree-sitter-bash.wasm' } as const;
const PACKAGE_PATHS = { runtime: 'web-tree-sitter/web-tree-sitter.wasm', bash: 'tree-sitter-bash/tree-sitter-bash.wasm' } as const;

function locate(kind: keyof typeof FILES): string {
  const beside = path.join(__dirname, FILES[kind]);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(PACKAGE_PATHS[kind], { paths: [__dirname, process.cwd()] });
}

export function readShellWasm(): ShellWasm {
  return { runtime: fs.readFileSync(locate('runtime')), bash: fs.readFileSync(locate('bash')) };
}

/** Idempotent; call before the first classify(). */
export function loadShellParser(): Promise<void> {
  return initShell(readShellWasm());
}
