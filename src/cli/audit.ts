// `airlock audit verify <file>`: checks the hash chain of an audit log and names
// the first entry that no longer fits, then compares its end with every copy of its
// head: `<file>.head` and the copy in the per-user state dir (the editor also keeps one
// in its global state, compared by "Airlock: Verify Audit Log"). Exit 0 intact (a torn
// last line is only noted), 1 tampered or truncation not ruled out, 2 usage or read error.
import * as fs from 'node:fs';
import { headCopyFile, headCopyOf, verifyWithHeads, type HeadCopy } from '../gate/audit';
import { stateDir, statePaths } from '../gate/state_dir';
import { existingFile, parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand, CliIo } from './types';

const USAGE = `Usage: airlock audit verify <file> [--head <file.head>] [--state-dir <dir>] [--json]

Checks the hash chain of an Airlock audit log, names the first entry that no longer fits, and compares
its end with every copy of its head (<file>.head and the copy in the per-user state dir), so a log cut
short is caught too. Exit 0: intact (a torn last line is only noted); 1: tampered, or truncation cannot
be ruled out (a head is missing or unreadable); 2: usage or read error.
  --head       the head file to check the end against (default: <file>.head)
  --state-dir  Airlock's per-user state dir holding the second copy (default: ~/.airlock)
  --json       the report as JSON
`;

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
  const opts = parseOptions(args, { values: ['--head', '--state-dir'], flags: ['--json'] });
  if (typeof opts === 'string') return usageError(io, 'audit', opts);
  const [file, extra] = opts.positional;
  if (!file) return usageError(io, 'audit', 'give the audit log to verify: airlock audit verify <file>');
  if (extra !== undefined) return usageError(io, 'audit', `unexpected argument '${extra}'`);
  const json = opts.flags.has('--json');
  const headPath = opts.values.get('--head');
  if (headPath !== undefined) {
    const head = existingFile(headPath);
    if ('error' in head) return usageError(io, 'audit', `--head ${head.error}`);
  }
  // A state dir that does not exist is an answer, not a usage error: no second copy of the head there.
  const statePath = opts.values.get('--state-dir');
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
    if (wantsHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    const [sub, ...rest] = args;
    if (sub === 'verify') return verify(rest, io);
    if (sub === undefined) return usageError(io, 'audit', 'missing subcommand: airlock audit verify <file>');
    return usageError(io, 'audit', sub.startsWith('-') ? `unknown option '${sub}'` : `unknown subcommand '${sub}' (expected verify)`);
  },
};
