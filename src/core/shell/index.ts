// Public API of the shell analyzer. Host code calls initShell() once with the wasm bytes
// (see src/host/shell_wasm.ts); after that analyzeShell() is synchronous and pure.
export { analyzeShell, REDEFINES_TRUTH } from './analyze';
export { initShell, isShellReady, MAX_PARSE_CHARS, type ShellWasm } from './parser';
export { MAX_COMMANDS, MAX_UNWRAP_DEPTH } from './state';
export type { AnalyzeOptions, ShellAnalysis, ShellFinding, ShellFindingRule } from './types';
export { isTrivial } from './fastpath';
