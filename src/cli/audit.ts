// `airlock audit verify <file>`: checks the hash chain of an audit log and names
// the first entry that no longer fits, then compares its end with every copy of its
// head: `<file>.head` and the copy in the per-user state dir (the editor also keeps one
// in its global state, compared by "Airlock: Verify Audit Log"). Exit 0 intact (a torn
// last line is only noted), 1 tampered or truncation not ruled out, 2 usage or read error.
import * as fs from 'node:fs';
import { headCopyFile, headCopyOf, verifyWithHeads, type HeadCopy } from '../gate/audit';
import { stateDir, statePaths } from '../gate/state_dir';
import type { CliCommand, CliIo } from './types';

const USAGE = 'usage: airlock audit verify <file> [--head <file.head>] [--state-dir <dir>] [--json]\n';

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : '';
  }
}

/** Every copy of the head this process can reach. */
export function headCopiesFor(file: string, headFile: string, root: string): HeadCopy[] {
  return [headCopyOf(`the head file (${headFile})`, readOrUndefined(headFile)), headCopyOf("the state dir's copy", readOrUndefined(headCopyFile(statePaths(root).auditHeads, file)))];
}

async function verify(args: string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const headIdx = args.indexOf('--head');
  const headPath = headIdx >= 0 ? args[headIdx + 1] : undefined;
  const stateIdx = args.indexOf('--state-dir');
  const statePath = stateIdx >= 0 ? args[stateIdx + 1] : undefined;
  const positional = args.filter((a, i) => !a.startsWith('--') && (headIdx < 0 || i !== headIdx + 1) && (stateIdx < 0 || i !== stateIdx + 1));
  const file = positional[0];
  if (!file || positional.length > 1 || (headIdx >= 0 && !headPath) || (stateIdx >= 0 && !statePath)) {
    io.stderr.write(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    io.stderr.write(`airlock audit: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    return 2;
  }
  // The writer keeps `<file>.head` next to the log; use it when present so a cut-off end is caught too.
  const headFile = headPath ?? `${file}.head`;
  const copies = headCopiesFor(file, headFile, statePath ?? stateDir());
  const report = verifyWithHeads(text, copies);
  if (json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else if (report.ok) {
    const matched = copies.filter((c) => c.state === 'ok').length;
    io.stdout.write(`ok: ${report.entries} entries, chain intact, matches head${matched > 1 ? ` (${matched} copies)` : ''}\n`);
  } else if (report.truncationUnknown) {
    io.stdout.write(`NOT VERIFIED: ${report.entries} entries, chain intact, but ${report.truncationUnknown}\n`);
  } else if (report.broken) {
    const which = report.broken.seq !== undefined ? `entry #${report.broken.seq}` : 'an entry';
    io.stdout.write(`BROKEN at line ${report.broken.line} (${which}): ${report.broken.reason}\n`);
    io.stdout.write(`the ${report.entries} entries before it are intact\n`);
  } else {
    io.stdout.write(`BROKEN: ${report.headMismatch ?? 'unknown'}\n`);
  }
  if (!json && report.tornTail) {
    io.stdout.write(`note: line ${report.tornTail.line} is a torn tail (${report.tornTail.bytes} bytes, a write interrupted by a crash), not tampering\n`);
  }
  if (!json && report.sealedTornLines.length) {
    io.stdout.write(`note: torn lines sealed by a later writer: ${report.sealedTornLines.join(', ')}\n`);
  }
  return report.ok ? 0 : 1;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify an audit log: airlock audit verify <file>',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'verify') return verify(rest, io);
    io.stderr.write(USAGE);
    return 2;
  },
};
