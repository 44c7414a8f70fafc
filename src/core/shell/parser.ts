// Owns the one tree-sitter parser. Initialised once from wasm bytes the host passes in (core does no I/O),
// then used synchronously. Parsing is bounded by size and by time so a hostile command cannot stall a hook.
// require(), so bundlers pick web-tree-sitter's CommonJS build (its ESM build reads import.meta.url, which
// does not exist in our CommonJS bundles), and only inside initShell(): the hook decides plain commands
// without the parser and should not pay for evaluating its module on every call.
import type * as TreeSitter from 'web-tree-sitter';

type Tree = TreeSitter.Tree;

/** Above this many characters the parser is not even tried: a dense 64 KB script takes ~100 ms to parse. */
export const MAX_PARSE_CHARS = 48 * 1024;
/** Safety net for pathological inputs below the size limit; cancels the parse (decision: ask). */
export const MAX_PARSE_MS = 60;

let parser: TreeSitter.Parser | undefined;
let initPromise: Promise<void> | undefined;

export interface ShellWasm {
  /** web-tree-sitter.wasm */
  runtime: Uint8Array;
  /** tree-sitter-bash.wasm */
  bash: Uint8Array;
}

/** Idempotent: concurrent and repeated calls share one initialisation. */
export function initShell(wasm: ShellWasm): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const { Language, Parser } = require('web-tree-sitter') as typeof TreeSitter;
      await Parser.init({ wasmBinary: wasm.runtime } as Parameters<typeof Parser.init>[0]);
      const language = await Language.load(wasm.bash);
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
    })();
    initPromise.catch(() => {
      initPromise = undefined;
    });
  }
  return initPromise;
}

export function isShellReady(): boolean {
  return parser !== undefined;
}

export type ParseOutcome = { tree: Tree } | { tooComplex: string };

const now: () => number = () => performance.now();

export function parseBash(text: string): ParseOutcome {
  if (!parser) throw new Error('shell parser not initialised: call initShell() first');
  if (text.length > MAX_PARSE_CHARS) {
    return { tooComplex: `the command is ${text.length} characters long, more than the ${MAX_PARSE_CHARS} Airlock analyses` };
  }
  const start = now();
  let tree: Tree | null = null;
  try {
    tree = parser.parse(text, null, {
      // Returning true cancels the parse; web-tree-sitter's typing says void but honours the value.
      progressCallback: (() => now() - start > MAX_PARSE_MS) as unknown as () => void,
    });
  } catch {
    tree = null;
  }
  if (!tree) {
    parser.reset();
    return { tooComplex: `parsing the command took longer than ${MAX_PARSE_MS} ms` };
  }
  return { tree };
}
