// One place that undoes everything the harness started, whatever way the run ends:
// normal return, a thrown error, Ctrl-C, SIGTERM from CI, or process.exit() somewhere.
// Each step has an async form (graceful) and a sync form (for the 'exit' event, where
// nothing async can run any more), so the editor's process group is never left behind.

/** @type {{ name: string, run: () => Promise<void> | void, runSync: () => void }[]} */
const steps = [];
let installed = false;
let tearingDown = null;

/**
 * Registers a cleanup step. Steps run last-registered first.
 * @param {string} name
 * @param {() => Promise<void> | void} run
 * @param {() => void} [runSync] used when the process is already exiting
 */
export function onTeardown(name, run, runSync = () => {}) {
  install();
  const step = { name, run, runSync };
  steps.push(step);
  return () => {
    const i = steps.indexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

/** Runs every registered step once (graceful form). Safe to call more than once. */
export function teardown() {
  tearingDown ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop();
      try {
        await step.run();
      } catch (err) {
        process.stderr.write(`teardown: ${step.name}: ${err instanceof Error ? err.message : String(err)}\n`);
        try {
          step.runSync();
        } catch {
          // already reported above; keep tearing down the rest
        }
      }
    }
  })();
  return tearingDown;
}

function install() {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping everything this run started\n`);
      const force = setTimeout(() => process.exit(130), 10_000);
      force.unref();
      teardown().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    while (steps.length > 0) {
      try {
        steps.pop().runSync();
      } catch {
        // exiting: nothing more can be done
      }
    }
  });
}
