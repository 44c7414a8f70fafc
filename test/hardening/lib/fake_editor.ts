// A process that looks to the hook like an editor's extension host: node running
// `<install>/out/bootstrap-fork --type=extensionHost` with the install's product.json beside `out/`,
// which is how VS Code servers (code-server, Remote-SSH) start theirs. The hook believes a gate only
// in such a process; tests whose gate must be believed run it here. Same-user code can build this
// too: README "Limits, stated plainly" says so, and trust.test.ts pins it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** An install layout; `main` and its arguments follow `--main` on the command line. */
export function fakeEditorInstall(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alfake-editor-'));
  made.push(dir);
  fs.mkdirSync(path.join(dir, 'out'));
  fs.writeFileSync(path.join(dir, 'product.json'), JSON.stringify({ nameShort: 'Code - Test', applicationName: 'code-test' }));
  fs.writeFileSync(
    path.join(dir, 'out', 'bootstrap-fork'),
    "const i = process.argv.indexOf('--main');\nconst main = process.argv[i + 1];\nprocess.argv = [process.argv[0], main, ...process.argv.slice(i + 2)];\nrequire(main);\n",
  );
  return dir;
}

export interface ChildGate {
  child: ChildProcess;
  out(): string;
  stop(): Promise<void>;
}

/** Starts `script` (a bundled fixture) as an extension host would run, or plainly with `asEditor: false`. */
export async function startChild(script: string, args: string[], opts: { asEditor: boolean; ready?: RegExp; extraArgv?: string[] }): Promise<ChildGate> {
  const argv = opts.asEditor
    ? [path.join(fakeEditorInstall(), 'out', 'bootstrap-fork'), '--type=extensionHost', '--transformURIs', '--main', script, ...args]
    : [script, ...(opts.extraArgv ?? []), ...args];
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const ready = opts.ready ?? /^ready /m;
  const end = Date.now() + 20_000;
  while (!ready.test(out)) {
    if (child.exitCode !== null) throw new Error(`gate child exited (${child.exitCode}): ${out}`);
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`gate child not ready: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    out: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}
