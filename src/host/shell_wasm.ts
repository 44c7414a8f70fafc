// Node-side loader for the shell parser's wasm. The bundles find the files copied next to them by
// esbuild.js (dist/); tests and tools running from source fall back to node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
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

/**
 * For short-lived processes (the hook, the CLI verbs), before loading the parser: compile its wasm with
 * V8's baseline compiler only. The optimising tier-up of the 1.3 MB grammar costs ~0.4 s of CPU and never
 * pays off within one run (measured: one `airlock classify` line 0.55 s -> 0.15 s, 12,000 lines 1.04 s ->
 * 0.78 s). Never call it inside the editor: V8 flags there would apply to every extension.
 */
export function preferQuickStartWasm(): void {
  v8.setFlagsFromString('--liftoff-only');
}
