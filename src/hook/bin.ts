// dist/hook.js: the hook on its own, for the per-user shim agents run before every tool call.
// Same behaviour as `airlock hook`, without parsing the whole CLI bundle on each call; the
// classifier (dist/offline.js) loads only when no editor answers.
import { HOOK_USAGE, parseHookArgs } from './args';
import { runHook } from './main';

const { agent, event } = parseHookArgs(process.argv.slice(2));
if (!agent) {
  process.stderr.write(HOOK_USAGE);
  process.exitCode = 2;
} else {
  runHook({ agent, ...(event ? { event } : {}) }, process).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Airlock blocked this: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
