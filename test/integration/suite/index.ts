// The standard `run()` entry that VS Code calls in the extension host when it is started with
// extensionTestsPath (the web workbench test hooks here, @vscode/test-electron elsewhere).
// It runs every *.itest.js bundled next to it with mocha and, when AIRLOCK_ITEST_RESULTS is set
// (by test/integration/run.mjs on the editor process), writes the counts there so the runner
// does not have to parse console output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.AIRLOCK_ITEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.itest.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const failures: { title: string; error: string }[] = [];
    const runner = mocha.run((failed) => {
      const stats = runner.stats ?? { passes: 0, failures: failed, pending: 0 };
      const results = process.env.AIRLOCK_ITEST_RESULTS;
      if (results) {
        fs.writeFileSync(
          results,
          JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending, failures }),
        );
      }
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), error: err.message }));
  });
}
