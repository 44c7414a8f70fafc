// What the classification benchmark measures, bundled once by esbuild so both tools run in-process.
export { classify } from '../../src/core/classify';
export { loadShellParser } from '../../src/host/shell_wasm';
